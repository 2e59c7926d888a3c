"""The reader: what shape of answer a clinician line asks for, persona-free."""

from __future__ import annotations

import pytest

from mi_sim.engine.coder import code_utterance
from mi_sim.engine.fact_cues import kinds_asked, question_kinds
from mi_sim.engine.reading import (
    Ask,
    Form,
    Slot,
    YesNo,
    echoed_step,
    patient_words,
    plain,
    read_line,
)
from mi_sim.engine.vocabulary import FactKind


def read(line: str) -> Ask:
    return read_line(code_utterance(line))


@pytest.mark.parametrize(("line", "slot"), [
    ("Who lives with you?", Slot.WHO),
    ("How long have you had the headaches?", Slot.HOW_LONG),
    ("how often do they come", Slot.HOW_OFTEN),
    ("How many times a week?", Slot.HOW_OFTEN),
    ("When did it start?", Slot.WHEN),
    ("Whereabouts do you live?", Slot.WHERE),
    ("Why do you think that is?", Slot.WHY),
    ("Tell me about your work.", Slot.WHAT),
    ("Roughly how many times a day would you say you check?", Slot.HOW_OFTEN),
    ("About how long does one last?", Slot.HOW_LONG),
])
def test_a_wh_question_is_read_with_its_slot(line: str, slot: Slot) -> None:
    ask = read(line)
    assert ask.form is Form.WH and ask.slot is slot


def test_the_last_question_of_a_volley_is_the_one_answered() -> None:
    ask = read("That sounds exhausting. Who's at home with you?")
    assert ask.form is Form.WH and ask.slot is Slot.WHO


def test_a_question_buried_in_a_long_spoken_turn_is_found() -> None:
    ask = read("so it's the racing heart and the tight chest, which sounds terrifying, um, I was "
               "wondering, is there anything you've noticed that tends to set them off")
    assert ask.form is Form.YES_NO
    assert "set them off" in ask.text


def test_an_afterthought_does_not_replace_the_question() -> None:
    ask = read("what makes the pain worse, in your experience, is it certain shifts, the weather")
    assert ask.form is Form.WH and ask.text.startswith("what makes the pain worse")


@pytest.mark.parametrize(("line", "kind"), [
    ("Would you want things to be different?", YesNo.WILLING),
    ("Is that frightening?", YesNo.FEELING),
    ("Do you think it could be stress?", YesNo.OPINION),
    ("Have you ever tried yoga?", YesNo.EXPERIENCE),
])
def test_a_yes_no_question_says_what_kind_of_yes_or_no_it_wants(line: str, kind: YesNo) -> None:
    ask = read(line)
    assert ask.form is Form.YES_NO and ask.yes_no is kind


def test_a_feeling_question_hands_over_the_word_asked_about() -> None:
    assert read("Is that exhausting?").echo == "exhausting"


def test_a_summary_that_ends_with_a_check_is_a_summary_and_a_lone_check_is_a_check() -> None:
    summary = read("So the attacks started on a bus, you've had three A&E visits, and now you "
                   "avoid buses and big shops. Did I miss anything?")
    assert summary.form is Form.SUMMARY
    assert read("Have I got that right?").form is Form.CHECK


def test_a_summary_announced_by_can_i_check_ive_got_this_right_is_a_summary() -> None:
    ask = read("can I check I've got this right: the attacks started on a bus, you walk "
               "everywhere now, and you're worried about your placement. did I miss anything?")
    assert ask.form is Form.SUMMARY


@pytest.mark.parametrize(("line", "scale"), [
    ("how confident are you that you could get on a bus?", "confidence"),
    ("how sure are you that you could try a short bus ride with your mum?", "confidence"),
    ("how important is it to you to get back to driving?", "importance"),
    ("how ready do you feel to try something different?", "readiness"),
])
def test_a_ruler_asked_in_words_is_a_ruler_without_a_number(line: str, scale: str) -> None:
    ask = read(line)
    assert (ask.rule, ask.scale) == ("ruler_words", scale)


def test_how_sure_are_you_that_it_is_your_heart_is_not_a_ruler() -> None:
    assert read("how sure are you that it's your heart?").rule != "ruler_words"


def test_an_either_or_question_hands_over_its_options_in_the_patients_words() -> None:
    ask = read("Is it worse in the morning or at night?")
    assert ask.form is Form.EITHER_OR and ask.options == ("in the morning", "at night")
    assert read("Do you get it with your mum or your friends?").options == (
        "my mum", "my friends")


def test_a_question_with_a_stray_or_is_not_an_either_or() -> None:
    assert read("Is there anything else, or is that it?").form is not Form.EITHER_OR
    assert read("Have you talked to anyone, a friend or anything?").form is not Form.EITHER_OR


