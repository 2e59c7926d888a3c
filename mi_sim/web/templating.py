"""Jinja2 rendering with what every page needs: the login, its CSRF token, the site name."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from mi_sim.services.csrf_tokens import prelogin_token
from mi_sim.web.deps import get_settings, optional_login
from mi_sim.web.paths import TEMPLATES
from mi_sim.web.security import PRELOGIN_COOKIE, new_token, set_cookie

templates = Jinja2Templates(directory=str(TEMPLATES))


def static_url(path: str) -> str:
    """The URL of a file under static/, relative to the site: never built from the request's
    `Host` header (Starlette's `url_for` makes absolute URLs from it)."""
    return "/static/" + quote(path)


templates.env.globals["static_url"] = static_url

PRELOGIN_MAX_AGE = 3600


def render(request: Request, name: str, context: dict[str, Any] | None = None,
           status_code: int = 200) -> HTMLResponse:
    """Render a page for the current login (or for a visitor)."""
    login = optional_login(request)
    values: dict[str, Any] = {"login": login, "user": login.user if login else None,
                              "csrf_token": login.csrf_token if login else ""}
    values.update(context or {})
    return templates.TemplateResponse(request, name, values, status_code=status_code)


def render_prelogin(request: Request, name: str, context: dict[str, Any] | None = None,
                    status_code: int = 200) -> HTMLResponse:
    """Render a logged-out form with a fresh pre-login cookie and the token signed for it."""
    nonce = new_token()
    settings = get_settings(request)
    response = render(request, name, {**(context or {}), "csrf_token": prelogin_token(
        settings.secret_key, nonce)}, status_code)
    set_cookie(response, request, settings, PRELOGIN_COOKIE, nonce, PRELOGIN_MAX_AGE)
    return response
