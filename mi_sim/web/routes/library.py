"""The persona library for instructors (and admins; supervisors read): the library, a persona's
versions, diffs and goldens, the YAML editor with its preview, and the public JSON Schema.

    GET  /library                          every persona; "New persona"; "Import YAML"
    POST /library/import                   a YAML file → draft (or published at once)
    GET  /library/new, POST /library/new   the editor for a new persona
    GET  /library/{slug}                   versions, diff form, visibility, goldens
    GET  /library/{slug}/versions/{n}.yaml export (attachment); /library/{slug}/draft.yaml
    GET  /library/{slug}/diff?a=&b=        unified diff of two versions or the draft
    POST /library/{slug}/retire | /versions/{n}/restore | /cohorts
    POST /library/{slug}/goldens/run | /goldens/delete | /goldens (save a preview)
    GET  /library/{slug}/edit, POST …/edit | …/publish | …/discard
    POST /library/{slug}/preview           JSON (editor.js) or the editor page (no JS)
    GET  /schema/persona.json              the persona JSON Schema (public, cached)

Routes parse, call `services.library`, render. Every POST checks the login's CSRF token: a
form field, or the `X-CSRF-Token` header for the JSON requests of editor.js. The editor never
loses text: a refused save (over the size bound, not UTF-8, a slug taken) re-renders the page
with the text as sent; the textarea's CRLF line ends (what browsers send) are stored as LF.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException

from mi_sim.scenarios.goldens import GoldenResult, describe
from mi_sim.scenarios.loader import MAX_BYTES
from mi_sim.scenarios.preview import (
    MAX_PREVIEW_LINES,
    Preview,
)
from mi_sim.scenarios.schema import persona_json_schema
from mi_sim.services import Services
from mi_sim.services.errors import Conflict, Invalid, NotFound, ServiceError
from mi_sim.services.library import NO_DRAFT, DraftBase
from mi_sim.services.records import DraftRecord, LibraryEntry, UserRecord, WebSessionRecord
from mi_sim.web.deps import LoginDep, PageError, ServicesDep, require_role
from mi_sim.web.format_reference import reference_html, starter_text
from mi_sim.web.security import CSRF_FIELD, CSRF_HEADER, tokens_match
from mi_sim.web.templating import render

router = APIRouter(tags=["library"], include_in_schema=False)
readers = [Depends(require_role("supervisor", "instructor"))]

SCHEMA_URL = "/schema/persona.json"
FORM_PART_LIMIT = 8 * 1024 * 1024
"""Transport bound of one form field: a text at `MAX_BYTES` fits even fully percent-encoded,
so the service (not the form parser) is what refuses an oversize text, with its message."""
SHOW_BACK_LIMIT = 4 * 1024 * 1024
"""A refused text longer than this is not echoed back into the textarea."""
JSON_BODY_LIMIT = 2 * 1024 * 1024
MAX_NAME_FIELD = 200
PANELS = ("reference", "preview")

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


# --- parsing and checks ------------------------------------------------------------------


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
    if not tokens_match(login.csrf_token, str(form.get(CSRF_FIELD, ""))):
        raise PageError(403, "This form has expired or did not come from this site. "
                             "Go back, reload the page and try again.")
    return form


def wants_json(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";")[0].strip() == "application/json"


async def read_json(request: Request, login: WebSessionRecord) -> dict[str, Any]:
    """A JSON request body from editor.js, after its `X-CSRF-Token` header is checked."""
    if not tokens_match(login.csrf_token, request.headers.get(CSRF_HEADER)):
        raise json_error(403, f"send the login's CSRF token in the {CSRF_HEADER} header")
    body = await request.body()
    if len(body) > JSON_BODY_LIMIT:
        raise json_error(413, f"the request is over {JSON_BODY_LIMIT // 1024} KiB")
    try:
        data = json.loads(body or b"{}")
    except (ValueError, RecursionError):
        raise json_error(400, "the request body is not JSON") from None
    if not isinstance(data, dict):
        raise json_error(400, "the request body must be a JSON object")
    return data


class JsonRefusal(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.response = JSONResponse({"detail": message}, status_code=status)


def json_error(status: int, message: str) -> JsonRefusal:
    return JsonRefusal(status, message)


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


def draft_base(form: FormData) -> DraftBase:
    """The draft the editor's text was edited from (its hidden `draft_updated_at` field: the
    draft's `updated_at`, or "none"); None, so not checked, when the field is missing or
    garbled."""
    raw = field(form, "draft_updated_at", 64).strip()
    if raw == NO_DRAFT:
        return NO_DRAFT
    try:
        when = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def parse_side(raw: str | None, what: str) -> int | Literal["draft", "published"]:
    raw = (raw or "").strip()
    if raw == "draft" or raw == "published":
        return raw
    if raw.isascii() and raw.isdigit() and len(raw) < 10:
        return int(raw)
    raise Invalid(f"{what} must be a version number, 'draft' or 'published'")


def parse_number(raw: str) -> int:
    if raw.isascii() and raw.isdigit() and len(raw) < 10:
        return int(raw)
    raise PageError(404, "No such version.")


# --- the library page --------------------------------------------------------------------


def library_page(request: Request, services: Services, user: UserRecord,
                 status_code: int = 200, **context: Any) -> Response:
    values: dict[str, Any] = {
        "entries": services.library.library(user),
        "can_author": services.library.may_author(user),
        "notice": None, "error": None, "problems": (), "import_form": {},
        "max_kib": MAX_BYTES // 1024,
    }
    values.update(context)
    return render(request, "library/index.html", values, status_code)


@router.get("/library", dependencies=readers)
def library(request: Request, services: ServicesDep, login: LoginDep,
            done: str | None = None) -> Response:
    return library_page(request, services, login.user, notice=NOTICES.get(done or ""))


@router.post("/library/import", dependencies=readers)
async def import_yaml(request: Request, services: ServicesDep, login: LoginDep) -> Response:
    form = await read_form(request, login)
    need_author(services, login.user)
    data = await uploaded(form, "file")
    options = {"publish": bool(form.get("publish")), "replace_draft": bool(form.get("replace"))}
    upload = form.get("file")
    filename = (upload.filename or "upload.yaml")[:200] if isinstance(upload, UploadFile) \
        else "upload.yaml"
    if data is None:
        return await run_in_threadpool(
            library_page, request, services, login.user, 422,
            error="Choose a persona file (.yaml) to import.", import_form=options)

    def work() -> Response:
        try:
            result = services.library.import_yaml(login.user, data, options["publish"],
                                                  filename=filename,
                                                  replace_draft=options["replace_draft"])
        except ServiceError as exc:
            if not isinstance(exc, Invalid | Conflict):
                raise
            return library_page(request, services, login.user, status_for(exc),
                                error=exc.message, import_form=options,
                                problems=getattr(exc, "problems", ()))
        if isinstance(result, DraftRecord):
            return see_other(f"/library/{result.slug}/edit?done=imported")
        return see_other(f"/library/{result.slug}?done=imported")

    return await run_in_threadpool(work)


# --- one persona -------------------------------------------------------------------------


def golden_lines(result: GoldenResult) -> list[tuple[str, str]]:
    """`describe(result)` as (css class, text) pairs: the golden's value removed, the replay's
    added, headings plain."""
    out = []
    for line in describe(result):
        kind = "del" if line.startswith("  - ") else "add" if line.startswith("  + ") else \
            "head" if not line.startswith(" ") else "ctx"
        out.append((kind, line))
    return out


def run_choices(entry: LibraryEntry) -> list[tuple[str, str]]:
    choices = []
    if entry.published is not None:
        choices.append(("published", f"the published version ({entry.published.number})"))
    if entry.has_draft:
        choices.append(("draft", "the draft"))
    for version in reversed(entry.versions):
        if entry.published is None or version.number != entry.published.number:
            choices.append((str(version.number), f"version {version.number}"))
    return choices


def persona_page(request: Request, services: Services, user: UserRecord, slug: str,
                 status_code: int = 200, **context: Any) -> Response:
    entry = services.library.entry(user, slug)
    can_author = services.library.may_author(user)
    draft = services.library.draft(user, slug) if entry.has_draft else None
    values: dict[str, Any] = {
        "entry": entry, "draft": draft, "can_author": can_author,
        "goldens": services.library.goldens(user, slug),
        "cohorts": services.cohorts.list_cohorts() if can_author else [],
        "chosen_cohorts": {c.id for c in entry.cohorts},
        "run_choices": run_choices(entry), "results": None, "ran_against": None,
        "golden_lines": golden_lines, "notice": None, "error": None,
        "sides": sides_of(entry),
    }
    values.update(context)
    return render(request, "library/persona.html", values, status_code)


def sides_of(entry: LibraryEntry) -> list[tuple[str, str]]:
    sides = [(str(v.number), f"version {v.number} ({v.status})")
             for v in reversed(entry.versions)]
    if entry.has_draft:
        sides.insert(0, ("draft", "the draft"))
    return sides


@router.get("/library/new", dependencies=readers)
def new_persona(request: Request, services: ServicesDep, login: LoginDep) -> Response:
    need_author(services, login.user)
    return editor_page(request, services, login.user, None, text=starter_text())


@router.post("/library/new", dependencies=readers)
async def create_persona(request: Request, services: ServicesDep, login: LoginDep) -> Response:
    form = await read_form(request, login)
    need_author(services, login.user)
    text = posted_text(form) or ""
    data = await uploaded(form, "file")

    def work() -> Response:
        try:
            draft = services.library.save_draft(login.user, None,
                                                data if data is not None else text)
        except ServiceError as exc:
            if not isinstance(exc, Invalid | Conflict):
                raise
            return editor_page(request, services, login.user, None, status_for(exc),
                               text=text, error=exc.message, unsaved=True)
        return see_other(f"/library/{draft.slug}/edit?done=created")

    return await run_in_threadpool(work)


@router.get("/library/{slug}", dependencies=readers)
def persona(request: Request, services: ServicesDep, login: LoginDep, slug: str,
            done: str | None = None) -> Response:
    return persona_page(request, services, login.user, slug, notice=NOTICES.get(done or ""))


def yaml_attachment(text: str, filename: str) -> Response:
    return Response(text.encode("utf-8"), media_type="text/yaml; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{filename}"',
        "Cache-Control": "no-store"})


@router.get("/library/{slug}/versions/{number}.yaml", dependencies=readers)
def export_version(services: ServicesDep, login: LoginDep, slug: str,
                   number: str) -> Response:
    text = services.library.export_yaml(login.user, slug, parse_number(number))
    return yaml_attachment(text, f"{slug}-v{number}.yaml")


@router.get("/library/{slug}/draft.yaml", dependencies=readers)
def export_draft(services: ServicesDep, login: LoginDep, slug: str) -> Response:
    draft = services.library.draft(login.user, slug)
    if draft is None:
        raise PageError(404, f"'{slug}' has no draft.")
    return yaml_attachment(draft.yaml_text, f"{slug}-draft.yaml")


def diff_classes(lines: list[str]) -> list[tuple[str, str]]:
    out = []
    for line in lines:
        if line.startswith(("+++", "---")):
            kind = "file"
        elif line.startswith("@@"):
            kind = "hunk"
        elif line.startswith("+"):
            kind = "add"
        elif line.startswith("-"):
            kind = "del"
        else:
            kind = "ctx"
        out.append((kind, line))
    return out


@router.get("/library/{slug}/diff", dependencies=readers)
def diff(request: Request, services: ServicesDep, login: LoginDep, slug: str,
         a: str | None = None, b: str | None = None) -> Response:
    entry = services.library.entry(login.user, slug)
    numbers = [v.number for v in entry.versions]
    default_b = "draft" if entry.has_draft else (str(numbers[-1]) if numbers else "draft")
    default_a = (str(numbers[-1]) if entry.has_draft and numbers else
                 str(numbers[-2]) if len(numbers) > 1 else default_b)
    a_raw, b_raw = (a or default_a)[:20], (b or default_b)[:20]
    error, lines = None, []
    try:
        lines = services.library.diff(login.user, slug, parse_side(a_raw, "a"),
                                      parse_side(b_raw, "b"))
    except (Invalid, NotFound) as exc:
        error = exc.message
    sides = sides_of(entry)
    if entry.published is not None:
        sides.append(("published", "the published version"))
    return render(request, "library/diff.html", {
        "entry": entry, "a": a_raw, "b": b_raw, "sides": sides,
        "lines": diff_classes(lines), "error": error,
    }, 422 if error else 200)


@router.post("/library/{slug}/retire", dependencies=readers)
async def retire(request: Request, services: ServicesDep, login: LoginDep,
                 slug: str) -> Response:
    await read_form(request, login)
    need_author(services, login.user)

    def work() -> Response:
        try:
            services.library.retire(login.user, slug)
        except Conflict as exc:
            return persona_page(request, services, login.user, slug, 409, error=exc.message)
        return see_other(f"/library/{slug}?done=retired")

    return await run_in_threadpool(work)


@router.post("/library/{slug}/versions/{number}/restore", dependencies=readers)
async def restore(request: Request, services: ServicesDep, login: LoginDep, slug: str,
                  number: str) -> Response:
    await read_form(request, login)
    need_author(services, login.user)
    version = parse_number(number)

    def work() -> Response:
        try:
            services.library.restore(login.user, slug, version)
        except (Invalid, Conflict) as exc:
            return persona_page(request, services, login.user, slug, status_for(exc),
                                error=exc.message)
        return see_other(f"/library/{slug}?done=restored")

    return await run_in_threadpool(work)


@router.post("/library/{slug}/cohorts", dependencies=readers)
async def set_cohorts(request: Request, services: ServicesDep, login: LoginDep,
                      slug: str) -> Response:
    form = await read_form(request, login)
    need_author(services, login.user)
    raw = [value for value in form.getlist("cohort") if isinstance(value, str)]
    if any(not (v.isascii() and v.isdigit() and len(v) < 10) for v in raw):
        raise PageError(422, "Cohorts are chosen by their ids.")
    ids = [int(v) for v in raw]

    def work() -> Response:
        try:
            services.library.set_cohorts(login.user, slug, ids)
        except (Invalid, NotFound) as exc:
            return persona_page(request, services, login.user, slug, status_for(exc),
                                error=exc.message)
        return see_other(f"/library/{slug}?done=cohorts#visibility")

    return await run_in_threadpool(work)


@router.post("/library/{slug}/goldens/run", dependencies=readers)
async def run_goldens(request: Request, services: ServicesDep, login: LoginDep,
                      slug: str) -> Response:
    form = await read_form(request, login)
    against_raw = field(form, "against", 20) or "published"

    def work() -> Response:
        try:
            against = parse_side(against_raw, "the version to run against")
            results = services.library.run_goldens(login.user, slug, against)
        except (Invalid, NotFound) as exc:
            return persona_page(request, services, login.user, slug, status_for(exc),
                                error=exc.message, ran_against=against_raw)
        return persona_page(request, services, login.user, slug, results=results,
                            ran_against=against_raw)

    return await run_in_threadpool(work)


@router.post("/library/{slug}/goldens/delete", dependencies=readers)
async def delete_golden(request: Request, services: ServicesDep, login: LoginDep,
                        slug: str) -> Response:
    form = await read_form(request, login)
    need_author(services, login.user)
    name = field(form, "name")
    await run_in_threadpool(services.library.delete_golden, login.user, slug, name)
    return see_other(f"/library/{slug}?done=golden-deleted#goldens")


# --- the editor --------------------------------------------------------------------------


def levels_of(services: Services, user: UserRecord, slug: str | None,
              entry: LibraryEntry | None) -> tuple[list[str], str]:
    """The levels for the preview's level choice, and the default one."""
    if slug is not None and entry is not None:
        try:
            persona, _label, _number = services.library.preview_target(user, slug)
        except Invalid:
            persona = None
        if persona is not None:
            return sorted(persona.levels), persona.default_level
    return ["gentle", "standard", "hard"], "standard"


