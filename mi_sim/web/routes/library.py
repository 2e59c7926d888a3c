"""The persona library for instructors (and admins; supervisors read): the library, a persona's
versions, diffs, visibility and goldens, and the public JSON Schema. The YAML editor with its
preview is routes/editor.py.

    GET  /library                          every persona; "New persona"; "Import YAML"
    POST /library/import                   a YAML file → draft (or published at once)
    GET  /library/{slug}                   versions, diff form, visibility, goldens
    GET  /library/{slug}/versions/{n}.yaml export (attachment); /library/{slug}/draft.yaml
    GET  /library/{slug}/diff?a=&b=        unified diff of two versions or the draft
    POST /library/{slug}/retire | /versions/{n}/restore | /cohorts
    POST /library/{slug}/goldens/run | /goldens/delete
    GET  /schema/persona.json              the persona JSON Schema (public, cached)

Routes parse, call `services.library`, render. Every POST checks the login's CSRF token
(`library_forms.read_form`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from mi_sim.scenarios.goldens import GoldenResult, describe
from mi_sim.scenarios.loader import MAX_BYTES
from mi_sim.scenarios.schema import persona_json_schema
from mi_sim.services import Services
from mi_sim.services.errors import Conflict, Invalid, NotFound, ServiceError
from mi_sim.services.records import DraftRecord, LibraryEntry, UserRecord
from mi_sim.web.deps import LoginDep, PageError, ServicesDep
from mi_sim.web.format_reference import SCHEMA_URL
from mi_sim.web.library_forms import (
    NOTICES,
    field,
    need_author,
    read_form,
    readers,
    see_other,
    status_for,
    uploaded,
)
from mi_sim.web.numbers import NotANumber, bounded_int, path_number
from mi_sim.web.templating import render

router = APIRouter(tags=["library"], include_in_schema=False)


# --- parsing -----------------------------------------------------------------------------


def parse_side(raw: str | None, what: str) -> int | Literal["draft", "published"]:
    raw = (raw or "").strip()
    if raw == "draft" or raw == "published":
        return raw
    try:
        number = bounded_int(raw)
    except NotANumber:
        number = None
    if number is None:
        raise Invalid(f"{what} must be a version number, 'draft' or 'published'")
    return number


def parse_number(raw: str) -> int:
    return path_number(raw, "version")


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


async def act_on_persona(request: Request, services: Services, user: UserRecord, slug: str,
                         action: Callable[[], object], done: str) -> Response:
    """Run a persona page's action in a worker thread: on a refusal the persona page again
    with the message, else back to it with the `done` notice."""
    def work() -> Response:
        try:
            action()
        except (Invalid, Conflict, NotFound) as exc:
            return persona_page(request, services, user, slug, status_for(exc),
                                error=exc.message)
        return see_other(f"/library/{slug}?done={done}")

    return await run_in_threadpool(work)


@router.post("/library/{slug}/retire", dependencies=readers)
async def retire(request: Request, services: ServicesDep, login: LoginDep,
                 slug: str) -> Response:
    await read_form(request, login)
    need_author(services, login.user)
    return await act_on_persona(request, services, login.user, slug,
                                lambda: services.library.retire(login.user, slug), "retired")


@router.post("/library/{slug}/versions/{number}/restore", dependencies=readers)
async def restore(request: Request, services: ServicesDep, login: LoginDep, slug: str,
                  number: str) -> Response:
    await read_form(request, login)
    need_author(services, login.user)
    version = parse_number(number)
    return await act_on_persona(
        request, services, login.user, slug,
        lambda: services.library.restore(login.user, slug, version), "restored")


@router.post("/library/{slug}/cohorts", dependencies=readers)
async def set_cohorts(request: Request, services: ServicesDep, login: LoginDep,
                      slug: str) -> Response:
    form = await read_form(request, login)
    need_author(services, login.user)
    raw = [value for value in form.getlist("cohort") if isinstance(value, str)]
    try:
        ids = [number for v in raw if (number := bounded_int(v)) is not None]
    except NotANumber:
        raise PageError(422, "Cohorts are chosen by their ids.") from None
    return await act_on_persona(
        request, services, login.user, slug,
        lambda: services.library.set_cohorts(login.user, slug, ids), "cohorts#visibility")


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
