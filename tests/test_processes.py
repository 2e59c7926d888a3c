"""Real server processes (`mi-sim serve`) on one database: SQLite and PostgreSQL.

- Consecutive turns of one conversation reaching different processes play exactly as in one
  process: nothing a conversation needs lives in a process.
- A server killed with SIGKILL under load and started again: every turn that got a 2xx is
  stored exactly once with the reply that was sent, turn numbers have no gaps, no turn is
  half-stored, and retrying the requests that were cut off stores each at most once.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from mi_sim.config import Settings
from mi_sim.scenarios.loader import load_catalog
from mi_sim.services import Services
from mi_sim.transcript import replay

pytest_plugins = ("storage_fixtures",)

SCENARIO = "panic-disorder"
LINES = [
    "Hi, thanks for coming in. What brings you here today?",
    "It sounds like these attacks have really taken over your days.",
    "So part of you wonders whether it is your heart.",
    "You've kept going to work through all of this, which takes real strength.",
    "What matters most to you right now?",
    "Would it be okay if I shared what some people find helpful?",
    "On a scale from 0 to 10, how important is it for you to feel better?",
    "What would be different if the attacks weren't in the way?",
]
START_TIMEOUT_S = 30.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def server(database_url: str, log: Path) -> Iterator[Server]:
    """`mi-sim serve` in its own process on a free port, stopped (killed) at the end."""
    running = Server.start(database_url, log)
    try:
        yield running
    finally:
        running.kill()


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    @classmethod
    def start(cls, database_url: str, log: Path) -> Server:
        port = free_port()
        env = {**os.environ, "MI_SIM_DATABASE_URL": database_url, "MI_SIM_PRODUCTION": "0"}
        command = [sys.executable, "-m", "mi_sim.cli_serve", "--host", "127.0.0.1",
                   "--port", str(port)]
        with log.open("ab") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
        running = cls(f"http://127.0.0.1:{port}", process, log)
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            try:
                if httpx.get(running.url + "/login", timeout=1).status_code == 200:
                    return running
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                running.kill()
                raise RuntimeError(f"the server did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.05)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)


@pytest.fixture
def prepared(database_url: str) -> Iterator[tuple[str, dict[str, str]]]:
    """The database with the shipped personas and a trainee; returns (URL, auth headers)."""
    services = Services.from_settings(Settings(database_url=database_url))
    try:
        services.personas.sync_shipped_personas()
        services.accounts.create_user("tess", "trainee", "correct horse battery")
        token = services.accounts.create_api_token("tess")
    finally:
        services.close()
    yield database_url, {"Authorization": f"Bearer {token}"}


def test_turns_alternating_between_two_processes_play_as_in_one(
        prepared: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    database_url, auth = prepared
    with server(database_url, tmp_path / "a.log") as a, \
            server(database_url, tmp_path / "b.log") as b:
        started = httpx.post(f"{a.url}/api/v1/sessions", headers=auth, timeout=10,
                             json={"scenario": SCENARIO, "seed": 11})
        assert started.status_code == 201
        session = started.json()
        sent: list[dict[str, Any]] = []
        for index, line in enumerate(LINES):
            target = (a, b)[index % 2]
            response = httpx.post(f"{target.url}/api/v1/sessions/{session['id']}/turns",
                                  headers=auth, json={"text": line}, timeout=10)
            assert response.status_code == 201, response.text
            sent.append(response.json())
            if sent[-1]["ended"]:
                break
        shown = httpx.get(f"{b.url}/api/v1/sessions/{session['id']}", headers=auth,
                          timeout=10).json()

    persona = load_catalog()[SCENARIO]
    expected = list(replay(persona, [t["clinician"] for t in shown["turns"]],
                           session["level"], 11))
    assert [t["turn"] for t in sent] == list(range(1, len(sent) + 1))
    assert [t["patient"] for t in sent] == [t["patient"] for t in expected]
    assert [t["state"] for t in sent] == [t["state"] for t in expected]
    assert [t["patient"] for t in shown["turns"]] == [t["patient"] for t in sent]


@dataclass
class Load:
    """What the simulated trainees were told: acknowledged turns, and requests cut off."""

    acknowledged: dict[str, dict[str, Any]] = field(default_factory=dict)  # client id -> turn
    unanswered: list[tuple[str, str, str]] = field(default_factory=list)  # (session, id, text)
    lock: threading.Lock = field(default_factory=threading.Lock)


def trainee_loop(url: str, auth: dict[str, str], session_id: str, name: str, load: Load,
                 stop: threading.Event) -> None:
    with httpx.Client(base_url=url, headers=auth, timeout=5) as client:
        for index in range(10_000):
            if stop.is_set():
                return
            client_id = f"{name}-{index}"
            text_ = LINES[index % len(LINES)]
            try:
                response = client.post(f"/api/v1/sessions/{session_id}/turns",
                                       json={"text": text_, "client_turn_id": client_id})
            except httpx.TransportError:  # the server died under this request
                with load.lock:
                    load.unanswered.append((session_id, client_id, text_))
                return
            if response.status_code in (200, 201):
                with load.lock:
                    load.acknowledged[client_id] = response.json()
                if response.json()["ended"]:
                    return
            elif response.status_code != 503:
                raise AssertionError(f"{response.status_code}: {response.text}")


def stored_turns(database_url: str) -> list[dict[str, Any]]:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT t.session_id, t.number, t.client_turn_id, t.patient, t.state, "
                "t.trace, s.turn_count FROM turns t JOIN practice_sessions s "
                "ON s.id = t.session_id ORDER BY t.session_id, t.number")).mappings().all()
        return [dict(row) for row in rows]
    finally:
        engine.dispose()


def test_a_server_killed_under_load_keeps_every_acknowledged_turn_exactly_once(
        prepared: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    database_url, auth = prepared
    log = tmp_path / "server.log"
    load = Load()
    stop = threading.Event()
    first = Server.start(database_url, log)
    try:
        sessions = [httpx.post(f"{first.url}/api/v1/sessions", headers=auth, timeout=10,
                               json={"scenario": SCENARIO, "seed": n}).json()["id"]
                    for n in range(8)]
        threads = [threading.Thread(target=trainee_loop,
                                    args=(first.url, auth, sid, f"t{n}", load, stop))
                   for n, sid in enumerate(sessions)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 20
        while len(load.acknowledged) < 60 and time.monotonic() < deadline:
            time.sleep(0.01)
        first.kill()  # SIGKILL in the middle of the traffic
    finally:
        stop.set()
        first.kill()
    for thread in threads:
        thread.join(10)
    assert len(load.acknowledged) >= 60
    assert load.unanswered  # the kill did cut requests off

    # Every acknowledged turn is stored once, as it was sent; numbers have no gaps.
    rows = stored_turns(database_url)
    by_client = {row["client_turn_id"]: row for row in rows}
    assert len(by_client) == len(rows)
    for client_id, sent in load.acknowledged.items():
        row = by_client[client_id]
        assert (row["number"], row["patient"]) == (sent["turn"], sent["patient"])
    per_session: dict[str, list[int]] = {}
    for row in rows:
        per_session.setdefault(row["session_id"], []).append(row["number"])
        assert row["state"] and row["trace"]  # no half-stored turn
    for session_id, numbers in per_session.items():
        assert numbers == list(range(1, len(numbers) + 1)), session_id
        assert rows[[r["session_id"] for r in rows].index(session_id)]["turn_count"] == \
            len(numbers)

    # Started again, the requests that were cut off are retried: each is stored at most once.
    with server(database_url, log) as second:
        for session_id, client_id, text_ in load.unanswered:
            response = httpx.post(f"{second.url}/api/v1/sessions/{session_id}/turns",
                                  headers=auth, timeout=10,
                                  json={"text": text_, "client_turn_id": client_id})
            assert response.status_code in (200, 201, 409), response.text
    after = stored_turns(database_url)
    assert len({row["client_turn_id"] for row in after}) == len(after)
    assert len(after) <= len(rows) + len(load.unanswered)
    for session_id in per_session:
        numbers = [row["number"] for row in after if row["session_id"] == session_id]
        assert numbers == list(range(1, len(numbers) + 1))


def test_a_server_survives_its_postgresql_connections_being_cut(
        prepared: tuple[str, dict[str, str]], tmp_path: Path) -> None:
    """What a database restart does to a running app: every pooled connection dies. The pool
    checks connections before use (pre-ping) and replaces dead ones, so no request fails."""
    database_url, auth = prepared
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only: SQLite has no server to restart")
    tagged = make_url(database_url).update_query_dict({"application_name": "mi-sim-cut"})
    with server(tagged.render_as_string(hide_password=False), tmp_path / "s.log") as running:
        session = httpx.post(f"{running.url}/api/v1/sessions", headers=auth, timeout=10,
                             json={"scenario": SCENARIO}).json()
        url = f"{running.url}/api/v1/sessions/{session['id']}/turns"
        assert httpx.post(url, headers=auth, json={"text": LINES[0]}, timeout=10).is_success
        admin = create_engine(database_url, isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                cut = connection.execute(text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE application_name = 'mi-sim-cut'")).scalar()
        finally:
            admin.dispose()
        assert cut and cut >= 1
        statuses = [httpx.post(url, headers=auth, json={"text": line}, timeout=10).status_code
                    for line in LINES[1:5]]
    assert statuses == [201] * 4
