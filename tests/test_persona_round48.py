"""What the fact misses still in the rated rounds found (read again in session 48): a question
about someone else's life, a place set before a question about the complaint, a yes/no about the
state of the job, and a disclaimed label."""

from __future__ import annotations

import pytest
from shipped_talk import said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.reading import Form, read_line
from mi_sim.engine.vocabulary import Code


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("panic-disorder", "what shift does your mum do?", "fact.parents"),
    ("health-anxiety", "Can I ask about school for a moment? How are Maya and Sam getting on at "
                       "school?", None),
    ("health-anxiety", "what does Tom do for work?", "fact.tom"),
    ("health-anxiety", "where does your mum live?", "fact.parents"),
])
def test_a_question_about_someone_elses_life_is_not_about_the_patients(
        slug: str, line: str, source: str | None) -> None:
    got, reply = said(slug, [line])[-1]
    assert got != "fact.work" and got != "fact.home", (line, reply)
    if source is not None:
        assert got == source, (line, reply)


def test_the_patients_own_work_is_still_asked_with_a_relative_named_after_you() -> None:
    assert said("panic-disorder", ["what do you do, while your mum's at work?"])[-1][0] != (
        "fact.parents")


def test_a_place_set_before_a_question_about_the_complaint_is_where_it_happens() -> None:
    source, reply = said("social-anxiety", [
        "Same as now, just minus the cramps. And at work, when do the flare-ups tend to come?"])[-1]
    assert source == "fact.triggers" and "freight" not in reply


def test_how_things_are_at_work_is_still_about_work() -> None:
    assert said("social-anxiety", ["And at work, how are things?"])[-1][0] == (
        "fact.work")


@pytest.mark.parametrize(("slug", "before", "line"), [
    ("panic-disorder", [], "Two shifts missed so far. Is the placement at risk?"),
    ("somatic-symptoms", [], "Younger boss, watching you. Is your job on the line?"),
])
def test_a_yes_no_about_the_state_of_the_job_is_not_answered_with_what_the_job_is(
        slug: str, before: list[str], line: str) -> None:
    source, reply = said(slug, [*before, line])[-1]
    assert not source.startswith("fact."), reply


def test_are_you_still_working_is_still_answered_with_the_job() -> None:
    assert said("somatic-symptoms", ["Are you still working?"])[-1][0] == "fact.work"


def test_a_label_the_clinician_says_they_are_not_about_to_give_is_not_a_confront() -> None:
    for line in ("And no, I'm not about to tell you it's in your head. I'd be daft to.",
                 "I'm not for a second saying it's all in your head."):
        assert code_utterance(line, ()).code is not Code.CONFRONT, line


@pytest.mark.parametrize("slug", ["generalised-anxiety", "health-anxiety", "panic-disorder",
                                  "social-anxiety", "somatic-symptoms"])
def test_every_patient_says_what_they_eat_and_drink_when_a_dietitian_asks(slug: str) -> None:
    lines = ["What did you have for breakfast today?", "Do you snack much in the evening?",
             "How much water do you drink?"]
    replies = said(slug, lines)
    assert [source for source, _ in replies] == ["fact.appetite"] * 3, replies
    assert len({reply for _, reply in replies}) == 3, replies


def test_a_normal_day_of_eating_is_the_eating_not_the_day() -> None:
    assert said("somatic-symptoms", ["What does a normal day of eating look like for you?"])[
        -1][0] == "fact.appetite"


def test_how_much_water_you_drink_is_not_alcohol() -> None:
    assert said("generalised-anxiety", ["How much water do you drink?"])[-1][0] != "fact.alcohol"


def test_what_do_you_do_after_a_routine_named_is_what_they_do_in_it_not_the_job() -> None:
    source, reply = said("health-anxiety", [
        "Talk me through the checking in the mornings - what do you actually do?"])[-1]
    assert source == "fact.checking" and "freight" not in reply
    assert said("health-anxiety", ["Hi Leah, I'm Sam. So tell me a bit about yourself, what do "
                                   "you do?"])[-1][0] == "fact.work"


