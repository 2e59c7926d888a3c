"""Settings: read from MI_SIM_* variables, documented, safe defaults."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mi_sim.config import Settings
from mi_sim.scenarios.loader import default_scenarios_dir

README = Path(__file__).resolve().parents[1] / "README.md"


def configuration_table() -> set[str]:
    """The `MI_SIM_*` names in the first column of README's configuration table."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\|\s*`(MI_SIM_[A-Z0-9_]+)`", section, flags=re.MULTILINE))


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_is_documented_in_the_readme_configuration_table(field: str) -> None:
    assert f"MI_SIM_{field.upper()}" in configuration_table()


@pytest.mark.parametrize("field", sorted(Settings.model_fields))
def test_every_setting_has_a_description(field: str) -> None:
    description = Settings.model_fields[field].description
    assert description and len(description) > 10


def test_the_defaults_are_a_local_sqlite_file_and_a_development_secret(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(Settings.model_fields):
        monkeypatch.delenv(f"MI_SIM_{name.upper()}", raising=False)
    settings = Settings()
    assert settings.database_url == "sqlite:///./mi-sim.db"
    assert settings.is_default_secret and not settings.production
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.sqlite_busy_timeout_ms == 5000
    assert settings.scenarios_dir == default_scenarios_dir()
    assert settings.problems() == []


def test_settings_come_from_mi_sim_environment_variables(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MI_SIM_DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("MI_SIM_PORT", "9001")
    monkeypatch.setenv("MI_SIM_PRODUCTION", "1")
    monkeypatch.setenv("MI_SIM_SECRET_KEY", "k" * 40)
    settings = Settings()
    assert settings.database_url == "postgresql+psycopg://u@h/db"
    assert settings.port == 9001 and settings.production and not settings.is_default_secret
    assert settings.problems() == []


def test_production_with_the_development_secret_is_a_problem() -> None:
    problems = Settings(production=True).problems()
    assert problems and "MI_SIM_SECRET_KEY" in problems[0]
