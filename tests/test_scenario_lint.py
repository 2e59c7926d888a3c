"""The persona linter: unknown names, gates that cannot open, banks that run dry."""

from __future__ import annotations

from pathlib import Path

from scenario_helpers import EXAMPLE_PATH, edited, example_text, line_of

from mi_sim.scenarios.lint import has_errors, lint_file, lint_persona, lint_text
from mi_sim.scenarios.loader import Problem, load_persona_text


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def warnings(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "warning"]


def test_the_clean_example_lints_with_no_problems_at_all() -> None:
    assert lint_file(EXAMPLE_PATH) == []
    assert lint_text(example_text(), "x.yaml") == []


def test_a_file_that_does_not_load_gets_its_load_errors_only() -> None:
    text = edited("talk: neutral\n  cue: arms folded", "talk: nope\n  cue: arms folded")
    text = edited("text: If I had more energy", "text: If {energy} I had more energy", text)
    problems = lint_text(text, "x.yaml")
    assert len(problems) == 1
    assert problems[0].line == line_of(text, "talk: nope")
    assert problems[0].message.startswith("opening.talk: ")


def test_lint_file_reports_a_missing_file_as_a_problem(tmp_path: Path) -> None:
    problems = lint_file(tmp_path / "absent.yaml")
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{tmp_path / 'absent.yaml'}:1: cannot read the file")


def test_a_reply_with_an_unknown_slot_is_an_error_at_its_line() -> None:
    text = edited("text: I came here for help, not a lecture.",
                  "text: I came here for help, not a lecture from {doctor}.")
    problems = lint_text(text, "sam.yaml")
    assert len(problems) == 1
    problem = problems[0]
    assert problem.severity == "error"
    assert problem.line == line_of(text, "{doctor}")
    assert "unknown slot '{doctor}'" in problem.message
    assert problem.message.startswith("banks.confront[2].text: ")
    assert str(problem) == f"sam.yaml:{problem.line}: {problem.message}"


def test_a_known_slot_in_a_cue_is_fine_and_a_stray_brace_is_a_warning() -> None:
    text = edited("cue: jaw tightens", "cue: glares at {name}")
    assert lint_text(text) == []
    text = edited("text: So you think I'm making it up.", "text: So {You} think I'm making it up.")
    (problem,) = lint_text(text)
    assert problem.severity == "warning"
    assert "not a slot" in problem.message


def test_a_reply_topic_that_is_not_defined_is_an_error() -> None:
    text = edited("      topics: [sleep]", "      topics: [slep]")
    (problem,) = errors(lint_text(text))
    assert problem.line == line_of(text, "topics: [slep]")
    assert "unknown topic 'slep'" in problem.message
    # sleep is now unused, which is worth a warning too
    assert any("topics.sleep: never used" in p.message for p in warnings(lint_text(text)))


def test_an_unlock_topic_that_is_not_defined_is_an_error() -> None:
    text = edited("      topics: [work]", "      topics: [job]")
    found = errors(lint_text(text))
    assert len(found) == 1
    assert found[0].line == line_of(text, "topics: [job]")
    assert "unknown topic 'job'" in found[0].message
    assert "can never open" in found[0].message


def test_unknown_trigger_soother_and_effect_keys_are_errors_at_their_lines() -> None:
    text = edited("      label: 0.4", "      labelling: 0.4\n      topic:money: 0.2")
    text = edited("      affirm: 0.15", "      topic:sleep: 0.1\n      affirm: 0.15", text)
    text = edited("      discord: 0.1 ", "      anger: 0.1 ", text)
    text = edited("    effects:\n      rapport: 0.05", "    effects:\n      mistrust: 0.05", text)
    found = errors(lint_text(text))
    assert [(p.line, p.message.split(":")[0]) for p in found] == [
        (line_of(text, "labelling:"), "affects[0].triggers"),
        (line_of(text, "topic:money"), "affects[0].triggers"),
        (line_of(text, "anger:"), "affects[0].effects"),
        (line_of(text, "mistrust: 0.05"), "concerns[0].effects"),
    ]
    assert "unknown key 'labelling'" in found[0].message
    assert "unknown topic 'money' in 'topic:money'" in found[1].message
    assert "unknown target 'anger'" in found[2].message


def test_duplicate_names_are_errors_and_names_shared_across_kinds_are_warnings() -> None:
    text = edited("  - name: providing", "  - name: shame")
    extra = ("  - name: sleep_diary\n    description: Again.\n    keywords: [log]\n"
             "    accept:\n      - {text: Yes. Again., talk: neutral}\n"
             "    decline:\n      - {text: No., talk: sustain}\n")
    text = edited("\nbanks:\n", "\n" + extra + "\nbanks:\n", text)
    problems = lint_text(text)
    (dup,) = errors(problems)
    assert dup.line == line_of(text, "- name: sleep_diary", text.index("Again.") - 80)
    assert "duplicate name 'sleep_diary'" in dup.message
    (shared,) = warnings(problems)
    assert shared.line == line_of(text, "- name: shame", text.index("values:"))
    assert "also the name of one of the affects" in shared.message


