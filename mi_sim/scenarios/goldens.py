"""Golden transcripts: a persona's expected answers to a fixed script, and the check that it
still gives them.

A golden is the JSON that `tests/golden/*.json` store (`scenario`, `level`, `seed`, the clinician
`lines` and the expected `turns`, each a `mi_sim.transcript.turn_record`), plus an optional
`name`. Because the engine is deterministic for a seed, replaying the lines against the persona
must give the same turns; `run_golden` says which turn and field changed when it does not.

    golden = record_golden("first visit", persona, "standard", 7, lines)
    result = run_golden(new_version, golden)
    for line in describe(result):
        print(line)

Pure: no database, no web; `load_golden_file` is the only function that reads a file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mi_sim.engine.persona import Persona
from mi_sim.engine.turn import MAX_UTTERANCE, UtteranceError, check_utterance
from mi_sim.transcript import replay

MAX_LINES = 200
"""Clinician lines in one golden (a long session is about 40)."""
MAX_LINE = MAX_UTTERANCE
"""The longest clinician line: the engine's own bound."""
MAX_NAME = 80
MAX_TEXT = 8000
"""The longest patient line or cue kept in a turn (replies are at most 800 characters before
their `{slot}`s are filled)."""
MAX_TURN_KEYS = 50
MAX_FILE_BYTES = 4 * 1024 * 1024
"""A golden file at the bounds (200 lines of 2,000 characters, each repeated in its turn) fits."""
SEED_LIMIT = 2**63
"""Seeds are stored as 64-bit integers: -SEED_LIMIT <= seed < SEED_LIMIT."""
DEFAULT_NAME = "golden"

_SLUG = re.compile(r"^[a-z][a-z0-9-]{1,47}$")
_LEVEL = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_KEYS = ("name", "scenario", "level", "seed", "lines", "turns")
_TURN_REQUIRED: dict[str, type] = {
    "turn": int, "clinician": str, "code": str, "patient": str, "talk": str, "state": dict,
    "ended": bool,
}
# The fields of a turn compared first, in this order; any other field follows, sorted.
_COMPARED_FIRST = ("patient", "talk", "cue", "code", "ended")
# Not compared: the turn number aligns the turns, the clinician line is the script's own, and a
# trace (when a golden carries one) explains rather than specifies.
_NOT_COMPARED = frozenset({"turn", "clinician", "trace"})


class GoldenError(ValueError):
    """A golden that is malformed or out of bounds; the message names where and the field."""


@dataclass(frozen=True)
class Golden:
    """A script of clinician lines and the turns the persona is expected to answer with.

    `lines` may run past the last turn only when that turn is a walk-out: the replay stops
    there, as `mi_sim.transcript.replay` does.
    """

    name: str
    scenario: str
    level: str
    seed: int
    lines: tuple[str, ...]
    turns: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class TurnDiff:
    """One difference between the golden and the replay.

    `field` is a turn field (`patient`, `talk`, `cue`, `code`, `ended`), a state number as a
    dotted path (`state.rapport`, `state.affects.fear`), `turn` for a turn only one side has
    (its missing side is None), or `level`/`scenario`/`clinician` for a golden that cannot be
    replayed as it stands (turn 0 for the golden as a whole).
    """

    turn: int
    field: str
    expected: object
    actual: object


@dataclass(frozen=True)
class GoldenResult:
    """The outcome of replaying a golden: passed when there is no difference."""

    name: str
    passed: bool
    diffs: tuple[TurnDiff, ...]
    actual: tuple[dict[str, Any], ...]

    @property
    def first_difference(self) -> int | None:
        """The first turn that differs (0: the golden as a whole), None when it passed."""
        return min((d.turn for d in self.diffs), default=None)


# ---------------------------------------------------------------------------------------------
# Shape and bounds


def _fail(where: str, field: str, message: str) -> GoldenError:
    return GoldenError(f"{where}: {field}: {message}")


