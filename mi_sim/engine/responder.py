"""Choose the patient's reply from the persona's authored banks.

Version 1 personas: the event of the turn picks the source (walk-out, commitment, concern,
value) or else the move's bank chain. Within a source: replies allowed at the band; topic-bound
replies only when the line touches their topic, and then preferred; a talk label drawn from the
state; no verbatim repeat while an alternative remains.

Schema 2 personas answer what the line asks: the rules of `answering` name the sources, the
first rule with an eligible reply wins (a binding rule even at the cost of a repeat), and a reply
is eligible only if its memory conditions hold (`requires`, `unless`, `heard`) and the line gave
the slots it needs. Deterministic for a given seed and turn.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final

from mi_sim.engine.answering import (
    YES_NO_SHAPED,
    Answer,
    Context,
    Source,
    _entries,
    answers,
    slots_needed,
)
from mi_sim.engine.dynamics import Event
from mi_sim.engine.fact_cues import NOT_FACTUAL_RX, kinds_asked, points_back
from mi_sim.engine.facts import (
    ASKED_AGAIN,
    REPAIR,
    SCORE_HEARD,
    SEVERITY_WHY,
    THRESHOLD,
    fills_slot,
)
from mi_sim.engine.index import BankEntry, PersonaIndex, entries
from mi_sim.engine.perception import EMPATHIC, PUSHY, Reading
from mi_sim.engine.persona import Band, Move, Parameters, Persona, Reply, fallback_chain
from mi_sim.engine.reading import Form, Slot, plain
from mi_sim.engine.segmenter import normalise
from mi_sim.engine.state import State
from mi_sim.engine.vocabulary import FactKind, Talk

GOOD_PULL = EMPATHIC | {Move.EVOKE, Move.EMPHASIZE_AUTONOMY, Move.SEEK_COLLABORATION}
BAD_PULL = PUSHY | {Move.INTERROGATION}


@dataclass(frozen=True, slots=True)
class Choice:
    """The chosen reply, where it came from and why."""

    entry: BankEntry
    source: str
    wanted: Talk
    repeated: bool
    rule: str = ""  # schema 2: the answering rule that chose the source
    slots: tuple[tuple[str, str], ...] = ()  # schema 2: line slots for the reply
    notes: tuple[str, ...] = ()  # schema 2: what memory and reading decided
    again: str = ""  # schema 2: said before a fact told a second time ("Like I said,")
    before: BankEntry | None = None  # schema 2: the answer to an earlier question of the line
    correction: str = ""  # schema 2: said first, putting right a detail the line got wrong


def talk_weights(state: State, params: Parameters, move: Move) -> dict[Talk, float]:
    """How strongly the state pulls toward each kind of client talk this turn."""
    pull = 0.25 if move in GOOD_PULL else -0.3 if move in BAD_PULL else 0.0
    change = 1.8 * state.readiness + 0.4 * state.rapport + pull + params.change_bias - 0.15
    sustain = (1.2 * state.discord + 0.4 * (1.0 - state.importance)
               + 0.25 * (1.0 - state.confidence) - pull - 0.2)
    return {
        Talk.CHANGE: max(change, 0.02),
        Talk.SUSTAIN: max(sustain, 0.02),
        Talk.NEUTRAL: 0.3,
    }


def draw_talk(weights: dict[Talk, float], rng: random.Random) -> Talk:
    point = rng.random() * sum(weights.values())
    for talk in (Talk.CHANGE, Talk.SUSTAIN, Talk.NEUTRAL):
        point -= weights[talk]
        if point < 0:
            return talk
    return Talk.NEUTRAL


def rng_for(state: State) -> random.Random:
    """A generator that depends only on the session seed and the turn number."""
    return random.Random(state.seed * 1_000_003 + state.turn)


def _eligible(pool: Sequence[BankEntry], band: Band,
              topics: frozenset[str]) -> tuple[list[BankEntry], list[BankEntry]]:
    """Replies usable now: those bound to a topic the line touches, then the general ones."""
    usable = [e for e in pool if band in e.reply.bands]
    on_topic = [e for e in usable if e.reply.topics and topics.intersection(e.reply.topics)]
    general = [e for e in usable if not e.reply.topics]
    return on_topic, general


def _pick(candidates: list[BankEntry], wanted: Talk, weights: dict[Talk, float],
          rng: random.Random) -> BankEntry:
    ranked = sorted({e.reply.talk for e in candidates},
                    key=lambda t: (t is not wanted, -weights[t]))
    best = [e for e in candidates if e.reply.talk is ranked[0]]
    return best[rng.randrange(len(best))]


# Rules whose replies are chosen by move and topic: among them, the replies that share the most
# content words with the clinician's line say back what was said ("You carry a lot of people"
# finds the line about the family, not the one about the desk).
_BY_CONTENT: Final = frozenset({"move", "wh", "invite", "yes_no", "feeling", "ruler_why", "future",
                                 "event"})
_CONTENT_WORD: Final = re.compile(r"[a-z]{4,}")
_COMMON: Final = frozenset(re.findall(r"\w+", (
    "that this with have what your just about like they them then there their from when been "
    "were would could should really thing things much more some know think feel feels felt "
    "sounds sound says said want wants going good mean does doing made make into over only also "
    "here where which while still even very well time always never every lots days today "
    "matter matters most these those kind sort part bits whole other around because maybe "
    "something anything everything someone people")))


_SUFFIX: Final = re.compile(r"(?<=[a-z]{3})(?:ing|ed|es|s|ly|er)$")
_DOUBLED: Final = re.compile(r"([b-df-hj-np-tv-z])\1$")


@lru_cache(maxsize=4096)
def _words_of(text: str) -> frozenset[str]:
    """Content words by stem ("swimming", "swim" and "swims" are one word)."""
    return frozenset(_DOUBLED.sub(r"\1", _SUFFIX.sub("", w))[:6]
                     for w in _CONTENT_WORD.findall(text.lower()) if w not in _COMMON)


def _closest(candidates: list[BankEntry], lowered: str) -> list[BankEntry]:
    said = _words_of(lowered)
    if not said:
        return candidates
    scored = [(len(said & _words_of(e.reply.text)), e) for e in candidates]
    top = max(score for score, _e in scored)
    return [e for score, e in scored if score == top] if top else candidates


def _least_recent(candidates: list[BankEntry], used: tuple[str, ...]) -> BankEntry:
    order = {rid: i for i, rid in enumerate(used)}
    return min(candidates, key=lambda e: order.get(e.id, -1))


def _event_pool(persona: Persona, event: Event) -> tuple[str, tuple[BankEntry, ...]]:
    if event.kind == "walkout":
        return "walkout", entries("walkout", persona.banks[Move.WALKOUT])
    if event.kind in ("accept", "decline"):
        commitment = next(c for c in persona.commitments if c.name == event.name)
        replies = commitment.accept if event.kind == "accept" else commitment.decline
        return f"commitment.{commitment.name}.{event.kind}", entries(
            f"commitment.{commitment.name}.{event.kind}", replies)
    if event.kind == "disclose":
        concern = next(c for c in persona.concerns if c.name == event.name)
        return f"concern.{concern.name}", entries(f"concern.{concern.name}", concern.disclosures)
    value = next(v for v in persona.values if v.name == event.name)
    return f"value.{value.name}", entries(f"value.{value.name}", value.replies)


def choose_reply(persona: Persona, index: PersonaIndex, params: Parameters, state: State,
                 reading: Reading, event: Event | None) -> Choice:
    """The reply for this turn; `state` is the state after the update."""
    rng = rng_for(state)
    band = state.band(params)
    weights = talk_weights(state, params, reading.move)
    wanted = draw_talk(weights, rng)
    if persona.understands and reading.ask is not None:
        choice = _choose_understood(persona, index, state, reading, event, rng, band, weights,
                                    wanted)
        return _with_correction(persona, state, reading, event, choice)
    used = set(state.used)
    sources: list[tuple[str, list[BankEntry]]] = []
    if event is not None:
        name, pool = _event_pool(persona, event)
        on_topic, general = _eligible(pool, band, reading.topics)
        sources.append((name, on_topic + general or list(pool)))
    if event is None or event.kind != "walkout":
        for move in fallback_chain(reading.move):
            on_topic, general = _eligible(index.bank(move, band), band, reading.topics)
            sources.extend((move.value, group) for group in (on_topic, general) if group)
    for name, candidates in sources:
        fresh = [e for e in candidates if e.id not in used]
        if fresh:
            return Choice(_pick(fresh, wanted, weights, rng), name, wanted, repeated=False)
    for name, candidates in sources:
        if candidates:
            return Choice(_least_recent(candidates, state.used), name, wanted, repeated=True)
    fallback = entries("fallback", persona.banks[Move.FALLBACK])
    return Choice(_least_recent(list(fallback), state.used), "fallback", wanted, repeated=True)


# ---------------------------------------------------------------------- schema 2


def _choose_understood(persona: Persona, index: PersonaIndex, state: State, reading: Reading,
                       event: Event | None, rng: random.Random, band: Band,
                       weights: dict[Talk, float], wanted: Talk) -> Choice:
    lowered = reading.coding.text.lower()
    if reading.ask is not None and reading.ask.rule == "ruler_why" and reading.ask.text:
        lowered = reading.ask.text  # "…maybe higher than you're letting on. Why a three and not
        # a one?" asks why, not what would take it higher
    if reading.fact is not None and reading.fact.frame:  # heard in its frame ("who else was at
        lowered = f"{lowered} ({reading.fact.frame})"  # home then?" as "…growing up")
    ctx = Context(persona, index, state, reading, event, band, rng, lowered,
                  heard=f"{lowered}\n{normalise(lowered)}")
    ask = reading.ask
    line_slots = {k: v for k, v in (("echo", ask.echo if ask else None),
                                    ("step", ask.step if ask else None)) if v}
    wh = ask is not None and ask.form.value == "wh"
    asked_words = ask.text if ask is not None and ask.question_mark and ask.text else lowered
    used = set(state.used)
    declined: Choice | None = None  # a fact told already, not asked again: said only if
    for answer in answers(ctx):  # nothing else answers the line
        slots = {**line_slots, **dict(answer.slots)}
        groups = [(source.name, group) for source in answer.sources
                  for group in _eligible_groups(source, ctx, slots, band, wh, answer)]
        for name, group in groups:
            fresh = [e for e in group if e.id not in used]
            if fresh and declined is not None and name == Move.FALLBACK.value:
                break  # nothing but the fallback: the fact told again is closer
            if fresh:
                if answer.rule in _BY_CONTENT:  # the words of the question itself, when there
                    fresh = _closest(fresh, asked_words)  # is one, not the reflection before it
                return _understood(_pick(fresh, wanted, weights, rng), name, wanted,
                                   False, answer, slots, ctx)
        if answer.binding and groups:
            everything = [e for _, g in groups for e in g]
            retold = _told_otherwise(answer.sources[0], ctx, slots, wh, used) if (
                answer.rule == "fact") else None
            entry = retold or _least_recent(everything, state.used)
            name = answer.sources[0].name if retold else next(n for n, g in groups if entry in g)
            said = name.startswith(("fact.", "commitment.")) and _said_before(
                entry, everything, used)
            choice = _understood(entry, name, wanted, entry.id in used, answer, slots, ctx)
            if said and not REPAIR.search(plain(normalise(reading.coding.text[:2000]))):
                choice = replace(choice, again=_again(persona, state, rng))  # (asked again
            # after a miss, "as I said" would claim an answer the patient never gave)
            if said and name.startswith("fact.") and not _asked_again(entry, ctx):
                ctx.notes.append(f"{name} was told already and the line asks something else "
                                 "about it: not told again")
                declined = declined or choice
                continue
            if declined is not None and choice.source == Move.FALLBACK.value:
                break
            return choice
    if declined is not None:
        return replace(declined, notes=tuple(ctx.notes))
    fallback = entries("fallback", persona.banks[Move.FALLBACK])
    return Choice(_least_recent(list(fallback), state.used), "fallback", wanted, repeated=True,
                  rule="fallback", notes=tuple(ctx.notes))


def _with_correction(persona: Persona, state: State, reading: Reading, event: Event | None,
                     choice: Choice) -> Choice:
    """The choice with a detail the line got wrong put right first ("Nine, actually."), from the
    persona's `correction` bank; not when the reply says the right number itself, nor when the
    patient walks out."""
    truth = reading.correction
    lines = persona.banks.get(Move.CORRECTION, ())
    if not truth or not lines or (event is not None and event.kind == "walkout") or (
            truth.split()[0] in choice.entry.reply.text.lower()):
        return choice
    line = lines[state.turn % len(lines)].text.replace("{echo}", truth)
    return replace(choice, correction=line[:1].upper() + line[1:],
                   notes=(*choice.notes, f"puts right a detail: {truth}"))


def _told_otherwise(source: Source, ctx: Context, slots: dict[str, str], wh: bool,
                    used: set[str]) -> BankEntry | None:
    """A fact asked again once every answer at the band has been said: the shortest of its
    answers at another band not yet said ("Like I said, Sue, Ella and me."), so the patient
    recaps rather than recites; when none of those says what the question asks (how long…),
    the answer that does, recapped."""
    usable = [e for e in source.entries if _conditions_hold(e.reply, ctx, slots)
              and not (wh and YES_NO_SHAPED.match(e.reply.text))]
    if written := _best_heard(tuple(e for e in usable if e.reply.heard), ctx):  # a follow-up
        return min(written, key=lambda e: len(e.reply.text))  # asked again ("what's stopped you
        # going back in there?"): what was written for it, recapped, not another answer's first
        # words
    fresh = [e for e in usable if e.id not in used]
    ask = ctx.reading.ask
    if ask is not None and ask.slot is not None and not any(
            fills_slot(e.reply.text, ask.slot) for e in fresh):  # "how long have you been
        fresh = [e for e in usable if fills_slot(e.reply.text, ask.slot)] or fresh  # there?":
        # the answer that says how long, recapped, over a shorter one that does not
    return min(fresh, key=lambda e: len(e.reply.text)) if fresh else None


def _said_before(entry: BankEntry, told: list[BankEntry], used: set[str]) -> bool:
    """Whether the patient has said this, or most of it, already: only then "Like I said"
    (an answer at another band with news in it is not a recap)."""
    if entry.id in used:
        return True
    words = _content(entry.reply.text)
    said = set().union(*(_content(e.reply.text) for e in told if e.id in used))
    return bool(words) and len(words & said) * 2 >= len(words)


def _questions_of(ctx: Context) -> str:
    """The line's questions, each from the start of its sentence, as typed and as read."""
    asked = " ".join(_QUESTION.findall(ctx.lowered)) or ctx.lowered
    return f"{asked}\n{normalise(asked)}"


