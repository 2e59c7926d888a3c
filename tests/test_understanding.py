"""A schema 2 patient answers what it is asked: facts first, replies that fit the form, memory."""

from __future__ import annotations

import pytest
from personas import listening_persona, listening_persona_data, tiny_persona

from mi_sim.engine.fact_cues import kinds_asked
from mi_sim.engine.persona import Persona
from mi_sim.engine.state import State
from mi_sim.engine.turn import TurnResult, UtteranceError, open_session, take_turn

WARM = [  # empathic turns that open the label_fear gate (rapport 0.45, two good turns)
    "It sounds like these attacks have taken a lot from you.",
    "You've kept going through all of this, which takes real strength.",
    "It sounds like you're scared of what people would think.",
]


def play(lines: list[str], persona: Persona | None = None, seed: int = 1,
         level: str = "gentle") -> tuple[State, list[TurnResult]]:
    persona = persona or listening_persona()
    state, _ = open_session(persona, level, seed)
    results = []
    for line in lines:
        result = take_turn(persona, state, line)
        results.append(result)
        state = result.state
    return state, results


def last(lines: list[str], **kwargs) -> TurnResult:
    return play(lines, **kwargs)[1][-1]


def understood(result: TurnResult) -> dict:
    assert result.trace.understanding is not None
    return result.trace.understanding


def test_a_factual_question_gets_its_fact_first() -> None:
    result = last(["Who lives at home with you?"])
    assert result.reply_text.startswith("household")
    assert understood(result)["fact"]["fact"] == "household"
    assert understood(result)["answer_rule"] == "fact"


@pytest.mark.parametrize("line", ["Do you live alone?", "who's at home these days",
                                  "And at home, who else is there?"])
def test_the_same_fact_is_found_however_it_is_asked(line: str) -> None:
    assert last([line]).reply_text.startswith("household")


def test_a_guarded_patient_gives_the_curt_answer_and_an_open_one_the_fuller() -> None:
    guarded = last(["It's all in your head.", "Who lives with you?"], level="hard")
    assert guarded.state.band(listening_persona().parameters_for("hard")).value == "guarded"
    assert guarded.reply_text.startswith("household guarded")
    calm = last(["Who lives with you?"])
    assert not calm.reply_text.startswith("household guarded")


def test_a_question_about_a_named_person_gets_that_person() -> None:
    result = last(["Who's Ana?"])
    assert result.reply_text == "ana: Ana is my wife."


def test_a_fact_the_sheet_does_not_hold_is_not_known() -> None:
    result = last(["How much coffee do you drink in a day?"])
    assert result.trace.source == "dont_know"
    assert understood(result)["fact"] == {"fact": None, "kind": "caffeine",
                                           "why": understood(result)["fact"]["why"]}
    assert "caffeine" in result.state.unanswered


def test_a_private_fact_is_deflected_until_its_concern_is_disclosed() -> None:
    early = last(["What about your father?"], level="hard")
    assert early.reply_text == "father deflected: let's not."
    _, results = play([*WARM, "What about your father?"])
    disclosed = [r for r in results if r.trace.event and r.trace.event.kind == "disclose"]
    assert disclosed, "the warm turns should open the gate"
    assert results[-1].reply_text == "father: he was in hospital for his nerves."


def test_a_fact_asked_again_once_told_is_told_again_after_a_lead_in() -> None:
    state, results = play(["How long has this been going on?"] * 2)
    assert results[0].reply_text == "duration: two years."
    assert results[1].reply_text == "As I said, duration: two years."
    assert results[1].trace.repeated
    assert state.stated == ("duration",)


def test_an_answer_with_news_in_it_is_not_led_in_as_said_before() -> None:
    data = listening_persona_data()
    for fact in data["fact_sheet"]:
        if fact["name"] == "duration":
            fact["answers"] = [
                {"text": "Two years now.", "talk": "neutral", "bands": ["ambivalent"]},
                {"text": "Since the redundancy, when Ana moved out.", "talk": "neutral",
                 "bands": ["open"]}]
    persona = Persona.model_validate(data)
    _, results = play(["How long has this been going on?"] * 3, persona=persona)
    texts = [r.reply_text for r in results]
    assert texts[1] == "Since the redundancy, when Ana moved out."  # news: no "As I said"
    assert texts[2].startswith("As I said")  # said before: a recap


