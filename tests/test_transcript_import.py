"""Reading a pasted or uploaded transcript: formats, line numbers, and every kind of error."""

from __future__ import annotations

import pytest

from mi_sim.transcript_import import (
    MAX_BYTES,
    MAX_PROBLEMS,
    MAX_UTTERANCE,
    MAX_UTTERANCES,
    ParsedTranscript,
    TranscriptError,
    Utterance,
    parse_transcript,
)


def triples(parsed: ParsedTranscript) -> list[tuple[int, str, str]]:
    return [tuple(u) for u in parsed.utterances]  # type: ignore[misc]


def problems_of(text: str | bytes, filename: str | None = None) -> list[str]:
    with pytest.raises(TranscriptError) as caught:
        parse_transcript(text, filename)
    return caught.value.messages


# --------------------------------------------------------------------------------------------
# Speaker-prefixed lines


def test_t_and_c_prefixes_give_clinician_and_patient_lines_with_their_line_numbers() -> None:
    parsed = parse_transcript("T: How have you been?\nC: Not great.\nT: Tell me more.\n")
    assert parsed.format == "lines"
    assert triples(parsed) == [(1, "clinician", "How have you been?"),
                               (2, "patient", "Not great."),
                               (3, "clinician", "Tell me more.")]


def test_utterances_are_named_tuples_of_line_speaker_and_text() -> None:
    first = parse_transcript("T: Hello.").utterances[0]
    assert first == Utterance(1, "clinician", "Hello.")
    line, speaker, text = first
    assert (first.line, first.speaker, first.text) == (line, speaker, text)


@pytest.mark.parametrize(("clinician", "patient"), [
    ("Therapist", "Client"), ("Clinician", "Patient"), ("Counselor", "Client"),
    ("Counsellor", "Client"), ("Interviewer", "Interviewee"), ("THERAPIST", "client"),
    ("t", "c"),
])
def test_every_named_speaker_pair_is_recognised_in_any_case(clinician: str,
                                                             patient: str) -> None:
    parsed = parse_transcript(f"{clinician}: What brings you here?\n{patient}: My back.")
    assert [u.speaker for u in parsed.utterances] == ["clinician", "patient"]
    assert [u.text for u in parsed.utterances] == ["What brings you here?", "My back."]


def test_space_before_the_colon_and_no_space_after_it_are_accepted() -> None:
    parsed = parse_transcript("Therapist : Hi.\nC:Hello.")
    assert [u.text for u in parsed.utterances] == ["Hi.", "Hello."]


@pytest.mark.parametrize("stamp", ["[00:01:23] ", "00:01:23 ", "[1:23] ", "(00:01:23) ",
                                   "00:01:23.450 ", "[00:01:23]"])
def test_a_leading_timestamp_is_dropped(stamp: str) -> None:
    parsed = parse_transcript(f"{stamp}T: Hello.\n{stamp}C: Hi.")
    assert triples(parsed) == [(1, "clinician", "Hello."), (2, "patient", "Hi.")]


def test_a_timestamp_right_after_the_prefix_and_timestamp_only_lines_are_dropped() -> None:
    parsed = parse_transcript("00:00:05\nT: [00:00:05] Hello.\n00:00:09 --> 00:00:12\nC: Hi.")
    assert triples(parsed) == [(2, "clinician", "Hello."), (4, "patient", "Hi.")]


def test_continuation_lines_join_the_utterance_above_and_blank_lines_are_skipped() -> None:
    text = ("T: So the pain keeps you up.\n"
            "   What do you do then?\n"
            "\n"
            "C: I walk around.\n"
            "\n"
            "Sometimes I read.\n"
            "T: Okay.\n")
    assert triples(parse_transcript(text)) == [
        (1, "clinician", "So the pain keeps you up. What do you do then?"),
        (4, "patient", "I walk around. Sometimes I read."),
        (7, "clinician", "Okay."),
    ]


