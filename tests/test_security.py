"""Attacks on the web app, through its real routes: who may call what, CSRF, stored XSS,
security headers, session fixation, login throttling, and production's secret key.

The route tests do not list the routes: they enumerate the app's (`app.routes`), so a route
added tomorrow is covered by them. Each route must be in `PUBLIC` (answers a visitor) or be
refused to a visitor (a redirect to /login for pages, 401 for the API); each route that changes
state must refuse a request without its CSRF token; and each route must have a decision in
`EXPECTED` (who may use it) — a new route fails these tests until someone decides.

The programme (`supervision_helpers.build_world`): cohort A = supervisor sam, trainees amy and
abe; cohort B = supervisor sue, trainee bea; ivy an instructor; ada the admin. The resources in
paths are amy's: her session (with a review comment by sam), cohort A, amy herself.

Production refusing a default or missing secret key: `mi-sim serve` is tested in
tests/test_serve.py::test_production_with_the_default_secret_is_refused; the settings rule in
tests/test_settings.py::test_production_with_the_development_secret_is_a_problem; the app factory
here (`test_create_app_refuses_production_without_a_real_secret`).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, NamedTuple

import pytest
import yaml
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select
from starlette.routing import Mount
from supervision_helpers import PASSWORD, World, build_world

from mi_sim.config import Settings
from mi_sim.services import Invalid, Services
from mi_sim.services import accounts as accounts_service
from mi_sim.services.csrf_tokens import prelogin_token
from mi_sim.services.records import UserRecord
from mi_sim.storage.db import reading
from mi_sim.storage.models import Base, utcnow
from mi_sim.web import create_app
from mi_sim.web.app import ConfigurationError
from mi_sim.web.paths import TEMPLATES
from mi_sim.web.routes import ROUTERS
from mi_sim.web.security import CSRF_HEADER, PRELOGIN_COOKIE

pytest_plugins = ("storage_fixtures",)

SCENARIO = "panic-disorder"
COOKIE = "mi_sim_session"
CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The line amy says first: it must never reach anyone who may not read her session.
AMY_LINE = "Amy's private line: what brings you in today?"

# --- the routes -------------------------------------------------------------------------------


class Endpoint(NamedTuple):
    method: str   # "GET", "POST", … or "MOUNT" for a mounted app (static files)
    path: str

    @property
    def key(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def is_api(self) -> bool:
        return self.path.startswith("/api/")


def app_routes(app: FastAPI) -> list[Endpoint]:
    """Every route of the app, one per method (HEAD, which GET implies, left out).

    FastAPI may keep an included router as one entry of `app.routes` (with the router's own
    routes inside); those are walked too."""
    found: list[Endpoint] = []

    def walk(routes: Iterable[Any], prefix: str) -> None:
        for route in routes:
            inner = getattr(route, "original_router", None)
            if inner is not None:
                context = getattr(route, "include_context", None)
                walk(inner.routes, prefix + (getattr(context, "prefix", "") or ""))
            elif isinstance(route, Mount):
                found.append(Endpoint("MOUNT", prefix + route.path))
            else:
                for method in sorted(getattr(route, "methods", None) or ()):
                    if method != "HEAD":
                        found.append(Endpoint(method, prefix + route.path))

    walk(app.routes, "")
    return sorted(set(found))


# Answered to a visitor: signing in, the first admin, the API's description, static files.
PUBLIC = frozenset({
    "GET /", "GET /setup", "POST /setup", "GET /login", "POST /login",
    "GET /docs", "GET /api/v1", "GET /api/v1/", "GET /api/v1/openapi.json",
    "GET /schema/persona.json", "MOUNT /static",
})

# Who may use each route, as one of the rules below (callers: amy, bea, sam, sue, ivy, ada).
OK = "ok"
CALLERS = ("amy", "bea", "sam", "sue", "ivy", "ada")
RULES: dict[str, dict[str, str]] = {
    # any signed-in user
    "anyone": dict.fromkeys(CALLERS, OK),
    # amy's practice pages (conversation, report; the API): amy and admins
    "session-owner-admins": {"amy": OK, "ada": OK, "sam": "404", "bea": "404", "sue": "404",
                             "ivy": "404"},
    # amy's session as a record (exports): amy, her supervisor and admins see it; to others it
    # does not exist
    "session-readers": {"amy": OK, "sam": OK, "ada": OK, "bea": "404", "sue": "404",
                        "ivy": "404"},
    # what-if replays of amy's session: as session-readers, and instructors too — by the
    # authoring service's rule ("instructors test personas against real conversations")
    "session-replayers": {"amy": OK, "sam": OK, "ivy": OK, "ada": OK, "bea": "404",
                          "sue": "404"},
    # changing amy's practice session (a turn, ending it): amy alone
    "session-owner": {"amy": OK, "sam": "404", "ada": "404", "bea": "404", "sue": "404",
                      "ivy": "404"},
    # reviewing amy's session: her supervisor and admins; other supervisors do not see it
    "session-reviewers": {"sam": OK, "ada": OK, "sue": "404", "amy": "403", "bea": "403",
                          "ivy": "403"},
    # what only supervisors (and admins) do: the queue, agreement, progress
    "supervisors": {"sam": OK, "sue": OK, "ada": OK, "amy": "403", "bea": "403",
                    "ivy": "403"},
    # cohort A's and amy's progress: cohort A's supervisor and admins
    "cohort-a-supervisors": {"sam": OK, "ada": OK, "sue": "404", "amy": "403",
                             "bea": "403", "ivy": "403"},
    # importing transcripts: supervisors, instructors, admins
    "importers": {"sam": OK, "sue": OK, "ivy": OK, "ada": OK, "amy": "403", "bea": "403"},
    # reading the persona library (and coverage): supervisors, instructors, admins
    "library-readers": {"sam": OK, "sue": OK, "ivy": OK, "ada": OK, "amy": "403",
                        "bea": "403"},
    # changing personas: instructors and admins
    "authors": {"ivy": OK, "ada": OK, "sam": "403", "sue": "403", "amy": "403",
                "bea": "403"},
    # deleting sam's comment on amy's session: sam alone (to others it looks missing)
    "comment-author": {"sam": OK, "ada": "404", "sue": "404", "amy": "403", "bea": "403",
                       "ivy": "403"},
    "admins": {"ada": OK, "amy": "403", "bea": "403", "sam": "403", "sue": "403",
               "ivy": "403"},
}
EXPECTED: dict[str, str] = {
    "POST /logout": "anyone",
    # practice
    "GET /personas": "anyone",
    "POST /sessions": "anyone",
    "GET /history": "anyone",
    "GET /sessions/{session_id}": "session-owner-admins",
    "POST /sessions/{session_id}/turns": "session-owner",
    "POST /sessions/{session_id}/end": "session-owner",
    "GET /sessions/{session_id}/report": "session-owner-admins",
    "GET /sessions/{session_id}/export.csv": "session-readers",
    "GET /sessions/{session_id}/export.json": "session-readers",
    "GET /sessions/{session_id}/what-if": "session-replayers",
    "POST /sessions/{session_id}/what-if": "session-replayers",
    # the JSON API (bearer tokens)
    "GET /api/v1/scenarios": "anyone",
    "POST /api/v1/sessions": "anyone",
    "GET /api/v1/sessions": "anyone",
    "GET /api/v1/sessions/{session_id}": "session-owner-admins",
    "POST /api/v1/sessions/{session_id}/turns": "session-owner",
    "POST /api/v1/sessions/{session_id}/end": "session-owner",
    # review
    "GET /review": "supervisors",
    "GET /review/{session_id}": "session-reviewers",
    "POST /review/{session_id}/code": "session-reviewers",
    "POST /review/{session_id}/comments": "session-reviewers",
    "POST /review/{session_id}/comments/{comment_id}/delete": "comment-author",
    "POST /review/{session_id}/globals": "session-reviewers",
    "GET /agreement": "supervisors",
    "GET /progress": "supervisors",
    "GET /progress/cohorts/{cohort_id}": "cohort-a-supervisors",
    "GET /progress/cohorts/{cohort_id}/export.csv": "cohort-a-supervisors",
    "GET /progress/trainees/{trainee_id}": "cohort-a-supervisors",
    "GET /import": "importers",
    "POST /import": "importers",
    # the persona library
    "GET /library": "library-readers",
    "GET /library/new": "authors",
    "POST /library/new": "authors",
    "POST /library/import": "authors",
    "GET /library/{slug}": "library-readers",
    "GET /library/{slug}/versions/{number}.yaml": "library-readers",
    "GET /library/{slug}/draft.yaml": "library-readers",
    "GET /library/{slug}/diff": "library-readers",
    "GET /library/{slug}/edit": "authors",
    "GET /library/{slug}/coverage": "library-readers",
    "POST /library/{slug}/edit": "authors",
    "POST /library/{slug}/publish": "authors",
    "POST /library/{slug}/discard": "authors",
    "POST /library/{slug}/preview": "authors",
    "POST /library/{slug}/retire": "authors",
    "POST /library/{slug}/versions/{number}/restore": "authors",
    "POST /library/{slug}/cohorts": "authors",
    "POST /library/{slug}/goldens": "authors",
    "POST /library/{slug}/goldens/run": "library-readers",  # runs them, stores nothing
    "POST /library/{slug}/goldens/delete": "authors",
    # administration
    "GET /admin": "admins",
    "GET /admin/users": "admins",
    "POST /admin/users": "admins",
    "GET /admin/users/{name}": "admins",
    "POST /admin/users/{name}/deactivate": "admins",
    "POST /admin/users/{name}/reactivate": "admins",
    "POST /admin/users/{name}/password": "admins",
    "POST /admin/users/{name}/tokens": "admins",
    "POST /admin/users/{name}/tokens/revoke": "admins",
    "POST /admin/users/{name}/delete": "admins",
    "GET /admin/cohorts": "admins",
    "POST /admin/cohorts": "admins",
    "GET /admin/cohorts/{cohort_id}": "admins",
    "POST /admin/cohorts/{cohort_id}/members": "admins",
    "POST /admin/cohorts/{cohort_id}/members/remove": "admins",
}
PARAM = re.compile(r"{(\w+)(?::\w+)?}")
CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')
# storage_fixtures' cheap argon2 parameters (not imported: it is a pytest plugin here)
FAST_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


def csrf_from(html: str) -> str:
    found = CSRF_INPUT.search(html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def static_app() -> FastAPI:
    """The app as `mi-sim serve` builds it (no database is touched to list routes)."""
    return create_app(Settings(database_url="sqlite://", production=False))


ROUTES = app_routes(static_app())


# --- the programme ----------------------------------------------------------------------------


@dataclass
class Programme:
    services: Services
    world: World
    app: FastAPI
    session_id: str            # amy's
    comment_id: int            # sam's, on amy's session
    clients: dict[str, TestClient] = field(default_factory=dict)
    csrf: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def path_for(self, endpoint: Endpoint) -> str:
        values = {"session_id": self.session_id, "comment_id": str(self.comment_id),
                  "slug": SCENARIO, "number": "1", "cohort_id": str(self.world.cohort_a),
                  "trainee_id": str(self.world.amy.id), "name": "amy"}

        def value(match: re.Match[str]) -> str:
            name = match.group(1)
            assert name in values, f"{endpoint.key}: give a value for {{{name}}} in path_for"
            return values[name]

        return PARAM.sub(value, endpoint.path)


def log_in(client: TestClient, name: str) -> str:
    page = client.get("/login")
    response = client.post("/login", data={"name": name, "password": PASSWORD,
                                           "csrf_token": csrf_from(page.text)})
    assert response.status_code == 303, response.text
    return csrf_from(client.get("/personas").text)


@pytest.fixture
def programme(synced: Services) -> Iterator[Programme]:
    world = build_world(synced)
    session = synced.practice.start_session(world.amy, SCENARIO, seed=3)
    synced.practice.post_turn(world.amy, session.id, AMY_LINE)
    synced.practice.end_session(world.amy, session.id)
    comment = synced.reviews.add_comment(world.sam, session.id, 1, "Sam's note on turn 1.")
    shipped = Path(synced.settings.scenarios_dir) / f"{SCENARIO}.yaml"
    synced.library.save_draft(world.ivy, SCENARIO, shipped.read_text(encoding="utf-8"))
    app = create_app(synced.settings, synced)
    found = Programme(synced, world, app, session.id, comment.id)
    for name in CALLERS:
        client = TestClient(app, follow_redirects=False)
        client.__enter__()
        found.clients[name] = client
        found.csrf[name] = log_in(client, name)
        found.tokens[name] = synced.accounts.create_api_token(name)
    try:
        yield found
    finally:
        for client in found.clients.values():
            client.__exit__(None, None, None)


def snapshot(services: Services) -> str:
    """A digest of every row of every table (logins and tokens included), less the note of
    when a token was last used, which any authenticated API call may write."""
    digest = hashlib.sha256()
    with reading(services.sessions) as db:
        for table in Base.metadata.sorted_tables:
            columns = [c for c in table.columns if c.name != "last_used_at"]
            order = list(table.primary_key.columns) or columns
            for row in db.execute(select(*columns).order_by(*order)):
                digest.update(repr((table.name, tuple(row))).encode())
    return digest.hexdigest()


def outcome(response: Response) -> str:
    if response.status_code in (401, 403, 404):
        return str(response.status_code)
    location = response.headers.get("location", "")
    if response.is_redirect and location.startswith("/login"):
        return "login"
    if response.status_code < 400:
        return OK
    return str(response.status_code)


# A form that carries whatever any route's fields may need, so that a refusal is the route
# refusing the caller, not a missing field.
FORM = {"text": "A line.", "turn": "1", "code": "confront", "scenario": SCENARIO,
        "level": "", "seed": "", "name": "zed", "role": "trainee", "password": PASSWORD,
        "password_again": PASSWORD, "user": "tom", "comment": "A comment.", "empathy": "3",
        "partnership": "3", "new_line": "A new line.", "version": "1", "a": "1", "b": "1",
        "golden": "g1", "level_name": "standard", "title": "A title", "lines": "Hello."}


def api_body(endpoint: Endpoint) -> dict[str, Any] | None:
    """A valid JSON body for an API call (so that a refusal is not a 422)."""
    if endpoint.path == "/api/v1/sessions":
        return {"scenario": SCENARIO}
    if endpoint.path.endswith("/turns"):
        return {"text": "A line."}
    return None


def call(programme: Programme, caller: str, endpoint: Endpoint) -> Response:
    """The caller's request to the route, with their credentials and a valid CSRF token."""
    path = programme.path_for(endpoint)
    if endpoint.is_api:
        client = TestClient(programme.app, follow_redirects=False)
        headers = {"Authorization": f"Bearer {programme.tokens[caller]}"}
        if endpoint.method == "GET":
            return client.get(path, headers=headers)
        return client.request(endpoint.method, path, headers=headers, json=api_body(endpoint))
    client = programme.clients[caller]
    if endpoint.method == "GET":
        return client.get(path)
    return client.request(endpoint.method, path,
                          data={**FORM, "csrf_token": programme.csrf[caller]},
                          headers={CSRF_HEADER: programme.csrf[caller]})


