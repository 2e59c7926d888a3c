"""Load on a real server: many trainees at a human pace, and the knee under saturation.

    .venv/bin/python bench/load.py [--database sqlite|postgresql] [--workers N]
        paced  [--trainees 500] [--interval 5] [--seconds 60]
        knee   [--levels 5,10,20,40,80,160] [--seconds 8]

Starts the real app under uvicorn (one process, or --workers processes on one socket) over a
fresh SQLite file or a fresh schema on PostgreSQL (MI_SIM_BENCH_PG_URL, default
postgresql+psycopg://postgres@127.0.0.1:5432/test), with the shipped personas and one trainee
(and API token) per simulated trainee. Every trainee has its own keep-alive connection and
its own practice session (a new one after 30 turns or a walk-out). Turns carry a
`client_turn_id`, so a turn sent on a keep-alive connection the server had just closed is sent
again on a new one, as a browser would, without risk of storing it twice.

`paced`: each trainee sends one turn every --interval seconds (their first at a random moment
within the first interval, so arrivals spread out; a late reply does not shift the schedule).
Prints turns/s, p50, p99 and max latency, errors, and whether p99 ≤ 150 ms (issue 6: 500
trainees each sending a turn every 5 s).

`knee`: closed loops with no think time at rising concurrency (--levels), --seconds each;
prints turns/s and p50/p99 per level and the knee: the first concurrency at which p99 passes
150 ms. Everything stops by itself; the server is always stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from http_turns import (
    BASELINE_ON_LOOP,
    LINES,
    SESSION_TURNS,
    Connection,
    Phase,
    bench_database,
    cpu_seconds,
    free_port,
    new_session,
    prepare,
    stop,
    wait_until_up,
)

P99_TARGET_MS = 150.0
MAX_TRAINEES = 2000


class Trainee:
    """One simulated trainee: a connection and a session, renewed after 30 turns."""

    def __init__(self, connection: Connection, index: int) -> None:
        self.connection = connection
        self.index = index
        self.session: str | None = None
        self.sent = 0

    async def turn(self, phase: Phase) -> None:
        if self.session is None:
            self.session = await new_session(self.connection, self.index * 10_000 + self.sent)
        started = time.perf_counter()
        path = f"/api/v1/sessions/{self.session}/turns"
        payload = {"text": LINES[(self.index + self.sent) % len(LINES)],
                   "client_turn_id": f"{self.index}-{self.sent}"}
        status, body = await self.connection.post(path, payload)
        if status == 0:  # the server had closed the idle keep-alive connection: as a browser
            status, body = await self.connection.post(path, payload)  # would, send again
        self.sent += 1
        if status == 201:
            phase.latencies.append(time.perf_counter() - started)
            if body.get("ended") or body.get("turn", 0) >= SESSION_TURNS:
                self.session = None
        else:
            phase.errors[status] = phase.errors.get(status, 0) + 1
            if status in (0, 409):
                self.session = None


async def paced(trainees: list[Trainee], interval: float, seconds: float, server_pid: int,
                rng: random.Random) -> Phase:
    phase = Phase(f"{len(trainees)} trainees, a turn every {interval:g} s")
    for trainee in trainees:  # sessions first, so that the measured load is turns
        trainee.session = await new_session(trainee.connection, trainee.index)
    cpu_before, client_before = cpu_seconds(server_pid), time.process_time()
    start = time.perf_counter()
    end = start + seconds

    async def run(trainee: Trainee) -> None:
        due = start + rng.uniform(0, interval)
        while due < end:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            await trainee.turn(phase)
            due += interval

    await asyncio.gather(*(run(t) for t in trainees))
    phase.elapsed = time.perf_counter() - start
    phase.server_cpu = cpu_seconds(server_pid) - cpu_before
    phase.client_cpu = time.process_time() - client_before
    return phase


async def closed_loop(trainees: list[Trainee], seconds: float, server_pid: int) -> Phase:
    phase = Phase(f"concurrency {len(trainees):>4}")
    cpu_before, client_before = cpu_seconds(server_pid), time.process_time()
    start = time.perf_counter()
    end = start + seconds

    async def run(trainee: Trainee) -> None:
        while time.perf_counter() < end:
            await trainee.turn(phase)

    await asyncio.gather(*(run(t) for t in trainees))
    phase.elapsed = time.perf_counter() - start
    phase.server_cpu = cpu_seconds(server_pid) - cpu_before
    phase.client_cpu = time.process_time() - client_before
    return phase


async def drive(args: argparse.Namespace, port: int, server_pid: int,
                tokens: list[str]) -> list[Phase]:
    connections = [await Connection.open(port, token) for token in tokens]
    trainees = [Trainee(c, i) for i, c in enumerate(connections)]
    try:
        if args.mode == "paced":
            return [await paced(trainees, args.interval, args.seconds, server_pid,
                                random.Random(7))]
        await closed_loop(trainees[: min(args.levels)], 2.0, server_pid)  # warm-up
        return [await closed_loop(trainees[:level], args.seconds, server_pid)
                for level in args.levels]
    finally:
        for connection in connections:
            await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=("paced", "knee"))
    parser.add_argument("--database", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--trainees", type=int, default=500, help="paced: trainees")
    parser.add_argument("--interval", type=float, default=5.0,
                        help="paced: seconds between one trainee's turns")
    parser.add_argument("--seconds", type=float, default=None,
                        help="measured time (paced: 60, knee: 8 per level)")
    parser.add_argument("--levels", default="5,10,20,40,80,160",
                        help="knee: concurrency levels, comma-separated")
    args = parser.parse_args()
    try:
        args.levels = sorted({int(v) for v in args.levels.split(",")})
    except ValueError:
        parser.error("--levels must be whole numbers separated by commas")
    args.seconds = args.seconds or (60.0 if args.mode == "paced" else 8.0)
    users = args.trainees if args.mode == "paced" else max(args.levels)
    if (not 1 <= users <= MAX_TRAINEES or not 0.5 <= args.seconds <= 600
            or not 0.1 <= args.interval <= 60 or not 1 <= args.workers <= 16
            or min(args.levels) < 1):
        parser.error(f"trainees/levels must be 1..{MAX_TRAINEES}, --seconds 0.5..600, "
                     "--interval 0.1..60, --workers 1..16")

    here = Path(__file__).resolve().parent
    with tempfile.TemporaryDirectory(prefix="mi-sim-load-") as tmp, \
            bench_database(args.database, Path(tmp)) as database_url:
        print(f"preparing {users} trainees on {args.database} ...", file=sys.stderr)
        tokens = prepare(database_url, users)
        port = free_port()
        log = Path(tmp) / "server.log"
        env = {**os.environ, "MI_SIM_PRODUCTION": "0", BASELINE_ON_LOOP: "0"}
        with log.open("wb") as out:
            process = subprocess.Popen(
                [sys.executable, str(here / "http_turns.py"), "--serve", database_url,
                 str(port), "--workers", str(args.workers)],
                stdout=out, stderr=subprocess.STDOUT, env=env)
            try:
                wait_until_up(port, process, log)
                phases = asyncio.run(drive(args, port, process.pid, tokens))
            finally:
                stop(process)

    processes = "one process" if args.workers == 1 else f"{args.workers} processes"
    print(f"load ({args.mode}): {args.database}, {processes}, 127.0.0.1")
    for phase in phases:
        print(phase.line("turns"))
    if args.mode == "paced":
        phase = phases[0]
        worst = max(phase.latencies) * 1000 if phase.latencies else float("nan")
        p99 = phase.percentile(0.99)
        print(f"max {worst:.1f} ms; p99 {p99:.1f} ms (target ≤ {P99_TARGET_MS:.0f} ms: "
              f"{'met' if p99 <= P99_TARGET_MS else 'MISSED'})")
    else:
        knee = next((len_ for len_, p in zip(args.levels, phases, strict=True)
                     if p.percentile(0.99) > P99_TARGET_MS), None)
        print(f"knee: {'beyond ' + str(max(args.levels)) if knee is None else knee} "
              f"concurrent trainees with no think time (first level whose p99 passes "
              f"{P99_TARGET_MS:.0f} ms)")


if __name__ == "__main__":
    main()
