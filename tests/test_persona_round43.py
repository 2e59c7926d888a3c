"""What round 43 of the blind conversations and the replay of round 42's misses found."""

from __future__ import annotations

import pytest
from shipped_talk import CATALOG, play, said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.index import index_for
from mi_sim.engine.persona import Move
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.vocabulary import Code


@pytest.mark.parametrize("line", [
    "Um, actually, I hadn't said that, though, it's interesting you went there. I was talking "
    "more about the gut. Does that bit fit with your stomach, or not really?",
    "no, not mental at all. can i tell u a bit about how pain n sleep can feed each other? "
    "totally ok if not",
])
def test_the_clinician_putting_their_own_words_right_contradicts_nobody(line: str) -> None:
    assert code_utterance(line, ()).code is not Code.CONFRONT


def test_contradicting_the_patient_is_still_confrontation() -> None:
    assert code_utterance("Actually, that is not how it works, you need to keep taking them.",
                          ()).code is Code.CONFRONT


def test_what_you_notice_is_not_information_that_others_notice_less() -> None:
    persona = CATALOG["social-anxiety"]
    spotlight = next(r for r in persona.banks[Move.GIVING_INFORMATION]
                     if "don't notice it as much" in r.text)
    index = index_for(persona)
    assert not index.heard_in(tuple(spotlight.heard), "does any of that match what you notice?")
    assert index.heard_in(tuple(spotlight.heard), "most people don't notice it as much as you "
                          "think, it's called the spotlight effect")


def test_and_kelly_and_alfie_typed_asks_about_them_not_for_words_again() -> None:
    assert play("somatic-symptoms", ["who is at home with you?",
                                     "31 yrs, thats lovely. n kelly n alfie?"])[-1] == (
        "fact.person_kelly")


def test_lets_start_simpler_then_a_question_is_the_question_not_a_step() -> None:
    assert play("health-anxiety", ["oh im not asking u to promise anything lol. ok lets start "
                                   "simpler, who's at home w u?"]) == ["fact.household"]
    assert read_line(code_utterance("lets start with a diary for a week?", ())
                     ).form is Form.PROPOSAL


def test_a_hypothetical_after_what_i_meant_was_looks_forward() -> None:
    line = ("Sorry, what I meant was, um, if the attacks weren't in the way, you know, how would "
            "those placement days be different for you?")
    assert read_line(code_utterance(line, ())).form is Form.FUTURE


def test_dads_anniversary_is_not_her_wedding_anniversary() -> None:
    assert play("health-anxiety", [
        "It sounds like a really raw time to find something in your own body. Just before Dad's "
        "anniversary. Can I ask, um, what happened with your dad, what did he have?"]) == [
        "fact.parents"]


def test_what_the_doctors_said_about_her_dad_is_the_story_held_back_not_her_parents() -> None:
    replies = said("health-anxiety", ["You mentioned your dad. What happened with him?",
                                      "What did the doctors say about your dad at first?"])
    assert "not ready to tell it" in replies[1][1] and "sixty-four" not in replies[1][1]