# --- the route list itself --------------------------------------------------------------------


def test_the_enumeration_finds_every_route_of_every_router() -> None:
    listed = {e.key for e in ROUTES}
    for router in ROUTERS:
        for route in router.routes:
            for method in getattr(route, "methods", None) or ():
                if method != "HEAD":
                    assert f"{method} {route.path}" in listed, route.path
    assert "MOUNT /static" in listed and "GET /api/v1/openapi.json" in listed
    assert len(ROUTES) >= 70


def test_every_route_has_a_decision() -> None:
    """A new route fails here until someone decides who may use it (EXPECTED or PUBLIC)."""
    undecided = [e.key for e in ROUTES if e.key not in PUBLIC and e.key not in EXPECTED]
    assert undecided == [], "decide who may use these routes (EXPECTED in this file)"
    stale = sorted(set(EXPECTED) - {e.key for e in ROUTES})
    assert stale == [], "these routes are gone: remove them from EXPECTED"
    assert {rule for rule in EXPECTED.values()} <= set(RULES)


# --- authentication: a visitor --------------------------------------------------------------


def test_every_non_public_route_refuses_a_visitor(programme: Programme,
                                                  subtests: pytest.Subtests) -> None:
    """Pages redirect to /login, the API answers 401 — even to a form that carries a valid
    pre-login (double-submit) token, which only /login and /setup accept. Nothing changes."""
    before = snapshot(programme.services)
    protected = [e for e in ROUTES if e.key not in PUBLIC]
    for endpoint in protected:
        with subtests.test(msg=endpoint.key):
            visitor = TestClient(programme.app, follow_redirects=False)
            path = programme.path_for(endpoint)
            if endpoint.method in CHANGING:
                visitor.cookies.set(PRELOGIN_COOKIE, "t" * 43)
                signed = prelogin_token(programme.app.state.settings.secret_key, "t" * 43)
                response = visitor.request(endpoint.method, path,
                                           data={**FORM, "csrf_token": signed})
            else:
                response = visitor.request(endpoint.method, path)
            if endpoint.is_api:
                assert response.status_code == 401, response.text
                assert response.headers["content-type"] == "application/json"
                assert response.headers["www-authenticate"].startswith("Bearer")
            else:
                assert response.status_code == 303, (response.status_code,
                                                     response.text[:300])
                assert response.headers["location"].startswith("/login?next=/")
            assert AMY_LINE not in response.text
    assert snapshot(programme.services) == before
    assert len(protected) >= 60