def test_consecutive_prefixed_lines_of_one_speaker_stay_separate() -> None:
    parsed = parse_transcript("T: Hello.\nT: Take a seat.\nC: Thanks.")
    assert [u.text for u in parsed.utterances] == ["Hello.", "Take a seat.", "Thanks."]


def test_a_colon_inside_ordinary_text_is_a_continuation_not_a_speaker() -> None:
    text = ("C: My mum said: just rest.\n"
            "and he told me: relax\n"
            "10:30 was when it started\n"
            "see https://example.org for it")
    assert triples(parse_transcript(text)) == [
        (1, "patient", "My mum said: just rest. and he told me: relax 10:30 was when it "
                       "started see https://example.org for it"),
    ]


def test_a_text_that_is_only_on_the_continuation_line_counts() -> None:
    assert triples(parse_transcript("T:\n  How are you?")) == [(1, "clinician", "How are you?")]


def test_windows_and_old_mac_line_endings_and_a_bom_keep_the_line_numbers() -> None:
    assert triples(parse_transcript("\ufeffT: Hi.\r\nC: Hello.\rT: Okay.")) == [
        (1, "clinician", "Hi."), (2, "patient", "Hello."), (3, "clinician", "Okay.")]


def test_utf8_bytes_are_decoded() -> None:
    parsed = parse_transcript("T: Ça va ?\nC: Bof, ça dépend.".encode())
    assert [u.text for u in parsed.utterances] == ["Ça va ?", "Bof, ça dépend."]


def test_counts_and_to_dict() -> None:
    parsed = parse_transcript("T: Hi.\nC: Hello.\nT: Okay.")
    assert (parsed.clinician_count, parsed.patient_count) == (2, 1)
    assert parsed.to_dict() == {"format": "lines", "utterances": [
        {"line": 1, "speaker": "clinician", "text": "Hi."},
        {"line": 2, "speaker": "patient", "text": "Hello."},
        {"line": 3, "speaker": "clinician", "text": "Okay."}]}


# --------------------------------------------------------------------------------------------
# CSV


def test_a_csv_with_speaker_and_text_columns_is_read() -> None:
    parsed = parse_transcript("speaker,text\nT,Hello.\nclient,Hi.\nTherapist,Okay.\n")
    assert parsed.format == "csv"
    assert triples(parsed) == [(2, "clinician", "Hello."), (3, "patient", "Hi."),
                               (4, "clinician", "Okay.")]


def test_csv_columns_in_any_order_and_case_with_extra_columns_ignored() -> None:
    parsed = parse_transcript("Time,TEXT,Note,Speaker\n00:01,Hello.,x,t\n00:02,Hi.,,C\n")
    assert triples(parsed) == [(2, "clinician", "Hello."), (3, "patient", "Hi.")]


def test_csv_quoted_fields_hold_commas_and_newlines_and_rows_keep_their_start_line() -> None:
    text = ('speaker,text\n'
            'therapist,"So, what happened next?"\n'
            'client,"I went home,\nand then\nI slept."\n'
            '\n'
            'therapist,"She said ""no""."\n')
    assert triples(parse_transcript(text)) == [
        (2, "clinician", "So, what happened next?"),
        (3, "patient", "I went home, and then I slept."),
        (7, "clinician", 'She said "no".'),
    ]


def test_a_csv_filename_chooses_csv_even_when_the_header_is_wrong() -> None:
    assert problems_of("who,said\nT,Hello.\n", "Session.CSV") == [
        "line 1: the CSV header needs 'speaker' and 'text' columns; 'speaker' and 'text' are "
        "missing (found 'who', 'said')"]


def test_a_csv_missing_the_text_column_says_so() -> None:
    assert problems_of("speaker,utterance\nT,Hello.\n") == [
        "line 1: the CSV header needs 'speaker' and 'text' columns; 'text' is missing "
        "(found 'speaker', 'utterance')"]


def test_a_prefixed_transcript_in_a_csv_named_file_is_read_as_lines() -> None:
    assert parse_transcript("T: Hello, there.\nC: Hi.", "upload.csv").format == "lines"


