"""Reading and writing the JSON-lines streams of `mi-sim code` and `mi-sim replay`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from mi_sim.engine.coding import ContextLine

MAX_LINE_BYTES = 1_000_000
MAX_CONTEXT = 50


class InputError(ValueError):
    """A line of input that cannot be used, with a message naming what is wrong."""


@dataclass(frozen=True, slots=True)
class Numbered:
    number: int
    data: dict[str, Any] | None
    error: str | None


def read_objects(stream: TextIO | Iterable[str]) -> Iterator[Numbered]:
    """Each non-blank line as a JSON object, or the error that line has."""
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        if len(raw) > MAX_LINE_BYTES:
            yield Numbered(number, None, f"line is over {MAX_LINE_BYTES} characters")
            continue
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield Numbered(number, None, f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(data, dict):
            yield Numbered(number, None, "each line must be a JSON object")
            continue
        yield Numbered(number, data, None)


def text_field(data: dict[str, Any]) -> str:
    text = data.get("text")
    if not isinstance(text, str):
        raise InputError('"text" must be a string')
    return text


def context_field(data: dict[str, Any]) -> tuple[ContextLine, ...]:
    raw = data.get("context", [])
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise InputError('"context" must be a list of {"speaker", "text"} objects')
    if len(raw) > MAX_CONTEXT:
        raw = raw[-MAX_CONTEXT:]
    lines = []
    for i, item in enumerate(raw):
        if not isinstance(item, dict):
            raise InputError(f"context[{i}] must be an object")
        speaker, text = item.get("speaker"), item.get("text")
        if speaker not in ("patient", "clinician"):
            raise InputError(f'context[{i}].speaker must be "patient" or "clinician"')
        if not isinstance(text, str):
            raise InputError(f"context[{i}].text must be a string")
        lines.append(ContextLine(speaker, text))
    return tuple(lines)


def write(stream: TextIO, obj: dict[str, Any]) -> None:
    stream.write(json.dumps(obj, ensure_ascii=False) + "\n")
    stream.flush()