def _kind(value: object) -> str:
    names = {dict: "an object", list: "a list", str: "text", bool: "true or false",
             int: "a whole number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _text(value: object, where: str, field: str, limit: int, *, blank_ok: bool = False) -> str:
    if not isinstance(value, str):
        raise _fail(where, field, f"must be text, not {_kind(value)}")
    if not blank_ok and not value.strip():
        raise _fail(where, field, "must not be empty")
    if len(value) > limit:
        raise _fail(where, field, f"is {len(value)} characters long; the limit is {limit}")
    return value


def _check_name(value: object, where: str) -> str:
    name = _text(value, where, "name", MAX_NAME)
    if _CONTROL.search(name):
        raise _fail(where, "name", "must be one line without control characters")
    return name.strip()


def _check_pattern(value: object, where: str, field: str, pattern: re.Pattern[str],
                   what: str) -> str:
    text = _text(value, where, field, 48)
    if not pattern.match(text):
        raise _fail(where, field, f"{text!r} is not {what}")
    return text


def _check_seed(value: object, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, "seed", f"must be a whole number, not {_kind(value)}")
    if not -SEED_LIMIT <= value < SEED_LIMIT:
        raise _fail(where, "seed", "must fit in 64 bits")
    return value


def check_line(value: object, where: str, field: str) -> str:
    """A clinician line as the engine will take it; a `GoldenError` naming `field` if not."""
    if not isinstance(value, str):
        raise _fail(where, field, f"must be text, not {_kind(value)}")
    try:
        check_utterance(value)
    except UtteranceError as exc:
        raise _fail(where, field, str(exc)) from None
    return value


def _check_lines(value: object, where: str) -> tuple[str, ...]:
    if not isinstance(value, list | tuple):
        raise _fail(where, "lines", f"must be a list of clinician lines, not {_kind(value)}")
    if not value:
        raise _fail(where, "lines", "must hold at least one clinician line")
    if len(value) > MAX_LINES:
        raise _fail(where, "lines", f"has {len(value)} lines; the limit is {MAX_LINES}")
    return tuple(check_line(line, where, f"lines[{i}]") for i, line in enumerate(value))


def _check_turn(value: object, where: str, index: int, line: str) -> dict[str, Any]:
    field = f"turns[{index}]"
    if not isinstance(value, dict):
        raise _fail(where, field, f"must be an object, not {_kind(value)}")
    if len(value) > MAX_TURN_KEYS:
        raise _fail(where, field, f"has {len(value)} fields; the limit is {MAX_TURN_KEYS}")
    for key, kind in _TURN_REQUIRED.items():
        if key not in value:
            raise _fail(where, f"{field}.{key}", "is missing")
        item = value[key]
        if not isinstance(item, kind) or (kind is int and isinstance(item, bool)):
            raise _fail(where, f"{field}.{key}", f"must be {_kind(kind())}, not {_kind(item)}")
    if value["turn"] != index + 1:
        raise _fail(where, f"{field}.turn", f"is {value['turn']}; turns must be numbered "
                    f"1, 2, 3… in order (expected {index + 1})")
    if value["clinician"] != line.strip():
        raise _fail(where, f"{field}.clinician", f"does not match lines[{index}]")
    _text(value["patient"], where, f"{field}.patient", MAX_TEXT)
    for key in ("code", "talk"):
        _text(value[key], where, f"{field}.{key}", 40)
    if "cue" in value:
        _text(value["cue"], where, f"{field}.cue", MAX_TEXT)
    return dict(value)


def _check_turns(value: object, where: str, lines: tuple[str, ...]) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list | tuple):
        raise _fail(where, "turns", f"must be a list of turns, not {_kind(value)}")
    if len(value) > len(lines):
        raise _fail(where, "turns", f"has {len(value)} turns for {len(lines)} lines; a turn "
                    "answers one line")
    turns = tuple(_check_turn(t, where, i, lines[i]) for i, t in enumerate(value))
    for i, turn in enumerate(turns[:-1]):
        if turn["ended"]:
            raise _fail(where, f"turns[{i}].ended", "the patient ended the session here, so "
                        "no turn can follow it")
    if len(turns) < len(lines) and not (turns and turns[-1]["ended"]):
        raise _fail(where, "turns", f"has {len(turns)} turns for {len(lines)} lines; lines "
                    "may only run past the last turn when the patient walked out on it")
    return turns


