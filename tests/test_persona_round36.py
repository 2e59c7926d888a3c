"""What round 36 of the blind conversations found (the three standing styles again): texting
shorthand, a question trailing into "what if…?", "have you tried…?" putting a step, reasons and
false alarms the coder read as the righting reflex, and questions whose subject sits in a lead
clause or a fragment."""

from __future__ import annotations

import pytest
from shipped_talk import play, said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.index import keyword_pattern
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.segmenter import normalise
from mi_sim.engine.vocabulary import Code


def test_texting_shorthand_is_read_as_meant() -> None:
    assert normalise("what goes thru ur head at 4am, since xmas?") == (
        "what goes through your head at 4am, since christmas?")


def test_and_if_she_doesnt_pick_up_asks_what_then() -> None:
    ask = read_line(code_utterance("and if she doesnt pick up at 7?", ()))
    assert ask.form is Form.WH
    assert play("generalised-anxiety", ["and if she doesnt pick up at 7?"]) == [
        "fact.mum_no_answer"]
    assert play("generalised-anxiety", [
        "What happens for you if the seven o'clock call doesn't get answered?"]) == [
        "fact.mum_no_answer"]


def test_whether_it_does_not_work_is_no_question_about_the_job() -> None:
    assert play("generalised-anxiety", ["and if it doesn't work?"]) != ["fact.work"]


def test_a_step_is_heard_however_its_verb_is_inflected() -> None:
    steps = keyword_pattern(["ring her once", "leave the phone downstairs"], verbs=True)
    assert steps is not None
    assert steps.search("ringing her once") and steps.search("leaving the phone downstairs")
    facts = keyword_pattern(["learn to"])
    assert facts is not None and not facts.search("learning to drive")


def test_have_you_tried_a_step_puts_the_step_not_what_helps() -> None:
    assert play("health-anxiety", ["have u tried just leaving the phone downstairs at night?"]
                ) == ["commitment.postpone_searching.decline"]
    assert play("panic-disorder", ["have you tried the breathing exercises?"]) == [
        "fact.relief"]  # (she has: the breathing app)


@pytest.mark.parametrize(("line", "code"), [
    ("no i wasnt saying u should, just asking whats hard about it. is it getting there?", None),
    ("no, i dont think ur making anything up. the attacks are real and really scary. its ur "
     "call what u do next", None),
    ("why dont u go watch anymore", Code.QUESTION_OPEN),
    ("no i mean what were u thinking while it was happening?", Code.QUESTION_OPEN),
    ("maybe you could start by telling me what the attacks are like when they come on?",
     Code.QUESTION_OPEN),
])
def test_repairs_reasons_and_invitations_are_not_the_righting_reflex(line: str,
                                                                      code: Code | None) -> None:
    coded = code_utterance(line, ())
    assert coded.code not in (Code.CONFRONT, Code.PERSUADE)
    if code is not None:
        assert coded.code is code


def test_the_righting_reflex_these_exceptions_leave_alone() -> None:
    assert code_utterance("No, you are wrong about that.", ()).code is Code.CONFRONT
    assert code_utterance("why don't you try the diary?", ()).code is Code.PERSUADE
    assert code_utterance("you should go to the match.", ()).code is Code.PERSUADE


def test_no_wonder_you_ended_up_in_a_and_e_reflects_no_warning() -> None:
    coded = code_utterance("That's terrifying, no wonder you've ended up in A&E.", ())
    assert coded.code is not Code.PERSUADE


def test_how_long_one_of_those_lasts_is_the_attack_not_a_and_e() -> None:
    assert play("panic-disorder", [
        "That's terrifying, no wonder you've ended up in A&E. And how long does it – once it's "
        "started, how long does one of those last, roughly?"]) == ["fact.episode_length"]


def test_a_question_typed_in_two_fragments_gets_the_first_ones_fact() -> None:
    assert play("health-anxiety", ["and what do u look at on the phone? how long for"]) == [
        "fact.online"]


def test_which_worries_you_most_is_the_fear() -> None:
    assert play("health-anxiety", ["so the worry comes back? and which one scares u most"]) == [
        "fact.fear"]
    assert play("health-anxiety", ["sorry i mean out of the lump, the hand, the headaches and "
                                   "ur stomach, which worries u most?"]) == ["fact.fear"]


def test_a_reason_added_after_a_question_is_not_a_second_question() -> None:
    ask = read_line(code_utterance("is it the stomach one? bc of ur dad", ()))
    assert "dad" not in ask.text


def test_a_question_after_a_lead_clause_keeps_the_lead() -> None:
    line = "At its very worst, during an attack, how strong is it?"
    assert read_line(code_utterance(line, ())).form is Form.WH
    assert play("generalised-anxiety", [line]) == ["fact.worst"]
    assert read_line(code_utterance("You mean when you must speak in the meeting, it is worse?",
                                    ())).form is not Form.YES_NO  # a rising reflection


def test_a_first_step_asked_many_ways_is_the_key_question() -> None:
    for line in ["If you were to try one small step, something you could undo if it felt "
                 "wrong, what might it be?",
                 "What's one thing, around the phone or the checking, you might be willing to "
                 "try?"]:
        assert read_line(code_utterance(line, ())).rule == "key_question"


def test_a_named_step_and_how_does_that_sound_puts_the_step() -> None:
    assert play("generalised-anxiety", [
        "So the diary's not for you, that's fine. What about the worry time, the twenty minutes "
        "– how does that one sound?"])[0].startswith("commitment.worry_time.")


def test_one_to_one_or_something_on_your_own_is_a_choice() -> None:
    ask = read_line(code_utterance(
        "Would you rather hear about working on it one-to-one with someone, or something you "
        "could do more on your own, like an online programme?", ()))
    assert ask.form is Form.EITHER_OR


def test_a_problem_gone_frames_a_future_it_is_not_the_thing_wished_for() -> None:
    assert play("health-anxiety", [
        "Imagine six months from now the checking had far less hold on you. What would be "
        "different at home?"]) == ["future"]


def test_what_helped_and_what_frightens_her_about_treatment() -> None:
    assert play("somatic-symptoms", ["You've tried a fair bit already - what's helped, even a "
                                     "little?"]) == ["fact.relief"]
    [(source, reply)] = said("panic-disorder", ["What is it about treatment that worries you?"])
    assert source == "fact.therapy" and "avoid" in reply


def test_the_mondays_he_mentioned_have_an_answer() -> None:
    assert play("social-anxiety", ["The Mondays? What happens on a Monday?"]) == [
        "fact.mondays"]


def test_how_often_he_checks_on_his_mum_is_about_her() -> None:
    assert play("generalised-anxiety", [
        "what about ur mum, she lives alone doesnt she? how often do u check on her"]) == [
        "fact.mum"]
