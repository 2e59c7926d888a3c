"""`mi-sim serve`: refuses an unmigrated database or unsafe settings; serves the app otherwise."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
import typer
from typer.testing import CliRunner

from mi_sim.cli_serve import FACTORY, serve, url_for
from mi_sim.storage import migrate

pytest_plugins = ("storage_fixtures",)

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT_S = 30.0


def serve_app() -> typer.Typer:
    app = typer.Typer()
    app.command("serve")(serve)
    app.command("other")(lambda: None)  # keep `serve` a subcommand, as under `mi-sim`
    return app


@pytest.fixture
def no_uvicorn(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Record what would be served instead of serving it."""
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    return calls


def env_for(url: str, **extra: str) -> dict[str, str]:
    return {"MI_SIM_DATABASE_URL": url, "MI_SIM_PRODUCTION": "0", **extra}


def test_an_unmigrated_database_is_refused_with_the_fix(
        empty_database_url: str, no_uvicorn: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(serve_app(), ["serve"], env=env_for(empty_database_url))
    assert result.exit_code == 1
    assert "not migrated" in result.output and "run: mi-sim db upgrade" in result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert no_uvicorn == []


def test_production_with_the_default_secret_is_refused(
        database_url: str, no_uvicorn: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(serve_app(), ["serve"],
                                env=env_for(database_url, MI_SIM_PRODUCTION="1"))
    assert result.exit_code == 1 and "MI_SIM_SECRET_KEY" in result.output
    assert "Traceback" not in result.output and no_uvicorn == []


def test_an_unreachable_database_is_refused_with_a_message(
        no_uvicorn: list[dict[str, Any]]) -> None:
    url = "postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=2"
    result = CliRunner().invoke(serve_app(), ["serve"], env=env_for(url))
    assert result.exit_code == 1 and "cannot open the database" in result.output
    assert "secret" not in result.output and no_uvicorn == []


def test_settings_and_options_decide_where_it_listens(
        database_url: str, no_uvicorn: list[dict[str, Any]]) -> None:
    env = env_for(database_url, MI_SIM_HOST="127.0.0.2", MI_SIM_PORT="8123")
    result = CliRunner().invoke(serve_app(), ["serve"], env=env)
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.2:8123" in result.output
    result = CliRunner().invoke(serve_app(), ["serve", "--port", "9001", "--workers", "3"],
                                env=env)
    assert result.exit_code == 0, result.output
    first, second = no_uvicorn
    assert first["app"] == FACTORY and first["factory"] is True
    assert (first["host"], first["port"], first["workers"]) == ("127.0.0.2", 8123, 1)
    assert (second["host"], second["port"], second["workers"]) == ("127.0.0.2", 9001, 3)


def test_the_printed_url_is_one_a_browser_opens() -> None:
    assert url_for("0.0.0.0", 8000) == "http://127.0.0.1:8000"
    assert url_for("::1", 8000) == "http://[::1]:8000"
    assert url_for("example.test", 80) == "http://example.test:80"


def test_mi_sim_serve_is_registered_on_the_command_line(tmp_path: Path) -> None:
    from mi_sim.cli import app

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    result = CliRunner().invoke(app, ["serve", "--port", "1"], env=env_for(url))
    assert result.exit_code == 1 and "run: mi-sim db upgrade" in result.output, (
        "register it in mi_sim/cli.py: app.command('serve')(serve)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_a_real_server_answers_and_stops(database_url: str, tmp_path: Path) -> None:
    run_server(database_url, tmp_path, workers=1)


def test_several_workers_serve_one_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'mi-sim.db'}"
    migrate.upgrade(url)
    run_server(url, tmp_path, workers=2)


def run_server(database_url: str, tmp_path: Path, workers: int) -> None:
    """Start `mi-sim serve` on a free port, check it answers, and always stop it."""
    port = free_port()
    env = {**os.environ, **env_for(database_url), "PYTHONUNBUFFERED": "1"}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mi_sim.cli_serve", "--port", str(port),
             "--workers", str(workers)],
            cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            response = None
            while time.monotonic() < deadline and process.poll() is None:
                try:
                    response = httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json",
                                         timeout=2)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            assert response is not None, f"no answer in {START_TIMEOUT_S}s:\n{log.read_text()}"
            assert response.status_code == 200 and "/api/v1/sessions" in response.json()["paths"]
            denied = httpx.get(f"http://127.0.0.1:{port}/api/v1/sessions", timeout=5)
            assert denied.status_code == 401
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
    assert f"http://127.0.0.1:{port}" in log.read_text()