@pytest.mark.parametrize(("line", "step"), [
    ("How about keeping a diary for a week?", "keeping a diary for a week"),
    ("Would you be willing to try one stop with your mum?", "one stop with my mum"),
    ("Maybe you could write down when they happen.", "write down when they happen"),
    ("What would you think about booking one session?", "booking one session"),
])
def test_a_proposal_hands_over_the_step_in_the_patients_words(line: str, step: str) -> None:
    ask = read(line)
    assert ask.form is Form.PROPOSAL and ask.step == step


def test_a_hypothetical_is_looking_forward_but_what_if_you_tried_is_a_proposal() -> None:
    assert read("If the attacks weren't running the show, what would your week look like?"
                ).form is Form.FUTURE
    assert read("What if you tried one stop?").form is Form.PROPOSAL


@pytest.mark.parametrize(("line", "aside"), [
    ("Let's leave the diary for now.", "diary"),
    ("I'm not suggesting tablets.", "tablets"),
    ("Worry time isn't for you, then.", "worry time"),
])
def test_a_step_set_aside_is_read_as_set_aside(line: str, aside: str) -> None:
    ask = read(line)
    assert ask.form is not Form.PROPOSAL
    assert any(aside in phrase for phrase in ask.negated)


@pytest.mark.parametrize(("line", "form"), [
    ("Sorry, I think I rushed you there.", Form.APOLOGY),
    ("I'm so sorry to hear about your dad.", Form.STATEMENT),
    ("Thank you for telling me that.", Form.THANKS),
    ("Hi, I'm Sam, one of the nurses here.", Form.GREETING),
    ("We're nearly out of time, so let's stop there.", Form.CLOSING),
    ("Mm-hmm, go on.", Form.INVITE),
    ("Would it be okay if I shared something about sleep?", Form.PERMISSION),
    ("I could explain what happens in the body, if you like.", Form.OFFER),
    ("Sorry, could you say that again?", Form.REPEAT),
    ("It sounds like the attacks have taken a lot from you.", Form.STATEMENT),
])
def test_social_acts_and_statements_are_read_as_such(line: str, form: Form) -> None:
    assert read(line).form is form


def test_a_permission_request_followed_by_information_is_answered_as_the_information() -> None:
    ask = read("Can I tell you a bit about panic? When you get a fright, adrenaline speeds your "
               "heart up and your breathing gets quick and shallow.")
    assert ask.form is Form.STATEMENT


def test_an_apology_followed_by_a_question_is_answered_as_the_question() -> None:
    assert read("Sorry, who's Dr Okafor again?").form is Form.WH


def test_chat_spellings_and_negations_are_written_out() -> None:
    assert plain("do u live alone") == "do you live alone"
    assert plain("why don't you") == "why do not you"
    assert plain("d'you smoke") == "do you smoke"


def test_the_clinicians_words_are_said_back_from_the_patients_side() -> None:
    assert patient_words("talk to your mum about you") == "talk to my mum about me"
    assert patient_words("you could try") == "I could try"


@pytest.mark.parametrize(("line", "kind"), [
    ("how often do you drink", FactKind.ALCOHOL),
    ("how often do the attacks come", FactKind.FREQUENCY),
    ("how long have you been running payroll at the trust", FactKind.WORK),
    ("how long do they last", FactKind.EPISODE_LENGTH),
    ("how long have you had them", FactKind.DURATION),
    ("how many mornings a week is your stomach upset before work", FactKind.FREQUENCY),
    ("what do you drink during the day, tea, coffee", FactKind.CAFFEINE),
    ("what makes it worse, is it certain shifts, the weather", FactKind.TRIGGERS),
    ("what do you do for fun when you are not at college", FactKind.HOBBIES),
])
def test_the_kind_asked_is_what_the_question_is_about(line: str, kind: FactKind) -> None:
    ask = read(line)
    kinds = question_kinds(ask.focus or ask.text, plain(line), ask.slot)
    assert kinds and kinds[0][0] is kind, kinds


def test_feelings_and_values_about_a_subject_are_not_factual() -> None:
    assert kinds_asked("what do you love about your work", None) == ()
    assert kinds_asked("how do you feel about the tablets", None) == ()


def test_trivia_no_fact_sheet_holds_is_not_a_kind() -> None:
    assert kinds_asked("what is your blood group", None) == ()


def test_a_check_after_an_offer_of_information_is_read_as_the_offer() -> None:
    ask = read("I could tell you a bit about how stress shows up in the body, headaches, "
               "stomach, sleep. Would that be useful?")
    assert (ask.form, ask.rule) == (Form.OFFER, "offer_then_check")


@pytest.mark.parametrize(("line", "step"), [
    ("One thing you could try: write the first two lines of the speech. How would that be?",
     "write the first two lines of the speech"),
    ("Some people set aside fifteen minutes a day for worrying. Would something like that be "
     "worth trying?", "set aside fifteen minutes a day for worrying"),
])
def test_a_step_put_forward_as_a_statement_and_then_checked_is_a_proposal(
        line: str, step: str) -> None:
    ask = read(line)
    assert (ask.form, ask.step) == (Form.PROPOSAL, step)
    assert ask.negated == ()


