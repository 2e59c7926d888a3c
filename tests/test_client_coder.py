"""The client-talk coder (change / sustain / neutral, DARN-CAT) and `code --speaker patient`.

The example lines here are written for these tests (none is copied from the labelled data set).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mi_sim.cli import app
from mi_sim.engine.client_coder import ClientCoding, code_client_talk
from mi_sim.engine.coding import ContextLine
from mi_sim.engine.vocabulary import ALL_TALK, Subtype, Talk

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "client_utterances.jsonl"
DEV_MACRO_F1_FLOOR = 0.95  # measured 0.993 on dev; a small margin for harmless rule changes
runner = CliRunner()


def code(text: str, clinician: str | None = None) -> ClientCoding:
    context = (ContextLine("clinician", clinician),) if clinician else ()
    return code_client_talk(text, context)


def talk_of(text: str, clinician: str | None = None) -> tuple[str, str | None]:
    result = code(text, clinician)
    return result.talk.value, result.subtype.value if result.subtype else None


# --- DARN-CAT, both directions -------------------------------------------------------------------

@pytest.mark.parametrize(("text", "subtype"), [
    ("I really want to stop smoking before the wedding.", "desire"),
    ("I wish I could get through a day without a drink.", "desire"),
    ("I think I could manage two alcohol-free days a week.", "ability"),
    ("I was able to go a whole month without betting last year, so I can do it.", "ability"),
    ("If I cut down I'd have a lot more money for the kids.", "reasons"),
    ("Honestly the drinking is ruining my marriage.", "reasons"),
    ("I need to get my sugars under control.", "need"),
    ("Something's got to change, I can't keep going like this.", "need"),
    ("I'll take the tablets with my breakfast from tomorrow.", "commitment"),
    ("I'm going to ring the clinic on Monday and book the intake.", "commitment"),
    ("I'm willing to give the breathing exercises a go.", "activation"),
    ("I'm ready to try cutting down.", "activation"),
    ("I threw the rest of my cigarettes away last night.", "taking_steps"),
    ("I've been walking to work every day this week.", "taking_steps"),
])
def test_change_talk_is_coded_with_its_darn_cat_subtype(text: str, subtype: str) -> None:
    assert talk_of(text) == ("change", subtype)


@pytest.mark.parametrize(("text", "subtype"), [
    ("I don't want to give up my wine.", "desire"),
    ("I like a smoke with my coffee, I'm not going to pretend I don't.", "desire"),
    ("I can't stop, I've tried everything.", "ability"),
    ("I couldn't cope without it, honestly.", "ability"),
    ("It's how I unwind after a long shift.", "reasons"),
    ("It's physical, talking isn't going to fix it.", "reasons"),
    ("I need a drink to get to sleep.", "need"),
    ("I need another scan first to rule it out.", "need"),
    ("I'm not quitting, so you can forget that.", "commitment"),
    ("I'll keep using at weekends, that's that.", "commitment"),
    ("I'm not ready to stop, not yet.", "activation"),
    ("I cancelled the physio, it was pointless.", "taking_steps"),
    ("I went back to the GP and asked for another referral.", "taking_steps"),
])
def test_sustain_talk_is_coded_with_its_darn_cat_subtype(text: str, subtype: str) -> None:
    assert talk_of(text) == ("sustain", subtype)


@pytest.mark.parametrize("text", [
    "I work nights at the hospital.",
    "About twenty a day, roll-ups mostly.",
    "Metformin, twice a day.",
    "We went to my brother's on Sunday for his birthday.",
    "What does the blood test actually measure?",
    "How long do the patches last?",
    "Yeah, that makes sense.",
    "I don't know, maybe.",
    "My husband does the cooking.",
])
def test_information_questions_and_agreement_without_direction_are_neutral(text: str) -> None:
    assert talk_of(text) == ("neutral", None)


# --- negation scope ----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "I think I'm dying.",
    "I feel like I am going crazy.",
    "I'm having a heart attack, I know it.",
    "I'm going to have a heart attack one of these days.",
    "I will pass out if I get on that bus.",
    "I am losing my mind.",
])
def test_a_patients_fear_is_not_a_commitment_to_change(text: str) -> None:
    talk, subtype = talk_of(text)
    assert subtype != "commitment" and talk != "change"


@pytest.mark.parametrize("text", [
    "I am going to try the breathing this week.",
    "I will keep the diary.",
    "I'm walking to work from Monday.",
])
def test_the_same_frames_still_carry_commitments(text: str) -> None:
    assert talk_of(text) == ("change", "commitment")


def test_cant_stop_is_sustain_ability() -> None:
    assert talk_of("I can't stop.") == ("sustain", "ability")


def test_dont_want_to_drink_is_change_desire() -> None:
    assert talk_of("I don't want to drink like that any more.") == ("change", "desire")


def test_not_sure_i_can_quit_is_sustain_ability_because_the_doubt_is_about_the_change() -> None:
    assert talk_of("I'm not sure I can quit.") == ("sustain", "ability")


def test_cant_not_check_is_sustain_because_two_negations_keep_the_checking() -> None:
    assert talk_of("I can't not check, I just can't.")[0] == "sustain"


def test_cant_keep_living_like_this_is_change_need() -> None:
    assert talk_of("I can't keep living like this.") == ("change", "need")


def test_stopping_the_healthy_thing_is_sustain() -> None:
    assert talk_of("I stopped taking the statins.")[0] == "sustain"
    assert talk_of("I stopped it because of my stomach.", "How's the metformin going?")[0] == \
        "sustain"


# --- context: the clinician's question and reflection --------------------------------------------

def test_a_short_answer_to_an_importance_question_is_change_talk() -> None:
    assert talk_of("Pretty important.", "How important is it to you to cut down?")[0] == "change"


def test_an_answer_about_the_good_side_of_drinking_is_sustain_without_naming_drinking() -> None:
    assert talk_of("It chills me out.", "What do you like about drinking?")[0] == "sustain"
    assert talk_of("The taste, and the company.", "What do you like about drinking?")[0] == \
        "sustain"


def test_an_answer_to_an_evoking_question_inherits_change() -> None:
    assert talk_of("More time with the grandkids.",
                   "What would be different if you weren't drinking?")[0] == "change"


def test_agreeing_to_a_reflection_of_sustain_talk_is_sustain() -> None:
    assert talk_of("Yeah.", "So smoking is the one thing that helps you relax.")[0] == "sustain"


def test_agreeing_to_a_reflection_of_change_talk_is_change() -> None:
    assert talk_of("Yeah, I do.", "You'd like to be fitter for your kids.")[0] == "change"


def test_saying_no_to_a_closed_change_question_is_sustain() -> None:
    assert talk_of("No, not really.", "Do you want to cut down?")[0] == "sustain"


def test_a_bare_yeah_with_no_directional_context_is_neutral() -> None:
    assert talk_of("Yeah.") == ("neutral", None)
    assert talk_of("Yeah.", "How long have you been on them?") == ("neutral", None)


def test_an_answer_to_an_information_question_stays_neutral() -> None:
    assert talk_of("About five hours.", "How much are you sleeping?") == ("neutral", None)


# --- ambivalence, hypotheticals, sarcasm ---------------------------------------------------------

def test_ambivalence_is_coded_by_the_clause_after_the_last_but() -> None:
    assert talk_of("I know I should cut down, but it's the only thing that helps me sleep.")[0] \
        == "sustain"
    assert talk_of("It's the only thing that helps me sleep, but I know I need to cut down.")[0] \
        == "change"


def test_ambivalent_lines_keep_both_segments_with_their_own_codes() -> None:
    result = code("I love a drink. But I need to stop.")
    assert [(s.text, s.talk) for s in result.segments] == [
        ("I love a drink.", Talk.SUSTAIN), ("But I need to stop.", Talk.CHANGE)]
    assert result.talk is Talk.CHANGE


def test_a_hypothetical_benefit_of_quitting_is_change_reasons() -> None:
    assert talk_of("If I quit I'd probably sleep a lot better.") == ("change", "reasons")


def test_a_hypothetical_that_ends_in_a_fear_is_sustain() -> None:
    assert talk_of("If I got on the bus I'd probably have an attack.")[0] == "sustain"


def test_sarcasm_is_coded_by_what_it_means() -> None:
    assert talk_of("Yeah right, I'll just stop, easy as that.") == ("sustain", "ability")
    assert talk_of("Oh sure, I'll just quit tomorrow.")[0] == "sustain"


# --- the product's anxiety and somatic personas ------------------------------------------------

@pytest.mark.parametrize(("text", "talk"), [
    ("Maybe stress does play a part, I don't know.", "neutral"),
    ("I'd be willing to see someone about the worry.", "change"),
    ("I went into the supermarket on my own on Tuesday.", "change"),
    ("I haven't googled my symptoms since Friday.", "change"),
    ("It's my heart, not my head.", "sustain"),
    ("Worrying keeps me safe, it means I'm prepared.", "sustain"),
    ("I just want one more scan to be sure.", "sustain"),
    ("I'd rather stay in where I feel safe.", "sustain"),
])
def test_anxiety_and_somatic_lines_follow_the_persona_targets(text: str, talk: str) -> None:
    assert talk_of(text)[0] == talk


# --- robustness ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "", "   ", "🙂🙂🙂", "<b>hello</b> <script>alert(1)</script>", "Je veux arrêter de fumer.",
    "Ich möchte weniger trinken.", "我想戒烟", "....", "I " * 1000, "x" * 2000,
    "no " * 700, "<p>I want to stop</p>",
])
def test_odd_input_never_raises_and_gives_a_valid_code(text: str) -> None:
    result = code(text, "What do you make of that?")
    assert result.talk.value in ALL_TALK
    assert isinstance(result.why, str) and result.why
    assert result.segments


@pytest.mark.parametrize("text", ["", "🙂🙂🙂", "Je veux arrêter de fumer.", "我想戒烟",
                                  "Ich möchte weniger trinken."])
def test_empty_emoji_and_other_languages_are_neutral(text: str) -> None:
    assert talk_of(text) == ("neutral", None)


def test_html_is_stripped_before_coding() -> None:
    assert talk_of("<p>I want to <b>stop</b> drinking</p>")[0] == "change"


def test_a_two_thousand_character_line_is_coded_quickly() -> None:
    text = ("we went to my sister's and it was a long day, " * 45)[:2000]
    start = time.perf_counter()
    result = code(text + " but I need to cut down.")
    assert time.perf_counter() - start < 0.05
    assert result.talk is Talk.CHANGE


def test_the_coding_is_a_frozen_value_with_a_rule_and_subtypes_from_the_vocabulary() -> None:
    result = code("I'll book it tomorrow.", "What about the referral?")
    assert result.subtype is Subtype.COMMITMENT
    assert result.rule
    with pytest.raises(AttributeError):
        result.talk = Talk.NEUTRAL  # type: ignore[misc]


def test_context_lines_from_the_patient_are_not_read_as_the_clinicians_question() -> None:
    context = (ContextLine("clinician", "What do you like about smoking?"),
               ContextLine("patient", "Loads of things."))
    assert code_client_talk("The first one in the morning.", context).talk is Talk.SUSTAIN


# --- the labelled data: a floor on dev --------------------------------------------------------

def test_the_coder_keeps_its_macro_f1_on_the_dev_split() -> None:
    if not DATA.exists():
        pytest.skip(f"{DATA} is missing")
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import client_talk  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "bench"))
    rows = [r for r in client_talk.load(DATA) if r.get("split") == "dev"]
    scores = client_talk.evaluate(rows)
    assert scores["macro_f1"] >= DEV_MACRO_F1_FLOOR
    assert scores["macro_f1"] > scores["baseline_macro_f1"] + 0.3


# --- the CLI: mi-sim code --speaker patient -----------------------------------------------------

def run(args: list[str], stdin: str) -> tuple[int, list[dict[str, object]]]:
    result = runner.invoke(app, args, input=stdin)
    lines = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    return result.exit_code, lines


def jsonl(*objects: object) -> str:
    return "".join(json.dumps(o) + "\n" for o in objects)


def test_code_speaker_patient_writes_the_talk_contract_in_order() -> None:
    stdin = jsonl(
        {"id": 1, "text": "I really want to cut down.",
         "context": [{"speaker": "clinician", "text": "Where does that leave you?"}]},
        {"id": "b", "text": "It's how I relax. But I know it has to stop."},
        {"id": None, "text": "About ten a day."},
        {"id": 4, "text": "Pretty important.",
         "context": [{"speaker": "clinician", "text": "How important is it to you?"}]},
    )
    exit_code, lines = run(["code", "--speaker", "patient"], stdin)
    assert exit_code == 0
    assert [line["id"] for line in lines] == [1, "b", None, 4]
    for line in lines:
        assert set(line) == {"id", "code", "subtype", "segments", "why"}
        assert line["code"] in ALL_TALK
        assert line["segments"] and all(set(s) == {"text", "code"} and s["code"] in ALL_TALK
                                        for s in line["segments"])  # type: ignore[union-attr]
        assert isinstance(line["why"], str) and line["why"]
    assert (lines[0]["code"], lines[0]["subtype"]) == ("change", "desire")
    assert lines[1]["code"] == "change"
    assert [s["code"] for s in lines[1]["segments"]] == ["sustain", "change"]  # type: ignore[union-attr]
    assert (lines[2]["code"], lines[2]["subtype"]) == ("neutral", None)
    assert lines[3]["code"] == "change"


def test_code_speaker_patient_reports_bad_lines_in_place_and_exits_1() -> None:
    stdin = "not json\n" + jsonl({"id": 2, "text": "  "}, {"id": 3, "text": 5},
                                 {"id": 4, "text": "I can't stop."})
    exit_code, lines = run(["code", "--speaker", "patient"], stdin)
    assert exit_code == 1
    assert [line["id"] for line in lines] == [None, 2, 3, 4]
    assert "not valid JSON" in str(lines[0]["error"])
    assert "empty" in str(lines[1]["error"])
    assert '"text" must be a string' in str(lines[2]["error"])
    assert lines[3]["code"] == "sustain"


def test_code_without_speaker_still_codes_clinician_lines_exactly_as_before() -> None:
    stdin = jsonl({"id": 1, "text": "What brings you here today?"},
                  {"id": 2, "text": "You should stop drinking."})
    default = runner.invoke(app, ["code"], input=stdin)
    explicit = runner.invoke(app, ["code", "--speaker", "clinician"], input=stdin)
    assert default.exit_code == explicit.exit_code == 0
    assert default.stdout == explicit.stdout
    lines = [json.loads(x) for x in default.stdout.splitlines()]
    assert set(lines[0]) == {"id", "code", "segments", "why"}
    assert lines[0]["code"] == "question_open"


def test_code_rejects_an_unknown_speaker() -> None:
    result = runner.invoke(app, ["code", "--speaker", "nurse"], input="")
    assert result.exit_code == 2
    assert "unknown speaker" in result.output


@pytest.mark.parametrize(("line", "ruler", "talk"), [
    ("importance? like an eight. honestly yeah an eight",
     "on a scale of one to ten how important is it to you to stop", Talk.CHANGE),
    ("like a three. four maybe", "and how confident are you that you could do it, one to ten",
     Talk.SUSTAIN),
    ("Five.", "0 to 10, how important is it?", Talk.NEUTRAL),
])
def test_a_short_answer_to_a_ruler_takes_its_direction_from_the_number(
        line: str, ruler: str, talk: Talk) -> None:
    assert code_client_talk(line, (ContextLine("clinician", ruler),)).talk is talk


def test_a_number_in_an_answer_to_a_question_that_is_no_ruler_is_no_direction() -> None:
    coded = code_client_talk("I had one at ten last night.",
                             (ContextLine("clinician", "How many did you have?"),))
    assert coded.talk is Talk.NEUTRAL
