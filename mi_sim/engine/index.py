"""Derived, per-process lookups for a persona: compiled keyword matchers and banks by band.

Built once per persona object and kept in its cache, so a turn does no compiling.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from mi_sim.engine.persona import MAX_KEYWORD, Band, Move, Persona, Reply, all_replies

_INFLECTION = r"(?:s|es|ed|d|ing)?"
_NO_D = r"(?:s|es|ed|ing)?"
MAX_KEYWORDS = 400  # alternatives in one pattern; more are ignored


def normal_keyword(word: str) -> str:
    """A keyword as it is matched: lower case, its words one space apart ("x   y" is "x y")."""
    return " ".join(word.lower().split())


def keyword_pattern(words: Iterable[str], verbs: bool = False) -> re.Pattern[str] | None:
    """One regex matching any of `words` as whole words (with simple inflections).

    Linear whatever an author writes: each keyword is normalised first, so the words of a
    phrase are literals with exactly one `\\s+` between them (never `\\s+\\s+…`, which
    backtracks exponentially on a run of spaces), and keywords and their number are bounded.
    """
    alternatives = sorted({w for w in map(normal_keyword, words) if 0 < len(w) <= MAX_KEYWORD},
                          key=lambda w: (-len(w), w))[:MAX_KEYWORDS]
    if not alternatives:
        return None
    body = "|".join((r"\s+".join([_first_word(w.split(" ")[0]), *map(re.escape, w.split(" ")[1:])])
                     if verbs and " " in w else r"\s+".join(map(re.escape, w.split(" "))))
                    + (_INFLECTION if w.endswith("e") else _NO_D)  # "scared", never "card"
                    for w in alternatives)  # a step's phrase opens with a verb a trainee may
    # inflect ("ringing her once"); a fact's or a reply's words are matched as written
    return re.compile(rf"(?<![\w'])(?:{body})\b")  # "o'clock" holds no "clock"


# Words that open a phrase without being a verb a trainee would inflect.
_PLAIN_FIRST: Final = frozenset({
    "a", "an", "the", "my", "your", "his", "her", "their", "our", "its", "this", "that", "these",
    "those", "in", "on", "at", "to", "for", "of", "by", "with", "from", "off", "up", "down",
    "out", "and", "or", "not", "no", "one", "two", "how", "what", "who", "when", "where", "why",
    "which", "is", "are", "was", "were", "do", "does", "did", "have", "has", "had", "be", "been",
    "i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them", "dr", "mr", "mrs",
    "ms", "any", "some", "every", "each", "all", "just", "more", "less", "last", "next", "first",
    "so", "if", "as", "than", "then", "too", "very", "much", "many", "few", "own", "same"})


def _first_word(word: str) -> str:
    """The first word of a phrase as a verb a trainee may inflect ("ring her once" is heard in
    "ringing her once", "write it down" in "writing it down", "stop checking" in "stopped
    checking"); a word of three letters or fewer, or a function word, as written."""
    if len(word) <= 3 or word in _PLAIN_FIRST or not word.isalpha():
        return re.escape(word)
    if word.endswith("e"):
        return re.escape(word[:-1]) + "(?:e|es|ed|ing)"
    double = f"{word[-1]}?" if word[-1] not in "aeiouwxy" else ""
    return re.escape(word) + f"(?:{double}(?:ed|ing)|s|es)?"


@dataclass(frozen=True, slots=True)
class BankEntry:
    """A reply with its stable id (`bank:index`) for no-repeat bookkeeping and traces."""

    id: str
    reply: Reply


@dataclass(frozen=True, slots=True)
class PersonaIndex:
    topics: tuple[tuple[str, re.Pattern[str]], ...]
    values: tuple[tuple[str, re.Pattern[str]], ...]
    commitments: tuple[tuple[str, re.Pattern[str]], ...]
    banks: dict[tuple[Move, Band], tuple[BankEntry, ...]]
    facts: tuple[tuple[str, re.Pattern[str]], ...] = ()  # fact name → its keywords
    heard: dict[tuple[str, ...], re.Pattern[str] | None] = field(default_factory=dict)
    mentioned: dict[str, tuple[tuple[str, int, str], ...]] = field(default_factory=dict)

    def facts_named_in(self, lowered: str) -> tuple[str, ...]:
        """Facts whose own keywords (names, tests, places) the text mentions."""
        return tuple(name for name, pattern in self.facts if pattern.search(lowered))

    def fact_mentions(self, lowered: str) -> tuple[tuple[str, int, str], ...]:
        """(fact, where, words) for every fact whose own keywords the text mentions (a turn asks
        of the same few texts several times: remembered, a few hundred at most)."""
        found = self.mentioned.get(lowered)
        if found is None:
            out = []
            for name, pattern in self.facts:
                match = pattern.search(lowered)
                if match is not None:
                    out.append((name, match.start(), match.group(0)))
            if len(self.mentioned) >= 512:
                self.mentioned.clear()
            found = self.mentioned[lowered] = tuple(out)
        return found

    def last_mention(self, name: str, lowered: str) -> int:
        """Where the fact's own keywords occur last in the text (-1 when they do not)."""
        pattern = next((p for n, p in self.facts if n == name), None)
        return max((m.start() for m in pattern.finditer(lowered)), default=-1) if pattern else -1

    def keyword_count(self, name: str, lowered: str) -> int:
        """How many times a fact's own keywords occur in the text ("weight loss, night sweats,
        fevers?" names the red-flags fact three times)."""
        pattern = next((p for n, p in self.facts if n == name), None)
        return len({m.group(0) for m in pattern.finditer(lowered)}) if pattern else 0

    def heard_in(self, phrases: tuple[str, ...], lowered: str) -> bool:
        """Whether the line contains one of a reply's `heard` phrases (compiled once)."""
        pattern = self.heard.get(phrases)
        if phrases not in self.heard:
            pattern = self.heard[phrases] = keyword_pattern(phrases)
        return pattern is not None and pattern.search(lowered) is not None

    def heard_where(self, phrases: tuple[str, ...], lowered: str) -> str | None:
        """The words of the line that one of a reply's `heard` phrases matched, if any."""
        if not self.heard_in(phrases, lowered):
            return None
        pattern = self.heard[phrases]
        match = pattern.search(lowered) if pattern is not None else None
        return match.group(0) if match is not None else None

    def commitment_spans(self, lowered: str) -> tuple[tuple[str, int, int], ...]:
        """Every commitment the text names, with where its words are."""
        out = []
        for name, pattern in self.commitments:
            for match in pattern.finditer(lowered):
                out.append((name, match.start(), match.end()))
        return tuple(out)

    def topics_in(self, lowered: str) -> frozenset[str]:
        return frozenset(name for name, pattern in self.topics if pattern.search(lowered))

    def values_in(self, lowered: str) -> tuple[str, ...]:
        return tuple(name for name, pattern in self.values if pattern.search(lowered))

    def commitment_in(self, lowered: str) -> str | None:
        for name, pattern in self.commitments:
            if pattern.search(lowered):
                return name
        return None

    def bank(self, move: Move, band: Band) -> tuple[BankEntry, ...]:
        return self.banks.get((move, band), ())


def entries(prefix: str, replies: Iterable[Reply]) -> tuple[BankEntry, ...]:
    return tuple(BankEntry(f"{prefix}:{i}", reply) for i, reply in enumerate(replies))


Matchers = tuple[tuple[str, re.Pattern[str]], ...]


def _compiled(pairs: Iterable[tuple[str, Iterable[str]]], verbs: bool = False) -> Matchers:
    out = []
    for name, words in pairs:
        pattern = keyword_pattern(words, verbs)
        if pattern is not None:
            out.append((name, pattern))
    return tuple(out)


def build_index(persona: Persona) -> PersonaIndex:
    banks: dict[tuple[Move, Band], tuple[BankEntry, ...]] = {}
    for move, replies in persona.banks.items():
        all_entries = entries(move.value, replies)
        for band in Band:
            banks[(move, band)] = tuple(e for e in all_entries if band in e.reply.bands)
    index = PersonaIndex(
        topics=_compiled(persona.topics.items()),
        values=_compiled((v.name, v.keywords) for v in persona.values),
        commitments=_compiled(((c.name, c.keywords) for c in persona.commitments), verbs=True),
        banks=banks,
        facts=_compiled((f.name, f.keywords) for f in persona.fact_sheet),
    )
    for reply in all_replies(persona):  # every reply's `heard` and `unheard` compiled now, so
        for phrases in (reply.heard, reply.unheard):  # that no turn pays for a first use
            if phrases:
                index.heard_in(tuple(phrases), "")
    return index


def index_for(persona: Persona) -> PersonaIndex:
    """The persona's index, built on first use and kept for the life of the process."""
    cached = persona.cache.get("index")
    if not isinstance(cached, PersonaIndex):
        cached = build_index(persona)
        persona.cache["index"] = cached
    return cached