@pytest.mark.parametrize("line", [
    "It is a long list. Would it be okay if I shared something about how worry and the body can "
    "be linked? Some people find it useful, but it's up to you.",
    "I'm not asking you to do anything yet. I just mean, um, can I explain a little of the "
    "reasoning, how worry can show up as headaches and a churning stomach? Is that okay?",
])
def test_a_permission_to_explain_with_a_frame_or_a_check_after_it_is_still_asked(line: str) -> None:
    assert read_line(code_utterance(line, ())).form is Form.PERMISSION
    assert said("generalised-anxiety", [line])[-1][0].startswith("permission")


def test_one_to_one_said_after_a_permission_is_not_the_information() -> None:
    line = ("Would it be okay if I mentioned a couple of options for what we could do in the "
            "sessions? It'd just be you and me, one to one, nothing in a group.")
    assert read_line(code_utterance(line, ())).form is Form.PERMISSION


@pytest.mark.parametrize("slug", ["generalised-anxiety", "health-anxiety", "panic-disorder",
                                  "social-anxiety", "somatic-symptoms"])
def test_every_patient_says_their_hours_and_workload(slug: str) -> None:
    replies = said(slug, ["Roughly how many hours a week are you working?",
                          "What's the workload like at the moment?"])
    assert all(source == "fact.work" for source, _ in replies), replies
    assert any(ch.isdigit() or word in replies[0][1].lower() for ch in replies[0][1]
               for word in ("five", "nine", "eight", "six", "forty", "fifty", "thirty")), replies


def test_how_often_he_has_ended_up_driving_over_to_his_mum_is_counted() -> None:
    source, reply = said("generalised-anxiety", [
        "You want her safe. How often has that happened, that you've ended up driving over?"])[-1]
    assert source == "fact.mum_no_answer" and "since Christmas" in reply


@pytest.mark.parametrize(("line", "options"), [
    ("When does the churning usually start, the night before, the morning of, or just as the "
     "meeting begins?", ("the morning of", "just as the meeting begins")),
    ("But the paracetamol - is that most days, or just the bad afternoons?",
     ("most days", "just the bad afternoons")),
    ("is that every day or just some days?", ("every day", "just some days")),
])
def test_an_option_is_said_back_whole_not_as_its_last_word_or_with_its_verb(
        line: str, options: tuple[str, str]) -> None:
    assert read_line(code_utterance(line, ())).options == options


def test_how_often_they_take_a_medicine_is_the_medicine_not_how_often_the_symptom_comes() -> None:
    for slug, line in (
            ("generalised-anxiety", "You said paracetamol with the last coffee - how often are you "
                                    "taking that for the headaches?"),
            ("somatic-symptoms", "How often do you find yourself needing the co-codamol?"),
            ("somatic-symptoms", "how many co-codamol days are you having a week?")):
        source, reply = said(slug, [line])[-1]
        assert source == "fact.medication", (line, reply)
        assert "a week" in reply or "most days" in reply, (line, reply)


def test_a_thing_named_before_a_dash_is_what_the_count_after_it_asks_about() -> None:
    source, reply = said("social-anxiety", [
        "Quieter, yeah. And coffee - how many cups do you usually have before a meeting, say, or "
        "across a workday?"])[-1]
    assert source == "fact.caffeine", reply


def test_how_the_stomach_is_at_the_weekend_is_the_stomach_not_the_weekend() -> None:
    source, reply = said("social-anxiety", [
        "Outside of work - evenings and weekends, when there's no meetings - how's the stomach "
        "then?"])[-1]
    assert source != "fact.weekend", reply


def test_has_anything_helped_with_a_or_b_asks_whether_anything_helped() -> None:
    ask = read_line(code_utterance(
        "Has anything helped before, with the meetings or the nerves, even a little?", ()))
    assert ask.form is Form.YES_NO


def test_take_last_night_asks_them_to_remember_it_and_tells_them_nothing() -> None:
    coding = code_utterance("Um, so take last night, say, after the kids were in bed, what "
                            "happened?", ())
    assert coding.code is not Code.PERSUADE


