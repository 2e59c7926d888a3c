"""Linter checks for what a schema 2 persona knows and remembers.

- the fact sheet: duplicate names, kinds no fact answers (the questions that will get "I don't
  know"), a private fact without `deflect` or naming an unknown concern, keywords that are too
  short or too common to point at one fact;
- memory: `requires` / `unless` flags that nothing sets (the reply can never, or always, be said);
- consistency: a name or a number in a reply that the fact sheet and the facts do not hold (a
  contradiction waiting to happen), and a commitment's `accept` reply that does not name the step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Final

from mi_sim.engine.persona import Persona, Reply
from mi_sim.engine.vocabulary import CORE_FACT_KINDS
from mi_sim.scenarios.loader import LocPath

Report = Callable[[LocPath, str], None]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


ENGINE_FLAGS: Final = ("accepted", "declined", "disclosed", "value", "stated", "ruler")
COMMON_KEYWORDS: Final = _words(
    "a an the it its it's that this these those them they he she his her him you your i "
    "my me we our us and or but so if of in on at to for with from by about as is are was "
    "were be been do does did have has had not no yes all any some time day week things "
    "thing one today now then there here what how why when where who which"
)
# Capitalised words a reply may say that no fact sheet needs to hold.
ORDINARY_CAPITALS: Final = _words(
    "I I'm I'd I'll I've Mum Mam Dad Nan Gran Grandad Doctor Dr Mr Mrs Ms Miss A&E GP ECG "
    "ECGs MRI CT NHS OK Okay God Christmas Easter Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday January February March April May June July August September "
    "October November December English British IBS CBT SSRI"
)
_CAPITAL: Final = re.compile(r"(?<=[a-z,;:] )[A-Z][a-zA-Z'&-]+")
_NUMBER: Final = re.compile(r"\b\d+(?:[.,:]\d+)?\b")
_WORDS: Final = re.compile(r"[a-z]{4,}")


def check_fact_sheet(persona: Persona, add: Report, warn: Report) -> None:
    seen: dict[str, int] = {}
    concerns = {c.name for c in persona.concerns}
    for i, fact in enumerate(persona.fact_sheet):
        loc: LocPath = ("fact_sheet", i)
        if fact.name in seen:
            add((*loc, "name"), f"fact_sheet[{i}].name: duplicate fact name '{fact.name}' (also "
                f"fact_sheet[{seen[fact.name]}])")
        seen.setdefault(fact.name, i)
        if fact.private is not None:
            if fact.private not in concerns:
                add((*loc, "private"), f"fact_sheet[{i}].private: unknown concern "
                    f"'{fact.private}' (known concerns: {', '.join(sorted(concerns)) or 'none'})")
            if not fact.deflect:
                add((*loc, "private"), f"fact_sheet[{i}]: a private fact needs `deflect` "
                    "replies to say until it is disclosed")
        elif fact.deflect:
            warn((*loc, "deflect"), f"fact_sheet[{i}]: `deflect` is only said for a private "
                 "fact; add `private: CONCERN` or remove it")
        if fact.kind.value in ("person", "other") and not fact.keywords:
            add((*loc, "keywords"), f"fact_sheet[{i}]: a `{fact.kind.value}` fact is found by its "
                "keywords only; give it some (a name, a place)")
        for k, word in enumerate(fact.keywords):
            if len(word.strip()) < 2 or word.strip().lower() in COMMON_KEYWORDS:
                warn((*loc, "keywords", k), f"fact_sheet[{i}].keywords[{k}]: '{word}' is too "
                     "short or too common to point at this fact; it will catch other questions")
    if persona.understands:
        held = {fact.kind for fact in persona.fact_sheet}
        missing = [k.value for k in CORE_FACT_KINDS if k not in held]
        if missing:
            warn(("fact_sheet",), f"fact_sheet: no fact answers {len(missing)} kinds of question "
                 f"({', '.join(missing)}); a trainee who asks gets a `dont_know` reply")


def check_flags(persona: Persona, replies: Iterator[tuple[LocPath, Reply]], add: Report) -> None:
    pairs = list(replies)
    set_by_replies = {flag for _loc, reply in pairs for flag in reply.sets}
    known = _engine_names(persona)
    for loc, reply in pairs:
        if reply.step is not None and reply.step not in known["accepted"]:
            add((*loc, "step"), f"{_where(loc)}.step: '{reply.step}' names no step in "
                "`commitments`")
        for field in ("requires", "unless"):
            for k, flag in enumerate(getattr(reply, field)):
                kind, _, name = flag.partition(":")
                if name and kind in ENGINE_FLAGS:
                    if name not in known[kind]:
                        add((*loc, field, k), f"{_where(loc)}.{field}: '{flag}' names an unknown "
                            f"{kind.rstrip('d') if kind != 'stated' else 'fact'} '{name}'")
                elif flag not in set_by_replies:
                    add((*loc, field, k), f"{_where(loc)}.{field}: no reply `sets` the flag "
                        f"'{flag}', so it is never set")


def check_mentions(persona: Persona, replies: Iterator[tuple[LocPath, Reply]],
                   warn: Report) -> None:
    """Names and numbers in replies that neither the facts nor the fact sheet hold."""
    if not persona.understands:
        return
    held = " ".join([*persona.facts.values(), persona.brief.setting, persona.brief.summary,
                     *(r.text for f in persona.fact_sheet for r in (*f.answers, *f.deflect)),
                     *(k for f in persona.fact_sheet for k in f.keywords)])
    held_lower = held.lower()
    for loc, reply in replies:
        if loc[:1] == ("fact_sheet",):
            continue
        text = persona.fill(reply.text)
        names = {w.strip("'-").removesuffix("'s") for w in _CAPITAL.findall(text)}
        names -= ORDINARY_CAPITALS
        unknown = sorted(w for w in names if w.removesuffix("'s").lower() not in held_lower)
        numbers = sorted(n for n in set(_NUMBER.findall(text)) if n not in held)
        if unknown or numbers:
            what = ", ".join([*unknown, *numbers])
            warn((*loc, "text"), f"{_where(loc)}: mentions {what}, which the fact sheet does not "
                 "hold; add it to the sheet (or the facts) so no reply contradicts it")


_QUOTED: Final = re.compile(r"(?:^|(?<=\s))['‘\"“]([A-Za-z][^'’\"”]{1,40}?)['’\"”](?=[\s.,?!;:]|$)")


def check_quotes(persona: Persona, replies: Iterator[tuple[LocPath, Reply]], warn: Report) -> None:
    """A bank reply that opens by quoting words ("'Just anxiety.' Anxiety doesn't…") reacts to
    them: it needs `heard`, or it will answer words nobody said."""
    if not persona.understands:
        return
    for loc, reply in replies:
        if reply.heard or loc[:1] != ("banks",):
            continue  # a concern or a value may quote a mother or an inner voice
        match = _QUOTED.search(reply.text)
        if match is not None and match.start() <= 12:  # it opens with the quote: a reaction
            warn((*loc, "text"), f"{_where(loc)}: quotes '{match.group(1)}' but has no `heard`; "
                 "it may be said when nobody said it (add `heard: [the words]`)")


def check_commitments(persona: Persona, warn: Report) -> None:
    for i, commitment in enumerate(persona.commitments):
        named = " ".join([commitment.description, *commitment.keywords]).lower()
        step = set(_WORDS.findall(named))
        for j, reply in enumerate(commitment.accept):
            if not step & set(_WORDS.findall(persona.fill(reply.text).lower())):
                warn(("commitments", i, "accept", j), f"commitments[{i}].accept[{j}]: does not "
                     f"name the step ('{commitment.description}'); say what is agreed")


def _engine_names(persona: Persona) -> dict[str, set[str]]:
    steps = {c.name for c in persona.commitments}
    return {"accepted": steps, "declined": steps,
            "disclosed": {c.name for c in persona.concerns},
            "value": {v.name for v in persona.values},
            "stated": {f.name for f in persona.fact_sheet},
            "ruler": {"importance", "confidence", "readiness", "severity"}}


def _where(loc: LocPath) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