def test_a_how_would_that_be_after_a_proposal_asks_about_the_step() -> None:
    ask = read("Maybe you could walk to the corner shop. How would that be?")
    assert ask.form is Form.PROPOSAL and ask.step == "walk to the corner shop"


def test_a_word_said_back_with_a_full_stop_is_not_a_question_and_a_dash_can_start_one() -> None:
    ask = read("Right, September. I was asking about the speech itself — is any of it written "
               "down yet?")
    assert ask.form is Form.YES_NO and ask.text == "is any of it written down yet?"


def test_are_there_x_or_y_asks_whether_there_are_not_which() -> None:
    assert read("Are there particular days or situations when it's worse?").form is Form.YES_NO


def test_a_permission_request_that_hands_the_choice_back_is_still_a_permission_request() -> None:
    ask = read("Would it be all right if I shared something about how checking works? You can "
               "tell me what you make of it.")
    assert ask.form is Form.PERMISSION


def test_a_noun_from_an_earlier_sentence_yields_to_the_questions_own_subject() -> None:
    kinds = question_kinds("what are they like?", plain(
        "you have got your own explanation for the headaches, and it makes sense to you. tell me "
        "about them: what are they like?"), Slot.WHAT)
    assert kinds[0][0] is FactKind.SYMPTOMS


def test_it_is_the_right_place_is_not_a_check_of_the_name() -> None:
    assert FactKind.NAME not in dict(kinds_asked(
        "thanks for coming even though you are not sure it is the right place.", None))
    assert FactKind.NAME in dict(kinds_asked("and it is martin, right?", None))


def test_an_earlier_question_of_the_same_line_is_kept_to_be_answered_too() -> None:
    ask = read("Who's at home with you? And what do you do for work?")
    assert ask.form is Form.WH and ask.slot is Slot.WHAT
    assert ask.also is not None and ask.also.slot is Slot.WHO


def test_a_reflection_before_a_question_is_not_a_second_question() -> None:
    assert read("That sounds exhausting. Who's at home with you?").also is None


def test_information_then_what_do_you_make_of_that_is_a_check_of_the_information() -> None:
    ask = read("When the brain thinks there's danger, it floods the body with adrenaline: your "
               "heart races and your fingers tingle. It's the alarm firing, not the heart "
               "failing. What do you make of that?")
    assert (ask.form, ask.rule) == (Form.CHECK, "information_then_check")


def test_a_summary_then_how_does_that_sound_is_not_information() -> None:
    ask = read("So you've had four years of pain, the tests are normal and work is getting "
               "harder. How does that sound?")
    assert ask.rule != "information_then_check"


@pytest.mark.parametrize("line", [
    "There's something I could tell you about how pain and sleep wind each other up. Would "
    "that be useful, or would you rather not right now?",
    "I could tell you a bit about how the gut reacts when we feel watched. Would you want "
    "that, or would you rather not?",
])
def test_an_offer_checked_with_or_would_you_rather_not_is_an_offer_not_a_choice(
        line: str) -> None:
    assert read(line).form is Form.OFFER


@pytest.mark.parametrize(("line", "first"), [
    ("It's your call, but you could either jot down a few lines each morning about the "
     "night, or you could go down to the plot once, just for twenty minutes. Which of those, "
     "if either, feels more like you?", "jot down a few lines each morning about the night"),
    ("There are two small things people try. One's a worry diary, just jotting things down. "
     "The other's a set worry time, fifteen minutes after tea. Would either of those be worth "
     "a go, and if so, which?", "a worry diary"),
])
def test_which_of_those_after_two_steps_is_a_choice_between_the_steps(
        line: str, first: str) -> None:
    ask = read(line)
    assert (ask.form, ask.rule) == (Form.EITHER_OR, "choice_of_steps")
    assert ask.options[0] == first and len(ask.options) == 2


def test_asking_to_come_back_and_talk_again_is_a_closing() -> None:
    assert read("We're nearly out of time. Would you want to come back and talk again, maybe "
                "in a couple of weeks?").form is Form.CLOSING


def test_an_apology_followed_by_an_anything_question_is_the_question() -> None:
    assert read("Sorry, I mean free time. Hobbies, sport, anything you did just for "
                "fun?").form is Form.YES_NO


def test_a_question_run_on_after_a_name_is_still_a_question() -> None:
    assert read("so with the headaches um Martin do they tend to come on at work "
                "mostly").form is Form.YES_NO


def test_what_do_you_make_of_all_that_after_saying_it_back_is_a_summary() -> None:
    ask = read("so you've got the pain, the sleep's shot and work are on at you about the "
               "absences, um, what do you make of all that when you hear it back")
    assert ask.form is Form.SUMMARY