def _asked_again(entry: BankEntry, ctx: Context) -> bool:
    """Whether the line asks again for what the patient told already, so a recap ("Like I
    said, …") answers it: a follow-up written for these words; "what did you say…?", "remind
    me"; or "you said…" and "how many…" about a word of the answer ("you said waking at three,
    is that most nights?"). A question about something else of a thing told ("what is it about
    the changing rooms that feels like a trap?", "when did you stop doing things with your
    mates?") is not answered by telling the thing again."""
    line = ctx.lowered
    hit = ctx.reading.fact
    if entry.reply.heard or ASKED_AGAIN.search(line) or (  # (a follow-up eligible: its words
            hit is not None and hit.kind in _ASKED_TWICE) or REPAIR.search(  # are in the line)
            plain(normalise(line))):  # ("I was asking about your tablets": asked after a miss)
        return True
    ask = ctx.reading.ask
    asked = ask.text if ask is not None and ask.text else line
    fact = entry.id.rpartition(":")[0].removeprefix("fact.")
    if not NOT_FACTUAL_RX.search(asked) and any(
            name == fact and " " in words for name, _at, words in ctx.index.fact_mentions(
                ctx.heard)):
        return True  # named by a phrase of its own ("is any of it written down yet?"), not
        # asked what it is like
    if ask is not None and ask.slot is Slot.WHO and hit is not None and hit.kind == "person":
        return True  # "you mentioned Alfie, who is he?"
    if (_RECALLED.search(line) or _AMOUNT_ASKED.search(asked)) and (
            _words_of(asked) & _words_of(entry.reply.text)):
        return True
    if ask is not None and ask.slot in _COUNTED and fills_slot(entry.reply.text, ask.slot):
        return True  # "how old are they?" after the children were told with their ages, "when
        # is it?" after the wedding
    return ask is None or ask.form is Form.EITHER_OR or (hit is not None and any(
        kind.value == hit.kind and score >= THRESHOLD
        for text in (asked, ask.focus or asked, (_QUESTION.findall(line) or [asked])[-1].strip())
        for kind, score in kinds_asked(text, ask.slot)))
    # "who do you live with?", "what happens in your body during one?", "…your job, what is
    # it?": the question itself asks for the fact again


