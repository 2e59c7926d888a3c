"""Admin pages: users, API tokens, cohorts, and who may reach them, through the real pages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from storage_fixtures import PASSWORD
from web_fixtures import csrf_from

from mi_sim.services import Services
from mi_sim.services.admin import Administration
from mi_sim.services.errors import Conflict, Forbidden
from mi_sim.services.records import CohortRecord, UserRecord

pytest_plugins = ("storage_fixtures", "web_fixtures")

NEW_PASSWORD = "a different long password"


# --- helpers ---------------------------------------------------------------------------

def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign in through the login form; returns the login's CSRF token (read from any page
    with the sign-out form: the admin list for admins, the 403 page for everyone else)."""
    page = client.get("/login")
    response = client.post("/login", data={"name": name, "password": password,
                                           "csrf_token": csrf_from(page.text)})
    assert response.status_code == 303, response.text
    return csrf_from(client.get("/admin/users").text)


def snapshot(services: Services) -> dict[str, Any]:
    """Everything an admin page could change, straight from the tables."""
    with services.engine.connect() as db:
        return {
            "users": db.execute(text("SELECT name, role, active, password_hash FROM users "
                                     "ORDER BY name")).all(),
            "tokens": db.execute(text("SELECT user_id, token_hash FROM api_tokens "
                                      "ORDER BY id")).all(),
            "cohorts": db.execute(text("SELECT name FROM cohorts ORDER BY name")).all(),
            "members": db.execute(text("SELECT cohort_id, user_id, role FROM cohort_members "
                                       "ORDER BY cohort_id, user_id")).all(),
            "logins": db.execute(text("SELECT id, user_id FROM web_sessions "
                                      "ORDER BY id")).all(),
        }


def notice_of(html: str) -> str:
    found = re.search(r'<p class="notice" role="status">(.*?)</p>', html, re.S)
    return found.group(1) if found else ""


def error_of(html: str) -> str:
    """The page's error message, unescaped and in lower case."""
    found = re.search(r'<p class="error" role="alert">(.*?)</p>', html, re.S)
    return unescape(found.group(1)).lower() if found else ""


@pytest.fixture
def ada(services: Services, admin: UserRecord) -> UserRecord:
    return admin


@pytest.fixture
def cohort(services: Services, trainee: UserRecord) -> CohortRecord:
    services.cohorts.create_cohort("Spring intake")
    return services.cohorts.add_member("Spring intake", trainee.name)


@pytest.fixture
def admin_client(client: TestClient, ada: UserRecord) -> TestClient:
    client.headers["x-test-csrf"] = sign_in(client, ada.name)
    return client


def csrf(client: TestClient) -> str:
    return client.headers["x-test-csrf"]


@pytest.fixture
def second_client(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app, follow_redirects=False) as other:
        yield other


def add_user(client: TestClient, name: str, role: str = "trainee", password: str = PASSWORD,
             again: str | None = None) -> Any:
    return client.post("/admin/users", data={
        "name": name, "role": role, "password": password,
        "password_again": password if again is None else again, "csrf_token": csrf(client)})


# --- adding users ----------------------------------------------------------------------

def test_the_admin_adds_a_trainee_who_can_then_sign_in(
        admin_client: TestClient, second_client: TestClient, synced: Services) -> None:
    response = add_user(admin_client, "tom", "trainee")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/users?done=added&name=tom"
    page = admin_client.get(response.headers["location"])
    assert "User added" in notice_of(page.text) and "<strong>tom</strong>" in page.text
    assert 'id="user-tom" class="just-added"' in page.text
    assert synced.accounts.get_user("tom").role == "trainee"
    sign_in(second_client, "tom")
    assert second_client.get("/admin/users").status_code == 403


