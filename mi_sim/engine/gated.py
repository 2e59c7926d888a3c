"""Searching a long regex alternation by the words its alternatives need.

`Gated` splits a pattern at its top-level "|", files each alternative that starts with a plain
word under that word (and under the least common other words a match needs), and at search time
runs only the groups whose words occur in the text. A `WordIndex` is the one pass over a text's
words that finds those groups for all the patterns that search the same kind of text: the
clinician coder's patterns share the default one (`text_facts`), the client coder's have their
own. The result is the match the whole pattern would give (see `Gated`).

Reading a pattern's text (top-level alternatives, group bounds) is `regex_parts`; this module
reads the regex parse tree for what a match must contain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import _lru_cache_wrapper, lru_cache
from typing import Final

from mi_sim.engine.regex_parts import group_end, split_top

_WORD_START_RX: Final = re.compile(r"[a-z][a-z'-]*")


_WORD_ENDS: Final = (" ", ",", "&", "\\b", "\\s", "\\.", "(?: ", "(?:\\s", "(?:,", "(?![^ ])")

# How an alternative may say that its first word starts a word of the text, and the characters
# that may not stand just before that word: "\\b" (not after a letter, digit or "_") or, for texts
# of words between single spaces, "(?<![^ ])" (only at the start or after a space).
_WORD_STARTS: Final = {"\\b": "\\w", "(?<![^ ])": "[^ ]"}
_LETTERS_ONLY_RX: Final = re.compile(r"[a-z]*")


def _first_words(alternative: str) -> set[str] | None:
    """The words a match of this alternative must start with, or None when not plain.

    Understands a leading word or group of words, optional groups in front ("(?:the )?pain" may
    start with "the" or "pain") and an optional last letter ("guidelines?").
    """
    alt = alternative
    while (lead := next((s for s in ("^", *_WORD_STARTS) if alt.startswith(s)), "")):
        alt = alt[len(lead):]
    if alt.startswith("(?:"):
        end = group_end(alt, 0)
        if end < 0 or alt[end + 1: end + 2] in ("*", "{"):
            return None
        words: set[str] = set()
        for branch in split_top(alt[3:end]):
            if not branch:
                return None
            sub = _first_words(branch)
            if sub is None:
                return None
            words |= sub
        if alt[end + 1: end + 2] == "?":  # optional: the match may start after it
            after = _first_words(alt[end + 2:])
            if after is None:
                return None
            words |= after
        return words
    m = _WORD_START_RX.match(alt)
    if m is None:
        return None
    word = m.group(0)
    rest = alt[m.end():]
    spellings = _spellings(word, rest)
    if spellings is not None:  # "smok(?:e|es|ing)": each spelling is a word of its own
        words = set()
        for spelled in spellings:
            sub = _first_words(spelled)
            if sub is None:
                return None
            words |= sub
        return words
    if rest.startswith("?"):  # "guidelines?": with or without its last letter
        if len(word) < 2 or not word[-1].isalpha() or not (
            rest == "?" or rest[1:].startswith(_WORD_ENDS)
        ):
            return None
        return {word, word[:-1]}
    if not _ends_word(rest):
        return None
    return {word}


def _ends_word(rest: str) -> bool:
    """Does the pattern after a literal word make that word end there (not "\\w", "[", "+"...)?"""
    while rest.startswith(("(?<!", "(?<=")):  # a lookbehind consumes nothing: look past it
        end = group_end(rest, 0)
        if end < 0:
            return False
        rest = rest[end + 1:]
    if rest[1:2] in ("?", "*", "+", "{") and rest[:1] == " ":  # "roller ?coaster"
        return False
    return not rest or rest.startswith(_WORD_ENDS)


def _spellings(word: str, rest: str) -> list[str] | None:
    """A word followed by a group of letters only ("smok" + "(?:e|es|ing)..."), spelled out once
    for each branch of the group (and once without it when it is optional), in the order the regex
    tries them; None when `rest` does not start with such a group."""
    if not rest.startswith("(?:"):
        return None
    end = group_end(rest, 0)
    quantifier = rest[end + 1: end + 2]
    if end < 0 or quantifier in ("*", "+", "{"):
        return None
    branches = split_top(rest[3:end])
    if not all(_LETTERS_ONLY_RX.fullmatch(b) for b in branches):
        return None
    after = rest[end + 2:] if quantifier == "?" else rest[end + 1:]
    return [word + b + after for b in ([*branches, ""] if quantifier == "?" else branches)]


def _heads(body: str) -> list[tuple[str, str]] | None:
    """Rewrite a pattern as (first word, rest) pairs whose union it is, or None.

    `body` follows a "\\b". A leading group is distributed over what follows it
    ("(?:it|that) is" -> "it is", "that is"), an optional leading group may be skipped, an
    optional last letter gives two words ("symptoms?" -> "symptoms", "symptom"), and so does a
    group of endings ("drink(?:s|ing)?" -> "drinks", "drinking", "drink"). The order of the pairs
    is the order in which the regex would try them.
    """
    if body.startswith("(?:"):
        end = group_end(body, 0)
        quantifier = body[end + 1: end + 2]
        if end < 0 or quantifier in ("*", "+", "{"):
            return None
        after = body[end + 2:] if quantifier == "?" else body[end + 1:]
        out: list[tuple[str, str]] = []
        for branch in split_top(body[3:end]):
            sub = _heads(branch + after) if branch else None
            if sub is None:
                return None
            out += sub
        if quantifier == "?":
            sub = _heads(after)
            if sub is None:
                return None
            out += sub
        return out
    m = _WORD_START_RX.match(body)
    if m is None:
        return None
    word, rest = m.group(0), body[m.end():]
    spellings = _spellings(word, rest)
    if spellings is not None:
        out = []
        for spelled in spellings:
            sub = _heads(spelled)
            if sub is None:
                return None
            out += sub
        return out
    if rest.startswith("?"):
        if len(word) < 2 or not word[-1].isalpha():
            return None
        return [(word, rest[1:]), (word[:-1], rest[1:])]
    if not _ends_word(rest):
        return None
    return [(word, rest)]


# Words too common to make a useful gate (a gate on "you" lets almost every line through).
_COMMON_WORDS: Final = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "but", "do", "does", "for", "have", "i", "if",
    "in", "is", "it", "me", "my", "no", "not", "of", "on", "or", "so", "that", "the", "this",
    "to", "was", "we", "what", "with", "you", "your",
})


def _clause_score(words: frozenset[str]) -> tuple[int, int]:
    """How often a text passes this set of words: sets with common words pass almost always."""
    return (sum(1 for w in words if w in _COMMON_WORDS), len(words))


def _required_clauses(pattern: str) -> list[frozenset[str]]:
    """Sets of words such that every match of `pattern` contains a word of each set.

    Read from the regex parse tree: a mandatory run of literal letters between non-letters
    ("\\byou are\\b" needs "you" and "are"), or a mandatory alternation whose every branch needs
    a word (inside an alternation the least common choice of a branch is kept).
    """
    try:
        from re import _constants as C
        from re import _parser

        tree = _parser.parse(pattern)
    except Exception:  # pragma: no cover - another Python's regex internals
        return []
    ops = (C.LITERAL, C.AT, C.IN, C.ASSERT, C.ASSERT_NOT, C.BRANCH, C.SUBPATTERN, C.MAX_REPEAT)
    literal, at, in_, assert_, assert_not, branch, subpattern, max_repeat = ops
    bounds = {C.AT_BOUNDARY, C.AT_BEGINNING, C.AT_BEGINNING_STRING, C.AT_END, C.AT_END_STRING}
    no_letters = {C.CATEGORY_SPACE, C.CATEGORY_DIGIT}

    def letter(item: tuple[object, object]) -> bool:
        return item[0] is literal and 97 <= item[1] <= 122  # type: ignore[operator]

    def letter_choices(item: tuple[object, object]) -> list[str] | None:
        """The letters an item inside a word may stand for, or None if it is not such an item."""
        op, av = item
        if letter(item):
            return [chr(av)]  # type: ignore[arg-type]
        if op is in_ and av and all(
            sub_op is C.LITERAL and 97 <= sub_av <= 122 for sub_op, sub_av in av  # type: ignore
        ):
            return [chr(sub_av) for _, sub_av in av]  # type: ignore[union-attr]
        if op is max_repeat and av[:2] == (0, 1):  # "(?:ed)?"
            inner = letters_only(list(av[2]))  # type: ignore[index]
            return None if inner is None else ["", inner]
        if op is branch:  # "s(?:ound|eem)" after the regex parser took out the common "s"
            out = [letters_only(list(b)) for b in av[1]]  # type: ignore[index]
            return None if any(x is None for x in out) else out  # type: ignore[return-value]
        if op is subpattern:
            inner_items = list(av[3])  # type: ignore[index]
            if len(inner_items) == 1:
                return letter_choices(inner_items[0])
        return None

    def letters_only(items: list) -> str | None:
        if all(letter(i) for i in items):
            return "".join(chr(i[1]) for i in items)
        return None

    def sep(item: tuple[object, object]) -> bool | None:
        """True: a non-letter (or a word boundary); False: may be a letter; None: zero-width."""
        op, av = item
        if op is literal:
            return not 97 <= av <= 122  # type: ignore[operator]
        if op is at:
            return av in bounds
        if op in (assert_, assert_not):
            return None
        if op is in_:
            for sub_op, sub_av in av:  # type: ignore[union-attr]
                if sub_op is C.LITERAL and not 97 <= sub_av <= 122:
                    continue
                if sub_op is C.CATEGORY and sub_av in no_letters:
                    continue
                if sub_op is C.RANGE and (sub_av[1] < 97 or sub_av[0] > 122):
                    continue
                return False
            return True
        return False

    def edge(items: list, i: int, step: int, beyond: bool) -> bool:
        """Is the character met walking from items[i] (step +1 forward, -1 back) a non-letter?"""
        while 0 <= i < len(items):
            op, av = items[i]
            if op in (branch, subpattern, max_repeat):
                after = edge(items, i + step, step, beyond)
            if op is branch:
                return all(edge(list(b), 0 if step > 0 else len(b) - 1, step, after)
                           for b in av[1])
            if op is subpattern:
                sub = list(av[3])
                return edge(sub, 0 if step > 0 else len(sub) - 1, step, after)
            if op is max_repeat:
                sub = list(av[2])
                inner = edge(sub, 0 if step > 0 else len(sub) - 1, step, after)
                return inner and (after if av[0] == 0 else True)
            verdict = sep(items[i])
            if verdict is not None:
                return verdict
            i += step
        return beyond

    def walk(items: list, left_ok: bool, right_ok: bool) -> list[frozenset[str]]:
        found: list[frozenset[str]] = []
        k = 0
        while k < len(items):
            op, av = items[k]
            if letter(items[k]):
                # A word: letters, with maybe a letter class ("somati[sz]ation") or an optional
                # letter ("says?") inside; every spelling it allows is a possible word.
                spellings = [""]
                end = k
                while end < len(items) and len(spellings) <= 16:
                    choices = letter_choices(items[end])
                    if choices is None:
                        break
                    spellings = [w + c for w in spellings for c in choices]
                    end += 1
                if len(spellings) <= 16 and edge(items, k - 1, -1, left_ok) and edge(
                    items, end, 1, right_ok
                ) and all(spellings):
                    found.append(frozenset(spellings))
                k = max(end, k + 1)
                continue
            left = edge(items, k - 1, -1, left_ok)
            right = edge(items, k + 1, 1, right_ok)
            if op is branch:
                subs = [walk(list(b), left, right) for b in av[1]]
                if subs and all(subs):
                    found.append(frozenset().union(*(min(x, key=_clause_score) for x in subs)))
            elif op is subpattern:
                found += walk(list(av[3]), left, right)
            elif op is max_repeat and av[0] >= 1:
                found += walk(list(av[2]), left and av[1] == 1, right and av[1] == 1)
            k += 1
        return found

    return walk(list(tree.data), False, False)


def _start_class(pattern: str) -> re.Pattern[str] | None:
    """A one-character class that every match of `pattern` starts with, or None.

    Searching for a single character class is fast; when it is absent, so is any match.
    """
    try:
        from re import _constants as C
        from re import _parser

        tree = _parser.parse(pattern)
    except Exception:  # pragma: no cover
        return None
    classes = {C.CATEGORY_DIGIT: "0-9", C.CATEGORY_SPACE: "\\s"}

    def first(items: list, i: int) -> set[str] | None:
        while i < len(items):
            op, av = items[i]
            if op is C.AT:
                i += 1
                continue
            if op is C.LITERAL:
                return {re.escape(chr(av))}
            if op is C.IN:
                out: set[str] = set()
                for sub_op, sub_av in av:
                    if sub_op is C.LITERAL:
                        out.add(re.escape(chr(sub_av)))
                    elif sub_op is C.RANGE:
                        out.add(re.escape(chr(sub_av[0])) + "-" + re.escape(chr(sub_av[1])))
                    elif sub_op is C.CATEGORY and sub_av in classes:
                        out.add(classes[sub_av])
                    else:
                        return None
                return out
            if op is C.BRANCH:
                out = set()
                for b in av[1]:
                    sub = first(list(b) + items[i + 1:], 0)
                    if sub is None:
                        return None
                    out |= sub
                return out
            if op is C.SUBPATTERN:
                return first(list(av[3]) + items[i + 1:], 0)
            if op is C.MAX_REPEAT:
                sub = first(list(av[2]) + items[i + 1:], 0)
                if sub is None or av[0] >= 1:
                    return sub
                rest = first(items, i + 1)
                return None if rest is None else sub | rest
            return None
        return None

    chars = first(list(tree.data), 0)
    return re.compile("[" + "".join(sorted(chars)) + "]") if chars else None


class _LazyRegex:
    """A regex compiled the first time it is used (a pattern has hundreds of small groups, most
    of which a session never needs; compiling them all would slow every start-up)."""

    __slots__ = ("_rx", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._rx: re.Pattern[str] | None = None

    def search(self, text: str) -> re.Match[str] | None:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(self.pattern)
        return rx.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        rx = self._rx
        if rx is None:
            rx = self._rx = re.compile(self.pattern)
        return rx.match(text)


# What a text holds for an index: its runs of letters, and by pattern slot the groups to try.
Facts = tuple[frozenset[str], dict[int, list[tuple[int, ...]]]]


class WordIndex:
    """The words under which gated patterns that search the same texts file their groups.

    `facts(text)` is one pass over a text's words that finds, for every pattern of the index at
    once, the groups its words call for (cached: a coder asks many patterns about the same text).
    Patterns that search different texts keep separate indexes, so neither pays for the other's
    words.
    """

    __slots__ = ("facts", "size", "words")

    def __init__(self, cache_size: int = 512) -> None:
        self.size = 0
        # word -> [(pattern slot, groups of that pattern filed under the word)]
        self.words: dict[str, list[tuple[int, tuple[int, ...]]]] = {}
        self.facts: _lru_cache_wrapper[Facts] = lru_cache(maxsize=cache_size)(self._facts)

    def add(self, index: dict[str, tuple[int, ...]]) -> int:
        """File a pattern's groups by word; returns the pattern's slot in the facts' plans."""
        slot = self.size
        self.size += 1
        for word, ids in index.items():
            self.words.setdefault(word, []).append((slot, ids))
        return slot

    def first_matches(
        self, patterns: Sequence[Gated], text: str
    ) -> list[tuple[int, re.Match[str]]]:
        """(place in `patterns`, first match) for each of `patterns` (all of this index) that
        matches `text`, in order: one look at the text's words passes over those without a
        group to try."""
        plan = self.facts(text)[1]
        return [(n, m) for n, rx in enumerate(patterns)
                if (rx.always or rx.slot in plan) and (m := rx.search(text)) is not None]

    def _facts(self, text: str) -> Facts:
        """The runs of letters in a normalised text, and for each pattern the groups its words
        call for."""
        runs = frozenset(_LETTERS_RX.findall(text))
        plan: dict[int, list[tuple[int, ...]]] = {}
        get = self.words.get
        for word in runs:
            entries = get(word)
            if entries:
                for slot, ids in entries:
                    found = plan.get(slot)
                    if found is None:
                        plan[slot] = [ids]
                    else:
                        found.append(ids)
        return runs, plan


