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


@pytest.mark.parametrize(("lines", "words"), [
    (["Tell me what happened the last time you ended up in A&E.",
      "That sounds frightening. What did they say at A&E?"], "heart was fine"),
    (["Tell me about A&E.", "Who came to get you?"], "Mum, every time"),
    (["Tell me about the driving.", "What happened on the roundabout?"], "never had one"),
])
def test_lena_follows_up_her_own_story(lines: list[str], words: str) -> None:
    assert words in said("panic-disorder", lines)[-1][1]


def test_what_it_is_like_for_her_is_her_view() -> None:
    assert play("panic-disorder", ["So your mum has been there every time. What's that like for "
                                   "her, do you think?"]) == ["fact.joanne_view"]


def test_what_makes_it_that_high_asks_why_the_number() -> None:
    assert play("panic-disorder", ["On a scale of 0 to 10, how important is it to you?",
                                   "What makes it that high?"])[-1] == "ruler_why"


def test_what_helps_explained_then_checked_is_information() -> None:
    assert play("panic-disorder", [
        "Can I tell you a little about what we know helps with panic?",
        "The approaches that work best go at your pace, and you stay in charge of every step. "
        "Nobody pushes you onto a bus. What do you make of that?"])[-1] == "giving_information"


def test_a_topic_put_first_is_what_the_pronoun_after_it_means() -> None:
    source, _reply = said("generalised-anxiety", [
        "Tell me about your desk.", "And the stomach, when is that worst?"])[-1]
    assert source == "fact.worst"  # (not the desk, "the thing just talked about")
    reply = said("generalised-anxiety", ["Tell me about your desk.",
                                         "When is the stomach at its worst?"])[-1][1]
    assert "before work" in reply


def test_what_was_different_on_holiday_is_asked_of_the_holiday() -> None:
    source, reply = said("generalised-anxiety", ["What happened in Norfolk?",
                                                 "What was different there?"])[-1]
    assert source == "fact.norfolk" and "signal" in reply


def test_what_would_make_it_easier_to_do_the_step_is_planning() -> None:
    source = play("generalised-anxiety", [
        "What might you do?", "What would make it easier to do that?"])[-1]
    assert source.startswith("commitment.") and source.endswith(".plan.obstacles")


def test_what_would_make_it_a_seven_asks_what_would_raise_the_number() -> None:
    assert play("generalised-anxiety", ["How confident are you, out of ten?",
                                        "What would make it a seven?"])[-1] == "ruler_why"


def test_the_plan_said_back_is_agreed_in_the_words_of_the_step() -> None:
    sources = play("generalised-anxiety", [
        "What might you do?", "Who could help with that?",
        "So the plan is that, and Sue keeps you to it. Is that right?"])
    step = sources[1].split(".")[1]
    assert sources[-1] == f"commitment.{step}.accept"


@pytest.mark.parametrize(("slug", "lines", "source"), [
    ("panic-disorder", ["whats ur mum think about it all?"], "fact.joanne_view"),
    ("panic-disorder", ["do u still swim?", "why did that stop?"], "fact.swimming"),
    ("generalised-anxiety", ["whats sue think about it all?"], "fact.sue_view"),
    ("health-anxiety", ["what does tom make of the checking?"], "fact.tom_view"),
    ("health-anxiety", ["what do you make of the checking?"], "fact.checking"),
])
def test_found_in_the_coached_twenty_turn_talks(slug: str, lines: list[str],
                                                source: str) -> None:
    assert play(slug, lines)[-1] == source


def test_why_not_a_lower_number_is_no_advice() -> None:
    from mi_sim.engine.coder import code_utterance
    from mi_sim.engine.vocabulary import Code
    assert code_utterance("why not a 3?", ()).code is not Code.PERSUADE
    assert code_utterance("why not try the diary?", ()).code is Code.PERSUADE
