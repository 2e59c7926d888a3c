"""FastAPI dependencies: services, the logged-in user, roles, CSRF, API authentication."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, Request

from mi_sim.config import Settings
from mi_sim.services import Services
from mi_sim.services.records import UserRecord, WebSessionRecord
from mi_sim.web.security import CSRF_FIELD, CSRF_HEADER, csrf_ok

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class LoginRequired(Exception):
    """A page needs a login: the handler redirects to /login?next=…"""

    def __init__(self, next_url: str) -> None:
        self.next_url = next_url


class PageError(Exception):
    """A page-level refusal shown as an error page with this status."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class ApiError(Exception):
    """A JSON API refusal: `{"detail": message}` with this status."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


async def services_dependency(request: Request) -> Services:
    """`get_services` as a dependency: `async` because it does no I/O, so FastAPI calls it on
    the event loop instead of sending it to a worker thread and back."""
    return get_services(request)


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def optional_login(request: Request) -> WebSessionRecord | None:
    """The browser login behind the request's cookie, looked up once per request."""
    if not hasattr(request.state, "login"):
        cookie = request.cookies.get(get_settings(request).session_cookie_name, "")
        request.state.login = get_services(request).accounts.user_for_web_session(cookie)
    login: WebSessionRecord | None = request.state.login
    return login


def require_login(request: Request,
                  login: Annotated[WebSessionRecord | None, Depends(optional_login)],
                  ) -> WebSessionRecord:
    if login is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        raise LoginRequired(target)
    return login


def require_role(*roles: str) -> Callable[..., WebSessionRecord]:
    """A dependency admitting only logged-in users with one of `roles` (admins always)."""

    def dependency(login: Annotated[WebSessionRecord, Depends(require_login)],
                   ) -> WebSessionRecord:
        if login.user.role not in roles and not login.user.is_admin:
            raise PageError(403, "This page is not available to your role.")
        return login

    return dependency


async def check_csrf(request: Request,
                     login: Annotated[WebSessionRecord, Depends(require_login)],
                     ) -> WebSessionRecord:
    """Refuse a logged-in form post whose CSRF token does not match the login's."""
    form = await request.form()
    if not csrf_ok(request, form.get(CSRF_FIELD)):
        raise PageError(403, "This form has expired or did not come from this site. "
                             "Go back, reload the page and try again.")
    return login


async def check_prelogin_csrf(request: Request) -> None:
    """Refuse a logged-out form post (login, first admin) without its double-submit token."""
    form = await request.form()
    if not csrf_ok(request, form.get(CSRF_FIELD), prelogin=True):
        raise PageError(403, "This form has expired. Reload the page and try again.")


def api_user(request: Request) -> UserRecord:
    """The caller of a JSON API endpoint: a bearer token, or the browser login plus CSRF."""
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        user = (get_services(request).accounts.user_for_token(token.strip())
                if scheme.lower() == "bearer" else None)
        if user is None:
            raise _invalid_token()
        return user
    login = optional_login(request)
    if login is None:
        raise _no_credentials()
    if request.method not in SAFE_METHODS and not csrf_ok(request,
                                                          request.headers.get(CSRF_HEADER)):
        raise ApiError(403, f"a browser request must send the {CSRF_HEADER} header")
    return login.user


def _invalid_token() -> ApiError:
    return ApiError(401, "invalid or revoked token",
                    {"WWW-Authenticate": 'Bearer error="invalid_token"'})


def _no_credentials() -> ApiError:
    return ApiError(401, "authentication required: send Authorization: Bearer <token>",
                    {"WWW-Authenticate": "Bearer"})


class ApiCaller:
    """The credentials of a JSON API request, checked against the database by `user()`.

    The `api_caller` dependency runs on the event loop and refuses, without any database
    work, a request with no credentials or with a non-Bearer `Authorization`. The database
    lookup (`user()`, i.e. `api_user`) then runs inside the endpoint, in the worker thread the
    endpoint runs in anyway: one thread hop per request instead of one per dependency, which
    is most of the difference on the hot turn path (docs/performance.md).
    """

    __slots__ = ("_request", "_user")

    def __init__(self, request: Request) -> None:
        self._request = request
        self._user: UserRecord | None = None

    def user(self) -> UserRecord:
        """The authenticated caller (looked up once); raises `ApiError` 401/403."""
        if self._user is None:
            self._user = api_user(self._request)
        return self._user


async def api_caller(request: Request) -> ApiCaller:
    header = request.headers.get("authorization", "")
    if header:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise _invalid_token()
    elif not request.cookies.get(get_settings(request).session_cookie_name):
        raise _no_credentials()
    return ApiCaller(request)


ServicesDep = Annotated[Services, Depends(services_dependency)]
LoginDep = Annotated[WebSessionRecord, Depends(require_login)]
OptionalLoginDep = Annotated[WebSessionRecord | None, Depends(optional_login)]
CsrfLoginDep = Annotated[WebSessionRecord, Depends(check_csrf)]
ApiUserDep = Annotated[UserRecord, Depends(api_user)]
ApiCallerDep = Annotated[ApiCaller, Depends(api_caller)]
