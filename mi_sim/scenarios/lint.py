"""The persona linter: what the schema cannot see.

A file that does not load gets its load problems and nothing else. A persona that loads is then
checked for unknown names (topics, triggers, effects, `{slot}`s, duplicate names), gates that can
never open, response banks that can run dry, doubtful talk labels and unused topics. Every
problem carries the line of the node it is about; the list is sorted by line.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

from mi_sim.engine.index import normal_keyword
from mi_sim.engine.persona import (
    FORM_BANKS,
    LINE_SLOTS,
    MAX_KEYWORD,
    SLOT,
    Band,
    Move,
    Persona,
    Reply,
    fallback_chain,
)
from mi_sim.engine.vocabulary import Code, Talk
from mi_sim.scenarios import lint_facts
from mi_sim.scenarios.loader import (
    Locator,
    LocPath,
    Problem,
    ScenarioError,
    Severity,
    format_loc,
    load_located,
    read_limited,
)

EFFECT_TARGETS = ("rapport", "discord", "importance", "confidence")
MIN_REPLIES_PER_BAND = 3
HIGH_GATE = 0.95
_EPSILON = 1e-9


def lint_text(data: bytes | str, path: str = "<string>") -> list[Problem]:
    """Problems in the text of a persona file (load errors only, if it does not load)."""
    try:
        persona, locator = load_located(data, path)
    except ScenarioError as exc:
        return list(exc.problems)
    return lint_persona(persona, locator, path)


def lint_file(path: Path | str) -> list[Problem]:
    """Problems in a persona file, as `Problem`s whose str is `file:line: message`."""
    try:
        data = read_limited(path)
    except ScenarioError as exc:
        return list(exc.problems)
    return lint_text(data, str(path))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def lint_persona(persona: Persona, locator: Locator | None = None,
                 path: str = "<persona>") -> list[Problem]:
    """Problems in a loaded persona; without a `Locator` every line is 1."""
    linter = _Linter(persona, locator or Locator({(): 1}), path)
    linter.run()
    return sorted(linter.problems, key=lambda p: p.line)


def replies_of(persona: Persona) -> Iterator[tuple[LocPath, Reply]]:
    """Every reply in the persona with its data path."""
    yield ("opening",), persona.opening
    for move, replies in persona.banks.items():
        for i, reply in enumerate(replies):
            yield ("banks", move.value, i), reply
    for ci, concern in enumerate(persona.concerns):
        for i, reply in enumerate(concern.disclosures):
            yield ("concerns", ci, "disclosures", i), reply
    for vi, value in enumerate(persona.values):
        for i, reply in enumerate(value.replies):
            yield ("values", vi, "replies", i), reply
    for mi, commitment in enumerate(persona.commitments):
        for i, reply in enumerate(commitment.accept):
            yield ("commitments", mi, "accept", i), reply
        for i, reply in enumerate(commitment.decline):
            yield ("commitments", mi, "decline", i), reply
        for aspect, replies in commitment.plan.items():
            for i, reply in enumerate(replies):
                yield ("commitments", mi, "plan", aspect.value, i), reply
    for fi, fact in enumerate(persona.fact_sheet):
        for i, reply in enumerate(fact.answers):
            yield ("fact_sheet", fi, "answers", i), reply
        for i, reply in enumerate(fact.deflect):
            yield ("fact_sheet", fi, "deflect", i), reply


class _Linter:
    def __init__(self, persona: Persona, locator: Locator, path: str) -> None:
        self.persona = persona
        self.locator = locator
        self.path = path
        self.problems: list[Problem] = []
        self.topics = set(persona.topics)
        self.used_topics: set[str] = set()

    def add(self, loc: LocPath, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(self.path, self.locator.line(loc), message, severity))

    def warn(self, loc: LocPath, message: str) -> None:
        self.add(loc, message, "warning")

    def run(self) -> None:
        self.check_replies()
        self.check_affects()
        self.check_concerns()
        self.check_names()
        self.check_keywords()
        self.check_banks()
        self.check_unused_topics()
        lint_facts.check_fact_sheet(self.persona, self.add, self.warn)
        lint_facts.check_flags(self.persona, replies_of(self.persona), self.add)
        lint_facts.check_mentions(self.persona, replies_of(self.persona), self.warn)
        lint_facts.check_commitments(self.persona, self.warn)
        lint_facts.check_quotes(self.persona, replies_of(self.persona), self.warn)

    # unknown names -----------------------------------------------------------------------

    def known_topics_hint(self) -> str:
        return ", ".join(sorted(self.topics)) or "none are defined"

    def check_replies(self) -> None:
        facts = self.persona.facts
        for loc, reply in replies_of(self.persona):
            where = format_loc(loc)
            for k, topic in enumerate(reply.topics):
                self.used_topics.add(topic)
                if topic not in self.topics:
                    self.add((*loc, "topics", k), f"{where}.topics: unknown topic '{topic}' "
                             f"(known topics: {self.known_topics_hint()})")
            for field in ("text", "cue"):
                text = getattr(reply, field)
                if not text:
                    continue
                for match in SLOT.finditer(text):
                    if match.group(1) not in facts and not (
                            self.persona.understands and match.group(1) in LINE_SLOTS):
                        known = ", ".join(sorted(facts)) or "none are defined"
                        self.add((*loc, field), f"{where}.{field}: unknown slot "
                                 f"'{{{match.group(1)}}}' (not in `facts`; known facts: {known})")
                rest = SLOT.sub("", text)
                if "{" in rest or "}" in rest:
                    self.warn((*loc, field), f"{where}.{field}: a brace that is not a slot; "
                              "slots are lower_snake names in braces like {name}, and anything "
                              "else is shown as written")
            if not reply.bands:
                self.add((*loc, "bands"), f"{where}.bands: the list is empty, so this reply "
                         "can never be said (leave `bands` out for all three)")
            if reply.talk == Talk.CHANGE and reply.subtype is None:
                self.warn((*loc, "talk"), f"{where}: change talk without a `subtype` (desire, "
                          "ability, reasons, need, commitment, activation or taking_steps)")
            if (loc[:2] == ("banks", Move.EVOKE.value) and reply.talk == Talk.SUSTAIN
                    and set(reply.bands) == {Band.OPEN}):
                self.warn((*loc, "bands"), f"{where}: sustain talk offered only in the open "
                          "band of the evoke bank; an open patient asked to evoke usually "
                          "gives change talk")
        for move, replies in self.persona.banks.items():
            seen: dict[str, int] = {}
            for i, reply in enumerate(replies):
                if reply.text in seen:
                    self.warn(("banks", move.value, i, "text"),
                              f"banks.{move.value}[{i}].text: the same text as "
                              f"banks.{move.value}[{seen[reply.text]}]")
                else:
                    seen[reply.text] = i

    def check_affects(self) -> None:
        moves = {m.value for m in Move} | {c.value for c in Code}
        for ai, affect in enumerate(self.persona.affects):
            for field in ("triggers", "soothers"):
                for key in getattr(affect, field):
                    loc: LocPath = ("affects", ai, field, key)
                    where = f"affects[{ai}].{field}"
                    if key.startswith("topic:"):
                        topic = key.removeprefix("topic:")
                        self.used_topics.add(topic)
                        if topic not in self.topics:
                            self.add(loc, f"{where}: unknown topic '{topic}' in '{key}' (known "
                                     f"topics: {self.known_topics_hint()})")
                    elif key not in moves:
                        self.add(loc, f"{where}: unknown key '{key}'; use a code "
                                 "(question_open, confront, …), a move (label, evoke, "
                                 "interrogation, …) or topic:NAME")
            self.check_effects(("affects", ai), affect.effects)

    def check_effects(self, loc: LocPath, effects: dict[str, float]) -> None:
        for key in effects:
            if key not in EFFECT_TARGETS:
                self.add((*loc, "effects", key), f"{format_loc(loc)}.effects: unknown target "
                         f"'{key}'; use {', '.join(EFFECT_TARGETS)}")

    def check_names(self) -> None:
        kinds = {
            "affects": [a.name for a in self.persona.affects],
            "concerns": [c.name for c in self.persona.concerns],
            "values": [v.name for v in self.persona.values],
            "commitments": [c.name for c in self.persona.commitments],
        }
        owner: dict[str, str] = {}
        for kind, names in kinds.items():
            first: dict[str, int] = {}
            for i, name in enumerate(names):
                loc: LocPath = (kind, i, "name")
                if name in first:
                    self.add(loc, f"{kind}[{i}].name: duplicate name '{name}' (also "
                             f"{kind}[{first[name]}])")
                    continue
                first[name] = i
                if name in owner and owner[name] != kind:
                    self.warn(loc, f"{kind}[{i}].name: '{name}' is also the name of one of the "
                              f"{owner[name]}; distinct names keep traces readable")
                owner.setdefault(name, kind)

    def check_keywords(self) -> None:
        lists: list[tuple[LocPath, list[str]]] = [
            (("topics", name), words) for name, words in self.persona.topics.items()]
        lists += [(("values", i, "keywords"), v.keywords) for i, v in
                  enumerate(self.persona.values)]
        lists += [(("commitments", i, "keywords"), c.keywords) for i, c in
                  enumerate(self.persona.commitments)]
        for loc, words in lists:
            if not any(word.strip() for word in words):
                self.warn(loc, f"{format_loc(loc)}: no words, so it never matches")
            for k, word in enumerate(words):
                if not word.strip():
                    self.warn((*loc, k), f"{format_loc(loc)}[{k}]: an empty word is ignored")
        lists += [(("fact_sheet", i, "keywords"), f.keywords) for i, f in
                  enumerate(self.persona.fact_sheet)]
        lists += [((*loc, field), getattr(reply, field)) for loc, reply in
                  replies_of(self.persona) for field in ("heard", "unheard")]
        for loc, words in lists:
            for k, word in enumerate(words):
                if (why := keyword_problem(word)) is not None:
                    self.add((*loc, k), f"{format_loc(loc)}[{k}]: {word[:MAX_KEYWORD]!r} {why}")

    # gates -------------------------------------------------------------------------------

    def check_concerns(self) -> None:
        persona = self.persona
        for ci, concern in enumerate(persona.concerns):
            where = f"concerns[{ci}] '{concern.name}'"
            unlock = concern.unlock
            rapport_loc: LocPath = ("concerns", ci, "unlock", "rapport")
            for k, topic in enumerate(unlock.topics):
                self.used_topics.add(topic)
                if topic not in self.topics:
                    self.add(("concerns", ci, "unlock", "topics", k),
                             f"{where}: unlock.topics names unknown topic '{topic}' (known "
                             f"topics: {self.known_topics_hint()}); the gate can never open")
            for level in persona.levels:
                mistrust = persona.parameters_for(level).mistrust_start
                ceiling = 1.0 - mistrust
                if unlock.rapport > ceiling + _EPSILON:
                    self.add(rapport_loc, f"{where} can never open at level '{level}': it "
                             f"needs rapport {unlock.rapport:g} but rapport cannot exceed "
                             f"1 - mistrust = {ceiling:g} (mistrust starts at {mistrust:g} "
                             "and never falls)")
            if unlock.rapport > HIGH_GATE:
                self.warn(rapport_loc, f"{where}: unlock.rapport {unlock.rapport:g} is above "
                          f"{HIGH_GATE:g}; few sessions will ever get there")
            if all(set(r.bands) <= {Band.GUARDED} for r in concern.disclosures):
                self.warn(("concerns", ci, "disclosures"), f"{where}: every disclosure is "
                          "limited to the guarded band, but the gate opens when rapport is up "
                          "and discord down (ambivalent or open)")
            self.check_effects(("concerns", ci), concern.effects)

    # banks -------------------------------------------------------------------------------

    def check_banks(self) -> None:
        banks = self.persona.banks
        thin: set[tuple[Move, Band]] = set()
        dry: set[Band] = set()
        for move in Move:
            if move == Move.WALKOUT or move in FORM_BANKS:
                continue
            for band in Band:
                count = 0
                used = Move.FALLBACK
                for bank in fallback_chain(move):
                    count = _open_count(banks.get(bank, []), band)
                    if count:
                        used = bank
                        break
                if count == 0:
                    dry.add(band)
                elif count < MIN_REPLIES_PER_BAND:
                    thin.add((used, band))
        for band in Band:
            if band in dry:
                self.add(("banks", Move.FALLBACK.value), f"banks.fallback has no reply at band "
                         f"'{band.value}' without `topics`; the fallback bank must cover every "
                         "band, or the patient has nothing to say")
        order = list(Band)
        for bank, band in sorted(thin, key=lambda key: (key[0].value, order.index(key[1]))):
            count = _open_count(banks.get(bank, []), band)
            self.warn(("banks", bank.value), f"bank {bank.value} has only {count} "
                      f"{'reply' if count == 1 else 'replies'} at band {band.value}; a long "
                      "session will repeat them")

    def check_unused_topics(self) -> None:
        for name in self.persona.topics:
            if name not in self.used_topics:
                self.warn(("topics", name), f"topics.{name}: never used (no reply, unlock or "
                          "trigger names it)")


def keyword_problem(word: str) -> str | None:
    """Why a keyword or phrase is refused (it becomes part of a regex), or None.

    The engine matches the normalised form, so these would still match in linear time; they
    are refused so that what an author writes is what is matched, and so that a keyword
    written to make a pattern backtrack never gets past the linter."""
    if any(unicodedata.category(c) in ("Cc", "Cf") for c in word):
        return "holds a control or invisible character (a tab, a newline, a zero-width space)"
    if not word.strip():
        return None  # warned about above: an empty word is ignored
    if word != word.strip():
        return "starts or ends with a space"
    if normal_keyword(word) != word.lower():
        return (f"has a run of spaces (or a space of another kind); write its words one "
                f"space apart ({normal_keyword(word)!r})")
    if len(word) > MAX_KEYWORD:
        return f"is longer than {MAX_KEYWORD} characters"
    return None


def _open_count(replies: list[Reply], band: Band) -> int:
    return sum(1 for r in replies if band in r.bands and not r.topics)