# Facts a clinician asks twice on purpose (whether they are safe).
_ASKED_TWICE: Final = frozenset({FactKind.SAFETY.value, FactKind.RISK.value})


_QUESTION: Final = re.compile(r"[^.?!]*\?")  # "…that sounds hard. but ur job, what is it?"
_RECALLED: Final = re.compile(r"\byou (?:said|mentioned|told me)\b")
_AMOUNT_ASKED: Final = re.compile(r"\bhow (?:long|many|often|much|old)\b")
_AMOUNTS: Final = frozenset({Slot.HOW_LONG, Slot.HOW_MANY, Slot.HOW_OFTEN})
_COUNTED: Final = _AMOUNTS | {Slot.WHEN}


def _content(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]{4,}", text.lower())}


def _again(persona: Persona, state: State, rng: random.Random) -> str:
    """A lead-in for a fact told a second time, in the patient's voice ("" if none)."""
    leads = persona.banks.get(Move.AGAIN, ())
    if not leads:
        return ""
    return leads[rng.randrange(len(leads))].text


def _understood(entry: BankEntry, source: str, wanted: Talk, repeated: bool, answer: Answer,
                slots: dict[str, str], ctx: Context) -> Choice:
    text = entry.reply.text
    kept = tuple((k, v) for k, v in sorted(slots.items()) if "{" + k + "}" in text)
    before = _also_answered(ctx) if answer.rule == "fact" else None
    return Choice(entry, source, wanted, repeated, answer.rule, kept, tuple(ctx.notes),
                  before=before)