@pytest.mark.parametrize("line", [
    "When did the stomach stuff first start, do you remember?",
    "That's a lot. When did all this start, do you remember the, um, the first bit of it?",
])
def test_do_you_remember_after_a_question_is_an_afterthought(line: str) -> None:
    ask = read(line)
    assert ask.form is Form.WH and ask.slot is Slot.WHEN


def test_do_you_remember_a_name_is_still_the_question() -> None:
    assert read("the colonoscopy, do you remember the consultant's name?").form is Form.YES_NO


@pytest.mark.parametrize(("line", "form"), [
    ("Sorry, different thing - would it be ok if I told you a little about panic and the "
     "heart?", Form.PERMISSION),
    ("Sorry, I put words in your mouth there. Feeling normal again - what would normal look "
     "like for you?", Form.FUTURE),
])
def test_an_apology_before_a_request_is_answered_as_the_request(line: str, form: Form) -> None:
    assert read(line).form is form


def test_a_trailing_list_of_whose_side_is_an_afterthought_not_a_summary_check() -> None:
    ask = read("That story about the girl your age, that must stick. Is there anyone in your "
               "family who's had heart problems? Your mum's side, your dad's?")
    assert ask.form is Form.YES_NO and "family" in ask.text


@pytest.mark.parametrize(("line", "options"), [
    ("would u rather start with learning more about panic in a one to one session, or just keep "
     "a little diary of when the attacks happen for a couple weeks?",
     ("learning more about panic in a one", "keep a little diary")),
    ("ok thats fair, ur call. so which would u prefer, setting a fixed 20 min worry time in the "
     "evening, or just looking at the desk setup first?",
     ("setting a fixed 20 min worry time", "looking at the desk setup")),
])
def test_would_you_rather_one_step_or_another_is_a_choice_between_the_steps(
        line: str, options: tuple[str, str]) -> None:
    ask = read(line)
    assert (ask.form, ask.rule, ask.options) == (Form.EITHER_OR, "choice_of_steps", options)


def test_which_name_you_would_rather_be_called_is_not_a_choice_of_steps() -> None:
    assert read("Would you rather I called you Denise or Mrs Harper?").rule == "either_or"


def test_a_second_option_asked_as_its_own_question_joins_the_first() -> None:
    ask = read("so is that a vote for the desk option then? or the worry time?")
    assert ask.form is Form.EITHER_OR
    assert ask.options == ("the desk option", "the worry time")


def test_have_you_tried_one_thing_or_another_is_one_yes_no_question() -> None:
    ask = read("have u tried just deleting the apps or putting ur phone in another room?")
    assert ask.form is Form.YES_NO


@pytest.mark.parametrize("line", ["go ahead and explain", "course, go ahead and explain",
                                  "yes, go on, tell me"])
def test_letting_the_patient_explain_is_an_invitation(line: str) -> None:
    assert read(line).form is Form.INVITE


def test_a_trailing_or_leaves_the_two_options_before_it() -> None:
    ask = read("busy week! but I meant the journey, do you walk or get a lift or..?")
    assert ask.form is Form.EITHER_OR and ask.options == ("I walk", "get a lift")
    assert read("have you ever been to a meeting or anything like that, AA or smart recovery or"
                ).form is Form.YES_NO


@pytest.mark.parametrize(("line", "step"), [
    ("So here's one idea, and it's entirely up to you: how about a worry diary for a week - just "
     "jotting down, once a day, what was on the list and how bad the headache was that afternoon? "
     "Then you'd have your own data.", "a worry diary for a week"),
    ("I'm wondering about the allotment too. Would it be worth, say, going down to plot fourteen "
     "once this week, just for twenty minutes?", "going down to plot fourteen once this week"),
])
def test_a_step_whose_wording_runs_into_a_wh_clause_is_still_a_proposal(line: str,
                                                                        step: str) -> None:
    ask = read(line)
    assert (ask.form, ask.step) == (Form.PROPOSAL, step)


def test_a_short_question_about_someone_after_reflections_is_not_a_summary_check() -> None:
    ask = read("So your mum's a fretter, and your dad never worried, and then his heart took him "
               "at sixty-three. I can see how that might make worrying feel safer. Your mum, is "
               "she still on her own now?")
    assert ask.form is Form.YES_NO


def test_and_um_in_the_middle_of_a_turn_is_not_an_invitation() -> None:
    ask = read("You're very reliable for her. And, um, you mentioned the clock on your bench "
               "earlier, your dad's — is that something you do a lot of, clock repairs?")
    assert (ask.form, ask.yes_no) == (Form.YES_NO, YesNo.OTHER)


def test_what_actually_happens_inside_a_longer_unit_is_a_question() -> None:
    ask = read("in terms of the stomach itself, what actually happens when it flares up?")
    assert (ask.form, ask.slot) == (Form.WH, Slot.WHAT)


@pytest.mark.parametrize(("line", "slot"), [
    ("We can come back to the letter. First, where in your body does it hurt?", Slot.WHERE),
    ("first, when in the day do they come?", Slot.WHEN),
])
def test_a_wh_question_with_a_phrase_before_its_verb_is_found_inside_a_unit(
        line: str, slot: Slot) -> None:
    ask = read(line)
    assert (ask.form, ask.slot) == (Form.WH, slot)


