"""Where a schema 2 patient's reply comes from: a table of rules, read top to bottom.

Each rule looks at what the line asks (`Reading.ask`, `Reading.fact`), the turn's event and the
conversation memory, and names the sources to answer from. The first rule with an eligible reply
wins. A *binding* rule answers even when every one of its replies has been said already (the
least recently said comes back: a fact asked twice is told twice), because a reply that does
not fit is worse than a repeat; a non-binding rule hands over to the next rule instead. A fact
told already is told again only when the line asks for it again (`responder._asked_again`):
"how often do you check it?" after the lump was described asks something else about it, and
the rules after `fact` answer it (the fact again only if nothing but the fallback would).

    event         the turn's event: walk-out, commitment, disclosure, value
    value_asked   "what matters most to you?" once that value has come up: its replies again
    pushy         labelled, confronted or advised without a question to answer: react to that
    repeat        "sorry, can you say that again?": the last line again
    clarify       a line with no English in it
    closing, apology, greeting, thanks, permission (and offers)
    stranger      a question about someone the patient does not know ("Does Kai know?"): `{echo}`
    plan          a planning question (when, where, who, obstacles, setback, sign) about the
                  step in discussion: that step's `plan` answer
    fact          a factual question: the fact (private facts deflect until disclosed);
                  a fact the sheet does not hold: `dont_know`
    offer_taken   the patient offered to say more and the clinician said go on
    discrepancy   two things the patient said set side by side: as a double-sided reflection
    summary, check
    choice        either/or: one of the options, `{option}`
    proposal      a step that is not a commitment, `{step}`
    future        looking forward or imagining
    invite        "go on": more on what the patient was just talking about
    interrogation the third closed question in a row
    yes_no        a topic's closed-question replies, else yes / no / unsure by the question
    wh            the move's banks, never a reply shaped like a yes or no
    move          the move's bank chain, as in version 1
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from random import Random
from typing import Final

from mi_sim.engine import form_lexicon as fx
from mi_sim.engine.coding import DOUBLE_SIDED
from mi_sim.engine.dynamics import Event
from mi_sim.engine.fact_cues import is_noun_kind
from mi_sim.engine.facts import stranger_named
from mi_sim.engine.index import BankEntry, PersonaIndex, entries
from mi_sim.engine.perception import Reading
from mi_sim.engine.persona import (
    LINE_SLOTS,
    OPENING_SLOT,
    SLOT,
    Band,
    Move,
    Persona,
    Reply,
    fallback_chain,
)
from mi_sim.engine.reading import QUESTIONS, Ask, Form, YesNo
from mi_sim.engine.state import State
from mi_sim.engine.vocabulary import Code, FactKind

YES_NO_SHAPED: Final = re.compile(
    r"^(?:yes|yeah|yep|yup|no(?! (?:one|pets?|kids|children|brothers|sisters|exercise)\b)|nope|"
    r"nah|not (?:really|yet|always|exactly|much|at all|sure)|"  # ("No one." says who; "No
    # pets." how many)
    r"maybe|sometimes|mostly|kind of|sort of|i suppose|probably|definitely|absolutely|of course|"
    r"sure|i guess|not that i know)\b"
    r"|^[\w' ]{1,24}, (?:yes|yeah|no)(?=[.!,;]|$)", re.IGNORECASE)  # "Most nights, yes." answers
# a yes/no; "I'm asleep by eleven, no trouble, and…" does not
_ABOUT_CLOSED: Final = re.compile(r"\b(?:one-word answer|one word|short answer|the long one|"
                                  r"yes-and-no|yes or no|in one word)\b", re.IGNORECASE)
_ENGLISH: Final = re.compile(
    r"\b(?:the|you|your|i|is|are|a|to|and|it|what|how|do|that|of|in|me|we|my|this|can|be|have|"
    r"so|about|okay|ok|yes|no|hi|hello|thanks|sorry|why|when|who|where|not|with|for|on|got|any|"
    r"had|did|does|was|were|will|would|an|at|or|if|but|just|like|really|oh|well|right|mean|"
    r"mm|hmm|go|tell|more|he|she|they|has|have|been|even|his|her|its|their|them|there|then|"
    r"than|from|into|out|up|by|as|all|some|too|very|much|still|now|gone|feels?|seems?)\b")
_ACCEPT_WORDS: Final = re.compile(
    r"^(?:yes|yeah|yep|sure|of course|please|go ahead|go on|absolutely|definitely|okay|ok|"
    r"alright|all right|by all means|i would like that|that would be|tell me|explain)\b")


@dataclass(frozen=True, slots=True)
class Source:
    """Replies to choose from, named for the trace. `topical`: replies bound to topics are
    used only when the line touches one of them (off for replies chosen by their subject)."""

    name: str
    entries: tuple[BankEntry, ...]
    topical: bool = True
    close_only: bool = False  # untagged replies only when they share a word with the question


@dataclass(frozen=True, slots=True)
class Answer:
    """What a rule offers: its sources, whether it binds, and the slots it fills."""

    rule: str
    sources: tuple[Source, ...]
    binding: bool = True
    slots: tuple[tuple[str, str], ...] = ()


@dataclass
class Context:
    """Everything the rules read (one turn; built by the responder)."""

    persona: Persona
    index: PersonaIndex
    state: State  # after the update
    reading: Reading
    event: Event | None
    band: Band
    rng: Random
    lowered: str
    notes: list[str] = field(default_factory=list)
    heard: str = ""  # the line as typed and as read ("ur head" is "your head"): what a reply's
    # `heard` phrases are looked for in


# ---------------------------------------------------------------------- helpers


def bank(ctx: Context, move: Move) -> Source:
    return Source(move.value, _entries(ctx, move.value, ctx.persona.banks.get(move, ())))


def _entries(ctx: Context, prefix: str, replies: Sequence[Reply]) -> tuple[BankEntry, ...]:
    """The replies as bank entries, built once per persona and source (a turn builds none)."""
    cache = ctx.persona.cache.setdefault("entries", {})
    assert isinstance(cache, dict)
    found = cache.get(prefix)
    if found is None:
        found = cache[prefix] = entries(prefix, replies)
    return found


def chain(ctx: Context, move: Move) -> tuple[Source, ...]:
    return tuple(bank(ctx, m) for m in fallback_chain(move) if ctx.persona.banks.get(m))


def fact_source(ctx: Context, name: str, deflect: bool = False) -> Source:
    fact = ctx.persona.fact(name)
    replies: tuple[Reply, ...] = ()
    if fact is not None:
        replies = tuple(fact.deflect if deflect else fact.answers)
    label = f"fact.{name}" + (".deflect" if deflect else "")
    return Source(label, _entries(ctx, label, replies))


def _answer(rule: str, *sources: Source, binding: bool = True,
            slots: tuple[tuple[str, str], ...] = ()) -> Answer | None:
    kept = tuple(s for s in sources if s.entries)
    return Answer(rule, kept, binding, slots) if kept else None


def _ask(ctx: Context) -> Ask | None:
    return ctx.reading.ask


def _form(ctx: Context) -> Form | None:
    ask = _ask(ctx)
    return ask.form if ask is not None else None


# ---------------------------------------------------------------------- the rules


def _event(ctx: Context) -> Answer | None:
    event = ctx.event
    if event is None:
        return None
    persona = ctx.persona
    if event.kind == "walkout":
        return _answer("event", Source("walkout", entries("walkout", persona.banks[Move.WALKOUT])))
    if event.kind in ("accept", "decline"):
        commitment = next(c for c in persona.commitments if c.name == event.name)
        replies = commitment.accept if event.kind == "accept" else commitment.decline
        ask = _ask(ctx)
        if event.kind == "accept" and ask is not None and ask.rule == "key_question":
            own = tuple(r for r in replies if not _AGREED_TO.search(r.text))  # their own idea,
            if not own and ctx.persona.banks.get(Move.KEY_QUESTION):  # not "The diary starts
                return None  # tomorrow, then." to a proposal nobody made: the key question's
            replies = own or replies  # own answers say it as theirs
        name = f"commitment.{commitment.name}.{event.kind}"
        return _answer("event", Source(name, entries(name, replies)))
    if event.kind == "disclose":
        concern = next(c for c in persona.concerns if c.name == event.name)
        name = f"concern.{concern.name}"
        return _answer("event", Source(name, entries(name, concern.disclosures)))
    value = next(v for v in persona.values if v.name == event.name)
    name = f"value.{value.name}"
    return _answer("event", Source(name, entries(name, value.replies)))


# An acceptance that answers a proposal ("Go on, then.", "…starts tomorrow, then.", "All right."),
# not a step the patient puts forward themselves.
_AGREED_TO: Final = re.compile(r"^(?:go on|all right|alright|okay|ok|fine|yes|yeah|right|deal)\b|"
                               r",? then[.!]|\b(?:you're on|if you say so|as you say)\b", re.I)


def _value_asked(ctx: Context) -> Answer | None:
    """What matters to them, asked again once every fitting value has come up: that value's
    replies ("who are the people who matter most to you?" after the family was talked about)."""
    if not ctx.reading.values_asked or not ctx.reading.values:
        return None
    value = next((v for v in ctx.persona.values if v.name == ctx.reading.values[0]), None)
    if value is None:
        return None
    name = f"value.{value.name}"
    return _answer("value_asked", Source(name, entries(name, value.replies)))


def _pushy(ctx: Context) -> Answer | None:
    move = ctx.reading.move
    fact = ctx.reading.fact
    form = _form(ctx)
    advice = fact is not None and fact.kind in _ADVISED  # "Have you tried a mirror? You should."
    if move is Move.LABEL or ((fact is None or advice) and (
            (move is Move.CONFRONT and form not in _SOCIAL)
            or (move is Move.PERSUADE and form not in _NOT_ADVICE))):
        return _answer("pushy", *chain(ctx, move))
    return None


# Facts that advice names ("have you tried…", "you should take…"): under pressure the patient
# hears the push, not a question about what helps.
_ADVISED: Final = frozenset({"relief", "therapy", "medication", "exercise"})


# Forms on which a confront or persuade code is more likely the coder's false alarm than
# pressure the patient would react to (a greeting, a summary, a thank-you).
_SOCIAL: Final = frozenset({Form.GREETING, Form.THANKS, Form.CLOSING, Form.APOLOGY})
_NOT_ADVICE: Final = _SOCIAL | {Form.PROPOSAL, Form.EITHER_OR, Form.SUMMARY, Form.CHECK,
                                Form.PERMISSION, Form.OFFER, Form.FUTURE}


def _repeat(ctx: Context) -> Answer | None:
    if _form(ctx) is not Form.REPEAT or not ctx.state.used:
        return None
    last = ctx.state.used[-1]
    found = _entry_by_id(ctx, last)
    return _answer("repeat", Source("repeat", (found,))) if found is not None else None


def _entry_by_id(ctx: Context, reply_id: str) -> BankEntry | None:
    prefix, _, number = reply_id.rpartition(":")
    if not number.isdigit():
        return None
    i = int(number)
    replies: tuple[Reply, ...] | list[Reply] = ()
    if prefix.startswith("fact."):
        name = prefix.removeprefix("fact.")
        deflect = name.endswith(".deflect")
        fact = ctx.persona.fact(name.removesuffix(".deflect"))
        if fact is not None:
            replies = fact.deflect if deflect else fact.answers
    elif prefix in {m.value for m in Move}:
        replies = ctx.persona.banks.get(Move(prefix), ())
    return BankEntry(reply_id, replies[i]) if i < len(replies) else None


def _form_bank(form: Form, move: Move, *more: Form,
               then: Move | None = None) -> Callable[[Context], Answer | None]:
    """A rule answering `form` (and `more`) from `move`'s bank, then from `then`'s once every
    reply of the first has been said (a second summary is not answered word for word again)."""
    forms = frozenset({form, *more})

    def rule(ctx: Context) -> Answer | None:
        if _form(ctx) not in forms:
            return None
        return _answer(form.value, bank(ctx, move), *(() if then is None else (bank(ctx, then),)))

    return rule


_CHECKED_SUMMARY: Final = _form_bank(Form.SUMMARY, Move.SUMMARY, then=Move.CHECK)


def _discrepancy(ctx: Context) -> Answer | None:
    """Two things the patient said, set side by side ("you want the scan to be sure, and a
    normal result buys you a day: what do you make of that?"): the patient's ambivalence, as to
    a double-sided reflection."""
    ask = _ask(ctx)
    if ask is None or ask.rule != "discrepancy":
        return None
    return _answer("discrepancy", *chain(ctx, Move.DOUBLE_SIDED))


def _summary(ctx: Context) -> Answer | None:
    """A summary that checks ("…have I got that right?") is confirmed or corrected from the
    summary bank; one said back with no check is heard as a reflection first (its replies
    answer the reflection, not a question nobody asked), the summary bank after."""
    ask = _ask(ctx)
    if ask is None or ask.form is not Form.SUMMARY or ask.rule != "summary":
        return _CHECKED_SUMMARY(ctx)
    return _answer("summary", *chain(ctx, ctx.reading.move), bank(ctx, Move.SUMMARY),
                   binding=False)


def _plan_recap(ctx: Context) -> Answer | None:
    """A summary of the plan just made ("So the plan is an hour in the shed on Saturday, and
    Sue keeps you to it. Is that right?") is agreed in the patient's words for taking that
    step, not answered as a summary of their troubles; never for a step they turned down."""
    ask = _ask(ctx)
    if ask is None or ask.form is not Form.SUMMARY:
        return None
    said = ctx.state.used[-4:]
    name = next((u.split(".")[1] for u in reversed(said) if u.startswith("commitment.") and (
        ".plan." in u or ".accept" in u)), None) or ctx.index.commitment_in(ctx.lowered)
    step = next((c for c in ctx.persona.commitments if c.name == name), None)
    planned = name in ctx.state.commitments or any(
        u.startswith(f"commitment.{name}.plan.{aspect}") for u in said
        for aspect in ("when", "where", "who"))  # a plan made, not just an obstacle named
    recapped = ctx.index.commitment_in(ctx.lowered) == name or _THE_PLAN.search(ctx.lowered)
    if step is None or not step.accept or not planned or not recapped or (
            name in ctx.state.declined and name not in ctx.state.commitments):
        return None
    label = f"commitment.{name}.accept"
    ctx.notes.append(f"the plan for {name} said back: agreed")
    return _answer("plan_recap", Source(label, _entries(ctx, label, step.accept)))


_THE_PLAN: Final = re.compile(r"\b(?:the|your|our) plan\b|\byou(?:'ll| will| are going to|'re "
                              r"going to) (?:try|start|do|give|have)\b|\bthis (?:week|weekend)\b|"
                              r"\bon (?:mon|tues|wednes|thurs|fri|satur|sun)day\b")


def _closing(ctx: Context) -> Answer | None:
    """A closing; asked whether they would come back, the patient's answer says so."""
    ask = _ask(ctx)
    if ask is None or ask.form is not Form.CLOSING:
        return None
    closings = bank(ctx, Move.CLOSING)
    if (ask.question_mark and _COME_BACK.search(ask.text)) or (  # "We're almost out of time.
            "?" in ctx.lowered and _COME_BACK.search(ctx.lowered.rsplit(".", 1)[-1])):  # Shall I
        # book you in again?"
        agreeing = tuple(e for e in closings.entries if _SAYS_SO.search(e.reply.text))
        if agreeing:
            ctx.notes.append("asked to come back: a closing that answers it")
            return _answer("closing", Source(closings.name, agreeing), closings)
    return _answer("closing", closings)


_COME_BACK: Final = re.compile(r"\b(?:come back|coming back|once more|again|another (?:chat|"
                               r"session|appointment|go)|next (?:time|week)|same time|in a "
                               r"fortnight|in two weeks|book you in|see you|meet (?:up )?again|"
                               r"follow.?up)\b")
_SAYS_SO: Final = re.compile(r"\b(?:same again|next time|I'll (?:come|be (?:here|back|there))|come "
                             r"back|see you|go on, then|go on then|yes|suppose so|all right|"
                             r"alright|fair enough|fine)\b", re.I)


def _plan(ctx: Context) -> Answer | None:
    """A planning question about the step in discussion: the persona's answer for that aspect
    ("what might get in the way of writing that first page?")."""
    if ctx.reading.plan is None:
        return None
    name, aspect = ctx.reading.plan
    if name is None:  # "when could you do that?" with nothing decided: do what?
        ctx.notes.append(f"planning ({aspect.value}) with no step named or agreed")
        return _answer("no_step", bank(ctx, Move.NO_STEP)) if ctx.persona.banks.get(
            Move.NO_STEP) else None
    step = next((c for c in ctx.persona.commitments if c.name == name), None)
    if step is None:
        return None
    said = ctx.state.used
    last = {kind: max((i for i, u in enumerate(said) if u.startswith(f"commitment.{name}.{kind}")),
                      default=-1) for kind in ("decline", "plan")}
    imagining = last["plan"] > last["decline"] or (  # asked on after two "no"s, or once it has
        len(said) >= 2 and all(u.startswith(f"commitment.{name}.decline") for u in said[-2:]))
    if name in ctx.state.declined and name not in ctx.state.commitments and not imagining:
        label = f"commitment.{name}.decline"  # "when in the week could you start?" after "no":
        ctx.notes.append(f"planning {name}, which was declined: why not, again")  # why not
        # (twice at most: asked on, the patient imagines it, and goes on imagining it)
        return _answer("plan", Source(label, _entries(ctx, label, step.decline)))
    label = f"commitment.{name}.plan.{aspect.value}"
    ctx.notes.append(f"planning {name}: {aspect.value}")
    return _answer("plan", Source(label, _entries(ctx, label, step.plan.get(aspect, ()))))


def _fact(ctx: Context) -> Answer | None:
    hit = ctx.reading.fact
    if hit is None:
        return None
    if hit.fact is None:
        return _answer("unknown_fact", bank(ctx, Move.DONT_KNOW))
    fact = ctx.persona.fact(hit.fact)
    if fact is not None and fact.private and not ctx.state.has_flag(f"disclosed:{fact.private}"):
        ctx.notes.append(f"fact {fact.name} is private until {fact.private} is disclosed")
        return _answer("fact_private", fact_source(ctx, hit.fact, deflect=True),
                       bank(ctx, Move.DONT_KNOW))
    ask = _ask(ctx)
    if fact is not None and ask is not None and ask.form is Form.EITHER_OR and ask.options and (
            _WHO_OF_THEM.search(ask.text) and fact.kind is not FactKind.PERSON):
        ctx.notes.append(f"who of the options, not fact {fact.name}: choosing one")
        return None  # "who does the swimming runs, you or Tom?" is neither about swimming
    if fact is not None and ask is not None and ask.form is Form.EITHER_OR and ask.options and (
            not is_noun_kind(fact.kind)) and not _FOR_INSTANCE.search(ask.text) and (
            not _mentions_an_option(fact.answers, ask.options)):  # ("where else, for instance
        # at lunch or with friends?" gives examples of a question: the fact answers it)
        ctx.notes.append(f"fact {fact.name} does not say which option: choosing one instead")
        return None
    if hit.fact in ctx.state.stated:
        ctx.notes.append(f"fact {hit.fact} was already stated: told again the same way")
    return _answer("fact", fact_source(ctx, hit.fact))


_FOR_INSTANCE: Final = re.compile(r"\b(?:for instance|for example|such as|e\.g\.)\b|^like\b|[,?] "
                                  r"(?:like|say)\b")  # ("…say on calls or at lunch?")
_WHO_OF_THEM: Final = re.compile(r"\b(?:who|which of (?:you|them|us))\b")


def _stranger(ctx: Context) -> Answer | None:
    if not ctx.persona.banks.get(Move.STRANGER) or _form(ctx) not in QUESTIONS:
        return None
    name = stranger_named(ctx.persona, ctx.index, ctx.reading.coding.text)
    if name is None:
        return None
    ctx.notes.append(f"'{name}' is nobody the patient knows")
    return _answer("stranger", bank(ctx, Move.STRANGER), slots=(("echo", name),))


def _mentions_an_option(answers: Sequence[Reply], options: tuple[str, ...]) -> bool:
    """Whether a fact's answers name one of an either/or's options ("worse in the morning")."""
    said = " ".join(r.text.lower() for r in answers)
    if any(len(o) <= 3 and re.search(rf"\b{re.escape(o.lower())}\b", said) for o in options):
        return True  # "on or off?" is answered by "Camera's off on team calls"
    return any(w.rstrip("s") in said for option in options
               for w in re.findall(r"[a-z]{4,}", option.lower())
               if w not in ("more", "less", "that", "this", "with", "your", "mine"))


def _offer_taken(ctx: Context) -> Answer | None:
    pending = ctx.state.pending
    ask = _ask(ctx)
    if not pending or ask is None:
        return None
    accepted = ask.form is Form.INVITE or (
        ask.form in (Form.STATEMENT, Form.YES_NO, Form.THANKS)
        and _ACCEPT_WORDS.match(ctx.lowered) is not None and len(ctx.lowered.split()) <= 12)
    if not accepted:
        return None
    ctx.notes.append(f"honoured the patient's offer to say more ({pending})")
    if pending == "self":  # an offer about nothing named: what they make of it all, both sides
        belief = next((f.name for f in ctx.persona.fact_sheet if f.kind is FactKind.BELIEF), "")
        return _answer("offer_taken", fact_source(ctx, belief), bank(ctx, Move.DOUBLE_SIDED),
                       binding=False)
    return _on_subject("offer_taken", ctx, pending, binding=False)


def _on_subject(rule: str, ctx: Context, subject: str, binding: bool) -> Answer | None:
    kind, _, names = subject.partition(":")
    if kind == "fact" and names:
        return _answer(rule, fact_source(ctx, names), binding=binding)
    topics = frozenset(n for n in names.split(",") if n) if kind == "topics" else frozenset()
    if not topics:
        return None
    on_topic = []
    for move in (Move.QUESTION_OPEN, Move.EVOKE, Move.REFLECTION_COMPLEX, Move.QUESTION_CLOSED,
                 Move.FACILITATE):
        group = tuple(e for e in _entries(ctx, move.value, ctx.persona.banks.get(move, ()))
                      if topics.intersection(e.reply.topics))
        on_topic.append(Source(move.value, group, topical=False))
    return _answer(rule, *on_topic, binding=binding)


def _choice(ctx: Context) -> Answer | None:
    ask = _ask(ctx)
    if ask is None or ask.form is not Form.EITHER_OR or not ask.options:
        return None
    option = _pick_option(ctx, ask.options)
    ctx.notes.append(f"chose the option '{option}'")
    return _answer("choice", _once_if_one_occasion(ask, bank(ctx, Move.CHOICE)),
                   slots=(("option", option),))


def _once_if_one_occasion(ask: Ask, source: Source) -> Source:
    """A question about one occasion ("that first day, was anyone with you?") is never answered
    with "some days…": replies that speak of now and then are left out."""
    if not (ask.rule == "choice_of_steps" or _ONE_OCCASION.search(ask.text) or _NOW.search(
            ask.text) or fx.WILLING_RX.search(ask.text)) or _HABIT.search(ask.text):  # (a step
        # chosen is decided once too)  # "do you want to come with us tonight, or
        return source  # stay here?" is decided once, not "more often than not"
    return Source(source.name, tuple(e for e in source.entries
                                     if not _NOW_AND_THEN.search(e.reply.text)))


def _pick_option(ctx: Context, options: tuple[str, ...]) -> str:
    """The option the patient's own words favour, else one drawn with the turn's seed."""
    said = " ".join(
        r.text.lower() for name in ctx.state.stated
        if (fact := ctx.persona.fact(name)) is not None for r in fact.answers)
    said += " " + ctx.state.last_patient.lower()
    tokens = set(re.findall(r"[a-z]+", said))
    for option in options:
        words = [w for w in re.findall(r"[a-z]+", option.lower()) if len(w) > 3]
        if words and all(w in said for w in words):
            return option
        if not words and option.lower() in tokens:  # "Me, mostly." then "you or Tom?" again
            return option
    relations = [m.group(1) for o in options if (m := re.search(r"'s ([a-z]+)", o.lower()))]
    if relations:  # "does Kelly's partner or Phil help?": Phil, whom the sheet knows, not a
        names = {n.lower() for n in ctx.persona.names()}  # partner it never mentions
        named = [o for o in options if "'s " not in o and set(o.lower().split()) & names]
        sheet = ctx.persona.fill(" ".join(r.text for f in ctx.persona.fact_sheet
                                          for r in f.answers)).lower()
        if named and any(r not in sheet for r in relations):
            return named[0]
    return options[ctx.rng.randrange(len(options))]


def _proposal(ctx: Context) -> Answer | None:
    ask = _ask(ctx)
    if ask is None or ask.form is not Form.PROPOSAL:
        return None
    slots = (("step", ask.step),) if ask.step else ()
    return _answer("proposal", bank(ctx, Move.PROPOSAL), slots=slots)


def _asked_of_them(rule: str, move: Move) -> Callable[[Context], Answer | None]:
    """A question the reader marked `rule` answered from `move`'s bank, before a value the line
    happened to touch (a walk-out, a step or a concern still comes first): "if Priya were going
    through this, what would you tell her?" (advise_other), "how's this going for you so far?"
    (check_in), "what do you feel when he asks you that?" (feeling)."""

    def answer(ctx: Context) -> Answer | None:
        ask = _ask(ctx)
        if ask is None or ask.rule != rule or (
                ctx.event is not None and ctx.event.kind != "value") or (
                ctx.reading.fact is not None and ctx.reading.fact.fact):
            return None  # a scene the patient lives ("…if she doesn't pick up?") is a fact
        return _answer(move.value, bank(ctx, move), binding=False)

    return answer


_NUMBERS: Final = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
                    "nine", "ten")


# A ruler reply says which scale it answers by the word its `heard` lists: "confident" for
# confidence, "ready" for readiness; a reply with neither answers importance.
_SCALE_MARKS: Final = {"confidence": "confident", "readiness": "ready"}


def ruler_number(state: State, scale: str | None) -> str:
    """The patient's number on a ruler, from their state: importance or confidence ×10, their
    mean for readiness; never 0 or 10 (nobody here is sure either way)."""
    value = {"confidence": state.confidence,
             "readiness": (state.importance + state.confidence) / 2}.get(
        scale or "", state.importance)
    return _NUMBERS[max(1, min(9, round(value * 10)))]


# A ruler asked without a scale ("how confident are you that you could…?") hears the number
# in words: low (1-3), middling (4-6), high (7-9) on each scale.
_IN_WORDS: Final = {
    "confidence": ("not very", "half and half", "fairly confident, actually"),
    "readiness": ("a bit", "sort of", "more than I was"),
    "importance": ("it matters, I suppose", "quite a lot", "a lot"),
    "bother": ("more than I let on", "quite a lot", "a lot, if I'm honest"),
}


def ruler_words(state: State, scale: str | None) -> str:
    """The patient's place on a ruler asked in words: "not very", "half and half", "very"."""
    words = _IN_WORDS.get(scale or "", _IN_WORDS["importance"])
    return words[min(2, (_NUMBERS.index(ruler_number(state, scale)) - 1) // 3)]


def _line_check(ctx: Context) -> Answer | None:
    """The call itself checked ("can you hear me?", "is now a good time?"): a short answer
    about the line, said again rather than a line about the problem (a persona without the
    bank answers by the line's move)."""
    ask = _ask(ctx)
    if ask is None or ask.rule != "line_check" or not ctx.persona.banks.get(Move.LINE_CHECK):
        return None
    return _answer("line_check", bank(ctx, Move.LINE_CHECK))


def _ruler(ctx: Context) -> Answer | None:
    """A ruler ("0 to 10, how important…?") gets the patient's number ({number}) in their voice,
    in words when it was asked in words ("how confident are you…?" "Not very."); "why a four
    and not a two?" gets their reasons (else what evoking gets)."""
    ask = _ask(ctx)
    if ask is None or ask.rule not in ("ruler", "ruler_words", "ruler_why") or (
            ctx.event is not None and ctx.event.kind != "value"):
        return None
    if ask.rule == "ruler_why":
        return _answer("ruler_why", bank(ctx, Move.RULER_WHY), *chain(ctx, Move.EVOKE),
                       binding=False)
    in_words = ask.rule == "ruler_words"
    number = (ruler_words if in_words else ruler_number)(ctx.state, ask.scale)
    ctx.notes.append(f"{ask.scale} on the ruler: {number}")
    rulers = bank(ctx, Move.RULER)
    mark = _SCALE_MARKS.get(ask.scale or "")
    on_scale = tuple(e for e in rulers.entries if (mark in e.reply.heard if mark else not any(
        m in e.reply.heard for m in _SCALE_MARKS.values())))
    if in_words:  # "{number}? It matters." echoes a number; in words it would echo the reply
        on_scale = tuple(e for e in on_scale if "{number}?" not in e.reply.text) or on_scale
    return _answer("ruler", Source(rulers.name, on_scale), rulers, slots=(("number", number),))


def _future(ctx: Context) -> Answer | None:
    if _form(ctx) is not Form.FUTURE:
        return None
    ask = _ask(ctx)
    if ask is not None and ask.rule == "key_question":  # "what, if anything, will you do?" with
        return _answer("key_question", bank(ctx, Move.KEY_QUESTION),  # no step ready: what
                       bank(ctx, Move.PROPOSAL), bank(ctx, Move.FUTURE),  # they might do, in
                       binding=False)  # their own words (a persona without the bank weighs it)
    return _answer("future", bank(ctx, Move.FUTURE), *chain(ctx, Move.EVOKE), binding=False)


def _invite(ctx: Context) -> Answer | None:
    if _form(ctx) is not Form.INVITE:
        return None
    subject = _on_subject("invite", ctx, ctx.state.subject, binding=False) if (
        ctx.state.subject and ctx.reading.ask is not None and ctx.reading.ask.rule != "echo") else (
        None)  # "A hermit?" says a word back: more of that thought, not the fact told again
    sources = subject.sources if subject is not None else ()
    if ctx.reading.ask is not None and ctx.reading.ask.rule == "what_you_meant":
        return _answer("invite", *_meant(ctx), *_pondered(ctx, (*sources, bank(
            ctx, Move.INVITE))), *chain(ctx, Move.FACILITATE), binding=False)  # "what do you
        # mean by stupid?": not a line that goes on to something else
    return _answer("invite", *sources, bank(ctx, Move.INVITE), *chain(ctx, Move.FACILITATE),
                   binding=False)


def _meant(ctx: Context) -> tuple[Source, ...]:
    """What the patient meant by words of theirs that name a fact of their life ("what do you
    mean by the sample?"): that fact. A line on the topic the words touch is no explanation
    ("what do you mean by Nan's nerves?" is not answered with a line about stress)."""
    named = [name for name, _at, _w in ctx.index.fact_mentions(ctx.lowered)
             if (fact := ctx.persona.fact(name)) is not None and not fact.private
             and fact.kind not in (FactKind.PERSON, FactKind.OTHERS_VIEW)]  # (who Nan is does
    # not say what "Nan's nerves" means)
    return (fact_source(ctx, named[0]),) if named else ()


def _interrogation(ctx: Context) -> Answer | None:
    if ctx.reading.move is not Move.INTERROGATION:
        return None
    return _answer("interrogation", *chain(ctx, Move.INTERROGATION), binding=False)


_POLARITY: Final[dict[YesNo, tuple[Move, ...]]] = {
    YesNo.FEELING: (Move.YES, Move.UNSURE),
    YesNo.EXPERIENCE: (Move.NO, Move.UNSURE),
    YesNo.OPINION: (Move.UNSURE, Move.NO),
    YesNo.OTHER: (Move.UNSURE, Move.YES),
}
_WILLING: Final[dict[Band, tuple[Move, ...]]] = {
    Band.OPEN: (Move.YES, Move.UNSURE),
    Band.AMBIVALENT: (Move.UNSURE, Move.NO),
    Band.GUARDED: (Move.NO, Move.UNSURE),
}


def _yes_no(ctx: Context) -> Answer | None:
    ask = _ask(ctx)
    if ask is None or ask.form is not Form.YES_NO:
        return None
    topics = ctx.reading.topics
    closed = bank(ctx, Move.QUESTION_CLOSED)
    on_topic = Source(closed.name, tuple(e for e in closed.entries
                                         if topics.intersection(e.reply.topics)))
    kind = ask.yes_no or YesNo.OTHER
    order = _WILLING[ctx.band] if kind is YesNo.WILLING else _POLARITY[kind]
    banks = [bank(ctx, m) for m in order]
    on_topic, *banks = [_once_if_one_occasion(ask, b) for b in (on_topic, *banks)]
    if on_topic.entries and kind is not YesNo.WILLING:
        return _answer("yes_no", on_topic, *banks)
    return _answer("yes_no", *banks)


_ONE_OCCASION: Final = re.compile(
    r"(?:^|, |\b(?:and|so|but|um) )(?:were you|was (?:it|anyone|anybody|there|he|she|that)|did "
    r"(?:you|it|anyone|they|he|she)|had you|were (?:they|there))\b")
_HABIT: Final = re.compile(r"\b(?:usually|ever|always|often|tend|normally|generally|every|each "
                           r"time|whenever|most|these days|nowadays)\b")
_NOW_AND_THEN: Final = re.compile(
    r"\b(?:some days|sometimes|it depends|depends on|most days|it varies|on a bad day|week to "
    r"week|day to day|now and then|some weeks|other days|more often than not|ask me on|on a "
    r"friday)\b", re.IGNORECASE)
_NOW: Final = re.compile(r"\b(?:tonight|right now|just now|this (?:evening|afternoon))\b")


def _wh(ctx: Context) -> Answer | None:
    if _form(ctx) is not Form.WH:
        return None
    move = ctx.reading.move
    sources = [Source(s.name, tuple(e for e in s.entries if not YES_NO_SHAPED.match(e.reply.text)
                                    and not _ABOUT_CLOSED.search(e.reply.text)))
               for s in chain(ctx, move)]  # "who's that with you?" is no "one-word answer"
    ask = ctx.reading.ask
    if ctx.persona.banks.get(Move.EVERYDAY) and ask is not None and (
            fx.EVERYDAY_RX.search(ask.text)):
        # "which beach was your favourite?", "what kind of music?": an everyday detail the
        # sheet does not hold, answered in passing rather than with a line about the problem
        everyday = bank(ctx, Move.EVERYDAY)
        return _answer("wh", everyday, *_pondered(ctx, [s for s in sources
                                                        if s.name != "fallback"]))
    return _answer("wh", *_pondered(ctx, sources))


# Words of a question that asks for anything at all ("how have things been lately?").
_BROAD: Final = frozenset(re.findall(r"[a-z']+", (
    "what what's whats have been like last few couple months weeks days lately things thing "
    "going recently year years life your with that this about tell more how's hows generally "
    "overall since then doing feeling it's its general time times past were they them "
    "there here today week month some how you the and for are was any all day now has had did "
    "not but out get got too bit lot far can could would will happening happened new")))


def _pondered(ctx: Context, sources: Sequence[Source]) -> tuple[Source, ...]:
    """A question the patient has no line for ("what do you see in it?", "what do you mean by
    stupid?"): a reply on its topic or sharing its words first, then thinking it over ("I've
    never really thought about it like that.") before a line about something else."""
    ponder = bank(ctx, Move.PONDER)
    ask = _ask(ctx)
    asked = ask.text if ask is not None and ask.text else ctx.lowered
    if not ponder.entries or not set(re.findall(r"[a-z']{3,}", asked.lower())) - _BROAD:
        return tuple(sources)  # "what have the last few months been like?" asks for anything
        # at all: a line about the problem answers it
    return (*(replace(s, close_only=True) for s in sources), ponder, *sources)


# Forms the reader can give a line without understanding a word of it (a question mark alone).
_NO_WORDS_NEEDED: Final = frozenset({None, Form.STATEMENT, Form.YES_NO})


def _clarify(ctx: Context) -> Answer | None:
    if re.search(r"[a-z]", ctx.lowered) and (
            _ENGLISH.search(ctx.heard) is not None or _form(ctx) not in _NO_WORDS_NEEDED
            or (len(ctx.lowered.split()) < 4 and re.fullmatch(r"[\sa-z0-9'!?.,-]+", ctx.lowered))):
        return None  # English, a line the reader made sense of ("cheers marcus, same time next
        # week?" is a closing), or a short English-looking line ("28, yeah?", "wheres Danny")
    return _answer("clarify", bank(ctx, Move.CLARIFY))


def _session_plan(ctx: Context) -> Answer | None:
    """The plan for the session put to them ("I thought we'd talk about the attacks and what
    you'd want out of today. Is that okay?"): agreed in their voice, as the band allows; a
    persona without the bank answers it as any permission asked."""
    ask = _ask(ctx)
    if ask is None or ask.rule != "session_plan":
        return None
    return _answer("session_plan", bank(ctx, Move.SESSION_PLAN), bank(ctx, Move.PERMISSION))


def _informed(ctx: Context) -> Answer | None:
    """Information given and then checked ("…it's the alarm firing, not the heart. What do you
    make of that?"): the patient reacts to the information."""
    ask = _ask(ctx)
    if ask is None or ask.rule != "information_then_check":
        return None
    return _answer("information", bank(ctx, Move.GIVING_INFORMATION), bank(ctx, Move.CHECK))


def _overstated(ctx: Context) -> Answer | None:
    """A reflection that says more than the patient did ("so you'd never go back in the pool",
    "nothing helps at all"): the patient backs off it, as people do when a reflection overshoots,
    and often says the other side."""
    if ctx.reading.coding.code not in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX) or (
            _form(ctx) is not Form.STATEMENT) or not ctx.persona.banks.get(Move.OVERSTATED):
        return None
    said = ctx.state.last_patient.lower()
    absolute = next((m.group(0) for m in _ABSOLUTE.finditer(ctx.lowered)
                     if m.group(0) not in said), None)
    if absolute is None or DOUBLE_SIDED in ctx.reading.coding.flags or not said:
        return None
    ctx.notes.append(f"says more than the patient did ('{absolute}')")
    return _answer("overstated", bank(ctx, Move.OVERSTATED))


_ABSOLUTE: Final = re.compile(
    r"\b(?:never|always|completely|totally|entirely|absolutely|whatsoever|constantly|all the time|"
    r"ever again|at all|more than anything|above all)\b(?! (?:been|had|liked|one|the one|done)\b)")


def _move(ctx: Context) -> Answer | None:
    move = ctx.reading.move
    return _answer("move", *chain(ctx, move))


RULES: Final[tuple[tuple[str, Callable[[Context], Answer | None]], ...]] = (
    ("advise_other", _asked_of_them("in_their_shoes", Move.ADVISE_OTHER)),
    ("check_in", _asked_of_them("check_in", Move.CHECK_IN)),
    ("feeling", _asked_of_them("inner", Move.FEELING)),
    ("line_check", _line_check),
    ("ruler", _ruler),
    ("event", _event),
    ("value_asked", _value_asked),
    ("pushy", _pushy),
    ("repeat", _repeat),
    ("clarify", _clarify),
    ("closing", _closing),
    ("session_plan", _session_plan),
    ("apology", _form_bank(Form.APOLOGY, Move.APOLOGY)),
    ("greeting", _form_bank(Form.GREETING, Move.GREETING)),
    ("thanks", _form_bank(Form.THANKS, Move.THANKS)),
    ("permission", _form_bank(Form.PERMISSION, Move.PERMISSION, Form.OFFER)),
    ("stranger", _stranger),
    ("plan", _plan),
    ("fact", _fact),
    ("offer_taken", _offer_taken),
    ("discrepancy", _discrepancy),
    ("plan_recap", _plan_recap),
    ("summary", _summary),
    ("information", _informed),
    ("check", _form_bank(Form.CHECK, Move.CHECK)),
    ("choice", _choice),
    ("proposal", _proposal),
    ("future", _future),
    ("invite", _invite),
    ("interrogation", _interrogation),
    ("yes_no", _yes_no),
    ("wh", _wh),
    ("overstated", _overstated),
    ("move", _move),
)


def answers(ctx: Context) -> Iterator[Answer]:
    """The rules' offers for this turn, in order, made as they are asked for (the responder
    takes the first that fits and asks no further)."""
    for _name, rule in RULES:
        answer = rule(ctx)
        if answer is not None:
            yield answer


def slots_needed(reply: Reply) -> frozenset[str]:
    """The line slots (`{step}`, `{option}`, `{echo}`) a reply needs."""
    return _slots_in(reply.text) if "{" in reply.text else _NONE


_NONE: Final[frozenset[str]] = frozenset()


@lru_cache(maxsize=4096)
def _slots_in(text: str) -> frozenset[str]:
    """The line slots a reply cannot be said without: one that only opens it ("{step}? Maybe.")
    is left out when the line gave nothing to echo."""
    found = frozenset(m.group(1) for m in SLOT.finditer(text)) & LINE_SLOTS
    opening = OPENING_SLOT.match(text)
    if opening is not None and text.count("{" + opening.group(1) + "}") == 1:
        found -= {opening.group(1)}
    return found


