"""Fill a database with a programme's worth of history, fast, for the supervisor-page benchmarks.

    .venv/bin/python bench/seed_db.py [PATH_OR_URL] [--sessions 10000] [--turns 1000000]

PATH_OR_URL is a SQLite file path (default /tmp/mi-sim-scale.db; an existing file is replaced) or
a database URL (which must hold no sessions yet). The database is migrated, the shipped personas
synced, then filled with:

- 5 cohorts, each with 1 supervisor and 10 trainees (50 trainees), and an admin `admin`
  (every account's password: "bench password");
- `--sessions` sessions (10,000) with `--turns` turns in all (1,000,000; 60–140 per session),
  spread over the last year: ~2% imported transcripts owned by the supervisors, ~3% still
  running, the rest ended with a feedback summary like the one `Practice` stores (MITI summary,
  trajectory). Codes follow a plausible trainee's mix; the patient's talk follows the code;
  rapport, discord, importance and confidence take a bounded random walk driven by the codes;
  each turn has a trace of realistic size;
- reviews by the cohort's supervisor of ~6% of the ended sessions (80% completed): a few
  overridden codes, a few comments, the four global ratings.

Speed: rows are built in plain Python and written with Core `insert` executemany, in one
transaction per 500 sessions (≈50,000 turns) — never the engine per turn. Deterministic for a
given --seed. Prints the time taken and the rows written.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection, make_url

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mi_sim.config import Settings
from mi_sim.engine.vocabulary import ALL_CODES
from mi_sim.scoring.miti import describe, summarize
from mi_sim.services import Services
from mi_sim.storage import migrate
from mi_sim.storage.db import is_sqlite, make_engine
from mi_sim.storage.models import (
    Cohort,
    CohortMember,
    Feedback,
    PersonaRow,
    PersonaVersion,
    PracticeSession,
    Review,
    ReviewCode,
    ReviewComment,
    Turn,
    User,
)

DEFAULT_PATH = "/tmp/mi-sim-scale.db"
PASSWORD = "bench password"
COHORTS = 5
TRAINEES_PER_COHORT = 10
SESSIONS_PER_TRANSACTION = 500
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)

# A plausible trainee's mix of codes (weights), and the talk each tends to draw.
CODE_WEIGHTS = {
    "question_open": 20, "question_closed": 16, "reflection_simple": 16,
    "reflection_complex": 11, "affirm": 5, "seek_collaboration": 4, "emphasize_autonomy": 3,
    "giving_information": 7, "persuade": 5, "persuade_with_permission": 3, "confront": 2,
    "facilitate": 4, "other": 4}
GOOD = {"reflection_complex", "reflection_simple", "affirm", "seek_collaboration",
        "emphasize_autonomy", "persuade_with_permission"}
BAD = {"persuade", "confront"}
CLINICIAN = {
    "question_open": ["What brings you in today?", "How has the week been for you?",
                      "What worries you most about the panic?", "Tell me about a usual day."],
    "question_closed": ["Did you take the bus this week?", "Have you been sleeping?",
                        "Is the pain worse at night?", "Would you see the nurse again?"],
    "reflection_simple": ["You've had three tests this month.", "The pain keeps you up.",
                          "You took the long way round again."],
    "reflection_complex": ["Part of you wants answers, and part of you dreads them.",
                           "You're exhausted by not knowing.",
                           "Being independent matters a great deal to you."],
    "affirm": ["You kept going to work through all of this.", "That took real courage."],
    "seek_collaboration": ["Would it be okay if we looked at the sleep side together?"],
    "emphasize_autonomy": ["It's entirely up to you whether you try it."],
    "giving_information": ["A racing heart is one of the commonest signs of adrenaline.",
                           "The blood tests came back normal."],
    "persuade": ["You should start therapy.", "You need to stop checking your pulse."],
    "persuade_with_permission": ["If you're interested, some people find a diary helps."],
    "confront": ["It's all in your head.", "You're overreacting."],
    "facilitate": ["Mm-hmm.", "Okay."],
    "other": ["Hello, I'm Sam.", "Let's start."],
}
PATIENT = {
    "change": ["I can't keep living like this.", "I'd like to drive again one day.",
               "Maybe I could try the diary for a week.", "I want to be there for my kids."],
    "sustain": ["Therapy won't fix a real pain.", "I need to know it's not my heart first.",
                "I can't face the bus, not yet.", "It's physical, I know it is."],
    "neutral": ["I went to my mum's on Sunday.", "The nurse took my blood pressure.",
                "It was a long week.", "I suppose so."],
}
PERSONAS_USED = ("panic-disorder", "somatic-symptoms", "health-anxiety", "generalised-anxiety",
                 "social-anxiety")


def clamp(value: float) -> float:
    return min(1.0, max(0.0, value))


def talk_for(code: str, rng: random.Random, rapport: float) -> str:
    roll = rng.random()
    if code in BAD:
        return "sustain" if roll < 0.65 else "neutral"
    if code in GOOD:
        return "change" if roll < 0.25 + 0.4 * rapport else ("sustain" if roll > 0.9
                                                               else "neutral")
    return "change" if roll < 0.15 else ("sustain" if roll > 0.8 else "neutral")


def build_session(rng: random.Random, sid: str, user_id: int, version_id: int | None,
                  slug: str, level: str, turns: int, ended_at: datetime, ended: bool,
                  kind: str) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any] | None]:
    """The session row, its turn rows and (when ended) its feedback row."""
    codes = rng.choices(list(CODE_WEIGHTS), weights=list(CODE_WEIGHTS.values()), k=turns)
    rapport, discord, importance, confidence = 0.42, 0.12, 0.36, 0.32
    start = {"turn": 0, "rapport": rapport, "discord": discord,
             "readiness": round(importance * confidence, 3), "importance": importance,
             "confidence": confidence}
    trajectory = [start]
    started = ended_at - timedelta(minutes=rng.randint(10, 50))
    rows: list[dict[str, Any]] = []
    talks: list[str] = []
    used: list[str] = []
    for number, code in enumerate(codes, start=1):
        step = 0.03 if code in GOOD else -0.04 if code in BAD else 0.0
        rapport = clamp(rapport + step + rng.uniform(-0.01, 0.01))
        discord = clamp(discord - step * 0.8 + rng.uniform(-0.01, 0.01))
        importance = clamp(importance + step * 0.5)
        confidence = clamp(confidence + step * 0.3)
        talk = talk_for(code, rng, rapport)
        talks.append(talk)
        used = [*used[-7:], f"r{rng.randint(1, 400)}"]
        clinician = rng.choice(CLINICIAN[code])
        state = {} if kind == "imported" else {
            "scenario": slug, "level": level, "seed": 7, "rapport": rapport,
            "discord": discord, "importance": importance, "confidence": confidence,
            "mistrust": 0.1, "affects": {"fear": round(rng.random(), 3),
                                         "shame": round(rng.random() * 0.5, 3)},
            "turn": number, "good_turns": number // 3, "closed_run": 0,
            "high_discord_run": 0, "disclosed": [], "values_found": ["independence"],
            "commitments": [], "declined": [], "used": used,
            "last_patient": "", "ended": False, "end_reason": None, "version": 1}
        trace = {"code": code, "code_rule": "bench", "why": f"{code}: seeded", "flags": [],
                 "move": code, "rule": "seeded turn", "topics": ["sleep"],
                 "changes": [{"variable": "rapport", "before": 0.5, "after": 0.5,
                              "reason": "seeded"}],
                 "event": None, "source": "bank", "reply_id": used[-1],
                 "wanted_talk": talk, "repeated": False}
        rows.append({
            "session_id": sid, "number": number, "client_turn_id": None,
            "clinician": clinician, "code": code, "why": f"{code.replace('_', ' ')}: the bench "
            "seeded this line with a code drawn from a trainee's usual mix",
            "segments": [{"text": clinician, "code": code, "why": "seeded", "rule": "bench"}],
            "patient": rng.choice(PATIENT[talk]), "talk": talk, "subtype": None, "cue": None,
            "state": state, "trace": trace,
            "created_at": started + timedelta(seconds=20 * number)})
        if kind != "imported":
            trajectory.append({"turn": number, "rapport": round(rapport, 3),
                               "discord": round(discord, 3),
                               "readiness": round(importance * confidence, 3),
                               "importance": round(importance, 3),
                               "confidence": round(confidence, 3)})
    final = rows[-1]["state"] if rows else {}
    session = {
        "id": sid, "user_id": user_id, "kind": kind,
        "title": "Imported role-play" if kind == "imported" else None,
        "persona_version_id": version_id, "level": level, "seed": 7, "state": final,
        "turn_count": turns, "ended": ended,
        "end_reason": ("imported" if kind == "imported" else "ended_by_trainee") if ended
        else None,
        "opening": "I'm only here because my GP sent me.", "started_at": started,
        "ended_at": ended_at if ended else None}
    feedback = None
    if ended:
        summary = summarize(codes, talks)
        feedback = {"session_id": sid, "created_at": ended_at, "summary": {
            "turns": turns, "end_reason": session["end_reason"], "miti": summary.to_dict(),
            "describe": describe(summary),
            "trajectory": [] if kind == "imported" else trajectory}}
    return session, rows, feedback


def turn_counts(rng: random.Random, sessions: int, total: int) -> list[int]:
    counts = [rng.randint(60, 140) for _ in range(sessions)]
    diff = total - sum(counts)
    i = 0
    while diff:
        step = 1 if diff > 0 else -1
        if 20 <= counts[i % sessions] + step <= 400:
            counts[i % sessions] += step
            diff -= step
        i += 1
    return counts


def review_rows(rng: random.Random, review_id: int, sid: str, reviewer: int,
                codes: list[str], ended_at: datetime) -> tuple[dict[str, Any], list[dict[str, Any]],
                                                              list[dict[str, Any]]]:
    completed = rng.random() < 0.8
    review = {"id": review_id, "session_id": sid, "reviewer_id": reviewer,
              "cultivating_change_talk": rng.randint(2, 5),
              "softening_sustain_talk": rng.randint(2, 5), "partnership": rng.randint(2, 5),
              "empathy": rng.randint(2, 5), "comment": "Solid work; more complex reflections.",
              "completed_at": ended_at + timedelta(days=2) if completed else None,
              "created_at": ended_at + timedelta(days=1),
              "updated_at": ended_at + timedelta(days=2)}
    overrides = []
    for number in rng.sample(range(1, len(codes) + 1), k=min(len(codes), rng.randint(2, 8))):
        human = rng.choice([c for c in ALL_CODES if c != codes[number - 1]])
        overrides.append({"review_id": review_id, "turn_number": number, "code": human})
    comments = [{"review_id": review_id, "turn_number": rng.choice([None, rng.randint(1, len(
        codes))]), "text": "Try reflecting the feeling here before asking.",
        "created_at": ended_at + timedelta(days=1)} for _ in range(rng.randint(1, 4))]
    return review, overrides, comments


def seed(url: str, sessions: int, total_turns: int, seed_value: int) -> dict[str, int]:
    rng = random.Random(seed_value)
    migrate.upgrade(url)
    services = Services.from_settings(Settings(database_url=url))
    try:
        services.personas.sync_shipped_personas()
    finally:
        services.close()
    engine = make_engine(url, pooled=False)
    counts = {"users": 0, "sessions": 0, "turns": 0, "feedback": 0, "reviews": 0,
              "review_codes": 0, "review_comments": 0}
    try:
        with engine.begin() as db:
            if db.scalar(select(func.count()).select_from(PracticeSession)):
                raise SystemExit("the database already holds sessions; use an empty one")
            versions = {slug: vid for slug, vid in db.execute(
                select(PersonaRow.slug, func.max(PersonaVersion.id))
                .join(PersonaVersion, PersonaVersion.persona_id == PersonaRow.id)
                .group_by(PersonaRow.slug))}
            supervisors, trainees = _people(db, counts)
        slugs = [s for s in PERSONAS_USED if s in versions] or list(versions)
        per_session = turn_counts(rng, sessions, total_turns)
        review_id = 0
        batch: list[int] = []
        for start in range(0, sessions, SESSIONS_PER_TRANSACTION):
            batch = list(range(start, min(sessions, start + SESSIONS_PER_TRANSACTION)))
            session_rows, turn_rows, feedback_rows = [], [], []
            reviews, overrides, comments = [], [], []
            for index in batch:
                cohort = index % COHORTS
                imported = rng.random() < 0.02
                ended = imported or rng.random() > 0.03
                if imported:
                    owner, kind, slug, level, vid = supervisors[cohort], "imported", "", "", None
                else:
                    owner = trainees[cohort][rng.randrange(TRAINEES_PER_COHORT)]
                    kind, slug = "practice", rng.choice(slugs)
                    level, vid = rng.choice(("gentle", "hard")), versions[slug]
                ended_at = NOW - timedelta(minutes=rng.randint(0, 365 * 24 * 60))
                sid = f"s{seed_value:02d}{index:08d}{rng.getrandbits(40):010x}"
                session, rows, feedback = build_session(rng, sid, owner, vid, slug, level,
                                                        per_session[index], ended_at, ended,
                                                        kind)
                session_rows.append(session)
                turn_rows.extend(rows)
                if feedback:
                    feedback_rows.append(feedback)
                if ended and rng.random() < 0.06:
                    review_id += 1
                    review, codes, notes = review_rows(rng, review_id, sid, supervisors[cohort],
                                                       [r["code"] for r in rows], ended_at)
                    reviews.append(review)
                    overrides.extend(codes)
                    comments.extend(notes)
            with engine.begin() as db:
                db.execute(insert(PracticeSession.__table__), session_rows)
                for chunk in _chunks(turn_rows, 10_000):
                    db.execute(insert(Turn.__table__), chunk)
                if feedback_rows:
                    db.execute(insert(Feedback.__table__), feedback_rows)
                if reviews:
                    db.execute(insert(Review.__table__), reviews)
                    db.execute(insert(ReviewCode.__table__), overrides)
                    db.execute(insert(ReviewComment.__table__), comments)
            counts["sessions"] += len(session_rows)
            counts["turns"] += len(turn_rows)
            counts["feedback"] += len(feedback_rows)
            counts["reviews"] += len(reviews)
            counts["review_codes"] += len(overrides)
            counts["review_comments"] += len(comments)
            print(f"  {counts['sessions']:>6} sessions, {counts['turns']:>8} turns",
                  file=sys.stderr, flush=True)
    finally:
        engine.dispose()
    return counts


def _people(db: Connection, counts: dict[str, int]) -> tuple[list[int], list[list[int]]]:
    password_hash = PasswordHasher().hash(PASSWORD)
    now = NOW - timedelta(days=400)

    def user(name: str, role: str) -> int:
        counts["users"] += 1
        return int(db.execute(insert(User).values(name=name, role=role,
                                                  password_hash=password_hash,
                                                  created_at=now, active=True)
                              .returning(User.id)).scalar_one())

    user("admin", "admin")
    supervisors: list[int] = []
    trainees: list[list[int]] = []
    for c in range(1, COHORTS + 1):
        cohort_id = int(db.execute(insert(Cohort).values(name=f"Cohort {c}", created_at=now)
                                   .returning(Cohort.id)).scalar_one())
        sup = user(f"supervisor{c}", "supervisor")
        members = [user(f"trainee{c}_{t:02d}", "trainee")
                   for t in range(1, TRAINEES_PER_COHORT + 1)]
        db.execute(insert(CohortMember), [
            {"cohort_id": cohort_id, "user_id": uid, "role": role, "added_at": now}
            for uid, role in [(sup, "supervisor"), *((m, "trainee") for m in members)]])
        supervisors.append(sup)
        trainees.append(members)
    return supervisors, trainees


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", nargs="?", default=DEFAULT_PATH,
                        help=f"SQLite file path or database URL (default {DEFAULT_PATH})")
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--turns", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if "://" in args.target:
        url = args.target
    else:
        path = Path(args.target).resolve()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    if args.turns < args.sessions * 20:
        parser.error("give at least 20 turns per session")
    began = time.perf_counter()
    counts = seed(url, args.sessions, args.turns, args.seed)
    took = time.perf_counter() - began
    where = make_url(url).database if is_sqlite(url) else make_url(url).render_as_string()
    print(f"seeded {where} in {took:.1f} s: " + ", ".join(f"{v:,} {k}"
                                                          for k, v in counts.items()))
    print(f"({counts['turns'] / took:,.0f} turns/s)")


if __name__ == "__main__":
    main()
