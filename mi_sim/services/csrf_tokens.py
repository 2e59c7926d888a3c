"""CSRF tokens: one scheme, signed with `MI_SIM_SECRET_KEY` (issue 12).

A token is `HMAC-SHA256(key, binding)` (URL-safe base64), where the key is derived from the
secret (`HMAC-SHA256(secret, "mi-sim csrf v1")`) and the binding says what the token belongs to:

- `login:<SHA-256 of the login cookie>` for a signed-in browser (forms and the JSON API's
  `X-CSRF-Token` header);
- `prelogin:<nonce>` for the forms shown before sign-in (login, first admin), where the nonce
  is a random value in a short-lived cookie.

Only the server can make a token, so a cookie an attacker manages to plant (a sibling
subdomain, a man in the middle on plain http) is no use without the token signed for it — the
old pre-login double-submit compared the cookie with the form field and was bound to no
secret. Checking needs no database: the web layer (`web/security.py::csrf_ok`) recomputes the
token from the request's cookie. Changing the secret invalidates every outstanding token.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac

CONTEXT = b"mi-sim csrf v1"


@functools.lru_cache(maxsize=4)
def _key(secret_key: str) -> bytes:
    return hmac.new(secret_key.encode("utf-8"), CONTEXT, hashlib.sha256).digest()


def signed_token(secret_key: str, binding: str) -> str:
    digest = hmac.new(_key(secret_key), binding.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def login_token(secret_key: str, cookie_value: str) -> str:
    """The CSRF token of the browser login whose cookie holds `cookie_value`."""
    login_id = hashlib.sha256(cookie_value.encode("utf-8")).hexdigest()
    return signed_token(secret_key, f"login:{login_id}")


def prelogin_token(secret_key: str, nonce: str) -> str:
    """The CSRF token of a pre-login form whose cookie holds `nonce`."""
    return signed_token(secret_key, f"prelogin:{nonce}")
