"""The utterance coder: one test per hard case, per code, per flag and per volley rule."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.coding import (
    DOUBLE_SIDED,
    EVOKING,
    LABEL,
    PERMISSION,
    SCALING,
    SUMMARY,
    Coding,
    ContextLine,
)
from mi_sim.engine.vocabulary import Code

DATA = Path(__file__).parent / "data" / "clinician_utterances.jsonl"
# Measured on the dev split after the play-testing cues were added: accuracy 0.92, main 4-class
# F1 0.96 (first version: 0.90 / 0.94). The floors sit a little below, so a real regression fails.
DEV_ACCURACY_FLOOR = 0.89
DEV_MAIN_F1_FLOOR = 0.93


def code(text: str, patient: str = "") -> Coding:
    context = (ContextLine("patient", patient),) if patient else ()
    return code_utterance(text, context)


# --------------------------------------------------------------------------- questions


def test_a_wh_question_is_open() -> None:
    assert code("What brings you in today?").code is Code.QUESTION_OPEN


def test_a_yes_no_question_is_closed() -> None:
    assert code("Do you drink every day?").code is Code.QUESTION_CLOSED


def test_an_inverted_auxiliary_without_a_question_mark_is_still_a_question() -> None:
    assert code("are you still taking the tablets").code is Code.QUESTION_CLOSED
    assert code("have you tried the patches before").code is Code.QUESTION_CLOSED


def test_a_wh_start_without_a_question_mark_is_an_open_question() -> None:
    assert code("yeah so um what do you think you'll do").code is Code.QUESTION_OPEN


def test_can_you_tell_me_about_is_open_though_it_starts_like_yes_no() -> None:
    assert code("Can you tell me about your drinking?").code is Code.QUESTION_OPEN
    assert code("Could you say more about that").code is Code.QUESTION_OPEN


def test_can_you_tell_me_whether_asks_for_yes_or_no() -> None:
    assert code("Can you tell me whether you drank yesterday?").code is Code.QUESTION_CLOSED


def test_tell_me_and_describe_imperatives_are_open_questions() -> None:
    assert code("Tell me about a typical day.").code is Code.QUESTION_OPEN
    assert code("Describe what happens when the panic starts.").code is Code.QUESTION_OPEN


def test_an_either_or_question_is_closed() -> None:
    coding = code("Would you prefer the patch or the gum?")
    assert coding.code is Code.QUESTION_CLOSED
    assert coding.rule.endswith("either_or")


def test_how_many_asks_for_a_number_so_it_is_closed() -> None:
    assert code("How many drinks do you have in a week?").code is Code.QUESTION_CLOSED


def test_a_scaling_question_is_open_and_flagged() -> None:
    coding = code("On a scale from 0 to 10, how important is it for you to cut down?")
    assert coding.code is Code.QUESTION_OPEN
    assert {SCALING, EVOKING} <= coding.flags


def test_an_evoking_question_is_flagged() -> None:
    coding = code("What worries you about how things are now?")
    assert coding.code is Code.QUESTION_OPEN
    assert EVOKING in coding.flags


def test_a_question_about_looking_forward_is_evoking() -> None:
    assert EVOKING in code("What would be different if you quit?").flags


# --------------------------------------------------------------------------- reflections


def test_a_rising_restatement_is_a_reflection_not_a_question() -> None:
    coding = code("So you're worried?", "I'm worried about my heart.")
    assert coding.code is Code.REFLECTION_SIMPLE
    assert "not a question" in coding.why


def test_the_same_restatement_is_complex_when_it_names_a_feeling_the_patient_did_not_say() -> None:
    assert code("So you're worried?", "I keep checking my pulse at night.").code is (
        Code.REFLECTION_COMPLEX
    )
    assert code("So you're worried?", "I'm worried about my heart.").code is (
        Code.REFLECTION_SIMPLE
    )


def test_saying_back_the_patients_words_is_a_simple_reflection() -> None:
    coding = code("You've had three tests this month.", "I've had three tests this month.")
    assert coding.code is Code.REFLECTION_SIMPLE


def test_naming_an_unspoken_feeling_is_a_complex_reflection() -> None:
    coding = code("You're feeling let down and pretty frustrated.", "Nobody listens to me.")
    assert coding.code is Code.REFLECTION_COMPLEX
    assert "feeling" in coding.why


def test_fillers_before_the_real_act_do_not_hide_the_reflection() -> None:
    coding = code("Okay. So, it sounds like the pain keeps you up at night.",
                  "The pain keeps me up at night.")
    assert coding.code in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)
    assert coding.segments[0].code is Code.FACILITATE


def test_a_double_sided_reflection_is_complex_and_flagged() -> None:
    coding = code("Part of you wants to stop drinking, and part of you really enjoys it.")
    assert coding.code is Code.REFLECTION_COMPLEX
    assert DOUBLE_SIDED in coding.flags


def test_on_the_one_hand_on_the_other_is_double_sided() -> None:
    coding = code("On the one hand you like how it calms you, on the other you hate the cost.")
    assert DOUBLE_SIDED in coding.flags


def test_a_summary_is_complex_and_flagged() -> None:
    coding = code("Let me see if I can summarize. You drink mostly at weekends, your wife is "
                  "worried, and you're not sure it's a problem.")
    assert coding.code is Code.REFLECTION_COMPLEX
    assert SUMMARY in coding.flags


def test_a_pseudo_cleft_what_youre_saying_is_a_reflection_not_a_question() -> None:
    coding = code("what you're saying is you want to cut down", "i want to cut down")
    assert coding.code in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)


def test_a_statement_about_the_patient_without_a_frame_is_a_reflection() -> None:
    coding = code("The drinking helps you switch off after work.",
                  "A few beers help me switch off after work.")
    assert coding.code in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)


def test_a_reflection_of_the_patients_own_need_is_not_advice() -> None:
    assert code("You feel you need to cut down.", "I need to cut down.").code in (
        Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX
    )


# --------------------------------------------------------------------------- advice & co


def test_you_should_without_permission_is_persuade() -> None:
    assert code("You should stop smoking.").code is Code.PERSUADE
    assert code("You need to cut down.").code is Code.PERSUADE
    assert code("I'd recommend cutting down to two drinks a day.").code is Code.PERSUADE
    assert code("The best thing would be to quit completely.").code is Code.PERSUADE


def test_a_question_hiding_advice_is_persuade() -> None:
    assert code("Why don't you just try the gym?").code is Code.PERSUADE


def test_have_you_thought_about_doing_something_is_advice_but_about_what_is_a_question() -> None:
    # MI-CODING.md and issue 11: a leading question that carries a step is the righting reflex
    assert code("Have you thought about cutting down?").code is Code.PERSUADE
    assert code("have u considered just trying it for a few weeks").code is Code.PERSUADE
    assert code("Have you thought about what you might want?").code in (
        Code.QUESTION_OPEN, Code.QUESTION_CLOSED)


def test_a_rhetorical_negative_question_is_confront() -> None:
    assert code("Don't you want to get better?").code is Code.CONFRONT


def test_have_you_tried_then_it_usually_helps_is_advice_not_a_question() -> None:
    assert code("have you tried breathing exercises? they usually help").code is Code.PERSUADE
    assert code("Have you tried yoga? A lot of my patients find it helps.").code is Code.PERSUADE
    assert code("Have you tried anything that helps?").code is Code.QUESTION_CLOSED
    # the patient's own report of what helps is said back, not argued for
    assert code("have you tried the breathing? you said it helps a bit").code is not (
        Code.PERSUADE)


def test_why_are_you_so_against_it_disagrees_but_why_so_worried_asks() -> None:
    assert code("Why are you so against tablets?").code is Code.CONFRONT
    assert code("why are you so worried about it?").code is Code.QUESTION_OPEN


def test_could_you_not_just_steers_but_could_you_not_sleep_asks() -> None:
    assert code("Could you not just ring her once?").code is Code.PERSUADE
    assert code("could you not sleep?").code is Code.QUESTION_CLOSED


def test_telling_the_patient_there_is_nothing_wrong_or_they_do_not_need_it_corrects() -> None:
    assert code("There's nothing wrong with your heart.").code is Code.CONFRONT
    assert code("you don't need another scan").code is Code.CONFRONT
    assert code("you don't need to apologise").code is not Code.CONFRONT


def test_a_summary_that_ends_did_i_miss_anything_is_a_reflection_not_a_closed_question() -> None:
    coding = code("so you've had the attacks for a year, you walk everywhere and you're missing "
                  "placement. did I miss anything?")
    assert coding.code is Code.REFLECTION_COMPLEX
    assert code("did you miss anything at work?").code is Code.QUESTION_CLOSED


def test_asking_permission_then_advising_is_persuade_with_permission() -> None:
    coding = code("Would it be okay if I shared an idea? You could try a short walk after dinner.")
    assert coding.code is Code.PERSUADE_WITH_PERMISSION
    assert PERMISSION in coding.flags


def test_asking_permission_alone_is_seeking_collaboration() -> None:
    coding = code("May I share some information about panic attacks?")
    assert coding.code is Code.SEEK_COLLABORATION
    assert PERMISSION in coding.flags


def test_advice_after_the_patient_agreed_to_hear_it_is_persuade_with_permission() -> None:
    context = (ContextLine("clinician", "Can I tell you what some people do?"),
               ContextLine("patient", "Yeah, go on."))
    assert code_utterance("You could try a nicotine patch.", context).code is (
        Code.PERSUADE_WITH_PERMISSION
    )
    assert code("You could try a nicotine patch.").code is Code.PERSUADE


def test_advice_framed_so_the_patient_can_decline_is_persuade_with_permission() -> None:
    assert code("If you're interested, some people find a diary helps.").code is (
        Code.PERSUADE_WITH_PERMISSION
    )
    assert code("It's up to you, but one option is nicotine gum.").code is (
        Code.PERSUADE_WITH_PERMISSION
    )


def test_a_neutral_fact_is_giving_information() -> None:
    assert code("Panic attacks peak within about ten minutes.").code is Code.GIVING_INFORMATION
    assert code("Your test results were normal.").code is Code.GIVING_INFORMATION


def test_answering_the_patients_factual_question_is_information() -> None:
    coding = code("It's an ultrasound and it takes about twenty minutes.",
                  "What's the scan going to involve?")
    assert coding.code is Code.GIVING_INFORMATION


# --------------------------------------------------------------------------- confront & label


def test_its_just_anxiety_is_confront_with_the_label_flag() -> None:
    coding = code("It's just anxiety.")
    assert coding.code is Code.CONFRONT
    assert LABEL in coding.flags


@pytest.mark.parametrize("text", [
    "It's all in your head.",
    "This is psychological.",
    "You're just stressed.",
    "Honestly, it's psychosomatic.",
])
def test_labelling_the_problem_as_psychological_is_confront(text: str) -> None:
    coding = code(text)
    assert coding.code is Code.CONFRONT
    assert LABEL in coding.flags


def test_echoing_the_patients_own_label_is_not_labelling() -> None:
    coding = code("You think it's just stress.", "Honestly I think it's just stress.")
    assert LABEL not in coding.flags


def test_arguing_with_the_patient_is_confront() -> None:
    assert code("You're in denial.").code is Code.CONFRONT
    assert code("Well, your weight says otherwise.").code is Code.CONFRONT


def test_confront_overrides_a_question_in_the_same_volley() -> None:
    coding = code("Come on, you've been to A&E four times. How many more times?")
    assert coding.code is Code.CONFRONT
    assert coding.rule == "volley_confront_overrides"


# --------------------------------------------------------------------------- MI-adherent


def test_putting_the_choice_with_the_patient_is_emphasizing_autonomy() -> None:
    for text in ("It's your choice.", "You're the expert on your life.",
                 "Only you can decide that."):
        assert code(text).code is Code.EMPHASIZE_AUTONOMY, text


def test_you_dont_have_to_is_autonomy_not_advice() -> None:
    assert code("You don't have to do anything today.").code is Code.EMPHASIZE_AUTONOMY


@pytest.mark.parametrize("text", [
    "You've worked hard to get here.",
    "That took courage.",
    "You clearly care a lot about your kids.",
    "That's real commitment.",
])
def test_appreciating_effort_or_strength_is_an_affirmation(text: str) -> None:
    assert code(text).code is Code.AFFIRM


def test_a_question_that_mainly_shares_power_is_seeking_collaboration() -> None:
    assert code("What do you think we should focus on?").code is Code.SEEK_COLLABORATION
    assert code("How does that fit for you?").code is Code.SEEK_COLLABORATION


def test_working_it_out_together_is_seeking_collaboration() -> None:
    assert code("Let's figure this out together.").code is Code.SEEK_COLLABORATION


# --------------------------------------------------------------------------- facilitate/other


@pytest.mark.parametrize("text", ["Mm-hmm.", "Okay.", "mm hm", "Right, right.", "Oh gosh."])
def test_fillers_alone_are_facilitate(text: str) -> None:
    assert code(text).code is Code.FACILITATE


def test_a_greeting_is_other() -> None:
    assert code("Hi, nice to meet you.").code is Code.OTHER


def test_structuring_the_session_is_other() -> None:
    assert code("Let's get started.").code is Code.OTHER


# --------------------------------------------------------------------------- volley rules


def test_a_volley_that_ends_with_a_question_after_a_reflection_is_the_question() -> None:
    coding = code("So you're drinking about six beers a night. What do you make of that?",
                  "I drink like six beers a night.")
    assert coding.code is Code.QUESTION_OPEN
    assert coding.segments[0].code in (Code.REFLECTION_SIMPLE,
                                                    Code.REFLECTION_COMPLEX)


def test_a_check_after_a_reflection_keeps_the_reflection_as_the_main_act() -> None:
    coding = code("You're feeling frustrated. Is that right?", "Nobody listens.")
    assert coding.code is Code.REFLECTION_COMPLEX
    assert coding.segments[-1].code is Code.QUESTION_CLOSED


def test_one_reflection_per_volley_and_complex_wins() -> None:
    coding = code("You've cut down. You're proud of that and want to keep going.",
                  "I've cut down to two a day.")
    assert coding.code is Code.REFLECTION_COMPLEX


def test_every_segment_has_a_code_a_why_and_a_rule() -> None:
    coding = code("Okay. So, you've tried before. What got in the way?")
    assert len(coding.segments) >= 3
    for seg in coding.segments:
        assert seg.why and seg.rule and isinstance(seg.code, Code)
    assert coding.why and coding.rule


def test_a_run_on_transcribed_turn_is_split_before_its_question() -> None:
    coding = code("yeah that sounds really hard so what do you think you'll do next")
    assert coding.code is Code.QUESTION_OPEN
    assert any(s.code in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)
               for s in coding.segments)


# --------------------------------------------------------------------------- robustness


@pytest.mark.parametrize("text", [
    "", "   ", "😀😀😀", "你好，你今天怎么样？", "مرحبا كيف حالك", "<b></b>", "?!?!", "...",
    "\x00\x01\x02", "a" * 2000, "why " * 600,
])
def test_odd_input_never_raises_and_gets_a_sensible_code(text: str) -> None:
    coding = code_utterance(text, (ContextLine("patient", text),))
    assert isinstance(coding.code, Code)
    if not any(c.isascii() and c.isalpha() for c in text):
        assert coding.code is Code.OTHER


def test_html_tags_are_ignored() -> None:
    assert code("<p>Do you <b>drink</b> every day?</p>").code is Code.QUESTION_CLOSED


def test_a_broken_context_does_not_break_the_coder() -> None:
    odd = (ContextLine("patient", ""), ContextLine("clinician", ""))
    assert code_utterance("What happened next?", odd).code is Code.QUESTION_OPEN


def test_coding_a_typical_line_is_fast() -> None:
    lines = ["Okay. So it sounds like the pain keeps you up at night. What do you do then?",
             "You should stop smoking.", "Mm-hmm.", "On a scale of 0 to 10, how ready are you?"]
    ctx = (ContextLine("patient", "The pain keeps me up at night."),)
    for line in lines:  # warm the caches
        code_utterance(line, ctx)
    start = time.perf_counter()
    rounds = 50
    for _ in range(rounds):
        for line in lines:
            code_utterance(line, ctx)
    per_line = (time.perf_counter() - start) / (rounds * len(lines))
    assert per_line < 0.005  # generous: a slow CI machine; bench/coder.py reports the median


# --------------------------------------------------------------------------- labelled data


def _labelled(split: str) -> list[dict[str, object]]:
    rows = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row.get("split", "dev") == split:
                rows.append(row)
    return rows


_MAIN = {"question_open": "q", "question_closed": "q", "reflection_simple": "r",
         "reflection_complex": "r", "giving_information": "i", "persuade": "i",
         "persuade_with_permission": "i", "confront": "i"}


@pytest.mark.skipif(not DATA.exists(), reason=f"{DATA.name} has not been written yet")
def test_the_coder_keeps_its_accuracy_on_the_labelled_dev_split() -> None:
    rows = _labelled("dev")
    if not rows:
        pytest.skip("no dev rows in the labelled set")
    gold, pred = [], []
    for row in rows:
        context = tuple(ContextLine(c["speaker"], c["text"]) for c in row.get("context") or [])
        gold.append(str(row["code"]))
        pred.append(code_utterance(str(row["text"]), context).code.value)
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    assert accuracy >= DEV_ACCURACY_FLOOR
    g4 = [_MAIN.get(g, "o") for g in gold]
    p4 = [_MAIN.get(p, "o") for p in pred]
    f1s = []
    for lab in "qrio":
        tp = sum(a == lab and b == lab for a, b in zip(g4, p4, strict=True))
        fp = sum(a != lab and b == lab for a, b in zip(g4, p4, strict=True))
        fn = sum(a == lab and b != lab for a, b in zip(g4, p4, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    assert sum(f1s) / 4 >= DEV_MAIN_F1_FLOOR


# --------------------------------------------------------------------------- play-testing cues
# Lines persona authors typed while playing the product, and variants written for these tests
# (transcript-style too: lower case, no punctuation, "um", "you know"). Each test names the
# general cue; the sentences are examples of it, not rules.


def _coded(text: str, patient: str = "") -> Coding:
    return code(text, patient)


@pytest.mark.parametrize(("text", "patient"), [
    ("You've kept going to work through all of this, which takes real strength.",
     "I've been dragging myself in every day."),
    ("You've kept working through all of this, which takes real determination.", ""),
    ("That says a lot about you.",
     "I still went to my daughter's recital even though I felt awful."),
    ("Coming in today when you were dreading it, that took something.", "I almost cancelled."),
    ("You've shown real courage in talking about this today.", ""),
    ("you've stuck with the walking through all of this, which honestly takes real grit",
     "I've been walking every morning even with the knee."),
    ("um that took something, telling your wife", "I finally told my wife about the drinking."),
    ("You've managed to cut down even with everything going on at work.",
     "I'm down to five a day."),
    ("you know you've really thought this through", "I've made a list of the pros and cons."),
    ("You came back even though last time was hard.",
     "I wasn't sure I'd come back after last time."),
    ("Thank you for being so open with me.", "I've been honest with you about the binges."),
])
def test_appreciating_strength_or_effort_is_an_affirmation_even_with_a_which_clause(
    text: str, patient: str
) -> None:
    assert _coded(text, patient).code is Code.AFFIRM


@pytest.mark.parametrize("text", [
    "It's entirely up to you what we look at…",
    "It's completely your decision…",
    "Whatever happens next is completely your call",
    "Okay. It's your choice what, if anything, you try",
    "honestly it's your call what happens next",
    "It's completely up to you whether we talk about the drinking today.",
    "You're the one who gets to decide what changes, if anything.",
])
def test_putting_the_decision_with_the_patient_is_autonomy(text: str) -> None:
    assert _coded(text).code is Code.EMPHASIZE_AUTONOMY


@pytest.mark.parametrize(("text", "patient"), [
    ("Your colonoscopy last year was normal, which is very reassuring.", ""),
    ("When we press on a gland often, it can get sore…", "Why is my neck so tender?"),
    ("Your ECG was completely normal, which is good news.", "What did the heart tracing show?"),
    ("The scan showed a small cyst, which is very common at your age.", "What did they find?"),
    ("when the tablets first kick in, they can make you a bit sick for a week or so",
     "Will it make me feel sick?"),
    ("The clinic will send you a letter with the appointment.", ""),
])
def test_a_statement_of_fact_with_a_relative_or_leading_clause_is_information(
    text: str, patient: str
) -> None:
    assert _coded(text, patient).code is Code.GIVING_INFORMATION


def test_a_which_clause_after_a_comma_does_not_make_a_reflection_a_question() -> None:
    coding = _coded("So when a doctor says it's nothing, it carries the weight of what happened "
                    "to your father.", "My dad was told it was nothing and then he died.")
    assert coding.code is Code.REFLECTION_COMPLEX


@pytest.mark.parametrize("text", [
    "What, if anything, would you be willing to try…?",
    "When it's at its worst, what goes through your mind?",
    "Where does driving fit into all this?",
    "When you're in a meeting, what happens?",
    "What, if anything, has helped so far?",
    "When the cravings hit, what do you usually do?",
    "if you think back to last summer, what was different then?",
    "um so when you're at work and it starts, what goes through your head",
    "How, if at all, would your life be different if you stopped?",
])
def test_a_wh_question_after_a_leading_clause_or_an_aside_is_open(text: str) -> None:
    assert _coded(text).code is Code.QUESTION_OPEN


@pytest.mark.parametrize("text", ["When did the pain start?", "Where do you buy your cigarettes?"])
def test_wh_questions_asking_for_a_time_or_place_stay_closed(text: str) -> None:
    assert _coded(text).code is Code.QUESTION_CLOSED


@pytest.mark.parametrize("text", [
    "You're going to have to accept some uncertainty.",
    "I don't think another scan is a good idea. More tests won't reassure you.",
    "You'd benefit from seeing the pain psychologist",
    "It's not going to get better unless you change something",
    "Why won't you just try it?",
    "I'm going to book you in for a CBT assessment.",
    "Antidepressants can really help",
    "OK, I'll refer you to the psychology team.",
    "You're going to need to cut down before the operation.",
    "Honestly, another referral won't give you the answer you want.",
    "You'd really benefit from a few sessions with the dietitian.",
    "It won't get any better unless you stop drinking.",
    "Why won't you just give the patches a go?",
    "I'll book you in with the physio for next week.",
    "i'll put you on a lower dose and see how you go",
    "Therapy can really help with this.",
    "I think you need to start thinking about your liver.",
])
def test_the_righting_reflex_is_persuade(text: str) -> None:
    coding = _coded(text, "I just want to know what's wrong with me.")
    assert coding.code is Code.PERSUADE, coding.why


@pytest.mark.parametrize("text", [
    "Worrying doesn't actually keep anyone safe, you know.",
    "You're overthinking it. Nobody is looking at you as much as you think.",
    "Your aunt's situation has nothing to do with you",
    "You're overthinking this, honestly.",
    "Nobody is watching you at the gym.",
    "surely you can see the drinking is the problem",
    "It's not that bad, people give up smoking every day.",
    "Well that's worked out really well for you, hasn't it.",
    "I don't think that's true, you've said yourself it's every night.",
    "Checking your pulse doesn't actually make you any safer.",
    "you worry too much you know",
    "okay well, I mean, you can't expect to lose weight if you're doing that, can you",
])
def test_quiet_disagreement_sarcasm_and_dismissing_are_confront(text: str) -> None:
    coding = _coded(text, "I check my pulse every night, it's the only way I can sleep.")
    assert coding.code is Code.CONFRONT, coding.why


@pytest.mark.parametrize("text", [
    "I think you're catastrophising",
    "You know, a lot of this could be health anxiety.",
    "You seem like quite an anxious person.",
    "Have you considered that you might be depressed?",
    "Your tests were normal, so this is panic disorder",
    "You need to accept that your pain is psychological",
    "I think a lot of this could be anxiety.",
    "Your symptoms are probably stress-related.",
    "You come across as a bit of a worrier.",
    "Could it be that you're depressed?",
    "it sounds like health anxiety to me",
    "The tiredness is most likely down to depression.",
    "You've probably got health anxiety.",
])
def test_naming_a_psychological_diagnosis_uninvited_is_confront_with_the_label_flag(
    text: str,
) -> None:
    coding = _coded(text, "The pain in my chest comes and goes and nobody can tell me why.")
    assert coding.code is Code.CONFRONT, coding.why
    assert LABEL in coding.flags


@pytest.mark.parametrize("text", [
    "I think stress is a big part of this",
    "Your thinking is playing a big part in the pain.",
    "I reckon stress is behind a lot of this.",
])
def test_an_uninvited_psychological_explanation_is_persuade_with_the_label_flag(
    text: str,
) -> None:
    coding = _coded(text, "I'm exhausted all the time and the doctors can't find anything.")
    assert coding.code is Code.PERSUADE
    assert LABEL in coding.flags


def test_the_patients_own_label_said_back_is_not_labelling() -> None:
    coding = _coded("You're worried it might be health anxiety.",
                    "My sister says it's health anxiety, maybe she's right.")
    assert LABEL not in coding.flags
    assert coding.code in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)


@pytest.mark.parametrize(("text", "patient"), [
    ("Meetings are the hardest part.", "I can manage most days but the meetings are the worst."),
    ("Playing bass used to be easy.",
     "I used to play bass in a band, it came so easily back then."),
    ("It's been a long couple of years.", "These last two years have just been one thing after "
     "another."),
    ("So the headaches are the main thing.",
     "It's mostly the headaches, the rest I can live with."),
    ("Weekends are the hard bit.", "During the week I'm fine, it's the weekends that get me."),
    ("Three nights a week now.", "I'm drinking maybe three nights a week now."),
    ("it's been a rough few months", "Honestly the last few months have been awful."),
])
def test_a_short_statement_echoing_the_patients_last_line_is_a_reflection(
    text: str, patient: str
) -> None:
    assert _coded(text, patient).code in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)


@pytest.mark.parametrize("text", [
    "I've been a nurse here for about ten years.",
    "Let me just check my notes.",
])
def test_a_statement_about_the_clinician_is_not_a_reflection(text: str) -> None:
    assert _coded(text, "I don't know where to start.").code not in (
        Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX
    )


@pytest.mark.parametrize(("text", "patient"), [
    ("That sixteen hours stays with you, and it makes letting go feel dangerous.",
     "I was in labour for sixteen hours and nobody told me anything."),
    ("You sound like you're starting to feel a bit more in charge of this",
     "I actually walked to the shop on my own yesterday."),
    ("The drinking has become the one thing that switches your brain off, and giving it up "
     "feels like losing that.", "It's the only time I stop thinking about work."),
    ("You're starting to wonder whether the cigarettes are really helping with the stress.",
     "I used to think smoking calmed me down but now I'm not sure."),
])
def test_a_reflection_that_adds_feeling_or_meaning_is_complex(text: str, patient: str) -> None:
    assert _coded(text, patient).code is Code.REFLECTION_COMPLEX


def test_if_you_chose_to_leaves_the_choice_open_and_is_not_a_confront() -> None:
    coding = _coded("What might be a small first step you could take, if you chose to take one?")
    assert coding.code is Code.QUESTION_OPEN
    assert EVOKING in coding.flags


@pytest.mark.parametrize("text", [
    "What worries you most about what treatment might involve?",
    "What concerns you about starting the tablets?",
])
def test_asking_about_fears_of_the_change_itself_is_not_evoking(text: str) -> None:
    coding = _coded(text)
    assert coding.code is Code.QUESTION_OPEN
    assert EVOKING not in coding.flags


@pytest.mark.parametrize("text", [
    "What would be a first step, if you decided to go ahead?",
    "Why might it be important to you to cut down?",
    "What worries you about how things are now?",
])
def test_asking_for_reasons_steps_or_concerns_about_the_status_quo_is_evoking(text: str) -> None:
    assert EVOKING in _coded(text).flags


@pytest.mark.parametrize("text", [
    "What would you like to focus on today?",
    "Which of these would you like to start with?",
    "What do you think would work best for you?",
    "How would you like to go about this?",
    "Is there anything else you'd like us to cover today?",
    "We could look at some options together, if you like.",
])
def test_agenda_setting_and_asking_for_the_patients_ideas_is_seeking_collaboration(
    text: str,
) -> None:
    assert _coded(text).code is Code.SEEK_COLLABORATION


@pytest.mark.parametrize("text", [
    "Feel free to ignore this, but some people find a sleep diary helps.",
    "This is just an idea, but you could try the nicotine gum.",
    "What do you think about trying the patch for a week?",
    "You'd know best, but cutting out the late coffee might help the sleep.",
])
def test_advice_the_patient_can_easily_decline_is_persuade_with_permission(text: str) -> None:
    assert _coded(text).code is Code.PERSUADE_WITH_PERMISSION


@pytest.mark.parametrize(("text", "expected"), [
    ("I'm sorry to hear about your dad.", Code.OTHER),
    ("Good morning, how are you?", Code.OTHER),
    ("OK, so where were we?", Code.OTHER),
    ("I'll get you the leaflet before you go.", Code.OTHER),
    ("You handled that really well.", Code.AFFIRM),
    ("You've been through a lot, and you're still here trying.", Code.AFFIRM),
    ("that's huge, going a whole week without a cigarette", Code.AFFIRM),
    ("Where would you like to go from here?", Code.SEEK_COLLABORATION),
    ("So what would you like to do with that information?", Code.SEEK_COLLABORATION),
    ("Well, the numbers don't lie.", Code.CONFRONT),
    ("I'm not sure you're being completely honest with me.", Code.CONFRONT),
    ("If you really cared about your kids you'd stop.", Code.CONFRONT),
    ("The patches come in different strengths.", Code.GIVING_INFORMATION),
])
def test_more_everyday_lines_from_mi_sessions(text: str, expected: Code) -> None:
    assert _coded(text, "My dad passed away last month.").code is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("You drink too much.", Code.CONFRONT),
    ("That's way too much.", Code.CONFRONT),
    ("Your kids deserve better.", Code.CONFRONT),
    ("You say you want to quit but you're not doing anything about it.", Code.CONFRONT),
    ("That's not going to work.", Code.CONFRONT),
    ("That's not a good enough reason.", Code.CONFRONT),
    ("Smoking is killing you.", Code.PERSUADE),
    ("You're killing yourself.", Code.PERSUADE),
])
def test_judging_shaming_and_warning_are_mi_non_adherent(text: str, expected: Code) -> None:
    assert _coded(text, "I have a few drinks most nights, it helps me unwind.").code is expected


def test_saying_back_the_patients_own_judgement_is_still_a_reflection() -> None:
    coding = _coded("You think you drink too much.", "Honestly I think I drink too much.")
    assert coding.code in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)


@pytest.mark.parametrize(("text", "expected"), [
    ("If you have any questions, just ask.", Code.OTHER),
    ("I'll let you get going then.", Code.OTHER),
    ("You can call me any time.", Code.OTHER),
    ("Your appointment is on Tuesday at ten.", Code.GIVING_INFORMATION),
    ("Your next review is in three months.", Code.GIVING_INFORMATION),
])
def test_running_the_session_is_not_a_reflection(text: str, expected: Code) -> None:
    assert _coded(text, "Okay, thanks for today.").code is expected


def test_a_first_person_statement_is_a_reflection_only_with_an_i_frame() -> None:
    assert _coded("I get the sense you're pretty fed up with all of this.",
                  "Nothing I do seems to make a difference.").code is Code.REFLECTION_COMPLEX
    coding = _coded("I'll see what I can find out for you.", "Nobody tells me anything.")
    assert coding.code not in (Code.REFLECTION_SIMPLE, Code.REFLECTION_COMPLEX)


@pytest.mark.parametrize("text", [
    "And how many times have you been to A&E?",
    "How many times a day do you check?",
    "How many times was it again, at A&E?",
])
def test_counting_how_many_times_is_a_question_not_confront(text: str) -> None:
    assert code_utterance(text).code is Code.QUESTION_CLOSED


@pytest.mark.parametrize("text", [
    "How many times do I have to tell you, it is anxiety.",
    "How many times are you going to say that?",
])
def test_how_many_times_must_i_tell_you_is_confront(text: str) -> None:
    assert code_utterance(text).code is Code.CONFRONT


@pytest.mark.parametrize("text", [
    "What happens when the attacks come on?",
    "Can you tell me a bit about the headaches, like when do they come on in the day?",
])
def test_come_on_as_a_verb_is_not_confront(text: str) -> None:
    assert code_utterance(text).code is not Code.CONFRONT


@pytest.mark.parametrize("text", ["Oh come on. It is anxiety.", "Come on now, be honest."])
def test_come_on_as_an_interjection_is_confront(text: str) -> None:
    assert code_utterance(text).code is Code.CONFRONT


def test_saying_back_who_the_patient_is_after_their_rhetorical_question_is_a_reflection() -> None:
    coding = code_utterance(
        "That sounds really hard, having to ask. You've always been the one who does for "
        "everyone else.",
        (ContextLine("patient", "Some mornings I have to ask Phil to do my bra up. Do you know "
                                "what that does to you?"),))
    assert coding.code is Code.REFLECTION_COMPLEX


@pytest.mark.parametrize(("line", "patient", "code"), [
    ("its not your thyroid, its what's going in", "It's my thyroid, it's always been slow.",
     Code.CONFRONT),
    ("ur not an introvert ur avoiding people", "im just an introvert, always have been",
     Code.CONFRONT),
    ("3 days out of 30 isnt really cutting down", "i cut down last month, did 3 dry days",
     Code.CONFRONT),
    ("No, I don't think they would, actually. Most people don't lie awake at four.",
     "Anyone who cared about their family would do the same.", Code.CONFRONT),
    ("wouldnt it be easier to just go, its only one afternoon",
     "i dont see the point of the diabetes course", Code.PERSUADE),
    ("turn it on next time, even for 5 mins", "i keep my camera off on team calls",
     Code.PERSUADE),
    ("beta blockers are a sticking plaster, therapy is what u actually need",
     "i read that beta blockers can help", Code.PERSUADE),
    ("I'm sure it's nothing, honestly. Could be a lot worse.", "I keep thinking it's my heart.",
     Code.CONFRONT),
    ("Other people manage to get the bus every day.", "I can't get on a bus any more.",
     Code.CONFRONT),
    ("Trust me, the tablets are fine.", "I don't want to get hooked on anything.",
     Code.CONFRONT),
    ("Cut down now, otherwise you'll end up on insulin.", "I like my sugar.", Code.PERSUADE),
    ("My advice would be to stop googling your symptoms altogether.", "I google everything.",
     Code.PERSUADE),
])
def test_the_righting_reflex_is_caught_by_its_shape(line: str, patient: str, code: Code) -> None:
    assert code_utterance(line, (ContextLine("patient", patient),)).code is code


@pytest.mark.parametrize(("line", "patient"), [
    ("No, it isn't considered addictive. It blocks some of the effects of adrenaline.",
     "Is propranolol addictive?"),
    ("You're not sure it's a problem.", "I drink at weekends, I'm not sure it's a problem."),
    ("go ahead and explain", "Can I explain instead of just saying yes or no?"),
    ("It's not laziness at all, it sounds like you're exhausted.", "I'm just lazy, I suppose."),
    ("take as long as u need, theres no rush and no pressure from me",
     "ill think about the worry diary"),
    ("being told its panic feels like being told ur overreacting, when what ur going through "
     "feels anything but silly", "i dont like the word panic, it makes it sound like im being "
     "silly"),
    ("If it gets bad in the night, ring the out-of-hours number.", "What if it gets worse?"),
    ("You said it yourself: you know it matters to you.", "I do know it matters."),
    ("Well, you asked, so: I'd pick something you enjoy, and aim for ten minutes a day.",
     "What would you do?"),
    ("You don't sound sure.", "I suppose I could try."),
])
def test_look_alikes_of_the_righting_reflex_are_not_coded_as_it(line: str, patient: str) -> None:
    code = code_utterance(line, (ContextLine("patient", patient),)).code
    assert code not in (Code.CONFRONT, Code.PERSUADE)


@pytest.mark.parametrize("line", [
    "It sounds a bit like health anxiety maybe?",
    "could it be health anxiety?",
])
def test_proposing_a_psychological_label_as_a_question_is_confront(line: str) -> None:
    assert code(line).code is Code.CONFRONT


@pytest.mark.parametrize("line", [
    "Any red flags - weight loss, night sweats, fevers?",
    "Any weight loss, night sweats, blood in your stool?",
])
def test_a_list_of_red_flags_asked_as_a_fragment_is_a_closed_question(line: str) -> None:
    assert code(line).code is Code.QUESTION_CLOSED


def test_a_code_decided_by_elimination_is_marked_unsure_and_a_fixed_phrase_is_sure() -> None:
    guessed = code_utterance("The weather has been strange this week.")
    assert guessed.code is Code.OTHER and guessed.unsure
    asked = code_utterance("What brings you in today?")
    assert asked.confidence == 1.0 and not asked.unsure


def test_a_push_beside_a_reflection_is_less_sure_than_the_same_push_alone() -> None:
    patient = (ContextLine("patient", "I check my neck every single morning."),)
    alone = code_utterance("Stop checking.", patient)
    mixed = code_utterance("It sounds like you're scared. Stop checking.", patient)
    assert alone.code is mixed.code is Code.CONFRONT
    assert mixed.confidence < alone.confidence


@pytest.mark.parametrize("line", [
    "if 0 is not bothered and 10 is very important — where would you put getting rid of it?",
    "so out of ten, how ready are you to give it a go",
])
def test_a_ruler_is_an_open_question_even_when_its_ends_sound_like_a_judgement(line: str) -> None:
    coding = code_utterance(line, (ContextLine("patient", "I don't know."),))
    assert coding.code is Code.QUESTION_OPEN
    assert SCALING in coding.flags


def test_must_inside_a_when_clause_describes_the_patients_situation_and_tells_them_nothing(
        ) -> None:
    checked = code_utterance("You mean when you must speak in the meeting, it is worse?")
    assert checked.code not in (Code.PERSUADE, Code.CONFRONT)
    assert code_utterance("You must stop checking.").code is Code.PERSUADE


@pytest.mark.parametrize("line", [
    "Sorry, that came out wrong. I don't think you're weak at all.",
    "You do, and I'm not going to tell you it's in your head. How are you sleeping?",
    "That's a heavy thing to carry from your nan, that it'd mean you're weak.",
    "You watched that happen to your dad, and now you're the one making sure nobody misses "
    "anything.",
])
def test_a_judgement_the_clinician_disowns_or_reports_is_not_a_confront(line: str) -> None:
    coding = code_utterance(line, (ContextLine("patient", "My nan said it was just nerves."),))
    assert coding.code not in (Code.CONFRONT, Code.PERSUADE)


def test_the_same_judgement_said_outright_is_still_a_confront() -> None:
    assert code_utterance("You're weak, that's the problem.").code is Code.CONFRONT
    assert code_utterance("It's all in your head.").code is Code.CONFRONT


def test_reflecting_the_fear_of_being_told_it_is_in_their_head_is_not_a_label() -> None:
    coding = code_utterance(
        "It sounds like you've been carrying a lot, and you're braced for being told it's all in "
        "your head.", (ContextLine("patient", "Are you going to tell me it's all in my head?"),))
    assert coding.code not in (Code.CONFRONT, Code.PERSUADE)


@pytest.mark.parametrize("line", [
    "No phone signal, and by Wednesday they'd gone. Would it be alright if I shared a little "
    "about how thinking ahead and the body can be linked?",
    "Oh, no, I'm sorry, that came out wrong, I'm not saying you're doing anything wrong at all.",
    "No, agreed, I'm not going to ask you to schedule it, that's gone.",
    "No wonder being prepared matters so much to you.",
])
def test_a_turn_opening_with_no_that_does_not_contradict_is_no_confront(line: str) -> None:
    patient = (ContextLine("patient", "We had a week in a cottage with no phone signal."),)
    assert code_utterance(line, patient).code is not Code.CONFRONT


@pytest.mark.parametrize("line", ["No, it isn't your heart, it's anxiety.",
                                  "No it is not addictive at all, you are overthinking it."])
def test_a_turn_opening_with_no_that_contradicts_is_still_a_confront(line: str) -> None:
    assert code_utterance(line, (ContextLine("patient", "It's my heart."),)).code is Code.CONFRONT


def test_how_the_body_works_told_to_explain_is_information_not_a_reflection() -> None:
    coding = code_utterance("When your brain senses danger, it releases adrenaline.")
    assert coding.code is Code.GIVING_INFORMATION


@pytest.mark.parametrize("line", ["sounds like nerves tbh", "u know the scan wont find anything"])
def test_a_label_or_a_dismissal_typed_in_a_hurry_is_a_confront(line: str) -> None:
    coding = code_utterance(line, (ContextLine("patient", "A long run on Saturday morning."),))
    assert coding.code is Code.CONFRONT


def test_what_a_letter_makes_it_sound_like_is_said_on_the_patients_side_not_a_label() -> None:
    coding = code("No, I'm not going to tell you that. Four years of real pain, and then a letter "
                  "that makes it sound like you're imagining it, that would put anyone's back up. "
                  "What would make coming today worth it for you?",
                  patient="So go on, are you going to tell me it's all in my head as well?")
    assert coding.code is Code.QUESTION_OPEN


def test_no_not_your_weight_i_meant_the_car_repairs_the_question_and_does_not_contradict() -> None:
    coding = code("No, not checking your weight, I was more curious about the car. What's it "
                  "like out there compared with the staff room?")
    assert coding.code is Code.QUESTION_OPEN


@pytest.mark.parametrize(("line", "patient"), [
    ("Yeah, everyone's got a grandad who smoked till ninety. Doesn't mean anything, I'm afraid.",
     "My grandad smoked till he was ninety."),
    ("Do you really think another scan is going to find something the other three didn't?",
     "I just want the CT."),
    ("Right, well, lots of people have it a lot worse than broken sleep. At least you can still "
     "work.", "I haven't slept through in four years."),
    ("u dont sound fine, u sound lonely", "im fine on my own"),
    ("that doesnt make it ok", "everyone at work drinks like that"),
    ("u can tho, ur just choosing not to", "i cant go on buses anymore"),
])
def test_arguing_scolding_and_comparing_are_confront(line: str, patient: str) -> None:
    assert code(line, patient).code is Code.CONFRONT


@pytest.mark.parametrize(("line", "patient"), [
    ("It is, honestly. It's a no-brainer - two puffs a day and you stay out of A&E.",
     "Is the inhaler really worth it?"),
    ("Why wait, though? The sooner you start, the sooner those numbers come down.",
     "I'll think about the tablets."),
    ("they usually settle in a few weeks, stick with it", "the side effects are awful"),
    ("no screens an hour before bed, read a book instead", "i cant get to sleep"),
    ("i wouldnt, more tests just feed the worry", "should i ask for another scan"),
])
def test_arguing_for_the_change_without_permission_is_persuade(line: str, patient: str) -> None:
    assert code(line, patient).code is Code.PERSUADE


@pytest.mark.parametrize("line", [
    "Before I suggest anything, what ideas do you have yourself for giving that list less hold?",
    "If there were one small thing you could do this week, just for you and Sue, what would it be?",
])
def test_asking_for_their_own_ideas_is_not_advice_even_with_suggest_or_could_do_in_it(
        line: str) -> None:
    assert code_utterance(line).code not in (Code.PERSUADE, Code.PERSUADE_WITH_PERMISSION)


@pytest.mark.parametrize("line", ["One thing you could do is keep a diary.",
                                  "Imagine what you could do with four thousand a year."])
def test_a_thing_you_could_do_said_as_a_claim_is_still_advice(line: str) -> None:
    assert code_utterance(line).code is Code.PERSUADE


@pytest.mark.parametrize("line", [
    "Sorry. You're right, I'm telling you what to think. You've had a lot of people deciding "
    "things about you already.",
    "So when I said at the start there was nothing to worry about, that's exactly what they told "
    "your dad. No wonder that didn't help.",
])
def test_the_clinician_owning_or_quoting_their_own_push_is_not_a_confrontation(line: str) -> None:
    assert code_utterance(line).code is not Code.CONFRONT


def test_advice_after_an_apology_is_still_advice() -> None:
    assert code_utterance("Sorry, but you need to stop checking.").code is Code.PERSUADE


@pytest.mark.parametrize(("patient", "line"), [
    ("It's my stomach that's the problem, not me.",
     "Look, I hate to say it, but it's the situations, not your stomach."),
    ("The inhaler doesn't do anything for me.", "That's because you're not using it right."),
    ("I tried the patches. They don't work.", "Well, they do work, if you use them properly."),
])
def test_correcting_the_patients_account_or_blaming_how_they_use_it_is_a_confrontation(
        patient: str, line: str) -> None:
    assert code_utterance(line, (ContextLine("patient", patient),)).code is Code.CONFRONT


def test_a_reflection_that_sets_the_worry_beside_the_nerves_is_not_a_correction() -> None:
    assert code_utterance(
        "It sounds like it's the worry that gets to you, not the nerves themselves.",
        (ContextLine("patient", "I don't think it's my nerves."),)).code is not Code.CONFRONT


def test_saying_pain_like_theirs_is_often_stress_labels_it() -> None:
    assert code_utterance("Pain like yours is often stress.").code is Code.CONFRONT
    assert code_utterance("Pain like yours is often worse in winter.").code is not Code.CONFRONT


@pytest.mark.parametrize("line", [
    "And right now, is your chest still tight, or has it eased off?",
    "What about right now, is the pain any easier than it was an hour ago?",
    "what about your mum, does she live near you?",
    "After the walk, did the pain ease?",
])
def test_a_yes_no_question_after_a_leading_phrase_is_a_closed_question(line: str) -> None:
    assert code(line).code is Code.QUESTION_CLOSED


@pytest.mark.parametrize(("line", "expected"), [
    ("Sure. I was wondering more how you felt when she pointed out the meeting-day thing.",
     Code.QUESTION_OPEN),
    ("I'm curious whether you've tried anything.", Code.QUESTION_CLOSED),
])
def test_i_was_wondering_or_curious_is_a_question_however_it_is_punctuated(
        line: str, expected: Code) -> None:
    assert code(line).code is expected


@pytest.mark.parametrize(("line", "patient", "expected"), [
    ("Are you, though? Or does it just feel that way at the time?", "I'm more creative when I'm "
     "high.", Code.CONFRONT),
    ("I don't really buy that, to be honest. Most bad sleep is habits.", "It's genetic.",
     Code.CONFRONT),
    ("that's pretty much what dependence looks like", "I just like it at night.", Code.CONFRONT),
    ("if u keep drinking like this ur looking at cirrhosis in 10 yrs", "my gp mentioned my liver",
     Code.PERSUADE),
    ("maybe its time to find some new mates then", "my mates all smoke", Code.PERSUADE),
])
def test_doubting_disputing_warning_and_unasked_advice_are_the_righting_reflex(
        line: str, patient: str, expected: Code) -> None:
    assert code(line, patient).code is expected


@pytest.mark.parametrize(("line", "patient"), [
    ("You're not sure it's worth it, though you'd like to sleep better.", "I'd like to sleep."),
    ("If you keep the diary, what would you hope to notice?", "I might try the diary."),
])
def test_the_same_words_in_a_reflection_or_an_open_question_are_not_the_righting_reflex(
        line: str, patient: str) -> None:
    assert code(line, patient).code not in (Code.CONFRONT, Code.PERSUADE)


def test_unasked_reassurance_that_they_would_be_fine_is_persuasion() -> None:
    assert code("Honestly, you'd be fine, everyone gets nervous.", "I'm dreading the speech."
                ).code is Code.PERSUADE


@pytest.mark.parametrize("line", [
    "Four years of pain, every test saying normal, and now a letter that seems to say you're "
    "imagining it. No wonder you walked in braced.",
    "So this isn't only about being believed. A word like 'stress' on your notes feels like it "
    "could cost you your income.",
])
def test_a_label_said_from_the_patients_side_in_a_reflection_is_not_a_confrontation(
        line: str) -> None:
    assert code(line).code not in (Code.CONFRONT, Code.PERSUADE)


def test_to_be_honest_at_the_end_of_a_reflection_is_not_a_confrontation() -> None:
    assert code("That sounds really hard, to be honest.").code is not Code.CONFRONT


def test_its_prob_just_anxiety_typed_fast_is_a_label() -> None:
    assert code("honestly its prob just anxiety tbh", "my heart goes to 160").code is Code.CONFRONT


def test_whos_typed_without_its_apostrophe_is_a_question() -> None:
    assert code("whos at home with you?").code is Code.QUESTION_CLOSED


@pytest.mark.parametrize(("line", "patient", "expected"), [
    ("Right. Though I'm not sure I'd call four nights a week 'now and then'.",
     "I only have a drink now and then.", Code.CONFRONT),
    ("Mm. Honestly, that's classic avoidance, that is.", "I just don't fancy the bus.",
     Code.CONFRONT),
    ("we've been over this tho, the tablets aren't addictive", "I'm scared of getting hooked.",
     Code.CONFRONT),
    ("Three empty bottles in the recycling - it doesn't quite add up, does it.",
     "I hardly drink at home.", Code.CONFRONT),
    ("I hear you. I'd start with a ten-minute walk after tea and build from there.",
     "My knees ache on the stairs.", Code.PERSUADE),
    ("Yeah, research is pretty clear that screens before bed keep you awake.",
     "I scroll till one most nights.", Code.PERSUADE),
    ("totally get it, easiest win is swapping the energy drinks for water",
     "I'm tired all the time.", Code.PERSUADE),
])
def test_the_clinicians_own_stance_or_advice_wrapped_in_warmth_is_the_righting_reflex(
        line: str, patient: str, expected: Code) -> None:
    assert code(line, patient).code is expected


@pytest.mark.parametrize(("line", "patient"), [
    ("You're not sure the walking would help, and your knees are what worry you.",
     "My knees ache on the stairs."),
    ("What do you think would make the biggest difference?", "I'm tired all the time."),
    ("You've been over this with Dr Hale more times than you can count, and it still isn't "
     "settled for you.", "I've told her a hundred times."),
])
def test_stance_words_in_a_reflection_or_a_question_are_not_the_righting_reflex(
        line: str, patient: str) -> None:
    assert code(line, patient).code not in (Code.CONFRONT, Code.PERSUADE)


@pytest.mark.parametrize(("line", "pushes"), [
    ("you must be exhausted", False),
    ("You must have been terrified.", False),
    ("you must stop checking", True),
])
def test_you_must_be_tired_is_empathy_and_you_must_stop_is_a_push(line: str, pushes: bool) -> None:
    assert (code(line).code is Code.PERSUADE) is pushes
