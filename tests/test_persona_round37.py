"""What round 37 of the blind conversations and a twenty-turn talk with Denise found: a keyword
heard inside another word, a document's content taken for a repeat request, planning questions
in longer shapes, permission before a question, a step that stays 'the one being discussed'
long after, and follow-ups the personas had no answer for."""

from __future__ import annotations

import pytest
from shipped_talk import play, results, said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.index import keyword_pattern
from mi_sim.engine.planning import DISCUSSED, aspect_asked
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.vocabulary import Code, PlanAspect


def test_a_keyword_is_not_heard_inside_a_longer_word() -> None:
    car = keyword_pattern(["car", "scare"])
    assert car is not None
    assert not car.search("mumble into a card") and car.search("in the cars")
    assert car.search("i was scared")  # (a word ending in e still takes its -d)


@pytest.mark.parametrize(("line", "form"), [
    ("sorry, what did you say?", Form.REPEAT),
    ("what did you say, sorry?", Form.REPEAT),
    ("So the letter's been on your mind. What did it say that bothered you?", Form.WH),
])
def test_what_it_said_is_no_request_to_repeat(line: str, form: Form) -> None:
    assert read_line(code_utterance(line, ())).form is form


def test_what_the_letter_said_is_the_letter() -> None:
    assert play("somatic-symptoms", [
        "So the letter's been on your mind. What did it say that bothered you?"]) == [
        "fact.referral_letter"]


def test_what_you_do_together_is_with_the_person_just_named() -> None:
    source, reply = said("somatic-symptoms", ["Tell me about Alfie.",
                                              "What do you do together?"])[-1]
    assert source == "fact.person_alfie" and "Lego" in reply


def test_together_with_the_family_is_nobody_in_particular() -> None:
    assert play("generalised-anxiety", [
        "Who's at home?", "In an ordinary week, what does family look like for you, what do "
        "you actually do together?"])[-1] != "fact.dad_view"


def test_a_check_reply_quoting_now_and_again_needs_those_words() -> None:
    for seed in range(12):
        reply = said("somatic-symptoms", [
            "So there's the pain, the tiredness, and a part of you that misses the plot. "
            "Have I got that right?"], seed=seed)[0][1]
        assert "now and again" not in reply


def test_what_stops_them_going_to_a_place_just_named() -> None:
    source, reply = said("somatic-symptoms", ["Tell me about the allotment.",
                                              "What stops you going now?"])[-1]
    assert source == "fact.allotment" and "digging" in reply


@pytest.mark.parametrize(("line", "form"), [
    ("What might be a small first step?", Form.FUTURE),
    ("What would you want to be different?", Form.FUTURE),
    ("How would you like things to be?", Form.FUTURE),
])
def test_looking_ahead_in_other_words(line: str, form: Form) -> None:
    assert read_line(code_utterance(line, ())).form is form


def test_a_step_imagined_in_the_patients_words_is_planned() -> None:
    assert play("somatic-symptoms", ["What would you want to be different?",
                                     "When could you do that?", "Who could go with you?"],
                seed=3) == ["future", "commitment.allotment_visit.plan.when",
                            "commitment.allotment_visit.plan.who"]


@pytest.mark.parametrize(("line", "aspect"), [
    ("Which night would make most sense to try it?", PlanAspect.WHEN),
    ("which night this week might work?", PlanAspect.WHEN),
    ("And when in the week do you think you might sit down and read it?", PlanAspect.WHEN),
    ("Who could go with you?", PlanAspect.WHO),
])
def test_planning_questions_in_longer_shapes(line: str, aspect: PlanAspect) -> None:
    assert aspect_asked(line.lower()) is aspect


def test_planning_wins_over_a_person_named_in_the_reflection() -> None:
    assert play("panic-disorder", [
        "So what might you do, even something small?",
        "Reading up on panic properly, at your own pace. Your mum reading it after you sounds "
        "like a good fit. And when in the week do you think you might sit down and read it?"],
        seed=3606)[-1] == "commitment.read_about_panic.plan.when"


def test_a_plan_recapped_after_a_colon_is_a_summary() -> None:
    ask = read_line(code_utterance("So: pain and sleep on the back page of the rota notebook, "
                                   "starting this week. Anything you'd add?", ()))
    assert ask.form is Form.SUMMARY


def test_shall_i_share_or_would_you_rather_not_offers_information() -> None:
    assert read_line(code_utterance("Um, so, shall I share that bit about worry and the body, or "
                                    "would you rather not today?", ())).form is Form.OFFER


def test_a_question_after_a_permission_request_is_the_question() -> None:
    ask = read_line(code_utterance("Can I ask about the stomach as well, because Dr Hale "
                                   "mentioned that too - is that more in the mornings?", ()))
    assert ask.form is Form.YES_NO


def test_tho_before_an_either_or_is_no_doubt() -> None:
    assert code_utterance("six times. did u tell jordan yes tho, or is that still hanging?",
                          ()).code is not Code.CONFRONT
    assert code_utterance("have you really tried, though?", ()).code in (
        Code.CONFRONT, Code.PERSUADE)


def test_why_dont_you_any_more_asks_why_and_is_answered() -> None:
    assert read_line(code_utterance("why dont u go watch anymore, is it getting there?", ())
                     ).form is Form.WH
    source, reply = said("panic-disorder", ["Tell me about Theo.",
                                            "why dont u go watch anymore?"])[-1]
    assert source == "fact.theo" and "rec ground" in reply


def test_whether_the_worry_has_anything_to_do_with_it_asks_their_belief() -> None:
    assert play("generalised-anxiety", [
        "Straight question: do you think the worry might have anything to do with the "
        "headaches?"]) == ["fact.belief"]


def test_what_goes_through_his_head_picturing_the_speech() -> None:
    source, reply = said("social-anxiety", [
        "The speech is the ultimate audience moment. When you picture yourself standing up "
        "to do it, what goes through your head?"])[0]
    assert source == "fact.wedding" and "first line" in reply


def test_a_step_talked_about_is_forgotten_after_two_turns_without_it() -> None:
    turns = results("somatic-symptoms", ["What would you want to be different?",
                                         "How are you sleeping?", "And your appetite?"], seed=3)
    discussing = [any(f.startswith(DISCUSSED) for f in r.state.flags) for r in turns]
    assert discussing == [True, True, False]
    assert "no longer discussing allotment_visit" in turns[-1].trace.understanding["memory"]


def test_a_summary_saying_do_it_puts_no_step_from_earlier() -> None:
    sources = play("somatic-symptoms", [
        "What would you want to be different?",
        "Let me pull together what I've heard. You want to do it properly, not mumble. "
        "Did I miss anything?"], seed=3)
    assert not sources[-1].startswith("commitment.")
