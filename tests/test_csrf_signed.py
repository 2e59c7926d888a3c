"""One CSRF mechanism signed with MI_SIM_SECRET_KEY (issue 12): every token is an HMAC of its
cookie under a key derived from the secret, so a planted cookie is useless without the server's
token, and a new secret voids every outstanding token."""

from __future__ import annotations

import base64
import hashlib
import hmac

from fastapi.testclient import TestClient
from storage_fixtures import PASSWORD
from web_fixtures import csrf_from, log_in

from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.web import create_app
from mi_sim.web.security import PRELOGIN_COOKIE

pytest_plugins = ("storage_fixtures", "web_fixtures")


def hmac_token(secret: str, binding: str) -> str:
    key = hmac.new(secret.encode(), b"mi-sim csrf v1", hashlib.sha256).digest()
    digest = hmac.new(key, binding.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def test_a_planted_prelogin_cookie_with_the_same_form_value_is_refused(
        client: TestClient, trainee: UserRecord) -> None:
    """The old double-submit accepted any cookie value echoed by the form (cookie tossing)."""
    client.cookies.set(PRELOGIN_COOKIE, "planted-by-an-attacker")
    forged = client.post("/login", data={"name": trainee.name, "password": PASSWORD,
                                         "csrf_token": "planted-by-an-attacker"})
    assert forged.status_code == 403
    client.cookies.clear()
    page = client.get("/login")
    nonce = client.cookies.get(PRELOGIN_COOKIE)
    assert nonce and csrf_from(page.text) == hmac_token(
        client.app.state.settings.secret_key, f"prelogin:{nonce}")
    assert csrf_from(page.text) != nonce
    signed_in = client.post("/login", data={"name": trainee.name, "password": PASSWORD,
                                            "csrf_token": csrf_from(page.text)})
    assert signed_in.status_code == 303


def test_the_login_token_is_signed_with_the_secret_for_its_cookie(
        client: TestClient, trainee: UserRecord) -> None:
    token = log_in(client, trainee.name)
    cookie = client.cookies.get(client.app.state.settings.session_cookie_name)
    login_id = hashlib.sha256(cookie.encode()).hexdigest()
    assert token == hmac_token(client.app.state.settings.secret_key, f"login:{login_id}")
    # The form, the API header and the library's JSON all take it.
    started = client.post("/api/v1/sessions", json={"scenario": "panic-disorder"},
                          headers={"x-csrf-token": token})
    assert started.status_code == 201
    assert client.post("/api/v1/sessions", json={"scenario": "panic-disorder"},
                       headers={"x-csrf-token": _altered(token)}).status_code == 403


def test_a_new_secret_voids_every_outstanding_token(synced: Services,
                                                    trainee: UserRecord) -> None:
    with TestClient(create_app(synced.settings, synced), follow_redirects=False) as first:
        token = log_in(first, trainee.name)
        cookies = dict(first.cookies)
    rotated = synced.settings.model_copy(update={"secret_key": "another secret " * 3})
    services = Services.from_settings(rotated)
    with TestClient(create_app(rotated, services), follow_redirects=False,
                    cookies=cookies) as second:
        assert second.get("/personas").status_code == 200  # the login itself is kept
        refused = second.post("/api/v1/sessions", json={"scenario": "panic-disorder"},
                              headers={"x-csrf-token": token})
        assert refused.status_code == 403
        fresh = csrf_from(second.get("/personas").text)
        assert fresh != token
        assert second.post("/api/v1/sessions", json={"scenario": "panic-disorder"},
                           headers={"x-csrf-token": fresh}).status_code == 201
    services.close()


def _altered(token: str) -> str:
    """The token with its last character changed (never to the same one)."""
    return token[:-1] + ("B" if token.endswith("A") else "A")
