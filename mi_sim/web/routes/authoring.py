"""The instructor's test pages: what-if branches of a stored session, and a persona's coverage.

GET /sessions/{id}/what-if shows a form (the turn to change — `?turn=N` picks it, as the "What
if…?" links on the report and review pages do —, the new line, the version to replay against,
whether to keep the later lines); the CSRF-checked POST replays both branches and shows them
side by side under the same form, still filled in. A refusal the user can fix (a blank line, a
turn out of range, an unknown version) re-renders the form with the service's message.
Who may replay which session is the service's rule (`services.authoring`): sessions the caller
may not see are 404.

GET /library/{slug}/coverage?version=N: which banks, replies and gates the stored sessions of a
persona version used, for supervisors, instructors and admins (others get 403).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from mi_sim.scoring.authoring_charts import bars_svg, branches_svg, histogram_svg
from mi_sim.services.authoring import CoverageRecord, WhatIfRecord, WhatIfSession
from mi_sim.services.errors import Forbidden, Invalid, NotFound
from mi_sim.web.deps import CsrfLoginDep, LoginDep, PageError, ServicesDep
from mi_sim.web.numbers import number_field
from mi_sim.web.templating import render

router = APIRouter(tags=["authoring"], include_in_schema=False)

# Transport bounds only: the service gives readable messages for anything within them.
LineField = Annotated[str, Form(max_length=20_000)]
ShortField = Annotated[str, Form(max_length=40)]
TOP_REPLIES = 10
UNUSED_SHOWN = 300


def whole_number(raw: str | None, what: str) -> int | None:
    """A positive whole number from a form or query field; None when blank."""
    return number_field(raw, what)


def code_label(code: str) -> str:
    return code.replace("_", " ")


# --- what-if ---------------------------------------------------------------------------

def default_turn(session: WhatIfSession, raw: str | None) -> int:
    try:
        turn = whole_number(raw, "the turn")
    except Invalid:
        turn = None
    return turn if turn is not None and 1 <= turn <= session.turns else 1


def what_if_page(request: Request, session: WhatIfSession, form: dict[str, Any],
                 record: WhatIfRecord | None = None, error: str | None = None,
                 status_code: int = 200) -> Response:
    chart = None
    if record is not None:
        # SVG drawn by the server; authoring_charts escapes every piece of text in it.
        chart = branches_svg(record.original, record.branch,
                             changed_turn=record.changed_turn,
                             first_difference=record.first_difference,
                             start_original=record.start_original,
                             start_branch=record.start_branch)
    return render(request, "authoring/what_if.html", {
        "session": session, "form": form, "record": record, "error": error, "chart": chart,
        "code_label": code_label,
    }, status_code)


@router.get("/sessions/{session_id}/what-if")
def what_if_form(request: Request, services: ServicesDep, login: LoginDep,
                 session_id: str) -> Response:
    session = services.authoring.what_if_form(login.user, session_id)
    turn = default_turn(session, request.query_params.get("turn"))
    form = {"turn": turn, "new_line": "", "version": session.version, "keep_later": True}
    error = None
    if not session.lines:
        error = "This session has no clinician lines yet: say something first."
    return what_if_page(request, session, form, error=error)


@router.post("/sessions/{session_id}/what-if")
def what_if_post(request: Request, services: ServicesDep, login: CsrfLoginDep,
                 session_id: str, new_line: LineField = "", turn: ShortField = "",
                 version: ShortField = "", keep_later: ShortField = "yes") -> Response:
    keep = keep_later != "no"
    form: dict[str, Any] = {"turn": turn.strip(), "new_line": new_line, "version": version,
                            "keep_later": keep}
    try:
        number = whole_number(turn, "the turn to change")
        if number is None:
            raise Invalid("pick the turn whose line you want to change")
        form["turn"] = number
        chosen = whole_number(version, "the version")
        if chosen is not None:
            form["version"] = chosen
        record = services.authoring.what_if(login.user, session_id, number, new_line,
                                            chosen, keep)
    except (Invalid, NotFound, Forbidden) as exc:
        # A session the caller may not see (or an imported one) is refused here again, as
        # an error page; anything else is shown beside the form, kept as it was sent.
        session = services.authoring.what_if_form(login.user, session_id)
        status = 404 if isinstance(exc, NotFound) else 403 if isinstance(exc, Forbidden) \
            else 422
        return what_if_page(request, session, form, error=exc.message, status_code=status)
    form["new_line"] = record.new_line
    return what_if_page(request, record.session, form, record)


# --- coverage --------------------------------------------------------------------------

def bank_chart(record: CoverageRecord) -> str:
    items = []
    for b in record.coverage.banks:
        note = (f"{b.uses} use{'' if b.uses == 1 else 's'} · {b.used_replies} of {b.replies} "
                "replies used" if b.uses else f"never used · {b.replies} replies")
        items.append((b.bank, b.uses, note))
    used = sum(1 for b in record.coverage.banks if b.uses)
    return bars_svg(items, title="Replies chosen from each bank",
                    desc=f"{used} of {len(items)} banks were used across "
                         f"{record.coverage.sessions} sessions; bars show how many turns "
                         "took their reply from each bank.",
                    id_prefix="banks", unit="uses")


def walkout_chart(record: CoverageRecord) -> str:
    walkouts = record.coverage.walkouts
    return histogram_svg(walkouts.at_turn, title="Turn at which the patient walked out",
                         x_label="Turn", id_prefix="walkouts")


@router.get("/library/{slug}/coverage")
def coverage_page(request: Request, services: ServicesDep, login: LoginDep,
                  slug: str) -> Response:
    if not services.authoring.may_see_coverage(login.user):
        raise PageError(403, "This page is not available to your role.")
    error, status = None, 200
    try:
        version = whole_number(request.query_params.get("version"), "the version")
    except Invalid as exc:
        error, status, version = exc.message, 422, None
    try:
        record = services.authoring.coverage(login.user, slug, version)
    except NotFound as exc:
        if version is None:
            raise
        # An unknown version of a known persona: say so above the newest version's coverage.
        error, status = exc.message, 404
        record = services.authoring.coverage(login.user, slug)
    report = record.coverage
    return render(request, "authoring/coverage.html", {
        "record": record, "report": report, "error": error,
        "bank_chart": None if record.empty else bank_chart(record),
        "walkout_chart": walkout_chart(record) if report.walkouts.count else None,
        "unused_replies": report.unused_replies[:UNUSED_SHOWN],
        "unused_more": max(0, len(report.unused_replies) - UNUSED_SHOWN),
        "most_used": report.most_used[:TOP_REPLIES],
        "code_label": code_label,
    }, status)
