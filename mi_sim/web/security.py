"""Security headers, cookies and CSRF tokens for the browser side of the app.

One CSRF mechanism (`csrf_ok`): every token is signed with `MI_SIM_SECRET_KEY` and bound to a
cookie (`services/csrf_tokens.py`). Forms of a logged-in user carry the token of their login
cookie; forms shown before login (login, first admin) the token of a random pre-login cookie.
Browser calls to the JSON API authenticated by the login cookie send the login's token in the
`X-CSRF-Token` header; bearer-token calls need none (no ambient credential).
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mi_sim.config import Settings
from mi_sim.services.csrf_tokens import login_token, prelogin_token

PRELOGIN_COOKIE = "mi_sim_prelogin"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


_RAW_HEADERS = [(name.lower().encode("latin-1"), value.encode("latin-1"))
                for name, value in HEADERS.items()]


_NO_STORE = (b"cache-control", b"no-store")
STATIC_PREFIX = "/static/"


class SecurityHeaders:
    """Plain ASGI middleware adding `HEADERS` to every HTTP response that lacks them, and
    `Cache-Control: no-store` to every answer but a static file's that sets no Cache-Control
    itself: pages and API answers belong to one login (or, before login, carry a one-off
    CSRF token), so neither the browser nor a proxy may keep them.

    (Starlette's BaseHTTPMiddleware would cost a task and a stream per request.)
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        static = scope.get("path", "").startswith(STATIC_PREFIX)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(n, v) for n, v in _RAW_HEADERS if n not in present]
                if b"cache-control" not in present and not static:
                    extra.append(_NO_STORE)
                if extra:
                    message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def csrf_ok(request: Request, given: object, *, prelogin: bool = False) -> bool:
    """The one CSRF check (forms, the JSON API's header, the library's editor): `given` must
    be the token signed with the secret for this request's login cookie, or, for a pre-login
    form (`prelogin=True`), for its pre-login cookie (`services/csrf_tokens.py`)."""
    settings: Settings = request.app.state.settings
    if prelogin:
        nonce = request.cookies.get(PRELOGIN_COOKIE)
        expected = prelogin_token(settings.secret_key, nonce) if nonce else ""
    else:
        cookie = request.cookies.get(settings.session_cookie_name)
        expected = login_token(settings.secret_key, cookie) if cookie else ""
    return bool(expected) and isinstance(given, str) and hmac.compare_digest(
        expected.encode(), given.encode("utf-8", "replace"))


def new_token() -> str:
    return secrets.token_urlsafe(32)


def secure_cookies(request: Request, settings: Settings) -> bool:
    """Cookies are `Secure` in production and whenever the request came over https."""
    forwarded = request.headers.get("x-forwarded-proto", "")
    return settings.production or request.url.scheme == "https" or forwarded == "https"


def set_cookie(response: Response, request: Request, settings: Settings, name: str, value: str,
               max_age: int) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="lax",
                        secure=secure_cookies(request, settings), path="/")
