"""Allowed hosts, asset URLs that do not come from the Host header, and no caching of pages
behind a login (issue 12)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.testclient import TestClient
from test_serve import env_for, no_uvicorn, serve_app  # noqa: F401 (fixture)
from typer.testing import CliRunner
from web_fixtures import log_in

from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.web import create_app

pytest_plugins = ("storage_fixtures", "web_fixtures")

EVIL = "evil.example.net"
ASSET = re.compile(r'(?:href|src)="([^"]+)"')


def test_asset_urls_never_carry_the_host_header(client: TestClient, admin: UserRecord,
                                                synced: Services) -> None:
    pages = ["/login", "/docs", "/personas", "/history", "/library/panic-disorder/edit"]
    for number, path in enumerate(pages):
        if number == 2:
            log_in(client, admin.name)
            started = client.post("/api/v1/sessions", json={"scenario": "panic-disorder"},
                                  headers={"x-csrf-token": _csrf(client)})
            assert started.status_code == 201, started.text
            pages.append(f"/sessions/{started.json()['id']}")
        response = client.get(path, headers={"host": EVIL})
        assert response.status_code == 200, path
        assert EVIL not in response.text, path
        assets = ASSET.findall(response.text)
        assert any("/static/" in url for url in assets), path
        assert all(url.startswith(("/", "#")) for url in assets if "/static/" in url), (
            path, assets)


def _csrf(client: TestClient) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/personas").text)
    assert found
    return found.group(1)


def test_only_the_allowed_hosts_are_answered(synced: Services) -> None:
    settings = synced.settings.model_copy(
        update={"allowed_hosts": "mi-sim.example.org, *.staff.example.org"})
    with TestClient(create_app(settings, synced), follow_redirects=False,
                    base_url="http://mi-sim.example.org") as client:
        assert client.get("/login").status_code in (200, 303)
        assert client.get("/login", headers={"host": "a.staff.example.org"}).status_code in (
            200, 303)
        refused = client.get("/login", headers={"host": EVIL})
        assert refused.status_code == 400 and EVIL not in refused.text
        assert refused.headers["x-frame-options"] == "DENY"
        assert client.get("/api/v1/scenarios", headers={"host": EVIL}).status_code == 400


def test_allowed_hosts_default_to_any_and_parse_a_list() -> None:
    assert Settings().allowed_host_list == ["*"]
    assert Settings(allowed_hosts=" a.org ,b.org,").allowed_host_list == ["a.org", "b.org"]


def test_pages_behind_a_login_are_not_stored(client: TestClient, trainee: UserRecord) -> None:
    assert client.get("/login").headers["cache-control"] == "no-store"
    log_in(client, trainee.name)
    for path in ("/personas", "/history", "/api/v1/sessions", "/nowhere"):
        assert client.get(path).headers["cache-control"] == "no-store", path
    static = client.get("/static/app.css")
    assert static.status_code == 200 and "cache-control" not in static.headers
    schema = client.get("/schema/persona.json")
    assert "public" in schema.headers["cache-control"]  # a route's own choice is kept


@pytest.mark.parametrize("path", ["/static/app.css"])
def test_static_files_keep_their_validators(client: TestClient, path: str) -> None:
    assert "etag" in client.get(path).headers


def test_serve_warns_in_production_while_any_host_is_allowed(
        database_url: str, no_uvicorn: list[dict[str, Any]]) -> None:  # noqa: F811
    env = env_for(database_url, MI_SIM_PRODUCTION="1", MI_SIM_SECRET_KEY="k" * 40)
    result = CliRunner().invoke(serve_app(), ["serve"], env=env)
    assert result.exit_code == 0 and "MI_SIM_ALLOWED_HOSTS is `*`" in result.output
    result = CliRunner().invoke(serve_app(), ["serve"],
                                env={**env, "MI_SIM_ALLOWED_HOSTS": "mi-sim.example.org"})
    assert result.exit_code == 0 and "MI_SIM_ALLOWED_HOSTS" not in result.output