def golden_from_dict(data: object, where: str, default_name: str = DEFAULT_NAME) -> Golden:
    """A `Golden` from its JSON form, checked for shape and bounds.

    `where` (a file name or "golden 3") starts every error message; `default_name` is used
    when the data has no `name` (the files in tests/golden have none).
    """
    if not isinstance(data, dict):
        raise GoldenError(f"{where}: a golden must be a JSON object, not {_kind(data)}")
    unknown = sorted(str(k) for k in data if k not in _KEYS)
    if unknown:
        raise GoldenError(f"{where}: unknown field(s) {', '.join(unknown)} (a golden has "
                          f"{', '.join(_KEYS)})")
    for key in _KEYS[1:]:
        if key not in data:
            raise _fail(where, key, "is missing")
    name = _check_name(data.get("name", default_name), where)
    scenario = _check_pattern(data["scenario"], where, "scenario", _SLUG, "a persona slug")
    level = _check_pattern(data["level"], where, "level", _LEVEL, "a level name")
    seed = _check_seed(data["seed"], where)
    lines = _check_lines(data["lines"], where)
    turns = _check_turns(data["turns"], where, lines)
    return Golden(name, scenario, level, seed, lines, turns)


def golden_to_dict(golden: Golden) -> dict[str, Any]:
    """The JSON form of a golden (what `golden_from_dict` reads back)."""
    return {
        "name": golden.name,
        "scenario": golden.scenario,
        "level": golden.level,
        "seed": golden.seed,
        "lines": list(golden.lines),
        "turns": [dict(turn) for turn in golden.turns],
    }


def golden_json(golden: Golden) -> str:
    """The golden as the text of a file (indented like tests/golden/*.json, ending in a newline)."""
    return json.dumps(golden_to_dict(golden), indent=1, ensure_ascii=False) + "\n"


def load_golden_text(data: bytes | str, where: str = "<golden>",
                     default_name: str = DEFAULT_NAME) -> Golden:
    """A golden from the text (or bytes) of a JSON file; a `GoldenError` says what is wrong."""
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise GoldenError(f"{where}: the file is {len(data)} bytes; the limit is "
                              f"{MAX_FILE_BYTES}")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise GoldenError(f"{where}:{line}: the file is not UTF-8 text") from None
    else:
        text = data
        if len(text) > MAX_FILE_BYTES:
            raise GoldenError(f"{where}: the text is {len(text)} characters; the limit is "
                              f"{MAX_FILE_BYTES}")
    if not text.strip():
        raise GoldenError(f"{where}:1: the file is empty")
    try:
        parsed = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldenError(f"{where}:{exc.lineno}: not valid JSON: {exc.msg} "
                          f"(column {exc.colno})") from None
    except (RecursionError, ValueError) as exc:
        raise GoldenError(f"{where}: not valid JSON: {exc}") from None
    return golden_from_dict(parsed, where, default_name)


