"""Whole numbers from query strings, form fields and paths: one parser, bounded before anything
reaches the database.

Issue 12: `GET /review?page=0000001` followed by 193 zeros was a 500 (the page route read the
first seven characters to check the range, then converted them all; SQLite raised
OverflowError). Every page and route now parses integers here:

- ASCII digits only (`isdigit` alone takes "²" and "١", which `int` then refuses or reads),
  with a leading `-` only where negative numbers are allowed;
- leading zeros ignored, and the number of digits checked BEFORE `int()`, so a thousand-digit
  string is refused without being converted;
- a range: by default 1 to 2**31 - 1, what an INTEGER column holds on PostgreSQL.

`number_field` is for query and form fields (`Invalid`: a 422 with the form's message);
`path_number` for ids in the path (404: there is no such thing).
"""

from __future__ import annotations

from mi_sim.services.errors import Invalid
from mi_sim.web.deps import PageError

MAX_ID = 2**31 - 1


class NotANumber(ValueError):
    """Not a whole number within the bounds."""


def bounded_int(raw: str | None, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """The whole number written in `raw` if it lies in [low, high]; None for a blank value;
    `NotANumber` for anything else."""
    text = (raw or "").strip()
    if not text:
        return None
    negative = low < 0 and text.startswith("-")
    digits = text[1:] if negative else text
    if not digits or not digits.isascii() or not digits.isdigit():
        raise NotANumber(raw)
    digits = digits.lstrip("0") or "0"
    if len(digits) > len(str(max(abs(low), abs(high)))):
        raise NotANumber(raw)
    value = -int(digits) if negative else int(digits)
    if not low <= value <= high:
        raise NotANumber(raw)
    return value


def number_field(raw: str | None, what: str, *, low: int = 1, high: int = MAX_ID) -> int | None:
    """A query or form field: None when blank, else the number or `Invalid` naming `what`."""
    try:
        return bounded_int(raw, low=low, high=high)
    except NotANumber:
        raise Invalid(f"{what} must be a whole number from {low:,} to {high:,}") from None


def path_number(raw: str, what: str, *, high: int = MAX_ID) -> int:
    """An id from the path: anything but a number from 1 to `high` is no such `what` (404)."""
    try:
        value = bounded_int(raw, high=high)
    except NotANumber:
        value = None
    if value is None:
        raise PageError(404, f"There is no such {what}.")
    return value
