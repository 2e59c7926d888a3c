"""The use cases behind the web app and the CLI, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from scenario_helpers import EXAMPLE_PATH, edited, example_text
from sqlalchemy import func, select

from mi_sim.engine.turn import MAX_UTTERANCE
from mi_sim.scenarios.loader import ScenarioError, load_catalog
from mi_sim.services import (
    BadCredentials,
    Conflict,
    Invalid,
    NotFound,
    ServiceError,
    Services,
    Throttled,
)
from mi_sim.services import practice as practice_module
from mi_sim.services.accounts import sha256
from mi_sim.services.records import UserRecord
from mi_sim.storage.db import reading, writing
from mi_sim.storage.models import (
    ApiToken,
    Feedback,
    LoginAttempt,
    PracticeSession,
    Turn,
    User,
    WebSession,
)
from mi_sim.transcript import replay

pytest_plugins = ("storage_fixtures",)

PASSWORD = "correct horse battery"  # as in storage_fixtures (not imported: see its docstring)

SCRIPTS = Path(__file__).resolve().parent / "scripts"


def script(name: str) -> list[str]:
    return [line for line in (SCRIPTS / name).read_text(encoding="utf-8").splitlines() if line]


def count(services: Services, model: type[Any], *where: Any) -> int:
    with reading(services.sessions) as db:
        return db.scalar(select(func.count()).select_from(model).where(*where)) or 0


def stored_session(services: Services, session_id: str) -> PracticeSession:
    with reading(services.sessions) as db:
        row = db.get(PracticeSession, session_id)
        assert row is not None
        return row


# --- practice ------------------------------------------------------------------------------


def test_a_session_starts_with_the_opening_line_and_its_state_stored(
        synced: Services, trainee: UserRecord) -> None:
    session = synced.practice.start_session(trainee, "panic-disorder", "gentle", seed=11)
    assert session.opening and session.turn_count == 0 and not session.ended
    assert (session.level, session.seed, session.persona_version) == ("gentle", 11, 1)
    assert set(session.state) >= {"rapport", "discord", "readiness"}
    row = stored_session(synced, session.id)
    assert row.opening == session.opening and row.state["seed"] == 11
    assert len(session.id) >= 20


def test_an_unknown_scenario_or_level_is_invalid_and_names_the_known_ones(
        synced: Services, trainee: UserRecord) -> None:
    with pytest.raises(Invalid, match="panic-disorder"):
        synced.practice.start_session(trainee, "no-such-persona")
    with pytest.raises(Invalid, match="gentle"):
        synced.practice.start_session(trainee, "panic-disorder", level="impossible")
    assert count(synced, PracticeSession) == 0


def test_without_a_seed_a_random_one_is_chosen(synced: Services, trainee: UserRecord) -> None:
    seeds = {synced.practice.start_session(trainee, "panic-disorder").seed for _ in range(3)}
    assert len(seeds) > 1 and all(0 <= s < 2**31 for s in seeds)


def test_a_turn_and_the_new_state_are_stored_together(
        synced: Services, trainee: UserRecord) -> None:
    session = synced.practice.start_session(trainee, "somatic-symptoms", seed=2)
    record, created = synced.practice.post_turn(trainee, session.id, "What brings you here?")
    assert created and record.turn == 1 and record.code == "question_open"
    assert record.patient and record.talk in ("change", "sustain", "neutral") and record.why
    row = stored_session(synced, session.id)
    with reading(synced.sessions) as db:
        stored = db.scalar(select(Turn).where(Turn.session_id == session.id))
    assert stored is not None
    assert row.turn_count == 1 and row.state == stored.state and row.state["turn"] == 1
    assert stored.trace["code"] == "question_open" and stored.segments


def test_a_stored_conversation_replays_exactly_like_the_engine(
        synced: Services, trainee: UserRecord) -> None:
    lines = script("good_mi.txt")[:8]
    session = synced.practice.start_session(trainee, "health-anxiety", "standard", seed=5)
    posted = [synced.practice.post_turn(trainee, session.id, line)[0] for line in lines]
    expected = list(replay(load_catalog()["health-anxiety"], lines, "standard", 5))
    assert [(t.code, t.patient, t.talk, t.state) for t in posted] == \
        [(e["code"], e["patient"], e["talk"], e["state"]) for e in expected]
    detail = synced.practice.get_session(trainee, session.id)
    assert [t.turn for t in detail.turns] == list(range(1, 9))
    assert [t.patient for t in detail.turns] == [t.patient for t in posted]


def test_a_repeated_client_turn_id_returns_the_stored_turn_and_stores_nothing_new(
        synced: Services, trainee: UserRecord) -> None:
    session = synced.practice.start_session(trainee, "panic-disorder", seed=1)
    first, created = synced.practice.post_turn(trainee, session.id, "Tell me more.", "abc-1")
    again, created_again = synced.practice.post_turn(trainee, session.id, "Tell me more.",
                                                     "abc-1")
    assert created and not created_again
    assert again == first
    assert count(synced, Turn) == 1
    assert stored_session(synced, session.id).turn_count == 1


def test_a_client_turn_id_longer_than_64_characters_is_invalid(
        synced: Services, trainee: UserRecord) -> None:
    session = synced.practice.start_session(trainee, "panic-disorder", seed=1)
    with pytest.raises(Invalid, match="64"):
        synced.practice.post_turn(trainee, session.id, "Hello.", "x" * 65)
    assert count(synced, Turn) == 0


@pytest.mark.parametrize(("text", "message"), [
    ("", "empty"), ("   \n ", "empty"), ("a" * (MAX_UTTERANCE + 1), "limit"),
])
def test_a_blank_or_over_long_line_is_invalid_and_nothing_is_stored(
        synced: Services, trainee: UserRecord, text: str, message: str) -> None:
    session = synced.practice.start_session(trainee, "panic-disorder", seed=1)
    with pytest.raises(Invalid, match=message):
        synced.practice.post_turn(trainee, session.id, text)
    assert count(synced, Turn) == 0
    assert stored_session(synced, session.id).turn_count == 0


def race(monkeypatch: pytest.MonkeyPatch, *calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads that all compute their turn before any of them stores it."""
    barrier = threading.Barrier(len(calls), timeout=10)
    real = practice_module.take_turn

    def take_turn_then_wait(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        barrier.wait()
        return result

    monkeypatch.setattr(practice_module, "take_turn", take_turn_then_wait)
    outcomes: list[Any] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            outcomes[index] = calls[index]()
        except Exception as exc:
            outcomes[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    monkeypatch.setattr(practice_module, "take_turn", real)
    return outcomes


def test_two_turns_racing_on_one_session_store_one_and_refuse_the_other(
        synced: Services, trainee: UserRecord, monkeypatch: pytest.MonkeyPatch) -> None:
    session = synced.practice.start_session(trainee, "panic-disorder", seed=3)
    outcomes = race(
        monkeypatch,
        lambda: synced.practice.post_turn(trainee, session.id, "What worries you most?"),
        lambda: synced.practice.post_turn(trainee, session.id, "You came despite doubts."),
    )
    stored = [o for o in outcomes if isinstance(o, tuple)]
    refused = [o for o in outcomes if isinstance(o, Conflict)]
    assert len(stored) == 1 and len(refused) == 1, outcomes
    assert "same time" in refused[0].message
    assert count(synced, Turn) == 1

    synced.practice.post_turn(trainee, session.id, "Go on.")
    detail = synced.practice.get_session(trainee, session.id)
    assert [t.turn for t in detail.turns] == [1, 2]
    assert detail.turns[0].clinician == stored[0][0].clinician
    assert detail.session.turn_count == 2


def test_a_double_click_racing_with_itself_stores_one_turn_and_returns_it_twice(
        synced: Services, trainee: UserRecord, monkeypatch: pytest.MonkeyPatch) -> None:
    session = synced.practice.start_session(trainee, "panic-disorder", seed=3)
    send = lambda: synced.practice.post_turn(trainee, session.id, "Go on.", "click-1")  # noqa: E731
    outcomes = race(monkeypatch, send, send)
    assert all(isinstance(o, tuple) for o in outcomes), outcomes
    assert sorted(created for _, created in outcomes) == [False, True]
    assert outcomes[0][0] == outcomes[1][0]
    assert count(synced, Turn) == 1


def test_a_patient_who_walks_out_ends_the_session_and_feedback_is_stored(
        synced: Services, trainee: UserRecord) -> None:
    session = synced.practice.start_session(trainee, "panic-disorder", seed=0)
    last = None
    for line in script("push_hard.txt"):
        last, _ = synced.practice.post_turn(trainee, session.id, line)
        if last.ended:
            break
    assert last is not None and last.ended and last.end_reason == "walkout"
    detail = synced.practice.get_session(trainee, session.id)
    assert detail.session.ended and detail.session.end_reason == "walkout"
    assert detail.session.ended_at is not None
    assert detail.feedback is not None
    summary = detail.feedback.summary
    assert summary["turns"] == last.turn and summary["end_reason"] == "walkout"
    assert summary["miti"]["sustain_talk"] >= 1
    assert [p["turn"] for p in summary["trajectory"]] == list(range(last.turn + 1))
    assert synced.practice.end_session(trainee, session.id) == detail.feedback
    assert count(synced, Feedback) == 1


def test_a_turn_on_an_ended_session_is_a_conflict_and_stores_nothing(
        synced: Services, trainee: UserRecord) -> None:
    session = synced.practice.start_session(trainee, "panic-disorder", seed=0)
    synced.practice.post_turn(trainee, session.id, "Hello, I'm glad you came.")
    synced.practice.end_session(trainee, session.id)
    with pytest.raises(Conflict, match="ended"):
        synced.practice.post_turn(trainee, session.id, "One more thing.")
    assert count(synced, Turn) == 1


def test_a_walk_out_turn_that_fails_to_store_leaves_the_session_as_it_was(
        synced: Services, trainee: UserRecord, monkeypatch: pytest.MonkeyPatch) -> None:
    session = synced.practice.start_session(trainee, "panic-disorder", seed=0)
    lines = script("push_hard.txt")
    posted = 0
    for line in lines:
        if synced.practice.post_turn(trainee, session.id, line)[0].ended:
            break
        posted += 1
    # Replay the same conversation, but make storing the walk-out's feedback fail.
    again = synced.practice.start_session(trainee, "panic-disorder", seed=0)
    for line in lines[:posted]:
        synced.practice.post_turn(trainee, again.id, line)
    before = stored_session(synced, again.id)

    def broken(*_: Any, **__: Any) -> Any:
        raise RuntimeError("disk full")

    monkeypatch.setattr(practice_module, "feedback_summary", broken)
    with pytest.raises(RuntimeError):
        synced.practice.post_turn(trainee, again.id, lines[posted])
    after = stored_session(synced, again.id)
    assert (after.turn_count, after.ended, after.state) == \
        (before.turn_count, False, before.state)
    assert count(synced, Turn, Turn.session_id == again.id) == posted


def test_ending_a_session_is_idempotent_and_stores_its_feedback_once(
        synced: Services, trainee: UserRecord) -> None:
    session = synced.practice.start_session(trainee, "social-anxiety", seed=4)
    for line in script("good_mi.txt")[:4]:
        synced.practice.post_turn(trainee, session.id, line)
    first = synced.practice.end_session(trainee, session.id)
    second = synced.practice.end_session(trainee, session.id)
    assert first == second
    assert first.summary["turns"] == 4 and first.summary["end_reason"] == "ended_by_trainee"
    assert set(first.summary["miti"]) >= {"r_to_q", "pct_complex", "change_talk"}
    assert count(synced, Feedback) == 1
    assert stored_session(synced, session.id).ended


def test_another_users_session_is_not_found(synced: Services, trainee: UserRecord,
                                            admin: UserRecord) -> None:
    other = synced.accounts.create_user("otto", "trainee", PASSWORD)
    session = synced.practice.start_session(trainee, "panic-disorder", seed=1)
    with pytest.raises(NotFound):
        synced.practice.post_turn(other, session.id, "Hello.")
    with pytest.raises(NotFound):
        synced.practice.get_session(other, session.id)
    with pytest.raises(NotFound):
        synced.practice.end_session(other, session.id)
    with pytest.raises(NotFound):
        synced.practice.get_session(trainee, "no-such-session")
    assert synced.practice.get_session(admin, session.id).session.user_name == "tess"
    with pytest.raises(NotFound):  # admins read, but only the trainee talks
        synced.practice.post_turn(admin, session.id, "Hello.")
    assert count(synced, Turn) == 0


def test_sessions_are_listed_newest_first_a_page_at_a_time(
        synced: Services, trainee: UserRecord, admin: UserRecord) -> None:
    other = synced.accounts.create_user("otto", "trainee", PASSWORD)
    mine = [synced.practice.start_session(trainee, "panic-disorder", seed=i).id
            for i in range(5)]
    theirs = synced.practice.start_session(other, "panic-disorder", seed=9).id
    pages = [synced.practice.list_sessions(trainee, page, per_page=2) for page in (1, 2, 3)]
    assert [p.total for p in pages] == [5, 5, 5] and pages[0].pages == 3
    assert [s.id for p in pages for s in p.items] == list(reversed(mine))
    assert synced.practice.list_sessions(trainee, 4, per_page=2).items == ()
    everyone = synced.practice.list_sessions(admin, 1, per_page=10)
    assert everyone.total == 6 and everyone.items[0].id == theirs
    with pytest.raises(Invalid):
        synced.practice.list_sessions(trainee, 0)
    with pytest.raises(Invalid):
        synced.practice.list_sessions(trainee, 1, per_page=1000)


# --- personas ------------------------------------------------------------------------------


def scenarios_dir(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir(exist_ok=True)
    (folder / EXAMPLE_PATH.name).write_text(text, encoding="utf-8")
    return folder


def test_syncing_the_shipped_personas_is_idempotent(services: Services) -> None:
    first = services.personas.sync_shipped_personas()
    second = services.personas.sync_shipped_personas()
    assert set(first.created) == set(load_catalog()) and first.changed
    assert not second.changed and set(second.unchanged) == set(first.created)
    gallery = services.personas.list_published()
    assert {p.slug for p in gallery} == set(load_catalog())
    assert all(p.version_number == 1 and p.levels and p.summary for p in gallery)


def test_a_changed_yaml_becomes_a_new_version_and_old_sessions_keep_theirs(
        services: Services, trainee: UserRecord, tmp_path: Path) -> None:
    folder = scenarios_dir(tmp_path, example_text())
    assert services.personas.sync_shipped_personas(folder).created == ("example-sam",)
    old = services.practice.start_session(trainee, "example-sam", seed=1)
    changed = edited("I don't really know why I'm here.", "Right. I'm here because I was told.")
    changed = edited('title: "Sam, 46 — tired all the time"', 'title: "Sam, 47"', changed)
    scenarios_dir(tmp_path, changed)
    report = services.personas.sync_shipped_personas(folder)
    assert report.updated == ("example-sam",)
    assert services.personas.sync_shipped_personas(folder).unchanged == ("example-sam",)

    [summary] = services.personas.list_published()
    assert (summary.version_number, summary.title) == (2, "Sam, 47")
    new = services.practice.start_session(trainee, "example-sam", seed=1)
    assert new.persona_version == 2 and new.opening and new.opening.startswith("Right.")

    turn, _ = services.practice.post_turn(trainee, old.id, "What brings you here today?")
    assert turn.turn == 1
    detail = services.practice.get_session(trainee, old.id)
    assert detail.session.persona_version == 1
    assert detail.session.title == "Sam, 46 — tired all the time"
    assert detail.session.opening and "don't really know" in detail.session.opening
    assert services.personas.persona_for_version(old.persona_version_id).title.startswith(
        "Sam, 46")


def test_a_broken_persona_file_stops_the_sync_and_changes_nothing(
        services: Services, tmp_path: Path) -> None:
    folder = scenarios_dir(tmp_path, example_text())
    (folder / "broken.yaml").write_text("slug: [unclosed\n", encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"broken\.yaml:"):
        services.personas.sync_shipped_personas(folder)
    assert services.personas.list_published() == []


# --- accounts ------------------------------------------------------------------------------


def test_the_first_admin_can_be_created_only_once(services: Services) -> None:
    assert not services.accounts.has_any_user()
    admin = services.accounts.create_first_admin("root", PASSWORD)
    assert admin.role == "admin" and admin.is_admin and services.accounts.has_any_user()
    with pytest.raises(Conflict):
        services.accounts.create_first_admin("intruder", PASSWORD)
    assert [u.name for u in services.accounts.list_users()] == ["root"]


def test_no_first_admin_once_any_user_exists(services: Services) -> None:
    services.accounts.create_user("tess", "trainee", PASSWORD)
    with pytest.raises(Conflict):
        services.accounts.create_first_admin("root", PASSWORD)


def test_passwords_are_stored_as_argon2_hashes_never_in_plain(services: Services) -> None:
    services.accounts.create_user("tess", "trainee", PASSWORD)
    with reading(services.sessions) as db:
        stored = db.scalar(select(User.password_hash))
    assert stored is not None and stored.startswith("$argon2id$") and PASSWORD not in stored
    assert services.accounts.authenticate("tess", PASSWORD, "10.0.0.1").name == "tess"
    with pytest.raises(BadCredentials):
        services.accounts.authenticate("tess", PASSWORD + "!", "10.0.0.1")
    with pytest.raises(BadCredentials):
        services.accounts.authenticate("nobody", PASSWORD, "10.0.0.1")


@pytest.mark.parametrize(("name", "role", "password", "message"), [
    ("tess", "boss", PASSWORD, "unknown role"),
    ("tess", "trainee", "", "empty"),
    ("tess", "trainee", "short", "too short"),
    ("has space", "trainee", PASSWORD, "user name"),
])
def test_bad_user_details_are_refused_with_a_reason(
        services: Services, name: str, role: str, password: str, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        services.accounts.create_user(name, role, password)


def test_a_duplicate_user_name_is_a_conflict(services: Services) -> None:
    services.accounts.create_user("tess", "trainee", PASSWORD)
    with pytest.raises(Conflict, match="already exists"):
        services.accounts.create_user("tess", "admin", PASSWORD)


def test_a_disabled_user_cannot_log_in(services: Services) -> None:
    services.accounts.create_user("tess", "trainee", PASSWORD)
    services.accounts.set_active("tess", False)
    with pytest.raises(BadCredentials):
        services.accounts.authenticate("tess", PASSWORD, "10.0.0.1")


def test_too_many_failed_logins_for_a_name_are_throttled(services: Services) -> None:
    services.accounts.create_user("tess", "trainee", PASSWORD)
    for _ in range(3):  # the fixture allows 3 failures a minute per name and address
        with pytest.raises(BadCredentials):
            services.accounts.authenticate("tess", "wrong password", "10.0.0.1")
    with pytest.raises(Throttled) as caught:
        services.accounts.authenticate("tess", PASSWORD, "10.0.0.1")  # even the right one
    assert 1 <= caught.value.retry_after <= 60 and "try again" in caught.value.message
    # Issue 12: the lock is the name's from that address; the owner elsewhere is not locked out.
    assert services.accounts.authenticate("tess", PASSWORD, "10.0.0.2").name == "tess"
    services.accounts.create_user("otto", "trainee", PASSWORD)
    assert services.accounts.authenticate("otto", PASSWORD, "10.0.0.1").name == "otto"

    with writing(services.sessions) as db:  # a minute later
        for attempt in db.scalars(select(LoginAttempt)):
            attempt.at -= timedelta(seconds=61)
    assert services.accounts.authenticate("tess", PASSWORD, "10.0.0.1").name == "tess"


def test_a_successful_login_resets_the_count_for_its_name(services: Services) -> None:
    services.accounts.create_user("tess", "trainee", PASSWORD)
    for _ in range(2):
        for _ in range(2):
            with pytest.raises(BadCredentials):
                services.accounts.authenticate("tess", "wrong password", "10.0.0.1")
        assert services.accounts.authenticate("tess", PASSWORD, "10.0.0.1").name == "tess"


def test_too_many_failed_logins_from_one_address_are_throttled(services: Services) -> None:
    services.accounts.create_user("tess", "trainee", PASSWORD)
    for i in range(10):  # the fixture allows 10 failures per address
        with pytest.raises(BadCredentials):
            services.accounts.authenticate(f"guess{i}", "wrong password", "10.6.6.6")
    with pytest.raises(Throttled):
        services.accounts.authenticate("tess", PASSWORD, "10.6.6.6")
    assert services.accounts.authenticate("tess", PASSWORD, "10.0.0.1").name == "tess"


def test_api_tokens_are_stored_only_as_hashes(services: Services) -> None:
    user = services.accounts.create_user("tess", "trainee", PASSWORD)
    token = services.accounts.create_api_token("tess")
    assert len(token) >= 40
    with reading(services.sessions) as db:
        stored = db.scalar(select(ApiToken.token_hash))
    assert stored == sha256(token) and token not in stored
    assert services.accounts.user_for_token(token) == user
    assert services.accounts.user_for_token(token + "x") is None
    assert services.accounts.user_for_token("") is None
    assert services.accounts.create_api_token("tess") != token
    with pytest.raises(NotFound):
        services.accounts.create_api_token("nobody")
    services.accounts.set_active("tess", False)
    assert services.accounts.user_for_token(token) is None


def test_every_login_gets_a_new_web_session_id(services: Services) -> None:
    user = services.accounts.create_user("tess", "trainee", PASSWORD)
    cookie_1, csrf_1 = services.accounts.start_web_session(user)
    cookie_2, csrf_2 = services.accounts.start_web_session(user)
    assert cookie_1 != cookie_2 and csrf_1 != csrf_2
    with reading(services.sessions) as db:
        ids = set(db.scalars(select(WebSession.id)))
    assert ids == {sha256(cookie_1), sha256(cookie_2)}  # the cookie itself is never stored
    found = services.accounts.user_for_web_session(cookie_1)
    assert found is not None and found.user == user and found.csrf_token == csrf_1
    services.accounts.end_web_session(cookie_1)
    assert services.accounts.user_for_web_session(cookie_1) is None
    assert services.accounts.user_for_web_session(cookie_2) is not None
    services.accounts.end_web_session(cookie_1)  # logging out twice is harmless


def test_an_expired_web_session_is_not_accepted(services: Services) -> None:
    user = services.accounts.create_user("tess", "trainee", PASSWORD)
    cookie, _ = services.accounts.start_web_session(user)
    with writing(services.sessions) as db:
        for login in db.scalars(select(WebSession)):
            login.expires_at = login.created_at - timedelta(seconds=1)
    assert services.accounts.user_for_web_session(cookie) is None
    assert services.accounts.user_for_web_session("made-up") is None


def test_cohorts_hold_members_with_their_roles(services: Services) -> None:
    services.accounts.create_user("tess", "trainee", PASSWORD)
    services.accounts.create_user("sue", "supervisor", PASSWORD)
    services.cohorts.create_cohort("Spring 2026")
    services.cohorts.add_member("Spring 2026", "tess")
    cohort = services.cohorts.add_member("Spring 2026", "sue")
    assert [(m.name, m.role) for m in cohort.members] == [("sue", "supervisor"),
                                                          ("tess", "trainee")]
    with pytest.raises(Conflict):
        services.cohorts.create_cohort("Spring 2026")
    with pytest.raises(NotFound):
        services.cohorts.add_member("Spring 2026", "nobody")
    assert [c.name for c in services.cohorts.list_cohorts()] == ["Spring 2026"]


def test_every_refusal_is_a_service_error_with_a_readable_message() -> None:
    for error in (Invalid("a"), NotFound("b"), Conflict("c"), Throttled("d", 3)):
        assert isinstance(error, ServiceError) and error.message
