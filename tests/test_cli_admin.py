"""`mi-sim db`, `mi-sim users` and `mi-sim personas`, run against SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from mi_sim.cli_admin import db_app, personas_app, users_app
from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.storage import migrate

pytest_plugins = ("storage_fixtures",)

app = typer.Typer()
app.add_typer(db_app, name="db")
app.add_typer(users_app, name="users")
app.add_typer(personas_app, name="personas")


@pytest.fixture
def run() -> CliRunner:
    return CliRunner()


def use(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("MI_SIM_DATABASE_URL", url)


def test_db_upgrade_migrates_the_configured_database(
        empty_database_url: str, monkeypatch: pytest.MonkeyPatch, run: CliRunner) -> None:
    use(monkeypatch, empty_database_url)
    before = run.invoke(app, ["db", "current"])
    assert before.exit_code == 1 and "mi-sim db upgrade" in before.output
    result = run.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"revision {migrate.head_revision()}" in result.output
    assert run.invoke(app, ["db", "current"]).exit_code == 0


def test_commands_refuse_an_unmigrated_database(
        empty_database_url: str, monkeypatch: pytest.MonkeyPatch, run: CliRunner) -> None:
    use(monkeypatch, empty_database_url)
    result = run.invoke(app, ["users", "token", "tess"])
    assert result.exit_code == 1 and "mi-sim db upgrade" in result.output


def test_users_add_reads_the_password_from_stdin_and_token_prints_a_working_token(
        database_url: str, monkeypatch: pytest.MonkeyPatch, run: CliRunner) -> None:
    use(monkeypatch, database_url)
    added = run.invoke(app, ["users", "add", "tess", "--role", "supervisor",
                             "--password-stdin"], input="a good password\n")
    assert added.exit_code == 0, added.output
    token = run.invoke(app, ["users", "token", "tess"])
    assert token.exit_code == 0
    services = Services.from_settings(Settings(database_url=database_url))
    try:
        user = services.accounts.user_for_token(token.output.strip())
        assert user is not None and (user.name, user.role) == ("tess", "supervisor")
        assert services.accounts.authenticate("tess", "a good password", "cli").name == "tess"
    finally:
        services.close()


@pytest.mark.parametrize(("args", "stdin", "message"), [
    (["--role", "boss", "--password-stdin"], "a good password\n", "unknown role"),
    (["--password-stdin"], "\n", "password is empty"),
    ([], "", "--password-stdin"),
])
def test_users_add_explains_what_is_wrong(
        database_url: str, monkeypatch: pytest.MonkeyPatch, run: CliRunner,
        args: list[str], stdin: str, message: str) -> None:
    use(monkeypatch, database_url)
    result = run.invoke(app, ["users", "add", "tess", *args], input=stdin)
    assert result.exit_code != 0 and message in result.output


def test_users_add_refuses_a_duplicate_name(
        database_url: str, monkeypatch: pytest.MonkeyPatch, run: CliRunner) -> None:
    use(monkeypatch, database_url)
    command = ["users", "add", "tess", "--password-stdin"]
    assert run.invoke(app, command, input="a good password\n").exit_code == 0
    again = run.invoke(app, command, input="a good password\n")
    assert again.exit_code == 1 and "already exists" in again.output


def test_personas_sync_reports_what_it_added_then_nothing_new(
        database_url: str, monkeypatch: pytest.MonkeyPatch, run: CliRunner) -> None:
    use(monkeypatch, database_url)
    first = run.invoke(app, ["personas", "sync"])
    assert first.exit_code == 0 and "added: panic-disorder" in first.output
    second = run.invoke(app, ["personas", "sync"])
    assert second.exit_code == 0 and "added" not in second.output
    assert "unchanged: panic-disorder" in second.output