def test_a_vague_step_with_an_example_is_the_example() -> None:
    ask = read("Would you be willing to try something small this week, like writing just the "
               "first two lines of Jordan's speech, on your own?")
    assert ask.step == "writing just the first two lines of jordan's speech"


@pytest.mark.parametrize(("line", "form"), [
    ("On duty all the time, that sounds exhausting. It sounds a bit like health anxiety maybe? "
     "Sorry.", Form.STATEMENT),
    ("So you really want to do it for Jordan, but standing up in front of everyone is kind of "
     "terrifying. Sorry if that's wrong.", Form.STATEMENT),
    ("Oh ok. Sorry, I thought the letter said you've got a sister nearby? Is that right?",
     Form.CHECK),
    ("I'm so sorry, I didn't mean it like that.", Form.APOLOGY),
    ("Apologies, I interrupted you.", Form.APOLOGY),
])
def test_a_sorry_beside_the_main_act_leaves_the_main_act_to_answer(line: str, form: Form) -> None:
    assert read(line).form is form


def test_a_step_proposed_at_the_end_of_the_session_is_weighed_before_the_goodbye() -> None:
    ask = read("We're nearly out of time, sorry. How about going down to the allotment just once "
               "this week, even for ten minutes? And when could you come back and see me?")
    assert ask.form is Form.PROPOSAL
    assert ask.step == "going down to the allotment just once this week"


def test_what_did_you_mean_by_that_invites_the_patient_to_say_more() -> None:
    ask = read("Earlier you said working that hard is 'maybe part of the problem'. What did you "
               "mean by that?")
    assert (ask.form, ask.rule) == (Form.INVITE, "what_you_meant")


@pytest.mark.parametrize(("line", "step"), [
    ("still brave. ur here. want to try something small? like one stop on the 12 with ur mum "
     "this week", "one stop on the 12 with my mum this week"),
    ("ok no pressure. what about phone goes downstairs at 10 when tom goes up, just for this "
     "week?", "phone goes downstairs at 10 when tom goes up"),
    ("want to try something small?", None),
])
def test_a_step_typed_in_a_hurry_is_still_a_proposal(line: str, step: str | None) -> None:
    ask = read(line)
    assert (ask.form, ask.step) == (Form.PROPOSAL, step)


def test_how_has_that_been_about_sleep_is_not_a_check_in_on_the_conversation() -> None:
    assert read("and sleep, how's that been").rule != "check_in"
    assert read("how's this going for you so far?").rule == "check_in"


def test_a_long_double_sided_reflection_is_not_a_summary_to_confirm() -> None:
    ask = read("Three or four attacks a week, and the map of places you can go keeps getting "
               "smaller. Part of you just wants the cardiologist to find the answer, and part of "
               "you is noticing that waiting for that answer is costing you a lot.")
    assert ask.form is Form.STATEMENT
    assert read("Let me pull together what I've heard: the headaches since October, the four "
                "o'clock waking, your mum on her own, Ella's driving test.").form is Form.SUMMARY


def test_the_key_question_split_by_its_commas_is_still_the_key_question() -> None:
    ask = read("So where does that leave you: what, if anything, do you think you'll do?")
    assert ask.rule == "key_question"


def test_a_week_or_month_is_a_span_not_a_choice() -> None:
    assert read("roughly how many attacks would you say you get in a typical week or month "
                "now?").form is not Form.EITHER_OR


def test_same_time_in_two_weeks_is_a_closing() -> None:
    assert read("ok, same time in two weeks?").form is Form.CLOSING


@pytest.mark.parametrize(("line", "rule", "scale"), [
    ("On a scale of 0 to 10, how important is it to you to get the headaches sorted?",
     "ruler", "importance"),
    ("if 0 is not bothered and 10 is very important — where would you put it?",
     "ruler", "importance"),
    ("On a scale from one to ten, one being not at all. How much do you want to sleep better?",
     "ruler", "importance"),
    ("so out of ten, how ready are you to give it a go", "ruler", "readiness"),
    ("How confident are you, 0 to 10, that you could keep the diary?", "ruler", "confidence"),
    ("You said a four. What makes it a four rather than a two?", "ruler_why", None),
    ("what would it take to get you from a 4 to a 6?", "ruler_why", None),
])
def test_a_ruler_asks_for_a_number_on_one_scale_and_its_follow_up_asks_why(
        line: str, rule: str, scale: str | None) -> None:
    ask = read(line)
    assert (ask.rule, ask.scale) == (rule, scale)


def test_rating_a_symptom_out_of_ten_is_a_question_about_the_symptom_not_a_ruler() -> None:
    assert read("How would you rate your pain out of ten today?").rule != "ruler"