def _also_answered(ctx: Context) -> BankEntry | None:
    """The shortest answer to another fact asked in the same line ("Who's at home? And what do
    you do?"), said first; none when that fact is private and not yet disclosed."""
    hit = ctx.reading.also
    fact = ctx.persona.fact(hit.fact) if hit is not None and hit.fact else None
    if fact is None or (fact.private and not ctx.state.has_flag(f"disclosed:{fact.private}")):
        return None
    found = [e for e in _entries(ctx, f"fact.{fact.name}", fact.answers)
             if _conditions_hold(e.reply, ctx, {}) and not YES_NO_SHAPED.match(e.reply.text)]
    if not found:
        return None
    ctx.notes.append(f"also answers {fact.name}, asked earlier in the line")
    written = [e for e in found if e.reply.heard]  # "what time do you get up, and how do you
    return min(written or found, key=lambda e: len(e.reply.text))  # get there?": the alarm


def _eligible_groups(source: Source, ctx: Context, slots: dict[str, str], band: Band, wh: bool,
                     answer: Answer) -> list[tuple[BankEntry, ...]]:
    """The source's usable replies: on-topic first, then general (see `_eligible`)."""
    at_band = [e for e in source.entries if band in e.reply.bands
               and _conditions_hold(e.reply, ctx, slots)
               and not (wh and YES_NO_SHAPED.match(e.reply.text))]
    if not at_band and answer.rule in ("event", "fact", "fact_private", "repeat"):
        at_band = [e for e in source.entries  # an event or a fact never runs dry at a band
                   if _conditions_hold(e.reply, ctx, slots)
                   and not (wh and YES_NO_SHAPED.match(e.reply.text))]
        if not at_band and answer.rule in ("fact", "fact_private"):  # "Not much now. I did
            at_band = [e for e in source.entries  # parkrun…" still answers "when did you last
                       if _conditions_hold(e.reply, ctx, slots)]  # do a parkrun?"
    ask = ctx.reading.ask
    heard = tuple(e for e in at_band if e.reply.heard) if answer.rule == "fact" else ()
    asked = ask.text if ask is not None and ask.question_mark and ask.text else ""
    plain_answers = [e for e in at_band if not e.reply.heard]
    questions = _questions_of(ctx) if heard and asked and plain_answers else ""
    if questions and len(_words_of(asked)) >= 3 and not any(
            ctx.index.heard_in(tuple(e.reply.heard), questions) for e in heard):
        at_band = plain_answers  # "…round and round till the alarm. What time are you
        # actually waking up?": the question's own words, not a follow-up written for the
        # reflection before it
    elif heard and (ask is None or any(fills_slot(e.reply.text, ask.slot) for e in heard)):
        at_band = list(_best_heard(heard, ctx))  # a follow-up written for what is asked (its
        # longest phrase, in the question first), said or retold, never another answer of the
        # fact ("who else was at home then?")
    elif answer.rule == "fact" and ask is not None and at_band and not any(
            fills_slot(e.reply.text, ask.slot) for e in at_band):
        filling = [e for e in source.entries if fills_slot(e.reply.text, ask.slot)
                   and _conditions_hold(e.reply, ctx, slots)]  # "how often do you see her?":
        at_band = filling or at_band  # the answer that says how often, at whatever band
    elif heard and ask is not None and ask.slot in _AMOUNTS and " ago" not in asked:  # "when
        # you wake at four, how long do you lie there?" ("how long ago…?" asks when):
        at_band = [e for e in at_band if fills_slot(e.reply.text, ask.slot)] or at_band  # the
        # answer that says how long, not the follow-up for lying there that does not
    close = _close_to_question(at_band, ctx) if source.close_only else at_band  # a line about
    if not source.topical:  # something else only after thinking the question over
        return [tuple(close)] if close else []
    topics = ctx.reading.topics
    if answer.rule in ("wh", "yes_no") and ask is not None and ask.question_mark and ask.text and (
            not points_back(ask.text)):  # a question's own topics: "you've felt sick about it
        topics = ctx.index.topics_in(ask.text)  # since… Where is the reception?" is not about
        # the stomach ("how long has it been going on?" points back, and keeps the line's)
    # on topic: a reply about a topic the line touches, or written for words it contains
    on_topic = tuple(e for e in at_band if e.reply.heard or (
        e.reply.topics and topics.intersection(e.reply.topics)))
    if sum(1 for e in on_topic if e.reply.heard) >= 2:  # "what did you do with the rest of the
        on_topic = _best_heard(on_topic, ctx)  # day?": the rest of the day, not what came next
    general = tuple(e for e in at_band if not e.reply.topics and e not in on_topic)
    if source.close_only:
        general = tuple(e for e in general if e in close)
    if answer.rule == "event" and not on_topic and not general:
        general = tuple(at_band)
    return [g for g in (on_topic, general) if g]