def test_public_routes_answer_a_visitor_without_leaking(programme: Programme,
                                                        subtests: pytest.Subtests) -> None:
    for endpoint in (e for e in ROUTES if e.key in PUBLIC):
        with subtests.test(msg=endpoint.key):
            visitor = TestClient(programme.app, follow_redirects=False)
            if endpoint.method == "MOUNT":
                assert visitor.get(endpoint.path + "/app.css").status_code == 200
                continue
            if endpoint.method in CHANGING:  # /login, /setup: their double-submit token
                response = visitor.post(endpoint.path, data={
                    "name": "amy", "password": PASSWORD, "password_again": PASSWORD})
                assert response.status_code == 403
                continue
            response = visitor.get(endpoint.path)
            assert response.status_code in (200, 303, 307), endpoint.key
            assert AMY_LINE not in response.text
            assert programme.session_id not in response.text


# --- CSRF -----------------------------------------------------------------------------------


CHANGING_PAGES = [e for e in ROUTES if e.method in CHANGING and not e.is_api]
CHANGING_API = [e for e in ROUTES if e.method in CHANGING and e.is_api]


def test_every_state_changing_page_refuses_a_request_without_its_csrf_token(
        programme: Programme, subtests: pytest.Subtests) -> None:
    """Signed in as the admin (every role's pages): no token, a forged one, another login's
    token, a JSON body without the header — each 403, and nothing in the database changes."""
    ada = programme.clients["ada"]
    before = snapshot(programme.services)
    tried = 0
    for endpoint in CHANGING_PAGES:
        if endpoint.key in PUBLIC:
            continue
        path = programme.path_for(endpoint)
        with subtests.test(msg=endpoint.key):
            attempts = {
                "no token": ada.request(endpoint.method, path, data=FORM),
                "forged token": ada.request(endpoint.method, path,
                                            data={**FORM, "csrf_token": "forged"}),
                "sam's token": ada.request(endpoint.method, path,
                                           data={**FORM, "csrf_token": programme.csrf["sam"]}),
                "JSON, no header": ada.request(endpoint.method, path, json=FORM),
                "sam's header": ada.request(endpoint.method, path, json=FORM,
                                            headers={CSRF_HEADER: programme.csrf["sam"]}),
            }
            for what, response in attempts.items():
                tried += 1
                assert response.status_code == 403, (what, response.status_code,
                                                     response.text[:300])
    assert snapshot(programme.services) == before
    assert programme.services.accounts.user_for_web_session("") is None
    assert ada.get("/personas").status_code == 200, "the admin is still signed in"
    assert tried >= 5 * 30


