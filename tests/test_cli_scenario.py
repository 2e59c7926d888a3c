"""`mi-sim scenario export | import | test`, through the real `mi-sim` app, on SQLite and
PostgreSQL (file mode of `test` needs no database)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import Result
from scenario_helpers import edited, example_text, line_of
from typer.testing import CliRunner

from mi_sim.cli import app
from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.services.library import COMMAND_LINE

pytest_plugins = ("storage_fixtures",)

ROOT = Path(__file__).resolve().parents[1]
SLUG = "example-sam"
LINES = ["What brings you here today?", "It sounds like you are exhausted.", "How is work?"]
FIRST_REPLY = "Honestly? To be told what's actually wrong."  # LINES[0]'s reply at seed 3
runner = CliRunner()


def run(*args: str) -> Result:
    return runner.invoke(app, ["scenario", *args])


@pytest.fixture
def db(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    """Services over the database the commands use (MI_SIM_DATABASE_URL)."""
    monkeypatch.setenv("MI_SIM_DATABASE_URL", database_url)
    built = Services.from_settings(Settings(database_url=database_url))
    yield built
    built.close()


@pytest.fixture
def sam_file(tmp_path: Path) -> Path:
    path = tmp_path / "sam.yaml"
    path.write_text(example_text(), encoding="utf-8")
    return path


# --- import and export -----------------------------------------------------------------------


def test_import_publish_then_export_gives_the_file_back(
        db: Services, sam_file: Path, tmp_path: Path) -> None:
    imported = run("import", str(sam_file), "--publish")
    assert imported.exit_code == 0, imported.output
    assert imported.stdout == f"published {SLUG} version 1\n"

    exported = run("export", SLUG)
    assert exported.exit_code == 0 and exported.stdout == example_text()
    out = tmp_path / "out.yaml"
    written = run("export", SLUG, "--version", "1", "-o", str(out))
    assert written.exit_code == 0 and out.read_bytes() == sam_file.read_bytes()
    published = db.library.entry(COMMAND_LINE, SLUG).published
    assert published is not None and published.source == "import"


def test_import_with_errors_saves_the_draft_prints_file_line_problems_and_fails(
        db: Services, tmp_path: Path) -> None:
    broken = edited("talk: neutral\n  cue: arms folded", "talk: bored\n  cue: arms folded")
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")

    result = run("import", str(path), "--publish")

    assert result.exit_code == 1
    line = line_of(broken, "talk: bored")
    assert f"{path}:{line}: opening.talk:" in result.stdout
    assert f"saved as the draft of {SLUG} (1 error, 0 warnings)" in result.stdout
    assert "not published" in result.stderr
    draft = db.library.draft(COMMAND_LINE, SLUG)
    assert draft is not None and draft.yaml_text == broken
    again = run("import", str(path))
    assert again.exit_code == 0, again.output  # the same text as the draft: saved again
    assert run("import", str(path), "--publish").exit_code == 1


def test_import_refuses_a_file_that_is_not_utf8_and_saves_nothing(
        db: Services, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(example_text().replace("—", "-").encode("utf-8") + b"# caf\xe9\n")
    result = run("import", str(path))
    assert result.exit_code == 1 and "not UTF-8" in result.stderr
    assert db.library.library(COMMAND_LINE) == []


def test_import_records_the_author_given_with_as_and_refuses_a_trainee(
        db: Services, sam_file: Path) -> None:
    db.accounts.create_user("ina", "instructor", "a long password")
    db.accounts.create_user("tess", "trainee", "a long password")
    refused = run("import", str(sam_file), "--as", "tess")
    assert refused.exit_code == 1 and "only instructors and admins" in refused.stderr
    unknown = run("import", str(sam_file), "--as", "nobody")
    assert unknown.exit_code == 1 and "no user named 'nobody'" in unknown.stderr
    assert run("import", str(sam_file), "--publish", "--as", "ina").exit_code == 0
    assert db.library.versions(COMMAND_LINE, SLUG)[0].created_by == "ina"


def test_export_of_an_unknown_persona_fails_with_a_message(db: Services) -> None:
    result = run("export", "nobody")
    assert result.exit_code == 1 and "no persona 'nobody'" in result.stderr


def test_the_commands_refuse_an_unmigrated_database(
        empty_database_url: str, monkeypatch: pytest.MonkeyPatch, sam_file: Path) -> None:
    monkeypatch.setenv("MI_SIM_DATABASE_URL", empty_database_url)
    for args in (["export", SLUG], ["import", str(sam_file)], ["test"]):
        result = run(*args)
        assert result.exit_code == 1 and "mi-sim db upgrade" in result.stderr


# --- test: goldens from the database ---------------------------------------------------------


def test_saved_goldens_pass_then_a_changed_reply_fails_with_a_diff(
        db: Services, sam_file: Path) -> None:
    assert run("test").stdout == "no goldens to run\n"
    assert run("import", str(sam_file), "--publish").exit_code == 0
    db.library.record_golden(COMMAND_LINE, SLUG, "first visit", "standard", 3, LINES)

    passed = run("test", SLUG)
    assert passed.exit_code == 0, passed.output
    assert passed.stdout == (f"PASS {SLUG} (published): first visit (3 turns)\n"
                             "1 passed, 0 failed\n")

    db.library.save_draft(COMMAND_LINE, SLUG, edited(FIRST_REPLY, "Out like a light."))
    on_draft = run("test", "--draft")
    assert on_draft.exit_code == 1
    assert f"FAIL {SLUG} (draft): first visit" in on_draft.stdout
    assert f"    turn 1 patient:\n      - {FIRST_REPLY}\n      + Out like a light.\n" in (
        on_draft.stdout)
    assert on_draft.stdout.endswith("0 passed, 1 failed\n")
    assert run("test").exit_code == 0  # the published version still passes

    db.library.publish(COMMAND_LINE, SLUG)
    assert run("test", SLUG).exit_code == 1


def test_test_of_an_unknown_persona_or_a_missing_draft_fails(
        db: Services, sam_file: Path) -> None:
    assert run("import", str(sam_file), "--publish").exit_code == 0
    unknown = run("test", "nobody")
    assert unknown.exit_code == 1 and "no persona 'nobody'" in unknown.stderr
    no_draft = run("test", SLUG, "--draft")
    assert no_draft.exit_code == 1 and "has no draft" in no_draft.stderr


# --- test: file mode (no database) -----------------------------------------------------------


def golden(slug: str) -> Path:
    return ROOT / "tests" / "golden" / f"{slug}.json"


def test_file_mode_passes_a_shipped_golden_against_its_persona_file(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MI_SIM_DATABASE_URL", f"sqlite:///{tmp_path / 'never-made.db'}")
    result = run("test", "--persona", str(ROOT / "scenarios" / "panic-disorder.yaml"),
                 "--golden", str(golden("panic-disorder")))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"PASS {golden('panic-disorder')}: panic-disorder (")
    assert not (tmp_path / "never-made.db").exists()


def test_file_mode_shows_the_changed_reply_of_an_edited_persona(tmp_path: Path) -> None:
    source = (ROOT / "scenarios" / "panic-disorder.yaml").read_text(encoding="utf-8")
    turns = json.loads(golden("panic-disorder").read_text(encoding="utf-8"))["turns"]
    reply = next(t["patient"] for t in turns if t["patient"] in source)
    persona = tmp_path / "panic.yaml"
    persona.write_text(source.replace(reply, "Something else entirely.", 1), encoding="utf-8")

    result = run("test", "--persona", str(persona), "--golden", str(golden("panic-disorder")))

    assert result.exit_code == 1
    assert f"FAIL {golden('panic-disorder')}: panic-disorder (" in result.stdout
    assert f"      - {reply}\n      + Something else entirely.\n" in result.stdout


def test_file_mode_reports_broken_inputs_and_misuse(tmp_path: Path) -> None:
    persona = str(ROOT / "scenarios" / "panic-disorder.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("slug: x\nbroken: [\n", encoding="utf-8")
    bad_golden = tmp_path / "bad.json"
    bad_golden.write_text("{not json", encoding="utf-8")

    result = run("test", "--persona", str(broken), "--golden", str(golden("panic-disorder")))
    assert result.exit_code == 1 and f"{broken}:" in result.stdout
    result = run("test", "--persona", persona, "--golden", str(bad_golden))
    assert result.exit_code == 1 and "not valid JSON" in result.stderr
    assert run("test", "--persona", persona).exit_code == 2
    assert run("test", "panic-disorder", "--persona", persona, "--golden",
               str(golden("panic-disorder"))).exit_code == 2