def test_a_who_clause_that_continues_a_description_asks_nothing() -> None:
    ask = read("But I see someone who still goes to work every day, who makes excellent slides, "
               "who is trying. That is not weak for me.")
    assert ask.form is Form.STATEMENT
    assert read("You mentioned a friend. Who is she?").slot is Slot.WHO


def test_a_step_put_and_then_checked_is_a_proposal_even_after_several_sentences() -> None:
    ask = read("Good questions. Let's say two weeks. And it's working if you get back off to "
               "sleep, or even just lie there calmer. You could note each morning what time you "
               "woke and whether you dropped off again. How does that sound?")
    assert (ask.form, ask.rule) == (Form.PROPOSAL, "proposal_then_check")


def test_a_bare_step_with_its_trial_period_is_a_proposal_and_a_question_about_one_is_not() -> None:
    ask = read("We can drop the recording. Just the notepad by the bed at four, for two weeks, "
               "and you tell me next time how it went?")
    assert (ask.form, ask.step) == (Form.PROPOSAL, "the notepad by the bed at four")
    assert read("Have you kept it up for two weeks?").form is Form.YES_NO


@pytest.mark.parametrize(("line", "form", "rule"), [
    ("What would move that four up to a five?", Form.WH, "ruler_why"),
    ("Use it or lose it. How do you feel about the idea of losing it?", Form.WH, "inner"),
    ("How do you feel about the idea of a diary?", Form.PROPOSAL, "proposal"),
    ("With that deadline from the committee, what, if anything, would you want to do about it?",
     Form.FUTURE, "key_question"),
    ("Treat it like a work task. So what would you put in the calendar for this week?",
     Form.FUTURE, "key_question"),
    ("Would you want to keep plot fourteen, or let it go?", Form.EITHER_OR, "choice_of_steps"),
])
def test_evoking_moves_are_read_as_what_they_ask(line: str, form: Form, rule: str) -> None:
    ask = read(line)
    assert (ask.form, ask.rule) == (form, rule)


@pytest.mark.parametrize("line", [
    "Where do you feel that grief when it comes up?",
    "When do you first remember feeling this kind of worry about your body?",
    "What was that moment in the shower like for you?",
    "When you imagine the worst, that it really is cancer, what's the picture you see?",
    "If it were something serious, what's the picture that comes into your head?",
])
def test_questions_about_a_feeling_a_memory_or_a_feared_picture_are_inner(line: str) -> None:
    assert read(line).rule == "inner"


@pytest.mark.parametrize(("line", "form"), [
    ("Any red flags - headaches waking you up, worse when you cough or bend, any changes in your "
     "vision?", Form.YES_NO),
    ("What stops you replying or going along?", Form.WH),
    ("How about the diary or the walk?", Form.EITHER_OR),
    ("Is it worse in the morning or at night?", Form.EITHER_OR),
    ("If the attacks weren't running things, what's the first thing you'd want back?",
     Form.FUTURE),
    ("Would you like to meet once more, at your pace, to look at that together?", Form.CLOSING),
])
def test_an_or_inside_a_question_is_a_choice_only_when_it_offers_options(
        line: str, form: Form) -> None:
    assert read(line).form is form


def test_sorry_i_did_not_catch_that_leads_into_the_question_it_asks_again() -> None:
    ask = read("Sorry, I didn't catch - any blood when you go to the loo, or does the pain wake "
               "you at night?")
    assert ask.form is Form.YES_NO


@pytest.mark.parametrize("line", [
    "When your brain senses danger, it releases adrenaline. Your heart speeds up, and that "
    "over-breathing is what causes the tingling. It feels awful, but a healthy heart copes with "
    "it. What do you make of that?",
    "When the mind is on guard all day, the neck and scalp muscles stay tight, and by "
    "mid-afternoon that's a tension headache. The gut reacts to alert signals too, which is why "
    "mornings before work are worse. How does that fit with what you've noticed?",
])
def test_an_explanation_then_what_do_you_make_of_it_is_information_checked_not_a_summary(
        line: str) -> None:
    assert read(line).rule == "information_then_check"


def test_a_when_clause_followed_by_what_happens_is_a_statement_and_one_followed_by_a_question_asks(
        ) -> None:
    assert read("When the headaches come, what do you do?").form is Form.WH


@pytest.mark.parametrize(("line", "form"), [
    ("Him going quiet sounds harder than the arguing. I was asking about your mum's comment.",
     Form.STATEMENT),
    ("What would it be like for you if people could see you on those calls?", Form.FUTURE),
    ("Okay, I'll see you next week.", Form.CLOSING),
    ("Hi Leah, I'm Sam.", Form.GREETING),
    ("you can totally say no", Form.STATEMENT),
])
def test_greetings_closings_and_steps_are_read_only_where_they_are_meant(
        line: str, form: Form) -> None:
    assert read(line).form is form


def test_what_did_you_say_to_someone_is_a_question_not_a_request_to_repeat() -> None:
    assert read("What did you say to Theo?").form is Form.WH
    assert read("Sorry, what did you say?").form is Form.REPEAT