@pytest.mark.parametrize(("line", "bank"), [
    ("Would it be okay if I shared some information about panic?", "permission"),
    ("I could explain what happens in the body, if you'd like.", "permission"),
    ("So far you've told me about the attacks, the bus and your job, and that you're tired of "
     "it all. Did I miss anything?", "summary"),
    ("Sorry, I think I rushed you there.", "apology"),
    ("Thank you for telling me that.", "thanks"),
    ("We're nearly out of time, so let's stop there.", "closing"),
    ("Hello, I'm Sam, one of the nurses here.", "greeting"),
    ("Imagine it's a year from now and things are better. What's different?", "future"),
])
def test_a_line_gets_a_reply_of_its_form(line: str, bank: str) -> None:
    assert last([line]).reply_text.startswith(bank)


def test_an_either_or_question_is_answered_with_one_of_its_options() -> None:
    result = last(["Is it worse in the morning or at night?"])
    assert result.reply_text in ("In the morning, I'd say.", "At night, I'd say.")
    assert understood(result)["answer_rule"] == "choice"


def test_a_proposal_of_a_step_that_is_not_a_commitment_names_the_step() -> None:
    result = last(["How about trying a short walk each morning?"])
    assert result.reply_text == "A short walk? maybe."  # its head, not when or how often


def test_a_step_set_aside_is_not_proposed() -> None:
    proposed = last(["Would you be willing to keep a diary?"])
    assert proposed.trace.event is not None and proposed.trace.event.name == "diary"
    aside = last(["Let's leave the diary for now. What would help most?"])
    assert aside.trace.event is None or aside.trace.event.name != "diary"
    assert "diary" in understood(aside)["set_aside"]


def test_a_wh_question_never_gets_a_reply_shaped_like_a_yes_or_no() -> None:
    persona = listening_persona()
    for seed in range(8):
        state, _ = open_session(persona, "standard", seed)
        result = take_turn(persona, state, "What happens on a bad day?")
        assert not result.reply_text.lower().startswith(("yes", "no", "maybe", "sometimes"))


def test_a_reply_that_needs_the_clinicians_words_is_said_only_after_them() -> None:
    lines = ["It sounds like that has been awful for you."] * 6
    _, results = play(lines)
    assert all(not r.reply_text.startswith("Overreacting") for r in results)
    said = last(["It sounds like you feel people think you're overreacting."] * 1)
    assert understood(said)["answer_rule"] in ("move", "event")


def test_a_closing_that_names_the_step_needs_the_step_accepted() -> None:
    data = listening_persona().model_dump()
    data["commitments"][0]["min_readiness"] = 0.0
    persona = Persona.model_validate(data)
    bye = "We're nearly out of time, so let's stop there."
    before = [r.reply_text for r in play([bye] * 4, persona)[1]]
    assert "closing: I'll do the diary." not in before
    _, results = play(["Would you be willing to keep a diary?", bye, bye, bye, bye], persona)
    assert results[0].trace.event is not None and results[0].trace.event.kind == "accept"
    assert "closing: I'll do the diary." in [r.reply_text for r in results[1:]]


def test_the_patients_offer_to_explain_is_honoured_when_invited() -> None:
    persona = listening_persona()
    offered, results = play(["Do you ever go on the bus?"], persona)
    assert results[-1].reply_text == "The bus? Can I explain instead?"
    assert offered.pending == "topics:exposure"
    follow = take_turn(persona, offered, "Sure, go ahead.")
    assert understood(follow)["answer_rule"] == "offer_taken"
    assert "bus" in follow.reply_text
    assert follow.state.pending == ""


def test_go_on_continues_what_the_patient_was_talking_about() -> None:
    state, results = play(["What happens on the bus?"])
    assert "bus" in results[-1].reply_text
    follow = take_turn(listening_persona(), state, "Go on.")
    assert "bus" in follow.reply_text or understood(follow)["answer_rule"] == "invite"


