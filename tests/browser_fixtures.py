"""Fixtures for browser tests: a real uvicorn server and Debian's headless Chromium.

Use with `pytest_plugins = ("browser_fixtures",)`. The server runs in a background thread on
127.0.0.1 (a free port) over a migrated SQLite file with the shipped personas synced and no user
yet, so a test can walk through the first-admin setup. The browser is /usr/bin/chromium driven by
Playwright's sync API (never a downloaded browser). Without it the tests are skipped with a loud
reason, or fail when `MI_SIM_REQUIRE_ALL=1` (CI).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from storage_fixtures import FAST_HASHER

from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.storage import migrate
from mi_sim.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
REQUIRE_ALL = os.environ.get("MI_SIM_REQUIRE_ALL") == "1"
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
VIEWPORT = {"width": 1280, "height": 900}


@dataclass(frozen=True)
class LiveServer:
    url: str
    services: Services


@pytest.fixture(scope="session")
def _migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("live-template") / "migrated.db"
    migrate.upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def live_server(_migrated_sqlite: Path, tmp_path: Path) -> Iterator[LiveServer]:
    """The app served by uvicorn on 127.0.0.1 over a fresh, migrated SQLite file (no user)."""
    path = tmp_path / "mi-sim.db"
    shutil.copyfile(_migrated_sqlite, path)
    database_url = f"sqlite:///{path}"
    settings = Settings(database_url=database_url)
    services = Services.from_settings(settings, hasher=FAST_HASHER)
    services.personas.sync_shipped_personas()
    app = create_app(settings, services)

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                            access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True,
                              name="live-server")
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the live server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", services)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        services.close()


def need_chromium() -> None:
    if CHROMIUM.exists():
        return
    message = (f"BROWSER TESTS NOT RUN: {CHROMIUM} is missing; install Debian's chromium "
               "(apt-get install chromium). Never use a downloaded browser.")
    if REQUIRE_ALL:
        pytest.fail(message + " (MI_SIM_REQUIRE_ALL=1 forbids skipping)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
