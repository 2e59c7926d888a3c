"""What a schema 2 patient remembers after a turn, with a note for every change.

    state, notes = remember(state, choice, reading)

- a fact answered is *stated* (the flag `stated:NAME`), and leaves the unanswered list;
- a fact asked but deflected or not known joins the *unanswered* list;
- a reply's `sets` flags are set;
- a reply with `offer: true` leaves a *pending* offer about what was asked, for one turn;
- the *subject* is what the reply was about, so "go on" continues it (after a permission
  request, what it asked to talk about).
"""

from __future__ import annotations

from mi_sim.engine.perception import Reading
from mi_sim.engine.planning import DISCUSSED, OFFERED, discussed, with_discussed
from mi_sim.engine.responder import Choice
from mi_sim.engine.state import State

# A step talked about has gone one turn untouched (a second one and it is forgotten).
_IDLE = "discussing_idle"
RULER = "ruler:"  # the scale of the last ruler asked (`ruler:confidence`), for its "why"


def remember(state: State, choice: Choice, reading: Reading) -> tuple[State, tuple[str, ...]]:
    """The state with this turn's memory, and what changed."""
    notes: list[str] = []
    reply = choice.entry.reply
    stated = state.stated
    unanswered = state.unanswered
    source = choice.source
    answered = source.startswith("fact.") and not source.endswith(".deflect")
    if answered:
        name = source.removeprefix("fact.")
        if name not in stated:
            stated = (*stated, name)
            notes.append(f"stated:{name}")
        unanswered = tuple(u for u in unanswered if u != name)
    if choice.before is not None:
        name = choice.before.id.rpartition(":")[0].removeprefix("fact.")
        if name not in stated:
            stated = (*stated, name)
            notes.append(f"stated:{name}")
        unanswered = tuple(u for u in unanswered if u != name)
    hit = reading.fact
    if hit is not None and not answered:
        key = hit.fact or hit.kind or "unknown"
        if key not in unanswered:
            unanswered = (*unanswered, key)
            notes.append(f"unanswered:{key}")
    flags = state.flags
    for flag in reply.sets:
        if flag not in flags:
            flags = (*flags, flag)
            notes.append(f"set {flag}")
    ask = reading.ask
    if ask is not None and ask.rule in ("ruler", "ruler_words") and ask.scale and (
            RULER + ask.scale not in flags):  # the scale a later "why a four and not a two?"
        flags = (*(f for f in flags if not f.startswith(RULER)), RULER + ask.scale)  # is on
        notes.append(f"ruler asked: {ask.scale}")
    if reply.step is not None and OFFERED + reply.step not in flags:
        flags = (*flags, OFFERED + reply.step)  # their own idea: taking it up later is not a
        notes.append(f"offered {reply.step} themselves")  # new proposal to weigh
    if reply.step is not None and discussed(state) != reply.step:  # "Try the breathing
        flags = with_discussed(flags, reply.step)  # properly, I think.": her own step, now
        notes.append(f"discussing {reply.step}")  # the one "when could you do that?" plans
    elif reading.steps and discussed(state) != reading.steps[0]:  # "Some people put off the
        flags = with_discussed(flags, reading.steps[0])  # searching…": the step talked about
        notes.append(f"discussing {reading.steps[0]}")
    if reply.step is not None or reading.steps or source.startswith("commitment."):
        flags = tuple(f for f in flags if f != _IDLE)
    elif (step := discussed(state)) is not None:  # two turns that neither name, plan nor take
        if _IDLE in flags:  # up the step: it is no longer the one "try that" points at
            flags = tuple(f for f in flags if f != _IDLE and not f.startswith(DISCUSSED))
            notes.append(f"no longer discussing {step}")
        else:
            flags = (*flags, _IDLE)
    subject = _subject_of(source, reply.topics, reading)
    if reading.about:  # "Can I ask about your dad?" "Okay.": he is what comes next
        subject = "fact:" + reading.about
    pending = ""
    if reply.offer:
        asked = _asked_subject(reading)
        if not asked.startswith("fact:") and state.subject.startswith("fact:"):
            asked = state.subject  # ("swimming… was it the attacks that stopped it?" "Can I
            # explain?": the swimming, not the topics the line touched)
        pending = (asked or subject or state.subject  # "Can I just
                   or "self")  # explain?": what was asked, else what was being talked about
        notes.append(f"offers to say more about {pending or 'this'}")
    new = state.evolve(stated=stated, unanswered=unanswered, flags=flags, pending=pending,
                       subject=subject)
    return new, tuple(notes)


def _subject_of(source: str, topics: list[str], reading: Reading) -> str:
    if source.startswith("fact.") and not source.endswith(".deflect"):
        return "fact:" + source.removeprefix("fact.")
    if topics:
        return "topics:" + ",".join(sorted(topics))
    if reading.topics:
        return "topics:" + ",".join(sorted(reading.topics))
    return ""


def _asked_subject(reading: Reading) -> str:
    if reading.fact is not None and reading.fact.fact:
        return "fact:" + reading.fact.fact
    if reading.topics:
        return "topics:" + ",".join(sorted(reading.topics))
    return ""