def test_a_gate_above_one_minus_mistrust_at_hard_level_is_unreachable() -> None:
    text = edited("      rapport: 0.55", "      rapport: 0.8")
    (problem,) = lint_text(text)
    assert problem.severity == "error"
    assert problem.line == line_of(text, "rapport: 0.8")
    assert "can never open at level 'hard'" in problem.message
    assert "1 - mistrust = 0.7" in problem.message


def test_a_gate_unreachable_at_every_level_names_each_level_and_a_very_high_gate_warns() -> None:
    text = edited("      rapport: 0.55", "      rapport: 0.97")
    problems = lint_text(text)
    levels = sorted(p.message.split("level '")[1].split("'")[0] for p in errors(problems))
    assert levels == ["gentle", "hard", "standard"]
    (warning,) = warnings(problems)
    assert "above 0.95" in warning.message


def test_a_default_gate_counts_as_rapport_one_half_and_is_located_at_the_concern() -> None:
    text = edited("    unlock:\n      rapport: 0.55\n", "    unlock:\n")
    text = edited("    mistrust_start: 0.3 ", "    mistrust_start: 0.6 ", text)
    (problem,) = errors(lint_text(text))
    assert problem.line == line_of(text, "    unlock:")
    assert "needs rapport 0.5" in problem.message


def test_disclosures_only_in_the_guarded_band_are_a_warning() -> None:
    text = edited("        cue: voice drops", "        cue: voice drops\n        bands: [guarded]")
    (problem,) = lint_text(text)
    assert problem.severity == "warning"
    assert problem.line == line_of(text, "disclosures:")
    assert "limited to the guarded band" in problem.message


def test_a_fallback_bank_that_runs_dry_in_a_band_is_an_error() -> None:
    text = example_text()
    start, end = text.index("  fallback:"), text.index("  walkout:")
    bank = text[start:end].replace("      talk: sustain\n", "      talk: sustain\n"
                                   "      bands: [open]\n")
    bank = bank.replace("      talk: neutral\n", "      talk: neutral\n      bands: [open]\n")
    text = text[:start] + bank + text[end:]
    found = errors(lint_text(text))
    assert [p.line for p in found] == [line_of(text, "  fallback:")] * 2
    assert "band 'guarded'" in found[0].message
    assert "band 'ambivalent'" in found[1].message
    assert "must cover every band" in found[0].message


def test_topic_bound_replies_do_not_keep_a_bank_from_running_dry() -> None:
    text = example_text()
    start, end = text.index("  fallback:"), text.index("  walkout:")
    bank = text[start:end].replace("      talk: sustain\n", "      talk: sustain\n"
                                   "      topics: [work]\n")
    bank = bank.replace("      talk: neutral\n", "      talk: neutral\n      topics: [work]\n")
    text = text[:start] + bank + text[end:]
    assert [p.message for p in errors(lint_text(text))] == [
        f"banks.fallback has no reply at band '{band}' without `topics`; the fallback bank "
        "must cover every band, or the patient has nothing to say"
        for band in ("guarded", "ambivalent", "open")]


def test_a_thin_bank_warns_that_a_long_session_will_repeat_it() -> None:
    text = edited("    - text: I came here for help, not a lecture.\n      talk: sustain\n", "")
    problems = lint_text(text)
    assert [p.message for p in problems] == [
        f"bank confront has only 2 replies at band {band}; a long session will repeat them"
        for band in ("guarded", "ambivalent", "open")]
    assert {p.line for p in problems} == {line_of(text, "\n  confront:\n") + 1}
    assert all(p.severity == "warning" for p in problems)
    assert str(problems[0]).startswith(f"<string>:{problems[0].line}: warning: bank confront")


def test_change_talk_without_a_subtype_is_a_warning() -> None:
    text = edited("      subtype: ability\n", "")
    (problem,) = lint_text(text)
    assert problem.severity == "warning"
    assert problem.line == line_of(text, "talk: change", text.index("I quit smoking"))
    assert "without a `subtype`" in problem.message


def test_sustain_talk_offered_only_to_an_open_patient_in_the_evoke_bank_is_a_warning() -> None:
    old = ("    - text: I want to be able to do my job without nodding off.\n"
           "      talk: change\n      subtype: reasons\n      bands: [ambivalent, open]\n")
    new = old + ("    - text: Energy won't fix the rota, though.\n      talk: sustain\n"
                 "      bands: [open]\n")
    text = edited(old, new)
    (problem,) = lint_text(text)
    assert problem.severity == "warning"
    assert problem.line == line_of(text, "bands: [open]", text.index("Energy won't"))
    assert "evoke" in problem.message


