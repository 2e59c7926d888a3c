"""The JSON API under /api/v1, through the real app, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from collections.abc import Callable
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from storage_fixtures import PASSWORD
from web_fixtures import log_in

from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.web.routes import ROUTERS, docs
from mi_sim.web.routes.api import MAX_BODY_BYTES

pytest_plugins = ("storage_fixtures", "web_fixtures")

SCENARIO = "panic-disorder"
LINES = [
    "Hi, thanks for coming in. What brings you here today?",
    "It sounds like these attacks have really taken over your days.",
    "What matters most to you right now?",
    "You've kept going through all of this, which takes real strength.",
]
Json = dict[str, Any]


@pytest.fixture
def app(web_app: FastAPI) -> FastAPI:
    """The app, with the /docs page included even before routes/__init__.py lists it."""
    if not any(getattr(r, "path", None) == "/docs" for r in web_app.routes):
        web_app.include_router(docs.router)
    return web_app


@pytest.fixture
def api(app: FastAPI) -> Any:
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def token(synced: Services, trainee: UserRecord) -> str:
    return synced.accounts.create_api_token(trainee.name)


@pytest.fixture
def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def other_auth(synced: Services) -> dict[str, str]:
    synced.accounts.create_user("tom", "trainee", PASSWORD)
    return {"Authorization": f"Bearer {synced.accounts.create_api_token('tom')}"}


def start(api: TestClient, auth: dict[str, str], **body: Any) -> Json:
    response = api.post("/api/v1/sessions", json={"scenario": SCENARIO, "seed": 7, **body},
                        headers=auth)
    assert response.status_code == 201, response.text
    data: Json = response.json()
    return data


def say(api: TestClient, auth: dict[str, str], session_id: str, text: str,
        **extra: Any) -> Any:
    return api.post(f"/api/v1/sessions/{session_id}/turns", json={"text": text, **extra},
                    headers=auth)


def detail(response: Any) -> str:
    body = response.json()
    assert set(body) == {"detail"}, body
    assert isinstance(body["detail"], str) and body["detail"], body
    return str(body["detail"])


# --- starting ---------------------------------------------------------------------------------


def test_a_session_starts_with_the_patients_opening(api: TestClient,
                                                    auth: dict[str, str]) -> None:
    data = start(api, auth)
    assert isinstance(data["id"], str) and len(data["id"]) >= 16
    assert data["scenario"] == SCENARIO and data["seed"] == 7 and data["ended"] is False
    assert data["patient"] is None or isinstance(data["patient"], str)
    assert {"rapport", "discord", "readiness"} <= set(data["state"])
    assert data["level"]


def test_the_same_seed_and_lines_give_the_same_conversation(api: TestClient,
                                                            auth: dict[str, str]) -> None:
    replies = []
    for _ in range(2):
        session = start(api, auth)
        replies.append([say(api, auth, session["id"], line).json()["patient"]
                        for line in LINES])
    assert replies[0] == replies[1]


def test_an_unknown_scenario_or_level_is_refused_naming_the_known_ones(
        api: TestClient, auth: dict[str, str]) -> None:
    response = api.post("/api/v1/sessions", json={"scenario": "nope"}, headers=auth)
    assert response.status_code == 422
    assert "nope" in detail(response) and SCENARIO in detail(response)
    response = api.post("/api/v1/sessions", json={"scenario": SCENARIO, "level": "godlike"},
                        headers=auth)
    assert response.status_code == 422
    assert "godlike" in detail(response) and "levels:" in detail(response)


def test_scenarios_lists_the_published_personas(api: TestClient, auth: dict[str, str]) -> None:
    response = api.get("/api/v1/scenarios", headers=auth)
    assert response.status_code == 200
    slugs = {s["slug"]: s for s in response.json()}
    assert SCENARIO in slugs and slugs[SCENARIO]["levels"]
    assert slugs[SCENARIO]["default_level"] in slugs[SCENARIO]["levels"]


# --- turns ------------------------------------------------------------------------------------


def test_a_turn_is_coded_answered_and_stored(api: TestClient, auth: dict[str, str]) -> None:
    session = start(api, auth)
    response = say(api, auth, session["id"], LINES[0])
    assert response.status_code == 201, response.text
    turn = response.json()
    assert turn["turn"] == 1 and turn["code"] == "question_open" and turn["why"]
    assert turn["patient"] and turn["talk"] in {"change", "sustain", "neutral"}
    assert turn["ended"] is False and {"rapport", "discord", "readiness"} <= set(turn["state"])
    assert "cue" in turn
    stored = api.get(f"/api/v1/sessions/{session['id']}", headers=auth).json()
    assert stored["turns"][0]["patient"] == turn["patient"]
    assert stored["turns"][0]["clinician"] == LINES[0]


def test_a_repeated_client_turn_id_returns_the_stored_turn(api: TestClient,
                                                           auth: dict[str, str]) -> None:
    session = start(api, auth)
    first = say(api, auth, session["id"], LINES[0], client_turn_id="abc-1")
    again = say(api, auth, session["id"], LINES[0], client_turn_id="abc-1")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    detail_ = api.get(f"/api/v1/sessions/{session['id']}", headers=auth).json()
    assert [t["turn"] for t in detail_["turns"]] == [1]
    assert say(api, auth, session["id"], LINES[1], client_turn_id="abc-2").json()["turn"] == 2


@pytest.mark.parametrize("text, expected", [
    ("", "empty"),
    ("   \n\t ", "empty"),
    ("x" * 2001, "limit is 2000"),
    ("y" * 10_001, "at most 10000 characters"),
    ("hi\x00there", "holds a NUL character at character 3"),   # issue 12: NUL broke backups
    ("a\x07b", "a control character (U+0007)"),
    ("\x00\u200b \ufeff", "empty"),                            # only NUL and zero-width
])
def test_blank_or_overlong_lines_are_refused_with_a_message(
        api: TestClient, auth: dict[str, str], text: str, expected: str) -> None:
    session = start(api, auth)
    response = say(api, auth, session["id"], text)
    assert response.status_code == 422
    assert expected in detail(response)
    assert api.get(f"/api/v1/sessions/{session['id']}", headers=auth).json()["turns"] == []


def test_a_lone_surrogate_in_the_json_is_refused(api: TestClient, auth: dict[str, str]) -> None:
    session = start(api, auth)
    response = api.post(f"/api/v1/sessions/{session['id']}/turns",
                        content=b'{"text": "odd \\ud800"}',
                        headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 422 and "valid string" in detail(response)  # pydantic


def test_a_line_of_exactly_the_limit_is_taken(api: TestClient, auth: dict[str, str]) -> None:
    session = start(api, auth)
    assert say(api, auth, session["id"], "  " + "mm " * 666 + "ok  ").status_code == 201


@pytest.mark.parametrize("body, expected", [
    (b"{not json", "not valid JSON"),
    (b"{}", "text is required"),
    (b'{"text": 5}', "text: input should be a valid string"),
    (b'{"text": "hi", "colour": "red"}', "unknown field 'colour'"),
    (b"", "needs a JSON body"),
])
def test_malformed_bodies_get_a_readable_422(api: TestClient, auth: dict[str, str],
                                             body: bytes, expected: str) -> None:
    session = start(api, auth)
    response = api.post(f"/api/v1/sessions/{session['id']}/turns", content=body,
                        headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 422
    assert expected in detail(response)


def test_an_oversized_body_is_refused_before_it_is_parsed(api: TestClient,
                                                          auth: dict[str, str]) -> None:
    session = start(api, auth)
    huge = b'{"text": "' + b"a" * MAX_BODY_BYTES + b'"}'
    response = api.post(f"/api/v1/sessions/{session['id']}/turns", content=huge,
                        headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 413 and "larger than" in detail(response)

    def chunks() -> Any:  # no Content-Length: the body is counted as it streams in
        for _ in range(MAX_BODY_BYTES // 1024 + 2):
            yield b"a" * 1024

    response = api.post(f"/api/v1/sessions/{session['id']}/turns", content=chunks(),
                        headers={**auth, "Content-Type": "application/json"})
    assert response.status_code == 413


def test_a_turn_on_an_ended_session_is_a_conflict(api: TestClient,
                                                  auth: dict[str, str]) -> None:
    session = start(api, auth)
    say(api, auth, session["id"], LINES[0], client_turn_id="t1")
    ended = api.post(f"/api/v1/sessions/{session['id']}/end", headers=auth)
    assert ended.status_code == 200
    summary = ended.json()["summary"]
    assert summary["turns"] == 1 and "miti" in summary and summary["trajectory"]
    assert api.post(f"/api/v1/sessions/{session['id']}/end", headers=auth).json() == ended.json()

    response = say(api, auth, session["id"], LINES[1])
    assert response.status_code == 409 and "ended" in detail(response)
    # a retry of a turn stored before the end still gets that turn back
    assert say(api, auth, session["id"], LINES[0], client_turn_id="t1").status_code == 200
    shown = api.get(f"/api/v1/sessions/{session['id']}", headers=auth).json()
    assert shown["ended"] is True and len(shown["turns"]) == 1
    assert shown["feedback"]["summary"] == summary


def _race(api: TestClient, auth: dict[str, str], session_id: str, texts: list[str]) -> list[int]:
    barrier = threading.Barrier(len(texts), timeout=10)
    statuses: list[int] = []
    lock = threading.Lock()

    def post(text: str) -> None:
        barrier.wait()
        status = say(api, auth, session_id, text).status_code
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=post, args=(text,)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(statuses)


def test_two_turns_racing_one_stored_the_other_409(api: TestClient, auth: dict[str, str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Both requests have read the session before either writes: exactly one wins.

    Turns run in worker threads here, as on PostgreSQL, after a `WriteBusy` on SQLite, or
    with several server processes; one process's turns on the event loop never interleave."""
    import mi_sim.services.practice as practice

    monkeypatch.setattr(Services, "turns_on_event_loop", property(lambda _self: False))
    session = start(api, auth)
    assert say(api, auth, session["id"], LINES[0]).status_code == 201
    real: Callable[..., Any] = practice.take_turn
    meet = threading.Barrier(2, timeout=10)

    def take_turn_together(*args: Any, **kwargs: Any) -> Any:
        meet.wait()  # both have read turn_count == 1 by now
        return real(*args, **kwargs)

    monkeypatch.setattr(practice, "take_turn", take_turn_together)
    assert _race(api, auth, session["id"], [LINES[1], LINES[2]]) == [201, 409]
    monkeypatch.setattr(practice, "take_turn", real)

    assert say(api, auth, session["id"], LINES[3]).json()["turn"] == 3
    turns = api.get(f"/api/v1/sessions/{session['id']}", headers=auth).json()["turns"]
    assert [t["turn"] for t in turns] == [1, 2, 3]