def editor_page(request: Request, services: Services, user: UserRecord, slug: str | None,
                status_code: int = 200, *, text: str | None = None, unsaved: bool = False,
                preview: Preview | None = None, preview_error: str | None = None,
                **context: Any) -> Response:
    """The editor for `slug` (None: a new persona). `text` is what the textarea shows when it
    is not the saved draft (`unsaved` says so: a refused save, or unsaved changes carried
    through a preview or a refused publish)."""
    entry = services.library.entry(user, slug) if slug is not None else None
    draft = services.library.draft(user, slug) if entry is not None and entry.has_draft \
        else None
    if text is None:
        if draft is not None:
            text = draft.yaml_text
        elif entry is not None and entry.versions:
            text = services.library.export_yaml(user, slug or "", entry.versions[-1].number)
        else:
            text = starter_text()
    shows_draft = draft is not None and text == draft.yaml_text
    problems = draft.problems if shows_draft and draft is not None else ()
    if len(text) > SHOW_BACK_LIMIT:
        text = ""
    levels, default_level = levels_of(services, user, slug, entry)
    values: dict[str, Any] = {
        "slug": slug, "entry": entry, "draft": draft, "text": text,
        "unsaved": unsaved or (draft is not None and not shows_draft),
        "problems": problems,
        "errors": sum(1 for p in problems if p.severity == "error"),
        "warnings": sum(1 for p in problems if p.severity == "warning"),
        "publishable": shows_draft and draft is not None and draft.publishable,
        "reference_html": reference_html(), "schema_url": SCHEMA_URL,
        "max_kib": MAX_BYTES // 1024, "max_preview_lines": MAX_PREVIEW_LINES,
        "levels": levels, "level": default_level, "seed": 1,
        "preview": preview, "preview_error": preview_error,
        "preview_lines_json": json.dumps(list(preview.lines) if preview else []),
        "preview_label": ("the draft" if draft is not None else
                          f"version {entry.latest.number}" if entry and entry.latest else None),
        "panel": "preview" if preview or preview_error else "reference",
        "notice": None, "error": None, "golden_name": "", "conflict": False,
        "draft_token": draft.updated_at.isoformat() if draft is not None else NO_DRAFT,
    }
    if preview is not None:
        values.update(level=preview.level, seed=preview.seed)
    values.update(context)
    return render(request, "library/editor.html", values, status_code)


