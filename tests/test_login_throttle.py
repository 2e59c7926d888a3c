"""The login throttle (issue 12.4): check-and-record is atomic, and the lock is keyed by account
and address, with a gentler account-wide back-off — on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from storage_fixtures import FAST_HASHER, PASSWORD

from mi_sim.config import Settings
from mi_sim.services import BadCredentials, Services, Throttled
from mi_sim.services import accounts as accounts_service
from mi_sim.storage.models import utcnow

pytest_plugins = ("storage_fixtures",)

LIMIT = 5


class CountingHasher:
    """The test hasher, counting real password checks and making each slow (50 ms), so that
    concurrent attempts overlap as they would with production argon2 parameters."""

    def __init__(self) -> None:
        self.checks = 0
        self._lock = threading.Lock()

    def verify(self, password_hash: str, password: str) -> bool:
        with self._lock:
            self.checks += 1
        time.sleep(0.05)
        return bool(FAST_HASHER.verify(password_hash, password))

    def __getattr__(self, name: str) -> Any:
        return getattr(FAST_HASHER, name)


class Clock:
    offset = timedelta(0)

    def __call__(self) -> datetime:
        return utcnow() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


@pytest.fixture
def built(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    settings = Settings(database_url=database_url, login_max_attempts=LIMIT,
                        login_max_attempts_per_address=50, login_window_seconds=600,
                        login_account_backoff_after=8, login_account_backoff_max_seconds=30,
                        db_pool_size=20)
    services = Services.from_settings(settings, hasher=FAST_HASHER)
    services.accounts.create_user("tess", "trainee", PASSWORD)
    try:
        yield services
    finally:
        services.close()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    moved = Clock()
    monkeypatch.setattr(accounts_service, "utcnow", moved)
    return moved


def test_sixteen_concurrent_wrong_passwords_get_at_most_the_limit_of_password_checks(
        built: Services) -> None:
    hasher = CountingHasher()
    built.accounts.hasher = hasher  # type: ignore[assignment]
    start = threading.Barrier(16)
    outcomes: list[str] = []

    def guess() -> None:
        start.wait()
        try:
            built.accounts.authenticate("tess", "wrong password", "203.0.113.9")
        except BadCredentials:
            outcomes.append("wrong")
        except Throttled:
            outcomes.append("throttled")

    threads = [threading.Thread(target=guess) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert hasher.checks <= LIMIT  # before: 12 checks against a limit of 5
    assert outcomes.count("wrong") == hasher.checks
    assert outcomes.count("throttled") == 16 - hasher.checks


def test_a_stranger_cannot_lock_the_owner_out_from_another_address(built: Services) -> None:
    for _ in range(LIMIT):
        with pytest.raises(BadCredentials):
            built.accounts.authenticate("tess", "guess", "198.51.100.7")
    with pytest.raises(Throttled):
        built.accounts.authenticate("tess", PASSWORD, "198.51.100.7")
    assert built.accounts.authenticate("tess", PASSWORD, "192.0.2.1").name == "tess"


def test_guesses_from_many_addresses_meet_a_short_account_wide_back_off(
        built: Services, clock: Clock) -> None:
    for number in range(8):  # the back-off starts after 8 failures for the name
        with pytest.raises(BadCredentials):
            built.accounts.authenticate("tess", "guess", f"198.51.100.{number}")
    waits = []
    for number in range(7):
        with pytest.raises(Throttled) as caught:
            built.accounts.authenticate("tess", PASSWORD, "192.0.2.1")
        waits.append(caught.value.retry_after)
        clock.advance(caught.value.retry_after)
        with pytest.raises(BadCredentials):  # the stranger takes the next slot
            built.accounts.authenticate("tess", "guess", f"198.51.100.{100 + number}")
    assert waits == [1, 2, 4, 8, 16, 30, 30]  # doubling, never more than the cap
    clock.advance(30)
    assert built.accounts.authenticate("tess", PASSWORD, "192.0.2.1").name == "tess"
    # A success starts the count again.
    with pytest.raises(BadCredentials):
        built.accounts.authenticate("tess", "guess", "198.51.100.1")
    assert built.accounts.authenticate("tess", PASSWORD, "192.0.2.1").name == "tess"
