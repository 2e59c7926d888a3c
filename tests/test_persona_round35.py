"""What round 35 of the blind conversations found (the three standing styles again): a step the
patient names in their own words is the one planned next, a planning question with nothing
decided gets "do what?", one person's view for one person named, how often they do a thing they
just named, and lines typed in texting shorthand heard as meant."""

from __future__ import annotations

import pytest
from scenario_helpers import edited
from shipped_talk import CATALOG, play, results, said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.persona import Move
from mi_sim.engine.planning import aspect_asked
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.vocabulary import PlanAspect
from mi_sim.scenarios.lint import lint_text

KEY_QUESTION = "So what might you do, if anything?"


def _first_key_answer(slug: str, stepped: bool) -> tuple[int, str | None]:
    """A seed whose answer to the key question names a step (or none), and that step."""
    for seed in range(1, 80):
        [result] = results(slug, [KEY_QUESTION], seed=seed)
        if result.trace.source == "key_question" and (result.reply.step is not None) is stepped:
            return seed, result.reply.step
    raise AssertionError(f"{slug}: no seed gives a key-question answer with stepped={stepped}")


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_step_the_patient_names_in_their_own_words_is_the_one_planned_next(slug: str) -> None:
    seed, step = _first_key_answer(slug, stepped=True)
    sources = play(slug, [KEY_QUESTION, "When could you do that?"], seed=seed)
    assert sources[1] == f"commitment.{step}.plan.when"


