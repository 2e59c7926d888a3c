"""Helpers for persona tests: the example fixture as text, edited by plain replacement."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"
EXAMPLE_PATH = DATA / "example_persona.yaml"


def example_text() -> str:
    return EXAMPLE_PATH.read_text(encoding="utf-8")


def edited(old: str, new: str, text: str | None = None) -> str:
    """The example (or `text`) with the first `old` replaced by `new`; `old` must be there."""
    source = example_text() if text is None else text
    assert old in source, f"fixture changed: {old!r} not found"
    return source.replace(old, new, 1)


def line_of(text: str, fragment: str, start: int = 0) -> int:
    """1-based line of the first `fragment` at or after character `start`."""
    index = text.index(fragment, start)
    return text.count("\n", 0, index) + 1