def _close_to_question(found: list[BankEntry], ctx: Context) -> list[BankEntry]:
    """The replies that share a content word with the question (with the line, without one)."""
    ask = ctx.reading.ask
    asked = _words_of(ask.text if ask is not None and ask.question_mark and ask.text
                      else ctx.lowered)
    return [e for e in found if asked & _words_of(e.reply.text)]


def _best_heard(found: tuple[BankEntry, ...], ctx: Context) -> tuple[BankEntry, ...]:
    """Of replies written for words the line holds, those written for its longest phrase; words
    in the question itself before words in what was said before it ("…what would help you stay
    at work… do you get a proper sit-down break?" asks about the breaks)."""
    if not found:
        return found
    hit = ctx.reading.fact
    if hit is not None and hit.why == SEVERITY_WHY and (scored := tuple(
            e for e in found if SCORE_HEARD in e.reply.heard)):
        return scored  # "on a scale of 0 to 10, how bad is the headache…?": the score, not the
        # headache described again because "the headache" is the longer phrase heard
    ask = ctx.reading.ask
    asked = ask.text if ask is not None and ask.question_mark and ask.text else ""
    if asked and any(ctx.index.heard_in(tuple(e.reply.heard), asked) for e in found
                     if e.reply.heard):
        found = tuple(e for e in found if not e.reply.heard or ctx.index.heard_in(
            tuple(e.reply.heard), asked))

    def longest(entry: BankEntry) -> int:
        return max((len(w) for w in entry.reply.heard if ctx.index.heard_in((w,), ctx.heard)),
                   default=0)
    best = max(longest(e) for e in found)
    return tuple(e for e in found if not e.reply.heard or longest(e) == best)


def _conditions_hold(reply: Reply, ctx: Context, slots: dict[str, str]) -> bool:
    if not slots_needed(reply) <= slots.keys():
        return False
    if not reply.conditional:
        return True
    state = ctx.state
    if any(not state.has_flag(flag) for flag in reply.requires):
        return False
    if any(state.has_flag(flag) for flag in reply.unless):
        return False
    if reply.unheard and ctx.index.heard_in(tuple(reply.unheard), ctx.heard):
        return False
    return not reply.heard or ctx.index.heard_in(tuple(reply.heard), ctx.heard)