def test_csv_row_errors_each_name_their_line() -> None:
    text = ("speaker,text\n"
            "T,Hello.\n"
            "Doctor,Hi.\n"
            "C,\n"
            ",Something.\n"
            "T\n")
    assert problems_of(text) == [
        "line 3: unknown speaker 'Doctor' — use therapist/client, t/c, clinician/patient, "
        "counselor/client or interviewer/interviewee",
        "line 4: the C line has no text",
        "line 5: the speaker is empty — use therapist/client, t/c, clinician/patient, "
        "counselor/client or interviewer/interviewee",
        "line 6: the row has 1 column; the header (line 1) needs at least 2",
    ]


def test_invalid_csv_quoting_is_reported_with_its_line() -> None:
    problems = problems_of('speaker,text\nT,Hello.\nC,"unfinished\n')
    assert len(problems) == 1
    assert problems[0].startswith("line 3: this is not valid CSV")


def test_a_csv_with_only_a_header_is_refused() -> None:
    assert problems_of("speaker,text\n\n") == ["line 1: the CSV has a header but no rows"]


# --------------------------------------------------------------------------------------------
# Errors in prefixed lines


def test_an_unknown_speaker_names_the_line_and_the_accepted_prefixes() -> None:
    problems = problems_of("T: Hello.\nC: Hi.\n\n\n\n\nDoctor: What now?\nC: Fine.")
    assert problems == ["line 7: unknown speaker 'Doctor' — use T:/C:, Therapist:/Client:, "
                        "Clinician:/Patient:, Counselor:/Client: or Interviewer:/Interviewee:"]


def test_an_unknown_speakers_continuation_lines_are_not_blamed_separately() -> None:
    problems = problems_of("Dr Smith: Hello.\nHow are you?\nC: Fine.")
    assert len(problems) == 1 and problems[0].startswith("line 1: unknown speaker 'Dr Smith'")


def test_a_textless_utterance_names_its_line() -> None:
    assert problems_of("T: Hello.\nC:\nT: Okay.") == ["line 2: 'C:' has no text after it"]


def test_a_line_before_the_first_speaker_names_its_line() -> None:
    problems = problems_of("Session 3, 12 May\nT: Hello.\nC: Hi.")
    assert len(problems) == 1
    assert problems[0].startswith("line 1: this line has no speaker and there is no line above")


def test_text_with_no_recognisable_line_gets_one_message() -> None:
    problems = problems_of("just some notes\nabout a session\n")
    assert len(problems) == 1
    assert problems[0].startswith("no line starts with a speaker")
    assert "T:/C:" in problems[0] and "speaker,text" in problems[0]


@pytest.mark.parametrize("text", ["", "   \n\n\t\n", b"", b"\n\n"])
def test_empty_input_is_refused(text: str | bytes) -> None:
    assert problems_of(text) == ["the transcript is empty"]


def test_an_utterance_over_the_engine_limit_says_its_length_and_the_limit() -> None:
    assert MAX_UTTERANCE == 2000
    long = "x" * 2001
    assert problems_of(f"T: Hi.\nC: {long}") == [
        "line 2: the utterance is 2,001 characters long; the limit is 2,000 — split it into "
        "several lines"]
    assert len(parse_transcript(f"T: Hi.\nC: {'x' * 2000}").utterances[1].text) == 2000


def test_continuation_lines_count_towards_the_utterance_length() -> None:
    text = "T: Hi.\nC: " + "y" * 1500 + "\n" + "z" * 600
    assert problems_of(text) == [
        "line 2: the utterance is 2,101 characters long; the limit is 2,000 — split it into "
        "several lines"]


def test_an_over_long_csv_cell_is_refused_with_its_line() -> None:
    assert problems_of(f"speaker,text\nT,Hi.\nC,{'x' * 2500}\n") == [
        "line 3: the utterance is 2,500 characters long; the limit is 2,000 — split it into "
        "several lines"]