class Gated:
    """A long alternation, searched by the first word each alternative needs.

    A regex with many alternatives costs (alternatives x positions) per search, and a leading
    "\\b" stops the regex engine from skipping ahead to likely starts. Here every alternative
    that starts with "\\b" and a plain word (after distributing leading groups, see `_heads`) is
    filed under that word and rewritten to start with the literal word ("you(?<!\\wyou)…" is
    "\\byou…"), which the engine finds as fast as `str.find`. A search runs only the groups whose
    word occurs in the text. Other alternatives are searched the ordinary way (or, if anchored
    with "^", tried at the start). The leftmost match wins, then the earliest alternative, as with
    `re.Pattern.search` (ties between groups are resolved by each group's first alternative).

    A text of words between single spaces may say "(?<![^ ])" instead of "\\b" to start a word
    only at the start of the text or after a space; such an alternative is filed the same way.
    The patterns `within` one `WordIndex` (the clinician coder's by default) find their groups
    in one pass over a text's words.
    """

    __slots__ = (
        "_facts", "_start_alts", "always", "always_start", "groups", "index", "pattern", "slot",
        "starts",
    )

    def __init__(self, pattern: str, within: WordIndex | None = None) -> None:
        self.pattern = pattern
        # (first word, anchored) -> [(order, alternative as searched, alternative as written)]
        grouped: dict[tuple[str, bool], list[tuple[int, str, str]]] = {}
        starts: dict[str, list[tuple[int, str]]] = {}  # first letter run -> original alternatives
        always: list[tuple[int, str]] = []
        for order, alternative in enumerate(split_top(pattern)):
            words = _first_words(alternative)
            if words is not None:
                for key in {_letters(w) for w in words}:
                    starts.setdefault(key, []).append((order, alternative))
            start = next((s for s in _WORD_STARTS if alternative.startswith(s)), None)
            heads = _heads(alternative[len(start):]) if start is not None else None
            if start is not None and heads is not None:
                for word, rest in heads:
                    grouped.setdefault((_letters(word), False), []).append(
                        (order, _word_first(start, word, rest), start + word + rest)
                    )
            elif words is not None and alternative.startswith("^"):
                for key in {_letters(w) for w in words}:
                    grouped.setdefault((key, True), []).append((order, alternative, alternative))
            elif start is not None and (letters := _lead_letters(alternative, len(start))):
                # not filed, but searched from its first letters all the same ("psycholog\\w*")
                rest = alternative[len(start) + len(letters):]
                always.append((order, _word_first(start, letters, rest)))
            else:
                always.append((order, alternative))
        # Groups of alternatives that share a first word and their least common needed words:
        # (order of the first alternative, the compiled alternatives, the first word, anchored at
        # the start, other sets of words a match needs). Each group is filed under its least
        # common needed words, so a search looks only at groups whose words occur in the text.
        keyed: dict[tuple[str, bool, frozenset[str]], list[tuple[int, str, list]]] = {}
        for (key, anchored), alts in grouped.items():
            for order, searched, written in alts:
                # A rare first word is gate enough; for a common one ("you", "it") look for the
                # rarer words the alternative needs (parsing costs import time, so only then).
                clauses = [c for c in _required_clauses(written) if key not in c] if (
                    key in _COMMON_WORDS or len(key) <= 3
                ) else []
                rarest = min(clauses, key=_clause_score) if clauses else frozenset({key})
                if _clause_score(rarest)[0] and _clause_score(rarest) > (1, 1):
                    rarest = frozenset({key})  # common words either way: file under the first
                keyed.setdefault((key, anchored, rarest), []).append((order, searched, clauses))
        groups: list[tuple[int, _LazyRegex, str, bool, tuple[frozenset[str], ...]]] = []
        by_need: dict[str, list[int]] = {}
        for (key, anchored, rarest), alts in keyed.items():
            shared = set(alts[0][2])
            for _, _, clauses in alts[1:]:
                shared &= set(clauses)
            others = tuple(sorted((c for c in shared if c != rarest and (
                _clause_score(c)[0] != len(c))), key=_clause_score)[:2])
            gid = len(groups)
            groups.append((alts[0][0], _LazyRegex("|".join(a for _, a, _ in alts)), key, anchored,
                           others))
            for word in rarest:
                by_need.setdefault(word, []).append(gid)
        self.groups = tuple(groups)
        self.index = {word: tuple(ids) for word, ids in by_need.items()}
        # File the groups in the index shared by the patterns that search the same texts: one
        # pass over a text's words finds the candidates of every pattern at once.
        index = _SHARED if within is None else within
        self.slot = index.add(self.index)
        self._facts = index.facts
        # For `match`: the original alternatives by the letters a match at 0 must start with
        # (compiled on first use: most patterns are only searched).
        self._start_alts = {key: (alts[0][0], "|".join(a for _, a in alts))
                            for key, alts in starts.items()}
        self.starts: dict[str, tuple[int, re.Pattern[str]]] | None = None
        # One search over the joined alternatives beats several searches.
        self.always: tuple[tuple[int, re.Pattern[str]], ...] = (
            ((always[0][0], re.compile("|".join(a for _, a in always))),) if always else ()
        )
        self.always_start = _start_class("|".join(a for _, a in always)) if always else None

    @property
    def rx(self) -> re.Pattern[str]:
        """The whole pattern as one regex (for checks; searching it is slower)."""
        return re.compile(self.pattern)

    def search(self, text: str) -> re.Match[str] | None:
        runs, plan = self._facts(text)
        found = plan.get(self.slot)
        if found is None and not self.always:
            return None
        always = self.always if self.always_start is None or self.always_start.search(text) else ()
        if found is None:
            return always[0][1].search(text) if always else None
        best: re.Match[str] | None = None
        best_start = len(text) + 1
        best_order = 0
        if always:
            best_order, compiled = self.always[0]
            best = compiled.search(text)
            if best is not None:
                best_start = best.start()
        groups = self.groups
        for ids in found:
            for gid in ids:  # a group filed under two words present may be tried twice: harmless
                order, compiled, first, anchored, others = groups[gid]
                if first not in runs:
                    continue
                if others and (others[0].isdisjoint(runs) or (
                    len(others) > 1 and others[1].isdisjoint(runs)
                )):
                    continue
                if anchored:
                    m = compiled.match(text) if text.startswith(first) else None
                else:
                    m = compiled.search(text)
                if m is not None:
                    at = m.start()
                    if at < best_start or (at == best_start and order < best_order):
                        best, best_start, best_order = m, at, order
        return best

    def match(self, text: str) -> re.Match[str] | None:
        if self.starts is None:
            self.starts = {key: (order, re.compile(alts))
                           for key, (order, alts) in self._start_alts.items()}
        first = _LETTERS_RX.match(text)
        entry = self.starts.get(first.group(0)) if first is not None else None
        candidates = (*self.always, entry) if entry is not None else self.always
        if len(candidates) > 1 and candidates[1][0] < candidates[0][0]:
            candidates = (candidates[1], candidates[0])
        for _, compiled in candidates:
            m = compiled.match(text)
            if m is not None:
                return m
        return None


def _letters(word: str) -> str:
    """The letters a word starts with, up to an apostrophe or hyphen ("don't" -> "don")."""
    m = _LETTERS_RX.match(word)
    return m.group(0) if m is not None else word


_LETTERS_RX: Final = re.compile(r"[a-z]+")


def _lead_letters(alternative: str, at: int) -> str:
    """The letters at `at` that every match starts with ("pill" of "pills?"), or ""."""
    m = _LETTERS_RX.match(alternative, at)
    if m is None:
        return ""
    quantified = alternative[m.end(): m.end() + 1] in ("?", "*", "+", "{")
    return m.group(0)[:-1] if quantified else m.group(0)


def _word_first(start: str, word: str, rest: str) -> str:
    """`start` + `word` + `rest` rewritten to begin with the literal `word` ("\\byou are" ->
    "you(?<!\\wyou) are"): the same matches, which the regex engine finds as fast as `str.find`."""
    return word + "(?<!" + _WORD_STARTS[start] + word + ")" + rest


# The index of the patterns that name no other: the clinician coder's.
_SHARED: Final = WordIndex()
text_facts: Final = _SHARED.facts