def test_a_reply_with_no_bands_is_an_error_and_a_repeated_text_a_warning() -> None:
    text = edited("      bands: [guarded]            # only said", "      bands: []  # never")
    text = edited("    - text: Maybe. I haven't thought about it like that.",
                  "    - text: I'm just tired. That's all it is.", text)
    problems = [p for p in lint_text(text) if "reflection_complex has only 2" not in p.message]
    assert [(p.severity, p.line) for p in problems] == [
        ("warning", line_of(text, "I'm just tired", text.index("I'm just tired") + 5)),
        ("error", line_of(text, "bands: []")),
    ]
    assert "the same text as banks.fallback[0]" in problems[0].message
    assert "can never be said" in problems[1].message


def test_problems_are_sorted_by_line() -> None:
    text = edited("      subtype: desire\n      bands: [ambivalent, open]\n",
                  "      bands: [ambivalent, open]\n")
    text = edited("text: I don't know what you want me to say.",
                  "text: I don't know what {you} want.", text)
    text = edited("      rapport: 0.55", "      rapport: 0.99", text)
    problems = lint_text(text)
    assert len(problems) >= 4
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    assert has_errors(problems)


def test_lint_persona_works_without_a_locator() -> None:
    persona = load_persona_text(edited("      rapport: 0.55", "      rapport: 0.8"))
    (problem,) = lint_persona(persona)
    assert (problem.path, problem.line) == ("<persona>", 1)


def test_a_fact_sheet_missing_kinds_of_question_is_a_warning_that_names_them() -> None:
    text = edited("  - {name: pets, kind: pets, answers: [{text: \"No pets. The kids keep asking "
                  "for a dog.\"}]}\n", "")
    (problem,) = warnings(lint_text(text))
    assert "no fact answers 1 kinds of question (pets)" in problem.message
    assert problem.line == line_of(text, "fact_sheet:")


def test_a_private_fact_needs_a_known_concern_and_deflect_replies() -> None:
    text = edited("    private: losing_licence", "    private: losing_lisence")
    text = edited("    deflect:\n      - text: It's fine. Why are you asking about my licence?\n",
                  "", text)
    messages = [p.message for p in errors(lint_text(text))]
    assert any("unknown concern 'losing_lisence'" in m for m in messages)
    assert any("needs `deflect` replies" in m for m in messages)


def test_a_flag_nothing_sets_or_an_unknown_step_is_an_error_at_its_line() -> None:
    text = edited("      requires: [accepted:sleep_diary]",
                  "      requires: [accepted:sleep_dairy]")
    (problem,) = errors(lint_text(text))
    assert "'accepted:sleep_dairy' names an unknown" in problem.message
    assert problem.line == line_of(text, "requires: [accepted:sleep_dairy]")
    text = edited("      requires: [accepted:sleep_diary]", "      requires: [told_jo]")
    (problem,) = errors(lint_text(text))
    assert "no reply `sets` the flag 'told_jo'" in problem.message


def test_a_name_or_number_in_a_reply_that_the_sheet_does_not_hold_is_a_warning() -> None:
    text = edited("    - text: I'm just tired. That's all it is.",
                  "    - text: I'm just tired. Ask Gareth, he sees me at 4 in the morning.")
    (problem,) = warnings(lint_text(text))
    assert "mentions Gareth, 4, which" in problem.message
    assert problem.line == line_of(text, "Ask Gareth")


def test_a_reply_that_opens_by_quoting_the_clinician_needs_heard() -> None:
    text = edited("    - text: So you think I'm making it up.",
                  "    - text: \"'Making it up.' Is that what you think?\"")
    (problem,) = warnings(lint_text(text))
    assert "quotes 'Making it up.' but has no `heard`" in problem.message
    fixed = edited("\"'Making it up.' Is that what you think?\"\n",
                   "\"'Making it up.' Is that what you think?\"\n      heard: [making it up]\n",
                   text)
    assert warnings(lint_text(fixed)) == []


def test_a_keyword_with_a_run_of_spaces_or_a_control_character_is_an_error() -> None:
    # Issue 12 (ReDoS): lint passed "x          y"; it is refused now, at its line.
    text = edited("  sleep: [sleep, night, awake, bed]",
                  '  sleep: [sleep, night, awake, bed, "x          y", " lead", "tab\\tbed"]')
    found = errors(lint_text(text, "x.yaml"))
    assert [p.line for p in found] == [line_of(text, "x          y")] * 3
    messages = " | ".join(p.message for p in found)
    assert "topics.sleep[4]: 'x          y' has a run of spaces" in messages
    assert "('x y')" in messages
    assert "topics.sleep[5]: ' lead' starts or ends with a space" in messages
    assert "topics.sleep[6]: 'tab\\tbed' holds a control or invisible character" in messages


def test_fact_keywords_and_heard_phrases_are_checked_too_and_length_is_bounded() -> None:
    text = edited("      topics: [sleep]             #",
                  '      heard: ["so   tired"]\n      topics: [sleep]             #')
    (problem,) = [p for p in errors(lint_text(text)) if "run of spaces" in p.message]
    assert problem.line == line_of(text, "so   tired")
    long = edited("  sleep: [sleep, night, awake, bed]", f"  sleep: [sleep, {'z' * 61}]")
    (problem,) = lint_text(long)
    assert "at most 60 characters" in problem.message
