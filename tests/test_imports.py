"""Code any transcript: an uploaded or pasted session becomes a coded, reviewable session of kind
'imported' — or a message naming the line, with nothing stored. Both databases."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select
from supervision_helpers import World, build_world

from mi_sim.scoring.globals import GlobalRatings
from mi_sim.services import Invalid, NotFound, Services
from mi_sim.services import imports as imports_module
from mi_sim.services.imports import InvalidTranscript
from mi_sim.services.records import UserRecord
from mi_sim.storage.db import reading
from mi_sim.storage.models import Feedback, PracticeSession, Turn

pytest_plugins = ("storage_fixtures",)

TRANSCRIPT = """\
C: I'm only here because my GP sent me.
T: What brings you in today?
C: My heart races at night.
C: I can't keep living like this.
T: It sounds like you are scared that something is badly wrong with your heart.
T: You should really see a psychologist.
C: I don't need therapy, it's physical.
"""

CSV_TRANSCRIPT = """\
speaker,text,minute
Therapist,"What would be different, if the attacks stopped?",1
Client,I really want to get back to driving.,2
"""


@pytest.fixture
def world(synced: Services) -> World:
    return build_world(synced)


def stored(services: Services) -> tuple[int, int, int]:
    with reading(services.sessions) as db:
        return tuple(db.scalar(select(func.count()).select_from(m)) or 0  # type: ignore[return-value]
                     for m in (PracticeSession, Turn, Feedback))


def test_a_transcript_becomes_a_coded_session_one_turn_per_clinician_line(
        synced: Services, world: World) -> None:
    result = synced.imports.import_transcript(world.sam, TRANSCRIPT, "visit.txt", "First visit")
    assert (result.title, result.format, result.turns) == ("First visit", "lines", 3)
    assert (result.clinician_lines, result.client_lines) == (3, 4)
    assert (result.change_talk, result.sustain_talk) == (1, 1)

    detail = synced.reviews.review_detail(world.sam, result.session_id)
    session = detail.session
    assert session.kind == "imported" and session.imported and session.ended
    assert (session.title, session.scenario, session.level) == ("First visit", None, None)
    assert session.opening == "I'm only here because my GP sent me."
    assert [line.line for line in session.opening_lines] == [1]
    assert [t.auto_code for t in detail.turns] == [
        "question_open", "reflection_complex", "persuade"]
    first, second, third = detail.turns
    assert first.patient == "My heart races at night.\nI can't keep living like this."
    assert first.talk == "change"
    assert [(c.line, c.talk) for c in first.client_lines] == [(3, "neutral"), (4, "change")]
    assert all(c.why for c in first.client_lines)
    assert (second.patient, second.talk, second.client_lines) == ("", "neutral", ())
    assert third.talk == "sustain" and third.client_lines[0].subtype == "reasons"
    assert first.before is None and first.after is None and first.why
    assert detail.can_review

    with reading(synced.sessions) as db:
        row = db.get(PracticeSession, result.session_id)
        feedback = db.scalar(select(Feedback.summary)
                             .where(Feedback.session_id == result.session_id))
    assert row is not None and row.persona_version_id is None and row.user_id == world.sam.id
    assert row.turn_count == 3 and row.end_reason == "imported" and row.state == {}
    assert feedback is not None and feedback["miti"]["r_to_q"] == 1.0
    assert feedback["miti"]["mi_non_adherent"] == 1 and feedback["miti"]["change_talk"] == 1


def test_a_csv_upload_is_read_by_its_header_and_titled_after_the_file(
        synced: Services, world: World) -> None:
    result = synced.imports.import_transcript(world.ivy, CSV_TRANSCRIPT.encode(),
                                              "role play 3.csv")
    assert (result.format, result.title, result.turns) == ("csv", "role play 3", 1)
    turn = synced.reviews.review_detail(world.ivy, result.session_id).turns[0]
    assert turn.clinician == "What would be different, if the attacks stopped?"
    assert turn.talk == "change"


def test_an_imported_session_is_reviewed_and_reported_like_any_other(
        synced: Services, world: World) -> None:
    sid = synced.imports.import_transcript(world.sam, TRANSCRIPT).session_id
    synced.reviews.set_code(world.sam, sid, 3, "confront")
    synced.reviews.add_comment(world.sam, sid, 3, "Labelling without permission.")
    synced.reviews.set_globals(world.sam, sid, GlobalRatings(2, 2, 3, 3))
    synced.reviews.complete(world.sam, sid)
    report = synced.reviews.reviewed_report(world.sam, sid)
    assert report.turns[2].human_codes[0].code == "confront"
    review = report.reviews[0]
    assert review.miti.non_adherent == 1 and review.miti.counts["confront"] == 1
    # client talk is counted per client line, as in the stored summary
    assert (review.miti.change_talk, review.miti.neutral_talk) == (1, 2)
    text = synced.exports.session_csv(world.sam, sid)
    assert "sam: confront" in text


@pytest.mark.parametrize(("text", "needle"), [
    ("T: Hello there.\nDoctor: How are you?\n", "line 2: unknown speaker 'Doctor'"),
    ("T: Hello there.\nC:\n", "line 2: 'C:' has no text"),
    ("just some words\nT: hi\n", "line 1: this line has no speaker"),
    ("C: I am fine.\nClient: Really.\n", "no clinician lines"),
    ("", "empty"),
    (b"T: caf\xe9\n", "line 1: this is not UTF-8"),
    ("speaker,text\nTherapist,Hi\nNurse,Hello\n", "line 3: unknown speaker 'Nurse'"),
])
def test_a_malformed_transcript_is_invalid_naming_the_line_and_stores_nothing(
        synced: Services, world: World, text: Any, needle: str) -> None:
    with pytest.raises(InvalidTranscript) as caught:
        synced.imports.import_transcript(world.sam, text, "upload.txt")
    assert needle in caught.value.message
    assert any(needle in problem for problem in caught.value.problems)
    assert isinstance(caught.value, Invalid)
    assert stored(synced) == (0, 0, 0)


def test_a_transcript_over_the_bounds_is_refused_before_any_coding(
        synced: Services, world: World) -> None:
    huge = "T: " + "word " * 250_000
    with pytest.raises(InvalidTranscript, match="limit is 1,000,000 bytes"):
        synced.imports.import_transcript(world.sam, huge)
    many = "".join(f"T: Line {n}?\n" for n in range(2001))
    with pytest.raises(InvalidTranscript, match="limit is 2,000"):
        synced.imports.import_transcript(world.sam, many)
    assert stored(synced) == (0, 0, 0)


def test_a_bad_title_or_file_name_is_invalid(synced: Services, world: World) -> None:
    with pytest.raises(Invalid, match="title is longer"):
        synced.imports.import_transcript(world.sam, TRANSCRIPT, title="t" * 201)
    with pytest.raises(Invalid, match="file name"):
        synced.imports.import_transcript(world.sam, TRANSCRIPT, filename="f" * 300)
    assert stored(synced) == (0, 0, 0)


def test_an_import_that_fails_while_storing_leaves_nothing_behind(
        synced: Services, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**_values: Any) -> None:
        raise RuntimeError("disk full")
    monkeypatch.setattr(imports_module, "Feedback", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        synced.imports.import_transcript(world.sam, TRANSCRIPT)
    assert stored(synced) == (0, 0, 0)


def test_the_importer_sees_their_import_and_the_others_do_not(
        synced: Services, world: World) -> None:
    sid = synced.imports.import_transcript(world.sue, TRANSCRIPT).session_id
    assert synced.reviews.review_detail(world.sue, sid).session.trainee == "sue"
    assert synced.reviews.review_detail(world.admin, sid).can_review
    from mi_sim.services import NotFound
    with pytest.raises(NotFound):
        synced.reviews.review_detail(world.sam, sid)


def test_an_imported_transcript_stays_out_of_the_practice_views(
        synced: Services, admin: UserRecord) -> None:
    imported = synced.imports.import_transcript(
        admin, "T: What brings you in?\nC: My doctor sent me.\n", "t.txt", "Role-play")
    listed = synced.practice.list_sessions(admin)
    assert imported.session_id not in [s.id for s in listed.items]
    assert listed.total == len(listed.items)
    mine = synced.history.own_sessions(admin, 1, 20)
    assert mine.total == len(mine.items)
    with pytest.raises(NotFound):
        synced.practice.get_session(admin, imported.session_id)