@router.get("/library/{slug}/edit", dependencies=readers)
def edit(request: Request, services: ServicesDep, login: LoginDep, slug: str,
         done: str | None = None) -> Response:
    need_author(services, login.user)
    notice = NOTICES.get(done or "")
    if done == "imported":
        notice = "Imported as a draft: check the problems below, then publish it."
    return editor_page(request, services, login.user, slug, notice=notice)


@router.post("/library/{slug}/edit", dependencies=readers)
async def save_draft(request: Request, services: ServicesDep, login: LoginDep,
                     slug: str) -> Response:
    form = await read_form(request, login)
    need_author(services, login.user)
    text = posted_text(form) or ""
    data = await uploaded(form, "file")
    base = draft_base(form)

    def work() -> Response:
        try:
            services.library.save_draft(login.user, slug, data if data is not None else text,
                                        base)
        except ServiceError as exc:
            if not isinstance(exc, Invalid | Conflict):
                raise
            return editor_page(request, services, login.user, slug, status_for(exc),
                               text=text, unsaved=True, error=exc.message,
                               conflict=isinstance(exc, Conflict))
        return see_other(f"/library/{slug}/edit?done=saved")

    return await run_in_threadpool(work)


@router.post("/library/{slug}/publish", dependencies=readers)
async def publish(request: Request, services: ServicesDep, login: LoginDep,
                  slug: str) -> Response:
    form = await read_form(request, login)
    need_author(services, login.user)
    text = posted_text(form)

    def work() -> Response:
        draft = services.library.draft(login.user, slug)
        if text is not None and (draft is None or text != draft.yaml_text):
            return editor_page(request, services, login.user, slug, 409, text=text,
                               unsaved=True, error="The editor holds unsaved changes: save "
                               "the draft first, then publish it. Nothing was published.")
        try:
            services.library.publish(login.user, slug)
        except (Invalid, Conflict, NotFound) as exc:
            return editor_page(request, services, login.user, slug, status_for(exc),
                               text=text, error=exc.message)
        return see_other(f"/library/{slug}?done=published")

    return await run_in_threadpool(work)


