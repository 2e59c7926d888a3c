"""The patient answers the question asked, not a word in the reflection before it (round 29 of
the blind conversations: an occupational health nurse, one episode walked through step by step,
stacked questions, rulers and elicit-provide-elicit)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from shipped_talk import CATALOG, play, results, said

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.persona import Move
from mi_sim.engine.reading import Form, read_line


def test_who_was_at_home_when_they_grew_up_is_the_childhood_home_not_todays_household() -> None:
    [(source, reply)] = said("somatic-symptoms", ["Where did you grow up, and who was at home?"])
    assert source == "fact.home" and "only child" in reply.lower()


def test_who_else_was_at_home_then_stays_with_the_childhood_just_told() -> None:
    first, then = said("panic-disorder", ["Who was at home when you were growing up?",
                                          "And who else lived with you then?"])
    assert first[0] == then[0] == "fact.parents"
    assert "fourteen" in then[1] and "joanne" not in then[1].lower()


def test_who_was_at_home_in_a_recent_scene_is_still_the_household() -> None:
    assert play("somatic-symptoms", ["Who was at home with you when the pain started?"]) == [
        "fact.household"]


@pytest.mark.parametrize("line", [
    "What does your stomach actually do on those mornings, and how long before the meeting does "
    "it start?",
    "how does your body react when you have to speak?",
])
def test_what_the_body_does_is_the_symptoms(line: str) -> None:
    assert play("social-anxiety", [line]) == ["fact.symptoms"]


def test_a_subject_set_aside_is_not_what_the_next_question_asks_about() -> None:
    [(source, reply)] = said("panic-disorder", [
        "Okay, let's leave tablets completely to one side. Can I ask about the attacks "
        "themselves instead: when one starts, what's the very first thing you notice?"])
    assert source == "fact.symptoms" and "heart" in reply.lower()


def test_what_they_would_want_to_know_about_a_tablet_is_their_worry_not_an_offer() -> None:
    line = ("Just hypothetically then, if a tablet ever did come up again, what would you want "
            "to know about it before you'd even consider it?")
    assert read_line(code_utterance(line, ())).form is Form.WH
    [result] = results("panic-disorder", [line])
    assert result.trace.source == "fact.medication" and "change me" in result.reply_text


@pytest.mark.parametrize(("slug", "line"), [
    ("panic-disorder", "when you hear the word 'panic', what do you understand by it?"),
    ("social-anxiety", "When Dr Patel said 'functional', what did you take that to mean?"),
    ("generalised-anxiety", "What do you already know, or have heard, about anxiety?"),
])
def test_what_they_know_about_the_label_comes_from_what_they_believe(slug: str,
                                                                      line: str) -> None:
    assert play(slug, [line]) == ["fact.belief"]


def test_why_a_three_and_not_a_one_gets_reasons_even_after_higher_was_said() -> None:
    *_, result = results("panic-disorder", [
        "On a scale of 0 to 10, how important is it to you to get back on the bus?",
        "A three, maybe higher than you're letting on. Why a three and not a one?"])
    assert result.trace.source == "ruler_why" and result.reply_text.startswith("Because")


@pytest.mark.parametrize("line", [
    "Some people see someone one-to-one, some work through a guided self-help programme on their "
    "own. Does either of those sound less bad than the other?",
    "one is seeing someone one to one. other is an online course u do at home. which sounds less "
    "awful",
])
def test_two_ways_of_getting_help_put_side_by_side_are_a_choice(line: str) -> None:
    ask = read_line(code_utterance(line, ()))
    assert ask.form is Form.EITHER_OR and len(ask.options) == 2


def test_one_morning_of_checking_can_be_walked_through_step_by_step() -> None:
    replies = said("health-anxiety", [
        "Could we take the most recent time you found something and checked? When was that?",
        "Let's take this morning, then. Where were you when you checked?",
        "One lump, the one under your jaw. After you'd felt it, what did you do next?",
        "And once you'd checked, did you tell anyone, Tom maybe?",
        "So this morning in the mirror, how long did the checking take, roughly?",
        "What made you stop checking and get on with the day?",
    ])
    assert [source for source, _ in replies[1:]] == ["fact.checking"] * 5
    where, then, told, length, stop = (reply.lower() for _, reply in replies[1:])
    assert "bathroom" in where and "photo" in then and told.startswith("no")
    assert "minutes" in length and "run out of time" in stop


@pytest.mark.parametrize(("line", "words"), [
    ("What shift pattern are you on at the moment: earlies, lates or nights?", "earlies"),
    ("Tell me about the lifting: what do you actually lift on a typical shift?", "cages"),
    ("What breaks do you get on a shift?", "sandwich"),
])
def test_an_occupational_health_question_about_her_work_gets_its_answer(line: str,
                                                                        words: str) -> None:
    [(source, reply)] = said("somatic-symptoms", [line])
    assert source == "fact.work" and words in reply.lower()


def test_how_her_manager_reacts_is_about_craig() -> None:
    [(_, reply)] = said("somatic-symptoms", [
        "How does your manager react when you're struggling with pain on a shift?"])
    assert "craig" in reply.lower()


def test_a_follow_up_asked_again_is_retold_not_swapped_for_another_answer_of_the_fact() -> None:
    _, again = said("somatic-symptoms", [
        "How does your manager react when you're struggling with pain on a shift?",
        "And your manager, when you're like that on shift, what does he or she actually say or "
        "do?"])
    assert "get yourself home" in again[1]


@pytest.mark.parametrize("slug", ["generalised-anxiety", "social-anxiety"])
def test_asked_to_come_back_next_week_nobody_agrees_to_a_fortnight(slug: str) -> None:
    for seed in range(6):
        [(_, reply)] = said(slug, ["We're nearly out of time. Would you like to come back next "
                                   "week and look at it together?"], seed)
        assert "fortnight" not in reply.lower()


def test_a_line_naming_every_family_member_never_breaks_the_turn() -> None:
    line = ("Keeping them safe is the heart of it - that comes through every time you mention "
            "Sue, Ella, Danny or your mum. And at the same time, Sue says you're there but not "
            "there. What do you think the worrying costs them?")
    for seed in range(4):
        assert said("generalised-anxiety", [line], seed)


@pytest.mark.parametrize(("line", "confronts"), [
    ("In bed, then. Talk me through it: you're lying there, you reach for your neck. What did "
     "you notice?", False),
    ("Sorry, I jumped to a label there. You don't want a word in your notes that says "
     "otherwise.", False),
    ("You are lying to yourself about the drinking.", True),
    ("Your tests say otherwise.", True),
])
def test_lying_there_and_a_word_that_says_otherwise_are_no_confrontation(
        line: str, confronts: bool) -> None:
    assert (code_utterance(line, ()).code.value == "confront") is confronts



@pytest.mark.parametrize(("slug", "line", "view"), [
    ("somatic-symptoms", "And at home, if the pain eased a bit, what would be different between "
     "you and Phil?", "fact.phil_view"),
    ("somatic-symptoms", "You manage. Tea, worry, and getting on with it. If Kelly saw you having "
     "a better week, what do you think she'd say?", "fact.kelly_view"),
    ("health-anxiety", "Suppose the checking eased off. What would Tom be the first to notice?",
     "fact.tom_view"),
    ("generalised-anxiety", "The mortgage, work, Ella, your mum, round and round. It's a lot for "
     "one man to hold. If the worry eased a little, what do you think Sue and Ella would notice "
     "first about you?", "fact.sue_view"),
    ("generalised-anxiety", "If I asked Ella and Danny what kind of dad you are, what would they "
     "say?", "fact.ella_view"),
])
def test_what_someone_close_would_notice_if_things_changed_is_about_that_person(
        slug: str, line: str, view: str) -> None:
    assert play(slug, [line]) == [view]


def test_a_choice_typed_without_a_question_mark_is_still_a_choice() -> None:
    ask = read_line(code_utterance(
        "but out of the two, one to one or the online thing, which wud u pick", ()))
    assert ask.form is Form.EITHER_OR and ask.options == ("one to one", "the online thing")


def test_no_summary_reply_says_the_clinician_missed_something_never_told() -> None:
    for slug in ("somatic-symptoms", "health-anxiety", "panic-disorder"):
        summaries = CATALOG[slug].banks[Move.SUMMARY]
        assert not any("you missed" in r.text.lower() or "you left out" in r.text.lower()
                       for r in summaries)


@pytest.mark.parametrize(("line", "person"), [
    ("You miss it. Let's come back to Ella. What's she like?", "fact.ella"),
    ("That sounds like your mum. I was asking about your daughter, Ella. What's she like?",
     "fact.ella"),
])
def test_what_she_is_like_is_the_person_just_named(line: str, person: str) -> None:
    assert play("generalised-anxiety", ["Tell me about your mum.", line])[-1] == person


@pytest.mark.parametrize("line", [
    "I'm sorry about your dad. When you were a boy, what did that look like?",
    "I wonder if that goes back to childhood. Was money a problem when you were growing up?",
])
def test_a_question_set_in_their_childhood_is_answered_from_their_childhood(line: str) -> None:
    [(source, reply)] = said("generalised-anxiety", [line])
    assert source == "fact.parents" and "Northampton" in reply


@pytest.mark.parametrize(("line", "words"), [
    ("Once you're actually lying down in the dark, do you drop off straight away, or does your "
     "mind keep going?", "tour"),
    ("Do you wake up again in the night, once you've dropped off?", "four"),
    ("What's Tom doing while all this is going on? Is he usually asleep by then?", "put it down"),
    ("What's a morning like after a really bad night?", "two coffees"),
])
def test_leahs_nights_can_be_explored_one_question_at_a_time(line: str, words: str) -> None:
    [(source, reply)] = said("health-anxiety", [line])
    assert source == "fact.sleep" and words in reply.lower()


def test_lena_walks_to_college_and_takes_a_taxi_to_placement() -> None:
    college, placement = said("panic-disorder", [
        "So placement Monday and Tuesday, college the rest. Take a college day. What time do you "
        "get up, and how do you get there?",
        "And how do you get to placement?"])
    assert "walk" in college[1] and "alarm" in college[1].lower()
    assert "taxi" in placement[1].lower()


def test_what_lena_does_on_thursdays_now_is_what_replaced_the_swim() -> None:
    [(_, reply)] = said("panic-disorder", [
        "The changing rooms felt like a trap. So since the autumn, on a Thursday night, what do "
        "you do instead?"])
    assert "my room" in reply


@pytest.mark.parametrize(("slug", "line", "start"), [
    ("health-anxiety", "A loud house, with Tom, and Maya who's seven, and little Sam. And the "
     "worry is wearing on all of them.", "nine"),
    ("somatic-symptoms", "Twenty people on earlies, that's a lot to run.", "twelve people"),
    ("social-anxiety", "Nadia's kids, Eli, who's five, and little Maya. Are you close to them?",
     "seven"),
])
def test_a_number_of_their_life_said_wrong_is_put_right_first(slug: str, line: str,
                                                              start: str) -> None:
    [(_, reply)] = said(slug, [line])
    assert start in reply.lower().split(".")[0]


@pytest.mark.parametrize(("slug", "line"), [
    ("health-anxiety", "Maya's nine and Sam's six. A loud house."),
    ("somatic-symptoms", "I've got twenty people in my own team, so I can imagine."),
    ("health-anxiety", "Three years since your dad died, and four since the first lump."),
])
def test_a_right_number_the_clinicians_own_or_an_ambiguous_one_is_left_alone(
        slug: str, line: str) -> None:
    [result] = results(slug, [line])
    assert not result.trace.understanding or not result.trace.understanding.get("correction")


def test_tell_me_about_the_headaches_and_the_stomach_are_the_two_complaints() -> None:
    headaches, stomach = said("generalised-anxiety", ["Tell me about the headaches.",
                                                      "And the stomach?"])
    assert "band round my head" in headaches[1] and "Churning" in stomach[1]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_what_matters_most_is_answered_with_one_of_their_values(slug: str) -> None:
    [result] = results(slug, ["What matters most to you in life?"])
    assert result.trace.source.startswith("value.")


def test_asked_on_for_more_values_the_patient_names_the_next_one() -> None:
    sources = play("generalised-anxiety", [
        "What matters most to you in life?",
        "So family comes first. After family, what's the next most important thing to you?",
        "And what else goes on that list?"], seed=3)
    assert all(s.startswith("value.") for s in sources) and len(set(sources)) == 3


def test_who_matters_most_is_answered_with_the_people_even_when_said_before() -> None:
    sources = play("generalised-anxiety", ["Tell me about your family.",
                                           "Who are the people that matter most to you?",
                                           "Sorry, who matters most to you?"], seed=3)
    assert sources[1:] == ["value.family_safety", "value.family_safety"]


def test_what_she_wants_for_the_children_is_her_value_of_them_not_her_own_childhood() -> None:
    [(source, _)] = said("health-anxiety", ["What do you most want for Sam and Maya as they "
                                            "grow up?"])
    assert source == "value.children"


@pytest.mark.parametrize("line", [
    "You've said you want the scan to be sure. And you've also told me a normal result buys you "
    "about a day before the worry comes back. What do you make of that?",
    "You said the checking is being responsible. You also said you end up late and shouting "
    "about shoes. What do you make of those two things side by side?",
])
def test_two_things_she_said_set_side_by_side_get_her_ambivalence_not_a_summary_reply(
        line: str) -> None:
    [result] = results("health-anxiety", [line])
    assert result.trace.understanding["ask"]["rule"] == "discrepancy"
    assert not result.trace.source.startswith("summary")


def test_what_are_they_like_after_the_children_are_named_is_the_children() -> None:
    assert play("health-anxiety", ["A loud house with Maya and Sam. What are they like, the two "
                                   "of them?"]) == ["fact.children"]


def test_what_she_has_noticed_is_her_view_not_who_she_is() -> None:
    [(source, _)] = said("health-anxiety", ["Tell me about Maya.", "She notices everything, and "
                                            "that worries you. What do you think she's noticed?"],
                         seed=3)[-1:]
    assert source == "fact.maya_view"


def test_where_the_reception_is_held_is_no_question_about_where_it_hurts() -> None:
    [result] = results("social-anxiety", ["You've felt sick about it since the day you said yes. "
                                          "Where is the reception being held?"])
    assert result.trace.source != "fact.where" and "stomach" not in result.reply_text.lower()


def test_what_he_would_say_if_he_knew_is_the_friend_named_just_before() -> None:
    assert play("social-anxiety", [
        "Jordan keeps inviting you, even after all the 'busy's. He hasn't given up on you. What "
        "do you think he'd say if he knew how hard the speech feels?"]) == ["fact.jordan_view"]


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("panic-disorder", "Thinking back before this year, what's a hard time you got through, and "
     "what helped you get through it?", "fact.parents"),
    ("panic-disorder", "I'm wondering what drew you to working with animals in the first place?",
     "fact.work"),
])
def test_strengths_questions_get_the_life_story_written_for_them(slug: str, line: str,
                                                                 source: str) -> None:
    [result] = results(slug, [line])
    assert result.trace.source == source
    assert "follow-up" in (result.trace.understanding["fact"] or {}).get("why", "")


def test_tell_me_what_fits_and_what_does_not_ends_a_permission_request() -> None:
    ask = read_line(code_utterance(
        "Would it be okay if I shared a little about what we know helps people with attacks like "
        "yours, and you can tell me what fits and what doesn't?", ()))
    assert ask.form is Form.PERMISSION


def test_a_tie_between_named_facts_is_decided_the_same_in_every_process() -> None:
    here = Path(__file__).parent
    rated = here.parent / "bench/data/understanding/rated/after24-r1.rated.jsonl"
    script = ("import json, sys\n"
              "from shipped_talk import said\n"
              f"lines = [json.loads(l)['clinician'] for l in open({str(rated)!r})\n"
              "         if '\"clinician\"' in l][:16]\n"
              "print(said('generalised-anxiety', lines, seed=0)[-1][0])")
    seen = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           cwd=here, env={**os.environ, "PYTHONHASHSEED": seed,
                                          "PYTHONPATH": str(here)}, check=True).stdout
            for seed in ("1", "2", "3", "4", "5", "6")}
    assert len(seen) == 1, seen


def test_three_things_said_back_however_short_are_a_summary() -> None:
    ask = read_line(code_utterance(
        "so, headaches by three, waking at four, and wanting everyone safe. is that about right?",
        ()))
    assert ask.form is Form.SUMMARY


def test_whats_your_mum_make_of_it_typed_fast_is_her_view() -> None:
    assert play("panic-disorder", ["whats your mum make of it all"]) == ["fact.joanne_view"]


def test_a_short_closing_with_a_name_is_a_closing_not_a_line_to_clarify() -> None:
    [result] = results("social-anxiety", ["cheers marcus, same time next week?"], seed=54)
    assert result.trace.source == "closing"


def test_the_stomach_the_meetings_and_the_speech_said_back_is_a_summary() -> None:
    ask = read_line(code_utterance(
        "so the stomach, the meetings, and the speech. is that about right?", ()))
    assert ask.form is Form.SUMMARY
