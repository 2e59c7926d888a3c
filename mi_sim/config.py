"""Settings for every mi-sim command and the web app, read from `MI_SIM_*` environment variables.

    settings = Settings()                      # the environment decides
    settings = Settings(database_url="sqlite:///tmp/x.db")   # tests and scripts decide

Every field carries a description; README.md's configuration table lists each as `MI_SIM_<NAME>`
(a test checks that).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from mi_sim.scenarios.loader import default_scenarios_dir

DEFAULT_SECRET_KEY = "dev-only-secret-key-set-MI_SIM_SECRET_KEY-in-production"


class Settings(BaseSettings):
    """Where the data lives, how logins behave and where the server listens."""

    model_config = SettingsConfigDict(env_prefix="MI_SIM_", extra="ignore", frozen=True)

    database_url: str = Field(
        default="sqlite:///./mi-sim.db",
        description="SQLAlchemy URL of the database: a SQLite file (default `mi-sim.db` in the "
        "working directory) or `postgresql+psycopg://user:password@host/dbname`.")
    secret_key: str = Field(
        default=DEFAULT_SECRET_KEY,
        description="Secret for signing; set a long random value in production.")
    production: bool = Field(
        default=False,
        description="Production mode: secure cookies and refuse to start with the default "
        "secret key.")
    scenarios_dir: Path = Field(
        default_factory=default_scenarios_dir,
        description="Directory of the shipped persona YAML files loaded by `mi-sim personas "
        "sync`.")
    session_cookie_name: str = Field(
        default="mi_sim_session", description="Name of the browser's login cookie.")
    session_max_age_seconds: int = Field(
        default=12 * 3600, ge=60,
        description="How long a browser login lasts, in seconds.")
    login_max_attempts: int = Field(
        default=5, ge=1,
        description="Failed logins allowed for one user name from one address within the "
        "window before further attempts for that name from that address are refused.")
    login_max_attempts_per_address: int = Field(
        default=50, ge=1,
        description="Failed logins allowed from one remote address within the window (a "
        "classroom may share one address).")
    login_account_backoff_after: int = Field(
        default=10, ge=1,
        description="Failed logins for one user name, from any addresses, after which each "
        "further attempt for it must wait a little (1, 2, 4 … seconds after the latest "
        "failure): slows guessing from many addresses without locking the owner out.")
    login_account_backoff_max_seconds: int = Field(
        default=30, ge=1, le=3600,
        description="The longest wait the account-wide back-off imposes, in seconds.")
    login_window_seconds: int = Field(
        default=15 * 60, ge=1,
        description="The throttling window for failed logins, in seconds.")
    sqlite_busy_timeout_ms: int = Field(
        default=5000, ge=0,
        description="How long a SQLite writer waits for another writer to finish, in "
        "milliseconds.")
    db_pool_size: int = Field(
        default=10, ge=1,
        description="Database connections kept open per process.")
    worker_threads: int = Field(
        default=8, ge=1, le=1000,
        description="Worker threads per process for request handlers that block (database "
        "work, the engine). A few are enough: Python runs one at a time, and more threads "
        "only add switching and queue at the database's write lock (see docs/performance.md).")
    account_deletion: Literal["anonymise", "delete"] = Field(
        default="anonymise",
        description="What deleting an account does (admin page, `mi-sim users delete`): "
        "`anonymise` keeps the person's practice sessions, turns, feedback and reviews for the "
        "programme's statistics under a random name `deleted-…` and removes their identity "
        "and logins; `delete` removes them with everything that is theirs. See "
        "docs/reliability.md, \"Account deletion\".")
    allowed_hosts: str = Field(
        default="*",
        description="Comma-separated host names the app answers to (the request's `Host` "
        "header, e.g. `mi-sim.example.org,localhost`; `*.example.org` allows subdomains); "
        "any other host gets 400. `*` (the default, for local use) allows every host: set it "
        "in production.")
    max_body_bytes: int = Field(
        default=256 * 1024, ge=1024, le=1024**3,
        description="Largest request body accepted, in bytes, checked before anything reads "
        "it (413 otherwise); the library, the editor and transcript import have "
        "`max_upload_bytes` instead.")
    max_upload_bytes: int = Field(
        default=4 * 1024 * 1024, ge=1024, le=1024**3,
        description="Largest request body accepted by the routes that take a persona file or a "
        "transcript (the library, the editor, transcript import), in bytes.")
    header_timeout_seconds: float = Field(
        default=10, gt=0, le=3600,
        description="`mi-sim serve`: seconds a client has to send a request's line and "
        "headers, from the connection's start or the request's first byte (nginx's "
        "`client_header_timeout`); later, the server answers 408 and closes the connection.")
    body_timeout_seconds: float = Field(
        default=60, gt=0, le=3600,
        description="`mi-sim serve`: seconds a client has to send a request's whole body after "
        "its headers; later, 408 and the connection is closed.")
    keep_alive_timeout_seconds: int = Field(
        default=5, ge=1, le=3600,
        description="`mi-sim serve`: seconds an idle kept-alive connection stays open between "
        "two requests (nginx's `keepalive_timeout` towards clients).")
    host: str = Field(default="127.0.0.1", description="Address `mi-sim serve` listens on.")
    port: int = Field(default=8000, ge=1, le=65535,
                      description="Port `mi-sim serve` listens on.")

    @property
    def allowed_host_list(self) -> list[str]:
        """`allowed_hosts` as a list (`["*"]` allows every host)."""
        hosts = [host.strip() for host in self.allowed_hosts.split(",") if host.strip()]
        return hosts or ["*"]

    @property
    def is_default_secret(self) -> bool:
        """True while `secret_key` is the development default."""
        return self.secret_key == DEFAULT_SECRET_KEY

    def problems(self) -> list[str]:
        """What makes these settings unfit to serve with (empty when fine)."""
        found: list[str] = []
        if self.production and self.is_default_secret:
            found.append("MI_SIM_PRODUCTION is set but MI_SIM_SECRET_KEY is the development "
                         "default; set MI_SIM_SECRET_KEY to a long random value")
        if self.production and len(self.secret_key) < 32:
            found.append("MI_SIM_SECRET_KEY is shorter than 32 characters")
        return found
