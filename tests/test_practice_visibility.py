"""Personas limited to cohorts: only their members (and staff) may start sessions with them,
in the gallery, through the page and through the API; on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from mi_sim.services import Invalid, Services
from mi_sim.services.records import UserRecord

pytest_plugins = ("storage_fixtures", "web_fixtures")

PASSWORD = "correct horse battery"
SLUG = "panic-disorder"


@pytest.fixture
def limited(synced: Services, trainee: UserRecord, admin: UserRecord) -> UserRecord:
    """panic-disorder limited to the "Spring" cohort, which holds `trainee`; returns an
    outsider trainee."""
    outsider = synced.accounts.create_user("otto", "trainee", PASSWORD)
    cohort = synced.cohorts.create_cohort("Spring")
    synced.cohorts.add_member("Spring", trainee.name)
    synced.library.set_cohorts(admin, SLUG, [cohort.id])
    return outsider


def test_a_trainee_outside_the_cohorts_cannot_start_a_limited_persona(
        synced: Services, limited: UserRecord) -> None:
    with pytest.raises(Invalid, match=f"unknown scenario '{SLUG}'; known: .*social-anxiety"):
        synced.practice.start_session(limited, SLUG)
    assert SLUG not in [p.slug for p in synced.personas.list_published(limited)]
    synced.practice.start_session(limited, "social-anxiety")  # unlimited ones still work


def test_a_member_and_staff_may_start_a_limited_persona(
        synced: Services, limited: UserRecord, trainee: UserRecord) -> None:
    supervisor = synced.accounts.create_user("sue", "supervisor", PASSWORD)
    for user in (trainee, supervisor):
        assert synced.practice.start_session(user, SLUG).scenario == SLUG


def test_the_api_lists_and_refuses_as_the_service_does(
        synced: Services, limited: UserRecord, client: TestClient) -> None:
    token = synced.accounts.create_api_token(limited.name)
    headers = {"Authorization": f"Bearer {token}"}
    listed = client.get("/api/v1/scenarios", headers=headers).json()
    assert SLUG not in [s["slug"] for s in listed] and listed
    refused = client.post("/api/v1/sessions", json={"scenario": SLUG}, headers=headers)
    assert refused.status_code == 422 and "unknown scenario" in refused.json()["detail"]
