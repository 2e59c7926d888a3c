"""Read a transcript a supervisor pasted or uploaded into numbered clinician and patient lines.

    parsed = parse_transcript(text_or_bytes, filename="session.csv")
    for line, speaker, text in parsed.utterances: ...     # speaker: "clinician" | "patient"

Two formats, detected from the content (and the filename for CSV):

1. Speaker-prefixed lines, e.g. `T: How have you been?` / `Client: Not great.` Speakers, in any
   case: T, Therapist, Clinician, Counselor, Counsellor, Interviewer (the clinician) and C, Client,
   Patient, Interviewee (the patient). A timestamp may come first (`[00:01:23] T: …`,
   `00:01:23 T: …`, `(01:23) T: …`) or straight after the prefix. A line without a prefix continues
   the utterance above it (joined with a space); blank lines and timestamp-only lines are skipped.
   Consecutive prefixed lines of the same speaker stay separate utterances.
2. CSV whose header has `speaker` and `text` columns (any order, any case; other columns are
   ignored). Quoted fields may hold commas and newlines. Speakers as above.

Line numbers are 1-based physical lines of the input, so they match what an editor shows; a CSV
row is numbered by the line it starts on.

Anything wrong raises `TranscriptError` with every problem found (up to `MAX_PROBLEMS`), each
naming its line; there is never a partial result.

Pure: text or bytes in, a value out. No I/O.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Literal, NamedTuple

from mi_sim.engine.plain_text import is_blank, problem
from mi_sim.engine.turn import MAX_UTTERANCE

Speaker = Literal["clinician", "patient"]
Format = Literal["lines", "csv"]

MAX_UTTERANCES = 2000
MAX_BYTES = 1_000_000
MAX_PROBLEMS = 20

SPEAKERS: dict[str, Speaker] = {
    "t": "clinician", "therapist": "clinician", "clinician": "clinician",
    "counselor": "clinician", "counsellor": "clinician", "interviewer": "clinician",
    "c": "patient", "client": "patient", "patient": "patient", "interviewee": "patient",
}
SPEAKER_LIST = ("T:/C:, Therapist:/Client:, Clinician:/Patient:, Counselor:/Client: or "
                "Interviewer:/Interviewee:")
SPEAKER_HINT = f"use {SPEAKER_LIST}"
CSV_SPEAKER_HINT = ("use therapist/client, t/c, clinician/patient, counselor/client or "
                    "interviewer/interviewee")

_TS = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_TIMESTAMP = rf"(?:\[\s*{_TS}\s*\]|\(\s*{_TS}\s*\)|{_TS})"
_TIMESTAMP_ONLY = re.compile(rf"{_TIMESTAMP}(?:\s*(?:-->|-|–)\s*{_TIMESTAMP})?")
# After the prefix only a bracketed timestamp is dropped: "C: 3:00 every night" keeps its time.
_BRACKETED_TIMESTAMP = re.compile(rf"^(?:\[\s*{_TS}\s*\]|\(\s*{_TS}\s*\))\s*")
# An optional timestamp, then something shaped like a speaker label, then a colon.
_LABEL = r"[^\W\d_][\w.'’-]*(?:[ \t]+[\w.'’-]+){0,2}"
_PREFIX = re.compile(rf"(?:{_TIMESTAMP}\s*)?(?P<label>{_LABEL})[ \t]*:(?P<rest>.*)")
_MAX_LABEL = 25


class Utterance(NamedTuple):
    """One utterance: the line it starts on, who said it, and what they said."""

    line: int
    speaker: Speaker
    text: str


@dataclass(frozen=True, slots=True)
class ParsedTranscript:
    utterances: tuple[Utterance, ...]
    format: Format

    @property
    def clinician_count(self) -> int:
        return sum(1 for u in self.utterances if u.speaker == "clinician")

    @property
    def patient_count(self) -> int:
        return sum(1 for u in self.utterances if u.speaker == "patient")

    def to_dict(self) -> dict[str, object]:
        return {
            "format": self.format,
            "utterances": [{"line": u.line, "speaker": u.speaker, "text": u.text}
                           for u in self.utterances],
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input; `line` is None when it concerns the whole input."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message if self.line is None else f"line {self.line}: {self.message}"


class TranscriptError(ValueError):
    """The transcript could not be read; `problems` says where and why (nothing was parsed)."""

    def __init__(self, problems: list[Problem]) -> None:
        shown = problems[:MAX_PROBLEMS]
        extra = len(problems) - len(shown)
        if extra:
            shown = [*shown, Problem(None, f"… and {extra} more "
                                           f"{'problem' if extra == 1 else 'problems'}")]
        self.problems: tuple[Problem, ...] = tuple(shown)
        super().__init__("the transcript could not be read:\n"
                         + "\n".join(str(p) for p in self.problems))

    @property
    def messages(self) -> list[str]:
        return [str(p) for p in self.problems]


def _fail(line: int | None, message: str) -> TranscriptError:
    return TranscriptError([Problem(line, message)])


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    problems = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as error:
            bad = raw[error.start]
            problems.append(Problem(number, f"this is not UTF-8 text (byte 0x{bad:02X}); save "
                                            "the file as UTF-8 and try again"))
    raise TranscriptError(problems)


def _to_text(text: str | bytes) -> str:
    if isinstance(text, bytes | bytearray):
        data = bytes(text)
        if len(data) > MAX_BYTES:
            raise _too_big(len(data))
        text = _decode(data)
    elif not isinstance(text, str):
        raise TypeError("the transcript must be str or bytes")
    else:
        size = len(text.encode("utf-8", errors="surrogatepass"))
        if size > MAX_BYTES:
            raise _too_big(size)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    problems = [Problem(number, f"this line {found}") for number, line
                in enumerate(text.split("\n"), start=1)
                if not is_blank(line) and (found := problem(line)) is not None]
    if problems:
        raise TranscriptError(problems[:50])
    return text


def _too_big(size: int) -> TranscriptError:
    return _fail(None, f"the transcript is {size:,} bytes; the limit is {MAX_BYTES:,} bytes "
                       "(1 MB) — split it into several transcripts")


def _check_length(line: int, text: str, problems: list[Problem]) -> None:
    if len(text) > MAX_UTTERANCE:
        problems.append(Problem(line, f"the utterance is {len(text):,} characters long; the "
                                      f"limit is {MAX_UTTERANCE:,} — split it into several lines"))


def _finish(utterances: list[Utterance], problems: list[Problem],
            fmt: Format) -> ParsedTranscript:
    if len(utterances) > MAX_UTTERANCES:
        problems.append(Problem(None, f"the transcript has {len(utterances):,} utterances; the "
                                      f"limit is {MAX_UTTERANCES:,} — split it into several "
                                      "transcripts"))
    if problems:
        problems.sort(key=lambda p: (p.line is None, p.line or 0))
        raise TranscriptError(problems)
    return ParsedTranscript(tuple(utterances), fmt)


# --------------------------------------------------------------------------------------------
# Speaker-prefixed lines


def _looks_like_speaker(label: str, rest: str) -> bool:
    """An unknown label we should refuse rather than read as part of the text ("Doctor: …")."""
    if len(label) > _MAX_LABEL or (rest and not rest[0].isspace()):
        return False
    words = label.split()
    return len(words) == 1 or all(word[0].isupper() or word[0].isdigit() for word in words)


@dataclass(slots=True)
class _Open:
    line: int
    label: str
    speaker: Speaker | None  # None: an unknown speaker whose continuation lines are swallowed
    parts: list[str]


def _parse_lines(lines: list[str]) -> ParsedTranscript:
    utterances: list[Utterance] = []
    problems: list[Problem] = []
    orphans: list[int] = []
    recognised = 0
    current: _Open | None = None

    def close() -> None:
        if current is None or current.speaker is None:
            return
        text = " ".join(part for part in current.parts if part)
        if is_blank(text):
            problems.append(Problem(current.line, f"'{current.label}:' has no text after it"))
            return
        _check_length(current.line, text, problems)
        utterances.append(Utterance(current.line, current.speaker, text))

    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if is_blank(stripped) or _TIMESTAMP_ONLY.fullmatch(stripped):
            continue
        match = _PREFIX.fullmatch(stripped)
        if match:
            label, rest = match["label"], match["rest"]
            speaker = SPEAKERS.get(label.lower())
            if speaker is not None or _looks_like_speaker(label, rest):
                close()
                recognised += 1
                rest = _BRACKETED_TIMESTAMP.sub("", rest.strip(), count=1)
                current = _Open(number, label, speaker, [rest.strip()])
                if speaker is None:
                    problems.append(Problem(number, f"unknown speaker '{label}' — {SPEAKER_HINT}"))
                continue
        if current is None:
            orphans.append(number)
        else:
            current.parts.append(stripped)
    close()

    if not recognised:
        raise _fail(None, "no line starts with a speaker and there is no CSV header with "
                          f"speaker and text columns — {SPEAKER_HINT}, or upload a CSV with "
                          "speaker,text")
    problems.extend(Problem(n, "this line has no speaker and there is no line above it to "
                                   f"continue — start it with a speaker ({SPEAKER_LIST})")
                        for n in orphans)
    return _finish(utterances, problems, "lines")


# --------------------------------------------------------------------------------------------
# CSV


def _parse_csv(text: str) -> ParsedTranscript:
    reader = csv.reader(io.StringIO(text), strict=True)
    utterances: list[Utterance] = []
    problems: list[Problem] = []
    header: list[str] | None = None
    speaker_col = text_col = 0
    header_line = 1
    start = 1
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if all(is_blank(cell) for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in row]
                header_line = line
                missing = [name for name in ("speaker", "text") if name not in header]
                if missing:
                    found = ", ".join(repr(cell) for cell in row)
                    raise _fail(line, f"the CSV header needs 'speaker' and 'text' columns; "
                                      f"{' and '.join(repr(m) for m in missing)} "
                                      f"{'is' if len(missing) == 1 else 'are'} missing "
                                      f"(found {found})")
                speaker_col, text_col = header.index("speaker"), header.index("text")
                continue
            needed = max(speaker_col, text_col) + 1
            if len(row) < needed:
                problems.append(Problem(line, f"the row has {len(row)} "
                                              f"{'column' if len(row) == 1 else 'columns'}; "
                                              f"the header (line {header_line}) needs at least "
                                              f"{needed}"))
                continue
            label = row[speaker_col].strip()
            said = " ".join(part.strip() for part in row[text_col].split("\n") if part.strip())
            speaker = SPEAKERS.get(label.lower())
            if speaker is None:
                shown = f"unknown speaker '{label}'" if label else "the speaker is empty"
                problems.append(Problem(line, f"{shown} — {CSV_SPEAKER_HINT}"))
                continue
            if is_blank(said):
                problems.append(Problem(line, f"the {label} line has no text"))
                continue
            _check_length(line, said, problems)
            utterances.append(Utterance(line, speaker, said))
    except csv.Error as error:
        problems.append(Problem(reader.line_num or None, f"this is not valid CSV ({error})"))
    if header is not None and not utterances and not problems:
        raise _fail(header_line, "the CSV has a header but no rows")
    return _finish(utterances, problems, "csv")


def _looks_like_csv(first_line: str, filename: str | None) -> bool:
    if filename is not None and filename.lower().endswith(".csv"):
        return True
    try:
        cells = next(csv.reader([first_line]))
    except (csv.Error, StopIteration):
        return False
    names = {cell.strip().lower() for cell in cells}
    return len(cells) >= 2 and bool(names & {"speaker", "text"})


# --------------------------------------------------------------------------------------------


def parse_transcript(text: str | bytes, filename: str | None = None) -> ParsedTranscript:
    """The transcript's utterances in order, or a `TranscriptError` listing every problem."""
    content = _to_text(text)
    if is_blank(content):
        raise _fail(None, "the transcript is empty")
    lines = content.split("\n")
    first = next(line.strip() for line in lines if line.strip())
    match = _PREFIX.fullmatch(first)
    if match and (match["label"].lower() in SPEAKERS
                  or _looks_like_speaker(match["label"], match["rest"])):
        return _parse_lines(lines)
    if _looks_like_csv(first, filename):
        return _parse_csv(content)
    return _parse_lines(lines)
