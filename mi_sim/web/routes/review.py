"""Review pages for supervisors (and admins): the queue and the review page of one session.

GET /review is the queue (a GET filter form, pagination keeping the filters); GET
/review/{id} shows every clinician line with its auto code, the `why` and the patient's state
change, with small forms to override the code, comment, rate the four MITI globals and mark
the review complete. Every change is a CSRF-checked POST that redirects back to the line's
anchor (`#turn-N`) with a fixed notice chosen by `?done=<key>`; a refusal the reviewer can fix
(Invalid, Conflict) re-renders the page with the service's message beside the form. Sessions
the caller may not see are 404, sessions they see but may not review are 403 (the services
decide; `services.access`).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from mi_sim.engine.vocabulary import ALL_CODES
from mi_sim.scoring.globals import (
    GLOBAL_FIELDS,
    GLOBAL_LABELS,
    RATING_MAX,
    RATING_MIN,
    describe_globals,
)
from mi_sim.scoring.miti import describe, summarize
from mi_sim.services.errors import Conflict, Invalid, ServiceError
from mi_sim.services.records import (
    KIND_CHOICES,
    REVIEWED_CHOICES,
    QueueFilters,
    ReviewDetail,
    ReviewRecord,
    UserRecord,
)
from mi_sim.services.reviews import check_text, filters_from_query, talk_labels
from mi_sim.web.deps import CsrfLoginDep, LoginDep, ServicesDep, require_role
from mi_sim.web.numbers import number_field, path_number
from mi_sim.web.templating import render

router = APIRouter(prefix="/review", tags=["review"], include_in_schema=False,
                   dependencies=[Depends(require_role("supervisor"))])

PER_PAGE = 25
MAX_PAGE = 100_000
LEVELS = ("gentle", "standard", "hard")
# Transport bounds only: the services give readable messages for anything shorter.
ShortField = Annotated[str, Form(max_length=40)]
TextField = Annotated[str, Form(max_length=10_000)]

# The MITI 4.2.1 anchors, in a line each, shown as hints beside the ratings.
ANCHORS: dict[str, str] = {
    "cultivating_change_talk": "1 ignores change talk · 3 often notices it · 5 consistently "
                               "evokes and strengthens it",
    "softening_sustain_talk": "1 amplifies sustain talk · 3 often avoids focusing on it · "
                              "5 consistently softens it",
    "partnership": "1 takes the expert role · 3 fosters collaboration at times · 5 shares "
                   "power, patient's ideas shape the talk",
    "empathy": "1 no interest in the patient's view · 3 tries to understand · 5 deep "
               "understanding beyond what was said",
}
NOTICES = {
    "code": "Code saved. The auto code stays stored beside yours.",
    "code-auto": "Code set back to the auto code.",
    "comment": "Comment added.",
    "deleted": "Comment deleted.",
    "ratings": "Ratings saved.",
    "complete": "Review marked complete: the trainee now sees it on their report.",
}


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def status_for(error: ServiceError) -> int:
    return 409 if isinstance(error, Conflict) else 422


def code_label(code: str) -> str:
    return code.replace("_", " ")


# --- the queue -------------------------------------------------------------------------

def page_number(raw: str | None) -> int:
    return number_field(raw, "page", high=MAX_PAGE) or 1


@router.get("")
def queue(request: Request, services: ServicesDep, login: LoginDep) -> Response:
    params = {key: value[:200] for key, value in request.query_params.items()}
    error = None
    try:
        filters = filters_from_query(params)
        page = page_number(params.get("page"))
    except Invalid as exc:
        error, filters, page = exc.message, QueueFilters(), 1
    result = services.reviews.queue(login.user, filters, page, PER_PAGE)
    last = max(1, -(-result.total // PER_PAGE))

    def link(number: int) -> str:
        return "/review?" + urlencode({**filters.to_query(), "page": str(number)})

    return render(request, "review_queue.html", {
        "result": result, "filters": filters, "error": error, "last_page": last,
        "prev_url": link(page - 1) if page > 1 else None,
        "next_url": link(page + 1) if page < last else None,
        "personas": services.personas.list_published(), "levels": LEVELS,
        "kinds": KIND_CHOICES, "reviewed_choices": REVIEWED_CHOICES,
        "form": {key: params.get(key, "") for key in (
            "trainee", "persona", "level", "date_from", "date_to", "kind")},
        "reviewed_value": params.get("reviewed") or "no",
    }, 422 if error else 200)


# --- the review page -------------------------------------------------------------------

def review_page(request: Request, services: ServicesDep, user: UserRecord, session_id: str,
                status_code: int = 200, **context: Any) -> Response:
    detail = services.reviews.review_detail(user, session_id)
    ratings = detail.review.rating_values if detail.review else dict.fromkeys(GLOBAL_FIELDS)
    values: dict[str, Any] = {
        "detail": detail, "session": detail.session, "review": detail.review,
        "codes": ALL_CODES, "code_label": code_label, "global_fields": GLOBAL_FIELDS,
        "global_labels": GLOBAL_LABELS, "anchors": ANCHORS, "ratings": ratings,
        "rating_range": range(RATING_MIN, RATING_MAX + 1),
        "miti": auto_miti(detail),
        "globals_text": globals_text(detail.review),
        "error": None, "error_turn": None, "notice": None,
    }
    values.update(context)
    anchors = {"globals"} | {f"turn-{t.turn}" for t in detail.turns}
    if values["error"] and values["error_turn"] not in anchors:
        values["error_turn"] = "top"
    return render(request, "review.html", values, status_code)


def globals_text(review: ReviewRecord | None) -> list[str]:
    ratings = review.ratings if review else None
    return describe_globals(ratings) if ratings else []


def auto_miti(detail: ReviewDetail) -> list[str]:
    """The MITI summary of the auto codes, in sentences."""
    talk = talk_labels(detail.session.feedback, [t.talk for t in detail.turns])
    return describe(summarize([t.auto_code for t in detail.turns], talk))


@router.get("/{session_id}")
def review(request: Request, services: ServicesDep, login: LoginDep, session_id: str,
           done: str | None = None) -> Response:
    return review_page(request, services, login.user, session_id,
                       notice=NOTICES.get(done or ""))


def back(session_id: str, done: str, anchor: str) -> RedirectResponse:
    return see_other(f"/review/{session_id}?done={done}#{anchor}")


def turn_anchor(turn: str) -> str:
    turn = turn.strip()
    return f"turn-{turn}" if turn.isascii() and turn.isdigit() and len(turn) < 8 else "globals"


def refused(request: Request, services: ServicesDep, login: Any, session_id: str,
            exc: ServiceError, turn: str | None = None) -> Response:
    """The page again with the message (beside the line when there is one)."""
    if not isinstance(exc, Invalid | Conflict):
        raise exc
    anchor = turn_anchor(turn) if turn is not None else "globals"
    return review_page(request, services, login.user, session_id, status_for(exc),
                       error=exc.message, error_turn=anchor)


@router.post("/{session_id}/code")
def set_code(request: Request, services: ServicesDep, login: CsrfLoginDep, session_id: str,
             turn: ShortField = "", code: ShortField = "") -> Response:
    try:
        record = services.reviews.set_code(login.user, session_id, turn, code)  # type: ignore[arg-type]
    except ServiceError as exc:
        return refused(request, services, login, session_id, exc, turn)
    number = int(turn.strip())
    done = "code" if number in record.codes else "code-auto"
    return back(session_id, done, f"turn-{number}")


@router.post("/{session_id}/comments")
def add_comment(request: Request, services: ServicesDep, login: CsrfLoginDep,
                session_id: str, turn: ShortField = "", text: TextField = "") -> Response:
    try:
        services.reviews.add_comment(login.user, session_id, turn or None, text)  # type: ignore[arg-type]
    except ServiceError as exc:
        return refused(request, services, login, session_id, exc, turn or None)
    return back(session_id, "comment", turn_anchor(turn) if turn else "globals")


@router.post("/{session_id}/comments/{comment_id}/delete")
def delete_comment(request: Request, services: ServicesDep, login: CsrfLoginDep,
                   session_id: str, comment_id: str, turn: ShortField = "") -> Response:
    number = path_number(comment_id, "comment")
    # Only comments on a session the caller may see are theirs to delete.
    services.reviews.review_detail(login.user, session_id)
    services.reviews.delete_comment(login.user, number)
    return back(session_id, "deleted", turn_anchor(turn) if turn else "globals")


@router.post("/{session_id}/globals")
async def set_globals(request: Request, services: ServicesDep, login: CsrfLoginDep,
                      session_id: str) -> Response:
    form = await request.form()
    ratings = {name: str(form.get(name, ""))[:10] for name in GLOBAL_FIELDS if name in form}
    comment = str(form.get("comment", ""))
    action = str(form.get("action", "save"))
    if len(comment) > 10_000:
        comment = comment[:10_000]
    def write() -> str:
        check_text(comment, "comment")  # before anything is written
        services.reviews.set_globals(login.user, session_id, ratings)
        services.reviews.set_overall_comment(login.user, session_id, comment)
        if action == "complete":
            services.reviews.complete(login.user, session_id)
            return "complete"
        return "ratings"

    try:
        done = await run_in_threadpool(write)
    except ServiceError as exc:
        return await run_in_threadpool(refused, request, services, login, session_id, exc)
    return back(session_id, done, "globals")