def load_golden_file(path: Path | str) -> Golden:
    """A golden file; its name is the `name` inside, else the file's stem."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                size = handle.seek(0, os.SEEK_END)
                raise GoldenError(f"{name}: the file is {size} bytes; the limit is "
                                  f"{MAX_FILE_BYTES}")
    except OSError as exc:
        raise GoldenError(f"{name}: cannot read the file: {exc.strerror}") from None
    return load_golden_text(data, name, Path(path).stem or DEFAULT_NAME)


# ---------------------------------------------------------------------------------------------
# Recording and running


def record_golden(name: str, persona: Persona, level: str, seed: int,
                  lines: Sequence[str]) -> Golden:
    """Play `lines` against the persona and keep what it answers as a golden.

    The replay stops at a walk-out, like `replay`; the later lines are kept in the golden (so a
    persona that no longer walks out shows the turns it now plays as extra turns). Raises
    `GoldenError` for an unknown level or a line the engine would refuse.
    """
    where = f"golden {name!r}" if isinstance(name, str) else "golden"
    name = _check_name(name, where)
    seed = _check_seed(seed, where)
    checked = _check_lines(list(lines), where)
    if level not in persona.levels:
        raise _fail(where, "level", f"{persona.slug} has no level {level!r} (levels: "
                    f"{', '.join(sorted(persona.levels))})")
    turns = tuple(replay(persona, checked, level, seed))
    return Golden(name, persona.slug, level, seed, checked, turns)


def _flatten(value: object, prefix: str) -> Iterator[tuple[str, object]]:
    """Leaves of nested objects as (dotted path, value); other values are leaves themselves."""
    if isinstance(value, dict) and value:
        for key in value:
            yield from _flatten(value[key], f"{prefix}.{key}")
    else:
        yield prefix, value


def _field_order(expected: Mapping[str, Any], actual: Mapping[str, Any]) -> list[str]:
    keys = set(expected) | set(actual)
    first = [k for k in _COMPARED_FIRST if k in keys]
    rest = sorted(k for k in keys if k not in _COMPARED_FIRST and k not in _NOT_COMPARED)
    return first + rest


def compare_turn(turn: int, expected: Mapping[str, Any],
                 actual: Mapping[str, Any]) -> list[TurnDiff]:
    """Every field in which two turn records differ (nested state numbers one by one)."""
    diffs: list[TurnDiff] = []
    for key in _field_order(expected, actual):
        want = dict(_flatten(expected.get(key), key))
        got = dict(_flatten(actual.get(key), key))
        paths = list(want) + [p for p in got if p not in want]
        for path in paths:
            a, b = want.get(path), got.get(path)
            if a != b or (type(a) is not type(b) and not _same_number(a, b)):
                diffs.append(TurnDiff(turn, path, a, b))
    return diffs


def _same_number(a: object, b: object) -> bool:
    """1 and 1.0 are the same state number; True and 1 are not the same value."""
    numbers = (int, float)
    return (isinstance(a, numbers) and isinstance(b, numbers)
            and not isinstance(a, bool) and not isinstance(b, bool) and a == b)


def run_golden(persona: Persona, golden: Golden) -> GoldenResult:
    """Replay the golden's lines with its level and seed and compare every turn.

    Never raises for a golden the persona cannot play: a level the persona no longer has, or a
    line the engine refuses, is a failing result with a diff that says so.
    """
    diffs: list[TurnDiff] = []
    if golden.scenario != persona.slug:
        diffs.append(TurnDiff(0, "scenario", golden.scenario, persona.slug))
    if golden.level not in persona.levels:
        diffs.append(TurnDiff(0, "level", golden.level, None))
        return GoldenResult(golden.name, False, tuple(diffs), ())
    actual: list[dict[str, Any]] = []
    try:
        for record in replay(persona, golden.lines, golden.level, golden.seed):
            actual.append(record)
    except UtteranceError as exc:
        diffs.append(TurnDiff(len(actual) + 1, "clinician", golden.lines[len(actual)],
                              f"refused: {exc}"))
    for i in range(max(len(golden.turns), len(actual))):
        want = golden.turns[i] if i < len(golden.turns) else None
        got = actual[i] if i < len(actual) else None
        if want is not None and got is not None:
            diffs.extend(compare_turn(i + 1, want, got))
        elif not any(d.field == "clinician" and d.turn == i + 1 for d in diffs):
            diffs.append(TurnDiff(i + 1, "turn", want, got))
    return GoldenResult(golden.name, not diffs, tuple(diffs), tuple(actual))


def run_goldens(persona: Persona, goldens: Sequence[Golden]) -> list[GoldenResult]:
    """Every golden of a persona, in order."""
    return [run_golden(persona, golden) for golden in goldens]


# ---------------------------------------------------------------------------------------------
# Describing a result


def _show(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _describe_diff(diff: TurnDiff) -> list[str]:
    if diff.field == "level":
        return [f"level: the golden is played at level {_show(diff.expected)!r}, which the "
                "persona no longer has"]
    if diff.field == "scenario":
        return [f"scenario: the golden is for {_show(diff.expected)}, not "
                f"{_show(diff.actual)}"]
    if diff.field == "clinician":
        return [f"turn {diff.turn} clinician: the engine {_show(diff.actual)}",
                f"  line: {_show(diff.expected)}"]
    if diff.field == "turn":
        if diff.actual is None:
            patient = diff.expected.get("patient") if isinstance(diff.expected, dict) else None
            return [f"turn {diff.turn}: missing from the replay (the conversation ended "
                    "earlier)", f"  - {_show(patient)}"]
        patient = diff.actual.get("patient") if isinstance(diff.actual, dict) else None
        return [f"turn {diff.turn}: new in the replay (the golden ended before it)",
                f"  + {_show(patient)}"]
    return [f"turn {diff.turn} {diff.field}:", f"  - {_show(diff.expected)}",
            f"  + {_show(diff.actual)}"]


def describe(result: GoldenResult) -> list[str]:
    """Readable lines for a CLI or a page: a heading, then each difference as
    `turn N field:` with the golden's value after `-` and the replay's after `+`."""
    if result.passed:
        return [f"{result.name}: passed ({len(result.actual)} turns)"]
    count = len(result.diffs)
    first = result.first_difference
    where = f" (first at turn {first})" if first else ""
    lines = [f"{result.name}: FAILED, {count} difference{'s' if count != 1 else ''}{where}"]
    for diff in result.diffs:
        lines.extend(_describe_diff(diff))
    return lines