@router.post("/library/{slug}/discard", dependencies=readers)
async def discard(request: Request, services: ServicesDep, login: LoginDep,
                  slug: str) -> Response:
    await read_form(request, login)
    need_author(services, login.user)

    def work() -> Response:
        services.library.discard_draft(login.user, slug)
        entry = next((e for e in services.library.library(login.user) if e.slug == slug), None)
        if entry is None:
            return see_other("/library?done=discarded-new")
        return see_other(f"/library/{slug}/edit?done=discarded")

    return await run_in_threadpool(work)


def preview_request(data: dict[str, Any] | FormData) -> tuple[object, object, object, object]:
    """(lines, new line, level, seed) of a preview request as sent, for the service to check:
    JSON from editor.js, or the no-JS form (its lines a JSON list in a hidden field, emptied
    by "Start again")."""
    if isinstance(data, FormData):
        raw = field(data, "lines", (MAX_PREVIEW_LINES + 1) * 2100 * 6)
        try:
            lines = json.loads(raw) if raw.strip() else []
        except (ValueError, RecursionError):
            raise Invalid("the preview's lines were garbled; start again") from None
        new_line: object = data.get("line")
        if data.get("restart"):
            lines, new_line = [], None
        return lines, new_line, field(data, "level", 40), data.get("seed") or ""
    return data.get("lines", []), data.get("line"), data.get("level") or "", data.get("seed", 1)


