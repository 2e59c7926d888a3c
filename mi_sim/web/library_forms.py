"""Reading the persona library's requests, for routes/library.py and routes/editor.py: posted
forms (CSRF token checked, fields bounded), the JSON of editor.js (`X-CSRF-Token` checked), the
editor's text and uploaded files, and the few answers both modules give.

The editor never loses text: a form field holds a text at `MAX_BYTES` even fully
percent-encoded, so the service (not the form parser) refuses an oversize text, with its
message; the textarea's CRLF line ends (what browsers send) become LF.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from mi_sim.scenarios.loader import MAX_BYTES
from mi_sim.services import Services
from mi_sim.services.errors import Conflict, NotFound, ServiceError
from mi_sim.services.records import UserRecord, WebSessionRecord
from mi_sim.web.deps import PageError, require_role
from mi_sim.web.security import CSRF_FIELD, CSRF_HEADER, csrf_ok

readers = [Depends(require_role("supervisor", "instructor"))]
"""Every library page: supervisors read; instructors and admins may also change personas."""

FORM_PART_LIMIT = 8 * 1024 * 1024
"""Transport bound of one form field: a text at `MAX_BYTES` fits even fully percent-encoded,
so the service (not the form parser) is what refuses an oversize text, with its message."""
JSON_BODY_LIMIT = 2 * 1024 * 1024
MAX_NAME_FIELD = 200

NOTICES = {
    "saved": "Draft saved.",
    "created": "New persona saved as a draft. It stays out of the gallery until you publish it.",
    "published": "Published: new sessions now use this version; old transcripts keep theirs.",
    "retired": "Retired: trainees can no longer start it. Every version and transcript is kept.",
    "restored": "Restored as a new published version.",
    "discarded": "Draft discarded: the editor shows the newest version again.",
    "discarded-new": "Draft discarded, and with it the persona (it was never published).",
    "cohorts": "Visibility saved.",
    "golden-deleted": "Golden deleted.",
    "imported": "Imported and published.",
}


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def need_author(services: Services, user: UserRecord) -> None:
    if not services.library.may_author(user):
        raise PageError(403, "Only instructors and admins can change personas.")


def status_for(error: ServiceError) -> int:
    return 409 if isinstance(error, Conflict) else 404 if isinstance(error, NotFound) else 422


async def read_form(request: Request, login: WebSessionRecord) -> FormData:
    """The posted form (fields up to `FORM_PART_LIMIT`), after its CSRF token is checked."""
    try:
        form = await request.form(max_part_size=FORM_PART_LIMIT, max_fields=2000)
    except HTTPException as exc:
        raise PageError(400, f"The form could not be read ({exc.detail}). Nothing was "
                             "saved.") from None
    if not csrf_ok(request, form.get(CSRF_FIELD)):
        raise PageError(403, "This form has expired or did not come from this site. "
                             "Go back, reload the page and try again.")
    return form


def wants_json(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip() == "application/json"


class JsonRefusal(Exception):
    """A JSON request refused before it reaches a service; `response` is the answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.response = JSONResponse({"detail": message}, status_code=status)


async def read_json(request: Request, login: WebSessionRecord) -> dict[str, Any]:
    """A JSON request body from editor.js, after its `X-CSRF-Token` header is checked."""
    if not csrf_ok(request, request.headers.get(CSRF_HEADER)):
        raise JsonRefusal(403, f"send the login's CSRF token in the {CSRF_HEADER} header")
    body = await request.body()
    if len(body) > JSON_BODY_LIMIT:
        raise JsonRefusal(413, f"the request is over {JSON_BODY_LIMIT // 1024} KiB")
    try:
        data = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        raise JsonRefusal(400, "the request body is not JSON") from None
    if not isinstance(data, dict):
        raise JsonRefusal(400, "the request body must be a JSON object")
    return data


def field(form: FormData, name: str, limit: int = MAX_NAME_FIELD) -> str:
    value = form.get(name)
    return value[:limit] if isinstance(value, str) else ""


def posted_text(form: FormData) -> str | None:
    """The textarea's text as the user typed it (browsers send CRLF line ends), or None."""
    value = form.get("yaml_text")
    return value.replace("\r\n", "\n") if isinstance(value, str) else None


async def uploaded(form: FormData, name: str) -> bytes | None:
    """The bytes of an uploaded file (None when no file was chosen); read up to one byte past
    the size bound, which is enough for the service to refuse it."""
    value = form.get(name)
    if not isinstance(value, UploadFile) or (not value.filename and not value.size):
        return None
    return await value.read(MAX_BYTES + 1)
