"""Signing in and out, and creating the first admin (offered only while no user exists)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from mi_sim.services.errors import Invalid, Throttled
from mi_sim.services.records import UserRecord
from mi_sim.web.deps import (
    CsrfLoginDep,
    OptionalLoginDep,
    ServicesDep,
    check_prelogin_csrf,
    get_settings,
)
from mi_sim.web.security import PRELOGIN_COOKIE, set_cookie
from mi_sim.web.templating import render_prelogin

router = APIRouter(tags=["pages"], include_in_schema=False)

HOME = "/personas"
NameField = Annotated[str, Form(max_length=200)]
PasswordField = Annotated[str, Form(max_length=1000)]


def safe_next(target: str | None) -> str:
    """Only same-site paths are followed after login (no open redirects)."""
    if not target:
        return HOME
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return HOME
    return target


def logged_in(request: Request, services: ServicesDep, user: UserRecord, target: str) -> Response:
    """Start a new login (a new session id every time) and go on to `target`."""
    cookie_value, _csrf = services.accounts.start_web_session(user)
    settings = get_settings(request)
    response = RedirectResponse(safe_next(target), status_code=303)
    set_cookie(response, request, settings, settings.session_cookie_name, cookie_value,
               settings.session_max_age_seconds)
    response.delete_cookie(PRELOGIN_COOKIE, path="/")
    return response


@router.get("/")
def home(services: ServicesDep, login: OptionalLoginDep) -> Response:
    if not services.accounts.has_any_user():
        return RedirectResponse("/setup", status_code=303)
    return RedirectResponse(HOME if login else "/login", status_code=303)


@router.get("/setup")
def setup_form(request: Request, services: ServicesDep) -> Response:
    if services.accounts.has_any_user():
        return RedirectResponse("/login", status_code=303)
    return render_prelogin(request, "setup.html")


@router.post("/setup", dependencies=[Depends(check_prelogin_csrf)])
def setup(request: Request, services: ServicesDep, name: NameField,
          password: PasswordField, password_again: PasswordField) -> Response:
    if services.accounts.has_any_user():
        return RedirectResponse("/login", status_code=303)
    if password != password_again:
        return render_prelogin(request, "setup.html",
                               {"error": "The two passwords differ.", "name": name}, 422)
    try:
        admin = services.accounts.create_first_admin(name, password)
    except Invalid as exc:
        return render_prelogin(request, "setup.html", {"error": exc.message, "name": name}, 422)
    return logged_in(request, services, admin, "/admin/users")


@router.get("/login")
def login_form(request: Request, services: ServicesDep, login: OptionalLoginDep,
               next: str | None = None) -> Response:
    if not services.accounts.has_any_user():
        return RedirectResponse("/setup", status_code=303)
    if login is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render_prelogin(request, "login.html", {"next": safe_next(next)})


@router.post("/login", dependencies=[Depends(check_prelogin_csrf)])
def login(request: Request, services: ServicesDep, name: NameField, password: PasswordField,
          next: Annotated[str, Form(max_length=2000)] = HOME) -> Response:
    remote = request.client.host if request.client else "unknown"
    try:
        user = services.accounts.authenticate(name, password, remote)
    except Throttled as exc:
        response = render_prelogin(request, "login.html",
                                   {"error": exc.message, "name": name, "next": next}, 429)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response
    except Invalid as exc:
        return render_prelogin(request, "login.html",
                               {"error": exc.message, "name": name, "next": next}, 401)
    return logged_in(request, services, user, next)


@router.post("/logout")
def logout(request: Request, services: ServicesDep, _login: CsrfLoginDep) -> Response:
    settings = get_settings(request)
    services.accounts.end_web_session(request.cookies.get(settings.session_cookie_name, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(settings.session_cookie_name, path="/")
    return response
