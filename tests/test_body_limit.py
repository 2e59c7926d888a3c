"""Request bodies are capped before anything reads them (issue 12): a 50 MB multipart body to
/login is refused with 413 before any form parsing, the CSRF check or a login lookup."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import Request
from fastapi.testclient import TestClient
from starlette import formparsers
from storage_fixtures import PASSWORD
from web_fixtures import csrf_from

from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.web import create_app
from mi_sim.web.body_limit import BodyLimit

pytest_plugins = ("storage_fixtures", "web_fixtures")

MB = 1024 * 1024


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records every form parse (multipart or urlencoded) the app starts."""
    calls: list[str] = []
    for parser in (formparsers.MultiPartParser, formparsers.FormParser):
        original = parser.parse

        async def parse(self: Any, _original: Any = original, _name: str = parser.__name__
                        ) -> Any:
            calls.append(_name)
            return await _original(self)

        monkeypatch.setattr(parser, "parse", parse)
    return calls


def multipart(size: int) -> tuple[bytes, str]:
    boundary = "b0undary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\n"
            + "x" * size + f"\r\n--{boundary}--\r\n").encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_a_50_mb_multipart_login_is_refused_before_any_parsing(
        client: TestClient, trainee: UserRecord, parsed: list[str]) -> None:
    body, kind = multipart(50 * MB)
    response = client.post("/login", content=body, headers={"content-type": kind})
    assert response.status_code == 413, response.status_code
    assert "larger than 262,144 bytes" in response.text
    assert parsed == []
    assert response.headers["x-content-type-options"] == "nosniff"  # headers still on it
    # Without a Content-Length (chunked), the read stops at the limit: 413 too.
    response = client.post("/login", content=iter([body[:MB]]),
                           headers={"content-type": kind})
    assert response.status_code == 413 and "content-length" not in response.request.headers
    # And a normal login still works.
    page = client.get("/login")
    response = client.post("/login", data={"name": trainee.name, "password": PASSWORD,
                                           "csrf_token": csrf_from(page.text)})
    assert response.status_code == 303


def test_the_api_answers_json_and_a_bad_length_is_400(client: TestClient) -> None:
    response = client.post("/api/v1/sessions", content=b"{}" + b" " * MB,
                           headers={"content-type": "application/json",
                                    "authorization": "Bearer x"})
    assert response.status_code == 413 and "larger than" in response.json()["detail"]
    response = client.post("/login", content=b"a=b",
                           headers={"content-length": "3x",
                                    "content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 400


def test_the_upload_routes_have_the_larger_limit(synced: Services) -> None:
    app = create_app(synced.settings.model_copy(update={"max_body_bytes": 2048,
                                                        "max_upload_bytes": 8192}), synced)
    with TestClient(app, follow_redirects=False) as client:
        for path in ("/library/import", "/library/new", "/library/x/edit", "/import"):
            small = client.post(path, content=b"a" * 4000,
                                headers={"content-type": "application/x-www-form-urlencoded"})
            assert small.status_code != 413, path  # a visitor: sent to /login, not refused
            big = client.post(path, content=b"a" * 9000,
                              headers={"content-type": "application/x-www-form-urlencoded"})
            assert big.status_code == 413, path
        assert client.post("/review/1/comments", content=b"a" * 4000).status_code == 413


def test_a_streamed_body_is_read_no_further_than_the_limit() -> None:
    chunks_read = 0
    seen: list[int] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await Request(scope, receive).body()
        seen.append(1)  # never reached

    async def receive() -> dict[str, Any]:
        nonlocal chunks_read
        chunks_read += 1
        return {"type": "http.request", "body": b"x" * 65536, "more_body": True}

    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    import anyio

    scope = {"type": "http", "method": "POST", "path": "/login", "headers": []}
    anyio.run(BodyLimit(app, max_body_bytes=256 * 1024, max_upload_bytes=MB), scope, receive,
              send)
    assert sent[0]["status"] == 413 and seen == []
    assert chunks_read == 5  # 4 × 64 KiB fit; the fifth is one byte over, and the last read

