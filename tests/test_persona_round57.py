"""What session 57 found: spoken fact questions ("how long's it been"), a guess left to be
confirmed ("no kids yourself, I'm guessing"), an age checked in words ("twenty-eight, was it")."""

from __future__ import annotations

import pytest
from shipped_talk import said


@pytest.mark.parametrize(("slug", "line"), [
    ("panic-disorder", "so how long's it been now, all in all, since this started"),
    ("generalised-anxiety", "How long's this been going on for you?"),
])
def test_how_longs_it_been_asks_how_long_the_problem_has_lasted(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.duration"


@pytest.mark.parametrize(("slug", "line", "fact"), [
    ("panic-disorder", "no kids yourself, I'm guessing", "fact.children"),
    ("panic-disorder", "no partner at the moment, I assume?", "fact.partner"),
    ("panic-disorder", "and you live with your mum, I take it", "fact.household"),
])
def test_a_guess_left_to_be_confirmed_gets_the_fact(slug: str, line: str, fact: str) -> None:
    assert said(slug, [line])[-1][0] == fact


def test_i_imagine_after_a_feeling_is_still_a_reflection_not_a_fact_check() -> None:
    source, _reply = said("panic-disorder", ["That must have been frightening, I imagine."])[-1]
    assert not source.startswith("fact.")


@pytest.mark.parametrize(("slug", "line"), [
    ("panic-disorder", "and the letter's got you down as twenty-three, is that still right"),
    ("social-anxiety", "twenty-eight, was it"),
    ("health-anxiety", "the letter's got you down as thirty-eight, is that still right"),
])
def test_an_age_checked_in_words_is_the_age(slug: str, line: str) -> None:
    assert said(slug, [line])[-1][0] == "fact.age"


def test_a_number_of_minutes_put_on_something_is_not_an_age() -> None:
    source, _reply = said("panic-disorder", ["You've put twenty minutes aside for the walk?"])[-1]
    assert source != "fact.age"
