"""The application factory: settings and services in, a FastAPI app out.

    app = create_app(Settings())            # what `mi-sim serve` runs
    app = create_app(settings, services)    # tests pass their own services

Pages live in `routes/` (a module per kind of page); the JSON API in `routes/api.py`.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from urllib.parse import quote

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.middleware.trustedhost import TrustedHostMiddleware

from mi_sim import __version__
from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.services.errors import (
    Conflict,
    Forbidden,
    Invalid,
    NotFound,
    ServiceError,
    Throttled,
)
from mi_sim.storage.db import is_read_only
from mi_sim.web.body_limit import BodyLimit
from mi_sim.web.deps import ApiError, LoginRequired, PageError
from mi_sim.web.paths import STATIC
from mi_sim.web.routes import ROUTERS
from mi_sim.web.security import SecurityHeaders
from mi_sim.web.templating import render


class ConfigurationError(RuntimeError):
    """The settings are unfit to serve with (e.g. production with the default secret)."""


def status_of(error: ServiceError) -> int:
    for kind, status in ((NotFound, 404), (Conflict, 409), (Forbidden, 403), (Throttled, 429),
                         (Invalid, 422)):
        if isinstance(error, kind):
            return status
    return 400


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def create_app(settings: Settings | None = None, services: Services | None = None) -> FastAPI:
    settings = settings or Settings()
    problems = settings.problems()
    if problems:
        raise ConfigurationError("; ".join(problems))
    services = services or Services.from_settings(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Sync endpoints and dependencies run in AnyIO's worker threads (40 by default).
        # Python runs one thread at a time, so beyond a few threads more concurrency only adds
        # GIL hand-offs and writers queueing for SQLite's lock: cap them (docs/performance.md).
        to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
        # What was built at start-up (modules, routes, personas) lives as long as the process:
        # keep the cyclic collector from walking it on every full collection, a pause of tens
        # of milliseconds for every thread (docs/performance.md).
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()

    app = FastAPI(title="mi-sim", version=__version__,
                  description="Practise Motivational Interviewing with simulated patients.",
                  docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json",
                  lifespan=lifespan)
    app.state.settings = settings
    app.state.services = services
    # Middleware added last runs first: the security headers wrap every answer, the body
    # limit's 413 included, and the body limit runs before any route, dependency or parser.
    app.add_middleware(BodyLimit, max_body_bytes=settings.max_body_bytes,
                       max_upload_bytes=settings.max_upload_bytes)
    if settings.allowed_host_list != ["*"]:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_host_list,
                           www_redirect=False)
    app.add_middleware(SecurityHeaders)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for router in ROUTERS:
        app.include_router(router)
    _install_error_handlers(app)
    return app


log = logging.getLogger("mi_sim.web")

RETRY_AFTER_S = 1
READ_ONLY = ("the database is read-only, so nothing can be saved (reading still works): "
             "an administrator must make it writable again")
UNAVAILABLE = ("the database is busy or unavailable for a moment: nothing was saved, "
               "please try again")


def _database_error(request: Request, message: str, headers: dict[str, str]) -> Response:
    if is_api(request):
        return JSONResponse({"detail": message}, status_code=503, headers=headers)
    response = render(request, "error.html", {"status": 503, "message": message},
                      status_code=503)
    response.headers.update(headers)
    return response


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(LoginRequired)
    async def login_required(request: Request, exc: LoginRequired) -> Response:
        if is_api(request):
            return JSONResponse({"detail": "authentication required"}, status_code=401)
        return RedirectResponse(f"/login?next={quote(exc.next_url, safe='/')}", status_code=303)

    @app.exception_handler(PageError)
    async def page_error(request: Request, exc: PageError) -> Response:
        return render(request, "error.html", {"status": exc.status, "message": exc.message},
                      status_code=exc.status)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return JSONResponse({"detail": exc.message}, status_code=exc.status,
                            headers=exc.headers)

    @app.exception_handler(DBAPIError)
    @app.exception_handler(PoolTimeout)
    async def database_unavailable(request: Request, exc: Exception) -> Response:
        # A database that cannot be written at all (a read-only file or mount, a PostgreSQL
        # standby or read-only role): say so, and do not ask for a retry that cannot succeed.
        if is_read_only(exc):
            log.error("the database is read-only: %s %s was refused", request.method,
                      request.url.path)
            return _database_error(request, READ_ONLY, {})
        # A locked or busy SQLite file (after the busy timeout), a PostgreSQL server that is
        # restarting or unreachable, or no pooled connection free in time. The transaction
        # was rolled back, so nothing is half-stored; the client retries (a turn with the
        # same client_turn_id, which the browser page does by itself).
        if not isinstance(exc, OperationalError | PoolTimeout):
            raise exc  # any other database error is a fault: a 500, logged
        log.warning("database unavailable for %s %s: %s", request.method, request.url.path,
                    exc)
        return _database_error(request, UNAVAILABLE, {"Retry-After": str(RETRY_AFTER_S)})

    @app.exception_handler(ServiceError)
    async def service_error(request: Request, exc: ServiceError) -> Response:
        status = status_of(exc)
        headers = ({"Retry-After": str(exc.retry_after)} if isinstance(exc, Throttled) else {})
        if is_api(request):
            return JSONResponse({"detail": exc.message}, status_code=status, headers=headers)
        response = render(request, "error.html", {"status": status, "message": exc.message},
                          status_code=status)
        response.headers.update(headers)
        return response
