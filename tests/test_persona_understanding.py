"""The shipped personas know their lives and speak in their own voices."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from shipped_talk import CATALOG, play, said

from mi_sim.engine.answering import YES_NO_SHAPED, ruler_number
from mi_sim.engine.fact_cues import is_cue_word
from mi_sim.engine.persona import FORM_BANKS, Move, Reply, all_replies
from mi_sim.engine.state import start_state
from mi_sim.engine.turn import open_session, take_turn
from mi_sim.engine.vocabulary import CORE_FACT_KINDS, FactKind
from mi_sim.scenarios.lint import lint_persona

# One plain question per kind; the blind sets in bench/data/understanding ask in many more ways.
ASKED: dict[FactKind, str] = {
    FactKind.NAME: "What would you like me to call you?",
    FactKind.AGE: "How old are you?",
    FactKind.HOUSEHOLD: "Who lives at home with you?",
    FactKind.PARTNER: "Do you have a partner?",
    FactKind.CHILDREN: "Have you got any children?",
    FactKind.PARENTS: "Tell me about your parents.",
    FactKind.SIBLINGS: "Do you have any brothers or sisters?",
    FactKind.FRIENDS: "Who do you talk to when things are hard?",
    FactKind.PETS: "Any pets?",
    FactKind.HOME: "Where do you live?",
    FactKind.WORK: "What do you do for work?",
    FactKind.DAY: "What does a normal day look like for you?",
    FactKind.HOBBIES: "What do you do in your free time?",
    FactKind.MONEY: "How are things for you money-wise?",
    FactKind.PLANS: "Have you got anything coming up in the next few months?",
    FactKind.SYMPTOMS: "What are the symptoms like?",
    FactKind.ONSET: "When did it all start?",
    FactKind.DURATION: "How long has this been going on?",
    FactKind.EPISODE_LENGTH: "How long does a bad spell last?",
    FactKind.FREQUENCY: "How often does it happen?",
    FactKind.WHERE: "Where does it happen, mostly?",
    FactKind.TRIGGERS: "What sets it off?",
    FactKind.RELIEF: "What helps, when it's bad?",
    FactKind.WORST: "When is it at its worst?",
    FactKind.SLEEP: "How are you sleeping?",
    FactKind.APPETITE: "How's your appetite?",
    FactKind.TESTS: "What tests have you had?",
    FactKind.DOCTORS: "Who have you seen about this so far?",
    FactKind.MEDICATION: "Are you taking any medication?",
    FactKind.THERAPY: "Have you ever had counselling or therapy?",
    FactKind.FAMILY_HISTORY: "Does anything like this run in your family?",
    FactKind.ALCOHOL: "Do you drink alcohol?",
    FactKind.SMOKING: "Do you smoke?",
    FactKind.CAFFEINE: "How much coffee do you have in a day?",
    FactKind.DRUGS: "Do you use any recreational drugs?",
    FactKind.EXERCISE: "Do you get much exercise?",
    FactKind.BELIEF: "What do you think is causing it?",
    FactKind.OTHERS_VIEW: "What does your family make of all this?",
    FactKind.VISIT_GOAL: "What are you hoping to get out of today?",
    FactKind.ONLINE: "Do you look things up online about it?",
    FactKind.IMPACT: "What has it stopped you doing?",
    FactKind.SAFETY: "Is there anything you do to help you feel safe?",
    FactKind.FEAR: "What are you most afraid would happen?",
    FactKind.LAST_WELL: "When did you last feel really well?",
    FactKind.BETTER_TIMES: "When was the last time it was a bit better?",
    FactKind.COPING: "How have you kept going through all this?",
    FactKind.FAITH: "Does religion or faith play any part in your life?",
    FactKind.CONTROL: "How much control do you feel you have over it?",
    FactKind.OUTLOOK: "How long do you expect this to go on for?",
    FactKind.CONVINCE: "What would have to happen for you to see it differently?",
    FactKind.UPSIDE: "What's good about things staying as they are?",
    FactKind.LAST_EPISODE: "When was the last attack, or the last bad one?",
    FactKind.RISK: "Have things ever got so bad you've had thoughts of harming yourself?",
    FactKind.ALLERGIES: "Do you have any allergies?",
    FactKind.TODAY: "How are you feeling right now?",
}


def test_every_core_kind_has_a_plain_question_here() -> None:
    assert set(ASKED) == set(CORE_FACT_KINDS)


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_shipped_persona_is_schema_2_and_lints_clean(slug: str) -> None:
    persona = CATALOG[slug]
    assert persona.understands
    assert lint_persona(persona) == []


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("kind", sorted(ASKED, key=lambda k: k.value), ids=lambda k: k.value)
def test_a_plain_factual_question_is_answered_from_the_fact_of_its_kind(
        slug: str, kind: FactKind) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, None, 3)
    result = take_turn(persona, state, ASKED[kind])
    source = result.trace.source
    assert source.startswith("fact."), (ASKED[kind], source, result.reply_text)
    fact = persona.fact(source.removeprefix("fact.").removesuffix(".deflect"))
    assert fact is not None
    assert fact.kind is kind or (fact.kind in (FactKind.PERSON, FactKind.OTHER)), fact.name


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_shipped_persona_answers_every_named_person_by_name(slug: str) -> None:
    persona = CATALOG[slug]
    for fact in persona.fact_sheet:
        if fact.kind is not FactKind.PERSON:
            continue
        names = [k for k in fact.keywords if re.fullmatch(r"[a-z][a-z .'-]+", k)
                 and not is_cue_word(k)]
        if not names:
            continue  # a person known by a kinship word only ("dad") is asked about as such
        name = names[0]
        state, _ = open_session(persona, None, 3)
        result = take_turn(persona, state, f"Who's {name.title()}?")
        assert result.trace.source.startswith(f"fact.{fact.name}"), (name, result.reply_text)


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_shipped_persona_has_every_bank_by_form(slug: str) -> None:
    assert set(CATALOG[slug].banks) >= FORM_BANKS


def test_no_two_personas_share_a_reply_of_four_words_or_more() -> None:
    owners: dict[str, set[str]] = {}
    for slug, persona in CATALOG.items():
        for reply in all_replies(persona):
            text = " ".join(re.findall(r"[a-z']+", reply.text.lower()))
            if len(text.split()) >= 4:
                owners.setdefault(text, set()).add(slug)
    shared = {text: who for text, who in owners.items() if len(who) > 1}
    assert shared == {}


def test_they_after_the_children_are_named_means_the_children_and_then_each_child() -> None:
    sources = play("health-anxiety", ["Do you have kids?", "How old are they?",
                                      "What are they like?"])
    assert sources[:2] == ["fact.children", "fact.children"]
    assert sources[2] in ("fact.maya", "fact.sam")


def test_he_after_a_death_is_asked_about_is_the_family_history() -> None:
    sources = play("health-anxiety", ["Has anyone in your family been ill?",
                                      "How long ago did he die?"])
    assert sources == ["fact.family_history", "fact.family_history"]


def test_a_fact_asked_again_by_its_own_phrase_is_told_again_not_taken_as_a_new_angle() -> None:
    sources = play("social-anxiety", ["Have you started writing the speech yet?",
                                      "Is any of it written down yet?",
                                      "How's the speech coming along?"])
    assert sources == ["fact.speech_written"] * 3


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("generalised-anxiety", "Dr Hale's letter mentioned your mother too. How is she getting on, "
     "living on her own?", "fact.mum"),
    ("generalised-anxiety", "Your mum sounds independent. How often do you ring her?", "fact.mum"),
    ("generalised-anxiety", "How long have you been waking at four like this?", "fact.duration"),
    ("panic-disorder", "How many placement shifts have you missed so far?", "fact.placement"),
    ("panic-disorder", "Sorry, I'll ask it differently: roughly how many shifts at the vet "
     "practice have you had to miss?", "fact.placement"),
    ("health-anxiety", "Do you know what the radiologist who did your ultrasound was called?",
     "dont_know"),
    ("panic-disorder", "How does Theo get on with all this? Does he know about the attacks?",
     "fact.theo_view"),  # what Theo makes of it: his view, not the family overview
    ("generalised-anxiety", "Geoff sounds like a good sort. Does he know about the headaches?",
     "fact.geoff_view"),
    ("generalised-anxiety", "What do you do at weekends?", "fact.weekend"),
    ("health-anxiety", "What do you get up to on a Saturday?", "fact.hobbies"),
    ("health-anxiety", "How old were you when your dad died?", "fact.family_history"),
    ("generalised-anxiety", "How old were you when the headaches started?", "fact.onset"),
    ("generalised-anxiety", "How old did you say you were?", "fact.age"),
    ("health-anxiety", "How many scans have you had?", "fact.tests"),
    ("social-anxiety", "How long have you been at your job?", "fact.work"),
    ("generalised-anxiety", "How long have you worked there?", "fact.work"),
    ("panic-disorder", "And Mum - what does she think is going on?", "fact.others_view"),
    ("panic-disorder", "What about ur mum though, what's her take?", "fact.joanne_view"),
    ("panic-disorder", "How does your mum see all this?", "fact.joanne_view"),
    ("panic-disorder", "Do your friends from the course know about the attacks?",
     "fact.others_view"),
    ("somatic-symptoms", "And Phil, what does he reckon is going on with you?",
     "fact.phil_view"),
    ("social-anxiety", "Tell me about Jordan, how long have you two known each other?",
     "fact.jordan"),
    ("social-anxiety", "How long have you been feeling like this?", "fact.duration"),
    ("social-anxiety", "Did the results come back?", "fact.tests"),
    ("social-anxiety", "Before we get into that, can you tell me a bit about when the stomach "
     "stuff first started? Like, how far back does it go?", "fact.onset"),
    ("social-anxiety", "The stomach flare-ups, Dr Patel mentioned they happen on certain days. "
     "What does a flare-up feel like?", "fact.symptoms"),
    ("generalised-anxiety", "Yes, you did. What does Sue make of the four o'clock waking and the "
     "checking?", "fact.sue_view"),
    ("generalised-anxiety", "What does your wife make of it all?", "fact.sue_view"),
    ("health-anxiety", "What tests have you had so far, apart from the ultrasound?", "fact.tests"),
    ("panic-disorder", "Have you had any other tests apart from the ECGs?", "fact.tests"),
    ("health-anxiety", "And when did you first notice the lump?", "fact.onset"),
    ("generalised-anxiety", "What time do you normally go to bed?", "fact.sleep"),
    ("somatic-symptoms", "Phil worries and makes tea, Kelly says slow down. You mentioned Craig, "
     "is he your manager?", "fact.person_craig"),
    ("somatic-symptoms", "Um, but Craig. Who is he? And the sickness reviews this year, what "
     "happened at those?", "fact.absence_reviews"),
    ("generalised-anxiety", "And your mum, she's seventy-nine and on her own, how's she getting "
     "on these days?", "fact.mum"),
    ("panic-disorder", "so how do you get to college then?", "fact.work"),
    ("somatic-symptoms", "You said six o'clock starts. What time do you have to get up for that?",
     "fact.day"),
    ("somatic-symptoms", "How far is your drive to the depot?", "fact.day"),
    ("somatic-symptoms", "Every Wednesday down to just Saturdays. What about medication, what "
     "have you tried for the pain, and what are you on now?", "fact.medication"),
    ("social-anxiety", "I think I meant more what it feels like. When it's bad, is it cramps, is "
     "it having to rush to the loo, or, um, something else?", "fact.symptoms"),
    ("social-anxiety", "Mostly, but that 'mostly' is doing some work. Going back to the senior "
     "analyst role: what happened when Helen put you forward?", "fact.senior_role"),
    ("social-anxiety", "What happened the two times she put you forward?", "fact.senior_role"),
    ("panic-disorder", "The 24-hour monitor - when was that?", "fact.test_monitor"),
    ("generalised-anxiety", "ok so desk, fair enough. when do the headaches usually start in the "
     "day?", "fact.symptoms"),
    ("generalised-anxiety", "What time of day do they usually start?", "fact.symptoms"),
    ("social-anxiety", "Off, with a shrug. You mentioned five-a-side to Dr Patel at some point - "
     "when did you last play?", "fact.exercise"),
    ("social-anxiety", "Neck first, like hot water. Does the same thing happen on team calls at "
     "work?", "fact.where"),
    ("social-anxiety", "Outside work - who do you see? Who's around for you?", "fact.friends"),
    ("health-anxiety", "Coffee and stubbornness - that's a hard way to run. When you're on your "
     "phone until one or two, what are you reading?", "fact.online"),
    ("panic-disorder", "Seeing a cardiologist is what you really want out of this, I hear that. "
     "I'm curious about that very first attack, though. Which bus were you on when it happened?",
     "fact.onset"),
])
def test_the_fact_that_answers_is_the_one_the_question_points_to(
        slug: str, line: str, source: str) -> None:
    assert play(slug, [line]) == [source]


def test_a_fact_asked_again_once_every_answer_is_said_is_recapped_briefly_not_recited() -> None:
    persona = CATALOG["panic-disorder"]
    state, _ = open_session(persona, None, 3)
    said = []
    for line in ["Who lives at home with you?", "That sounds busy.",
                 "Sorry, remind me who's at home?", "And who's at home again?"]:
        result = take_turn(persona, state, line)
        state = result.state
        said.append(result.reply_text)
    first, _, second, third = said
    assert second != first and third != first
    for retold in (second, third):
        assert retold.split()[0] in ("Like", "Um,", "I", "Same", "Yeah,")  # a lead-in
        assert len(retold.split()) < len(first.split())  # the gist, not the whole answer
    assert "Mum" in second and "mum" not in second  # a kin word keeps its capital


def test_a_fact_asked_again_with_again_prefers_what_was_told_to_an_untold_rival() -> None:
    sources = play("generalised-anxiety", ["How long have you been married?",
                                           "Sorry, how long was it again?"])
    assert sources == ["fact.partner", "fact.partner"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_how_long_at_home_and_at_work_is_answered_with_a_length(slug: str) -> None:
    for line in ("How long have you lived there?", "How long have you been in your job?"):
        persona = CATALOG[slug]
        state, _ = open_session(persona, None, 1)
        reply = take_turn(persona, state, line).reply_text
        assert re.search(r"\b(?:years?|since|months?)\b", reply), (line, reply)


def test_two_factual_questions_in_one_line_are_both_answered_the_earlier_one_first() -> None:
    persona = CATALOG["panic-disorder"]
    state, _ = open_session(persona, None, 3)
    result = take_turn(persona, state, "Who's at home with you? And what do you do for work?")
    reply = result.reply_text
    assert result.trace.source == "fact.work"
    assert "Mum" in reply and "nursing" in reply and reply.index("Mum") < reply.index("nursing")
    assert {"household", "work"} <= set(result.state.stated)


def test_a_second_question_about_the_same_fact_is_answered_once() -> None:
    persona = CATALOG["generalised-anxiety"]
    state, _ = open_session(persona, None, 3)
    result = take_turn(persona, state, "Who lives with you? Is it just you and Sue?")
    assert result.trace.understanding is not None
    assert result.trace.understanding["also"] is None


def test_information_then_a_check_is_met_with_a_reaction_to_the_information() -> None:
    assert play("panic-disorder", [
        "When the brain thinks there's danger, it floods the body with adrenaline: your heart "
        "races and your fingers tingle. It's the alarm firing, not the heart failing. What do "
        "you make of that?"]) == ["giving_information"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_choice_between_two_steps_is_never_answered_with_a_fact(slug: str) -> None:
    [source] = play(slug, [
        "You've told me how bad the nights are. You could either keep a short diary each "
        "morning, or you could try a ten-minute walk once this week. Which of those, if "
        "either, feels more like you?"])
    assert not source.startswith("fact.") and source != "dont_know"


def test_a_how_often_question_gets_the_answer_that_says_how_often_at_any_band() -> None:
    persona = CATALOG["social-anxiety"]
    state, _ = open_session(persona, None, 3)
    state = replace(state, rapport=-0.5)  # guarded: the short answer has no "how often"
    reply = take_turn(persona, state, "Nadia, thirty-two. How often do you see her?").reply_text
    assert "Sundays" in reply


@pytest.mark.parametrize("seed", range(1, 9))
def test_one_past_occasion_is_never_answered_with_some_days(seed: int) -> None:
    persona = CATALOG["panic-disorder"]
    for line in ("On that first day on the bus, was anyone with you or were you by yourself?",
                 "That first time on the bus, were you on your own?"):
        state, _ = open_session(persona, None, seed)
        reply = take_turn(persona, state, line).reply_text
        assert not re.search(r"some days|sometimes|on a bad day|depends", reply, re.I), reply


def test_would_you_come_back_asks_about_another_meeting_not_test_results() -> None:
    assert play("social-anxiety", ["Would you want to come back and talk again?"]) == [
        "closing"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_weekend_is_answered_with_the_weekend_not_a_working_day(slug: str) -> None:
    assert play(slug, ["What does a typical weekend look like for you?"]) == ["fact.weekend"]


def test_advice_dressed_as_have_you_tried_is_heard_as_a_push_not_a_question() -> None:
    assert play("social-anxiety", ["Have you tried just practising it in front of a mirror? "
                                   "You should give it a go."]) == ["persuade"]


def test_a_question_about_what_matters_is_not_answered_with_a_named_persons_fact() -> None:
    [source] = play("social-anxiety", ["What matters most to you about being Jordan's best "
                                       "man?"])
    assert not source.startswith("fact.")


@pytest.mark.parametrize(("slug", "line"), [
    ("social-anxiety", "Guitar since fourteen, songs nobody's heard, bass at uni, and you said "
     "you run. And then this bit: everything you like, you do on your own now. That sounds like "
     "it matters. What did you used to do with other people, that you've stopped?"),
    ("health-anxiety", "A part-time job nobody's paying you for. And I'm guessing it doesn't "
     "feel optional - it feels like the responsible thing to do. What does a check give you, in "
     "that moment right after?"),
])
def test_a_noun_far_back_in_a_reflection_does_not_decide_what_a_later_question_asks(
        slug: str, line: str) -> None:
    assert play(slug, [line]) != ["fact.work"]


@pytest.mark.parametrize(("slug", "line"), [
    ("generalised-anxiety", "A call every evening and Sundays round at hers. If she didn't pick "
     "up at seven one night, what would happen inside you?"),
    ("generalised-anxiety", "Awake at four, two hours before the alarm. What goes through your "
     "mind at that time?"),
])
def test_a_question_about_the_inner_life_is_not_answered_with_a_fact_named_around_it(
        slug: str, line: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=1)
    result = take_turn(persona, state, line)
    fact = result.trace.understanding["fact"]
    assert not result.trace.source.startswith("fact.") or (  # the thoughts written for that
        fact["why"] == "a follow-up written for it")  # moment ("awake at four: the list")


def test_what_kept_him_out_of_the_shed_gets_the_reason_its_author_wrote_not_the_clocks_again(
        ) -> None:
    persona = CATALOG["generalised-anxiety"]
    state, _ = open_session(persona, seed=2022)
    result = take_turn(persona, state, "Your dad's clock, in pieces on the bench since before "
                       "Christmas. What's kept you out of the shed?")
    assert result.trace.understanding["fact"]["why"] == "a follow-up written for it"
    assert "gutter" in result.reply_text


def test_the_clinicians_own_friend_is_not_asked_about_and_have_you_tried_asks_what_helps() -> None:
    assert play("panic-disorder", ["have u tried breathing into a paper bag? my friend does "
                                   "that"]) == ["fact.relief"]


def test_have_you_tried_with_a_claim_that_it_works_is_heard_as_the_push_it_is() -> None:
    assert play("panic-disorder", ["have u tried breathing into a paper bag? my friend does that "
                                   "and it really helps her"]) == ["persuade"]


@pytest.mark.parametrize("seed", [4, 5])
def test_an_offer_to_explain_is_honoured_with_what_the_patient_makes_of_it(seed: int) -> None:
    persona = CATALOG["panic-disorder"]
    state, _ = open_session(persona, None, seed)
    state = take_turn(persona, state, "Is it your heart, do you think, or something else?").state
    offered = take_turn(persona, state, "Do you think it might be panic?")
    assert offered.reply.offer  # "Kind of. Can I explain instead of just saying yes or no?"
    after = take_turn(persona, offered.state, "go ahead and explain")
    assert after.trace.understanding is not None
    assert any(n.startswith("honoured the patient's offer") for n in
               after.trace.understanding["notes"])  # what was being talked about, else her view
    assert after.trace.source not in ("unsure", "invite", "fallback")


def test_asking_whether_two_things_are_connected_asks_what_the_patient_thinks() -> None:
    assert play("generalised-anxiety", [
        "and the new system going live in oct, same time the headaches started. do u think thats "
        "connected?"]) == ["fact.belief"]


def test_i_was_asking_about_the_journey_is_not_answered_with_the_job_again() -> None:
    sources = play("somatic-symptoms", [
        "What do you do for work?",
        "You are, clearly. I was asking about the journey, though. How long does it take you to "
        "get in to work?"])
    assert sources[0] == "fact.work" and sources[1] != "fact.work"


@pytest.mark.parametrize("line", [
    "thinking ahead since u were a boy, thats interesting. what kind of stuff do u think ahead "
    "about?",
    "Going through the list. So what's on the list, at four in the morning? What sort of things?",
])
def test_what_is_on_the_worriers_list_is_answered_with_the_list(line: str) -> None:
    assert play("generalised-anxiety", [line]) == ["fact.the_list"]


def test_family_nearby_is_the_family_outside_the_home() -> None:
    assert play("social-anxiety", ["Is there family nearby?"]) == ["fact.parents"]


def test_who_is_your_manager_is_answered_with_the_manager_not_the_job() -> None:
    assert play("somatic-symptoms", ["Who's your manager at the depot?"]) == ["fact.person_craig"]


def test_does_he_know_after_the_patient_named_someone_asks_about_that_person() -> None:
    assert play("generalised-anxiety", ["Who's Geoff?", "Does he know about the headaches?"]) == [
        "fact.geoff", "fact.geoff_view"]  # who he is, then what he knows of it
    assert play("panic-disorder", ["Do you have any brothers or sisters?",
                                   "Does he know about the attacks?"])[1] == "fact.theo_view"


def test_how_long_have_you_had_it_after_a_thing_is_talked_about_is_that_thing() -> None:
    assert play("somatic-symptoms", ["Plot fourteen, is that an allotment?",
                                     "How long have you had it?"]) == ["fact.allotment"] * 2
    assert play("panic-disorder", ["What are the attacks like?", "How long have you had them?"]
                ) == ["fact.symptoms", "fact.duration"]


def test_what_would_make_it_worth_your_while_asks_what_they_want_from_the_visit() -> None:
    assert play("somatic-symptoms", ["I can see you weren't sure about today. What would make it "
                                     "worth your while?"]) == ["fact.visit_goal"]


def test_asked_to_come_back_the_patient_answers_it() -> None:
    persona = CATALOG["somatic-symptoms"]
    state, _ = open_session(persona, None, 901)
    result = take_turn(persona, state, "That's fine, it's your call. Would you want to come back "
                                       "in a couple of weeks and talk again?")
    assert result.trace.source == "closing"
    assert "asked to come back: a closing that answers it" in result.trace.understanding["notes"]


@pytest.mark.parametrize(("slug", "line"), [
    ("panic-disorder", "Can I ask you something different - if it were Priya having these "
     "attacks, avoiding buses and missing shifts, what would you tell her?"),
    ("generalised-anxiety", "If Danny were in your shoes one day, awake at four every morning "
     "running through a list, what would you want to say to him?"),
    ("health-anxiety", "If Maya were grown up and in your shoes one day, what would you want for "
     "her?"),
    ("social-anxiety", "What would you say to a friend in your shoes?"),
    ("somatic-symptoms", "If Kelly were going through this, what would you tell her?"),
])
def test_someone_else_in_the_patients_place_gets_what_the_patient_would_tell_them(
        slug: str, line: str) -> None:
    assert play(slug, [line]) == ["advise_other"]


def test_a_test_the_patient_never_had_is_not_known_but_one_they_had_is_told() -> None:
    assert play("somatic-symptoms", ["What's your blood pressure usually? Do you know?"]) == [
        "dont_know"]
    assert play("somatic-symptoms", ["have you had an MRI?"]) == ["fact.test_mri"]
    assert play("generalised-anxiety", ["What's your blood pressure usually?"]) == [
        "fact.test_blood_pressure"]


def test_does_anyone_at_work_say_anything_asks_what_others_think() -> None:
    assert play("social-anxiety", ["Sorry, I wasn't saying it was. Does anyone at work ever say "
                                   "anything about it though?"]) == ["fact.others_view"]


@pytest.mark.parametrize(("slug", "line"), [
    ("panic-disorder", "Right. But have you ever actually fainted or blacked out during one?"),
    ("somatic-symptoms", "Any red flags - weight loss, night sweats, fevers?"),
    ("social-anxiety", "Any red flags on the gut side - blood in your stool, weight loss, waking "
     "at night to go?"),
    ("health-anxiety", "Any weight loss, night sweats, blood in your stool?"),
    ("generalised-anxiety", "Do the headaches ever wake you, any sickness, anything with your "
     "vision?"),
])
def test_red_flag_questions_get_the_red_flags_answer(slug: str, line: str) -> None:
    assert play(slug, [line]) == ["fact.red_flags"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_question_about_mood_gets_the_mood_answer(slug: str) -> None:
    assert play(slug, ["And in terms of mood, how have you been in yourself?"]) == ["fact.mood"]


@pytest.mark.parametrize("line", [
    "Every evening at seven, without fail. What goes through your head if she doesn't pick up?",
    "I'd like to stay with your mum a moment. Say you ring at seven and it just rings out - what "
    "do you do?",
])
def test_what_martin_does_when_his_mum_does_not_answer_is_a_fact_of_his(line: str) -> None:
    assert play("generalised-anxiety", [line]) == ["fact.mum_no_answer"]


def test_how_long_have_you_been_there_after_the_job_is_the_job() -> None:
    assert play("somatic-symptoms", ["What do you do for work?",
                                     "Sorry, say that again, how long have you been there?"]) == [
        "fact.work", "fact.work"]


def test_what_does_she_think_is_what_she_thinks_not_who_she_is() -> None:
    assert play("panic-disorder", ["and ur mum? what does she think"]) == ["fact.joanne_view"]


def test_how_long_have_you_had_it_after_a_lump_is_when_it_began() -> None:
    assert play("health-anxiety", ["tell me about the lump", "how long u had it"]) == [
        "fact.lump", "fact.onset"]


def test_what_went_through_your_mind_when_you_saw_the_letter_is_about_the_letter() -> None:
    assert play("somatic-symptoms", [
        "When you saw 'Psychological Medicine' across the top of that letter, what went through "
        "your mind?"]) == ["fact.referral_letter"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("line", [
    "How's this going for you so far, talking to me? Be honest, I can take it.",
    "I asked earlier and we got sidetracked: how's this conversation been for you so far?",
    "am i asking too many questions?",
])
def test_asked_how_the_conversation_is_going_the_patient_says_how_it_feels(
        slug: str, line: str) -> None:
    assert play(slug, [line]) == ["check_in"]


def test_the_key_question_names_a_step_once_the_patient_is_ready_and_weighs_it_before() -> None:
    good = ["It sounds like the attacks have taken a lot from you this year.",
            "You've kept going with your course through all of it, that takes real determination.",
            "Part of you wants to get back on the bus, and part of you is scared of what your "
            "heart will do.", "What matters most to you about qualifying?",
            "Being the one who drives and gets herself places really matters to you.",
            "On a scale of 0 to 10, how important is it to get some of that freedom back?",
            "What makes it a four and not a one?"]
    key = "What, if anything, do you think you'll do?"
    assert play("somatic-symptoms", [*good, key], seed=3)[-1].endswith(".accept")
    assert play("panic-disorder", [key], seed=3) == ["key_question"]  # too early: weighing it,
    # in a line written for the key question, not a reply to a step nobody proposed


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_when_they_last_felt_well_is_something_every_patient_remembers(slug: str) -> None:
    assert play(slug, ["When did you last feel really well, calm, not on guard?"]) == [
        "fact.last_well"]


@pytest.mark.parametrize(("slug", "line"), [
    ("health-anxiety", "What's that like for you, when the evening comes and the worry creeps "
     "back?"),
    ("generalised-anxiety", "What does it say about you, in your mind, that you're the one who "
     "keeps an eye on everyone?"),
])
def test_how_something_is_for_the_patient_is_not_answered_with_a_fact(slug: str,
                                                                       line: str) -> None:
    [source] = play(slug, [line])
    assert not source.startswith("fact.")


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("health-anxiety", "apart from these symptoms, have you had any illnesses or operations in "
     "the past?", "fact.past_history"),
    ("panic-disorder", "Have you had any other health problems in the past, or any operations?",
     "fact.past_history"),
    ("health-anxiety", "What were you hoping we might do for you today?", "fact.visit_goal"),
    ("health-anxiety", "And the ache itself, does anything make it better or worse?",
     "fact.relief"),
    ("health-anxiety", "when you found it, what did you think it might be?", "fact.belief"),
])
def test_a_medical_students_history_questions_get_their_facts(slug: str, line: str,
                                                              source: str) -> None:
    assert play(slug, [line]) == [source]


@pytest.mark.parametrize("line", ["What went through your mind when you found it?",
                                  "How worried are you about the placement?"])
def test_a_question_about_how_it_felt_is_not_answered_with_a_fact(line: str) -> None:
    [source] = play("panic-disorder", [line])
    assert not source.startswith("fact.")


def test_a_fact_whose_every_answer_opens_not_much_still_answers_a_when_question() -> None:
    assert play("health-anxiety", ["Crime novels and parkrun, and now the forums have taken "
                                   "that time. When did you last do a parkrun?"]) == [
        "fact.exercise"]


def test_reading_a_leaflet_with_your_mum_is_not_a_bus_stop_with_your_mum() -> None:
    [source] = play("panic-disorder", ["So would you rather read it on your own at home, or "
                                       "read it with your mum there?"], seed=1131)
    assert "one_small_step" not in source


NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("line", [
    "On a scale of 0 to 10, how important is it to you to get this sorted?",
    "if 0 is not bothered and 10 is very important — where would you put it?",
    "so out of ten, how ready are you to give something a go",
    "How confident are you, from 0 to 10, that you could try one small thing?",
])
def test_a_ruler_is_answered_with_a_number_on_the_scale_it_asks_about(
        slug: str, line: str) -> None:
    [(source, reply)] = said(slug, [line])
    assert source == "ruler"
    first = reply.split()[0].strip(".,?!").lower()
    assert first in NUMBER_WORDS, reply
    rest = reply.split(" ", 1)[1]
    chosen = next(r for r in CATALOG[slug].banks[Move.RULER] if r.text.endswith(rest))
    scale = next((w for w in ("confident", "ready") if w in line), None)
    assert (scale in chosen.heard) if scale else not chosen.heard  # the scale it asks about


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_why_that_number_and_not_lower_gets_reasons_and_what_would_raise_it_gets_what_would(
        slug: str) -> None:
    [(why, because), (take, would)] = said(slug, [
        "You said a three. Why a three and not a one?",
        "And what would it take to get you from a three to a five?"])
    assert why == take == "ruler_why"
    assert because != would


def test_the_number_on_the_ruler_rises_with_the_patients_importance() -> None:
    low = start_state(CATALOG["panic-disorder"], None, 1)
    high = low.evolve(importance=0.72, confidence=0.55)
    assert ruler_number(low, "importance") == "three"
    assert ruler_number(high, "importance") == "seven"
    assert ruler_number(high, "confidence") == "six"
    assert ruler_number(high, "readiness") == "six"
    assert ruler_number(high.evolve(importance=1.0), "importance") == "nine"


@pytest.mark.parametrize(("slug", "line", "fact"), [
    ("somatic-symptoms", "Before the pain, what you enjoy to do for yourself?", "hobbies"),
    ("generalised-anxiety", "When you are not working and not worrying, what you like to do?",
     "hobbies"),
    ("generalised-anxiety", "Since how long you are waking like this?", "duration"),
    ("somatic-symptoms", "What happened at work this year because of the pain?", "impact"),
    ("somatic-symptoms", "Dr Okafor wrote there were two sickness reviews this year. How was "
     "that for you?", "absence_reviews"),
])
def test_a_question_after_a_leading_clause_or_in_learners_english_gets_its_fact(
        slug: str, line: str, fact: str) -> None:
    assert play(slug, [line]) == [f"fact.{fact}"]


def test_how_often_does_that_happen_about_what_was_just_said_does_not_fetch_a_told_fact() -> None:
    sources = play("generalised-anxiety", [
        "How often do the headaches come?",
        "What would you like to be different at home?",
        "It sounds like you'd like to be properly there with Sue, not half listening. How often "
        "does that happen, being half there, in an ordinary evening?"])
    assert sources[0] == "fact.frequency" and sources[2] != "fact.frequency"


def test_a_summary_with_no_check_is_heard_as_a_reflection_and_one_that_checks_as_a_summary(
        ) -> None:
    lines = ["You walk forty minutes each way, your mum does the big shop, you've stopped the "
             "driving lessons, and placement days turn into taxis or phoning in.",
             "So you walk everywhere, Mum does the big shop, the driving lessons have stopped, "
             "and placement is a taxi or a phone call. Have I got that right?"]
    unchecked, checked = (play("panic-disorder", [line]) for line in lines)
    assert unchecked != ["summary"] and checked == ["summary"]


@pytest.mark.parametrize(("slug", "line", "fact"), [
    ("health-anxiety", "What are you usually reading about?", "online"),
    ("health-anxiety", "At night on your phone, what kind of things do you look up?", "online"),
    ("health-anxiety", "What were the forty tabs about?", "online"),
    ("social-anxiety", "Behind a guitar you were fine. What did you play in the band?",
     "uni_band"),
    ("panic-disorder", "And what about exercise — do you get much, apart from walking to "
     "college?", "exercise"),
    ("panic-disorder", "You mentioned Saturdays at the garden centre a bit ago — how long have "
     "you worked there?", "garden_centre"),
    ("generalised-anxiety", "Roughly what hours are you working at the moment, start to finish?",
     "day"),
    ("generalised-anxiety", "When you're at work, what time do you usually get in and leave?",
     "day"),
    ("somatic-symptoms", "I'm Jo, one of the nurses in this clinic. Can you tell me where the "
     "pain is at the moment?", "where_it_hurts"),
    ("social-anxiety", "You said right at the start that Dr Patel thought you should see me. "
     "When does the stomach tend to flare up?", "triggers"),
])
def test_a_question_gets_its_own_subject_not_a_word_said_before_it(
        slug: str, line: str, fact: str) -> None:
    assert play(slug, [line]) == [f"fact.{fact}"]


@pytest.mark.parametrize(("slug", "line"), [
    ("somatic-symptoms", "How much time would you say you spend on the settee with the telly or "
     "your phone of an evening?"),
    ("social-anxiety", "What brings you the most fear when people see you going red?"),
])
def test_how_much_time_with_an_or_inside_and_what_brings_you_fear_are_not_choices_or_goals(
        slug: str, line: str) -> None:
    assert play(slug, [line])[0] not in ("choice", "fact.visit_goal")


def test_how_important_it_is_to_be_able_to_do_something_is_an_importance_ruler() -> None:
    [(source, reply)] = said("panic-disorder", [
        "On a scale of 0 to 10, how important is it to you to be able to get to placement "
        "without the attacks stopping you?"])
    chosen = next(r for r in CATALOG["panic-disorder"].banks[Move.RULER]
                  if r.text.endswith(reply.split(" ", 1)[1]))
    assert source == "ruler" and not chosen.heard


@pytest.mark.parametrize(("slug", "line"), [
    ("health-anxiety", "Think back to before all this started. What did your evenings look like "
     "then?"),
    ("somatic-symptoms", "That's a day that doesn't leave room for much else. Think back to "
     "before the pain started — what were your evenings and weekends like then?"),
])
def test_looking_back_to_before_it_started_is_answered_with_when_they_were_last_well(
        slug: str, line: str) -> None:
    assert play(slug, [line]) == ["fact.last_well"]


def test_what_matters_most_to_you_is_a_values_question_not_the_job_it_mentions() -> None:
    assert play("somatic-symptoms", [
        "What matters most to you these days, when you think about your life outside the "
        "depot?"]) != ["fact.work"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_if_nothing_changes_the_patient_pictures_things_staying_as_they_are(slug: str) -> None:
    [(_, reply)] = said(slug, ["And if nothing changes — if it carries on like this — where do "
                               "you picture yourself in five years?"])
    assert reply.startswith("If nothing changes")


def test_what_else_the_attacks_have_taken_is_their_cost_not_a_fact_already_told() -> None:
    assert play("panic-disorder", [
        "So you've cut out coffee, cider, gigs. What else have the attacks taken off you this "
        "past year?"]) == ["fact.impact"]


def test_if_the_attacks_were_not_running_things_what_would_you_want_back_looks_forward() -> None:
    assert play("panic-disorder", [
        "Fair enough, tablets are off the table, that's your call. If the attacks weren't running "
        "things, what would you most want back?"]) == ["future"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("line", [
    "When you picture it all carrying on, what do you feel?",
    "In that moment, what goes through your mind?",
    "What would it say about you if people knew?",
])
def test_a_question_about_inner_experience_is_answered_with_a_feeling_not_a_fact(
        slug: str, line: str) -> None:
    assert play(slug, [line]) == ["feeling"]


@pytest.mark.parametrize(("slug", "line", "words"), [
    ("generalised-anxiety", "In that moment, standing at the top of the stairs, what's the "
     "picture in your head that sends you back down?", "hob"),
    ("panic-disorder", "Theo asking why you don't come and watch anymore. What did you feel when "
     "he asked you that?", "Theo"),
    ("somatic-symptoms", "What did you feel when you saw that word 'psychological' on the "
     "letter?", "Psychological"),
])
def test_the_feeling_said_is_the_one_about_what_the_line_is_about(
        slug: str, line: str, words: str) -> None:
    [(source, reply)] = said(slug, [line])
    assert source == "feeling" and words in reply


@pytest.mark.parametrize(("line", "source"), [
    ("Hello Denise, I'm Sam, one of the team here. What would be most useful to talk about "
     "today?", "fact.visit_goal"),
    ("What have you tried for the sleep so far?", "fact.relief"),
    ("What, if anything, might you want to try first?", "key_question"),
])
def test_lines_from_twenty_turns_with_denise_get_what_they_ask(line: str, source: str) -> None:
    [(got, _)] = said("somatic-symptoms", [line])
    assert got == source or (source == "key_question" and got.startswith(
        ("commitment.", "proposal", "future"))), got


def test_how_do_you_keep_going_after_a_reflection_about_sleep_does_not_fetch_the_sleep_fact(
        ) -> None:
    assert play("somatic-symptoms", [
        "Awake at three and at work by six. That's a long day on very little sleep. How do you "
        "keep going?"]) != ["fact.sleep"]


@pytest.mark.parametrize(("slug", "line", "not_source"), [
    ("panic-disorder", "There's a bit of freedom from watching your heart. What's that like?",
     "fact.watch"),
    ("generalised-anxiety", "Hello Martin, I'm Chris from the talking therapies team. What "
     "would be most useful to talk about today?", "value.reliability"),
])
def test_an_everyday_word_does_not_fetch_a_fact_or_value_named_by_it(
        slug: str, line: str, not_source: str) -> None:
    assert play(slug, [line]) != [not_source]


@pytest.mark.parametrize(("slug", "line", "fact", "words"), [
    ("generalised-anxiety", "When you wake at four, how long do you lie there awake?", "sleep",
     "two hours"),
    ("generalised-anxiety", "How long have you been repairing clocks?", "hobbies", "clocks"),
    ("health-anxiety", "How long do the searches last, once you start?", "online", "hour"),
])
def test_a_how_long_question_gets_the_fact_that_says_how_long(
        slug: str, line: str, fact: str, words: str) -> None:
    [(source, reply)] = said(slug, [line])
    assert source == f"fact.{fact}" and words in reply.lower()


def test_a_fact_and_a_feeling_asked_together_get_the_fact_first() -> None:
    assert play("generalised-anxiety", [
        "Dr Hale's letter mentions you've been waking early. What time do you wake, and what goes "
        "through your mind?"])[0].startswith("fact.")


def test_that_trip_after_naming_lisbon_is_lisbon() -> None:
    assert play("health-anxiety", ["You regret it. And Lisbon, what was that trip meant to be?"]
                ) == ["fact.lisbon"]


@pytest.mark.parametrize(("slug", "line", "fact"), [
    ("panic-disorder", "So your mum reckons stress. What do you think's going on, honestly?",
     "belief"),
    ("panic-disorder", "What do you reckon's causing the attacks?", "belief"),
    ("health-anxiety", "When you think about that ache, what are you scared it might be?",
     "belief"),
    ("panic-disorder", "What's one of the attacks actually like for you, when it hits?",
     "symptoms"),
    ("somatic-symptoms", "Have you found anything that helps you get back off?", "relief"),
    ("somatic-symptoms", "Can I ask what you'd want from a treatment, if you could choose?",
     "visit_goal"),
])
def test_what_they_think_fear_and_want_is_answered_from_their_belief_and_goal(
        slug: str, line: str, fact: str) -> None:
    assert play(slug, [line]) == [f"fact.{fact}"]


def test_a_question_about_something_else_the_told_job_only_borders_does_not_retell_the_job(
        ) -> None:
    sources = play("social-anxiety", [
        "What do you do for work?", "Who at work knows about the stomach?"])
    assert sources[0] == "fact.work" and sources[1] != "fact.work"


@pytest.mark.parametrize(("slug", "line", "fact"), [
    ("panic-disorder", "What does your mum do when you have an attack?", "joanne_view"),
    ("panic-disorder", "How does Theo react when you have one?", "theo_view"),
    ("generalised-anxiety", "What does your mum do when you have one?", "mum_view"),
    ("panic-disorder", "What would you want Theo to notice about you, if he could see past the "
     "poorly bit?", "theo_view"),
    ("generalised-anxiety", "Sorry, I wasn't clear. I meant the checking of the hob at night: "
     "has Sue noticed you getting up to do it?", "sue_view"),
    ("health-anxiety", "All knees and questions. What did you say to Sam?", "sam_view"),
    ("somatic-symptoms", "How are things with Kelly these days?", "kelly_view"),
    ("social-anxiety", "Do your friends from uni know about the stomach?", "others_view"),
    ("social-anxiety", "Nadia, thirty-two. What's she like, are you two close?", "nadia_view"),
    ("panic-disorder", "Does Priya know?", "priya_view"),
    ("somatic-symptoms", "What does Phil do on a bad morning?", "phil_view"),
    ("panic-disorder", "How does your mum react when you ring her?", "joanne_view"),
    ("panic-disorder", "gosh, leaving the basket and running. did Theo know about that one?",
     "theo_view"),
    ("social-anxiety", "Who's in your life outside work?", "friends"),
])
def test_what_someone_in_their_life_does_or_how_they_react_is_their_own_view(
        slug: str, line: str, fact: str) -> None:
    assert play(slug, [line]) == [f"fact.{fact}"]


@pytest.mark.parametrize(("slug", "lines", "fact"), [
    ("health-anxiety", ["and the ultrasound, what did that show?"], "ultrasound"),
    ("health-anxiety", ["how long does the checking take in the morning?"], "checking"),
    ("generalised-anxiety", ["have u tried not looking at ur phone before bed"], "relief"),
    ("social-anxiety", ["how long have u played guitar?"], "hobbies"),
])
def test_questions_from_twenty_turns_with_each_persona_get_their_fact(
        slug: str, lines: list[str], fact: str) -> None:
    assert play(slug, lines)[-1] == f"fact.{fact}"


def test_a_job_asked_again_for_how_long_is_recapped_with_how_long() -> None:
    [_, (source, reply)] = said("generalised-anxiety", ["what do u do for work?",
                                                        "how long have u been there?"])
    assert source == "fact.work" and "twenty-three years" in reply


@pytest.mark.parametrize(("slug", "line"), [
    ("generalised-anxiety", "The mortgage, work, Ella, your mum, round and round. It's a lot for "
     "one man to hold. If the worry eased a little, what do you think you would notice first?"),
    ("somatic-symptoms", "Four years without a single day off from it. If a treatment could "
     "change one thing for you, what would you want it to be?"),
    ("somatic-symptoms", "The fun nan, not the poorly one. If nothing changes, where do you think "
     "you'll be in five years?"),
])
def test_a_question_framed_by_if_in_its_own_sentence_looks_forward_not_at_a_fact_it_names(
        slug: str, line: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, None, 1)
    trace = take_turn(persona, state, line).trace
    assert trace.understanding is not None
    assert trace.understanding["ask"]["form"] == "future"
    assert not trace.source.startswith("fact.")


@pytest.mark.parametrize(("slug", "line", "fact"), [
    ("panic-disorder", "Fair enough. Thinking back to before the first attack, what did an "
     "ordinary week look like for you?", "last_well"),
    ("somatic-symptoms", "He wants his nan on the floor with the Lego. Looking back, before the "
     "pain took hold four years ago, what was life like?", "last_well"),
    ("somatic-symptoms", "What did you use to enjoy doing in your spare time, before the pain "
     "took over?", "hobbies"),
])
def test_a_week_before_it_started_is_life_before_but_what_they_enjoyed_is_their_hobbies(
        slug: str, line: str, fact: str) -> None:
    assert play(slug, [line]) == [f"fact.{fact}"]


@pytest.mark.parametrize(("slug", "line", "not_source"), [
    ("social-anxiety", "Said yes on the spot, that says a lot about how much Jordan means to "
     "you. What's the sick feeling about, d'you think?", "fact.jordan"),
    ("generalised-anxiety", "Fair point, and I shouldn't have brushed the desk aside like that. "
     "Who are you mostly preparing for?", "fact.desk"),
])
def test_a_question_with_words_of_its_own_is_not_about_a_name_in_the_reflection_before_it(
        slug: str, line: str, not_source: str) -> None:
    assert play(slug, [line]) != [not_source]


def test_how_long_you_two_have_known_each_other_is_about_the_friend_just_named() -> None:
    assert play("social-anxiety", [
        "Jordan picked you to stand up next to him. How long have you two known each "
        "other?"]) == ["fact.jordan"]


@pytest.mark.parametrize("reply", ["Most nights, yes. Three o'clock, like clockwork.",
                                   "Twice, yes. Once isn't checking, it's hoping."])
def test_a_reply_that_starts_with_a_few_words_then_yes_is_shaped_as_yes_or_no(reply: str) -> None:
    assert YES_NO_SHAPED.match(reply)


def _answer_of(slug: str, reply_id: str) -> Reply:
    name, _, number = reply_id.removeprefix("fact.").rpartition(":")
    fact = CATALOG[slug].fact(name)
    assert fact is not None
    return fact.answers[int(number)]


@pytest.mark.parametrize(("slug", "lines", "fact"), [
    ("generalised-anxiety", ["what do you do in your spare time?",
                             "oh wow, clock repair! how did you get into that?"], "hobbies"),
    ("social-anxiety", ["Tell me about the band at uni.", "Behind the bass, where you could be "
                        "part of it without being stared at. Do you still play?"], "uni_band"),
    ("health-anxiety", ["Is there any illness in the family?", "Only three years ago, and so "
                        "young at sixty-one. When did they find his cancer - was it caught "
                        "late?"], "family_history"),
])
def test_a_follow_up_on_something_told_gets_the_answer_written_for_it(
        slug: str, lines: list[str], fact: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, None, 1)
    for line in lines:
        result = take_turn(persona, state, line)
        state = result.state
    assert result.trace.source == f"fact.{fact}"
    assert _answer_of(slug, result.trace.reply_id).heard  # not the fact's plain answer again


def test_follow_up_words_in_the_reflection_before_a_question_do_not_fetch_that_answer() -> None:
    persona = CATALOG["somatic-symptoms"]
    state, _ = open_session(persona, None, 1)
    trace = take_turn(persona, state, "Something every day, and a few flares a month that knock "
                      "you flat. When you do take the co-codamol, how much difference does it "
                      "make?").trace
    if trace.source.startswith("fact."):
        assert not _answer_of("somatic-symptoms", trace.reply_id).heard


def test_a_bare_what_do_you_do_after_a_scene_is_what_they_do_then_not_their_job() -> None:
    assert play("health-anxiety", ["It's the way they add up together that's frightening. And "
                                   "when you're lying in bed at night with all that, what do you "
                                   "do?"]) != ["fact.work"]
    assert play("health-anxiety", ["what do you do?"]) == ["fact.work"]


def test_what_would_make_this_appointment_worth_it_asks_what_they_want_from_today() -> None:
    assert play("somatic-symptoms", ["What would need to happen for this appointment to feel "
                                     "worth it?"]) == ["fact.visit_goal"]


def test_the_hardest_part_of_the_speech_is_not_the_worst_of_the_symptoms() -> None:
    assert play("social-anxiety", ["Is there a wedding coming up?", "What's the hardest part of "
                                   "the speech for you?"])[-1] != "fact.worst"


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_what_nearly_stopped_you_coming_and_how_you_got_here_are_about_today(slug: str) -> None:
    assert play(slug, ["What nearly stopped you coming?", "How did you get here today?"]) == [
        "fact.visit_goal", "fact.visit_goal"]


def test_a_follow_up_written_for_one_person_is_not_said_about_another() -> None:
    assert play("social-anxiety", ["aw. who's Jordan? what's he like?"]) == ["fact.jordan"]


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("panic-disorder", "i was just picturing the coast trips, which beach was your favourite?",
     "everyday"),
    ("generalised-anxiety", "and those nightly calls, what do you two talk about?", "everyday"),
    ("panic-disorder", "what kind of music do you like?", "fact.hobbies"),  # written for it
])
def test_an_everyday_detail_no_fact_holds_is_answered_in_passing(
        slug: str, line: str, source: str) -> None:
    assert play(slug, [line]) == [source]


def test_an_invitation_to_say_more_is_not_answered_as_an_everyday_detail() -> None:
    assert play("panic-disorder", ["the brave one.. tell me about that"]) != ["everyday"]


def test_a_value_named_only_in_the_reflection_does_not_answer_a_question_about_something_else(
        ) -> None:
    assert play("health-anxiety", ["a part time job, wow. what are you checking for in the "
                                   "mornings?"])[0] != "value.career"


def test_of_course_is_not_a_college_course() -> None:
    assert play("panic-disorder", ["of course, sit wherever feels ok. are you feeling one coming "
                                   "on now?"]) != ["fact.work"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_ruler_asked_in_words_is_answered_in_words_not_with_a_number(slug: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=4)
    result = take_turn(persona, state, "How confident are you that you could make one small "
                       "change this week?")
    assert result.trace.understanding["answer_rule"] == "ruler"
    first = result.reply_text.split(".")[0].lower()
    assert first in ("not very", "half and half", "fairly confident, actually"), result.reply_text
    assert not re.search(r"\b(?:one|two|three|four|five|six|seven|eight|nine|\d)\b", first)


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_what_do_you_notice_in_your_body_is_answered_with_the_symptoms(slug: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=3)
    result = take_turn(persona, state, "What kind of things do you notice in your body?")
    assert result.trace.understanding["fact"]["kind"] == "symptoms"


# ---------------------------------------------------------------- from the after-18 blind round


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("health-anxiety", "Right, random one: any pets at home, or is the house chaotic enough "
     "with Sam's questions?", "fact.pets"),
    ("panic-disorder", "A whole year of planning every journey. How are you getting to college "
     "these days?", "fact.day"),
    ("panic-disorder", "Who at home knows how bad it's got?", "fact.others_view"),
    ("health-anxiety", "What did you and the family do last weekend?", "fact.weekend"),
    ("panic-disorder", "The number 12, on the ring road. Have you been back on a bus since?",
     "fact.number_12"),
    ("health-anxiety", "How are things at work - how many hours are you doing at the freight "
     "company?", "fact.work"),
    ("somatic-symptoms", "How many days have you had off work this year?",
     "fact.absence_reviews"),
    ("social-anxiety", "Can I ask a bit about life outside work - who are the important people "
     "for you?", "fact.friends"),
    ("social-anxiety", "Before I do, what do you already know about how stress or nerves can "
     "affect the body?", "fact.belief"),
    ("social-anxiety", "I was more curious about the car. What's it like out there compared "
     "with the staff room?", "fact.lunch_in_car"),
    ("somatic-symptoms", "What would a typical evening look like, once you're back on the "
     "settee?", "fact.weekend"),
])
def test_a_factual_question_from_the_after_18_round_gets_the_fact_it_asks_for(
        slug: str, line: str, source: str) -> None:
    assert play(slug, [line]) == [source]


def test_who_of_you_or_tom_is_answered_with_one_of_them_and_the_same_one_when_asked_again(
        ) -> None:
    replies = said("health-anxiety", ["Who does the swimming runs, you or Tom?",
                                      "Sorry, I meant the swimming - who takes Maya, you or Tom?"])
    assert [source for source, _ in replies] == ["choice", "choice"]
    first = replies[0][1].split(",")[0]
    assert first in ("Me", "Tom")
    assert replies[1][1].startswith(first)


def test_a_question_about_dad_after_a_symptom_two_sentences_back_is_not_the_symptoms() -> None:
    [source] = play("health-anxiety", [
        "An ache low on the left and bloating. The referral mentions your dad. Can you tell me "
        "what happened with him?"])
    assert source != "fact.symptoms"


def test_how_much_does_it_bother_you_is_answered_in_words_of_degree() -> None:
    persona = CATALOG["health-anxiety"]
    state, _ = open_session(persona, seed=2013)
    result = take_turn(persona, state, "How much does the checking bother you these days?")
    assert result.trace.understanding["ask"]["scale"] == "bother"
    assert result.reply_text.lower().startswith(("more than i let on", "quite a lot", "a lot"))


def test_what_was_that_like_to_hear_asks_how_it_felt() -> None:
    [source] = play("panic-disorder", ["He asked you why you don't come anymore. What was that "
                                       "like to hear?"])
    assert source == "feeling"


def test_how_many_shifts_after_the_job_was_told_is_the_placement_named_in_the_line() -> None:
    sources = play("panic-disorder", ["What do you do for work?",
                                      "How many shifts have you missed at the vets?"])
    assert sources == ["fact.work", "fact.placement"]


def test_what_time_do_you_actually_have_to_start_asks_about_the_day() -> None:
    assert play("somatic-symptoms", ["What time do you actually have to start?"]) == ["fact.day"]


def test_after_can_i_ask_about_your_dad_what_happened_with_him_is_about_him() -> None:
    sources = play("health-anxiety", ["Can I ask about your dad?", "What happened with him?"])
    assert sources[0] == "permission"
    assert sources[1] in ("fact.parents", "fact.family_history", "fact.dad_missed.deflect")


def test_you_sound_fed_up_is_about_her_not_her_partner() -> None:
    replies = said("health-anxiety", ["You sound pretty fed up to be here."])
    assert not replies[0][0].startswith("value.partner")
    assert "Tom" not in replies[0][1] and not replies[0][1].startswith("He")


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_the_key_question_too_early_is_answered_from_the_key_question_bank(slug: str) -> None:
    [(source, reply)] = said(slug, ["So what do you think you might do?"], seed=91)
    assert source == "key_question", reply


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_the_last_attack_or_bad_night_is_told_as_a_story(slug: str) -> None:
    assert play(slug, ["When was the last one?"]) == ["fact.last_episode"]
    assert play(slug, ["Where were you the last time it hit?"]) == ["fact.last_episode"]


def test_yesterday_did_you_have_one_asks_about_an_attack_not_the_day() -> None:
    assert play("panic-disorder", ["What about yesterday - did you have one?"]) == [
        "fact.last_episode"]


def test_if_the_attacks_stopped_what_would_you_do_first_imagines_and_is_not_the_key_question(
        ) -> None:
    assert play("panic-disorder", ["If the attacks stopped tomorrow, what's the first thing "
                                   "you'd do?"]) == ["future"]


def test_what_made_you_stop_telling_her_is_answered_by_what_that_person_knows() -> None:
    sources = play("health-anxiety", ["Who's Jo?", "Friends since you were eleven. What made "
                                      "you stop telling her?"])
    assert sources[1] == "fact.jo_view"


def test_what_did_you_say_to_him_when_he_asked_is_his_view_of_it() -> None:
    sources = play("health-anxiety", ["Tell me about Sam.", "What did you say to him when he "
                                      "asked?"])
    assert sources[1] == "fact.sam_view"


def test_a_word_of_the_patients_said_back_as_a_question_invites_more_not_a_yes_or_no() -> None:
    sources = play("social-anxiety", ["What do your friends think?", "A hermit?"], seed=5)
    assert sources[1] in ("invite", "facilitate", "fallback")


def test_a_short_question_with_words_the_patient_did_not_say_is_not_an_echo() -> None:
    sources = play("social-anxiety", ["How do you get to work?", "Half an hour?"], seed=5)
    assert sources[1] != "invite"


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_what_did_you_do_after_the_last_episode_is_told_says_what_they_did(slug: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=303)
    state = take_turn(persona, state, "When was the last one?").state
    result = take_turn(persona, state, "What did you do?")
    assert result.trace.source == "fact.last_episode"
    assert result.trace.understanding["fact"]["why"] == "a follow-up written for it"


def test_when_were_you_last_down_there_after_the_allotment_is_about_the_allotment() -> None:
    sources = play("somatic-symptoms", ["Tell me about the allotment.",
                                        "When were you last down there?"])
    assert sources[1] == "fact.allotment"


def test_hows_phil_with_it_all_is_what_phil_makes_of_it_and_what_do_you_miss_is_the_impact(
        ) -> None:
    assert play("somatic-symptoms", ["How's Phil with it all?"]) == ["fact.phil_view"]
    assert play("somatic-symptoms", ["What do you miss most?"]) == ["fact.impact"]


def test_a_fact_told_again_is_recapped_by_the_sentence_that_answers_what_did_you_tell_him(
        ) -> None:
    replies = said("health-anxiety", ["Tell me about Sam.", "What did you say to him when he "
                                      "asked?", "Sorry - when Sam asked, what did you tell him?"])
    assert "itchy" in replies[2][1]


WALK_THROUGH = ["Can you talk me through the last one?", "Where were you when it started?",
                "What was the first thing you noticed?", "And what went through your mind?",
                "Was anyone with you?", "How long did it take to settle?",
                "What did you do with the rest of the day?",
                "Looking back at it now, what do you make of it?"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_the_last_episode_walked_through_step_by_step_is_told_one_step_at_a_time(
        slug: str) -> None:
    replies = said(slug, WALK_THROUGH, seed=7)
    assert [source for source, _ in replies] == ["fact.last_episode"] * len(WALK_THROUGH)
    assert len({text for _, text in replies}) == len(WALK_THROUGH)  # a new step each time


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("line", ["Hi, it's Dr Shah from the practice, can you hear me okay?",
                                  "Is now a good time to talk?", "Are you still with me?",
                                  "Sorry, you froze for a second there.", "Is your camera on?"])
def test_a_check_on_the_call_itself_is_answered_about_the_call(slug: str, line: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=11)
    for _ in range(3):  # three closed questions in a row first: still not an interrogation
        state = take_turn(persona, state, "Do you drive?").state
    result = take_turn(persona, state, line)
    assert result.trace.source == "line_check"
    assert result.trace.move != "interrogation"
    assert result.trace.understanding["fact"] is None


def test_each_kind_of_call_check_gets_the_reply_written_for_it() -> None:
    replies = dict(zip(["hear", "time", "there", "camera"], [text for _, text in said(
        "social-anxiety", ["Can you hear me?", "Is this an okay time to talk?",
                           "Have I lost you?", "Is your camera on?"])], strict=True))
    assert "hear" in replies["hear"] and "car" in replies["time"]
    assert "here" in replies["there"].lower() and "off" in replies["camera"]


@pytest.mark.parametrize(("slug", "line"), [
    ("panic-disorder", "So how have the attacks been since we last spoke?"),
    ("somatic-symptoms", "How's the pain been lately?"),
    ("health-anxiety", "How has the checking been these last few weeks?"),
])
def test_how_has_it_been_lately_is_how_often_and_how_bad_lately(slug: str, line: str) -> None:
    assert play(slug, [line]) == ["fact.frequency"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_safety_netting_at_the_end_of_a_call_is_answered_as_the_close(slug: str) -> None:
    assert play(slug, ["Okay. So if things get worse before we next speak, or it feels "
                       "different, ring us or 111, okay?"]) == ["closing"]
    assert play(slug, ["So the plan is you'll have a think, and we'll speak again in two "
                       "weeks."]) == ["closing"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_what_would_you_do_if_one_came_on_is_what_they_do_not_an_imagined_future(
        slug: str) -> None:
    assert play(slug, ["What would you do if you had a bad one at work?"]) == ["fact.relief"]
    assert play(slug, ["If it all stopped tomorrow, what would you do first?"]) != [
        "fact.relief"]


def test_how_have_things_been_since_you_saw_the_doctor_is_how_it_has_been_not_the_doctor(
        ) -> None:
    assert play("health-anxiety", ["So how have things been since you saw Dr Okafor?"]) == [
        "fact.frequency"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("line", ["When was the last time it got really bad?",
                                  "When did you last have a really bad night?"])
def test_when_it_last_got_really_bad_is_the_last_episode(slug: str, line: str) -> None:
    assert play(slug, [line]) == ["fact.last_episode"]


def test_safety_netting_with_an_or_in_its_condition_is_still_the_close() -> None:
    assert play("health-anxiety", [
        "So the plan is you'll try waiting ten minutes before you check, and we'll speak again "
        "in two weeks. If you find a new lump or you're worried, ring us, okay?"]) == ["closing"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("line", ["When was the last time you saw your GP?",
                                  "Roughly how long ago was your last GP appointment?"])
def test_when_they_last_saw_the_doctor_is_answered_with_when(slug: str, line: str) -> None:
    source, text = said(slug, [line])[0]
    assert source == "fact.doctors"
    assert re.search(r"\b(?:ago|last|this month|fortnight)\b", text, re.I), text


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("panic-disorder", "how long it last?", "fact.episode_length"),
    ("panic-disorder", "but one attack, is it like minutes or hours?", "fact.episode_length"),
    ("panic-disorder", "what happen in an attack, can u tell me?", "fact.symptoms"),
    ("panic-disorder", "vet nursing nice. but i mean how u travel there, no bus?", "fact.day"),
    ("panic-disorder", "How's your sleep with all this, and do you ever get them at night?",
     "fact.sleep"),
    ("panic-disorder", "What about placement - are you managing to get to your shifts?",
     "fact.placement"),
    ("somatic-symptoms", "lifting cages. what u do at work exactly?", "fact.work"),
    ("social-anxiety", "haha data analyst joke. ok outside work, u live with who?",
     "fact.household"),
    ("social-anxiety", "ok. and the camera on team calls, u keep it on or off?", "fact.camera"),
    ("health-anxiety", "Was it bowel cancer he had?", "fact.family_history"),
    ("health-anxiety", "Each one felt good for how long, would you say, before the worry crept "
     "back?", "fact.relief"),
    ("somatic-symptoms", "And the tests - bloods, thyroid, the MRI - all came back normal, is that "
     "right?", "fact.test_mri"),
])
def test_typed_in_a_hurry_or_asked_in_passing_the_fact_is_still_found(
        slug: str, line: str, source: str) -> None:
    assert play(slug, [line]) == [source]


def test_a_permission_request_with_only_if_you_want_after_it_is_still_a_permission_request(
        ) -> None:
    assert play("somatic-symptoms", ["ok i take it seriously. can i tell u a bit about the pain "
                                     "programme the letter talk about? only if u want"]) == [
        "permission"]


def test_a_plan_with_a_date_and_safety_netting_checked_with_does_that_work_is_the_close() -> None:
    source = play("somatic-symptoms", [
        "So think about the decaf, and I'll see you back in three weeks on the 27th. If the pain "
        "changes - new numbness, weakness in your legs - ring us the same day. Does that work?"])
    assert source[0] in ("closing",) or source[0].startswith("commitment.")


def test_information_checked_with_does_that_ring_any_bells_gets_a_reaction_not_a_fact() -> None:
    assert play("health-anxiety", [
        "What a lot of people find is that each check gives a bit of relief, but it wears off "
        "quicker each time, so the checking ends up feeding the worry. Does that ring any "
        "bells?"]) == ["giving_information"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("line", [
    "I ask everyone this, so please don't take it the wrong way: have things ever got so bad "
    "you've had thoughts of harming yourself?",
    "Sorry to press, but is that a no, you haven't had thoughts of harming yourself?",
    "Have you had thoughts of hurting yourself or of not wanting to be here?",
    "Do you ever feel life isn't worth living?",
    "Any thoughts of suicide?",
])
def test_the_risk_check_is_answered_plainly_by_every_patient(slug: str, line: str) -> None:
    source, text = said(slug, [line])[0]
    assert source == "fact.risk"
    assert text.startswith("No")


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("generalised-anxiety", "And when you wake at four, what goes through your mind?",
     "fact.sleep"),
    ("somatic-symptoms", "Tell me about the sleep. You said you're awake from three. What happens "
     "then?", "fact.sleep"),
    ("health-anxiety", "When Tom goes up and you get your phone out, what happens then?",
     "fact.online"),
    ("generalised-anxiety", "Would you like to get your dad's Smiths going again?",
     "fact.dads_clock"),
    ("health-anxiety", "And what about parkrun, would you want that back?", "future"),
    ("generalised-anxiety", "Has it been getting better, worse, or staying about the same since "
     "then?", "fact.frequency"),
    ("panic-disorder", "I'm curious where else it happens, for instance at lunch or with "
     "friends?", "fact.where"),
    ("panic-disorder", "And how are things with your course and placement at the moment?",
     "fact.work"),
    ("generalised-anxiety", "Could you start by describing the headaches for me?",
     "fact.symptoms"),
])
def test_what_the_line_asks_about_its_subject_is_what_is_answered(
        slug: str, line: str, source: str) -> None:
    assert play(slug, [line]) == [source]


def test_a_clinician_saying_who_they_are_names_no_value_of_the_patients() -> None:
    assert play("health-anxiety", ["Hi Leah, I'm Jo. I'm actually a physio working with the team "
                                   "here. You came anyway, and I appreciate that."]) != [
        "value.work"]


@pytest.mark.parametrize("line", [
    "As a next step, I'd like to offer you a follow-up appointment to look at it together. "
    "Would that be acceptable to you?",
])
def test_offering_a_follow_up_appointment_is_the_close(line: str) -> None:
    assert play("social-anxiety", [line]) == ["closing"]


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("social-anxiety", "What's the hardest part of a working day for you?", "fact.work"),
    ("social-anxiety", "Before we finish, what would you like to happen next at work?",
     "fact.work"),
    ("generalised-anxiety", "What's the team like, the six of you?", "fact.work"),
    ("generalised-anxiety", "Who do you report to?", "fact.work"),
    ("generalised-anxiety", "Have you had any time off sick with the headaches?", "fact.work"),
    ("generalised-anxiety", "At work, what adjustments do you think might help?", "fact.work"),
    ("generalised-anxiety", "How do you get to work, do you drive in?", "fact.day"),
    ("somatic-symptoms", "What does a typical early shift involve for you?", "fact.work"),
])
def test_an_occupational_health_interview_gets_the_work_answer_written_for_each_question(
        slug: str, line: str, source: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=3)
    result = take_turn(persona, state, line)
    assert result.trace.source == source
    assert "follow-up written for it" in result.trace.understanding["fact"]["why"]


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("health-anxiety", "Okay. Um, apart from all this, sorry, do you have any other medical "
     "conditions?", "fact.past_history"),
    ("health-anxiety", "Oh, um, sorry, I mean like asthma, diabetes, any operations, that kind of "
     "thing?", "fact.past_history"),
    ("health-anxiety", "And, um, any allergies, sorry?", "fact.allergies"),
    ("health-anxiety", "Um, and in your family, sorry, I think the letter says something about "
     "your dad?", "fact.parents"),
    ("panic-disorder", "Um, is there anything that makes them better, when one's happening?",
     "fact.relief"),
    ("generalised-anxiety", "Are there any other symptoms you get, sorry? Like feeling tense, or "
     "your heart racing, anything like that?", "fact.symptoms"),
])
def test_a_nervous_students_questions_are_answered_not_their_apologies(
        slug: str, line: str, source: str) -> None:
    assert play(slug, [line]) == [source]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_how_are_you_feeling_about_being_here_is_how_the_visit_feels_not_a_fact(slug: str) -> None:
    assert play(slug, ["Your manager asked me to see you. How are you feeling about being "
                       "here?"]) == ["check_in"]


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("generalised-anxiety", "What do you think Ella notices about you?", "fact.ella_view"),
    ("generalised-anxiety", "Has Ella ever said anything to you about the worrying?",
     "fact.ella_view"),
    ("generalised-anxiety", "If Sue were sitting here with us, what do you think she'd want me to "
     "know?", "fact.sue_view"),
    ("generalised-anxiety", "Who looks after you while you're looking after everyone else?",
     "fact.friends"),
    ("health-anxiety", "I understand your dad died of bowel cancer. How old were you then?",
     "fact.family_history"),
    ("somatic-symptoms", "Does Alfie say anything when you can't get down with him?",
     "fact.alfie_view"),
    ("somatic-symptoms", "Friends. Is there one in particular you'd ring on a bad day?",
     "fact.friends"),
    ("somatic-symptoms", "I'm wondering about your own mum and dad - what were they like?",
     "fact.parents.deflect"),
    ("panic-disorder", "What worries you most about taking tablets?", "fact.medication"),
    ("somatic-symptoms", "What does Phil think about tablets?", "fact.medication"),
])
def test_the_people_in_their_life_and_their_views_are_what_is_answered(
        slug: str, line: str, source: str) -> None:
    assert play(slug, [line]) == [source]


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("somatic-symptoms", "What are mornings like, getting up and washed and out the door?",
     "fact.day"),
    ("health-anxiety", "Paint me a picture - what happens once the kids are in bed?", "fact.day"),
    ("generalised-anxiety", "So you're here partly for Dr Hale. What do the headaches actually "
     "feel like?", "fact.symptoms"),
    ("generalised-anxiety", "Let's start with home, then. Who are you looking out for there?",
     "fact.household"),
    ("generalised-anxiety", "The shed, the cycling, a sharp word with Ella. What's in the shed, "
     "what did you used to do there?", "fact.hobbies"),
    ("social-anxiety", "Who are the people you miss most?", "fact.friends"),
    ("panic-disorder", "Before the autumn, when you were in the pool, how did it feel?", "feeling"),
])
def test_a_home_visit_or_an_act_therapists_questions_get_what_they_ask(
        slug: str, line: str, source: str) -> None:
    assert play(slug, [line]) == [source]


def test_dont_worry_in_a_greeting_names_no_worry_of_the_patients() -> None:
    [source] = play("generalised-anxiety", [
        "Hello Martin, I'm Jo, one of the community nurses. Don't worry about me being short of "
        "time, I've got a good half hour, so put the kettle on if you fancy."])
    assert not source.startswith("value.") and source not in ("persuade", "confront")


def test_what_the_checking_involves_is_not_her_job() -> None:
    assert play("health-anxiety", ["What does the checking in the morning involve?"]) != [
        "fact.work"]


def test_a_reply_chosen_by_its_words_follows_the_question_not_the_name_mentioned_before_it(
        ) -> None:
    replies = said("generalised-anxiety", [
        "Dr Hale's note mentioned quite a lot of worry too. What sort of things tend to go round "
        "your head?"], seed=2721)
    assert "Dr Hale" not in replies[0][1]


def test_what_its_like_when_a_result_comes_back_normal_is_how_long_the_relief_lasts() -> None:
    assert play("health-anxiety", ["Sorry, I jumped in there. What's it like when a result comes "
                                   "back normal?"]) == ["fact.relief"]


def test_the_hardest_part_of_the_speech_is_not_the_hardest_part_of_the_job() -> None:
    assert play("social-anxiety", ["What's the hardest part of the speech?"]) != ["fact.work"]


def test_what_do_you_make_of_trying_one_small_thing_proposes_it() -> None:
    persona = CATALOG["social-anxiety"]
    state, _ = open_session(persona, seed=504)
    result = take_turn(persona, state, "What do you make of trying one small thing before the "
                                       "wedding?")
    assert result.trace.understanding["ask"]["form"] == "proposal"


def test_would_you_want_to_get_back_down_there_is_a_wish() -> None:
    persona = CATALOG["somatic-symptoms"]
    state, _ = open_session(persona, seed=505)
    state = take_turn(persona, state, "Tell me about the allotment.").state
    result = take_turn(persona, state, "Would you want to get back down there?")
    assert result.trace.understanding["ask"]["form"] == "future"


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_how_are_you_feeling_at_the_moment_is_how_they_are_now_not_the_worst_attack(
        slug: str) -> None:
    assert play(slug, ["Hi, I'm Sam. The worst seems to have passed now. How are you feeling at "
                       "the moment?"]) == ["fact.today"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("line", [
    "Is anyone home tonight?",
    "Have you taken any painkillers today?",
    "What about right now, is it any easier than it was an hour ago?",
])
def test_tonight_today_and_right_now_get_the_answer_written_for_the_present(
        slug: str, line: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=3)
    result = take_turn(persona, state, line)
    assert result.trace.source == "fact.today"
    assert "follow-up written for it" in result.trace.understanding["fact"]["why"]


@pytest.mark.parametrize(("slug", "line"), [
    ("somatic-symptoms", "Is Phil home this evening?"),
    ("panic-disorder", "Is your mum home tonight?"),
    ("somatic-symptoms", "Have you had any co-codamol today?"),
])
def test_a_time_of_today_outranks_the_person_or_medicine_it_names(slug: str, line: str) -> None:
    assert play(slug, [line]) == ["fact.today"]


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("generalised-anxiety", "What medication are you on at the moment?", "fact.medication"),
    ("panic-disorder", "How are you sleeping at the moment?", "fact.sleep"),
    ("generalised-anxiety", "Are there any real financial pressures at the moment?",
     "fact.money"),
])
def test_at_the_moment_on_a_habit_is_still_the_habit(slug: str, line: str, source: str) -> None:
    assert play(slug, [line]) == [source]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_come_to_hospital_with_us_or_stay_here_is_a_decision_answered_with_one_of_the_two(
        slug: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=4)
    result = take_turn(persona, state, "Do you want to come to hospital with us, or stay here?")
    assert result.trace.understanding["answer_rule"] == "choice"
    assert result.reply_text.startswith(("Come to hospital with you", "Stay here"))
    assert not re.search(r"more often than not|week to week|ask me on|some days",
                         result.reply_text, re.IGNORECASE)


@pytest.mark.parametrize("line", [
    "Can you tell me what happened this evening, from the beginning?",
    "Can you take me through what happened tonight, step by step, from before it started?",
    "Twenty-two years, from the belts to running the shift. Can you tell me what happened today "
    "that made you ring us?",
])
def test_what_happened_tonight_is_the_latest_episode_told_as_a_story(line: str) -> None:
    assert play("somatic-symptoms", [line])[0].startswith("fact.last_episode")


def test_a_safety_net_put_as_are_you_happy_to_is_a_plan_weighed_not_a_fact_about_tonight() -> None:
    persona = CATALOG["health-anxiety"]
    state, _ = open_session(persona, seed=3)
    result = take_turn(persona, state, "For tonight, if the chest pain comes back worse, please "
                                       "ring 999 again. So, are you happy to stay at home tonight "
                                       "and call back if things change?")
    assert result.trace.understanding["ask"]["form"] == "proposal"
    assert result.trace.understanding["fact"] is None


def test_two_things_to_do_after_a_colon_are_a_choice_not_the_key_question() -> None:
    persona = CATALOG["somatic-symptoms"]
    state, _ = open_session(persona, seed=3)
    result = take_turn(persona, state, "What would you like to do now: come to hospital with us, "
                                       "or stay at home tonight?")
    assert result.trace.understanding["answer_rule"] == "choice"
    assert result.reply_text.startswith(("Come to hospital with you", "Stay at home tonight"))


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_how_mornings_go_getting_up_and_out_is_the_morning_written_for_it(slug: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=3)
    result = take_turn(persona, state, "How do mornings go for you, getting up and out the door?")
    assert result.trace.source == "fact.day"
    assert "follow-up written for it" in result.trace.understanding["fact"]["why"]


def test_the_running_around_with_a_grandchild_is_not_exercise() -> None:
    assert "fact.exercise" not in play("somatic-symptoms", [
        "Six, lovely age. How do you get on with him when the pain's bad - can you still do the "
        "running around?"])


def test_a_who_question_nobody_answers_is_never_told_it_is_not_a_one_word_answer() -> None:
    for seed in range(6):
        persona = CATALOG["somatic-symptoms"]
        state, _ = open_session(persona, seed=seed)
        reply = take_turn(persona, state, "That's a lovely photo on the mantelpiece, who's that "
                                          "with you?").reply_text
        assert not re.search(r"one-word|short answer|long one", reply)


def test_a_relative_clause_after_a_dash_in_a_summary_is_not_a_who_question() -> None:
    persona = CATALOG["health-anxiety"]
    state, _ = open_session(persona, seed=3)
    result = take_turn(persona, state, (
        "Let me check I've got the picture: Tom checks the lump, you've gone quiet with Jo, and "
        "your dad - who'd have read every page of that binder - died three years ago. Is that "
        "about right?"))
    assert result.trace.understanding["ask"]["form"] == "summary"


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("line", [
    "Fewer headaches and sleeping past four. Is there anything that worries you about what I "
    "might suggest?",
    "Let me ask again, though: is there anything you're worried I might suggest today?",
])
def test_what_they_fear_the_clinician_will_suggest_is_the_answer_written_for_it(
        slug: str, line: str) -> None:
    assert play(slug, [line]) == ["fact.visit_goal"]


@pytest.mark.parametrize(("slug", "line"), [
    ("health-anxiety", "Lymph nodes are part of the immune system, and the ones under the jaw "
     "drain the mouth and throat. 'Reactive' means the node has responded to something "
     "ordinary, like a cold, and it often stays slightly enlarged for months. What do you make "
     "of that?"),
    ("somatic-symptoms", "Lupus is an inflammatory condition, and it nearly always shows up in the "
     "blood. Four lots of normal bloods make lupus very unlikely. How does that land with you?"),
])
def test_an_explanation_checked_with_what_do_you_make_of_that_gets_a_reaction_not_a_summary_reply(
        slug: str, line: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=3)
    result = take_turn(persona, state, line)
    assert result.trace.understanding["ask"]["rule"] == "information_then_check"
    assert not re.search(r"you missed|line it all up|about the size of it", result.reply_text,
                         re.IGNORECASE)


@pytest.mark.parametrize("line", [
    "There are a few options: waiting and seeing how things go, some self-help around the "
    "checking, a course of talking therapy, or a follow-up with me. What, if anything, appeals?",
    "We could leave things as they are; you could try some self-help for the sleep; there's the "
    "pain programme; or simply a follow-up with me. What, if anything, appeals?",
])
def test_a_menu_of_steps_then_what_appeals_is_a_choice_between_them(line: str) -> None:
    persona = CATALOG["social-anxiety"]
    state, _ = open_session(persona, seed=3)
    ask = take_turn(persona, state, line).trace.understanding["ask"]
    assert ask["form"] == "either_or" and len(ask["options"]) >= 3


@pytest.mark.parametrize("line", [
    "We're nearly out of time. Shall I book you a follow-up with me in three weeks, so we can "
    "talk about the sleep?",
    "Let's leave the diary. Shall we just book another half hour in a fortnight and see where we "
    "are?",
])
def test_shall_i_book_you_a_follow_up_is_the_close_not_a_question_about_what_it_names(
        line: str) -> None:
    assert play("somatic-symptoms", [line]) == ["closing"]


def test_the_result_asked_about_is_the_test_named_earlier_in_the_same_sentence() -> None:
    assert play("somatic-symptoms", ["When was the MRI done, and who went through the result "
                                     "with you?"]) == ["fact.test_mri"]


def test_shall_we_look_at_a_topic_is_asking_permission_not_proposing_a_step() -> None:
    assert play("panic-disorder", ["We also had college on the list - shall we look at how all "
                                   "this is affecting that?"]) == ["permission"]


@pytest.mark.parametrize("line", [
    "So she joined some dots you hadn't said out loud yet. How did that land, hearing her say it?",
    "Sure. I was wondering more how you felt when she pointed out the meeting-day thing.",
])
def test_how_it_landed_or_how_they_felt_is_a_feeling_not_the_person_named(line: str) -> None:
    assert play("social-anxiety", [line]) == ["feeling"]


def test_a_summary_checked_with_is_that_about_right_after_a_semicolon_clause_is_a_summary() -> None:
    persona = CATALOG["social-anxiety"]
    state, _ = open_session(persona, seed=3)
    result = take_turn(persona, state, (
        "Let me check I've got it. The cramps come on meeting days, two or three a week. "
        "One-on-one is fine; it's a group looking at you that does it. And you're best man at "
        "Jordan's wedding in September. Is that about right?"))
    assert result.trace.understanding["ask"]["form"] == "summary"


def test_examples_of_anything_in_a_yes_no_question_are_not_two_options() -> None:
    assert play("panic-disorder", ["Do you have anything, a breathing trick or sitting down, "
                                   "that takes the edge off?"]) == ["fact.relief"]


def test_they_after_a_doctor_and_the_headaches_are_the_headaches_not_the_doctor() -> None:
    assert play("generalised-anxiety", [
        "I'm Dr Reid, working alongside Dr Hale. Let's start with the headaches then. Can you "
        "tell me what they're like?"]) == ["fact.symptoms"]


def test_is_he_home_tonight_after_how_they_are_today_is_the_answer_written_for_tonight() -> None:
    assert play("somatic-symptoms", ["How are you feeling at the moment?", "Who's at home with "
                                     "you?", "And is Phil home tonight?"])[-1] == "fact.today"


def test_tell_me_about_the_wedding_after_the_plans_is_the_wedding_and_when_is_it_its_date() -> None:
    persona = CATALOG["social-anxiety"]
    state, _ = open_session(persona, seed=47)
    for line in ("Is there anything coming up that you're dreading?",
                 "Tell me about the wedding."):
        result = take_turn(persona, state, line)
        state = result.state
    assert result.trace.source == "fact.wedding"
    result = take_turn(persona, state, "When is it?")
    assert result.trace.source == "fact.wedding" and "September" in result.reply_text


def test_what_happens_in_your_body_in_the_stand_up_is_the_symptoms() -> None:
    assert play("social-anxiety", ["So meetings are the big one. What happens in your body in the "
                                   "stand-up?"]) == ["fact.symptoms"]


def test_a_reflection_checked_with_is_that_about_right_is_not_a_question_about_what_it_names(
        ) -> None:
    assert play("social-anxiety", ["So you're not ruling it out, and you want to get through the "
                                   "speech. Is that about right?"]) == ["check"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_asked_to_book_a_follow_up_the_patient_answers_the_booking(slug: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=5)
    reply = take_turn(persona, state, "We're almost out of time. Shall I book you in again in two "
                                      "weeks?").reply_text
    assert re.search(r"next time|come back|I'll|fortnight|see you|all right|fine|yes|go on",
                     reply, re.IGNORECASE), reply


def test_what_do_you_take_for_them_is_the_medication() -> None:
    assert play("generalised-anxiety", ["What are the headaches like?",
                                        "What do you take for them?"])[-1] == "fact.medication"


def test_how_tension_builds_into_a_headache_checked_is_information_not_a_summary() -> None:
    persona = CATALOG["generalised-anxiety"]
    state, _ = open_session(persona, seed=59)
    result = take_turn(persona, state, (
        "When the mind is on alert, the muscles in the neck and scalp tighten, and that tension "
        "builds through the day into a headache. It's real pain, not imagined. What do you make "
        "of that?"))
    assert result.trace.understanding["ask"]["rule"] == "information_then_check"


@pytest.mark.parametrize("slug", sorted(CATALOG))
@pytest.mark.parametrize("line", [
    "I'd like to understand you as a person, not just the symptoms. Where did you grow up?",
    "Whereabouts was home when you were a child?",
    "Who was at home with you growing up?",
    "What are you proudest of, in your life so far?",
    "Before all this, when things got hard in your life, how did you usually get through?",
])
def test_a_life_story_question_gets_the_answer_written_for_it(slug: str, line: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=2931)
    result = take_turn(persona, state, line)
    why = (result.trace.understanding["fact"] or {}).get("why", "")
    assert "follow-up" in why, (result.trace.source, result.reply_text)
    assert result.trace.source.split(".")[1] not in ("children", "household", "symptoms",
                                                      "last_well")


@pytest.mark.parametrize("slug", ["generalised-anxiety", "health-anxiety", "panic-disorder",
                                  "somatic-symptoms"])
def test_what_were_you_like_at_school_is_answered(slug: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=2931)
    result = take_turn(persona, state, "What were you like at school?")
    assert "follow-up" in result.trace.understanding["fact"]["why"]
    assert result.trace.source != "fact.work"


def test_what_eating_looks_like_on_a_shift_day_is_the_eating_not_the_shift() -> None:
    assert play("somatic-symptoms", ["How about food, what does eating look like on a shift "
                                     "day?"]) == ["fact.appetite"]


def test_time_on_the_phone_in_the_evenings_is_what_they_do_online() -> None:
    assert play("panic-disorder", ["And screens, how much time do you spend on your phone in the "
                                   "evenings, roughly?"]) == ["fact.online"]


@pytest.mark.parametrize("line", [
    "Shall I give you a ring next Friday to see how it went?",
    "ok great. shall i send u some info on it n we meet again in 2 wks?",
])
def test_offering_to_ring_or_meet_again_is_the_close(line: str) -> None:
    assert play("somatic-symptoms", [line]) == ["closing"]


@pytest.mark.parametrize("line", [
    "that sounds rough. when does it usually kick off? is it mornings or",
    "not pathetic at all. i meant like what days or times does it happen most",
])
def test_when_it_usually_kicks_off_is_what_sets_it_off(line: str) -> None:
    assert play("social-anxiety", [line]) == ["fact.triggers"]


def test_what_the_leaflet_was_about_is_answered() -> None:
    assert play("somatic-symptoms", ["a leaflet lol. what was the leaflet about?"]) == [
        "fact.referral_letter"]


@pytest.mark.parametrize(("slug", "line", "source"), [
    ("social-anxiety", "Good. What does a normal day's eating look like for you?", "fact.appetite"),
    ("generalised-anxiety", "You mentioned paracetamol. How many do you take, and how often?",
     "fact.medication"),
    ("social-anxiety", "What was your first job after uni?", "fact.work"),
])
def test_an_annual_review_checklist_gets_each_answer(slug: str, line: str, source: str) -> None:
    assert play(slug, [line]) == [source]


def test_can_i_start_with_a_few_routine_questions_asks_permission() -> None:
    assert play("social-anxiety", ["Since it's your annual review, can I start with a few quick "
                                   "routine questions?"]) == ["permission"]


def test_before_you_go_anywhere_in_a_reflection_is_not_the_close() -> None:
    assert play("panic-disorder", ["So before you go anywhere, part of your mind is already "
                                   "checking the exits."]) != ["closing"]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_a_reflection_that_overshoots_is_backed_off_not_agreed_with(slug: str) -> None:
    persona = CATALOG[slug]
    state, _ = open_session(persona, seed=3032)
    state = take_turn(persona, state, "Tell me about the pain.").state
    result = take_turn(persona, state, "So it's completely hopeless, and it always will be.")
    assert result.trace.understanding["answer_rule"] == "overstated", result.reply_text
    assert not result.reply_text.lower().startswith(("yes", "exactly", "that's it"))


def test_you_have_always_been_the_one_who_is_a_reflection_not_an_overshoot() -> None:
    persona = CATALOG["somatic-symptoms"]
    state, _ = open_session(persona, seed=3032)
    state = take_turn(persona, state, "Tell me about the sleep.").state
    result = take_turn(persona, state, "You've always been the one who keeps everything going.")
    assert result.trace.understanding["answer_rule"] != "overstated"


def test_the_clinician_saying_their_name_is_not_the_patients_friend_of_that_name() -> None:
    assert play("health-anxiety", ["hi leah, im jo. how r u right now?"]) == ["fact.today"]


def test_you_could_try_a_or_keep_b_which_if_either_is_a_choice_of_the_two_steps() -> None:
    persona = CATALOG["panic-disorder"]
    state, _ = open_session(persona, seed=91)
    ask = take_turn(persona, state, "u could try one bus stop with ur mum, or keep a diary of the "
                                    "attacks. which if either feels possible?"
                    ).trace.understanding["ask"]
    assert ask["rule"] == "choice_of_steps"
    assert ask["options"][0].startswith("try one bus stop")


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_what_do_you_think_would_help_asks_their_own_next_step(slug: str) -> None:
    assert play(slug, ["sorry, that was me lecturing. what do u think would help?"]) == [
        "key_question"]


@pytest.mark.parametrize("seed", range(6))
def test_a_step_chosen_from_a_menu_is_chosen_once_not_some_days(seed: int) -> None:
    persona = CATALOG["panic-disorder"]
    state, _ = open_session(persona, seed=seed)
    reply = take_turn(persona, state, "There are a few options: waiting and seeing, some "
                                      "self-help, talking therapy, or a follow-up with me. What, "
                                      "if anything, appeals?").reply_text
    assert not re.search(r"ask me on|some days|week to week|more often than not", reply,
                         re.IGNORECASE), reply
