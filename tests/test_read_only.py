"""A database that cannot be written (issue 12): reads succeed, the API's token lookup does not
need a write, and a write is answered with what is wrong instead of "busy, retry" for ever.

SQLite: the same file opened with `mode=ro` (what a read-only mount or file gives; the tests
run as root, which file permissions would not stop). PostgreSQL: the same schema through a
connection with `default_transaction_read_only=on` (a hot standby or a read-only role)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import make_url
from storage_fixtures import PASSWORD
from web_fixtures import csrf_from

from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.web import create_app

pytest_plugins = ("storage_fixtures", "web_fixtures")


def read_only_url(url: str) -> str:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:///file:{parsed.database}?mode=ro&uri=true"
    options = parsed.query.get("options", "")
    options = options if isinstance(options, str) else " ".join(options)
    return parsed.update_query_dict(
        {"options": f"{options} -cdefault_transaction_read_only=on".strip()}
    ).render_as_string(hide_password=False)


@pytest.fixture
def world(synced: Services, trainee: UserRecord) -> dict[str, str]:
    """A token, a browser login and a session with one turn, made while writable."""
    token = synced.accounts.create_api_token(trainee.name)
    cookie, _csrf = synced.accounts.start_web_session(trainee)
    with TestClient(create_app(synced.settings, synced)) as client:
        headers = {"Authorization": f"Bearer {token}"}
        session = client.post("/api/v1/sessions", json={"scenario": "panic-disorder"},
                              headers=headers).json()
        turn = client.post(f"/api/v1/sessions/{session['id']}/turns",
                           json={"text": "What brings you here today?"}, headers=headers)
        assert turn.status_code == 201
    return {"token": token, "cookie": cookie, "session": session["id"]}


@pytest.fixture
def read_only(synced: Services, world: dict[str, str]) -> Iterator[TestClient]:
    settings = synced.settings.model_copy(
        update={"database_url": read_only_url(synced.settings.database_url)})
    services = Services.from_settings(settings)
    try:
        with TestClient(create_app(settings, services), follow_redirects=False,
                        raise_server_exceptions=False) as client:
            yield client
    finally:
        services.close()


def test_api_reads_succeed_and_a_write_says_the_database_is_read_only(
        read_only: TestClient, world: dict[str, str]) -> None:
    headers = {"Authorization": f"Bearer {world['token']}"}
    listed = read_only.get("/api/v1/sessions", headers=headers)
    assert listed.status_code == 200, listed.text
    assert [s["id"] for s in listed.json()["items"]] == [world["session"]]
    shown = read_only.get(f"/api/v1/sessions/{world['session']}", headers=headers)
    assert shown.status_code == 200 and len(shown.json()["turns"]) == 1
    assert read_only.get("/api/v1/scenarios", headers=headers).status_code == 200

    refused = read_only.post("/api/v1/sessions", json={"scenario": "panic-disorder"},
                             headers=headers)
    assert refused.status_code == 503
    assert "read-only" in refused.json()["detail"]
    assert "try again" not in refused.json()["detail"] and "retry-after" not in refused.headers
    turn = read_only.post(f"/api/v1/sessions/{world['session']}/turns",
                          json={"text": "And how is sleep?"}, headers=headers)
    assert turn.status_code == 503 and "read-only" in turn.json()["detail"]


def test_pages_read_and_a_form_says_the_database_is_read_only(
        read_only: TestClient, world: dict[str, str], trainee: UserRecord) -> None:
    page = read_only.get("/login")
    assert page.status_code == 200
    signed_in = read_only.post("/login", data={"name": trainee.name, "password": PASSWORD,
                                               "csrf_token": csrf_from(page.text)})
    assert signed_in.status_code == 503 and "read-only" in signed_in.text
    assert "retry-after" not in signed_in.headers
    read_only.cookies.set("mi_sim_session", world["cookie"])
    assert read_only.get("/history").status_code == 200
    assert read_only.get(f"/sessions/{world['session']}").status_code == 200
