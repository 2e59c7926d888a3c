"""HTTP speed of a turn: simulated trainees posting turns to a real server, beside a baseline.

    .venv/bin/python bench/http_turns.py [--trainees 50] [--seconds 20] [--workers 1]
        [--database sqlite|postgresql] [--baseline-on-loop]

Starts one uvicorn process (or --workers processes sharing one socket) on 127.0.0.1 (a free
port) serving the real app over a fresh SQLite file (WAL) or a fresh schema on PostgreSQL
(MI_SIM_BENCH_PG_URL), with one extra route added by this
script only: `POST /bench/baseline`, which parses a small JSON body and inserts one row in one
write transaction through the same engine
— the cheapest useful write request the same stack can serve. Then N simulated trainees, each
on its own keep-alive connection (raw asyncio HTTP/1.1, so the client costs little CPU), post
for a bounded time, in alternating slices: to the baseline, then turns to their own session via
`POST /api/v1/sessions/{id}/turns` with a bearer token (after 30 turns, or when the patient
ends the session, the trainee starts a new one). Prints requests per second, p50 and p99 for
each, the server's CPU time per request (and this load generator's own, since both share the
machine's cores), and the ratio.

Targets (issue 3): turns/s ≥ 0.6 × baseline/s, turn p99 ≤ 150 ms, on this machine.
Everything stops by itself: each phase lasts --seconds, the server is always killed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

HOST = "127.0.0.1"
BENCH_DATABASE_URL = "MI_SIM_BENCH_DATABASE_URL"
BASELINE_ON_LOOP = "MI_SIM_BENCH_BASELINE_ON_LOOP"
START_TIMEOUT_S = 30.0
REQUEST_TIMEOUT_S = 10.0
SESSION_TURNS = 30  # a practice session's usual length: then the trainee starts another
LINES = [
    "Hi, thanks for coming in. What brings you here today?",
    "It sounds like these symptoms have really taken over your days.",
    "So you're worried it might be something serious?",
    "You've kept going to work through all of this, which takes real strength.",
    "Would it be okay if I shared what some people in your situation find helpful?",
    "It's entirely up to you whether we look at that today.",
    "On a scale from 0 to 10, how important is it for you to feel better?",
    "Part of you wants this to stop, and part of you is scared of what treatment means.",
    "What matters most to you in your life right now?",
    "What would be different if this weren't in the way?",
    "How would you feel about keeping a diary of the symptoms for a week?",
    "Okay. Mm-hmm.",
]


# --- the server side (run in a child process) ---------------------------------------------------


class BaselineIn(BaseModel):
    text: str



def bench_app() -> Any:
    """The real app plus `/bench/baseline` (uvicorn's factory: every worker process builds one)."""
    from sqlalchemy import text

    from mi_sim.config import Settings
    from mi_sim.storage.db import writing
    from mi_sim.web.app import create_app

    app = create_app(Settings(database_url=os.environ[BENCH_DATABASE_URL]))
    sessions = app.state.services.sessions

    def baseline(body: BaselineIn) -> dict[str, Any]:
        with writing(sessions) as db:
            db.execute(text("INSERT INTO bench_baseline (body) VALUES (:body)"),
                       {"body": body.text})
        return {"ok": True}

    async def baseline_on_loop(body: BaselineIn) -> dict[str, Any]:
        return baseline(body)  # the same insert, without the hop to a worker thread

    on_loop = os.environ.get(BASELINE_ON_LOOP) == "1"
    app.add_api_route("/bench/baseline", baseline_on_loop if on_loop else baseline,
                      methods=["POST"], status_code=201)
    return app


def serve(database_url: str, port: int, workers: int) -> None:
    """Serve `bench_app` with uvicorn: one process, or `workers` processes on one socket."""
    import uvicorn

    os.environ[BENCH_DATABASE_URL] = database_url
    if workers == 1:
        uvicorn.run(bench_app(), host=HOST, port=port, log_level="warning", access_log=False)
    else:
        uvicorn.run(f"{Path(__file__).stem}:bench_app", factory=True, workers=workers,
                    app_dir=str(Path(__file__).parent), host=HOST, port=port,
                    log_level="warning", access_log=False)


# --- setting up -------------------------------------------------------------------------------


def prepare(database_url: str, trainees: int) -> list[str]:
    """Migrate, load the personas, add the trainees; returns one API token per trainee."""
    from argon2 import PasswordHasher
    from sqlalchemy import text

    from mi_sim.config import Settings
    from mi_sim.services import Services
    from mi_sim.storage import migrate

    migrate.upgrade(database_url)
    services = Services.from_settings(Settings(database_url=database_url),
                                      hasher=PasswordHasher(time_cost=1, memory_cost=1024,
                                                            parallelism=1))
    try:
        services.personas.sync_shipped_personas()
        key = ("SERIAL PRIMARY KEY" if services.engine.dialect.name == "postgresql"
               else "INTEGER PRIMARY KEY")
        with services.engine.begin() as connection:
            connection.execute(text(f"CREATE TABLE bench_baseline (id {key}, "
                                    "body TEXT NOT NULL)"))
        tokens = []
        for i in range(trainees):
            name = f"trainee{i:03d}"
            services.accounts.create_user(name, "trainee", "bench password 123")
            tokens.append(services.accounts.create_api_token(name))
        return tokens
    finally:
        services.close()


PG_URL = os.environ.get("MI_SIM_BENCH_PG_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextlib.contextmanager
def bench_database(kind: str, tmp: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file in `tmp`, or a new schema on the PostgreSQL
    server at MI_SIM_BENCH_PG_URL (dropped afterwards)."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp / 'bench.db'}"
        return
    from mi_sim.storage.scratch import scratch_schema

    with scratch_schema(PG_URL, "mi_sim_bench") as url:
        yield url


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


# --- the client side --------------------------------------------------------------------------


class Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough HTTP for JSON requests."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                 port: int, token: str) -> None:
        self.reader, self.writer, self.port, self.token = reader, writer, port, token

    @classmethod
    async def open(cls, port: int, token: str) -> Connection:
        reader, writer = await asyncio.open_connection(HOST, port)
        return cls(reader, writer, port, token)

    async def post(self, path: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The status and JSON body; status 0 when the connection was lost (then reopened)."""
        body = json.dumps(payload).encode()
        head = (f"POST {path} HTTP/1.1\r\nHost: {HOST}\r\n"
                f"Authorization: Bearer {self.token}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        try:
            self.writer.write(head + body)
            return await asyncio.wait_for(self._response(), REQUEST_TIMEOUT_S)
        except (OSError, asyncio.IncompleteReadError, TimeoutError):
            await self.close()
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
            return 0, {}

    async def _response(self) -> tuple[int, dict[str, Any]]:
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError("the server closed the connection")
        status = int(status_line.split()[1])
        length = 0
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "content-length":
                length = int(value.strip())
        data = await self.reader.readexactly(length) if length else b""
        try:
            return status, (json.loads(data) if data else {})
        except ValueError:  # e.g. a plain-text 500
            return status, {"raw": data.decode("utf-8", "replace")}

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(OSError):
            await self.writer.wait_closed()


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and its children (uvicorn's workers), from
    Linux /proc; 0 elsewhere."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields_ = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields_[1] == str(pid):
            total += (int(fields_[11]) + int(fields_[12])) / os.sysconf("SC_CLK_TCK")
    return total


@dataclass
class Phase:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0
    server_cpu: float = 0.0
    client_cpu: float = 0.0

    @property
    def cpu_ms(self) -> float:
        """Server CPU time per successful request, in ms."""
        return self.server_cpu / len(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def client_cpu_ms(self) -> float:
        """The load generator's own CPU time per successful request, in ms."""
        return self.client_cpu / len(self.latencies) * 1000 if self.latencies else float("nan")

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000

    def line(self, unit: str) -> str:
        named = {("connection lost" if k == 0 else str(k)): n for k, n in self.errors.items()}
        errors = f", errors {dict(sorted(named.items()))}" if named else ""
        return (f"{self.name:<34} {self.rate:8.1f} {unit}/s  p50 {self.percentile(0.5):6.1f} ms"
                f"  p99 {self.percentile(0.99):6.1f} ms  server CPU {self.cpu_ms:4.2f} ms each"
                f"  (client {self.client_cpu_ms:4.2f})"
                f"  ({len(self.latencies)} in {self.elapsed:.1f} s{errors})")


async def baseline_trainee(connection: Connection, index: int, deadline: float,
                           phase: Phase) -> None:
    n = 0
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        status, _ = await connection.post("/bench/baseline",
                                          {"text": LINES[(index + n) % len(LINES)]})
        if status == 201:
            phase.latencies.append(time.perf_counter() - started)
        else:
            phase.errors[status] = phase.errors.get(status, 0) + 1
        n += 1


async def new_session(connection: Connection, seed: int) -> str:
    status, body = await connection.post("/api/v1/sessions",
                                         {"scenario": "panic-disorder", "seed": seed})
    if status != 201:
        raise RuntimeError(f"could not start a session: {status or 'connection lost'} {body}")
    return str(body["id"])


async def turn_trainee(connection: Connection, index: int, deadline: float, phase: Phase,
                       sessions_started: list[int], sessions: list[str | None]) -> None:
    """Post turns to this trainee's session (kept across slices) until the deadline."""
    session_id = sessions[index]
    if session_id is None:
        session_id = await new_session(connection, index)
        sessions_started[0] += 1
    n = 0
    while time.perf_counter() < deadline:
        started = time.perf_counter()
        status, body = await connection.post(f"/api/v1/sessions/{session_id}/turns",
                                             {"text": LINES[(index + n) % len(LINES)]})
        n += 1
        if status == 201:
            phase.latencies.append(time.perf_counter() - started)
            if body.get("ended") or body.get("turn", 0) >= SESSION_TURNS:
                session_id = await new_session(connection, index * 1000 + n)
                sessions_started[0] += 1
        else:
            phase.errors[status] = phase.errors.get(status, 0) + 1
            if status in (0, 409):
                session_id = await new_session(connection, index * 1000 + n)
        sessions[index] = session_id


async def run_phase(connections: list[Connection], seconds: float, phase: Phase,
                    turns: bool, server_pid: int, sessions: list[str | None]) -> int:
    """Run every trainee for `seconds`, adding to `phase`; returns sessions started."""
    sessions_started = [0]
    cpu_before = cpu_seconds(server_pid)
    client_before = time.process_time()
    started = time.perf_counter()
    deadline = started + seconds
    if turns:
        jobs = [turn_trainee(c, i, deadline, phase, sessions_started, sessions)
                for i, c in enumerate(connections)]
    else:
        jobs = [baseline_trainee(c, i, deadline, phase) for i, c in enumerate(connections)]
    await asyncio.wait_for(asyncio.gather(*jobs), seconds + 2 * REQUEST_TIMEOUT_S)
    phase.elapsed += time.perf_counter() - started
    phase.server_cpu += cpu_seconds(server_pid) - cpu_before
    phase.client_cpu += time.process_time() - client_before
    return sessions_started[0]


async def drive(port: int, server_pid: int, tokens: list[str], seconds: float, warmup: float,
                rounds: int) -> tuple[Phase, Phase, int]:
    """Warm up, then alternate baseline and turn slices so both see the same machine."""
    connections = [await Connection.open(port, token) for token in tokens]
    sessions: list[str | None] = [None] * len(connections)
    baseline = Phase("baseline (insert one row)")
    turns = Phase("turns (code, reply, store)")
    started = 0
    try:
        slice_ = seconds / rounds
        await run_phase(connections, warmup, Phase("warm-up"), False, server_pid, sessions)
        await run_phase(connections, warmup, Phase("warm-up"), True, server_pid, sessions)
        for _ in range(rounds):
            await run_phase(connections, slice_, baseline, False, server_pid, sessions)
            started += await run_phase(connections, slice_, turns, True, server_pid, sessions)
        return baseline, turns, started
    finally:
        for connection in connections:
            await connection.close()


# --- main ---------------------------------------------------------------------------------


def wait_until_up(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text()}")
        try:
            with socket.create_connection((HOST, port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server did not start within {START_TIMEOUT_S:.0f} s:\n"
                     f"{log.read_text()}")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trainees", type=int, default=50, help="simulated trainees")
    parser.add_argument("--seconds", type=float, default=20.0,
                        help="length of each measured phase (baseline, then turns)")
    parser.add_argument("--rounds", type=int, default=4,
                        help="alternate baseline and turn slices this many times")
    parser.add_argument("--warmup", type=float, default=2.0, help="warm-up per phase, seconds")
    parser.add_argument("--workers", type=int, default=1,
                        help="server processes (uvicorn --workers); 1 measures one process")
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite",
                        help="SQLite file (default) or a fresh schema on MI_SIM_BENCH_PG_URL")
    parser.add_argument("--baseline-on-loop", action="store_true",
                        help="serve the baseline from an async endpoint (no worker thread), "
                        "as turns are served on SQLite: the stricter comparison")
    parser.add_argument("--serve", nargs=2, metavar=("DATABASE_URL", "PORT"),
                        help=argparse.SUPPRESS)  # the child process's mode
    args = parser.parse_args()
    if args.serve:
        serve(args.serve[0], int(args.serve[1]), args.workers)
        return
    if (not 1 <= args.trainees <= 500 or not 0.5 <= args.seconds <= 600
            or not 1 <= args.rounds <= 100 or not 1 <= args.workers <= 16):
        parser.error("--trainees must be 1..500, --seconds 0.5..600, --rounds 1..100, "
                     "--workers 1..16")

    with tempfile.TemporaryDirectory(prefix="mi-sim-bench-") as tmp, \
            bench_database(args.database, Path(tmp)) as database_url:
        tokens = prepare(database_url, args.trainees)
        port = free_port()
        log = Path(tmp) / "server.log"
        env = {**os.environ, "MI_SIM_PRODUCTION": "0",
               BASELINE_ON_LOOP: "1" if args.baseline_on_loop else "0"}
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, __file__, "--serve", database_url, str(port),
                 "--workers", str(args.workers)],
                stdout=out, stderr=subprocess.STDOUT, env=env)
            try:
                wait_until_up(port, process, log)
                baseline, turns, started = asyncio.run(
                    drive(port, process.pid, tokens, args.seconds, args.warmup, args.rounds))
            finally:
                stop(process)
        failures = [k for phase in (baseline, turns) for k in phase.errors if k == 0 or k >= 500]
        if failures:
            print(f"the server failed some requests; the end of its log:\n"
                  f"{log.read_text(errors='replace')[-4000:]}", file=sys.stderr)

    ratio = turns.rate / baseline.rate if baseline.rate else float("nan")
    p99 = turns.percentile(0.99)
    print(f"http_turns: {args.trainees} trainees on keep-alive connections, {args.seconds:g} s "
          f"each for baseline and turns (in {args.rounds} alternating slices), "
          f"{'one uvicorn process' if args.workers == 1 else f'{args.workers} uvicorn workers'}"
          f", {'SQLite (WAL)' if args.database == 'sqlite' else 'PostgreSQL'} on 127.0.0.1;"
          " baseline "
          f"{'on the event loop' if args.baseline_on_loop else 'in a worker thread'}")
    print(baseline.line("req"))
    print(turns.line("turns"))
    print(f"{'sessions started while measuring':<34} {started}")
    mean_ms = statistics.fmean(turns.latencies) * 1000 if turns.latencies else float("nan")
    print(f"turn mean {mean_ms:.1f} ms")
    print(f"ratio turns/s ÷ baseline req/s: {ratio:.2f} (target ≥ 0.60: "
          f"{'met' if ratio >= 0.6 else 'MISSED'}); turn p99 {p99:.1f} ms (target ≤ 150 ms: "
          f"{'met' if p99 <= 150 else 'MISSED'})")


if __name__ == "__main__":
    main()