def test_every_state_changing_api_call_by_cookie_needs_the_csrf_header(
        programme: Programme, subtests: pytest.Subtests) -> None:
    amy = programme.clients["amy"]
    before = snapshot(programme.services)
    for endpoint in CHANGING_API:
        path = programme.path_for(endpoint)
        with subtests.test(msg=endpoint.key):
            for headers in ({}, {CSRF_HEADER: "forged"},
                            {CSRF_HEADER: programme.csrf["bea"]}):
                response = amy.request(endpoint.method, path, json=api_body(endpoint),
                                       headers=headers)
                assert response.status_code == 403, response.text
                assert response.headers["content-type"] == "application/json"
    assert snapshot(programme.services) == before


def test_the_prelogin_forms_need_their_double_submit_token(programme: Programme) -> None:
    visitor = TestClient(programme.app, follow_redirects=False)
    token = csrf_from(visitor.get("/login").text)
    for sent in ("", "forged", programme.csrf["amy"]):
        response = visitor.post("/login", data={"name": "amy", "password": PASSWORD,
                                                "csrf_token": sent})
        assert response.status_code == 403 and COOKIE not in response.headers.get(
            "set-cookie", "")
    other = TestClient(programme.app, follow_redirects=False)  # a token from another browser
    response = other.post("/login", data={"name": "amy", "password": PASSWORD,
                                          "csrf_token": token})
    assert response.status_code == 403


# --- the role × route matrix ----------------------------------------------------------------


def test_the_role_route_matrix(programme: Programme, subtests: pytest.Subtests) -> None:
    """Every decided route against six callers. GETs are made by everyone; changes only by
    the callers who must be refused (403, or 404 where the resource is hidden from them),
    after which the database must be exactly as before. A refused response never carries
    amy's line."""
    before = snapshot(programme.services)
    requests = refused = 0
    for endpoint in ROUTES:
        if endpoint.key in PUBLIC:
            continue
        rule = RULES[EXPECTED[endpoint.key]]
        with subtests.test(msg=endpoint.key):
            wrong: list[str] = []
            for caller in CALLERS:
                expected = rule[caller]
                if endpoint.method in CHANGING and expected == OK:
                    continue
                response = call(programme, caller, endpoint)
                requests += 1
                got = outcome(response)
                if got != expected:
                    wrong.append(f"as {caller}: expected {expected}, got "
                                 f"{response.status_code} {response.text[:120]!r}")
                if got != OK:
                    refused += 1
                    assert AMY_LINE not in response.text, f"{endpoint.key} as {caller}"
            assert wrong == [], endpoint.key
    assert snapshot(programme.services) == before, "a refused request changed something"
    print(f"\nmatrix: {len(ROUTES)} routes, {requests} requests, {refused} refusals")


