"""What round 44 of the blind conversations found."""

from __future__ import annotations

from shipped_talk import play, said

from mi_sim.engine.answering import YES_NO_SHAPED
from mi_sim.engine.coder import code_utterance
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.segmenter import normalise
from mi_sim.engine.vocabulary import Code


def test_texting_b_after_you_or_a_modal_is_be_and_plan_b_stays() -> None:
    assert normalise("would u b up for it?") == "would you be up for it?"
    assert normalise("plan b it is") == "plan b it is"


def test_would_u_b_up_for_trying_that_puts_a_step() -> None:
    line = ("some ppl write the 4am list down in a notebook n only go thru it at a set time. "
            "would u b up for trying that for a week, or is that not u?")
    assert read_line(code_utterance(line, ())).form is Form.PROPOSAL


def test_how_would_you_feel_about_say_jotting_down_puts_a_step() -> None:
    reading = read_line(code_utterance("how would you feel about, say, jotting down for a week "
                                       "what time you wake?", ()))
    assert reading.form is Form.PROPOSAL and reading.step and "jotting down" in reading.step


def test_at_home_is_it_just_you_or_a_flatmate_asks_who_is_at_home() -> None:
    assert play("social-anxiety", ["ok good. n at home, is it just u or u got a flatmate or "
                                   "someone?"]) == ["fact.household"]


def test_does_jordan_know_any_of_this_asks_his_view() -> None:
    assert play("social-anxiety", ["Jordan asked you to be best man?",
                                   "Does Jordan know any of this?"])[-1] == "fact.jordan_view"


def test_when_did_the_checking_start_is_when_it_began_not_the_checking_described() -> None:
    replies = said("health-anxiety", [
        "How often do you check?",
        "Neck first, then stomach, every single morning. When did the checking start?"])
    assert replies[1][0] == "fact.onset" and "Two years" in replies[1][1]


def test_when_the_lessons_started_is_still_the_lessons() -> None:
    assert play("panic-disorder", ["when did the driving lessons start?"]) == [
        "fact.driving_lessons"]


def test_i_am_not_trying_to_drag_it_out_of_you_is_no_confrontation() -> None:
    assert code_utterance("I'm not trying to drag more out of you than you want to say.",
                          ()).code is not Code.CONFRONT
    assert code_utterance("You're not even trying.", ()).code is Code.CONFRONT


def test_who_do_you_see_or_talk_to_is_one_question_not_a_choice() -> None:
    assert read_line(code_utterance("Who do you, you know, actually see or talk to in a "
                                    "normal week?", ())).form is Form.WH
    assert read_line(code_utterance("who drives, you or Tom?", ())).form is Form.EITHER_OR


def test_a_follow_up_written_for_the_reflection_before_the_question_does_not_answer_it() -> None:
    replies = said("generalised-anxiety", [
        "What time do you tend to wake up, and what happens then?",
        "Gosh, so that's quite a list going round, round and round till the alarm. Sorry, what "
        "I mean is, the alarm's at quarter past six, but what time are you actually waking up, "
        "usually, before that?"])
    assert "four" in replies[1][1] and "fixed rate" not in replies[1][1]


def test_a_reply_is_yes_no_shaped_only_when_it_answers_yes_or_no() -> None:
    for text in ("Most nights, yes.", "No. Never.", "Not really.", "Mostly, no, not lately."):
        assert YES_NO_SHAPED.match(text), text
    for text in ("I'm asleep by eleven, no trouble, and awake at four.", "No one. Helen "
                 "messaged after.", "No brothers or sisters — I'm an only child."):
        assert not YES_NO_SHAPED.match(text), text


def test_what_worries_her_about_the_help_offered_is_her_fear_of_treatment_not_a_value() -> None:
    line = ("So on one hand the attacks have shrunk your world: driving, swimming, gigs, even the "
            "big shop. On the other, treatment feels scary. What worries you about the help Dr "
            "Mensah offered?")
    source, reply = said("panic-disorder", [line])[0]
    assert source == "fact.therapy" and "number 12" in reply


def test_do_u_see_ur_family_much_asks_about_the_family() -> None:
    source, reply = said("social-anxiety", ["do u see ur family much?"])[0]
    assert source == "fact.parents" and "Sunday dinner" in reply
