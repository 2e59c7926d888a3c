"""Planning a step: which aspect of a change plan a line asks for, which step is being planned,
and the patient's answer from that step's `plan`."""

from __future__ import annotations

import pytest
from personas import tiny_persona_data
from shipped_talk import CATALOG, play, results

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.index import index_for
from mi_sim.engine.persona import Persona
from mi_sim.engine.planning import aspect_asked, step_planned
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.state import start_state
from mi_sim.engine.vocabulary import PlanAspect


@pytest.mark.parametrize(("line", "aspect"), [
    ("when in the week could you realistically sit down and write it?", PlanAspect.WHEN),
    ("would this saturday, after the run and before the guitar, work for writing one page?",
     PlanAspect.WHEN),
    ("what might get in the way of writing that first page at all?", PlanAspect.OBSTACLES),
    ("say you sit down on saturday and the page stays blank. what would you do then?",
     PlanAspect.SETBACK),
    ("how would you know it had helped?", PlanAspect.SIGN),
    ("who could help you stick with it?", PlanAspect.WHO),
    ("where would you do the breathing?", PlanAspect.WHERE),
])
def test_a_planning_question_names_its_aspect(line: str, aspect: PlanAspect) -> None:
    assert aspect_asked(line) is aspect


@pytest.mark.parametrize("line", [
    "what time do you get up on a work day?",
    "when did the attacks start?",
    "who lives at home with you?",
])
def test_a_question_about_their_life_is_no_planning_question(line: str) -> None:
    assert aspect_asked(line) is None


def test_the_step_named_in_the_line_is_the_one_planned() -> None:
    persona = CATALOG["social-anxiety"]
    state = start_state(persona, None, 1)
    step = step_planned(persona, index_for(persona), state,
                        "so a first page of the speech. when could you write it?")
    assert step is not None and step.name == "speech_page"


def test_a_declined_step_is_planned_only_when_the_line_names_it_again() -> None:
    persona = CATALOG["social-anxiety"]
    state = start_state(persona, None, 1).evolve(
        declined=("speech_page",), used=("commitment.speech_page.decline:0",))
    index = index_for(persona)
    assert step_planned(persona, index, state, "what might get in the way?") is None
    step = step_planned(persona, index, state, "if you did write a first page, when could you?")
    assert step is not None and step.name == "speech_page"


@pytest.mark.parametrize(("line", "aspect"), [
    ("So a first page, just for you. When in the week could you realistically sit down and "
     "write it?", "when"),
    ("What might get in the way of writing that first page at all?", "obstacles"),
    ("Say you sit down on Saturday and the first page stays blank. What would you do then?",
     "setback"),
])
def test_marcus_plans_the_page_of_the_speech_from_its_plan(line: str, aspect: str) -> None:
    assert play("social-anxiety", ["Tell me about the speech.", line])[-1] == (
        f"commitment.speech_page.plan.{aspect}")


def test_yes_no_or_not_yet_after_a_step_is_a_proposal_of_that_step() -> None:
    ask = read_line(code_utterance(
        "Just the speech: one page, this Saturday morning after your run. Yes, no, or not yet?",
        ()))
    assert ask.form is Form.PROPOSAL and ask.step


def test_a_plan_needs_schema_version_2() -> None:
    data = tiny_persona_data()
    data["commitments"] = [{
        "name": "walk", "description": "A walk.", "keywords": ["walk"],
        "accept": [{"text": "Fine.", "talk": "change", "subtype": "commitment"}],
        "decline": [{"text": "No.", "talk": "sustain"}],
        "plan": {"when": [{"text": "Tomorrow.", "talk": "change", "subtype": "commitment"}]},
    }]
    with pytest.raises(ValueError, match="plan"):
        Persona.model_validate(data)


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("panic-disorder", "How would you know the breathing exercise had helped?",
     "commitment.breathing_exercise.plan.sign"),
    ("panic-disorder", "If you did keep the diary, what might get in the way?",
     "commitment.symptom_diary.plan.obstacles"),
    ("generalised-anxiety", "Say you tried worry time and missed a day. What would you do then?",
     "commitment.worry_time.plan.setback"),
])
def test_every_persona_answers_planning_questions_about_its_steps(slug: str, line: str,
                                                                  source: str) -> None:
    assert play(slug, [line], seed=5) == [source]


def test_every_shipped_commitment_has_a_plan_for_every_aspect() -> None:
    for persona in CATALOG.values():
        for step in persona.commitments:
            assert set(step.plan) == set(PlanAspect), (persona.slug, step.name)


def test_planning_a_step_just_declined_gets_why_not_then_the_patient_imagines_it() -> None:
    sources = play("social-anxiety", [
        "Some people start with something tiny, like writing one page of the speech just for "
        "themselves. What do you make of that?",
        "Would you be up for trying that, one page, nobody reads it?",
        "When in the week could you sit down and write it?",
        "Where would you do it?",
        "What might get in the way?",
    ], seed=43)
    assert sources[1].startswith("commitment.speech_page.decline")
    assert sources[2].startswith("commitment.speech_page.decline")
    assert [s.rsplit(":", 1)[0] for s in sources[3:]] == [
        "commitment.speech_page.plan.where", "commitment.speech_page.plan.obstacles"]


def test_try_that_after_a_step_is_described_offers_that_step() -> None:
    sources = play("health-anxiety", [
        "Some people try putting off the searching for a set time, say half an hour, before "
        "looking anything up. What do you make of that?",
        "Would you be willing to try that this week?"], seed=42)
    assert sources[-1].startswith("commitment.postpone_searching.")


def test_what_time_of_day_would_work_is_a_planning_question() -> None:
    assert aspect_asked("what time of day would work?") is PlanAspect.WHEN


def test_what_might_get_in_the_way_of_the_step_the_patient_just_named_is_planned_on_it() -> None:
    first, then = results("social-anxiety", [
        "What might a small first step look like for you, something well short of the speech?",
        "If you did give it a go on Thursday, what do you think might get in the way?"],
        seed=3551)
    assert "camera" in first.reply_text.lower()
    assert then.trace.source.endswith(".plan.obstacles")