def test_a_time_the_worry_went_quiet_is_when_things_were_last_well() -> None:
    assert said("health-anxiety", [
        "I meant, has there been a time, a holiday or a busy spell, when the worry went quiet for "
        "a good while?"])[-1][0] == "fact.last_well"


def test_what_they_make_of_it_all_themselves_after_a_list_is_not_a_summary_to_confirm() -> None:
    ask = read_line(code_utterance(
        "I'm wondering, putting the headaches, the stomach and the four o'clock waking together, "
        "what do you make of it all yourself?", ()))
    assert ask.form is not Form.SUMMARY


def test_who_holds_you_up_asks_who_supports_them() -> None:
    for slug in ("somatic-symptoms", "health-anxiety", "panic-disorder"):
        assert said(slug, ["You're holding a lot of people up. Who holds you up?"])[-1][0] == (
            "fact.friends"), slug


def test_how_long_the_feeling_of_relief_lasts_is_the_relief_not_an_episode() -> None:
    source, reply = said("health-anxiety", [
        "Even the good news doesn't land. How long does it last, that feeling of relief, after a "
        "clear result?"])[-1]
    assert source == "fact.relief" and "a day" in reply


def test_an_attack_walked_through_step_by_step_stays_with_that_attack() -> None:
    replies = said("panic-disorder", [
        "When was the last attack?",
        "Let's slow that down. What was going on in the hour or so before you went to bed on "
        "Sunday?",
        "When your heart took off, what was the very first thing you noticed in your body?",
        "After the forty minutes, when the number came down on Sunday, what happened next? How "
        "was the rest of that night and the next day?"])
    assert [source for source, _ in replies] == ["fact.last_episode"] * 4, replies
    assert len({reply for _, reply in replies}) == 4


def test_how_they_felt_once_it_was_over_is_the_afterwards_of_the_episode() -> None:
    source, reply = said("social-anxiety", [
        "When was the last time it happened?",
        "Once that email had gone, how did you feel, in the short term, and then later that "
        "day?"])[-1]
    assert source == "fact.last_episode" and "afternoon" in reply


def test_tea_the_meal_is_not_tea_the_drink() -> None:
    source, reply = said("health-anxiety", [
        "So Tom does the mornings. What about the evenings - who picks them up and does tea?"])[-1]
    assert source == "fact.appetite" and "coffee" not in reply.lower()
    assert said("somatic-symptoms", ["how many cups of tea do you have?"])[-1][0] == (
        "fact.caffeine")


def test_his_job_is_the_job_of_the_man_named_not_hers() -> None:
    source, reply = said("somatic-symptoms", ["does Phil work, what's his job?"])[-1]
    assert source == "fact.person_phil" and "mechanic" in reply
    assert said("somatic-symptoms", ["When did you last get a decent night's sleep?"])[-1][0] != (
        "fact.person_phil")


def test_did_you_feel_relieved_or_did_you_feel_worse_offers_relieved_and_worse() -> None:
    ask = read_line(code_utterance("Right after you'd sent Helen the numbers, did you feel "
                                   "relieved, or did you feel worse?", ()))
    assert ask.options == ("relieved", "worse")


def test_coming_back_next_week_with_a_purpose_after_it_is_a_closing() -> None:
    source, _reply = said("somatic-symptoms", [
        "We're out of time for today, Denise. Would you be willing to come back next week so we "
        "can think about Alfie, the allotment and what might help?"])[-1]
    assert source == "closing"


def test_he_after_your_mum_and_your_little_brother_is_the_brother() -> None:
    source, reply = said("panic-disorder", [
        "You live with your mum and your little brother, don't you? How old is he?"])[-1]
    assert source == "fact.theo" and "11" in reply


def test_who_walks_him_home_after_theo_is_who_walks_theo_home() -> None:
    source, reply = said("panic-disorder", ["Tell me about Theo.",
                                            "Who walks him home from school now?"])[-1]
    assert source == "fact.theo" and "Mum" in reply


