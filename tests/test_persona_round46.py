"""What round 46 (three new styles: a GP's ten-minute review, a person-centred counselling
trainee, an occupational therapist) found."""

from __future__ import annotations

from shipped_talk import said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.reading import Form, read_line


def test_a_person_in_a_when_clause_is_not_what_is_asked() -> None:
    source, reply = said("health-anxiety", [
        "Who is at home?",
        "Busy day, bookended by checking. Once Tom's gone up and the phone comes out, what "
        "happens next?"])[-1]
    assert source == "fact.online" and not reply.startswith("Tom's my partner")


def test_who_counts_on_you_is_who_is_at_home() -> None:
    for line in ("The one who got everything done. Who were you getting it all done for?",
                 "I meant the people in your life - who's been counting on you?"):
        assert said("somatic-symptoms", [line])[-1][0] == "fact.household"


def test_who_are_you_keeping_it_from_is_who_knows() -> None:
    assert said("panic-disorder", ["And say it's for the exercise - so there's a bit of a cover "
                                   "story. Who are you keeping it from?"])[-1][0] == (
        "fact.others_view")


def test_have_a_think_about_it_asks_nothing_and_the_booking_after_it_closes() -> None:
    line = ("Ok. We're about out of time, Leah. Have a think about the phone idea, and shall we "
            "meet again next week, before the gala?")
    assert read_line(code_utterance(line, ())).form is Form.CLOSING
    assert read_line(code_utterance("have you had a look?", ())).form is Form.YES_NO


def test_what_the_clocks_give_him_how_long_and_whether_the_list_follows_him_in() -> None:
    first = "What do you do in your spare time?"
    for line, words in (
            ("How long would you normally spend out there, back when you were going in?",
             "two or three hours"),
            ("What did you get out of the clock work, when you were doing it?", "head goes still"),
            ("When you're fixing a clock, is your mind on the clock, or on the list?",
             "head goes still")):
        source, reply = said("generalised-anxiety", [first, line])[-1]
        assert source == "fact.hobbies" and words in reply, line


def test_how_her_mood_has_been_is_her_mood_not_her_familys_view() -> None:
    assert said("somatic-symptoms", ["So the pain wakes you and then work takes over your head. "
                                     "How's your mood been with all that?"])[-1][0] == "fact.mood"


def test_what_she_makes_of_why_it_goes_on_is_her_belief() -> None:
    assert said("somatic-symptoms", ["What do you make of why the pain's been going on so "
                                     "long?"])[-1][0] == "fact.belief"


def test_what_others_would_think_or_see_is_his_fear() -> None:
    for line in ("Good at the work, not the audience. When you're in a meeting and your face goes "
                 "red, what do you imagine the others are thinking?",
                 "And if it did work — what would you worry people would see?"):
        assert said("social-anxiety", [line])[-1][0] == "fact.fear", line


def test_the_risk_question_after_a_reflection_is_answered_as_the_risk_question() -> None:
    line = ("Worn down, and some mornings a cry in the car before you go in. That sounds really "
            "hard, Denise. When people are worn down like that, sometimes they have thoughts of "
            "harming themselves, or that they'd rather not be here. Have you had any thoughts "
            "like that?")
    source, reply = said("somatic-symptoms", [line])[-1]
    assert source == "fact.risk" and reply.startswith("No")


def test_what_it_was_about_the_allotment_that_helped_is_the_allotment_not_her_work() -> None:
    line = ("Ooh, the allotment - that sounds like one of those 'what worked before' things I love "
            "hearing about. What was it about the allotment that helped?")
    source, reply = said("somatic-symptoms", [line])[-1]
    assert source == "value.the_allotment" and "wage" not in reply


def test_what_an_attacks_like_asks_the_symptoms() -> None:
    assert said("panic-disorder", ["What would make today worth your while?",
                                   "While you're here, could you tell me a bit about what an "
                                   "attack's like for you?"])[-1][0] == "fact.symptoms"


def test_a_medical_students_history_opening_asks_about_the_stomach_not_their_job() -> None:
    line = ("Hello, thank you for coming. I'm Alex, a third-year medical student working with the "
            "team today, and I'd like to start by taking a bit of a history, if that's alright. "
            "Could you tell me a little more about the stomach trouble?")
    assert said("social-anxiety", [line])[-1][0] == "fact.symptoms"


def test_what_sets_a_flare_up_off_is_its_triggers() -> None:
    assert said("social-anxiety", ["You used to cope better. Have you noticed anything that "
                                   "tends to set a flare-up off?"])[-1][0] == "fact.triggers"


def test_the_clinician_not_knowing_about_the_wedding_is_nobodys_view() -> None:
    source = said("social-anxiety", ["Jordan asked you to be best man?",
                                     "Sorry, I don't think I know about the wedding yet - could "
                                     "you tell me about it?"])[-1][0]
    assert source != "fact.others_view"
