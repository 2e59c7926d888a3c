"""A fact told already is told again only when the line asks for it again. In the blind rounds a
reply that opened "As I said, …" was rated as not fitting 237 times in 258: the clinician had
asked about something else of a thing already told ("how often do you check it?" after the lump
was described), and the patient recited the thing again."""

from __future__ import annotations

from shipped_talk import said

from mi_sim.engine.fact_cues import kinds_asked


def test_how_often_she_checks_the_lump_is_not_the_lump_described_again() -> None:
    (_, first), (source, reply) = said("health-anxiety", [
        "Where's the lump?",
        "Some mornings it feels bigger. How often do you find yourself checking it?"])
    assert "jaw" in first
    assert source != "fact.lump" and "jaw" not in reply and "morning" in reply.lower()


def test_what_mending_clocks_means_is_not_the_hobby_told_again() -> None:
    (_, first), (_, reply) = said("generalised-anxiety", [
        "What do you do in your spare time?",
        "Your dad's clock, in pieces on the bench. What is it about mending clocks that "
        "matters to you?"])
    assert "Clocks." in first
    assert not reply.startswith(("As I said", "Like I said", "To repeat myself", "Just to say"))


def test_the_bits_with_an_audience_are_not_the_job_told_again() -> None:
    (_, first), (source, reply) = said("social-anxiety", [
        "What do you do for work?",
        "Good at the work, less keen on the audience. What are the bits with an audience?"])
    assert "data analyst" in first
    assert source != "fact.work" and "analyst" not in reply


def test_a_question_asked_again_in_so_many_words_is_told_again() -> None:
    replies = said("generalised-anxiety", ["Who's at home with you?", "What do you do for work?",
                                           "Sorry, who did you say lives with you?"])
    assert replies[2][0] == "fact.household" and "Sue" in replies[2][1]


def test_a_question_put_right_after_a_miss_is_answered_without_as_i_said() -> None:
    replies = said("somatic-symptoms", [
        "What are you taking for the pain?", "And what do you do for work?",
        "Sorry, I was asking about medication - what tablets have you tried?"])
    source, reply = replies[2]
    assert source == "fact.medication" and "amitriptyline" in reply
    assert not reply.startswith(("As I said", "Like I told", "Again", "Same as before"))


def test_the_job_asked_for_again_after_a_reflection_is_told_again() -> None:
    replies = said("somatic-symptoms", [
        "What do you do for work?",
        "counting the hours, that sounds hard. but ur job, what is it?"])
    assert replies[1][0] == "fact.work" and "depot" in replies[1][1]


def test_hard_to_get_out_asks_nobody_s_view() -> None:
    assert not kinds_asked("like hard to get out?", None)
    assert kinds_asked("what would you like him to know?", None)
