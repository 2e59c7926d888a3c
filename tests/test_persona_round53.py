"""What session 53's talks and blind round found: "the last one" of a thing taken one at a time,
waking in the night, and the fact itself asked for after only a follow-up of it was told."""

from __future__ import annotations

import pytest
from shipped_talk import said


@pytest.mark.parametrize(("before", "line"), [
    (["How many cups of coffee do you have a day?"], "What time's the last one?"),
    ([], "What do you drink through the day, tea, coffee, and roughly what time's the last one?"),
])
def test_the_last_one_of_a_drink_is_the_last_drink_not_the_last_attack(
        before: list[str], line: str) -> None:
    source, reply = said("generalised-anxiety", [*before, line])[-1]
    assert source == "fact.caffeine", reply


def test_the_last_one_with_nothing_taken_talked_about_is_still_the_last_attack() -> None:
    assert said("panic-disorder", ["When was the last one?"])[-1][0] == "fact.last_episode"


@pytest.mark.parametrize(("slug", "line"), [
    ("generalised-anxiety", "What time do you wake in the night?"),
    ("somatic-symptoms", "What time do you usually wake up in the night?"),
    ("somatic-symptoms", "Can I ask about your sleep instead - what happens at night?"),
])
def test_waking_in_the_night_is_about_sleep_not_the_morning_routine(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.sleep"


def test_what_time_you_wake_for_work_is_still_the_day() -> None:
    assert said("generalised-anxiety", ["What time do you get up for work?"])[-1][0] == "fact.day"


def test_driving_over_in_the_night_is_not_a_question_about_sleep() -> None:
    source, _reply = said("generalised-anxiety", [
        "Twice now you've said you keep yourself ready in case you need to drive to your mum's "
        "in the night. Tell me a bit about that."])[-1]
    assert source != "fact.sleep"


def test_how_you_sleep_after_only_the_bedtime_was_told_gets_the_sleep_itself() -> None:
    turns = said("panic-disorder", ["What time do you go to bed?", "How are you sleeping?"])
    assert turns[0][0] == turns[1][0] == "fact.sleep"
    assert turns[0][1] != turns[1][1]


SLUGS = ("panic-disorder", "generalised-anxiety", "somatic-symptoms", "health-anxiety",
         "social-anxiety")


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("line", [
    "'Like I'm made of glass.' Tell me more about that look - what do you see in it?",
])
def test_a_question_the_patient_has_no_line_for_is_thought_over_not_answered_with_another_topic(
        slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "ponder"


@pytest.mark.parametrize("slug", SLUGS)
def test_what_they_meant_by_their_own_word_is_not_a_line_that_goes_somewhere_else(
        slug: str) -> None:
    source, reply = said(slug, ["You called it the stupid part. What do you mean by stupid?"])[-1]
    assert source == "ponder", reply
    assert any(w in reply.lower() for w in ("mean", "put it", "say it", "explain")), reply


def test_a_question_on_a_topic_still_gets_the_topic_line_before_thinking_it_over() -> None:
    assert said("health-anxiety", ["What happens at night, once you get your phone out?"])[-1][
        0] != "ponder"


def test_thinking_it_over_runs_out_and_is_not_said_twice_in_a_row() -> None:
    lines = ["What do you see in it?", "What was she like, that woman?",
             "What would nerves feel like, to you?", "What is under that, do you think?"]
    replies = [reply for _source, reply in said("panic-disorder", lines)]
    assert len(set(replies)) == len(replies)


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("panic-disorder", "You said you left your basket and ran - what was happening in your body "
                       "just before you ran?", "fact.symptoms"),
    ("generalised-anxiety", "When you say 'check', what sort of things do you usually check?",
     "fact.safety"),
    ("panic-disorder", "'What if it happens on a roundabout' - what's the worst you picture "
                       "happening there?", "fact.fear"),
    ("panic-disorder", "Your world keeps getting smaller. What's dropped out of it that you miss "
                       "the most?", "fact.impact"),
    ("generalised-anxiety", "'There but not there.' What do you think Sue means by that?",
     "fact.sue_view"),
])
def test_a_question_that_quotes_the_patient_asks_its_own_question(
        slug: str, line: str, source: str) -> None:
    assert said(slug, [line])[-1][0] == source
