"""Code any transcript: a supervisor pastes or uploads a real or role-played session and gets
it coded by the same coder, stored so the review page and the summaries work on it.

    imported = services.imports.import_transcript(supervisor, text_or_bytes, "s1.csv", "Intake")
    services.reviews.review_detail(supervisor, imported.session_id)

How a transcript becomes a session (kind 'imported', no persona version, ended at once):

- it is parsed by `mi_sim.transcript_import.parse_transcript` (`T:`/`C:` lines or CSV with
  speaker,text; bounded to 1 MB and 2,000 utterances). A `TranscriptError` becomes
  `InvalidTranscript` (an `Invalid`) whose message lists every problem by line; nothing is
  stored;
- each clinician utterance is coded with `code_utterance` (context: the lines before it) and
  becomes one turn: `clinician` is the utterance; `patient` is the client utterance(s) that
  follow it, joined with a newline; `talk`/`subtype` code that joined reply with
  `code_client_talk` ('neutral' when the clinician spoke twice in a row). Client lines before
  the first clinician line become the session's `opening`;
- every client line is also coded on its own; the codes sit in the turn's trace
  (`client_lines`; those of the opening in turn 1's `opening_lines`), and the stored MITI
  summary counts client talk per client line, as MITI coders do;
- the turn's `state` is {} (no simulated patient); feedback holds the MITI summary.

The coding happens before the write; the session, its turns and its feedback are stored in one
transaction. Who may import: supervisors, instructors and admins.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.engine.client_coder import ClientCoding, code_client_talk
from mi_sim.engine.coder import code_utterance
from mi_sim.engine.coding import ContextLine
from mi_sim.engine.plain_text import is_blank
from mi_sim.scoring.miti import describe, summarize
from mi_sim.services.access import may_import
from mi_sim.services.errors import Forbidden, Invalid
from mi_sim.services.records import ImportedTranscript, UserRecord
from mi_sim.services.text_fields import text_field
from mi_sim.storage.db import writing
from mi_sim.storage.models import Feedback, PracticeSession, SessionKind, Turn, utcnow
from mi_sim.transcript_import import ParsedTranscript, TranscriptError, parse_transcript

TITLE_LENGTH = 200
FILENAME_LENGTH = 255
# How many earlier lines the coders see (the coder reads the last patient line; a summary
# reflection may gather a few more).
CONTEXT_LINES = 6
END_REASON = "imported"


class InvalidTranscript(Invalid):
    """The transcript could not be read; `problems` lists each problem ("line 3: …")."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("the transcript could not be read:\n" + "\n".join(self.problems))


def _line(coding: ClientCoding, line: int) -> dict[str, Any]:
    return {"line": line, "text": coding.text, "talk": coding.talk.value,
            "subtype": None if coding.subtype is None else coding.subtype.value,
            "why": coding.why, "rule": coding.rule}


def code_transcript(parsed: ParsedTranscript) -> tuple[list[dict[str, Any]], list[str],
                                                       list[dict[str, Any]]]:
    """The turns (column values without ids), the opening client lines' texts and codes.

    Pure: the coders only. Returns `(turns, opening_texts, opening_codes)`.
    """
    history: list[ContextLine] = []
    turns: list[dict[str, Any]] = []
    opening_texts: list[str] = []
    opening_codes: list[dict[str, Any]] = []
    for utterance in parsed.utterances:
        context = history[-CONTEXT_LINES:]
        if utterance.speaker == "clinician":
            coding = code_utterance(utterance.text, context)
            turns.append({
                "number": len(turns) + 1, "clinician": utterance.text,
                "code": coding.code.value, "why": coding.why,
                "segments": [{"text": s.text, "code": s.code.value, "why": s.why,
                              "rule": s.rule} for s in coding.segments],
                "trace": {"imported": True, "line": utterance.line, "code_rule": coding.rule,
                          "flags": sorted(coding.flags), "client_lines": []},
                "_context": [*context, ContextLine("clinician", utterance.text)]})
        else:
            coded = _line(code_client_talk(utterance.text, context), utterance.line)
            if turns:
                turns[-1]["trace"]["client_lines"].append(coded)
            else:
                opening_texts.append(utterance.text)
                opening_codes.append(coded)
        history.append(ContextLine("clinician" if utterance.speaker == "clinician"
                                   else "patient", utterance.text))
    for turn in turns:
        lines = turn["trace"]["client_lines"]
        context = turn.pop("_context")[-CONTEXT_LINES:]
        if lines:
            reply = "\n".join(line["text"] for line in lines)
            coding = code_client_talk(reply, context)
            turn.update(patient=reply, talk=coding.talk.value,
                        subtype=None if coding.subtype is None else coding.subtype.value)
            turn["trace"]["talk_why"] = coding.why
        else:
            turn.update(patient="", talk="neutral", subtype=None)
    if turns and opening_codes:
        turns[0]["trace"]["opening_lines"] = opening_codes
    return turns, opening_texts, opening_codes


