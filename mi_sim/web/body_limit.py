"""Request bodies are capped before anything reads them (issue 12: a 50 MB multipart body to
`/login` was parsed whole before the CSRF check refused it).

`BodyLimit` is one plain ASGI middleware, outside every route, dependency and form parser:

- a `Content-Length` over the limit is answered 413 at once, without reading a byte of the
  body and without calling the app (no login lookup, no CSRF check, no parsing);
- a body without a length (chunked) is counted as the app reads it; at the first chunk past the
  limit the app's read fails (`BodyTooLarge`) and the answer is 413, whatever the app would
  have said;
- the limit is `MI_SIM_MAX_BODY_BYTES` for every request, except the few routes that take a
  persona file or a transcript (`UPLOAD_PATHS`: the library and editor, transcript import),
  which get `MI_SIM_MAX_UPLOAD_BYTES`.

Routes keep their own, smaller bounds with their own messages (the API's 64 KiB, a persona's
512 KiB, a transcript's 1,000,000 bytes): this is the outer wall.
"""

from __future__ import annotations

import json
import re

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

UPLOAD_PATHS = re.compile(r"/library(/.*)?|/import")
"""Paths whose POSTs carry a persona (YAML text or file) or a transcript."""


class BodyTooLarge(HTTPException):
    """Raised to the app when it reads past the limit (an HTTPException, so a framework that
    lets those through answers 413 too; the middleware answers 413 in any case)."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit:,} bytes")


class BodyLimit:
    def __init__(self, app: ASGIApp, max_body_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.max_upload_bytes = max(max_upload_bytes, max_body_bytes)

    def limit_for(self, scope: Scope) -> int:
        path: str = scope.get("path", "")
        return self.max_upload_bytes if UPLOAD_PATHS.fullmatch(path) else self.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope)
        declared = [value for name, value in scope["headers"] if name == b"content-length"]
        if declared:
            if len(declared) > 1 or not declared[0].isdigit():
                await refuse(scope, send, 400, "the Content-Length header is not a number")
                return
            if len(declared[0]) > 18 or int(declared[0]) > limit:
                await refuse(scope, send, 413, f"the request body is larger than {limit:,} "
                                               "bytes")
                return

        received = 0
        exceeded = False
        answered = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            if exceeded:
                raise BodyTooLarge(limit)
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise BodyTooLarge(limit)
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal answered
            if exceeded:  # whatever the app answers to a failed read, the answer is 413
                if not answered:
                    answered = True
                    await refuse(scope, send, 413, f"the request body is larger than "
                                                   f"{limit:,} bytes")
                return
            if message["type"] == "http.response.start":
                answered = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except BodyTooLarge:
            if answered:
                return
            answered = True
            await refuse(scope, send, 413, f"the request body is larger than {limit:,} bytes")


async def refuse(scope: Scope, send: Send, status: int, message: str) -> None:
    """A short answer, JSON under /api/, plain text elsewhere; the connection is closed (the
    body was not read)."""
    if str(scope.get("path", "")).startswith("/api/"):
        body, kind = json.dumps({"detail": message}).encode(), b"application/json"
    else:
        body, kind = f"{message}\n".encode(), b"text/plain; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", kind),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