def test_a_duplicate_name_is_refused_with_a_message_and_nothing_is_duplicated(
        admin_client: TestClient, trainee: UserRecord, synced: Services) -> None:
    before = snapshot(synced)
    response = add_user(admin_client, "tess", "supervisor")
    assert response.status_code == 409
    assert "already exists" in error_of(response.text)
    assert 'value="tess"' in response.text  # what was typed is kept
    assert re.search(r'<option value="supervisor" selected>', response.text)
    assert snapshot(synced) == before


@pytest.mark.parametrize(("name", "password", "again", "message"), [
    ("tom", "short", "short", "too short"),
    ("tom", PASSWORD, PASSWORD + "x", "differ"),
    ("tom", "", "", "empty"),
    ("bad name!", PASSWORD, PASSWORD, "a user name is"),
    ("", PASSWORD, PASSWORD, "a user name is"),
    ("x" * 65, PASSWORD, PASSWORD, "a user name is"),
    ("tom", "y" * 1025, "y" * 1025, "too long"),
])
def test_bad_input_is_refused_with_a_clear_message_keeping_what_was_typed(
        admin_client: TestClient, synced: Services, name: str, password: str, again: str,
        message: str) -> None:
    before = snapshot(synced)
    response = add_user(admin_client, name, "instructor", password, again)
    assert response.status_code == 422
    assert message in error_of(response.text)
    assert re.search(r'<option value="instructor" selected>', response.text)
    if name:
        assert f'value="{name[:64]}"' in response.text.replace("&#34;", '"')
    for typed in {password, again} - {""}:
        assert f'value="{typed}"' not in response.text  # passwords are never echoed
    assert snapshot(synced) == before


def test_an_unknown_role_is_refused(admin_client: TestClient, synced: Services) -> None:
    before = snapshot(synced)
    response = add_user(admin_client, "tom", "overlord")
    assert response.status_code == 422 and "unknown role" in error_of(response.text)
    assert snapshot(synced) == before


def test_a_form_missing_its_fields_gets_a_message_not_a_crash(
        admin_client: TestClient, synced: Services) -> None:
    before = snapshot(synced)
    response = admin_client.post("/admin/users", data={"csrf_token": csrf(admin_client)})
    assert response.status_code == 422 and error_of(response.text)
    assert snapshot(synced) == before


def test_the_users_page_lists_role_status_cohorts_and_tokens(
        admin_client: TestClient, cohort: CohortRecord, synced: Services) -> None:
    synced.accounts.create_api_token("tess")
    page = admin_client.get("/admin/users")
    assert page.status_code == 200
    row = re.search(r'<tr id="user-tess">(.*?)</tr>', page.text, re.S)
    assert row, page.text
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row.group(1), re.S)
    assert "trainee" in cells[1] and "active" in cells[2] and "Spring intake" in cells[4]
    assert cells[5].strip() == "1"
    assert "(you)" in page.text  # the admin's own row, without a deactivate button
    assert 'action="/admin/users/ada/deactivate"' not in page.text


def test_a_done_key_shows_only_its_fixed_message(admin_client: TestClient) -> None:
    page = admin_client.get("/admin/users", params={
        "done": "<script>alert(1)</script>", "name": "<script>alert(2)</script>"})
    assert page.status_code == 200
    assert "alert(" not in page.text and not notice_of(page.text)
    page = admin_client.get("/admin/users", params={"done": "added", "name": "nobody"})
    assert "User added" in notice_of(page.text) and "nobody" not in page.text


# --- deactivation ----------------------------------------------------------------------

