"""What the persona editor shows beside the services: the format reference as HTML, the
starter text of a new persona, and the preview (a stateless replay with the engine's trace).

    reference_html()                      # scenarios/FORMAT.md, rendered once per process
    starter_text()                        # its complete example, with a slug to change
    play_preview(persona, lines, "standard", 7)   # every turn with state and trace

The preview is a pure function of its arguments (the engine is deterministic for a seed), so
the page keeps the clinician lines client-side and sends them all again with each new line.
It belongs with the library's use cases; until the service grows a `preview`, it lives here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from mi_sim.engine.persona import Persona
from mi_sim.engine.turn import (
    MAX_UTTERANCE,
    UtteranceError,
    check_utterance,
    open_session,
    take_turn,
)
from mi_sim.transcript import turn_record
from mi_sim.web.paths import ROOT

FORMAT_PATH = ROOT / "scenarios" / "FORMAT.md"
REFERENCE_PREFIX = "ref-"
MAX_PREVIEW_LINES = 100
"""Clinician lines in one preview (a long practice session is about 40)."""
MAX_PREVIEW_LINE = MAX_UTTERANCE
SEED_LIMIT = 2**63
STARTER_SLUG = "new-persona"

_FIRST_YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.M | re.S)
_SLUG_LINE = re.compile(r"^slug:.*$", re.M)
_NOT_IN_ANCHOR = re.compile(r"[^\w\- ]+")


class PreviewError(ValueError):
    """A preview request the engine cannot play; the message is for the user."""


# --- the format reference ----------------------------------------------------------------


def _anchor(text: str) -> str:
    """GitHub-style heading anchor: "YAML in five rules" -> "yaml-in-five-rules"."""
    return _NOT_IN_ANCHOR.sub("", text.strip().lower()).replace(" ", "-")


def render_reference(markdown: str) -> str:
    """Markdown to HTML with raw HTML escaped, tables on, every heading given an id and every
    in-page link (`#the-linter`) pointed at it, both prefixed with `ref-` so they cannot clash
    with the ids of the page around them."""
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    tokens: list[Token] = md.parse(markdown)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and index + 1 < len(tokens):
            token.attrSet("id", REFERENCE_PREFIX + _anchor(tokens[index + 1].content))
        for child in token.children or ():
            href = child.attrGet("href") if child.type == "link_open" else None
            if isinstance(href, str) and href.startswith("#"):
                child.attrSet("href", "#" + REFERENCE_PREFIX + href[1:])
    html: str = md.renderer.render(tokens, md.options, {})
    return html


@lru_cache(maxsize=1)
def reference_html() -> str:
    """scenarios/FORMAT.md as HTML (read once per process)."""
    return render_reference(FORMAT_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def starter_text() -> str:
    """The text a new persona starts from: FORMAT.md's complete example (tested to load and
    lint clean), with a slug the instructor is asked to change."""
    found = _FIRST_YAML_BLOCK.search(FORMAT_PATH.read_text(encoding="utf-8"))
    example = found.group(1) if found else "schema_version: 1\nslug: example\n"
    return _SLUG_LINE.sub(f"slug: {STARTER_SLUG}                 # change this: lower case, "
                          "digits and dashes; it cannot change once saved", example, count=1)


# --- the preview -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Preview:
    """A replayed conversation: the opening line, the public state before the first turn
    (`start`) and every turn as a `turn_record` with its `trace`, `end_reason` and the inner
    state the trace does not show (`inner`)."""

    level: str
    seed: int
    opening: str
    opening_cue: str | None
    start: dict[str, Any]
    lines: tuple[str, ...]
    turns: tuple[dict[str, Any], ...]

    @property
    def ended(self) -> bool:
        return bool(self.turns) and bool(self.turns[-1]["ended"])

    def to_dict(self) -> dict[str, Any]:
        return {"level": self.level, "seed": self.seed,
                "opening": {"text": self.opening, "cue": self.opening_cue, "state": self.start},
                "lines": list(self.lines), "turns": list(self.turns), "ended": self.ended}


def checked_lines(lines: object, new_line: object = None) -> list[str]:
    """The clinician lines of a preview (plus `new_line` when given), each checked like the
    engine checks an utterance; `PreviewError` names the line that is wrong."""
    if not isinstance(lines, list | tuple):
        raise PreviewError("the preview lines must be a list of clinician lines")
    every = list(lines)
    if isinstance(new_line, str) and new_line.strip():
        every.append(new_line)
    elif new_line is not None and not isinstance(new_line, str):
        raise PreviewError("the new line must be text")
    if len(every) > MAX_PREVIEW_LINES:
        raise PreviewError(f"a preview holds at most {MAX_PREVIEW_LINES} clinician lines; "
                           "start again to go on")
    out = []
    for number, line in enumerate(every, 1):
        if not isinstance(line, str):
            raise PreviewError(f"line {number} of the preview is not text")
        try:
            out.append(check_utterance(line))
        except UtteranceError as exc:
            raise PreviewError(f"line {number} of the preview: {exc}") from None
    return out


def checked_seed(seed: object) -> int:
    """A preview seed: a whole number (text from a form, or a JSON number) fitting 64 bits."""
    if isinstance(seed, str):
        text = seed.strip()
        if not text:
            return 1
        if len(text) > 20 or not re.fullmatch(r"-?\d+", text):
            raise PreviewError("the seed must be a whole number")
        seed = int(text)
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise PreviewError("the seed must be a whole number")
    if not -SEED_LIMIT <= seed < SEED_LIMIT:
        raise PreviewError("the seed must fit in 64 bits")
    return seed


def play_preview(persona: Persona, lines: list[str], level: str | None, seed: int) -> Preview:
    """Replay `lines` (already `checked_lines`) from the opening. A line after the patient
    has ended the session is a `PreviewError`, as it would be in a real session."""
    level = level or persona.default_level
    if level not in persona.levels:
        raise PreviewError(f"'{persona.slug}' has no level '{level}' (levels: "
                           f"{', '.join(sorted(persona.levels))})")
    state, opening = open_session(persona, level, seed)
    start = state.public(persona.parameters_for(level))
    cue = persona.opening.cue
    turns: list[dict[str, Any]] = []
    for number, line in enumerate(lines, 1):
        if state.ended:
            raise PreviewError(f"the patient ended the session at turn {number - 1}, so line "
                               f"{number} cannot be played; start again")
        result = take_turn(persona, state, line)
        state = result.state
        record = turn_record(persona, result, trace=True)
        record["end_reason"] = state.end_reason
        record["inner"] = {"good_turns": state.good_turns, "closed_run": state.closed_run,
                           "high_discord_run": state.high_discord_run,
                           "disclosed": list(state.disclosed),
                           "values_found": list(state.values_found),
                           "commitments": list(state.commitments),
                           "declined": list(state.declined)}
        turns.append(record)
    return Preview(level, seed, opening, persona.fill(cue) if cue else None, start,
                   tuple(lines), tuple(turns))
