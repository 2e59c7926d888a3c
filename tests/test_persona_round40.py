"""What round 40 of the blind conversations found (three standing styles and three new ones):
texting "n", a "tho" at the end of a plain question taken for doubt, "why not the truth?" taken
for a step, the key question answered with an acceptance of a step nobody proposed, "I am
curious" taken for the clinician's name, and follow-ups the personas had no answer for."""

from __future__ import annotations

import pytest
from shipped_talk import play, said

from mi_sim.engine.answering import _AGREED_TO
from mi_sim.engine.coder import code_utterance
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.segmenter import normalise
from mi_sim.engine.vocabulary import Code


def test_texting_n_is_and() -> None:
    assert normalise("ok n how long has it been there tho?") == (
        "okay and how long has it been there though?")


def test_tho_after_a_plain_question_is_no_doubt() -> None:
    assert code_utterance("ok n how long has it been there tho?", ()).code is not Code.CONFRONT
    assert code_utterance("have you really tried, though?", ()).code is Code.CONFRONT
    assert play("health-anxiety", ["Tell me about the lump.",
                                   "ok n how long has it been there tho?"])[-1] == "fact.onset"


def test_why_not_the_truth_asks_why() -> None:
    assert read_line(code_utterance("u told ur mum it was a migraine, why not the truth?", ())
                     ).form is not Form.PROPOSAL
    assert play("panic-disorder", ["When was the first one?", "u told ur mum it was a migraine, "
                                   "why not the truth?"])[-1] == "fact.onset"


@pytest.mark.parametrize(("text", "agreed"), [
    ("The diary starts tomorrow, then. Monday's stand-up will give me plenty of data.", True),
    ("Go on, then. Down to plot fourteen on Sunday with a flask.", True),
    ("Okay. A week of logging when my stomach goes.", True),
    ("Camera on at Tuesday's team call. Five minutes, then I'll see how it felt.", False),
    ("Ring her once. Once is reasonable.", False),
])
def test_an_acceptance_that_answers_a_proposal_is_told_apart(text: str, agreed: bool) -> None:
    assert bool(_AGREED_TO.search(text)) is agreed


def test_i_am_curious_is_no_name_and_the_question_keeps_its_sentence() -> None:
    source, reply = said("social-anxiety", [
        "Running on your own, early, so nobody's watching. I'm curious though, when you were "
        "still playing on Wednesdays, what did you enjoy about it?"])[0]
    assert source == "fact.five_a_side" and "part of something" in reply


def test_when_and_why_swimming_stopped() -> None:
    assert play("panic-disorder", ["Tell me about swimming.",
                                   "u swam every thursday - when did u stop n why?"])[-1] == (
        "fact.swimming")


def test_where_a_need_comes_from_asks_their_own_account() -> None:
    assert play("health-anxiety", [
        "That's a careful routine, and it sounds like it comes from wanting to catch anything "
        "early. Where do you think that need to catch things early comes from?"]) == [
        "fact.belief"]


def test_what_his_illness_was_like_is_answered_without_telling_the_private_part() -> None:
    reply = said("health-anxiety", [
        "Tell me about your dad.",
        "He was only sixty-one. What was his illness like, from where you were standing?"])[-1][1]
    assert "hospital runs" in reply and "missed" not in reply


@pytest.mark.parametrize(("line", "form", "rule"), [
    ("Four years. You said five for the plot. Why five and not a two or a three?", Form.WH,
     "ruler_why"),
    ("Sat on a wall, thinking you were having a heart attack. That sounds terrifying. And what "
     "did it actually feel like in your body?", Form.WH, "wh_what"),
    ("sorry i meant the checking itself, on a bad morning how long does it take?", Form.WH,
     "wh_how_long"),
])
def test_forms_found_in_round_41(line: str, form: Form, rule: str) -> None:
    ask = read_line(code_utterance(line, ()))
    assert (ask.form, ask.rule) == (form, rule)


def test_the_one_being_looked_after_is_no_ruler() -> None:
    coding = code_utterance("You miss being the one driving her, not the one being looked "
                            "after. That sounds really important to you. And your brother, he's, "
                            "what, eleven? Has he seen any of the attacks?", ())
    assert "scaling" not in coding.flags
    assert "scaling" in code_utterance("If 0 being not at all and 10 being very, how important "
                                       "is it?", ()).flags


def test_what_she_would_want_to_say_to_him_is_what_she_would_say() -> None:
    source, reply = said("health-anxiety", ["Tell me about Tom.",
                                            "What would you want to say to him?"])[-1]
    assert source == "fact.tom_view" and "believe him" in reply


def test_how_would_you_go_about_it_is_planning() -> None:
    from mi_sim.engine.planning import aspect_asked
    assert aspect_asked("how would you go about it, do you think?") is not None


def test_taking_the_blame_off_them_is_no_confrontation() -> None:
    from mi_sim.engine.coding import ContextLine
    blamed = (ContextLine("patient", "So I'm the problem now."),)
    assert code_utterance("ur not the problem.", blamed).code is not Code.CONFRONT
    assert code_utterance("It's not because you don't care, it's almost the opposite.", ()
                          ).code is not Code.CONFRONT
    assert code_utterance("that's because you don't try.", ()).code is Code.CONFRONT
    hearted = (ContextLine("patient", "It is my heart, I know it is."),)
    assert code_utterance("It is not your heart.", hearted).code is Code.CONFRONT


@pytest.mark.parametrize(("line", "form"), [
    ("the letter mentions ur dad. when did he pass, if thats ok to ask?", Form.WH),
    ("can i tell u a bit about how pain n sleep can feed each other? totally ok if not",
     Form.PERMISSION),
])
def test_leave_asked_around_a_question_keeps_the_question(line: str, form: Form) -> None:
    assert read_line(code_utterance(line, ())).form is form


def test_what_has_worked_for_the_pain_is_what_helps_not_the_job() -> None:
    assert play("somatic-symptoms", ["so whats worked for the pain so far, anything u take?"]
                ) == ["fact.relief"]
    assert play("generalised-anxiety", ["how long have you worked for the trust?"]) == [
        "fact.work"]


def test_a_good_moment_to_talk_to_him_plans_when() -> None:
    from mi_sim.engine.planning import aspect_asked
    from mi_sim.engine.vocabulary import PlanAspect
    assert aspect_asked("when might be a good moment to talk to him?") is PlanAspect.WHEN