@pytest.mark.parametrize(("line", "rule"), [
    ("why that and not a lower number?", "ruler_why"),
    ("what would get u from that to a higher number?", "ruler_why"),
    ("what, if anything, might u try?", "key_question"),
    ("how about twenty minutes at the plot on sunday, just to see?", "proposal"),
])
def test_lines_from_twenty_turns_with_each_persona_are_read_as_what_they_ask(
        line: str, rule: str) -> None:
    assert read(line).rule == rule


def test_a_hello_before_a_question_leaves_the_question_to_answer() -> None:
    assert read("hi leah, whats brought u in?").form is Form.WH
    assert read("hi leah, how are you?").form is Form.GREETING


def test_something_the_clinician_could_do_then_would_that_help_is_a_step_to_weigh() -> None:
    ask = read("Just the days off. I can write to him with your agreement, saying only what "
               "you're happy for him to know. Would that help?")
    assert ask.form is Form.PROPOSAL
    assert ask.step is not None and ask.step.startswith("write to him")


@pytest.mark.parametrize(("line", "slot"), [
    ("Hang on, what fits? I was asking what you're scared the ache might be.", Slot.WHAT),
    ("Sorry, I was asking how long it lasts.", Slot.HOW_LONG),
])
def test_i_was_asking_what_is_the_question_asked_again(line: str, slot: Slot) -> None:
    ask = read(line)
    assert (ask.form, ask.slot) == (Form.WH, slot)


@pytest.mark.parametrize("line", [
    "If nothing changes, where do you think you'll be in five years?",
    "It matters. If a treatment could change one thing for you, what would you want it to be?",
])
def test_a_question_about_years_ahead_or_an_imagined_change_looks_forward(line: str) -> None:
    assert read(line).form is Form.FUTURE


def test_where_someone_lived_two_years_ago_is_not_looking_forward() -> None:
    assert read("where were you living two years ago?").form is Form.WH


def test_what_the_patient_told_said_back_then_checked_is_a_summary() -> None:
    ask = read("Same history, completely different way of living with it. You've told me you want "
               "to watch Maya swim, have your evenings back with Tom, and maybe one night without "
               "the phone, while part of you still feels checking is the responsible thing. Have I "
               "got that about right?")
    assert ask.form is Form.SUMMARY


def test_a_which_clause_ending_a_statement_is_not_a_question() -> None:
    ask = read("So let me check I've got this. The stomach's been bad a couple of years, you live "
               "on your own, and Helen keeps putting you forward for senior analyst, which part of "
               "you wants. Is that about right?")
    assert ask.form is Form.SUMMARY


def test_before_you_go_out_to_check_is_part_of_a_question_not_a_goodbye() -> None:
    ask = read("At the gala itself, what's the first thing you notice before you go out to check?")
    assert (ask.form, ask.slot) == (Form.WH, Slot.WHAT)
    assert read("Thanks for coming in. Take care, and one more thing before you go.").form is (
        Form.CLOSING)


@pytest.mark.parametrize("line", ["What's one small thing you could try before then?",
                                  "What would be a first step you could take?"])
def test_one_small_thing_you_could_try_is_the_key_question(line: str) -> None:
    ask = read(line)
    assert (ask.form, ask.rule) == (Form.FUTURE, "key_question")


@pytest.mark.parametrize("line", [
    "A loud house with a nine-year-old and a six-year-old. What kind of mum do you want to be for "
    "Maya and Sam?",
    "What sort of friend would you like to be to him on the day?",
])
def test_what_kind_of_person_you_want_to_be_looks_forward(line: str) -> None:
    assert read(line).form is Form.FUTURE


@pytest.mark.parametrize(("line", "form", "rule"), [
    ("Tell me about the stomach flare-ups - when do they tend to happen?", Form.WH, "wh_when"),
    ("What would a typical evening look like, once you're back on the settee?", Form.WH,
     "wh_what"),
    ("what would a good day look like?", Form.FUTURE, "looking_forward"),
    ("Shall we have another natter in a fortnight?", Form.CLOSING, "closing"),
    ("I guess I was wondering how it felt when Theo asked.", Form.WH, "inner"),
])
def test_a_line_from_the_after_18_round_is_read_as_it_was_meant(
        line: str, form: Form, rule: str) -> None:
    ask = read(line)
    assert (ask.form, ask.rule) == (form, rule)


def test_get_up_and_do_that_speech_is_one_question_not_a_yes_no() -> None:
    assert read("What would it mean to you to get up and do that speech for him?").form is (
        Form.WH)


@pytest.mark.parametrize(("line", "step"), [
    ("what if you wrote back to the committee this week?", "write back to the committee this week"),
    ("what if you were to book the appointment?", "book the appointment"),
    ("How about giving that a go?", None),
])
def test_what_if_you_did_proposes_the_step_in_its_own_verb(line: str, step: str | None) -> None:
    ask = read(line)
    assert (ask.form, ask.step) == (Form.PROPOSAL, step)