def test_the_memory_travels_with_the_state_as_json() -> None:
    state, _ = play(["Who lives with you?", "How much coffee do you drink?"])
    again = State.from_json(state.to_json())
    assert again == state
    assert again.stated == ("household",) and "caffeine" in again.unanswered
    assert again.has_flag("stated:household") and not again.has_flag("stated:work")


def test_a_line_in_another_language_or_of_symbols_is_met_with_a_request_to_clarify() -> None:
    for line in ("¿Cómo estás hoy?", "🙂🙂🙂", "!!!???"):
        assert last([line]).reply_text.startswith("clarify"), line


def test_a_line_of_two_thousand_characters_still_gets_a_reply_and_a_longer_one_is_refused() -> None:
    long = ("It sounds like this has been really hard for you, " * 40)[:2000]
    assert last([long]).reply_text
    with pytest.raises(UtteranceError):
        last([long + "x"])


def test_a_version_1_persona_reads_no_form_and_keeps_its_old_replies() -> None:
    persona = tiny_persona()
    state, _ = open_session(persona, "standard", 1)
    result = take_turn(persona, state, "Who lives at home with you?")
    assert result.trace.understanding is None
    assert "understanding" not in result.trace.to_dict()
    assert result.state.stated == () and result.state.subject == ""


def test_the_trace_says_what_was_read_and_which_rule_answered() -> None:
    trace = last(["Who lives at home with you?"]).trace.to_dict()
    reading = trace["understanding"]
    assert reading["ask"]["form"] == "wh" and reading["ask"]["slot"] == "who"
    assert reading["fact"]["fact"] == "household"
    assert reading["answer_rule"] == "fact"
    assert "stated:household" in reading["memory"]


def test_a_name_in_the_clinicians_step_is_said_back_capitalised() -> None:
    result = last(["How about telling ana about the attacks?"])
    assert result.reply_text == "Telling Ana about the attacks? maybe."


@pytest.mark.parametrize(("line", "name"), [
    ("Does Kai know about the attacks?", "Kai"), ("What does Kevin think?", "Kevin"),
    ("Who's Dr Smith?", "Dr Smith")])
def test_someone_the_patient_does_not_know_is_asked_about_not_answered_for(
        line: str, name: str) -> None:
    result = last([line])
    assert understood(result)["answer_rule"] == "stranger"
    assert result.reply_text == f"Who's {name}?"


@pytest.mark.parametrize("line", [
    "Does Ana know about the attacks?", "What about Christmas?", "Is Sunday worse?",
    "does kai know about the attacks?"])
def test_a_known_person_a_holiday_or_a_lowercase_word_is_no_stranger(line: str) -> None:
    assert understood(last([line]))["answer_rule"] != "stranger"


def test_a_step_named_only_by_a_pronoun_is_answered_without_an_echo() -> None:
    result = last(["Would you be willing to give it a go this week?"])
    assert understood(result)["answer_rule"] == "proposal"
    assert result.reply_text == "Maybe."


def test_a_summary_that_names_a_value_is_confirmed_not_capped_with_the_value() -> None:
    result = last(["So far you've told me the attacks started two years ago, you've had every "
                   "test, and your kids and your family are what keep you going. Have I got "
                   "that right?"])
    assert understood(result)["ask"]["form"] == "summary"
    assert understood(result)["answer_rule"] == "summary"
    assert result.state.values_found == ()


def test_once_every_summary_reply_is_said_a_summary_is_confirmed_from_the_check_bank() -> None:
    summary = ("So far you've told me the attacks started two years ago, you've had every "
               "test, and the buses are the worst. Have I got that right?")
    _, results = play([summary] * 4, persona=listening_persona(concerns=[]))
    assert [understood(r)["answer_rule"] for r in results] == ["summary"] * 4
    assert len({r.reply_text for r in results}) == 4
    assert results[3].trace.source == "check"


def test_a_kind_named_twice_in_a_question_counts_once_by_its_better_cue() -> None:
    kinds = [k for k, _s in kinds_asked("talk me through a normal weekday, the walk in, all of it",
                                        None)]
    assert len(kinds) == len(set(kinds))
