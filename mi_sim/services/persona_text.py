"""Persona text on its own, before and apart from the database: is it text we keep
(`checked_text`), is it a slug (`checked_slug`), which persona does it say it is (`identify`),
what do the loader and linter say of it (`examine`, `examined_draft`, `unpublishable`), and
how do two texts differ (`text_diff`). Pure functions; the rules they serve are in
`mi_sim.services.library`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeGuard

from mi_sim.engine.persona import Persona
from mi_sim.scenarios.lint import lint_persona
from mi_sim.scenarios.loader import MAX_BYTES, Problem, ScenarioError, load_located
from mi_sim.services.errors import Invalid, Unpublishable

EXAMINED_DRAFTS = 8
"""Draft texts whose `examine` this process remembers (for the preview, see `examined_draft`)."""
MAX_DIFF_CONTEXT = 1000
_SLUG = re.compile(r"^[a-z][a-z0-9-]{1,47}$")
_SLUG_LINE = re.compile(
    r"""^slug:[ \t]*(["']?)([a-z][a-z0-9-]{1,47})\1[ \t]*(?:\#.*)?\r?$""", re.M)
_TITLE_LINE = re.compile(r"^title:[ \t]*(.*?)[ \t]*\r?$", re.M)
_TITLE_LENGTH = 200
_PROBLEMS_IN_MESSAGE = 3


def is_slug(value: object) -> TypeGuard[str]:
    """Whether `value` is a well-formed persona slug (see `checked_slug`)."""
    return isinstance(value, str) and _SLUG.match(value) is not None


def checked_slug(slug: object) -> str:
    """`slug` when it is a well-formed persona slug, else `Invalid` saying what one is."""
    if not is_slug(slug):
        raise Invalid("a persona slug is 2–48 lower-case letters, digits and dashes, starting "
                      "with a letter (e.g. 'panic-disorder')")
    return slug


def draft_where(slug: str) -> str:
    """Where a draft's problems say they are: "<slug> (draft)"."""
    return f"{slug} (draft)"


def checked_text(data: bytes | str) -> str:
    """The text of a persona file, or `Invalid` (with nothing saved) when it is not UTF-8
    text, is over `MAX_BYTES`, or holds a NUL character. A UTF-8 byte-order mark on bytes is
    dropped; text is otherwise kept exactly as given."""
    if isinstance(data, bytes | bytearray):
        raw = bytes(data)
        if len(raw) > MAX_BYTES:
            raise Invalid(_too_big(len(raw)))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise Invalid(f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line "
                          f"{line}); save it as UTF-8 and try again. Nothing was saved."
                          ) from None
        text = text.removeprefix("\ufeff")
    elif isinstance(data, str):
        try:
            size = len(data.encode("utf-8"))
        except UnicodeEncodeError:
            raise Invalid("the text holds characters that are not valid Unicode; nothing "
                          "was saved") from None
        if size > MAX_BYTES:
            raise Invalid(_too_big(size))
        text = data
    else:
        raise Invalid("a persona must be given as text")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise Invalid(f"the text holds a NUL character (line {line}); persona files are plain "
                      "text. Nothing was saved.")
    return text


def _too_big(size: int) -> str:
    return (f"the text is {size} bytes; persona files are limited to {MAX_BYTES // 1024} KiB "
            f"({MAX_BYTES} bytes). Nothing was saved.")


def identify(text: str, persona: Persona | None = None) -> tuple[str | None, str | None]:
    """`(slug, title)` of a persona text: from the persona when the text loads (pass it when
    you have it), else from top-level `slug:` and `title:` lines (found by pattern; nothing is
    parsed). None where the text does not say."""
    if persona is None:
        try:
            persona, _ = load_located(text)
        except ScenarioError:
            persona = None
    if persona is not None:
        return persona.slug, persona.title
    slug_match = _SLUG_LINE.search(text)
    title_match = _TITLE_LINE.search(text)
    title = _plain_scalar(title_match.group(1)) if title_match else None
    return (slug_match.group(2) if slug_match else None), title


def _plain_scalar(value: str) -> str | None:
    """A one-line YAML scalar's text, roughly: quotes removed, a trailing comment dropped."""
    if value[:1] in ("'", '"'):
        end = value.find(value[0], 1)
        value = value[1:end] if end > 0 else value[1:]
    else:
        value = re.split(r"[ \t]#", value, maxsplit=1)[0]
    value = value.strip()
    return value[:_TITLE_LENGTH] or None


def examine(text: str, where: str, slug: str | None = None) -> tuple[Persona | None,
                                                                      list[Problem]]:
    """Load and lint a persona text: `(persona or None, problems sorted by line)`.

    With `slug`, a text naming another slug gets an error at its `slug:` line (a persona's
    slug never changes)."""
    try:
        persona, locator = load_located(text, where)
    except ScenarioError as exc:
        return None, list(exc.problems)
    problems = lint_persona(persona, locator, where)
    if slug is not None and persona.slug != slug:
        problems.append(Problem(where, locator.line(("slug",)),
                                f"slug: this is persona '{slug}'; its slug cannot change to "
                                f"'{persona.slug}' (start a new persona instead)"))
        problems.sort(key=lambda p: p.line)
    return persona, problems


@lru_cache(maxsize=EXAMINED_DRAFTS)
def examined_draft(text: str, slug: str) -> tuple[Persona | None, tuple[Problem, ...]]:
    """`examine` of the draft text of `slug`, remembered for the last `EXAMINED_DRAFTS` texts:
    each preview turn replays the same saved draft, and loading and linting a large persona
    takes tens of milliseconds. A pure function of its arguments, so shared by every
    `Library` of the process."""
    persona, problems = examine(text, draft_where(slug), slug)
    return persona, tuple(problems)


def unpublishable(what: str, problems: Sequence[Problem]) -> Unpublishable:
    """`Unpublishable` for `what` (e.g. "the draft of 'x'"): its errors counted, the first
    few shown at their lines, every problem attached."""
    errors = [p for p in problems if p.severity == "error"]
    shown = "; ".join(f"line {p.line}: {p.message}" for p in errors[:_PROBLEMS_IN_MESSAGE])
    more = len(errors) - _PROBLEMS_IN_MESSAGE
    if more > 0:
        shown += f"; and {more} more"
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    return Unpublishable(f"{what} has {count}, so it cannot be published: {shown}", problems)


def text_diff(slug: str, a: tuple[str, str], b: tuple[str, str], context: int = 3) -> list[str]:
    """A unified diff (lines without newlines) from `a` to `b`, each `(label, text)` of a side
    of persona `slug`; `context` lines around each change (0 to `MAX_DIFF_CONTEXT`)."""
    (a_label, a_text), (b_label, b_text) = a, b
    return list(difflib.unified_diff(
        a_text.splitlines(), b_text.splitlines(), fromfile=f"{slug} {a_label}",
        tofile=f"{slug} {b_label}", lineterm="",
        n=max(0, min(int(context), MAX_DIFF_CONTEXT))))
