"""How fast the supervisor pages' service calls are on a big database (issue 4's scale target).

    .venv/bin/python bench/seed_db.py                 # once: 10,000 sessions, 1,000,000 turns
    .venv/bin/python bench/review_pages.py [PATH_OR_URL] [--repeat 40]

Against a database filled by `bench/seed_db.py` (default /tmp/mi-sim-scale.db), times the
service calls behind each page, over repeated calls with varying callers, filters and sessions:

- queue: `Reviews.queue` for each supervisor and the admin, with no filter, each filter
  (trainee, persona, level, date range, reviewed yes/any, kind) and later pages;
- review: `Reviews.review_detail` of random ended sessions the supervisor may see (≈100 turns);
- report: `Reviews.reviewed_report` of reviewed sessions, as their trainee;
- progress: `Progress.trainee_progress` (≈200 sessions) and `Progress.cohort_overview`;
- export: `Exports.cohort_csv` until its first chunk of rows (what the user waits for
  before the streamed download shows data), `Exports.session_csv`; and, for information, the
  first 10,000 rows of the cohort stream (a throughput figure: a whole cohort is far more than
  150 ms of data);
- agreement: `Reviews.agreement` for a supervisor (their reviews); and, for information only
  (not one of the issue's target pages), the admin's over every review;
- baseline: reading one session row by primary key through the same services stack (the
  cheapest useful page read), so each figure is also given as a ratio.

Prints p50 and p95 in milliseconds per page and checks the target: p95 ≤ 150 ms on SQLite.
Exit status 1 when a page misses it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.services.records import QueueFilters, UserRecord
from mi_sim.storage.db import reading
from mi_sim.storage.models import (
    Cohort,
    CohortMember,
    PracticeSession,
    Review,
    User,
)

DEFAULT_PATH = "/tmp/mi-sim-scale.db"
TARGET_MS = 150.0
EXPORT_ROWS = 10_000
INFO = "(info) "  # pages outside issue 4's list: timed, not held to the target


def record(user: User) -> UserRecord:
    return UserRecord(user.id, user.name, user.role, user.active, user.created_at)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def timed(call: Callable[[], Any]) -> float:
    began = time.perf_counter()
    call()
    return (time.perf_counter() - began) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", nargs="?", default=DEFAULT_PATH)
    parser.add_argument("--repeat", type=int, default=40, help="calls per page (default 40)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    url = args.target if "://" in args.target else f"sqlite:///{Path(args.target).resolve()}"
    if "://" not in args.target and not Path(args.target).exists():
        parser.error(f"{args.target} does not exist; run bench/seed_db.py first")
    rng = random.Random(args.seed)
    services = Services.from_settings(Settings(database_url=url))
    try:
        return run(services, rng, args.repeat)
    finally:
        services.close()


def run(services: Services, rng: random.Random, repeat: int) -> int:
    with reading(services.sessions) as db:
        users = {u.name: record(u) for u in db.scalars(select(User))}
        sessions_n = db.scalar(select(func.count()).select_from(PracticeSession)) or 0
        cohorts: dict[int, tuple[UserRecord, list[UserRecord]]] = {}
        for cohort in db.scalars(select(Cohort)):
            members = db.execute(select(CohortMember.user_id, CohortMember.role)
                                 .where(CohortMember.cohort_id == cohort.id)).all()
            by_id = {u.id: u for u in users.values()}
            sup = next(by_id[uid] for uid, role in members if role == "supervisor")
            cohorts[cohort.id] = (sup, [by_id[uid] for uid, role in members
                                        if role == "trainee"])
        ended: dict[int, list[str]] = {}
        for cid, (_, trainees) in cohorts.items():
            ended[cid] = list(db.scalars(
                select(PracticeSession.id)
                .where(PracticeSession.user_id.in_([t.id for t in trainees]),
                       PracticeSession.ended.is_(True))
                .order_by(func.random()).limit(200)))
        reviewed = db.execute(select(Review.session_id, PracticeSession.user_id)
                              .join(PracticeSession, PracticeSession.id == Review.session_id)
                              .where(Review.completed_at.is_not(None)).limit(200)).all()
        any_ids = list(db.scalars(select(PracticeSession.id).limit(500)))
    admin = users["admin"]
    cohort_ids = sorted(cohorts)
    print(f"database: {sessions_n:,} sessions, {len(users)} users, {len(cohorts)} cohorts")
    day = date(2026, 11, 1)
    filters = [
        QueueFilters(), QueueFilters(reviewed="any"), QueueFilters(reviewed="yes"),
        QueueFilters(persona="panic-disorder"), QueueFilters(level="hard"),
        QueueFilters(kind="imported", reviewed="any"),
        QueueFilters(date_from=day - timedelta(days=60), date_to=day - timedelta(days=30)),
    ]

    def queue() -> Any:
        cid = rng.choice(cohort_ids)
        sup, trainees = cohorts[cid]
        caller = admin if rng.random() < 0.2 else sup
        chosen = rng.choice([*filters, QueueFilters(trainee=rng.choice(trainees).name)])
        return services.reviews.queue(caller, chosen, page=rng.choice((1, 1, 2, 5)),
                                      per_page=20)

    def review() -> Any:
        cid = rng.choice(cohort_ids)
        return services.reviews.review_detail(cohorts[cid][0], rng.choice(ended[cid]))

    def report() -> Any:
        sid, owner = rng.choice(reviewed)
        by_id = {u.id: u for u in users.values()}
        return services.reviews.reviewed_report(by_id[owner], sid)

    def progress() -> Any:
        cid = rng.choice(cohort_ids)
        sup, trainees = cohorts[cid]
        return services.progress.trainee_progress(sup, rng.choice(trainees).id)

    def overview() -> Any:
        cid = rng.choice(cohort_ids)
        return services.progress.cohort_overview(cohorts[cid][0], cid)

    def export() -> Any:
        cid = rng.choice(cohort_ids)
        rows = 0
        for chunk in services.exports.cohort_csv(cohorts[cid][0], cid):
            rows += chunk.count("\r\n")
            if rows > EXPORT_ROWS:
                break
        return rows

    def export_first() -> Any:
        """What a user waits for before the download shows data: the first chunk of rows
        (the header row alone comes before any query and does not count)."""
        cid = rng.choice(cohort_ids)
        seen = ""
        for chunk in services.exports.cohort_csv(cohorts[cid][0], cid):
            seen += chunk
            if seen.count("\r\n") > 1:
                break
        return len(seen)

    def session_csv() -> Any:
        cid = rng.choice(cohort_ids)
        return services.exports.session_csv(cohorts[cid][0], rng.choice(ended[cid]))

    def agreement() -> Any:
        return services.reviews.agreement(cohorts[rng.choice(cohort_ids)][0])

    def agreement_all() -> Any:
        return services.reviews.agreement(admin)

    def baseline() -> Any:
        sid = rng.choice(any_ids)
        with reading(services.sessions) as db:
            return db.get(PracticeSession, sid)

    pages: list[tuple[str, Callable[[], Any]]] = [
        ("baseline (one session row)", baseline),
        ("queue", queue),
        ("review page", review),
        ("reviewed report", report),
        ("trainee progress", progress),
        ("cohort overview", overview),
        ("cohort export, first rows", export_first),
        (INFO + f"cohort export, first {EXPORT_ROWS:,} rows", export),
        ("session CSV", session_csv),
        ("agreement, a supervisor's", agreement),
        (INFO + "agreement, admin, all reviews", agreement_all),
    ]
    results: dict[str, tuple[float, float]] = {}
    for name, call in pages:
        for _ in range(3):  # warm caches and connections
            call()
        times = [timed(call) for _ in range(repeat)]
        results[name] = (statistics.median(times), percentile(times, 0.95))
    base = results["baseline (one session row)"][0]
    print(f"{'page':<38} {'p50 ms':>8} {'p95 ms':>8} {'p50 / baseline':>15}")
    failed = []
    for name, (p50, p95) in results.items():
        flag = ""
        if not name.startswith(("baseline", INFO)) and p95 > TARGET_MS:
            failed.append(name)
            flag = "  MISSES the target"
        print(f"{name:<38} {p50:8.1f} {p95:8.1f} {p50 / base:14.1f}x{flag}")
    print(f"target: p95 ≤ {TARGET_MS:.0f} ms per page on SQLite "
          f"({repeat} calls each) — {'met' if not failed else 'MISSED: ' + ', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
