"""What if the clinician had said something else? Replay a stored conversation with one line
changed, against the same persona version or another, and show both branches.

The engine is deterministic for a seed, so replaying a stored session's clinician lines with its
level and seed against the persona version it used reproduces the session turn for turn; the
branch is the same replay with one line swapped (and, optionally, the later lines dropped).

    result = what_if(v1, v2, lines, "standard", 7, turn=4, new_line="What worries you most?")
    for number, before, after in side_by_side(result): ...

Pure: no database, no web.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mi_sim.engine.persona import Persona
from mi_sim.engine.turn import UtteranceError, check_utterance
from mi_sim.transcript import replay

MAX_LINES = 1000
"""The longest conversation a what-if replays (a long practice session is about 40 turns)."""
COMPARED = ("patient", "code", "talk", "cue", "ended", "state")
"""The fields of a turn record that make two turns "the same"."""


class WhatIfError(ValueError):
    """A what-if that cannot be played, with a message for the user."""


@dataclass(frozen=True)
class WhatIf:
    """Both branches as `mi_sim.transcript.turn_record` dicts.

    `changed_turn` is the 1-based turn whose clinician line was replaced; `first_difference`
    is the first turn number at which the branches differ in reply, code, talk, cue, ending or
    state (a turn present in only one branch differs too), or None when they are the same.
    """

    original: tuple[dict[str, Any], ...]
    branch: tuple[dict[str, Any], ...]
    changed_turn: int
    first_difference: int | None


def same_turn(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    """Whether two turn records say the same thing (the clinician line is not compared)."""
    return all(a.get(key) == b.get(key) for key in COMPARED)


def first_difference(original: Sequence[Mapping[str, Any]],
                     branch: Sequence[Mapping[str, Any]]) -> int | None:
    """The first turn number at which two transcripts differ, or None."""
    for i, (a, b) in enumerate(zip(original, branch, strict=False)):
        if not same_turn(a, b):
            return i + 1
    if len(original) != len(branch):
        return min(len(original), len(branch)) + 1
    return None


def _check_level(persona: Persona, level: str, which: str) -> None:
    if level not in persona.levels:
        known = ", ".join(sorted(persona.levels))
        raise WhatIfError(f"the {which} persona ({persona.slug}) has no level {level!r} "
                          f"(levels: {known})")


def _replay(persona: Persona, lines: Sequence[str], level: str, seed: int,
            which: str) -> tuple[dict[str, Any], ...]:
    try:
        return tuple(replay(persona, lines, level, seed))
    except UtteranceError as exc:
        raise WhatIfError(f"the {which} branch cannot be replayed: {exc}") from None


def what_if(original_persona: Persona, branch_persona: Persona, lines: Sequence[str],
            level: str, seed: int, turn: int, new_line: str,
            keep_later_lines: bool = True) -> WhatIf:
    """Replay `lines` against `original_persona`, and the branch against `branch_persona`.

    The branch keeps the lines before `turn` (1-based), says `new_line` at `turn`, then the
    original later lines if `keep_later_lines` (stopping at a walk-out, like the original).
    Raises `WhatIfError` for a turn out of range, a blank or over-long `new_line`, or a level
    either persona lacks.
    """
    if isinstance(lines, str):
        raise WhatIfError("the stored lines must be a list of clinician lines, not one text")
    lines = list(lines)
    if not lines:
        raise WhatIfError("the conversation has no clinician lines to change")
    if len(lines) > MAX_LINES:
        raise WhatIfError(f"the conversation has {len(lines)} clinician lines; a what-if "
                          f"replays at most {MAX_LINES}")
    if isinstance(turn, bool) or not isinstance(turn, int):
        raise WhatIfError("the turn to change must be a whole number")
    if not 1 <= turn <= len(lines):
        raise WhatIfError(f"turn {turn} is out of range: the conversation has turns 1 to "
                          f"{len(lines)}")
    try:
        replacement = check_utterance(new_line)
    except UtteranceError as exc:
        raise WhatIfError(f"the new line: {exc}") from None
    _check_level(original_persona, level, "original")
    _check_level(branch_persona, level, "branch")

    original = _replay(original_persona, lines, level, seed, "original")
    if not 1 <= turn <= len(original):
        ended = " (the patient walked out then)" if original and original[-1]["ended"] else ""
        raise WhatIfError(f"turn {turn} is out of range: the conversation has turns 1 to "
                          f"{len(original)}{ended}")
    later = lines[turn:] if keep_later_lines else []
    branch_lines = [*lines[: turn - 1], replacement, *later]
    branch = _replay(branch_persona, branch_lines, level, seed, "new")
    return WhatIf(original, branch, turn, first_difference(original, branch))


def side_by_side(result: WhatIf) -> list[tuple[int, dict[str, Any] | None,
                                               dict[str, Any] | None]]:
    """(turn number, original turn, branch turn) rows for a two-column page; a side that has
    no such turn (one branch ended earlier) is None."""
    rows: list[tuple[int, dict[str, Any] | None, dict[str, Any] | None]] = []
    for i in range(max(len(result.original), len(result.branch))):
        a = result.original[i] if i < len(result.original) else None
        b = result.branch[i] if i < len(result.branch) else None
        rows.append((i + 1, a, b))
    return rows
