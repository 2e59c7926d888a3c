"""Supervision pages: agreement between auto and human codes, progress (cohorts and trainees,
with server-drawn charts), exports (session CSV/JSON, streamed cohort CSV) and "code a
transcript" (paste or upload, coded by the same coder, then reviewed)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import JSONResponse, RedirectResponse, Response, StreamingResponse

from mi_sim.scoring.agreement import FEW_PAIRS, LANDIS_KOCH_SCALE
from mi_sim.scoring.charts import SessionPoint, progress_svg
from mi_sim.scoring.progress_charts import AdherencePoint, adherence_svg
from mi_sim.services.errors import Invalid
from mi_sim.services.imports import InvalidTranscript
from mi_sim.services.records import (
    CohortRecord,
    ProgressSample,
    UserRecord,
    WebSessionRecord,
)
from mi_sim.storage.models import Role
from mi_sim.transcript_import import MAX_BYTES, MAX_UTTERANCES
from mi_sim.web.deps import (
    CsrfLoginDep,
    LoginDep,
    ServicesDep,
    require_role,
)
from mi_sim.web.numbers import path_number
from mi_sim.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

SupervisorDep = Annotated[WebSessionRecord, Depends(require_role(Role.SUPERVISOR.value))]
ImporterDep = Annotated[WebSessionRecord, Depends(require_role(Role.SUPERVISOR.value,
                                                               Role.INSTRUCTOR.value))]

REVIEWER_NAME_LENGTH = 64
TITLE_LENGTH = 200
_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def parse_id(raw: str, what: str) -> int:
    """A positive integer id from the path; anything else is a 404 (no such thing)."""
    return path_number(raw, what)


def safe_name(text: str) -> str:
    """A file-name-safe fragment (ids are URL-safe already; this is belt and braces)."""
    return _SAFE.sub("-", text)[:64] or "export"


# --- agreement ----------------------------------------------------------------------------


@router.get("/agreement")
def agreement(request: Request, services: ServicesDep, login: SupervisorDep,
              implicit: str = "1", reviewer: str = "") -> Response:
    implicit_confirmation = implicit != "0"
    name = reviewer.strip()[:REVIEWER_NAME_LENGTH] or None
    if name is not None and not login.user.is_admin:
        name = None  # supervisors only ever see their own reviews
    report = services.reviews.agreement(login.user, name, implicit_confirmation)
    return render(request, "agreement.html", {
        "report": report, "reviewer": name, "implicit": implicit_confirmation,
        "scale_text": LANDIS_KOCH_SCALE, "few_pairs": FEW_PAIRS})


# --- progress -----------------------------------------------------------------------------


def supervised_cohorts(services: ServicesDep, user: UserRecord) -> list[CohortRecord]:
    if user.is_admin:
        return services.cohorts.list_cohorts()
    return [c for c in services.cohorts.cohorts_of(user.id)
            if any(m.user_id == user.id and m.role == Role.SUPERVISOR.value
                   for m in c.members)]


@router.get("/progress")
def progress(request: Request, services: ServicesDep, login: SupervisorDep) -> Response:
    cohorts = supervised_cohorts(services, login.user)
    return render(request, "progress.html", {"cohorts": cohorts})


@router.get("/progress/cohorts/{cohort_id}")
def cohort_overview(request: Request, services: ServicesDep, login: SupervisorDep,
                    cohort_id: str) -> Response:
    overview = services.progress.cohort_overview(login.user, parse_id(cohort_id, "cohort"))
    return render(request, "cohort_overview.html", {"overview": overview})


@router.get("/progress/cohorts/{cohort_id}/export.csv")
def cohort_export(services: ServicesDep, login: SupervisorDep, cohort_id: str) -> Response:
    cid = parse_id(cohort_id, "cohort")
    chunks = services.exports.cohort_csv(login.user, cid)  # access is checked here, eagerly
    return StreamingResponse(chunks, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="mi-sim-cohort-{cid}.csv"',
        "Cache-Control": "no-store"})


def session_link(user: UserRecord, sample: ProgressSample) -> str:
    """Where a chart point leads: the review page for reviewers, else the report."""
    if user.is_admin or user.role == Role.SUPERVISOR.value:
        return f"/review/{sample.session_id}"
    return f"/sessions/{sample.session_id}/report"


@router.get("/progress/trainees/{trainee_id}")
def trainee_progress(request: Request, services: ServicesDep, login: SupervisorDep,
                     trainee_id: str) -> Response:
    progress = services.progress.trainee_progress(login.user, parse_id(trainee_id, "trainee"))
    links = {s.session_id: session_link(login.user, s) for s in progress.samples}
    scores = adherence = ""
    if progress.samples:
        scores = progress_svg(
            [SessionPoint(s.session_id, s.ended_at, s.r_to_q, s.pct_complex, s.readiness,
                          s.title) for s in progress.samples],
            href=lambda p: links[p.id],
            title=f"{progress.trainee}: R:Q, % complex reflections and readiness reached",
            id_prefix="progress-scores")
        adherence = adherence_svg(
            [AdherencePoint(s.session_id, s.ended_at, s.adherent, s.non_adherent, s.title)
             for s in progress.samples],
            href=lambda p: links[p.id],
            title=f"{progress.trainee}: MI-adherent vs MI-non-adherent",
            id_prefix="progress-adherence")
    return render(request, "progress_trainee.html", {
        "progress": progress, "scores_chart": scores, "adherence_chart": adherence,
        "links": links})


# --- exports ------------------------------------------------------------------------------


@router.get("/sessions/{session_id}/export.csv")
def session_csv(services: ServicesDep, login: LoginDep, session_id: str) -> Response:
    text = services.exports.session_csv(login.user, session_id)
    return Response(text, media_type="text/csv; charset=utf-8", headers={
        "Content-Disposition":
            f'attachment; filename="mi-sim-session-{safe_name(session_id)}.csv"',
        "Cache-Control": "no-store"})


@router.get("/sessions/{session_id}/export.json")
def session_json(services: ServicesDep, login: LoginDep, session_id: str) -> Response:
    data = services.exports.session_json(login.user, session_id)
    return JSONResponse(data, headers={
        "Content-Disposition":
            f'attachment; filename="mi-sim-session-{safe_name(session_id)}.json"',
        "Cache-Control": "no-store"})


# --- code a transcript --------------------------------------------------------------------


def import_page(request: Request, *, text: str = "", title: str = "",
                problems: tuple[str, ...] = (), status_code: int = 200) -> Response:
    return render(request, "import.html", {
        "text": text, "title": title, "problems": problems, "max_bytes": MAX_BYTES,
        "max_utterances": MAX_UTTERANCES, "title_length": TITLE_LENGTH}, status_code)


@router.get("/import")
def import_form(request: Request, login: ImporterDep) -> Response:
    return import_page(request)


@router.post("/import")
def import_transcript(request: Request, services: ServicesDep, login: ImporterDep,
                      _csrf: CsrfLoginDep,
                      transcript: Annotated[str, Form()] = "",
                      title: Annotated[str, Form()] = "",
                      file: Annotated[UploadFile | None, File()] = None) -> Response:
    title = title.strip()
    if len(title) > TITLE_LENGTH:
        return import_page(request, text=transcript, title=title[:TITLE_LENGTH],
                           problems=(f"The title is longer than {TITLE_LENGTH} characters.",),
                           status_code=422)
    data: str | bytes = transcript
    filename: str | None = None
    if file is not None and file.filename:
        raw = file.file.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return import_page(request, text=transcript, title=title, status_code=413,
                               problems=(f"The file is larger than {MAX_BYTES:,} bytes.",))
        if raw:
            data, filename = raw, file.filename[-255:]
    if isinstance(data, str):
        if not data.strip():
            return import_page(request, text=transcript, title=title, status_code=422,
                               problems=("Paste a transcript or choose a file.",))
        if len(data.encode()) > MAX_BYTES:
            return import_page(request, text="", title=title, status_code=413,
                               problems=(f"The transcript is longer than {MAX_BYTES:,} "
                                         "bytes.",))
    try:
        imported = services.imports.import_transcript(login.user, data, filename,
                                                      title or None)
    except InvalidTranscript as exc:
        return import_page(request, text=transcript, title=title, problems=exc.problems,
                           status_code=422)
    except Invalid as exc:
        return import_page(request, text=transcript, title=title, problems=(exc.message,),
                           status_code=422)
    return RedirectResponse(f"/review/{imported.session_id}", status_code=303)
