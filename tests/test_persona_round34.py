"""What round 34 of the blind conversations found (the three standing styles again): closings
with a long lead-in, a topic named then asked about, a follow-up kept to the answer just given,
leave to tell about a step, the risk check in a negative, and rulers asked upwards."""

from __future__ import annotations

import pytest
from shipped_talk import CATALOG, play, results, said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.persona import Move
from mi_sim.engine.reading import Form, read_line

COME_BACK = ("Mostly the stomach, right, okay. We're nearly out of time, so, um, no pressure at "
             "all, but would you be up for coming back once more, just you and me, one to one, "
             "and we can look at the stomach and what happens on those meeting days together?")


def test_x_and_what_happens_after_look_at_is_one_thing_to_look_at_not_a_question() -> None:
    coding = code_utterance(COME_BACK, ())
    assert not any(s.text.lower().startswith("what happens") for s in coding.segments)
    assert read_line(coding).form is Form.CLOSING
    asked = code_utterance("we can look at the diary and what do you think of it?", ())
    assert read_line(asked).form is Form.WH


@pytest.mark.parametrize("seed", [3563, 1, 2])
def test_asked_to_come_back_once_more_after_a_long_lead_in_marcus_answers_it(seed: int) -> None:
    [(source, reply)] = said("social-anxiety", [COME_BACK], seed=seed)
    assert source == "closing"
    assert any(w in reply.lower() for w in ("yeah", "yes", "come", "fine", "all right"))


def test_what_about_eating_then_a_question_asks_about_eating_not_proposes_it() -> None:
    ask = read_line(code_utterance(
        "And, um, what about eating, has your appetite changed at all since this started?", ()))
    assert ask.form is not Form.PROPOSAL
    assert play("panic-disorder", ["what about eating, has your appetite changed at all?"]) == [
        "fact.appetite"]
    assert read_line(code_utterance("what about walking, just ten minutes after lunch?", ())
                     ).form is Form.PROPOSAL


def test_a_generic_follow_up_is_only_for_the_answer_just_given() -> None:
    lines = ["Have you had time off work with it?",
             "And before all this, was there something you did just for you that's fallen away?",
             "Plot fourteen, the allotment. What did you grow down there, and, um, what happened "
             "to it, do you still have the plot?"]
    assert play("somatic-symptoms", lines, seed=3562)[-1] != "fact.absence_reviews"


def test_leave_to_tell_about_a_step_is_a_permission_request_not_the_step_declined() -> None:
    [result] = results("somatic-symptoms", [
        "Would it be alright if I shared a little about how the pain programme actually works, "
        "and you can tell me what you make of it?"], seed=3562)
    assert result.trace.source == "permission"


def test_leave_to_book_them_in_puts_the_step_to_them() -> None:
    ask = read_line(code_utterance("would it be ok if i booked you into the pain programme?", ()))
    assert ask.form is Form.PROPOSAL and "pain programme" in (ask.step or "")


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_any_thoughts_of_not_wanting_to_be_here_is_the_risk_check(slug: str) -> None:
    assert play(slug, ["Any thoughts of not wanting to be here?"]) == ["fact.risk"]


@pytest.mark.parametrize("line", [
    "What would need to happen for that five to become a seven?",
    "what would make working on the pain feel more important to you than a five?",
])
def test_what_would_move_the_number_up_asks_for_reasons(line: str) -> None:
    assert read_line(code_utterance(line, ())).rule == "ruler_why"


def test_what_you_fear_a_note_says_about_you_is_the_inner_world() -> None:
    ask = read_line(code_utterance(
        "Um, what would you be afraid it says about you, if it were on there?", ()))
    assert ask.rule == "inner"


@pytest.mark.parametrize("line", [
    "What might a small first step look like for you, something well short of the speech?",
    "what might a small first step be?",
])
def test_what_a_small_first_step_might_look_like_is_the_key_question(line: str) -> None:
    ask = read_line(code_utterance(line, ()))
    assert (ask.form, ask.rule) == (Form.FUTURE, "key_question")


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("line", [
    "What are you most afraid would happen?",
    "what's the worst that could happen?",
])
def test_what_they_fear_would_happen_is_their_feared_outcome(slug: str, line: str) -> None:
    assert play(slug, [line]) == ["fact.fear"]


@pytest.mark.parametrize("line", [
    "if you stayed on the bus, what would happen?",
    "what would happen if you couldn't get out?",
])
def test_staying_in_the_feared_place_is_asked_as_the_feared_outcome(line: str) -> None:
    [(source, reply)] = said("panic-disorder", [line])
    assert source == "fact.fear" and "heart" in reply.lower()


def test_the_problem_gone_is_still_a_look_forward_not_a_fear() -> None:
    ask = read_line(code_utterance("If the attacks stopped tomorrow, what would be different?",
                                   ()))
    assert ask.form is Form.FUTURE


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("generalised-anxiety", "so youve already taken matters into your own hands. has the riser "
     "made any difference to the headaches?", "fact.relief"),
    ("health-anxiety", "your dad had bowel cancer didnt he - is that part of why the stomach "
     "worries you so much?", "fact.belief"),
    ("generalised-anxiety", "I'm curious about the purpose of it, though: do you feel the "
     "worrying helps keep them safe?", "fact.belief"),
    ("panic-disorder", "Could you tell me, in your own words, what one of these attacks is "
     "actually like when it comes on?", "fact.symptoms"),
    ("panic-disorder", "Sorry, what I meant was the very first attack, the one that started all "
     "this, can you tell me about that day?", "fact.onset"),
])
def test_round_34_questions_reach_their_fact(slug: str, line: str, source: str) -> None:
    assert play(slug, [line], seed=3561) == [source]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_asked_again_after_a_miss_the_patient_does_not_claim_to_have_answered(slug: str) -> None:
    leads = [r.text for r in CATALOG[slug].banks.get(Move.AGAIN, ())]
    plain = said(slug, ["Who lives at home with you?", "Who lives at home with you?"])
    repaired = said(slug, ["Who lives at home with you?",
                           "Sorry, I meant: who lives at home with you?"])
    assert any(plain[1][1].startswith(lead) for lead in leads)  # told again: a lead-in
    assert not any(repaired[1][1].startswith(lead) for lead in leads)


@pytest.mark.parametrize("line", [
    "so, um, would you be up for coming back in two weeks?",
    "great, same time then",
])
def test_coming_back_in_two_weeks_and_same_time_then_are_closings(line: str) -> None:
    assert read_line(code_utterance(line, ())).form is Form.CLOSING


def test_what_he_fears_if_he_did_not_ring_his_mum_is_the_fear_not_a_value() -> None:
    assert play("generalised-anxiety", [
        "what are you most afraid would happen if you didnt ring your mum at seven?"],
        seed=13) == ["fact.fear"]
