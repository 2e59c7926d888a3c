"""Text fields at the service boundary: the engine's one rule (`mi_sim.engine.plain_text`), as
`Invalid` (a 422 in the API, a message on the form, exit 1 in the CLI)."""

from __future__ import annotations

from mi_sim.engine.plain_text import TextProblem, checked
from mi_sim.services.errors import Invalid


def text_field(value: str, what: str, *, multiline: bool = True) -> str:
    """`value` as stored (carriage returns read as newlines), or `Invalid` saying what is
    wrong with the `what` (NUL, another control character, a lone surrogate)."""
    try:
        return checked(value, what, multiline=multiline)
    except TextProblem as exc:
        raise Invalid(str(exc)) from None