def test_a_deactivated_user_can_no_longer_sign_in_and_their_login_stops_working(
        admin_client: TestClient, second_client: TestClient, trainee: UserRecord,
        synced: Services) -> None:
    sign_in(second_client, "tess")
    assert second_client.get("/admin/users").status_code == 403  # signed in, not an admin
    token = synced.accounts.create_api_token("tess")
    response = admin_client.post("/admin/users/tess/deactivate",
                                 data={"csrf_token": csrf(admin_client), "back": "list"})
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/users?done=deactivated"
    assert "deactivated" in notice_of(admin_client.get(response.headers["location"]).text)
    assert not synced.accounts.get_user("tess").active
    assert second_client.get("/admin/users").headers["location"].startswith("/login")
    assert synced.accounts.user_for_token(token) is None
    second_client.cookies.clear()
    page = second_client.get("/login")
    refused = second_client.post("/login", data={"name": "tess", "password": PASSWORD,
                                                 "csrf_token": csrf_from(page.text)})
    assert refused.status_code == 401

    response = admin_client.post("/admin/users/tess/reactivate",
                                 data={"csrf_token": csrf(admin_client)})
    assert response.headers["location"] == "/admin/users/tess?done=reactivated"
    assert synced.accounts.user_for_token(token) is not None
    second_client.cookies.clear()
    sign_in(second_client, "tess")


def test_an_admin_cannot_deactivate_themselves(admin_client: TestClient,
                                               synced: Services) -> None:
    before = snapshot(synced)
    for back in ("list", ""):
        response = admin_client.post("/admin/users/ada/deactivate",
                                     data={"csrf_token": csrf(admin_client), "back": back})
        assert response.status_code == 409
        assert "cannot deactivate your own account" in error_of(response.text)
    assert snapshot(synced) == before
    assert admin_client.get("/admin/users").status_code == 200


def test_an_admin_may_deactivate_another_admin_but_never_the_last_one(
        admin_client: TestClient, second_client: TestClient, synced: Services) -> None:
    synced.accounts.create_user("bob", "admin", PASSWORD)
    bob_csrf = sign_in(second_client, "bob")
    response = admin_client.post("/admin/users/bob/deactivate",
                                 data={"csrf_token": csrf(admin_client)})
    assert response.status_code == 303 and not synced.accounts.get_user("bob").active
    # bob's login ended with his account: he can no longer act, let alone lock ada out
    response = second_client.post("/admin/users/ada/deactivate", data={"csrf_token": bob_csrf})
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert synced.accounts.get_user("ada").active


def test_the_service_never_leaves_no_active_admin(synced: Services, ada: UserRecord) -> None:
    admin = Administration(synced.accounts, synced.cohorts)
    bob = synced.accounts.create_user("bob", "admin", PASSWORD)
    admin.set_active(ada, "bob", False)
    with pytest.raises(Forbidden):  # a deactivated admin's stale request
        admin.set_active(bob, "ada", False)
    with pytest.raises(Conflict):
        admin.set_active(ada, "ada", False)
    assert synced.accounts.get_user("ada").active


def test_deactivating_or_managing_an_unknown_user_is_a_404(admin_client: TestClient) -> None:
    assert admin_client.get("/admin/users/nobody").status_code == 404
    for action in ("deactivate", "reactivate", "password", "tokens", "tokens/revoke"):
        response = admin_client.post(f"/admin/users/nobody/{action}",
                                     data={"csrf_token": csrf(admin_client),
                                           "password": PASSWORD, "password_again": PASSWORD})
        assert response.status_code == 404, action


# --- passwords -------------------------------------------------------------------------