def test_a_turn_waits_for_a_writer_in_another_process_and_is_stored_once(
        api: TestClient, auth: dict[str, str], synced: Services) -> None:
    """On SQLite the event loop does not wait for another process's write lock: the turn
    moves to a worker thread, which waits for it (the busy timeout), and then stores."""
    if not synced.turns_on_event_loop:
        pytest.skip("turns run in worker threads on this database")
    session = start(api, auth)
    database = synced.engine.url.database
    assert database is not None
    other = sqlite3.connect(database, timeout=0, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    releaser = threading.Timer(0.5, lambda: other.execute("ROLLBACK"))
    releaser.start()
    try:
        started = time.monotonic()
        response = say(api, auth, session["id"], LINES[0], client_turn_id="during-lock")
        assert response.status_code == 201 and response.json()["turn"] == 1
        assert time.monotonic() - started >= 0.4  # it waited for the other writer
    finally:
        releaser.join()
        other.close()
    turns = api.get(f"/api/v1/sessions/{session['id']}", headers=auth).json()["turns"]
    assert [t["turn"] for t in turns] == [1]


def test_unforced_races_never_store_twice_or_leave_gaps(api: TestClient,
                                                        auth: dict[str, str]) -> None:
    session = start(api, auth)
    created = 0
    for round_ in range(4):
        statuses = _race(api, auth, session["id"], [f"{line} ({round_})" for line in LINES[:3]])
        assert set(statuses) <= {201, 409} and 201 in statuses
        created += statuses.count(201)
    turns = api.get(f"/api/v1/sessions/{session['id']}", headers=auth).json()["turns"]
    assert [t["turn"] for t in turns] == list(range(1, created + 1))


def test_a_double_click_racing_with_one_client_turn_id_stores_one_turn(
        api: TestClient, auth: dict[str, str]) -> None:
    session = start(api, auth)
    barrier = threading.Barrier(2, timeout=10)
    results: list[tuple[int, int]] = []

    def post() -> None:
        barrier.wait()
        response = say(api, auth, session["id"], LINES[0], client_turn_id="click")
        results.append((response.status_code, response.json().get("turn", 0)))

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [(200, 1), (201, 1)]
    turns = api.get(f"/api/v1/sessions/{session['id']}", headers=auth).json()["turns"]
    assert len(turns) == 1


# --- reading ----------------------------------------------------------------------------------


def test_a_session_reads_back_with_every_turn(api: TestClient, auth: dict[str, str]) -> None:
    session = start(api, auth)
    posted = [say(api, auth, session["id"], line).json() for line in LINES]
    shown = api.get(f"/api/v1/sessions/{session['id']}", headers=auth)
    assert shown.status_code == 200
    data = shown.json()
    assert {"id", "scenario", "level", "ended", "turns"} <= set(data)
    assert data["id"] == session["id"] and data["scenario"] == SCENARIO
    assert [t["turn"] for t in data["turns"]] == [1, 2, 3, 4]
    for turn, sent, line in zip(data["turns"], posted, LINES, strict=True):
        assert {"turn", "clinician", "code", "why", "patient", "talk", "state"} <= set(turn)
        assert turn["clinician"] == line and turn["code"] == sent["code"]
        assert turn["patient"] == sent["patient"] and turn["state"] == sent["state"]


def test_sessions_are_listed_newest_first_in_pages(api: TestClient, auth: dict[str, str],
                                                   other_auth: dict[str, str]) -> None:
    ids = [start(api, auth)["id"] for _ in range(3)]
    start(api, other_auth)
    first = api.get("/api/v1/sessions?per_page=2", headers=auth).json()
    assert (first["total"], first["page"], first["per_page"], first["pages"]) == (3, 1, 2, 2)
    second = api.get("/api/v1/sessions?page=2&per_page=2", headers=auth).json()
    listed = [s["id"] for s in first["items"] + second["items"]]
    assert listed == ids[::-1]
    beyond = api.get("/api/v1/sessions?page=9&per_page=2", headers=auth).json()
    assert beyond["items"] == [] and beyond["total"] == 3
    assert api.get("/api/v1/sessions", headers=auth).json()["per_page"] == 20


@pytest.mark.parametrize("query, expected", [
    ("per_page=0", "per_page"), ("per_page=101", "100"), ("page=0", "page"),
    ("per_page=lots", "per_page: input should be a valid integer"),
])
def test_pagination_bounds_are_422(api: TestClient, auth: dict[str, str], query: str,
                                   expected: str) -> None:
    response = api.get(f"/api/v1/sessions?{query}", headers=auth)
    assert response.status_code == 422 and expected in detail(response)


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("method, path", [
    ("GET", "/api/v1/sessions"), ("POST", "/api/v1/sessions"), ("GET", "/api/v1/scenarios"),
    ("GET", "/api/v1/sessions/x"), ("POST", "/api/v1/sessions/x/turns"),
    ("POST", "/api/v1/sessions/x/end"),
])
def test_no_credentials_or_a_bad_token_is_401(api: TestClient, token: str, method: str,
                                              path: str) -> None:
    body = {"scenario": SCENARIO} if path.endswith("sessions") else {"text": "hi"}
    response = api.request(method, path, json=body if method == "POST" else None)
    assert response.status_code == 401 and "Bearer" in response.headers["www-authenticate"]
    assert "Bearer" in detail(response)
    for bad in (f"Bearer {token}x", "Bearer ", f"Basic {token}", token):
        response = api.request(method, path, json=body if method == "POST" else None,
                               headers={"Authorization": bad})
        assert response.status_code == 401, bad
        assert "invalid_token" in response.headers["www-authenticate"]
        detail(response)


def test_a_revoked_token_is_401(api: TestClient, auth: dict[str, str], synced: Services,
                                trainee: UserRecord) -> None:
    assert api.get("/api/v1/sessions", headers=auth).status_code == 200
    synced.accounts.revoke_api_tokens(trainee.name)
    assert api.get("/api/v1/sessions", headers=auth).status_code == 401


def test_another_users_session_is_404(api: TestClient, auth: dict[str, str],
                                      other_auth: dict[str, str]) -> None:
    mine = start(api, auth)["id"]
    for response in (api.get(f"/api/v1/sessions/{mine}", headers=other_auth),
                     say(api, other_auth, mine, LINES[0]),
                     api.post(f"/api/v1/sessions/{mine}/end", headers=other_auth),
                     api.get("/api/v1/sessions/no-such-id", headers=auth)):
        assert response.status_code == 404 and detail(response) == "no such session"
    assert api.get("/api/v1/sessions", headers=other_auth).json()["total"] == 0
    assert api.get(f"/api/v1/sessions/{mine}", headers=auth).json()["turns"] == []


def test_the_login_cookie_works_with_the_csrf_header(api: TestClient,
                                                     trainee: UserRecord) -> None:
    csrf = log_in(api, trainee.name)
    refused = api.post("/api/v1/sessions", json={"scenario": SCENARIO})
    assert refused.status_code == 403 and "X-CSRF-Token" in detail(refused)
    forged = api.post("/api/v1/sessions", json={"scenario": SCENARIO},
                      headers={"X-CSRF-Token": "forged"})
    assert forged.status_code == 403
    assert api.get("/api/v1/sessions").json()["total"] == 0  # nothing was started
    started = api.post("/api/v1/sessions", json={"scenario": SCENARIO},
                       headers={"X-CSRF-Token": csrf})
    assert started.status_code == 201
    session_id = started.json()["id"]
    assert api.post(f"/api/v1/sessions/{session_id}/turns",
                    json={"text": LINES[0]}).status_code == 403
    assert api.post(f"/api/v1/sessions/{session_id}/turns", json={"text": LINES[0]},
                    headers={"X-CSRF-Token": csrf}).status_code == 201
    assert api.get(f"/api/v1/sessions/{session_id}").json()["turns"][0]["turn"] == 1


# --- the schema and the docs page -------------------------------------------------------------


def test_the_openapi_schema_documents_every_endpoint(api: TestClient) -> None:
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    expected = {
        ("/api/v1/sessions", "post"): {"201", "401", "422"},
        ("/api/v1/sessions", "get"): {"200", "401", "422"},
        ("/api/v1/sessions/{session_id}", "get"): {"200", "401", "404"},
        ("/api/v1/sessions/{session_id}/turns", "post"): {"200", "201", "401", "404", "409",
                                                          "422"},
        ("/api/v1/sessions/{session_id}/end", "post"): {"200", "401", "404"},
        ("/api/v1/scenarios", "get"): {"200", "401"},
    }
    for (path, method), codes in expected.items():
        operation = schema["paths"][path][method]
        assert codes <= set(operation["responses"]), (path, method)
        assert operation["security"] == [{"bearer": []}]
        for code in codes - {"200", "201"}:
            ref = operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]
            assert ref.endswith("/ErrorOut"), (path, method, code)
    turn = schema["components"]["schemas"]["TurnOut"]["properties"]
    assert {"turn", "code", "why", "patient", "talk", "ended", "state", "cue"} <= set(turn)
    assert schema["components"]["securitySchemes"]["bearer"] == {
        "type": "http", "scheme": "bearer",
        "description": schema["components"]["securitySchemes"]["bearer"]["description"]}
    assert not [p for p in schema["paths"] if not p.startswith("/api/v1/")]


def test_the_docs_page_loads_swagger_ui_without_inline_script(api: TestClient,
                                                              trainee: UserRecord) -> None:
    page = api.get("/docs")
    assert page.status_code == 200
    assert "script-src 'self'" in page.headers["content-security-policy"]
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page.text, re.S)
    assert scripts and all('src="/static/' in attrs and not body.strip()
                           for attrs, body in scripts)
    assert "style=" not in page.text and "<style" not in page.text
    for src in re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text):
        asset = api.get(src)
        assert asset.status_code == 200 and len(asset.content) > 100, src
    assert api.get("/static/vendor/swagger-ui/LICENSE").status_code == 200
    assert 'name="csrf-token"' not in page.text
    csrf = log_in(api, trainee.name)
    assert f'content="{csrf}"' in api.get("/docs").text
    assert api.get("/api/v1").headers["location"] == "/docs"


def test_the_docs_page_is_registered_in_the_app() -> None:
    assert docs.router in ROUTERS, "add docs.router to ROUTERS in mi_sim/web/routes/__init__.py"
