"""A locked or busy database: 503 with Retry-After (never a 500), nothing stored, and the
retry with the same client_turn_id stores the turn exactly once. SQLite: another process
holds the write lock longer than the busy timeout."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_fixtures import log_in

from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.storage import migrate
from mi_sim.web import create_app

PASSWORD = "correct horse battery"
LINE = "What brings you here today?"


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, str], Path]]:
    path = tmp_path / "busy.db"
    settings = Settings(database_url=f"sqlite:///{path}", sqlite_busy_timeout_ms=100)
    migrate.upgrade(settings.database_url)
    services = Services.from_settings(settings)
    services.personas.sync_shipped_personas()
    services.accounts.create_user("tess", "trainee", PASSWORD)
    headers = {"Authorization": f"Bearer {services.accounts.create_api_token('tess')}"}
    with TestClient(create_app(settings, services), follow_redirects=False,
                    raise_server_exceptions=False) as client:
        yield client, headers, path
    services.close()


@pytest.fixture
def other_process(setup: tuple[TestClient, dict[str, str], Path]) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(setup[2], timeout=0, isolation_level=None)
    yield connection
    connection.close()


def turns(client: TestClient, headers: dict[str, str], session_id: str) -> list[int]:
    shown = client.get(f"/api/v1/sessions/{session_id}", headers=headers).json()
    return [t["turn"] for t in shown["turns"]]


def test_a_turn_on_a_locked_database_gets_503_and_its_retry_is_stored_once(
        setup: tuple[TestClient, dict[str, str], Path],
        other_process: sqlite3.Connection) -> None:
    client, headers, _ = setup
    session = client.post("/api/v1/sessions", json={"scenario": "panic-disorder"},
                          headers=headers).json()
    url = f"/api/v1/sessions/{session['id']}/turns"
    body = {"text": LINE, "client_turn_id": "k1"}

    other_process.execute("BEGIN IMMEDIATE")
    refused = client.post(url, json=body, headers=headers)
    assert refused.status_code == 503
    assert refused.headers["Retry-After"] == "1"
    assert "nothing was saved" in refused.json()["detail"]
    other_process.execute("ROLLBACK")

    assert turns(client, headers, session["id"]) == []
    stored = client.post(url, json=body, headers=headers)
    assert stored.status_code == 201 and stored.json()["turn"] == 1
    again = client.post(url, json=body, headers=headers)
    assert again.status_code == 200 and again.json() == stored.json()
    assert turns(client, headers, session["id"]) == [1]


def test_a_page_form_on_a_locked_database_gets_a_503_page(
        setup: tuple[TestClient, dict[str, str], Path],
        other_process: sqlite3.Connection) -> None:
    client, _, _ = setup
    csrf = log_in(client, "tess")
    other_process.execute("BEGIN IMMEDIATE")
    try:
        response = client.post("/sessions", data={"scenario": "panic-disorder",
                                                  "csrf_token": csrf})
    finally:
        other_process.execute("ROLLBACK")
    assert response.status_code == 503 and response.headers["Retry-After"] == "1"
    assert "try again" in response.text and "<html" in response.text.lower()
    started = client.post("/sessions", data={"scenario": "panic-disorder",
                                             "csrf_token": csrf})
    assert started.status_code == 303