def test_who_of_you_or_tom_has_me_and_tom_as_its_options() -> None:
    assert read("Who does the swimming runs, you or Tom?").options == ("me", "tom")


def test_what_would_tom_notice_looks_forward_but_what_do_you_notice_asks_now() -> None:
    assert read("What would Tom notice?").form is Form.FUTURE
    assert read("what do you notice?").form is Form.WH


@pytest.mark.parametrize("line", [
    "And in that evening, where would you be, and who'd be with you?",
    "It would mean something. And in that year-from-now, how are your evenings with Sue, and "
    "the four a.m. wake-ups?",
])
def test_a_question_inside_an_imagined_future_looks_forward(line: str) -> None:
    assert read(line).form is Form.FUTURE


def test_a_m_and_dr_do_not_end_a_sentence() -> None:
    assert read("and the four a.m. wake-ups, how are they?").form is Form.WH
    assert read("I spoke to Dr. Patel. What did he say?").text == "what did he say?"


@pytest.mark.parametrize(("step", "said_back"), [
    ("try leaving my phone downstairs at night for a week", "leaving my phone downstairs"),
    ("going for a short walk at lunchtime", "going for a short walk"),
    ("write the worries down before bed", "write the worries down"),
    ("trying a bit of gardening with sue at the weekend", "a bit of gardening with sue"),
    ("go down with kelly and just do one bed", "go down with kelly"),
    ("the breathing exercise", "the breathing exercise"),
    ("writing a list of everything you check and everything you worry about", ""),
])
def test_a_step_is_said_back_by_its_head_or_not_at_all_when_too_long(step: str,
                                                                     said_back: str) -> None:
    assert echoed_step(step) == said_back


@pytest.mark.parametrize("line", [
    "So where does that leave you?",
    "Given all that, and what matters to you with Sam and Maya, where does that leave you?",
    "Before I suggest anything, what ideas do you have yourself for giving that list less hold?",
    "I'm still curious, though: what do you think might help with the list?",
    "If there were one small thing you could do this week, just for you and Tom, what would it be?",
    "What's one small thing you think you could try this week?",
])
def test_asking_for_their_own_next_step_is_the_key_question(line: str) -> None:
    ask = read(line)
    assert (ask.form, ask.rule) == (Form.FUTURE, "key_question")


@pytest.mark.parametrize("line", ["A five. What puts you at a five rather than a two?",
                                  "What is it that gives you that much confidence?"])
def test_why_the_number_is_not_lower_asks_for_reasons(line: str) -> None:
    assert read(line).rule == "ruler_why"


def test_a_cleft_either_or_offers_the_time_not_the_whole_clause() -> None:
    ask = read("Is it at four in the morning that it really gets going, or during the day?")
    assert ask.form is Form.EITHER_OR
    assert ask.options[0].endswith("in the morning") and ask.options[1] == "during the day"


def test_you_can_almost_watch_their_face_change_says_what_they_live_and_proposes_nothing(
        ) -> None:
    assert read("You can almost watch their face change, as if the notes have decided who you "
                "are.").form is not Form.PROPOSAL


def test_shall_we_pick_it_up_from_there_next_time_closes() -> None:
    assert read("Shall we pick it up from there next time and see how it went?").form is (
        Form.CLOSING)


def test_what_would_it_mean_if_asks_what_it_means_to_them() -> None:
    assert read("What would it mean if it wasn't just your stomach?").rule == "inner"


def test_not_following_and_asking_what_they_meant_invites_more() -> None:
    ask = read("I'm not sure I followed. What's running you?")
    assert (ask.form, ask.rule) == (Form.INVITE, "what_you_meant")


def test_part_of_why_not_knowing_proposes_nothing() -> None:
    assert read("Is he part of why not knowing for sure feels so dangerous?").form is not (
        Form.PROPOSAL)
    assert read("Why not try the app?").form is Form.PROPOSAL


@pytest.mark.parametrize("line", ["Which of those, if any, feels least scary to you?",
                                  "So, therapy, a self-help course, a tablet, or nothing for now: "
                                  "what would you choose?"])
def test_asking_which_treatment_they_would_choose_asks_for_their_step(line: str) -> None:
    assert read(line).rule == "key_question"


def test_which_sounds_terrifying_inside_a_reflection_is_not_a_choice() -> None:
    assert read("so it's the racing heart, which sounds terrifying, is there anything that sets "
                "them off").rule != "key_question"


def test_a_list_of_treatments_then_what_do_you_make_of_those_is_information_checked() -> None:
    ask = read("There are three main routes: a talking therapy called CBT; self-help books based "
               "on the same ideas; and a tablet called an SSRI, which takes a few weeks to work. "
               "What do you make of those?")
    assert (ask.form, ask.rule) == (Form.CHECK, "information_then_check")
