"""A detail the clinician gets wrong about the patient's life, and the patient's right one.

    wrong_detail(persona, "a loud house, with tom, and maya who's seven, and little sam")
    # -> "nine" (the sheet says "Maya's nine")
    wrong_detail(persona, "a depot with two hundred people")  # -> "eighty people"

The patient knows their own life: a number the clinician says next to a person's name or a
counted noun ("two hundred people", "four years ago") is checked against the numbers the fact
sheet gives for that name or noun. Only a name or noun with one number on the whole sheet is
checked (an ambiguous one — "years" for a job and for a death — never is), and nothing the
clinician says of themselves ("my two kids"). Pure: no I/O.
"""

from __future__ import annotations

import re
from typing import Final

from mi_sim.engine.persona import Persona
from mi_sim.engine.vocabulary import FactKind

_UNITS: Final = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
                 "seventeen", "eighteen", "nineteen")
_TENS: Final = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUE: Final[dict[str, int]] = {w: i for i, w in enumerate(_UNITS)} | {
    w: 20 + 10 * i for i, w in enumerate(_TENS)}
_NUMBER: Final = (r"(?:\d{1,4}|(?:(?:" + "|".join(_TENS) + r")(?:[- ](?:" + "|".join(_UNITS[1:10])
                  + r"))?|" + "|".join(_UNITS) + r")(?: hundred(?: and (?:" + "|".join(_TENS)
                  + "|" + "|".join(_UNITS) + r")(?:[- ]\w+)?)?)?)")
# Nouns whose count is a fact of the patient's life.
# Nouns whose count is a settled fact of the patient's life (never a span of time, which the
# same sheet uses for many things).
_COUNTED: Final = (r"(?:people|staff|kids|children|grandchildren|appointments|shifts|mugs|cups|"
                   r"coffees|kilos|stone)")
_ANY_NUMBER: Final = re.compile(r"\b" + _NUMBER + r"\b")
_NUM_NOUN: Final = re.compile(r"\b(?P<n>" + _NUMBER + r") (?P<noun>" + _COUNTED + r")\b")
_OWN: Final = re.compile(r"\b(?:my|our|i have|i've got|i have got|i had|we have|we have got|"
                        r"i am|i'm|i was|i manage|i run)\s*$")


def number_value(words: str) -> int | None:
    """The value of a number written in digits or words ("seventy-nine", "two hundred")."""
    words = words.strip().lower()
    if words.isdigit():
        return int(words)
    total = 0
    current = 0
    for word in re.split(r"[- ]+", words):
        if word == "and":
            continue
        if word == "hundred":
            current = max(current, 1) * 100
        elif word in _WORD_VALUE:
            current += _WORD_VALUE[word]
        else:
            return None
    return total + current


def _name_number(name: str) -> re.Pattern[str]:
    """A person's name with their age: "Maya's nine", "Maya, who's seven", "seven-year-old
    Maya", "Maya (9)"."""
    n = name.lower()
    not_an_age = (r"(?![-\w])(?! (?:years?|months?|weeks?|days?|hours?|minutes?|times|o'clock|"
                  r"am|pm|in the|" + _COUNTED[3:-1] + r")\b)")
    return re.compile(
        r"\b" + n + r"(?:'s|,? who(?:'s| is)|,| is| \()\s*(?P<n>" + _NUMBER + r")" + not_an_age
        + r"|\b(?P<m>" + _NUMBER + r")[- ]year[- ]old " + n + r"\b")


def _truths(persona: Persona) -> dict[str, frozenset[int]]:
    """Every name and counted noun on the sheet with the numbers the sheet gives it (built once
    per persona)."""
    cached = persona.cache.get("truths")
    if isinstance(cached, dict):
        return cached
    found: dict[str, set[int]] = {}
    texts = [persona.fill(r.text).lower() for f in persona.fact_sheet for r in f.answers]
    people = sorted({k for f in persona.fact_sheet if f.kind is FactKind.PERSON
                     for k in f.keywords if k.isalpha() and " " not in k})
    for text in texts:
        for match in _NUM_NOUN.finditer(text):
            if (value := number_value(match.group("n"))) is not None:
                found.setdefault(match.group("noun"), set()).add(value)
        for name in people:
            for match in _name_number(name).finditer(text):
                raw = match.group("n") or match.group("m")
                if raw and (value := number_value(raw)) is not None:
                    found.setdefault(name, set()).add(value)
    truths = {key: frozenset(values) for key, values in found.items()}
    persona.cache["truths"] = truths
    return truths


def _checks(persona: Persona) -> tuple[tuple[re.Pattern[str], int], ...]:
    """Each person's name with the one age the sheet gives them, as a pattern to search a line
    for (built once per persona)."""
    cached = persona.cache.get("age_checks")
    if isinstance(cached, tuple):
        return cached
    checks = tuple((_name_number(key), next(iter(values))) for key, values in
                   _truths(persona).items() if len(values) == 1 and key not in _COUNTED_KEYS)
    persona.cache["age_checks"] = checks
    return checks


def wrong_detail(persona: Persona, text: str) -> str | None:
    """The patient's right number for the first detail the (lower-case) line gets wrong, in
    words as the sheet has it ("nine", "eighty people"), or None."""
    if not _ANY_NUMBER.search(text):
        return None
    for pattern, value in _checks(persona):
        for match in pattern.finditer(text):
            said = number_value(match.group("n") or match.group("m") or "")
            if said is not None and said != value:
                return _spoken(value)
    truths = _truths(persona)
    for match in _NUM_NOUN.finditer(text):
        noun = match.group("noun")
        values = truths.get(noun, frozenset())
        said = number_value(match.group("n"))
        if len(values) == 1 and said is not None and said not in values and not (
                _OWN.search(text[:match.start()])):
            return f"{_spoken(next(iter(values)))} {noun}"
    return None


_COUNTED_KEYS: Final = frozenset(_COUNTED[3:-1].split("|"))


def _spoken(value: int) -> str:
    """A number as the patient would say it ("nine", "eighty", "twenty-three")."""
    if value < 20:
        return _UNITS[value]
    if value < 100:
        tens, unit = divmod(value, 10)
        return _TENS[tens - 2] + (f"-{_UNITS[unit]}" if unit else "")
    return str(value)
