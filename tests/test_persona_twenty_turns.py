"""What twenty-turn talks with Leah and Marcus found after round 36: how they feel the morning
after a bad night, what keeps the checking going, how Tom would take it, which meeting, what
could get them to a higher number, how they feel about a thing of their life."""

from __future__ import annotations

import pytest
from shipped_talk import play, said

from mi_sim.scenarios.loader import load_catalog

SLUGS = sorted(load_catalog())


@pytest.mark.parametrize("slug", SLUGS)
def test_how_they_feel_the_morning_after_a_bad_night_is_about_their_sleep(slug: str) -> None:
    source, reply = said(slug, ["How have you been sleeping?",
                                "And how do you feel the next morning?"])[-1]
    assert source == "fact.sleep"
    first = said(slug, ["How have you been sleeping?"])[0][1]
    assert reply != first  # the morning after, not the night told again


def test_how_tom_would_take_it_if_he_found_out_is_his_view() -> None:
    source, reply = said("health-anxiety", [
        "Tell me about Tom.",
        "How do you think he'd feel if he found out about the checking at night?"])[-1]
    assert source == "fact.tom_view" and "Hurt" in reply


def test_what_keeps_the_checking_going_is_answered_with_the_fear() -> None:
    source, reply = said("health-anxiety", ["Tell me about the checking.",
                                            "What do you think keeps it going?"])[-1]
    assert source == "fact.checking" and reply.startswith("Fear")


def test_the_stand_ups_are_his_mondays() -> None:
    assert play("social-anxiety", ["Tell me about the stand ups."]) == ["fact.mondays"]


def test_which_meeting_after_a_step_plans_when() -> None:
    assert play("social-anxiety", ["What could you try first?", "ok. which meeting?"])[-1] == (
        "commitment.one_small_step.plan.when")


def test_what_could_get_you_to_a_higher_number_asks_what_would_help() -> None:
    assert play("social-anxiety", ["On a scale of 0 to 10 how confident are you?",
                                   "what could get you to a 5?"])[-1] == "ruler_why"


def test_how_they_feel_about_a_thing_of_their_life_is_that_thing() -> None:
    assert play("social-anxiety", ["How do you feel about the speech?"]) == ["fact.wedding"]


@pytest.mark.parametrize(("slug", "line"), [
    ("panic-disorder", "What would it mean to you to get your independence back?"),
    ("generalised-anxiety", "Why does it matter to you?"),
])
def test_what_it_would_mean_to_them_asks_their_values(slug: str, line: str) -> None:
    assert play(slug, [line])[0].startswith("value.")


def test_when_it_bothers_you_most_is_when_it_is_worst() -> None:
    assert play("somatic-symptoms", ["When does it play up most?"]) == ["fact.worst"]
