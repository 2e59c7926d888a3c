"""What blind round 60 found: an evoking practitioner's DARN questions (the confidence ruler's
"why", ability, best reasons, need), the good side of carrying on, and who a worry touches."""

from __future__ import annotations

import pytest
from shipped_talk import said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.reading import read_line
from mi_sim.engine.vocabulary import Code

SLUGS = ("panic-disorder", "generalised-anxiety", "somatic-symptoms", "health-anxiety",
         "social-anxiety")


@pytest.mark.parametrize("slug", SLUGS)
def test_why_not_lower_on_the_confidence_ruler_gets_what_they_can_do(slug: str) -> None:
    confidence = said(slug, ["On a scale of 0 to 10, how confident are you that you could make "
                             "a change?", "Why that and not a one?"])[-1][1]
    importance = said(slug, ["On a scale of 0 to 10, how important is it to you to make a "
                             "change?", "Why that and not a one?"])[-1][1]
    assert confidence != importance


@pytest.mark.parametrize("line", [
    "If you decided to do something about this, how might you go about it?",
    "If you decided to try cutting back a little on the checking, how might you go about it?",
])
def test_how_they_would_go_about_it_if_they_decided_is_the_key_question(line: str) -> None:
    assert read_line(code_utterance(line)).rule == "key_question"


def test_how_to_go_about_the_step_they_just_named_is_not_the_key_question() -> None:
    ask = read_line(code_utterance("Telling Tom the truth. How would you go about it, do you "
                                   "think?"))
    assert ask.rule != "key_question"


def test_their_best_reasons_are_what_they_value() -> None:
    source, _reply = said("health-anxiety", [
        "What are your best reasons for wanting to get some of that back?"])[-1]
    assert source.startswith("value.")


@pytest.mark.parametrize("slug", ["social-anxiety", "somatic-symptoms"])
def test_how_much_it_needs_to_change_is_answered_as_importance(slug: str) -> None:
    assert said(slug, ["How much does this need to change, do you think?"])[-1][0] == "ruler"


def test_the_good_side_of_carrying_on_as_you_are_is_the_upside() -> None:
    assert said("social-anxiety", [
        "What would be the good side of carrying on as you are - keeping the camera off, lunch "
        "in the car, skipping meetings?"])[-1][0] == "fact.upside"


def test_what_avoiding_costs_you_is_the_impact_not_the_money() -> None:
    assert said("social-anxiety", [
        "Nothing can go wrong if you're not there. And what does it cost you?"])[-1][0] == (
        "fact.impact")


def test_how_the_worry_touches_the_children_is_their_view() -> None:
    source, _reply = said("health-anxiety", [
        "What about Maya and Sam - how does the worry touch them?"])[-1]
    assert source.endswith("_view")


def test_how_it_affects_placement_is_not_someone_elses_view() -> None:
    source, _reply = said("panic-disorder", ["How is all this affecting your placement?"])[-1]
    assert not source.endswith("_view")


def test_what_he_does_while_his_daughter_is_out_driving_is_not_what_eases_his_headaches() -> None:
    source, _reply = said("generalised-anxiety", [
        "what do u do when shes out driving, like with her instructor?"])[-1]
    assert source != "fact.relief"


def test_what_it_would_mean_to_be_at_his_birthday_is_about_the_family_just_talked_about() -> None:
    turns = said("social-anxiety", [
        "Tell me about Eli.",
        "That one stings. What would it mean to you to be at his next birthday?"])
    assert turns[-1][0] == "value.family", turns[-1]


def test_who_matters_most_is_still_answered_with_people() -> None:
    turns = said("generalised-anxiety", [
        "Tell me about your dad's clock.", "Who are the people that matter most to you?"])
    assert turns[-1][0] != "value.clocks"


def test_rain_or_shine_is_no_choice_between_two_steps() -> None:
    source, reply = said("panic-disorder", [
        "Forty minutes of walking, rain or shine. Which of those losses stings the most?"])[-1]
    assert source != "choice" and "rain" not in reply.lower()


def test_put_another_way_is_no_step_proposed() -> None:
    source, _reply = said("health-anxiety", [
        "maybe put another way - when u get a worry in the evening and cant check, what happens "
        "for u?"])[-1]
    assert source != "proposal"


def test_how_it_has_changed_what_they_do_is_the_impact() -> None:
    assert said("panic-disorder", [
        "How has all this changed what you do day to day?"])[-1][0] == "fact.impact"


def test_why_she_wanted_to_be_a_vet_nurse_is_how_she_got_into_it() -> None:
    reply = said("panic-disorder", [
        "Why did you want to be a vet nurse in the first place?"])[-1][1]
    assert "teddy" in reply


@pytest.mark.parametrize(("slug", "line", "fact"), [
    ("social-anxiety", "You mentioned the guitar; tell me more about that.", "fact.hobbies"),
    ("social-anxiety", "You mentioned you played five-a-side until about a year ago. Tell me "
                       "more about stopping that.", "fact.five_a_side"),
    ("social-anxiety", "You mentioned the senior analyst job; tell me more about that.",
     "fact.senior_role"),
])
def test_tell_me_more_about_what_they_mentioned_is_that_thing(
        slug: str, line: str, fact: str) -> None:
    assert said(slug, [line])[-1][0] == fact


def test_the_downside_of_stopping_the_checking_is_what_she_fears() -> None:
    assert said("health-anxiety", [
        "I imagine the checking does something for you too. What would be the downside of "
        "stopping it?"])[-1][0] == "fact.fear"


def test_the_first_time_of_a_step_planned_is_not_the_first_attack() -> None:
    source, _reply = said("panic-disorder", [
        "Who could come with you the first time, and which day might work?"])[-1]
    assert source != "fact.onset"
    assert said("panic-disorder", ["Who did you tell, that first time?"])[-1][0] == "fact.onset"


def test_stopping_any_time_is_the_whole_point_is_autonomy_not_confrontation() -> None:
    assert code_utterance("Absolutely, you can stop and get off any time, that's the whole point."
                          ).code is not Code.CONFRONT


@pytest.mark.parametrize("line", [
    "If the night-time worry were a voice, what would it sound like?",
    "If the audience were a picture in your head, what would it look like?",
])
def test_an_image_asked_for_is_an_inner_question_not_a_wish(line: str) -> None:
    assert read_line(code_utterance(line)).rule == "inner"


def test_what_a_better_sunday_would_look_like_is_still_looking_forward() -> None:
    assert read_line(code_utterance(
        "if u did enjoy them more, what would that look like?")).rule != "inner"


def test_the_committees_letter_is_the_allotment_not_the_referral() -> None:
    assert said("somatic-symptoms", [
        "how do u feel about that letter from the committee?"])[-1][0] == "fact.allotment"


def test_a_job_in_the_family_is_not_his_work() -> None:
    source, _reply = said("generalised-anxiety", [
        "Is it that worrying feels like your job in the family?"])[-1]
    assert source != "fact.work"


def test_what_would_have_happened_if_they_had_gone_is_the_fear() -> None:
    assert said("social-anxiety", [
        "So you dialled in from home. What do you think would have happened if you'd gone in?"
    ])[-1][0] == "fact.fear"


def test_the_not_so_good_side_after_the_good_side_is_what_it_costs() -> None:
    turns = said("social-anxiety", ["What's good about staying away from meetings, for you?",
                                    "And the not-so-good side?"])
    assert [source for source, _reply in turns] == ["fact.upside", "fact.impact"]
