"""The feedback report: scores, client talk, trajectory, worst moments and their alternatives."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.coding import ContextLine
from mi_sim.scoring.feedback import (
    EXPLANATIONS,
    NEXT_TIME,
    Feedback,
    TurnFacts,
    alternative_for,
    build_feedback,
    facts_from_records,
    harm_of,
    mirror,
    overall_message,
    weakest_area,
    what_happened,
)
from mi_sim.scoring.miti import describe, summarize

SCARED = "I'm scared it's my heart and nobody believes me."
START = {"rapport": 0.30, "discord": 0.20, "readiness": 0.10}


def state(rapport: float, discord: float, readiness: float) -> dict[str, float]:
    return {"rapport": rapport, "discord": discord, "readiness": readiness}


def fact(turn: int = 1, code: str = "reflection_complex", *, clinician: str = "So...",
         before: Mapping[str, float] = START, after: Mapping[str, float] | None = None,
         talk: str = "neutral", patient_before: str = SCARED, patient: str = "Mm.",
         move: str | None = None, subtype: str | None = None, ended: bool = False,
         rule: str | None = None, why: str = "") -> TurnFacts:
    return TurnFacts(turn=turn, clinician=clinician, code=code, why=why or f"coded {code}",
                     patient_before=patient_before, patient=patient, talk=talk, subtype=subtype,
                     state=dict(after if after is not None else before),
                     state_before=dict(before), move=move, ended=ended, rule=rule)


def chain(*specs: tuple[str, str, dict[str, float]], subtypes: Mapping[int, str] | None = None
          ) -> list[TurnFacts]:
    """Turns from (code, talk, state after) triples, each starting where the last ended."""
    facts, before, patient = [], dict(START), "I'm not sure why I'm here."
    for number, (code, talk, after) in enumerate(specs, start=1):
        reply = f"Reply {number}: I suppose I could think about it."
        facts.append(fact(number, code, before=before, after=after, talk=talk,
                          patient_before=patient, patient=reply,
                          subtype=(subtypes or {}).get(number)))
        before, patient = after, reply
    return facts


# -- mirroring ---------------------------------------------------------------------------------


def test_mirror_turns_the_patients_first_person_into_the_second_person() -> None:
    assert mirror(SCARED) == "You're scared it's your heart and nobody believes you."


@pytest.mark.parametrize(("line", "expected"), [
    ("I've had three tests and I am still not sure.",
     "You've had three tests and you are still not sure."),
    ("I was fine until last spring.", "You were fine until last spring."),
    ("I'd rather sort it out myself.", "You'd rather sort it out yourself."),
    ("I'll manage on my own, the choice is mine.",
     "You'll manage on your own, the choice is yours."),
    ("We tried everything our GP suggested.", "You tried everything your GP suggested."),
    ("Dr Hale never listens to me.", "Dr Hale never listens to you."),
])
def test_mirror_handles_contractions_be_verbs_and_possessives(line: str, expected: str) -> None:
    assert mirror(line) == expected


def test_mirror_turns_the_patients_you_into_the_clinicians_i() -> None:
    assert mirror("I was fine until you said that.") == "You were fine until I said that."


def test_mirror_skips_fillers_and_picks_the_meaningful_clause() -> None:
    mirrored = mirror("Yeah. Well, I don't know. I just can't sleep and the pain wears me out.")
    assert mirrored == "You just can't sleep and the pain wears you out."


def test_mirror_prefers_a_statement_about_the_patient_over_a_greeting_or_a_question() -> None:
    mirrored = mirror("Afternoon. Why am I even here? Honestly, I'm exhausted all the time.")
    assert mirrored == "You're exhausted all the time."


def test_a_suspicious_question_is_mirrored_as_a_worry_about_what_the_clinician_thinks() -> None:
    assert mirror("Are you saying it's all in my head?") == (
        "You're worried I think it's all in your head.")


@pytest.mark.parametrize("line", ["", "   ", "Hm.", "Yeah.", "...", "?", "Whatever.",
                                  "*looks at the floor*", "Are we done?"])
def test_mirror_of_empty_filler_or_odd_input_is_empty_not_an_error(line: str) -> None:
    assert mirror(line) == ""


def test_mirror_caps_the_length_of_a_long_line() -> None:
    line = "I " + " ".join(f"worry about thing{n}," for n in range(40)) + " all day"
    mirrored = mirror(line)
    assert mirrored.startswith("You worry about thing0")
    assert len(mirrored.split()) <= 20
    assert mirrored.endswith(".")


def test_mirror_strips_markup_from_the_patients_line() -> None:
    mirrored = mirror("<b>I hate</b> feeling like this.")
    assert "<" not in mirrored and mirrored == "You hate feeling like this."


# -- alternatives ------------------------------------------------------------------------------


def test_the_alternative_to_a_confrontation_reflects_the_patients_own_words() -> None:
    confront = fact(code="confront", clinician="You're overreacting, your heart is fine.",
                    after=state(0.2, 0.45, 0.08), talk="sustain")
    alternative, kind, explanation = alternative_for(confront)
    assert kind == "reflection_and_autonomy"
    assert "scared it's your heart" in alternative
    assert "nobody believes you" in alternative
    assert "your call" in alternative  # the choice goes back to the patient
    assert explanation == EXPLANATIONS[kind] and "autonomy" in explanation


def test_the_alternative_to_labelling_the_problem_hands_the_choice_back() -> None:
    label = fact(code="confront", move="label", clinician="It's just anxiety.",
                 patient_before="My chest gets tight and I can't breathe at work.")
    alternative, kind, _ = alternative_for(label)
    assert kind == "reflection_and_autonomy"
    assert "your chest gets tight and you can't breathe at work" in alternative
    assert "up to you" in alternative
    assert "anxiety" not in alternative.lower()


def test_the_alternative_to_persuasion_asks_permission_before_any_advice() -> None:
    persuade = fact(code="persuade", clinician="You should really see a therapist.",
                    patient_before="I just want the pain in my back to stop.")
    alternative, kind, _ = alternative_for(persuade)
    assert kind == "reflection_then_permission"
    assert alternative.startswith("You just want the pain in your back to stop.")
    assert "Would it be okay if I shared" in alternative


def test_a_run_of_closed_questions_is_answered_with_a_reflection_and_an_open_question() -> None:
    closed = fact(code="question_closed", clinician="Do you sleep?",
                  patient_before="I lie awake most nights.")
    alternative, kind, _ = alternative_for(closed, closed_run=3)
    assert kind == "reflection_and_open_question"
    first, second = re.split(r"(?<=\.)\s+", alternative, maxsplit=1)
    assert first == "You lie awake most nights."
    assert second.startswith(("What", "How")) and second.endswith("?")


def test_early_evoking_is_answered_with_a_reflection_alone() -> None:
    evoking = fact(code="question_open", clinician="Why would you want to change?",
                   rule="evoking before there is enough rapport",
                   patient_before="I'm tired of people telling me what to do.")
    alternative, kind, _ = alternative_for(evoking)
    assert kind == "reflection"
    assert alternative.startswith("You're tired of people telling you what to do")
    assert "?" not in alternative


@pytest.mark.parametrize("patient_before", [
    "", "?", "Hm.", "<script>alert('x')</script>", "...", "Are we done?", "🙂", "No. No. No.",
    "I " * 300, "What?! I mean... you know... whatever",
])
@pytest.mark.parametrize("code", ["confront", "persuade", "question_closed", "giving_information"])
def test_the_alternative_is_never_empty_and_ends_with_punctuation(patient_before: str,
                                                                  code: str) -> None:
    alternative, kind, explanation = alternative_for(
        fact(code=code, patient_before=patient_before), closed_run=2)
    assert alternative.strip() and alternative[-1] in ".?!"
    assert "<script" not in alternative
    assert kind in EXPLANATIONS and explanation


# -- harm and the worst moments ----------------------------------------------------------------


def test_harm_adds_discord_rise_rapport_fall_readiness_fall_and_sustain_talk() -> None:
    turn = fact(code="giving_information", before=state(0.40, 0.20, 0.30),
                after=state(0.30, 0.35, 0.25), talk="sustain")
    assert harm_of(turn) == pytest.approx(0.15 + 0.10 + 2 * 0.05 + 0.15)


def test_harm_weighs_labelling_above_confronting_above_persuading() -> None:
    flat = {"before": START, "after": START}
    label = harm_of(fact(code="confront", move="label", **flat))
    confront = harm_of(fact(code="confront", **flat))
    persuade = harm_of(fact(code="persuade", **flat))
    assert label > confront > persuade > 0
    assert harm_of(fact(code="reflection_complex", **flat)) == 0


def test_harm_grows_with_the_run_of_closed_questions_and_with_a_walkout() -> None:
    closed = fact(code="question_closed")
    assert harm_of(closed, 1) == 0
    assert harm_of(closed, 2) < harm_of(closed, 3) < harm_of(closed, 4) == harm_of(closed, 9)
    assert harm_of(fact(ended=True)) > 0


def test_what_happened_says_how_the_numbers_moved_and_what_the_patient_said() -> None:
    turn = fact(code="confront", before=state(0.30, 0.21, 0.10),
                after=state(0.30, 0.43, 0.10), talk="sustain")
    assert what_happened(turn) == (
        "Discord rose from 0.21 to 0.43; the patient answered with sustain talk.")


def test_the_three_moments_that_hurt_most_are_ranked_by_harm() -> None:
    turns = chain(
        ("reflection_complex", "neutral", state(0.35, 0.15, 0.12)),
        ("persuade", "sustain", state(0.30, 0.25, 0.11)),               # harm 0.52
        ("confront", "sustain", state(0.15, 0.50, 0.08)),               # harm 0.86
        ("affirm", "change", state(0.25, 0.40, 0.12)),
        ("question_closed", "neutral", state(0.25, 0.41, 0.12)),
        ("question_closed", "sustain", state(0.20, 0.48, 0.11)),        # harm 0.39
        ("giving_information", "neutral", state(0.20, 0.47, 0.11)),     # harm 0
    )
    report = build_feedback(turns)
    assert [m.turn for m in report.worst] == [3, 2, 6]
    harms = [m.harm for m in report.worst]
    assert harms == pytest.approx([0.86, 0.52, 0.39])
    assert harms == sorted(harms, reverse=True) and all(h > 0 for h in harms)
    worst = report.worst[0]
    assert worst.clinician == turns[2].clinician and worst.code == "confront"
    assert worst.why == "coded confront"
    assert worst.patient_before == turns[1].patient
    assert worst.alternative_kind == "reflection_and_autonomy"
    assert "you could think about it" in worst.alternative


def test_turns_that_did_no_harm_are_not_listed_as_worst_moments() -> None:
    turns = chain(("reflection_complex", "change", state(0.4, 0.1, 0.2)),
                  ("affirm", "neutral", state(0.5, 0.05, 0.25)))
    assert build_feedback(turns).worst == ()


# -- client talk, trajectory, summary ----------------------------------------------------------


def test_change_talk_moving_from_darn_to_cat_is_reported_with_its_first_turn() -> None:
    turns = chain(("reflection_complex", "change", state(0.4, 0.1, 0.2)),
                  ("question_open", "sustain", state(0.4, 0.1, 0.2)),
                  ("reflection_complex", "change", state(0.5, 0.1, 0.3)),
                  ("seek_collaboration", "change", state(0.6, 0.1, 0.4)),
                  subtypes={1: "desire", 2: "need", 3: "reasons", 4: "commitment"})
    talk = build_feedback(turns).talk
    assert (talk.change, talk.sustain, talk.neutral) == (3, 1, 0)
    assert talk.darn == ("desire", "reasons")  # the sustain-talk "need" is not change talk
    assert talk.cat == ("commitment",)
    assert talk.first_change_turn == 1 and talk.first_cat_turn == 4
    assert "mobilising" in talk.sentence and "turn 4" in talk.sentence


def test_change_talk_without_commitment_stays_preparatory() -> None:
    talk = build_feedback(chain(("reflection_complex", "change", state(0.4, 0.1, 0.2)),
                                subtypes={1: "ability"})).talk
    assert talk.first_cat_turn is None and talk.darn == ("ability",)
    assert "preparatory" in talk.sentence


def test_the_trajectory_starts_at_turn_zero_with_the_start_state() -> None:
    turns = chain(("reflection_complex", "neutral", state(0.35, 0.15, 0.12)),
                  ("confront", "sustain", state(0.2, 0.4, 0.1)))
    points = build_feedback(turns).trajectory
    assert [p.turn for p in points] == [0, 1, 2]
    assert (points[0].rapport, points[0].discord, points[0].readiness) == (0.30, 0.20, 0.10)
    assert (points[2].rapport, points[2].discord, points[2].readiness) == (0.2, 0.4, 0.1)
    assert points[2].clinician == turns[1].clinician


def test_the_summary_reuses_miti_summarize_and_describe() -> None:
    turns = chain(("reflection_simple", "neutral", START), ("question_open", "change", START),
                  ("reflection_complex", "sustain", START))
    report = build_feedback(turns)
    expected = summarize(["reflection_simple", "question_open", "reflection_complex"],
                         ["neutral", "change", "sustain"])
    assert report.summary == expected
    assert list(report.sentences) == describe(expected)


def test_unknown_codes_and_talk_labels_do_not_break_the_report() -> None:
    report = build_feedback([fact(code="made_up", talk="shouting")])
    assert report.summary.counts["other"] == 1 and report.talk.neutral == 1


def test_an_empty_conversation_gives_a_report_without_errors() -> None:
    report = build_feedback([])
    assert report.turns == 0 and report.worst == () and report.trajectory == ()
    assert report.to_dict()["message"]
    assert build_feedback([], start=START).trajectory[0].turn == 0


def test_feedback_to_dict_is_json_ready() -> None:
    turns = chain(("confront", "sustain", state(0.2, 0.4, 0.08)),
                  ("reflection_complex", "change", state(0.3, 0.3, 0.1)), subtypes={2: "need"})
    data = json.loads(json.dumps(build_feedback(turns).to_dict()))
    assert set(data) >= {"summary", "summary_sentences", "talk", "trajectory", "worst_moments",
                         "message", "turns", "walked_out"}
    assert data["trajectory"][0] == {"turn": 0, "rapport": 0.3, "discord": 0.2, "readiness": 0.1}
    moment = data["worst_moments"][0]
    assert set(moment) >= {"turn", "clinician", "code", "why", "what_happened", "alternative",
                           "explanation", "harm"}
    assert data["talk"]["darn"] == ["need"]


# -- the overall message -----------------------------------------------------------------------


def sentences_in(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text))


def test_overall_message_asks_a_confronting_trainee_to_reflect_and_ask_permission() -> None:
    report = build_feedback(chain(("confront", "sustain", state(0.2, 0.4, 0.08)),
                                  ("persuade", "sustain", state(0.15, 0.5, 0.07)),
                                  ("reflection_complex", "neutral", state(0.2, 0.45, 0.07))))
    assert weakest_area(report) == "non_adherent"
    message = overall_message(report)
    assert message.endswith(NEXT_TIME["non_adherent"])
    assert 2 <= sentences_in(message) <= 3


def test_overall_message_asks_a_question_heavy_trainee_for_more_reflections() -> None:
    report = build_feedback(chain(("question_open", "neutral", START),
                                  ("question_open", "neutral", START),
                                  ("reflection_complex", "change", state(0.35, 0.2, 0.12))))
    assert weakest_area(report) == "r_to_q"
    assert overall_message(report).endswith(NEXT_TIME["r_to_q"])


def test_overall_message_praises_movement_toward_commitment() -> None:
    report = build_feedback(chain(("reflection_complex", "change", state(0.4, 0.1, 0.2)),
                                  ("reflection_complex", "change", state(0.5, 0.1, 0.3)),
                                  subtypes={1: "desire", 2: "commitment"}))
    message = overall_message(report)
    assert message.startswith("Well done") and "Readiness rose from 0.10 to 0.30" in message
    assert 2 <= sentences_in(message) <= 3


# -- from stored records and from the real engine ----------------------------------------------


def test_facts_from_records_chain_patient_lines_and_states() -> None:
    records: list[dict[str, Any]] = [
        {"turn": 2, "clinician": "Do you sleep?", "code": "question_closed", "why": "closed",
         "patient": "Not much.", "talk": "neutral", "state": state(0.28, 0.25, 0.1),
         "ended": False},
        {"turn": 1, "clinician": "It's anxiety.", "code": "confront", "patient": "It is not.",
         "talk": "sustain", "state": state(0.2, 0.3, 0.1), "ended": False,
         "trace": {"why": "label", "move": "label", "rule": "labelled",
                   "changes": [{"variable": "rapport", "before": 0.3, "after": 0.2},
                               {"variable": "discord", "before": 0.15, "after": 0.3},
                               {"variable": "importance", "before": 0.25, "after": 0.25},
                               {"variable": "confidence", "before": 0.4, "after": 0.4},
                               {"variable": "discord", "before": 0.3, "after": 0.31}]}},
    ]
    first, second = facts_from_records(records, opening="I'm only here for my wife.")
    assert (first.turn, second.turn) == (1, 2)
    assert first.patient_before == "I'm only here for my wife."
    assert second.patient_before == "It is not."
    assert first.move == "label" and first.why == "label"
    assert first.state_before == pytest.approx({"rapport": 0.3, "discord": 0.15,
                                                "importance": 0.25, "confidence": 0.4,
                                                "readiness": 0.1})
    assert second.state_before == state(0.2, 0.3, 0.1)


def test_feedback_from_a_real_persona_conversation() -> None:
    from mi_sim.engine.turn import open_session, take_turn
    from mi_sim.scenarios.loader import load_catalog
    from mi_sim.transcript import turn_record

    catalog = load_catalog()
    if not catalog:
        pytest.skip("no personas in the catalog")
    persona = catalog["somatic-symptoms"] if "somatic-symptoms" in catalog \
        else catalog[sorted(catalog)[0]]
    state_, opening = open_session(persona, seed=3)
    start = state_.public(persona.parameters_for(state_.level))
    lines = ["It's all in your head, you know.", "You should see a therapist about it.",
             "Do you sleep?", "Do you work?", "Are you tired?",
             "It sounds like you're worn out and fed up with not being taken seriously.",
             "You've kept going through all of this, which takes real strength."]
    records = []
    for line in lines:
        result = take_turn(persona, state_, line)
        state_ = result.state
        record = turn_record(persona, result, trace=True)
        record["subtype"] = None if result.subtype is None else result.subtype.value
        records.append(record)
        if state_.ended:
            break
    report: Feedback = build_feedback(facts_from_records(records, opening=opening), start=start)
    assert report.turns == len(records)
    assert report.trajectory[0].turn == 0 and report.trajectory[0].rapport == start["rapport"]
    assert [p.turn for p in report.trajectory] == list(range(len(records) + 1))
    assert 1 <= len(report.worst) <= 3
    assert report.summary.non_adherent >= 1
    for moment in report.worst:
        assert moment.alternative and moment.alternative[-1] in ".?!"
        assert moment.what_happened.endswith(".")
    first_turn_moments = [m for m in report.worst if m.turn == 1]
    if first_turn_moments:  # the answer to the opening line mirrors the opening line
        assert first_turn_moments[0].patient_before == opening
    json.dumps(report.to_dict())


def test_the_feedback_and_chart_modules_import_no_storage_web_or_io_frameworks() -> None:
    import ast
    from pathlib import Path

    scoring = Path(__file__).resolve().parents[1] / "mi_sim" / "scoring"
    forbidden = ("fastapi", "starlette", "sqlalchemy", "jinja2", "mi_sim.storage", "mi_sim.web",
                 "mi_sim.services", "mi_sim.cli", "mi_sim.config", "os", "pathlib", "io")
    for name in ("feedback.py", "charts.py"):
        tree = ast.parse((scoring / name).read_text(encoding="utf-8"))
        imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
        imported += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        assert not [m for m in imported
                    if any(m == f or m.startswith(f + ".") for f in forbidden)], name


def test_a_confront_the_coder_was_unsure_of_is_flagged_for_the_supervisor_not_a_moment() -> None:
    hurt = {"rapport": 0.20, "discord": 0.45, "readiness": 0.05}
    records = [
        {"turn": 1, "clinician": "not your heart though", "code": "confront", "patient": "Mm.",
         "state": hurt, "trace": {"confidence": 0.55}},
        {"turn": 2, "clinician": "You need to stop googling.", "code": "persuade",
         "patient": "Right.", "state": {**hurt, "discord": 0.5}, "trace": {"confidence": 1.0}},
        {"turn": 3, "clinician": "The weather's been odd.", "code": "other", "patient": "Yes.",
         "state": {**hurt, "discord": 0.5}, "trace": {"confidence": 0.4}},
    ]
    report = build_feedback(facts_from_records(records, start_state=START))
    assert [m.turn for m in report.worst] == [2]
    assert report.unsure == (1, 3)
    assert report.to_dict()["unsure_turns"] == [1, 3]


def test_turns_stored_before_the_coder_gave_a_confidence_count_as_sure() -> None:
    records = [{"turn": 1, "clinician": "It's just anxiety.", "code": "confront",
                "patient": "Right.", "state": {"rapport": 0.2, "discord": 0.5, "readiness": 0.1},
                "trace": {"move": "label"}}]
    report = build_feedback(facts_from_records(records, start_state=START))
    assert [m.turn for m in report.worst] == [1]
    assert report.unsure == ()


ALTERNATIVE_CODES = {
    "reflection": {"reflection_simple", "reflection_complex"},
    "reflection_and_open_question": {"question_open"},
    "reflection_and_autonomy": {"reflection_simple", "reflection_complex", "emphasize_autonomy"},
    "reflection_then_permission": {"seek_collaboration", "emphasize_autonomy",
                                   "persuade_with_permission", "reflection_simple",
                                   "reflection_complex"},
    "reflection_and_question": {"seek_collaboration", "question_open"},
}
PATIENT_LINES = [json.loads(line)["text"] for line in (
    Path(__file__).parent / "data" / "client_utterances.jsonl").read_text().splitlines()
    if line.strip()]


@pytest.mark.parametrize(("code", "move", "run"), [
    ("confront", "label", 0), ("confront", None, 0), ("persuade", None, 0),
    ("question_closed", None, 3), ("question_open", None, 0),
])
def test_every_try_instead_is_coded_by_the_coder_as_the_mi_consistent_act_it_claims(
        code: str, move: str | None, run: int) -> None:
    wrong = []
    for patient in PATIENT_LINES:
        turn = fact(code=code, move=move, patient_before=patient)
        line, kind, _ = alternative_for(turn, run)
        coded = code_utterance(line, (ContextLine("patient", patient),)).code.value
        if coded not in ALTERNATIVE_CODES[kind]:
            wrong.append((coded, line))
    assert wrong == []


def test_a_try_instead_never_says_the_patients_question_back_or_gives_their_must_as_an_order(
        ) -> None:
    asked = alternative_for(fact(code="persuade", patient_before="does fruit have a lot of "
                                 "sugar in it"))[0]
    assert "does fruit" not in asked.lower()
    obliged = alternative_for(fact(code="persuade", patient_before="I have to stop before the "
                                   "baby comes, I just have to"))[0]
    assert obliged.startswith("You feel you have to stop")


def test_what_went_well_lists_the_mi_consistent_turns_the_patient_moved_most_on() -> None:
    turns = chain(
        ("reflection_complex", "change", state(0.40, 0.12, 0.16)),   # helped most
        ("persuade", "neutral", state(0.50, 0.05, 0.30)),             # moved them, but pushy
        ("question_open", "neutral", state(0.52, 0.05, 0.31)),        # a little
        ("question_closed", "neutral", state(0.60, 0.02, 0.40)),      # not MI-consistent
    )
    report = build_feedback(turns)
    assert [h.turn for h in report.went_well] == [1, 3]
    assert report.went_well[0].why_it_worked.startswith("A complex reflection")
    assert "change talk" in report.went_well[0].what_happened
    assert report.to_dict()["went_well"][0]["turn"] == 1


def test_a_double_sided_reflection_that_helped_is_explained_as_one() -> None:
    turn = fact(code="reflection_complex", move="double_sided", talk="change",
                after={"rapport": 0.4, "discord": 0.1, "readiness": 0.2})
    [highlight] = build_feedback([turn]).went_well
    assert highlight.why_it_worked.startswith("A double-sided reflection")
