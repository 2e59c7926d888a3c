"""Fixtures for page and API tests: an app over a migrated database, clients, logins."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from storage_fixtures import PASSWORD

from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.web import create_app

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def web_app(synced: Services) -> FastAPI:
    return create_app(synced.settings, synced)


@pytest.fixture
def client(web_app: FastAPI) -> Iterator[TestClient]:
    with TestClient(web_app, follow_redirects=False) as test_client:
        yield test_client


def csrf_from(html: str) -> str:
    found = CSRF_INPUT.search(html)
    assert found, "the page has no CSRF field"
    return found.group(1)


def log_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    """Sign in through the real form; returns the login's CSRF token for later forms."""
    page = client.get("/login")
    response = client.post("/login", data={"name": name, "password": password,
                                           "csrf_token": csrf_from(page.text)})
    assert response.status_code == 303, response.text
    return page_csrf(client)


def page_csrf(client: TestClient, path: str = "/personas") -> str:
    """The logged-in CSRF token, read from a page that shows the sign-out form."""
    return csrf_from(client.get(path).text)


@pytest.fixture
def trainee_client(client: TestClient, trainee: UserRecord) -> TestClient:
    log_in(client, trainee.name)
    return client
