"""The persona editor (instructors and admins): the YAML text of a draft with its problems at
their lines, save, publish and discard, and the preview beside it (a traced replay of the saved
draft, or the newest version) that can be kept as a golden.

    GET  /library/new, POST /library/new   the editor for a new persona
    GET  /library/{slug}/edit              the draft (or the newest version's text)
    POST /library/{slug}/edit | /publish | /discard
    POST /library/{slug}/preview           JSON (editor.js) or the editor page (no JS)
    POST /library/{slug}/goldens           keep the preview as a golden (JSON or a form)

Routes parse, call `services.library`, render. Every POST checks the login's CSRF token: a
form field, or the `X-CSRF-Token` header for the JSON requests of editor.js. The editor never
loses text: a refused save (over the size bound, not UTF-8, a slug taken, a draft someone
else saved since the page was opened) re-renders the page with the text as sent. The form
carries the `updated_at` of the draft it shows, so a save from a stale page is refused.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from mi_sim.scenarios.loader import MAX_BYTES
from mi_sim.scenarios.preview import MAX_PREVIEW_LINES, Preview
from mi_sim.services import Services
from mi_sim.services.errors import Conflict, Invalid, NotFound, ServiceError
from mi_sim.services.library import NO_DRAFT, DraftBase
from mi_sim.services.records import LibraryEntry, UserRecord
from mi_sim.web.deps import LoginDep, ServicesDep
from mi_sim.web.format_reference import SCHEMA_URL, reference_html, starter_text
from mi_sim.web.library_forms import (
    NOTICES,
    JsonRefusal,
    field,
    need_author,
    posted_text,
    read_form,
    read_json,
    readers,
    see_other,
    status_for,
    uploaded,
    wants_json,
)
from mi_sim.web.templating import render

router = APIRouter(tags=["library"], include_in_schema=False)

SHOW_BACK_LIMIT = 4 * 1024 * 1024
"""A refused text longer than this is not echoed back into the textarea."""


# --- parsing -----------------------------------------------------------------------------


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


def kept_preview_fields(form: FormData) -> dict[str, Any]:
    """After a refused no-JS preview: keep the level and seed the user chose."""
    kept: dict[str, Any] = {}
    level, seed = field(form, "level", 40), field(form, "seed", 24)
    if level:
        kept["level"] = level
    if seed:
        kept["seed"] = seed
    return kept


# --- the page ----------------------------------------------------------------------------


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


# --- new persona, edit, save, publish, discard -------------------------------------------


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


# --- the preview and goldens from it -----------------------------------------------------


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