def test_more_than_two_thousand_utterances_is_refused_with_the_count() -> None:
    assert MAX_UTTERANCES == 2000
    text = "\n".join("T: Hi." if i % 2 else "C: Ok." for i in range(2001))
    assert problems_of(text) == ["the transcript has 2,001 utterances; the limit is 2,000 — "
                                 "split it into several transcripts"]
    assert len(parse_transcript("\n".join(["T: Hi."] * 2000)).utterances) == 2000


@pytest.mark.parametrize("as_bytes", [False, True])
def test_input_over_one_megabyte_is_refused_before_parsing(as_bytes: bool) -> None:
    assert MAX_BYTES == 1_000_000
    text = "T: " + "x" * (MAX_BYTES - 2)  # 1,000,001 bytes
    data: str | bytes = text.encode() if as_bytes else text
    assert problems_of(data) == ["the transcript is 1,000,001 bytes; the limit is 1,000,000 "
                                 "bytes (1 MB) — split it into several transcripts"]


def test_the_size_bound_counts_utf8_bytes_not_characters() -> None:
    text = "T: " + "é" * 500_000  # 1,000,003 bytes in UTF-8
    assert problems_of(text)[0].startswith("the transcript is 1,000,003 bytes")


def test_latin1_bytes_are_refused_naming_each_line_and_the_encoding() -> None:
    data = "T: Bonjour.\nC: Ça va.\nT: Très bien.".encode("latin-1")
    assert problems_of(data) == [
        "line 2: this is not UTF-8 text (byte 0xC7); save the file as UTF-8 and try again",
        "line 3: this is not UTF-8 text (byte 0xE8); save the file as UTF-8 and try again",
    ]


def test_all_problems_are_reported_together_in_line_order() -> None:
    text = "Doctor: Hi.\nC:\nT: " + "x" * 2001 + "\nNurse: Hello.\nC: Fine."
    problems = problems_of(text)
    assert [p.split(":")[0] for p in problems] == ["line 1", "line 2", "line 3", "line 4"]


def test_problems_are_capped_with_a_count_of_the_rest() -> None:
    assert MAX_PROBLEMS == 20
    text = "T: Hi.\n" + "\n".join(f"Doctor{i}: Hello." for i in range(25))
    with pytest.raises(TranscriptError) as caught:
        parse_transcript(text)
    messages = caught.value.messages
    assert len(messages) == 21
    assert messages[0].startswith("line 2: unknown speaker 'Doctor0'")
    assert messages[-1] == "… and 5 more problems"


def test_the_error_message_lists_every_problem_and_problems_keep_their_line() -> None:
    with pytest.raises(TranscriptError) as caught:
        parse_transcript("T: Hello.\nC:\nDoctor: Hi.")
    error = caught.value
    assert isinstance(error, ValueError)
    assert [p.line for p in error.problems] == [2, 3]
    assert str(error) == ("the transcript could not be read:\n"
                          "line 2: 'C:' has no text after it\n"
                          "line 3: unknown speaker 'Doctor' — use T:/C:, Therapist:/Client:, "
                          "Clinician:/Patient:, Counselor:/Client: or Interviewer:/Interviewee:")


def test_a_bare_time_at_the_start_of_the_text_is_kept() -> None:
    assert triples(parse_transcript("C: 3:00 every night, and (4:15) again.")) == [
        (1, "patient", "3:00 every night, and (4:15) again.")]


def test_nul_and_control_characters_are_refused_at_their_line() -> None:
    # Issue 12: a NUL in an uploaded transcript was stored, and made every backup unrestorable.
    assert problems_of("T: Hi.\nC: fi\x00ne\nT: Ok\x1b.") == [
        "line 2: this line holds a NUL character at character 6; remove it",
        "line 3: this line holds a control character (U+001B) at character 6; remove it"]
    assert problems_of(b"speaker,text\nT,Hi\x00\n", "x.csv")[0].startswith("line 2: ")
    assert parse_transcript("T: Hi.\n\u200b\x00\nC:\tFine.").utterances[1].text == "Fine."


def test_a_transcript_of_only_invisible_characters_is_empty() -> None:
    assert problems_of("\u200b\ufeff \n\u2060") == ["the transcript is empty"]