class Imports:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self.sessions = sessions

    def import_transcript(self, user: UserRecord, text: str | bytes,
                          filename: str | None = None,
                          title: str | None = None) -> ImportedTranscript:
        """Parse, code and store a transcript as a session of kind 'imported' (see module)."""
        if not may_import(user):
            raise Forbidden("only supervisors, instructors and admins may import transcripts")
        if filename is not None and (not isinstance(filename, str)
                                     or len(filename) > FILENAME_LENGTH):
            raise Invalid(f"the file name must be text of at most {FILENAME_LENGTH} characters")
        name = self._title(title, filename)
        if not isinstance(text, str | bytes | bytearray):
            raise Invalid("the transcript must be text or an uploaded file")
        try:
            parsed = parse_transcript(bytes(text) if isinstance(text, bytearray) else text,
                                      filename)
        except TranscriptError as exc:
            raise InvalidTranscript(exc.messages) from None
        if parsed.clinician_count == 0:
            raise InvalidTranscript(["the transcript has no clinician lines (T:, Therapist:, "
                                     "Clinician:, …) to code"])

        turns, opening_texts, opening_codes = code_transcript(parsed)
        client_talk = [line["talk"] for line in opening_codes]
        client_talk += [line["talk"] for t in turns for line in t["trace"]["client_lines"]]
        summary = summarize([t["code"] for t in turns], client_talk)
        feedback = {"turns": len(turns), "end_reason": END_REASON, "kind": "imported",
                    "format": parsed.format, "client_lines": parsed.patient_count,
                    "miti": summary.to_dict(), "describe": describe(summary),
                    "trajectory": []}

        session_id = secrets.token_urlsafe(16)
        now = utcnow()
        with writing(self.sessions) as db:
            db.add(PracticeSession(
                id=session_id, user_id=user.id, kind=SessionKind.IMPORTED.value, title=name,
                persona_version_id=None, level="", seed=0, state={}, turn_count=len(turns),
                ended=True, end_reason=END_REASON,
                opening="\n".join(opening_texts) or None, started_at=now, ended_at=now))
            db.flush()
            db.execute(insert(Turn), [
                {**t, "session_id": session_id, "client_turn_id": None, "cue": None,
                 "state": {}, "created_at": now} for t in turns])
            db.add(Feedback(session_id=session_id, summary=feedback, created_at=now))
        return ImportedTranscript(
            session_id=session_id, title=name, format=parsed.format, turns=len(turns),
            clinician_lines=parsed.clinician_count, client_lines=parsed.patient_count,
            change_talk=summary.change_talk, sustain_talk=summary.sustain_talk,
            neutral_talk=summary.neutral_talk)

    @staticmethod
    def _title(title: str | None, filename: str | None) -> str:
        if title is not None and not isinstance(title, str):
            raise Invalid("the title must be text")
        name = text_field(title or "", "title", multiline=False).strip()
        if is_blank(name):
            name = ""
        if not name and filename:
            name = PurePath(filename.replace("\\", "/")).stem.strip()
        name = " ".join(name.split()) or f"Imported transcript {utcnow():%Y-%m-%d %H:%M}"
        if len(name) > TITLE_LENGTH:
            raise Invalid(f"the title is longer than {TITLE_LENGTH} characters")
        return name
