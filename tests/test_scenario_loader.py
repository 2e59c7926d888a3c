"""The persona loader: safe, whole-or-nothing, and every problem at its line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from scenario_helpers import EXAMPLE_PATH, edited, example_text, line_of

from mi_sim.engine.persona import Move, Persona
from mi_sim.scenarios.loader import (
    MAX_BYTES,
    Locator,
    Problem,
    ScenarioError,
    clear_catalog_cache,
    default_scenarios_dir,
    format_loc,
    load_catalog,
    load_located,
    load_persona_file,
    load_persona_text,
)


def problems_of(data: bytes | str, path: str = "p.yaml") -> list[Problem]:
    with pytest.raises(ScenarioError) as caught:
        load_persona_text(data, path)
    assert caught.value.problems, "a ScenarioError always carries problems"
    return caught.value.problems


def only_problem(data: bytes | str, path: str = "p.yaml") -> Problem:
    problems = problems_of(data, path)
    assert len(problems) == 1, problems
    return problems[0]


# --- the happy path ------------------------------------------------------------------------


def test_the_example_persona_loads_from_a_file() -> None:
    persona = load_persona_file(EXAMPLE_PATH)
    assert isinstance(persona, Persona)
    assert persona.slug == "example-sam"
    assert persona.parameters_for("hard").mistrust_start == 0.3
    assert persona.banks[Move.FALLBACK]


def test_text_bytes_and_a_byte_order_mark_load_the_same_persona() -> None:
    text = example_text()
    from_text = load_persona_text(text)
    assert load_persona_text(text.encode("utf-8")) == from_text
    assert load_persona_text(b"\xef\xbb\xbf" + text.encode("utf-8")) == from_text


def test_the_locator_points_at_keys_and_items_and_falls_back_to_the_nearest_ancestor() -> None:
    text = example_text()
    _, locator = load_located(text, "x.yaml")
    evoke = line_of(text, "  evoke:")
    assert locator.line(("banks", "evoke")) == evoke
    assert locator.line(("banks", "evoke", 1)) == line_of(text, "- text: I've done hard")
    second = text.index("- text: I've done hard")
    assert locator.line(("banks", "evoke", 1, "talk")) == line_of(text, "talk: change", second)
    assert locator.line(("banks", "evoke", 1, "subtype", "[key]")) == line_of(
        text, "subtype: ability")
    assert locator.line(("banks", "evoke", 99)) == evoke
    assert locator.line(("no_such_field",)) == locator.line(()) == line_of(text, "schema_version")
    assert Locator({}).line(("a",)) == 1


def test_a_loc_is_written_as_a_dotted_path_with_indices() -> None:
    assert format_loc(("banks", "evoke", 3, "talk")) == "banks.evoke[3].talk"
    assert format_loc(("banks", "evk", "[key]")) == "banks.evk (as a key)"
    assert format_loc(()) == "(top level)"


def test_a_problem_prints_as_path_line_message_and_warnings_say_so() -> None:
    assert str(Problem("a.yaml", 3, "bad")) == "a.yaml:3: bad"
    assert str(Problem("a.yaml", 4, "thin", "warning")) == "a.yaml:4: warning: thin"


def test_a_scenario_error_prints_one_problem_per_line() -> None:
    error = ScenarioError([Problem("a.yaml", 1, "one"), Problem("a.yaml", 2, "two")])
    assert str(error) == "a.yaml:1: one\na.yaml:2: two"


# --- refused before YAML is understood -------------------------------------------------------


def test_a_truncated_file_is_a_syntax_error_at_the_line_where_it_stops() -> None:
    text = example_text()
    cut = text[: text.index("tired all the time")]  # inside an open double quote
    problem = only_problem(cut)
    assert problem.message.startswith("YAML syntax error")
    assert problem.line >= line_of(text, "title:")


def test_a_file_truncated_between_lines_reports_every_missing_field_together() -> None:
    text = example_text()
    cut = text[: text.index("opening:")]
    messages = [p.message for p in problems_of(cut)]
    assert "required field 'opening' is missing" in messages
    assert "required field 'levels' is missing" in messages
    assert "required field 'banks' is missing" in messages


def test_a_tab_in_the_indentation_is_refused_at_its_line() -> None:
    text = edited("  summary: A bus driver", "\tsummary: A bus driver")
    problem = only_problem(text)
    assert problem.line == line_of(text, "\tsummary")
    assert "YAML syntax error" in problem.message
    assert "tab" in problem.message


def test_an_alias_bomb_is_refused_with_its_line_within_a_second() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for n, prev in zip("bcdefghij", "abcdefghi", strict=True):
        lines.append(f"{n}: &{n} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = "schema_version: 1\n" + "\n".join(lines) + "\n"
    started = time.perf_counter()
    problem = only_problem(bomb)
    assert time.perf_counter() - started < 1.0
    assert problem.line == 2
    assert "anchors and aliases are not allowed in persona files" in problem.message


def test_an_alias_alone_is_refused_too() -> None:
    text = edited("title:", "nick: &n Sam\ntitle: *n\nold_title:")
    problem = only_problem(text)
    assert problem.line == line_of(text, "nick:")
    assert "anchors and aliases" in problem.message


def test_a_python_object_tag_is_refused_without_running_it(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = edited("title:", f'title: !!python/object/apply:os.system ["touch {marker}"]\nx:')
    problem = only_problem(text)
    assert "!!python/object/apply:os.system" in problem.message
    assert "not allowed" in problem.message
    assert problem.line == line_of(text, "!!python")
    assert not marker.exists()


def test_other_tags_such_as_binary_and_local_tags_are_refused() -> None:
    for tag in ("!!binary", "!!set", "!custom"):
        text = edited("title: ", f"title: {tag} ")
        problem = only_problem(text)
        assert "is not allowed" in problem.message, tag
        assert problem.line == line_of(text, "title:")


def test_a_600_kib_file_is_refused_with_the_bound(tmp_path: Path) -> None:
    data = example_text().encode("utf-8") + b"# " + b"x" * (600 * 1024) + b"\n"
    problem = only_problem(data)
    assert problem.line == 1
    assert "512 KiB" in problem.message
    assert str(MAX_BYTES) in problem.message
    big = tmp_path / "big.yaml"
    big.write_bytes(data)
    with pytest.raises(ScenarioError) as caught:
        load_persona_file(big)
    assert str(caught.value).startswith(f"{big}:1: ")
    assert "512 KiB" in str(caught.value)


def test_latin_1_bytes_are_refused_as_not_utf8_at_the_line_of_the_first_bad_byte() -> None:
    text = edited('title: "Sam, 46 — tired', 'title: "Sam, 46, caf\u00e9 owner, tired')
    data = text.encode("latin-1", errors="replace")
    problem = only_problem(data)
    assert "not UTF-8" in problem.message
    assert problem.line == line_of(text, "title:")


def test_thirty_levels_of_nesting_are_refused() -> None:
    nested = "tips: " + "[" * 30 + "]" * 30
    text = edited("  tips:\n", f"  {nested}\n  old_tips:\n")
    problem = only_problem(text)
    assert "deeper than 20 levels" in problem.message
    assert problem.line == line_of(text, "tips: [[[")


def test_more_than_twenty_thousand_nodes_are_refused() -> None:
    text = edited("  tips:\n", "  tips: [" + ", ".join(["t"] * 20_001) + "]\n  old_tips:\n")
    problem = only_problem(text)
    assert "more than 20000 YAML nodes" in problem.message


def test_an_empty_file_is_refused() -> None:
    for empty in ("", "   \n", "# only a comment\n", b""):
        problem = only_problem(empty)
        assert problem.line == 1
        assert "empty" in problem.message


def test_a_top_level_that_is_not_a_mapping_is_refused_at_its_line() -> None:
    problem = only_problem("# a list\n- schema_version: 1\n")
    assert problem.line == 2
    assert "must be a mapping" in problem.message
    assert "mapping" in only_problem("just text\n").message


def test_two_documents_in_one_file_are_refused_at_the_second() -> None:
    text = example_text() + "---\nslug: other\n"
    problem = only_problem(text)
    assert "exactly one YAML document" in problem.message
    assert problem.line == line_of(text, "---")


def test_a_duplicate_key_is_refused_instead_of_losing_the_first() -> None:
    text = example_text() + "\ntitle: Again\n"
    problem = only_problem(text)
    assert problem.line == line_of(text, "title: Again")
    assert f"duplicate key 'title' (first at line {line_of(text, 'title:')})" in problem.message


def test_a_control_character_is_a_syntax_error_with_its_line() -> None:
    text = edited("  name: Sam", "  name: Sam\x07")
    problem = only_problem(text)
    assert problem.line == line_of(text, "\x07")
    assert "#x0007" in problem.message


# --- validation errors at their lines --------------------------------------------------------


def test_an_unknown_top_level_key_is_refused_because_extra_fields_are_forbidden() -> None:
    text = edited("default_level: standard", "default_level: standard\ndifficulty: 3")
    problem = only_problem(text)
    assert problem.line == line_of(text, "difficulty:")
    assert problem.message.startswith("difficulty: unknown field 'difficulty'")


def test_a_wrong_talk_label_is_reported_at_its_line_with_its_path() -> None:
    old = "    - text: I've done hard things before. I quit smoking.\n      talk: change"
    text = edited(old, old.replace("talk: change", "talk: changes"))
    problem = only_problem(text, "sam.yaml")
    assert problem.line == line_of(text, "talk: changes")
    assert problem.message == (
        "banks.evoke[1].talk: Input should be 'change', 'sustain' or 'neutral'")
    assert str(problem).startswith(f"sam.yaml:{problem.line}: banks.evoke[1].talk: ")


def test_two_errors_are_reported_together_sorted_by_line() -> None:
    text = edited("  rapport_start: 0.3", "  rapport_start: 1.3")
    text = edited("      talk: sustain\n      cue: stands up",
                  "      talk: angry\n      cue: stands up", text)
    problems = problems_of(text)
    assert [p.line for p in problems] == [line_of(text, "rapport_start: 1.3"),
                                          line_of(text, "talk: angry")]
    assert problems[0].message.startswith("parameters.rapport_start: Input should be less")
    assert problems[1].message.startswith("banks.walkout[0].talk: ")


def test_an_unknown_bank_name_is_reported_at_the_bank_key() -> None:
    text = edited("  evoke:\n", "  evoking:\n")
    problem = only_problem(text)
    assert problem.line == line_of(text, "evoking:")
    assert problem.message.startswith("banks.evoking (as a key): Input should be 'question_open'")


def test_a_missing_required_field_is_reported_at_its_parent() -> None:
    text = edited("  summary: A bus driver who is exhausted and sure the cause is physical.\n", "")
    problem = only_problem(text)
    assert problem.line == line_of(text, "brief:")
    assert problem.message == "brief: required field 'summary' is missing"


def test_an_unquoted_yes_gets_a_hint_about_quoting() -> None:
    text = edited("  talk: neutral\n  cue: arms folded", "  talk: yes\n  cue: arms folded")
    problem = only_problem(text)
    assert problem.line == line_of(text, "talk: yes")
    assert "put the word in quotes" in problem.message


def test_a_level_override_out_of_bounds_is_reported_at_the_level_key() -> None:
    text = edited("    punish_scale: 1.5", "    punish_scale: 4")
    problem = only_problem(text)
    assert problem.line == line_of(text, "punish_scale: 4")
    assert problem.message.startswith("levels.hard.punish_scale: Input should be less than or "
                                      "equal to 3")


def test_an_unknown_level_parameter_is_reported_at_its_key_together_with_other_errors() -> None:
    text = edited("    reward_scale: 1.3", "    rewards: 1.3")
    text = edited("  mistrust_start: 0.15", "  mistrust_start: -1", text)
    problems = problems_of(text)
    assert [(p.line, p.message) for p in problems] == [
        (line_of(text, "mistrust_start: -1"),
         "parameters.mistrust_start: Input should be greater than or equal to 0"),
        (line_of(text, "rewards:"),
         "levels.gentle.rewards: level 'gentle' sets unknown parameter 'rewards'"),
    ]


def test_a_missing_required_level_is_reported_at_levels() -> None:
    text = edited("  standard: {}\n", "")
    problem = only_problem(text)
    assert problem.line == line_of(text, "levels:")
    assert problem.message == "levels must include 'standard'"


def test_a_default_level_that_does_not_exist_is_reported_at_its_line() -> None:
    text = edited("default_level: standard", "default_level: expert")
    problem = only_problem(text)
    assert problem.line == line_of(text, "default_level:")
    assert "default_level 'expert' is not one of the levels" in problem.message


def test_an_empty_fallback_bank_is_reported_at_the_bank() -> None:
    start = example_text().index("  fallback:")
    end = example_text().index("  walkout:")
    text = example_text()[:start] + "  fallback: []\n" + example_text()[end:]
    problem = only_problem(text)
    assert problem.line == line_of(text, "fallback: []")
    assert "non-empty 'fallback'" in problem.message


# --- the catalog ----------------------------------------------------------------------------


def write_persona(directory: Path, name: str, slug: str) -> Path:
    path = directory / name
    path.write_text(edited("slug: example-sam", f"slug: {slug}"), encoding="utf-8")
    return path


def test_the_catalog_loads_every_yaml_file_sorted_by_slug_once_per_process(
        tmp_path: Path) -> None:
    clear_catalog_cache()
    write_persona(tmp_path, "a.yaml", "zed")
    write_persona(tmp_path, "b.yaml", "alpha")
    (tmp_path / "notes.txt").write_text("not a persona")
    first = load_catalog(tmp_path)
    assert list(first) == ["alpha", "zed"]
    write_persona(tmp_path, "c.yaml", "middle")
    again = load_catalog(str(tmp_path))
    assert list(again) == ["alpha", "zed"], "cached: files are read once per process"
    assert again["alpha"] is first["alpha"]
    clear_catalog_cache()
    assert list(load_catalog(tmp_path)) == ["alpha", "middle", "zed"]
    clear_catalog_cache()


def test_a_duplicate_slug_in_the_catalog_is_an_error(tmp_path: Path) -> None:
    clear_catalog_cache()
    write_persona(tmp_path, "a.yaml", "same")
    write_persona(tmp_path, "b.yaml", "same")
    with pytest.raises(ScenarioError) as caught:
        load_catalog(tmp_path)
    assert "duplicate slug 'same'" in str(caught.value)
    assert str(caught.value).startswith(str(tmp_path / "b.yaml") + ":1: ")
    clear_catalog_cache()


def test_a_broken_file_in_the_catalog_reports_its_own_line(tmp_path: Path) -> None:
    clear_catalog_cache()
    write_persona(tmp_path, "good.yaml", "good")
    (tmp_path / "bad.yaml").write_text("slug: [\n")
    with pytest.raises(ScenarioError) as caught:
        load_catalog(tmp_path)
    assert [p.path for p in caught.value.problems] == [str(tmp_path / "bad.yaml")]
    clear_catalog_cache()


def test_the_default_scenarios_dir_is_the_repository_folder_unless_overridden(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MI_SIM_SCENARIOS_DIR", raising=False)
    assert default_scenarios_dir() == Path(__file__).resolve().parents[1] / "scenarios"
    monkeypatch.setenv("MI_SIM_SCENARIOS_DIR", str(tmp_path))
    assert default_scenarios_dir() == tmp_path
    clear_catalog_cache()
    write_persona(tmp_path, "x.yaml", "from-env")
    assert list(load_catalog()) == ["from-env"]
    clear_catalog_cache()


def test_a_broken_fact_sheet_is_refused_whole_with_the_line_of_each_fault() -> None:
    text = edited("  - {name: pets, kind: pets,", "  - {name: pets, kind: job,")
    with pytest.raises(ScenarioError) as refused:
        load_persona_text(text, "sam.yaml")
    problems = refused.value.problems
    kind = next(p for p in problems if "fact_sheet[" in p.message and ".kind" in p.message)
    assert kind.line == line_of(text, "kind: job")
    assert "Input should be" in kind.message
    assert str(kind).startswith(f"sam.yaml:{kind.line}: fact_sheet[")


def test_version_2_fields_in_a_version_1_file_are_refused() -> None:
    text = edited("schema_version: 2", "schema_version: 1")
    with pytest.raises(ScenarioError) as refused:
        load_persona_text(text, "sam.yaml")
    assert "`fact_sheet` needs schema_version 2" in str(refused.value)


@pytest.mark.parametrize(("escape", "message"), [
    ("\\0", "holds a NUL character at character 4"),
    ("\\x07", "holds a control character (U+0007)"),
])
def test_a_control_character_written_as_a_yaml_escape_is_refused_at_its_line(
        escape: str, message: str) -> None:
    # Issue 12: title: "Sam\0" was published, and made every backup unrestorable.
    text = edited('title: "Sam, 46', f'title: "Sam{escape}, 46')
    with pytest.raises(ScenarioError) as caught:
        load_persona_text(text, "x.yaml")
    (problem,) = caught.value.problems
    assert problem.line == line_of(text, "title:") and message in problem.message
    tab = edited('title: "Sam, 46', 'title: "Sam,\\t46')
    assert load_persona_text(tab).title.startswith("Sam,\t46")  # a tab is text