def test_a_trainee_cannot_start_a_persona_limited_to_another_cohort(
        programme: Programme) -> None:
    services, world = programme.services, programme.world
    services.library.set_cohorts(world.ivy, "health-anxiety", [world.cohort_b])
    amy, bea = programme.clients["amy"], programme.clients["bea"]
    assert "health-anxiety" not in amy.get("/personas").text
    assert "health-anxiety" in bea.get("/personas").text
    response = amy.post("/sessions", data={"scenario": "health-anxiety",
                                           "csrf_token": programme.csrf["amy"]})
    assert response.status_code == 422
    api = TestClient(programme.app)
    bearer = {"Authorization": f"Bearer {programme.tokens['amy']}"}
    assert "health-anxiety" not in api.get("/api/v1/scenarios", headers=bearer).text
    assert api.post("/api/v1/sessions", json={"scenario": "health-anxiety"},
                    headers=bearer).status_code == 422


# --- stored and reflected XSS ---------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
JS_URL = "javascript:alert(1)"
PAYLOAD = f"{SCRIPT} {IMG} {JS_URL}"
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "data"})


class PageScan(HTMLParser):
    """What a browser would run from a page: inline scripts, event handlers, javascript:
    URLs; and the page's text, as a browser shows it."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.inline_scripts: list[str] = []
        self.handlers: list[str] = []
        self.js_urls: list[str] = []
        self.text: list[str] = []
        self._in_script = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "script":
            self._in_script = True
            if "src" not in names:
                self.inline_scripts.append(str(attrs))
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={value!r}>")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                    ("javascript:", "vbscript:")):
                self.js_urls.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts.append(data.strip()[:80])
        elif not self._in_script:
            self.text.append(data)


def assert_safe(html: str, where: str, shown: Iterable[str] = ()) -> None:
    """Nothing on the page runs but the app's own script files; `shown` is on it as text."""
    scan = PageScan(html)
    assert scan.inline_scripts == [], f"{where}: inline script {scan.inline_scripts}"
    assert scan.handlers == [], f"{where}: event handler attributes {scan.handlers}"
    assert scan.js_urls == [], f"{where}: javascript: URLs {scan.js_urls}"
    for raw in (SCRIPT, IMG):
        assert raw not in html, f"{where}: the payload is in the page unescaped"
    text = re.sub(r"\s+", " ", "".join(scan.text))
    for expected in shown:
        assert re.sub(r"\s+", " ", expected) in text, f"{where}: {expected!r} is not shown"


def xss_persona(services: Services, author: UserRecord) -> str:
    """A published persona whose title, brief, tips and opening line are the payload."""
    shipped = Path(services.settings.scenarios_dir) / f"{SCENARIO}.yaml"
    data = yaml.safe_load(shipped.read_text(encoding="utf-8"))
    data["slug"] = "xss-persona"
    data["title"] = f"Mallory {SCRIPT}"
    data["brief"]["summary"] = f"Summary {IMG}"
    data["brief"]["setting"] = f"Setting {PAYLOAD}"
    data["brief"]["tips"] = [f"Tip {JS_URL} {SCRIPT}"]
    data["opening"]["text"] = f"Opening {IMG}"
    data["opening"]["cue"] = f"cue {SCRIPT}"
    services.library.new_draft(author, "xss-persona", yaml.safe_dump(data, sort_keys=False))
    services.library.publish(author, "xss-persona")
    return "xss-persona"


