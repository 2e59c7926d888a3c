"""The one rule for text that people type or upload: what is refused, and what counts as blank.

Every text field goes through `checked` at its boundary (a chat line in the engine, a review
comment, an imported transcript and its title, every string of a persona's YAML, a cohort
name), so nothing reaches the database that a backup could not restore:

- NUL and the other control characters are refused (PostgreSQL cannot store NUL in text, and
  `mi-sim import` refuses it); a tab and a newline are allowed where a field has lines, and a
  carriage return is read as a newline;
- lone surrogates (which no UTF-8 file can hold) are refused;
- a value of nothing but spaces, NUL and invisible characters (zero-width space, joiners, the
  byte-order mark, soft hyphen) is blank: `is_blank` says so, and a field that needs text says
  "empty" rather than storing something that shows as nothing.

Pure standard library: the engine, the persona loader and the services all use it.
"""

from __future__ import annotations

import unicodedata
from typing import Final

# Invisible characters that make a line look empty ("Cf" format characters and friends).
INVISIBLE: Final = frozenset("\x00\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c"
                             "\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061"
                             "\u2062\u2063\u2064\u206a\u206b\u206c\u206d\u206e\u206f\u3164"
                             "\ufeff\uffa0")
_LINE_BREAKS: Final = frozenset("\n\t")


class TextProblem(ValueError):
    """A value a text field refuses; the message says what and where."""


def is_blank(value: str) -> bool:
    """True for text of nothing but white space, NUL and invisible characters."""
    return all(c.isspace() or c in INVISIBLE or unicodedata.category(c) == "Cf" for c in value)


def problem(value: str, *, multiline: bool = True) -> str | None:
    """What is wrong with `value` as typed text, or None. Tabs and newlines only when
    `multiline` (a carriage return should have been read as a newline first: `checked`)."""
    for position, char in enumerate(value, start=1):
        category = unicodedata.category(char)
        if category == "Cc" and not (multiline and char in _LINE_BREAKS):
            name = ("a NUL character" if char == "\x00"
                    else f"a control character (U+{ord(char):04X})")
            return f"holds {name} at character {position}; remove it"
        if category == "Cs":
            return (f"holds a lone surrogate (U+{ord(char):04X}) at character {position}, "
                    "which is not text")
    return None


def checked(value: str, what: str, *, multiline: bool = True) -> str:
    """`value` with carriage returns read as newlines, or `TextProblem` naming `what`."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    found = problem(value, multiline=multiline)
    if found is not None:
        raise TextProblem(f"the {what} {found}")
    return value