def run_preview(services: Services, user: UserRecord, slug: str,
                data: dict[str, Any] | FormData,
                new_line_too: bool = True) -> tuple[Preview, str, int | None]:
    lines, new_line, level, seed = preview_request(data)
    return services.library.preview(user, slug, lines, level, seed,
                                    line=new_line if new_line_too else None)


@router.post("/library/{slug}/preview", dependencies=readers)
async def preview(request: Request, services: ServicesDep, login: LoginDep,
                  slug: str) -> Response:
    """JSON for editor.js: `{"lines": [...], "line": "new line", "level", "seed"}` →
    `{"against", "version", "level", "seed", "opening", "lines", "turns", "ended"}` (each
    turn a replay record with its `trace`); 422 `{"detail"}` when it cannot be played. A
    form post (no JavaScript) renders the editor with the preview and the text as sent."""
    if wants_json(request):
        try:
            data = await read_json(request, login)
        except JsonRefusal as refusal:
            return refusal.response
        if not services.library.may_author(login.user):
            return JSONResponse({"detail": "only instructors and admins can preview drafts"},
                                status_code=403)
        try:
            played, label, number = await run_in_threadpool(
                run_preview, services, login.user, slug, data)
        except ServiceError as exc:
            return JSONResponse({"detail": exc.message}, status_code=status_for(exc))
        return JSONResponse({"against": label, "version": number, **played.to_dict()},
                            headers={"Cache-Control": "no-store"})
    form = await read_form(request, login)
    need_author(services, login.user)
    text = posted_text(form)

    def work() -> Response:
        try:
            played, _label, _number = run_preview(services, login.user, slug, form)
        except Invalid as exc:
            return editor_page(request, services, login.user, slug, 422, text=text,
                               preview_error=exc.message, **kept_preview_fields(form))
        return editor_page(request, services, login.user, slug, text=text, preview=played)

    return await run_in_threadpool(work)