def test_resetting_a_password_ends_the_users_logins(
        admin_client: TestClient, second_client: TestClient, trainee: UserRecord,
        synced: Services) -> None:
    sign_in(second_client, "tess")
    response = admin_client.post("/admin/users/tess/password", data={
        "csrf_token": csrf(admin_client), "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD})
    assert response.headers["location"] == "/admin/users/tess?done=password"
    assert "Password reset" in notice_of(admin_client.get(response.headers["location"]).text)
    assert second_client.get("/admin/users").headers["location"].startswith("/login")
    second_client.cookies.clear()
    sign_in(second_client, "tess", NEW_PASSWORD)


def test_a_bad_new_password_is_refused_and_the_old_one_kept(
        admin_client: TestClient, trainee: UserRecord, synced: Services) -> None:
    before = snapshot(synced)
    for password, again, message in (("short", "short", "too short"),
                                      (NEW_PASSWORD, PASSWORD, "differ")):
        response = admin_client.post("/admin/users/tess/password", data={
            "csrf_token": csrf(admin_client), "password": password, "password_again": again})
        assert response.status_code == 422 and message in error_of(response.text)
    assert snapshot(synced) == before


def test_an_admin_resetting_their_own_password_stays_signed_in(
        admin_client: TestClient, synced: Services) -> None:
    response = admin_client.post("/admin/users/ada/password", data={
        "csrf_token": csrf(admin_client), "password": NEW_PASSWORD,
        "password_again": NEW_PASSWORD})
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/users/ada?done=own-password"
    page = admin_client.get(response.headers["location"])
    assert page.status_code == 200 and "You stay signed in" in notice_of(page.text)
    synced.accounts.authenticate("ada", NEW_PASSWORD, "test")


# --- API tokens ------------------------------------------------------------------------

def test_a_token_issued_in_the_browser_is_shown_once_and_works_as_a_bearer_token(
        admin_client: TestClient, trainee: UserRecord, synced: Services) -> None:
    response = admin_client.post("/admin/users/tess/tokens",
                                 data={"csrf_token": csrf(admin_client)})
    assert response.status_code == 201
    assert response.headers["cache-control"] == "no-store"
    found = re.search(r'id="new-token" class="token-value" readonly value="([^"]+)"',
                      response.text)
    assert found and "only this once" in response.text
    token = found.group(1)
    user = synced.accounts.user_for_token(token)
    assert user is not None and user.name == "tess"
    with synced.engine.connect() as db:
        stored = db.execute(text("SELECT token_hash FROM api_tokens")).scalars().all()
    assert token not in stored and len(stored) == 1
    later = admin_client.get("/admin/users/tess")
    assert token not in later.text and "<strong>1</strong> token" in later.text

    response = admin_client.post("/admin/users/tess/tokens/revoke",
                                 data={"csrf_token": csrf(admin_client)})
    assert response.headers["location"] == "/admin/users/tess?done=revoked"
    assert synced.accounts.user_for_token(token) is None
    response = admin_client.post("/admin/users/tess/tokens/revoke",
                                 data={"csrf_token": csrf(admin_client)})
    assert response.headers["location"] == "/admin/users/tess?done=no-tokens"


def test_no_token_is_issued_to_a_deactivated_user(admin_client: TestClient,
                                                  trainee: UserRecord,
                                                  synced: Services) -> None:
    synced.accounts.set_active("tess", False)
    before = snapshot(synced)
    response = admin_client.post("/admin/users/tess/tokens",
                                 data={"csrf_token": csrf(admin_client)})
    assert response.status_code == 409 and "reactivate" in error_of(response.text)
    assert snapshot(synced) == before


# --- cohorts ---------------------------------------------------------------------------

def cohort_id(services: Services, name: str) -> int:
    return next(c.id for c in services.cohorts.list_cohorts() if c.name == name)


def test_cohorts_are_created_and_members_added_changed_and_removed(
        admin_client: TestClient, trainee: UserRecord, synced: Services) -> None:
    synced.accounts.create_user("sam", "supervisor", PASSWORD)
    response = admin_client.post("/admin/cohorts", data={"csrf_token": csrf(admin_client),
                                                         "name": "  Autumn 2025  "})
    number = cohort_id(synced, "Autumn 2025")
    assert response.headers["location"] == f"/admin/cohorts/{number}?done=created"
    page = admin_client.get(response.headers["location"])
    assert "Cohort created" in notice_of(page.text) and "No members yet" in page.text

    url = f"/admin/cohorts/{number}/members"
    for user, role in (("tess", "trainee"), ("sam", "supervisor")):
        response = admin_client.post(url, data={"csrf_token": csrf(admin_client),
                                                "user": user, "role": role})
        assert response.headers["location"] == f"/admin/cohorts/{number}?done=added"
    members = {m.name: m.role for m in next(c for c in synced.cohorts.list_cohorts()
                                            if c.id == number).members}
    assert members == {"tess": "trainee", "sam": "supervisor"}
    listing = admin_client.get("/admin/cohorts").text
    row = re.search(r"Autumn 2025</a></th>(.*?)</tr>", listing, re.S)
    assert row and re.findall(r"<td>(\d+)</td>", row.group(1)) == ["2", "1", "1"]

    response = admin_client.post(url, data={"csrf_token": csrf(admin_client),
                                            "user": "tess", "role": "supervisor"})
    assert response.headers["location"] == f"/admin/cohorts/{number}?done=updated"
    response = admin_client.post(f"{url}/remove", data={"csrf_token": csrf(admin_client),
                                                        "user": "sam"})
    assert response.headers["location"] == f"/admin/cohorts/{number}?done=removed"
    cohort = next(c for c in synced.cohorts.list_cohorts() if c.id == number)
    assert [(m.name, m.role) for m in cohort.members] == [("tess", "supervisor")]
    page = admin_client.get(f"/admin/cohorts/{number}").text
    assert '<option value="sam">sam (supervisor)</option>' in page  # may be added again


@pytest.mark.parametrize(("name", "status", "message"), [
    ("", 422, "1–120 characters"), ("   ", 422, "1–120 characters"),
    ("x" * 121, 422, "1–120 characters"), ("Spring intake", 409, "already exists"),
    ("\u200b\x00", 422, "1–120 characters"), ("Spring\x00", 422, "holds a nul character"),
])
def test_a_bad_cohort_name_is_refused(admin_client: TestClient, cohort: CohortRecord,
                                      synced: Services, name: str, status: int,
                                      message: str) -> None:
    before = snapshot(synced)
    response = admin_client.post("/admin/cohorts", data={"csrf_token": csrf(admin_client),
                                                         "name": name})
    assert response.status_code == status and message in error_of(response.text)
    assert snapshot(synced) == before


def test_bad_member_changes_are_refused_with_a_message(
        admin_client: TestClient, cohort: CohortRecord, synced: Services) -> None:
    url = f"/admin/cohorts/{cohort.id}/members"
    before = snapshot(synced)
    for data, status, message in (
            ({"user": "tess", "role": "admin"}, 422, "trainee or supervisor"),
            ({"user": "", "role": "trainee"}, 422, "choose a user"),
            ({"user": "nobody", "role": "trainee"}, 404, "no user named"),
    ):
        response = admin_client.post(url, data={"csrf_token": csrf(admin_client), **data})
        assert response.status_code == status and message in error_of(response.text), data
    response = admin_client.post(f"{url}/remove", data={"csrf_token": csrf(admin_client),
                                                        "user": "ada"})
    assert response.status_code == 404 and "not a member" in error_of(response.text)
    assert snapshot(synced) == before


def test_an_unknown_cohort_is_a_404(admin_client: TestClient) -> None:
    for path in ("/admin/cohorts/999", "/admin/cohorts/abc", "/admin/cohorts/-1"):
        assert admin_client.get(path).status_code == 404, path
    response = admin_client.post("/admin/cohorts/999/members", data={
        "csrf_token": csrf(admin_client), "user": "ada", "role": "trainee"})
    assert response.status_code == 404


def test_names_with_markup_are_shown_escaped(admin_client: TestClient,
                                             synced: Services) -> None:
    evil = '<script>alert("x")</script>'
    response = admin_client.post("/admin/cohorts", data={"csrf_token": csrf(admin_client),
                                                         "name": evil})
    number = cohort_id(synced, evil)
    for path in ("/admin/cohorts", f"/admin/cohorts/{number}"):
        page = admin_client.get(path).text
        assert "<script>alert" not in page and "&lt;script&gt;alert(" in page
    response = add_user(admin_client, evil)
    assert response.status_code == 422 and "<script>alert" not in response.text
    assert "&lt;script&gt;" in response.text


# --- who may reach the admin pages -----------------------------------------------------

ROUTES: list[tuple[str, str, dict[str, str]]] = [
    ("GET", "/admin", {}),
    ("GET", "/admin/users", {}),
    ("GET", "/admin/users/tess", {}),
    ("GET", "/admin/cohorts", {}),
    ("GET", "/admin/cohorts/{cohort}", {}),
    ("POST", "/admin/users", {"name": "mallory", "role": "admin", "password": PASSWORD,
                              "password_again": PASSWORD}),
    ("POST", "/admin/users/tess/deactivate", {}),
    ("POST", "/admin/users/ada/deactivate", {}),
    ("POST", "/admin/users/gone/reactivate", {}),
    ("POST", "/admin/users/tess/password", {"password": NEW_PASSWORD,
                                            "password_again": NEW_PASSWORD}),
    ("POST", "/admin/users/tess/tokens", {}),
    ("POST", "/admin/users/tess/tokens/revoke", {}),
    ("POST", "/admin/cohorts", {"name": "Hijacked"}),
    ("POST", "/admin/cohorts/{cohort}/members", {"user": "mallory", "role": "supervisor"}),
    ("POST", "/admin/cohorts/{cohort}/members/remove", {"user": "tess"}),
]
POSTS = [route for route in ROUTES if route[0] == "POST"]


@pytest.fixture
def world(services: Services, ada: UserRecord, trainee: UserRecord,
          cohort: CohortRecord) -> dict[str, Any]:
    """Every kind of user, a deactivated one, a cohort and a token to be left alone."""
    for name, role in (("sam", "supervisor"), ("ian", "instructor"), ("mallory", "trainee"),
                       ("gone", "trainee")):
        services.accounts.create_user(name, role, PASSWORD)
    services.accounts.set_active("gone", False)
    services.accounts.create_api_token("tess")
    return {"cohort": cohort.id}


def send(client: TestClient, method: str, path: str, data: dict[str, str],
         world: dict[str, Any], token: str | None) -> Any:
    path = path.format(cohort=world["cohort"])
    if method == "GET":
        return client.get(path)
    form = dict(data)
    if token is not None:
        form["csrf_token"] = token
    return client.post(path, data=form)


@pytest.mark.parametrize("role_user", ["tess", "sam", "ian"])
@pytest.mark.parametrize(("method", "path", "data"), ROUTES,
                         ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_only_admins_reach_admin_pages(client: TestClient, services: Services,
                                       world: dict[str, Any], role_user: str, method: str,
                                       path: str, data: dict[str, str]) -> None:
    token = sign_in(client, role_user)  # a valid CSRF token of their own login
    before = snapshot(services)
    response = send(client, method, path, data, world, token)
    assert response.status_code == 403, response.text
    assert "not available to your role" in response.text
    assert snapshot(services) == before


@pytest.mark.parametrize(("method", "path", "data"), ROUTES,
                         ids=[f"{m} {p}" for m, p, _ in ROUTES])
def test_visitors_are_sent_to_the_login_page(client: TestClient, services: Services,
                                             world: dict[str, Any], method: str, path: str,
                                             data: dict[str, str]) -> None:
    before = snapshot(services)
    response = send(client, method, path, data, world, None)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login?next=/admin")
    assert snapshot(services) == before


@pytest.mark.parametrize("token", [None, "", "forged"])
@pytest.mark.parametrize(("method", "path", "data"), POSTS,
                         ids=[f"{m} {p}" for m, p, _ in POSTS])
def test_admin_posts_without_the_csrf_token_are_refused(
        client: TestClient, services: Services, world: dict[str, Any], method: str,
        path: str, data: dict[str, str], token: str | None) -> None:
    sign_in(client, "ada")
    before = snapshot(services)
    response = send(client, method, path, data, world, token)
    assert response.status_code == 403
    assert "did not come from this site" in response.text
    assert snapshot(services) == before
