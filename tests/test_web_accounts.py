"""Signing in and out, the first admin, CSRF and throttling, through the real pages."""

from __future__ import annotations

from fastapi.testclient import TestClient
from storage_fixtures import PASSWORD
from web_fixtures import csrf_from

from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.web.security import PRELOGIN_COOKIE

pytest_plugins = ("storage_fixtures", "web_fixtures")


def test_with_no_user_the_start_page_offers_to_create_the_first_admin(client: TestClient) -> None:
    assert client.get("/").headers["location"] == "/setup"
    page = client.get("/setup")
    assert page.status_code == 200 and "first administrator" in page.text


def test_the_first_admin_is_created_and_signed_in(client: TestClient,
                                                   synced: Services) -> None:
    token = csrf_from(client.get("/setup").text)
    response = client.post("/setup", data={"name": "ada", "password": PASSWORD,
                                           "password_again": PASSWORD, "csrf_token": token})
    assert response.status_code == 303
    assert synced.accounts.get_user("ada").role == "admin"
    cookie = response.headers["set-cookie"]
    assert "mi_sim_session=" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()


def test_setup_is_refused_once_any_user_exists(client: TestClient, trainee: UserRecord,
                                               synced: Services) -> None:
    assert client.get("/setup").headers["location"] == "/login"
    token = csrf_from(client.get("/login").text)
    response = client.post("/setup", data={"name": "eve", "password": PASSWORD,
                                           "password_again": PASSWORD, "csrf_token": token})
    assert response.status_code == 303 and response.headers["location"] == "/login"
    assert [u.name for u in synced.accounts.list_users()] == ["tess"]


def test_a_form_without_its_csrf_token_is_refused(client: TestClient,
                                                  trainee: UserRecord) -> None:
    client.get("/login")
    response = client.post("/login", data={"name": "tess", "password": PASSWORD,
                                           "csrf_token": "forged"})
    assert response.status_code == 403
    assert "mi_sim_session" not in response.headers.get("set-cookie", "")


def test_a_wrong_password_is_refused_with_a_message(client: TestClient,
                                                    trainee: UserRecord) -> None:
    token = csrf_from(client.get("/login").text)
    response = client.post("/login", data={"name": "tess", "password": "nope nope",
                                           "csrf_token": token})
    assert response.status_code == 401 and "wrong" in response.text


def test_repeated_failures_are_throttled_with_retry_after(client: TestClient,
                                                          trainee: UserRecord) -> None:
    statuses = []
    for _ in range(5):
        token = csrf_from(client.get("/login").text)
        statuses.append(client.post("/login", data={"name": "tess", "password": "bad bad bad",
                                                    "csrf_token": token}))
    assert [r.status_code for r in statuses][:3] == [401, 401, 401]
    assert statuses[-1].status_code == 429 and int(statuses[-1].headers["retry-after"]) > 0


def test_login_gives_a_new_session_id_each_time_and_logout_ends_it(
        client: TestClient, trainee: UserRecord, synced: Services) -> None:
    cookies = []
    for _ in range(2):
        token = csrf_from(client.get("/login").text) if not client.cookies.get(
            "mi_sim_session") else None
        if token is None:
            client.cookies.clear()
            token = csrf_from(client.get("/login").text)
        response = client.post("/login", data={"name": "tess", "password": PASSWORD,
                                               "csrf_token": token})
        cookies.append(response.cookies.get("mi_sim_session"))
    assert cookies[0] and cookies[1] and cookies[0] != cookies[1]
    assert synced.accounts.user_for_web_session(cookies[1]) is not None


def test_login_never_redirects_off_site(client: TestClient, trainee: UserRecord) -> None:
    token = csrf_from(client.get("/login").text)
    response = client.post("/login", data={"name": "tess", "password": PASSWORD,
                                           "csrf_token": token, "next": "//evil.example/x"})
    assert response.headers["location"] == "/personas"


def test_pages_carry_the_security_headers(client: TestClient) -> None:
    headers = client.get("/setup").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert PRELOGIN_COOKIE in headers["set-cookie"]