def kept_preview_fields(form: FormData) -> dict[str, Any]:
    """After a refused no-JS preview: keep the level and seed the user chose."""
    kept: dict[str, Any] = {}
    level, seed = field(form, "level", 40), field(form, "seed", 24)
    if level:
        kept["level"] = level
    if seed:
        kept["seed"] = seed
    return kept


@router.post("/library/{slug}/goldens", dependencies=readers)
async def save_golden(request: Request, services: ServicesDep, login: LoginDep,
                      slug: str) -> Response:
    """Keep the preview's lines, level and seed as a golden named `name`, played against the
    draft (or the newest version when there is no draft). JSON or a form, like `preview`."""
    as_json = wants_json(request)
    if as_json:
        try:
            data: dict[str, Any] | FormData = await read_json(request, login)
        except JsonRefusal as refusal:
            return refusal.response
        if not services.library.may_author(login.user):
            return JSONResponse({"detail": "only instructors and admins can save goldens"},
                                status_code=403)
        name = data.get("name") if isinstance(data, dict) else None
        text = None
    else:
        data = await read_form(request, login)
        need_author(services, login.user)
        name = field(data, "golden_name")
        text = posted_text(data)

    def work() -> Response:
        try:
            lines, _new_line, level, seed = preview_request(data)
            golden = services.library.save_preview_golden(login.user, slug, name, lines,
                                                          level, seed)
        except (Invalid, Conflict, NotFound) as exc:
            status = status_for(exc)
            if as_json:
                return JSONResponse({"detail": exc.message}, status_code=status)
            return editor_page(request, services, login.user, slug, status, text=text,
                               preview_error=f"The golden was not saved: {exc.message}",
                               golden_name=name if isinstance(name, str) else "",
                               **replayed(services, login.user, slug, data))
        notice = (f"Saved the golden '{golden.name}' ({len(golden.turns)} turns). Run it "
                  "from the persona's page after every change.")
        if as_json:
            return JSONResponse({"name": golden.name, "turns": len(golden.turns),
                                 "message": notice}, status_code=201)
        return editor_page(request, services, login.user, slug, text=text, notice=notice,
                           **replayed(services, login.user, slug, data))

    return await run_in_threadpool(work)


def replayed(services: Services, user: UserRecord, slug: str,
             data: dict[str, Any] | FormData) -> dict[str, Any]:
    """The preview again, for the page shown after a no-JS golden form (nothing when it
    cannot be played)."""
    try:
        played, _label, _number = run_preview(services, user, slug, data, False)
    except ServiceError:
        return {}
    return {"preview": played}


# --- the JSON Schema ---------------------------------------------------------------------


def _schema_body() -> tuple[bytes, str]:
    body = json.dumps(persona_json_schema(), indent=1, ensure_ascii=False).encode("utf-8")
    return body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


_SCHEMA_BODY, _SCHEMA_ETAG = _schema_body()


@router.get(SCHEMA_URL)
def persona_schema(request: Request) -> Response:
    """The persona JSON Schema at a stable public URL, for editors (VS Code's YAML extension:
    `# yaml-language-server: $schema=<this URL>` at the top of a persona file)."""
    headers = {"Cache-Control": "public, max-age=3600", "ETag": _SCHEMA_ETAG,
               "Access-Control-Allow-Origin": "*"}
    if _SCHEMA_ETAG in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    return Response(_SCHEMA_BODY, media_type="application/schema+json", headers=headers)