def test_after_a_key_question_answer_that_names_no_step_when_asks_do_what() -> None:
    seed, _ = _first_key_answer("panic-disorder", stepped=False)
    assert play("panic-disorder", [KEY_QUESTION, "When could you do that?"], seed=seed)[1] == (
        "no_step")
    assert play("panic-disorder", [KEY_QUESTION, "What might get in the way?"], seed=seed)[1] == (
        "no_step")


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_planning_question_about_a_step_nobody_named_asks_do_what(slug: str) -> None:
    lines = ["Hello, thanks for coming in today.", "If you tried that, what might get in the way?"]
    assert play(slug, lines)[1] == "no_step"


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_what_the_problem_gets_in_the_way_of_is_still_its_impact(slug: str) -> None:
    assert play(slug, ["How does all this get in the way of the things you care about?"]) == [
        "fact.impact"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_every_shipped_key_question_line_that_names_a_step_names_a_known_one(slug: str) -> None:
    persona = CATALOG[slug]
    steps = {c.name for c in persona.commitments}
    named = [r.step for r in persona.banks[Move.KEY_QUESTION] if r.step]
    assert named and set(named) <= steps
    assert persona.banks[Move.NO_STEP]


def test_a_reply_naming_an_unknown_step_is_a_lint_error() -> None:
    text = edited("text: I came here for help, not a lecture.",
                  "text: I came here for help, not a lecture.\n      step: dancing")
    problems = [p for p in lint_text(text, "sam.yaml") if p.severity == "error"]
    assert any("'dancing' names no step" in p.message for p in problems)


def test_a_day_that_would_suit_is_a_when_question_about_the_step() -> None:
    assert aspect_asked("what day would suit you?") is PlanAspect.WHEN
    assert aspect_asked("when would suit you best?") is PlanAspect.WHEN
    assert aspect_asked("what's stopped you going in the shed?") is PlanAspect.OBSTACLES


def test_what_has_stopped_him_going_to_the_shed_is_the_sheds_obstacles() -> None:
    assert play("generalised-anxiety", ["Do you do anything just for you these days?",
                                        "Your dad's clock. What's stopped you going in the shed "
                                        "since Christmas?"])[1] == (
        "commitment.shed_hour.plan.obstacles")


def test_getting_on_with_a_relation_is_that_relation_not_someone_elses_view() -> None:
    lines = ["Who knows about the stomach?", "How do you get on with your sister?"]
    assert play("social-anxiety", lines)[1] in ("fact.nadia_view", "fact.siblings")
    assert play("social-anxiety", lines, seed=3)[1] in ("fact.nadia_view", "fact.siblings")
    assert play("social-anxiety", ["How do you get on with your parents?"]) == ["fact.parents"]


def test_the_person_named_last_before_the_question_is_the_one_asked_about() -> None:
    assert play("somatic-symptoms", [
        "Okay, so you and Phil, and Kelly's close by with Alfie and pops round most days. And "
        "Phil – what does he make of all this, the pain and the tiredness?"]) == [
        "fact.phil_view"]


def test_how_he_treats_her_is_his_view_not_her_working_day() -> None:
    assert play("somatic-symptoms", ["craig's ur manager? how does he treat u day to day"]) == [
        "fact.craig_view"]


def test_how_often_he_checks_the_hob_is_the_checking_not_the_symptoms() -> None:
    assert play("generalised-anxiety", ["the hob? how many times a night would u check it"]) == [
        "fact.checking"]
    assert play("generalised-anxiety", ["sorry i meant the hob. how often do u go down and "
                                        "check it"]) == ["fact.checking"]


def test_give_me_an_example_asks_for_one_and_proposes_nothing() -> None:
    ask = read_line(code_utterance("running u how? give me an example from this week", ()))
    assert ask.form is Form.WH
    assert "example from" not in said("generalised-anxiety", [
        "running u how? give me an example from this week"])[0][1].lower()


def test_can_i_ask_then_what_you_want_asks_it() -> None:
    assert play("health-anxiety", [
        "Can I ask, then, what you'd most like to get out of our time together, besides the "
        "scan?"]) == ["fact.visit_goal"]


def test_tell_me_about_the_nights_is_sleep() -> None:
    assert play("health-anxiety", ["One night without the phone - that's a big thing to want. "
                                   "Tell me about the nights."]) == ["fact.sleep"]


def test_a_question_trailing_off_in_or_is_still_the_question() -> None:
    assert play("somatic-symptoms", [
        "That's a long day on very little sleep. And at home – is there anyone there with you, "
        "helping out, or...?"]) == ["fact.household"]
    ask = read_line(code_utterance("And lunch – do you eat with the others at work, or...?", ()))
    assert ask.form is Form.YES_NO


def test_a_summary_announced_with_a_colon_is_a_summary_to_confirm() -> None:
    line = ("Okay. So can I just check I've got this right: four years of pain that wanders, "
            "awake from three every night, full shifts at the depot, two reviews with Craig, and "
            "the allotment gone. Have I got that right, or have I missed something?")
    assert read_line(code_utterance(line, ())).form is Form.SUMMARY
    assert play("somatic-symptoms", [line]) == ["summary"]


def test_a_false_start_before_the_question_is_not_asked() -> None:
    line = ("And on one hand the checking feels like the responsible thing, and on the other it's "
            "taking up so much of your life. Does that – is that how it feels from the inside?")
    ask = read_line(code_utterance(line, ()))
    assert ask.text != "does that"
    assert not play("health-anxiety", [line])[0].startswith("fact.")


def test_i_suppose_is_a_hedge_not_an_imagined_future() -> None:
    line = ("I'm so sorry. So – and I suppose that's partly why the stomach discomfort worries "
            "you so much? What's the stomach been doing?")
    assert read_line(code_utterance(line, ())).form is not Form.FUTURE
    assert play("health-anxiety", [line]) == ["fact.stomach"]


def test_a_follow_up_is_heard_in_texting_shorthand() -> None:
    lines = ["can u tell me about the last one?",
             "what was going through ur head on the bathroom floor"]
    [_, (source, reply)] = said("panic-disorder", lines)
    assert source == "fact.last_episode"
    assert "die" in reply


def test_what_happens_if_she_misses_more_is_not_what_happens_in_an_attack() -> None:
    assert play("panic-disorder", [
        "14 quid each way is a lot. what happens if u miss more, could u lose the placement?"]
        ) != ["fact.symptoms"]
    assert "qualify" in said("panic-disorder", [
        "what happens if u miss more shifts at placement?"])[0][1]


def test_how_the_meetings_with_craig_felt_are_the_reviews() -> None:
    assert play("somatic-symptoms", [
        "Twenty-two years without a single review, and now two with Craig. What's – how did "
        "those meetings with Craig feel?"]) == ["fact.absence_reviews"]


def test_what_the_pain_is_like_day_to_day_is_the_symptoms_not_the_job() -> None:
    assert play("somatic-symptoms", [
        "Can you tell me a bit about what the pain's actually like, day to day?"]) == [
        "fact.symptoms"]