def test_stored_payloads_are_shown_as_text_on_every_page(programme: Programme) -> None:
    services, world = programme.services, programme.world
    # a clinician line, in a persona whose own text is the payload
    slug = xss_persona(services, world.ivy)
    session = services.practice.start_session(world.amy, slug, seed=5)
    services.practice.post_turn(world.amy, session.id, f"Line {PAYLOAD}")
    services.practice.end_session(world.amy, session.id)
    # a cohort's name (amy's cohort A also gets a payload-named sibling cohort for sam)
    cohort = services.cohorts.create_cohort(f"Cohort {IMG}")
    services.cohorts.add_member(f"Cohort {IMG}", "sam")
    services.cohorts.add_member(f"Cohort {IMG}", "amy")
    # a review: a comment on the line, an overall comment, completed so amy sees it
    services.reviews.add_comment(world.sam, session.id, 1, f"Comment {PAYLOAD}")
    services.reviews.set_overall_comment(world.sam, session.id, f"Overall {SCRIPT}")
    services.reviews.set_globals(world.sam, session.id, {
        "cultivating_change_talk": 3, "softening_sustain_talk": 3, "partnership": 3,
        "empathy": 3})
    services.reviews.complete(world.sam, session.id)

    amy, sam, ivy, ada = (programme.clients[n] for n in ("amy", "sam", "ivy", "ada"))
    assert cohort.name == f"Cohort {IMG}"
    pages = [
        (amy, f"/sessions/{session.id}", [f"Line {PAYLOAD}", f"Opening {IMG}",
                                          f"Setting {PAYLOAD}"]),
        (amy, f"/sessions/{session.id}/report", [f"Line {PAYLOAD}", f"Comment {PAYLOAD}",
                                                 f"Overall {SCRIPT}"]),
        (amy, "/history", [f"Mallory {SCRIPT}"]),
        (amy, "/personas", [f"Mallory {SCRIPT}", f"Summary {IMG}"]),
        (sam, f"/review/{session.id}", [f"Line {PAYLOAD}", f"Comment {PAYLOAD}"]),
        (sam, "/review?reviewed=any", [f"Mallory {SCRIPT}"]),
        (sam, "/progress", [f"Cohort {IMG}"]),
        (sam, f"/progress/cohorts/{cohort.id}", [f"Cohort {IMG}"]),
        (sam, f"/progress/trainees/{world.amy.id}", []),
        (ivy, "/library", [f"Mallory {SCRIPT}"]),
        (ivy, f"/library/{slug}", [f"Mallory {SCRIPT}"]),
        (ivy, f"/library/{slug}/edit", []),
        (ivy, f"/library/{slug}/coverage", []),
        (amy, f"/sessions/{session.id}/what-if", [f"Line {PAYLOAD}"]),
        (ada, "/admin/cohorts", [f"Cohort {IMG}"]),
        (ada, f"/admin/cohorts/{cohort.id}", [f"Cohort {IMG}"]),
        (ada, "/admin/users/amy", []),
    ]
    for client, path, shown in pages:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert response.headers["content-type"].startswith("text/html"), path
        assert_safe(response.text, path, shown)

    # a what-if branch with the payload as its new line (both transcripts and the chart)
    branch = amy.post(f"/sessions/{session.id}/what-if", data={
        "turn": "1", "new_line": f"Branch {PAYLOAD}", "csrf_token": programme.csrf["amy"]})
    assert branch.status_code == 200, branch.text[:300]
    assert "<svg" in branch.text
    assert_safe(branch.text, "POST what-if", [f"Line {PAYLOAD}", f"Branch {PAYLOAD}"])

    # the JSON API and the JSON export give the payload back as data, as JSON
    api = TestClient(programme.app)
    detail = api.get(f"/api/v1/sessions/{session.id}",
                     headers={"Authorization": f"Bearer {programme.tokens['amy']}"})
    assert detail.headers["content-type"] == "application/json"
    assert detail.json()["turns"][0]["clinician"] == f"Line {PAYLOAD}"
    assert detail.json()["title"] == f"Mallory {SCRIPT}"
    exported = amy.get(f"/sessions/{session.id}/export.json")
    assert exported.headers["content-type"].startswith("application/json")
    assert f"Line {PAYLOAD}" in strings_in(exported.json())
    assert exported.headers["x-content-type-options"] == "nosniff"


def strings_in(value: Any) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return set().union(*(strings_in(v) for v in value)) if value else set()
    return set()


def test_a_user_name_cannot_carry_markup(programme: Programme) -> None:
    """Names are letters, digits and . _ @ -: the payload is refused, by the service and the
    admin page (which shows the refusal, escaped), and no user is created."""
    for name in (SCRIPT, IMG, JS_URL):
        with pytest.raises(Invalid):
            programme.services.accounts.create_user(name, "trainee", PASSWORD)
        response = programme.clients["ada"].post("/admin/users", data={
            "name": name, "role": "trainee", "password": PASSWORD,
            "password_again": PASSWORD, "csrf_token": programme.csrf["ada"]})
        assert response.status_code == 422
        assert_safe(response.text, f"POST /admin/users name={name!r}")
    assert all("<" not in u.name and ":" not in u.name
               for u in programme.services.accounts.list_users())


REFLECTED = [
    ("visitor", "/login?next=" + IMG),
    ("sam", "/review?trainee=" + IMG + "&persona=" + SCRIPT),
    ("ada", "/admin/users/" + IMG),
    ("amy", "/sessions/" + IMG),
    ("ivy", "/library/" + IMG),
    ("ivy", "/library/panic-disorder/diff?a=" + IMG + "&b=" + SCRIPT),
    ("amy", "/history?page=" + IMG),
    ("visitor", "/no-such-page/" + SCRIPT),
]


def test_reflected_input_is_escaped(programme: Programme, subtests: pytest.Subtests) -> None:
    """Query and path text that pages echo (forms refilled, "no such …" messages)."""
    for caller, path in REFLECTED:
        with subtests.test(msg=f"{path} as {caller}"):
            client = (TestClient(programme.app, follow_redirects=False)
                      if caller == "visitor" else programme.clients[caller])
            response = client.get(path)
            assert response.status_code < 500
            assert_safe(response.text, path)


def test_a_failed_login_echoes_the_name_escaped(programme: Programme) -> None:
    visitor = TestClient(programme.app, follow_redirects=False)
    token = csrf_from(visitor.get("/login").text)
    response = visitor.post("/login", data={"name": IMG, "password": "wrong password",
                                            "next": JS_URL, "csrf_token": token})
    assert response.status_code == 401
    assert_safe(response.text, "POST /login")


# --- no inline script, anywhere -------------------------------------------------------------


def test_no_template_has_inline_script_or_event_handlers() -> None:
    templates = sorted(Path(TEMPLATES).rglob("*.html"))
    assert len(templates) >= 20
    for template in templates:
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text, flags=re.IGNORECASE):
            assert "src=" in tag, f"{template}: inline {tag}"
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", text, flags=re.IGNORECASE), template
        assert "javascript:" not in text.lower(), template


