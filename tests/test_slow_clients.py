"""Slow clients (issue 12): `mi-sim serve` closes connections that drip their headers or body,
or send nothing, instead of holding them open for ever."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
from test_serve import env_for, free_port, no_uvicorn, serve_app  # noqa: F401 (fixture)
from typer.testing import CliRunner

from mi_sim.storage import migrate
from mi_sim.web.slow_clients import TimedHttpToolsProtocol

pytest_plugins = ("storage_fixtures",)

ROOT = Path(__file__).resolve().parents[1]
HEADER_S, BODY_S, KEEP_ALIVE_S = 1.0, 1.5, 1
# Closed within the deadline plus slack for a loaded 2-core machine; before the fix, never.
SLACK_S = 3.0


@contextmanager
def server(tmp_path: Path) -> Iterator[int]:
    url = f"sqlite:///{tmp_path / 'mi-sim.db'}"
    migrate.upgrade(url)
    port = free_port()
    # PYTHONPATH: the server runs this checkout's code, whatever the virtualenv installed.
    env = {**os.environ, **env_for(url), "PYTHONUNBUFFERED": "1",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
           "MI_SIM_HEADER_TIMEOUT_SECONDS": str(HEADER_S),
           "MI_SIM_BODY_TIMEOUT_SECONDS": str(BODY_S),
           "MI_SIM_KEEP_ALIVE_TIMEOUT_SECONDS": str(KEEP_ALIVE_S)}
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "mi_sim.cli_serve", "--port", str(port)],
                                   cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 30
            while True:
                assert process.poll() is None and time.monotonic() < deadline, log.read_text()
                try:
                    httpx.get(f"http://127.0.0.1:{port}/api/v1", timeout=2)
                    break
                except httpx.TransportError:
                    time.sleep(0.2)
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def drip(sockets: list[socket.socket], pieces: list[bytes], every_s: float,
         limit_s: float) -> dict[int, tuple[float, bytes]]:
    """Send `pieces` one at a time on every socket, `every_s` apart (then nothing), for at
    most `limit_s`; return, per socket index, when the server closed it and what it sent."""
    start = time.monotonic()
    closed: dict[int, tuple[float, bytes]] = {}
    received = {i: b"" for i in range(len(sockets))}
    step = 0
    while len(closed) < len(sockets) and time.monotonic() - start < limit_s:
        for i, sock in enumerate(sockets):
            if i in closed:
                continue
            try:
                if step < len(pieces):
                    sock.sendall(pieces[step])
                sock.settimeout(every_s / len(sockets))
                data = sock.recv(4096)
                if data:
                    received[i] += data
                else:
                    closed[i] = (time.monotonic() - start, received[i])
            except TimeoutError:
                pass
            except OSError:
                closed[i] = (time.monotonic() - start, received[i])
        step += 1
    return closed


def connect(port: int, count: int) -> list[socket.socket]:
    return [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(count)]


def test_dripped_headers_silent_sockets_and_dripped_bodies_are_cut_off(tmp_path: Path) -> None:
    header = [b"GET /login HTTP/1.1\r\n", b"Host: 127.0.0.1\r\n"] + [
        b"X-Slow-%d: a\r\n" % n for n in range(100)]
    body = [b"POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n\r\n"] + [b"a"] * 1000
    limit = max(HEADER_S, BODY_S) + SLACK_S + 2
    found: dict[str, dict[int, tuple[float, bytes]]] = {}
    with server(tmp_path) as port:
        for kind, pieces, count in (("dripped headers", header, 10), ("silent", [], 5),
                                    ("dripped body", body, 5)):
            sockets = connect(port, count)
            try:
                found[kind] = drip(sockets, pieces, 0.25, limit)
            finally:
                for sock in sockets:
                    sock.close()
        # A normal request is unaffected.
        normal = httpx.get(f"http://127.0.0.1:{port}/api/v1/openapi.json", timeout=5)
        assert normal.status_code == 200
    for kind, count, deadline in (("dripped headers", 10, HEADER_S), ("silent", 5, HEADER_S),
                                  ("dripped body", 5, BODY_S)):
        assert len(found[kind]) == count, f"{kind}: {count - len(found[kind])} sockets still open"
        for after, answer in found[kind].values():
            assert after <= deadline + SLACK_S, (kind, after)
            assert answer.startswith(b"HTTP/1.1 408 "), (kind, answer[:80])


def test_an_idle_kept_alive_connection_is_closed(tmp_path: Path) -> None:
    with server(tmp_path) as port:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        try:
            sock.sendall(b"GET /api/v1/openapi.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            start = time.monotonic()
            data = b""
            sock.settimeout(KEEP_ALIVE_S + SLACK_S)
            while chunk := sock.recv(65536):
                data += chunk
            assert data.startswith(b"HTTP/1.1 200 ")
            assert time.monotonic() - start <= KEEP_ALIVE_S + SLACK_S
        finally:
            sock.close()


def test_serve_passes_the_deadlines_to_uvicorn(
        database_url: str, no_uvicorn: list[dict[str, Any]]) -> None:  # noqa: F811
    env = env_for(database_url, MI_SIM_KEEP_ALIVE_TIMEOUT_SECONDS="7")
    result = CliRunner().invoke(serve_app(), ["serve"], env=env)
    assert result.exit_code == 0, result.output
    (call,) = no_uvicorn
    assert call["http"] is TimedHttpToolsProtocol and call["timeout_keep_alive"] == 7