def test_an_option_naming_a_relation_the_sheet_never_mentions_is_not_chosen() -> None:
    _source, reply = said("somatic-symptoms", [
        "Who else helps with Alfie, does Kelly's partner or Phil get involved?"])[-1]
    assert reply.startswith("Phil"), reply


@pytest.mark.parametrize("line", [
    "And on a scale of 0 to 10, where 10 is the worst pain you can imagine, how bad is it on a "
    "typical day?",
    "If you had to put a number on the pain, from 0 for no pain to 10 for the worst imaginable, "
    "what number would you give it today?",
    "If you had to give the cramps a number out of ten on a bad day, what would it be?",
])
def test_a_severity_ruler_gets_a_number_for_the_complaint(line: str) -> None:
    for slug in ("somatic-symptoms", "social-anxiety"):
        source, reply = said(slug, [line])[-1]
        assert source == "fact.symptoms" and any(
            n in reply for n in ("two", "four", "six", "seven", "eight")), (slug, reply)


def test_a_sleep_ruler_scores_the_sleep_and_a_confidence_ruler_is_not_a_score() -> None:
    source, reply = said("generalised-anxiety", [
        "On a scale of nought to ten, how would you rate your sleep over the last month?"])[-1]
    assert source == "fact.sleep" and reply.startswith("A four")
    assert said("generalised-anxiety", [
        "On a scale of 0 to 10, how confident are you that you could ring Mum once?"])[-1][0] != (
        "fact.symptoms")


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("somatic-symptoms", "After four years and all those normal tests, what do you yourself "
                         "think is causing the pain?", "fact.belief"),
    ("somatic-symptoms", "What were you hoping would come out of today's appointment?",
     "fact.visit_goal"),
    ("generalised-anxiety", "Is there anything about these symptoms that concerns you, anything "
                            "you're worried they might be?", "fact.fear"),
    ("somatic-symptoms", "How would you describe the pain itself, is it aching, burning, "
                         "stabbing, or something else?", "fact.symptoms"),
])
def test_a_history_taker_gets_belief_goal_concern_and_character(
        slug: str, line: str, source: str) -> None:
    got, reply = said(slug, [line])[-1]
    assert got == source, reply


def test_information_the_coder_heard_then_checked_gets_a_reaction_to_it() -> None:
    coding = code_utterance(
        "The programme is really about ways to turn that volume down a bit, pacing, sleep, that "
        "kind of thing. What do you make of that?", ())
    assert read_line(coding).rule == "information_then_check"
    summary = read_line(code_utterance(
        "So you've had four years of pain, the tests are normal and work is getting harder. How "
        "does that sound?", ()))
    assert summary.rule != "information_then_check"


def test_what_has_helped_and_who_could_help_are_answered() -> None:
    assert said("generalised-anxiety", ["Has anything worked before, even a bit, to quieten your "
                                        "head, apart from the shed?"])[-1][0] == "fact.relief"
    assert said("panic-disorder", ["Who else might be able to help, if you did start trying "
                                   "something small?"])[-1][0] == "fact.friends"
    assert said("social-anxiety", ["Is there anything coming up where you'd really want your "
                                   "stomach on your side?"])[-1][0] != "fact.friends"


def test_who_they_mean_by_everyone_is_the_people_at_home() -> None:
    for slug, line in (
            ("health-anxiety", "Wearing everyone down. Who are you thinking of when you say "
                               "everyone?"),
            ("panic-disorder", "The people you want to be properly there for, who are they?"),
            ("generalised-anxiety", "Sounds like a lot of looking after people. Who are you most "
                                    "keeping an eye on?")):
        assert said(slug, [line])[-1][0] == "fact.household", line


def test_a_questionnaire_item_with_four_options_is_answered_with_one_of_them_whole() -> None:
    line = ("Over the last two weeks, how often have you had trouble concentrating on things? "
            "Not at all, several days, more than half the days, or nearly every day?")
    assert read_line(code_utterance(line, ())).options == ("more than half the days",
                                                           "nearly every day")
    _source, reply = said("panic-disorder", [line])[-1]
    assert reply.startswith(("More than half the days", "Nearly every day")), reply