def test_every_rendered_page_is_free_of_inline_script(programme: Programme) -> None:
    """Every GET page of the matrix, as each caller, parsed: no inline script, no handler."""
    pages = 0
    for endpoint in ROUTES:
        if endpoint.method != "GET" or endpoint.is_api:
            continue
        for caller in ("visitor", *CALLERS):
            if caller == "visitor":
                response = TestClient(programme.app).get(programme.path_for(endpoint))
            else:
                response = programme.clients[caller].get(programme.path_for(endpoint))
            if response.headers.get("content-type", "").startswith("text/html"):
                assert_safe(response.text, f"{endpoint.key} as {caller}")
                pages += 1
    assert pages >= 100


# --- security headers -----------------------------------------------------------------------


def csp_directives(value: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for part in value.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def assert_security_headers(response: Response, where: str) -> None:
    headers = response.headers
    csp = csp_directives(headers.get("content-security-policy", ""))
    scripts = csp.get("script-src", csp.get("default-src", []))
    assert scripts and "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, where
    assert "data:" not in scripts and "*" not in scripts, where
    assert csp.get("frame-ancestors") == ["'none'"], where
    assert csp.get("object-src") == ["'none'"], where
    assert csp.get("base-uri") == ["'self'"], where
    assert headers.get("x-content-type-options") == "nosniff", where
    assert headers.get("referrer-policy") in ("same-origin", "no-referrer",
                                              "strict-origin-when-cross-origin"), where
    assert headers.get("x-frame-options") == "DENY", where


def test_security_headers_on_pages_api_errors_redirects_and_static_files(
        programme: Programme) -> None:
    visitor = TestClient(programme.app, follow_redirects=False)
    amy = programme.clients["amy"]
    bearer = {"Authorization": f"Bearer {programme.tokens['amy']}"}
    responses = {
        "page": amy.get("/personas"),
        "pre-login page": visitor.get("/login"),
        "redirect": visitor.get("/history"),
        "page error 404": amy.get("/sessions/nope"),
        "page error 403": amy.get("/admin/users"),
        "unknown path": visitor.get("/nowhere"),
        "method not allowed": visitor.delete("/login"),
        "API": visitor.get("/api/v1/sessions", headers=bearer),
        "API 401": visitor.get("/api/v1/sessions"),
        "API 404": visitor.get("/api/v1/sessions/nope", headers=bearer),
        "API 422": visitor.post("/api/v1/sessions", json={}, headers=bearer),
        "OpenAPI": visitor.get("/api/v1/openapi.json"),
        "docs": visitor.get("/docs"),
        "static CSS": visitor.get("/static/app.css"),
        "static JS": visitor.get("/static/chat.js"),
        "static 404": visitor.get("/static/nope.js"),
        "CSV export": amy.get(f"/sessions/{programme.session_id}/export.csv"),
    }
    for where, response in responses.items():
        assert_security_headers(response, where)
    assert responses["static JS"].headers["content-type"].startswith(("text/javascript",
                                                                      "application/javascript"))


def test_the_matrix_responses_all_carry_the_headers(programme: Programme) -> None:
    for endpoint in ROUTES:
        if endpoint.method == "GET" and endpoint.key not in PUBLIC:
            for caller in ("amy", "sam", "ada"):
                response = call(programme, caller, endpoint)
                assert_security_headers(response, f"{endpoint.key} as {caller}")


# --- session fixation and logout ------------------------------------------------------------


def test_a_cookie_planted_before_login_is_replaced_and_never_honoured(
        programme: Programme) -> None:
    services = programme.services
    victim = TestClient(programme.app, follow_redirects=False)
    victim.cookies.set(COOKIE, "planted-by-someone-else")
    token = csrf_from(victim.get("/login").text)
    response = victim.post("/login", data={"name": "amy", "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 303
    issued = response.cookies.get(COOKIE)
    assert issued and issued != "planted-by-someone-else"
    assert services.accounts.user_for_web_session("planted-by-someone-else") is None
    assert services.accounts.user_for_web_session(issued).user.name == "amy"


def test_login_over_a_planted_valid_session_starts_a_new_one(programme: Programme) -> None:
    """An attacker's own login cookie set in the victim's browser: signing in as the victim
    gives a new id; the attacker's cookie stays the attacker's, never becomes the victim's."""
    services = programme.services
    attacker_cookie = programme.clients["bea"].cookies.get(COOKIE)
    assert attacker_cookie
    victim = TestClient(programme.app, follow_redirects=False)
    victim.cookies.set(COOKIE, attacker_cookie)
    victim.cookies.set(PRELOGIN_COOKIE, "p" * 43)  # the token the server signed for it:
    token = prelogin_token(programme.app.state.settings.secret_key, "p" * 43)
    response = victim.post("/login", data={"name": "amy", "password": PASSWORD,
                                           "csrf_token": token})
    assert response.status_code == 303
    issued = response.cookies.get(COOKIE)
    assert issued and issued != attacker_cookie
    assert services.accounts.user_for_web_session(attacker_cookie).user.name == "bea"
    assert services.accounts.user_for_web_session(issued).user.name == "amy"
    # and each login has its own CSRF token
    assert (services.accounts.user_for_web_session(issued).csrf_token
            != services.accounts.user_for_web_session(attacker_cookie).csrf_token)


def test_logout_ends_the_login_on_the_server(programme: Programme) -> None:
    amy = programme.clients["amy"]
    cookie = amy.cookies.get(COOKIE)
    assert cookie and programme.services.accounts.user_for_web_session(cookie)
    response = amy.post("/logout", data={"csrf_token": programme.csrf["amy"]})
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert programme.services.accounts.user_for_web_session(cookie) is None
    replay = TestClient(programme.app, follow_redirects=False)  # the old cookie, kept
    replay.cookies.set(COOKIE, cookie)
    assert replay.get("/personas").headers["location"].startswith("/login")
    assert replay.get("/api/v1/sessions").status_code == 401
    assert replay.post("/sessions", data={"scenario": SCENARIO,
                                          "csrf_token": programme.csrf["amy"]}
                       ).headers["location"].startswith("/login")


@pytest.mark.parametrize("target", [
    "//evil.example/x", "https://evil.example", "/\\evil.example", "/\\/evil.example",
    "/\t/evil.example", " //evil.example", "javascript:alert(1)"])
def test_login_never_sends_the_browser_to_another_site(programme: Programme,
                                                       target: str) -> None:
    """What browsers read as another host (`//h`, `/\\h`, tabs stripped) never leaves as the
    Location: refused, or percent-encoded into a path of this site."""
    visitor = TestClient(programme.app, follow_redirects=False)
    token = csrf_from(visitor.get("/login").text)
    response = visitor.post("/login", data={"name": "amy", "password": PASSWORD,
                                            "next": target, "csrf_token": token})
    location = response.headers["location"]
    assert response.status_code == 303 and location.startswith("/")
    assert not location.startswith(("//", "/\\")) and "\t" not in location
    assert not re.match(r"/[\\/\s]", location), location


def test_login_cookies_are_httponly_samesite_and_secure_in_production(
        synced: Services, trainee: UserRecord) -> None:
    production = synced.settings.model_copy(update={"production": True,
                                                    "secret_key": "s" * 48})
    for settings, secure in ((synced.settings, False), (production, True)):
        client = TestClient(create_app(settings, synced), follow_redirects=False,
                            base_url="https://testserver" if secure else "http://testserver")
        token = csrf_from(client.get("/login").text)
        response = client.post("/login", data={"name": trainee.name, "password": PASSWORD,
                                               "csrf_token": token})
        assert response.status_code == 303, response.text
        cookie = next(c for c in response.headers.get_list("set-cookie")
                      if c.startswith(f"{COOKIE}="))
        flags = {part.strip().lower() for part in cookie.split(";")}
        assert "httponly" in flags and "samesite=lax" in flags and "path=/" in flags
        assert ("secure" in flags) is secure


# --- login throttling -----------------------------------------------------------------------


WINDOW_S = 60


@dataclass
class Clock:
    """The accounts service's clock, which a test moves on instead of sleeping."""

    offset: timedelta = timedelta(0)

    def __call__(self) -> datetime:
        return utcnow() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


@pytest.fixture
def throttled(database_url: str,
              monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FastAPI, Clock]]:
    """3 failures per name, 5 per address, in a 60 s window."""
    settings = Settings(database_url=database_url, login_max_attempts=3,
                        login_max_attempts_per_address=5, login_window_seconds=WINDOW_S)
    services = Services.from_settings(settings, hasher=FAST_HASHER)
    services.accounts.create_user("tess", "trainee", PASSWORD)
    services.accounts.create_user("tom", "trainee", PASSWORD)
    clock = Clock()
    monkeypatch.setattr(accounts_service, "utcnow", clock)
    try:
        yield create_app(settings, services), clock
    finally:
        services.close()


def attempt(app: FastAPI, name: str, password: str) -> Response:
    """One sign-in from a fresh browser (the same address: TestClient's)."""
    client = TestClient(app, follow_redirects=False)
    token = csrf_from(client.get("/login").text)
    return client.post("/login", data={"name": name, "password": password,
                                       "csrf_token": token})


def test_failures_for_one_name_lock_it_even_for_the_right_password_then_it_recovers(
        throttled: tuple[FastAPI, Clock]) -> None:
    app, clock = throttled
    assert [attempt(app, "tess", "wrong password").status_code
            for _ in range(3)] == [401, 401, 401]
    locked = attempt(app, "tess", PASSWORD)
    assert locked.status_code == 429 and COOKIE not in locked.headers.get("set-cookie", "")
    wait = int(locked.headers["retry-after"])
    assert WINDOW_S - 10 <= wait <= WINDOW_S
    assert attempt(app, "tom", PASSWORD).status_code == 303, "other names are not locked"
    clock.advance(wait - 5)
    assert attempt(app, "tess", PASSWORD).status_code == 429, "still inside the window"
    clock.advance(6)
    assert attempt(app, "tess", PASSWORD).status_code == 303


def test_failures_from_one_address_lock_every_name_from_it_then_it_recovers(
        throttled: tuple[FastAPI, Clock]) -> None:
    app, clock = throttled
    names = ["nobody1", "nobody2", "nobody3", "tom", "tom"]
    assert [attempt(app, n, "wrong password").status_code for n in names] == [401] * 5
    locked = attempt(app, "tess", PASSWORD)
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) >= 1
    assert "too many failed logins" in locked.text
    clock.advance(int(locked.headers["retry-after"]) + 1)
    assert attempt(app, "tess", PASSWORD).status_code == 303


# --- production refuses a default or missing secret -----------------------------------------


@pytest.mark.parametrize("secret", [None, "", "short-secret"])
def test_create_app_refuses_production_without_a_real_secret(
        monkeypatch: pytest.MonkeyPatch, secret: str | None) -> None:
    """None: MI_SIM_SECRET_KEY unset, so the development default; "": set but empty."""
    monkeypatch.setenv("MI_SIM_PRODUCTION", "1")
    monkeypatch.setenv("MI_SIM_DATABASE_URL", "sqlite://")
    if secret is None:
        monkeypatch.delenv("MI_SIM_SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("MI_SIM_SECRET_KEY", secret)
    with pytest.raises(ConfigurationError, match="MI_SIM_SECRET_KEY"):
        create_app()
    monkeypatch.setenv("MI_SIM_SECRET_KEY", "k" * 40)
    assert create_app().state.settings.production
