"""The JSON API under `/api/v1`: start sessions, post turns, read transcripts, list sessions.

Authentication: `Authorization: Bearer <token>` (tokens from `mi-sim users token NAME`), or the
browser's login cookie plus the `X-CSRF-Token` header on POSTs (see `deps.api_user`).

Every refusal is `{"detail": message}`: service errors through the app's handlers, and request
validation errors (and oversized bodies) here, in `ApiRoute`, so that a malformed request gets
one readable sentence rather than pydantic's error list.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, Security
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPBearer
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from mi_sim.services import Services
from mi_sim.services.practice import MAX_PER_PAGE
from mi_sim.storage.db import WriteBusy
from mi_sim.web.deps import ApiCaller, ApiCallerDep, ServicesDep
from mi_sim.web.routes.api_models import (
    ErrorOut,
    FeedbackOut,
    ScenarioOut,
    SessionCreate,
    SessionDetailOut,
    SessionOut,
    SessionPageOut,
    TurnCreate,
    TurnOut,
)

MAX_BODY_BYTES = 64 * 1024
MAX_PAGE = 1_000_000

Handler = Callable[[Request], Awaitable[Response]]


def _where(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "cookie"):
        parts = parts[1:]
    return ".".join(parts)


def readable(errors: Sequence[Any]) -> str:
    """One sentence from pydantic's validation errors."""
    messages: list[str] = []
    for error in errors:
        kind = str(error.get("type", ""))
        where = _where(error.get("loc", ()))
        if kind == "json_invalid":
            text = "the request body is not valid JSON"
        elif kind == "missing" and not where:
            text = "the request needs a JSON body"
        elif kind == "missing":
            text = f"{where} is required"
        elif kind == "extra_forbidden":
            text = f"unknown field '{where}'"
        else:
            message = str(error.get("msg", "is invalid"))
            message = message[:1].lower() + message[1:]
            text = f"{where}: {message}" if where else message
        if text not in messages:
            messages.append(text)
    return "; ".join(messages) or "the request is invalid"


def _declared_length(request: Request) -> int | None:
    """The Content-Length (the server delivers exactly that many bytes), or None."""
    declared = request.headers.get("content-length")
    if declared is None:
        return None
    try:
        return int(declared)
    except ValueError:
        return MAX_BODY_BYTES + 1


async def _read_bounded(request: Request) -> bytes | None:
    """A body sent without Content-Length, or None once it grows past `MAX_BODY_BYTES`."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


class ApiRoute(APIRoute):
    """An API route whose validation errors and oversized bodies are `{"detail": message}`."""

    def get_route_handler(self) -> Handler:
        handler = super().get_route_handler()

        async def bounded_handler(request: Request) -> Response:
            if request.method in ("POST", "PUT", "PATCH"):
                declared = _declared_length(request)
                if declared is None:  # chunked: count it as it arrives
                    body = await _read_bounded(request)
                    if body is not None:
                        request._body = body  # what FastAPI reads: the stream is consumed
                    too_large = body is None
                else:
                    too_large = declared > MAX_BODY_BYTES
                if too_large:
                    return JSONResponse(
                        {"detail": f"the request body is larger than {MAX_BODY_BYTES} bytes"},
                        status_code=413)
            try:
                return await handler(request)
            except RequestValidationError as exc:
                return JSONResponse({"detail": readable(exc.errors())}, status_code=422)
            except HTTPException as exc:
                # FastAPI answers 400 to a body it cannot even decode (bytes that are not
                # UTF-8): to a client that is one more invalid request, documented as 422.
                if exc.status_code != 400:
                    raise
                return JSONResponse({"detail": "the request body is not valid JSON"},
                                    status_code=422)

        return bounded_handler


bearer = HTTPBearer(
    auto_error=False, scheme_name="bearer",
    description="A token from `mi-sim users token NAME`. A browser signed in to mi-sim may "
    "instead send its login cookie, with the `X-CSRF-Token` header on POSTs.")

router = APIRouter(prefix="/api/v1", route_class=ApiRoute,
                   dependencies=[Security(bearer)])


def _error(description: str) -> dict[str, Any]:
    return {"model": ErrorOut, "description": description}


UNAUTHORISED = {
    401: _error("No credentials, or a bad or revoked token (with `WWW-Authenticate`)."),
    403: _error("A browser request authenticated by cookie without its `X-CSRF-Token`."),
}
INVALID = {422: _error("The request is invalid; `detail` says why.")}
TOO_LARGE = {413: _error(f"The request body is larger than {MAX_BODY_BYTES} bytes.")}
SESSIONS: list[str | Enum] = ["sessions"]
NOT_FOUND = {404: _error("No such session, or not one of yours.")}


@router.get("/scenarios", response_model=list[ScenarioOut], responses={**UNAUTHORISED},
            tags=["scenarios"],
            summary="List the personas one can practise with")
def list_scenarios(services: ServicesDep, caller: ApiCallerDep) -> list[ScenarioOut]:
    return [ScenarioOut.of(p) for p in services.personas.list_published(caller.user())]


@router.post("/sessions", tags=SESSIONS, status_code=201, response_model=SessionOut,
             responses={**UNAUTHORISED, **INVALID, **TOO_LARGE},
             summary="Start a practice session with a persona")
def start_session(body: SessionCreate, services: ServicesDep,
                  caller: ApiCallerDep) -> SessionOut:
    """Start a session. `patient` is the patient's opening line (or null: the clinician
    speaks first). An unknown scenario or level is refused with 422 naming the known ones."""
    summary = services.practice.start_session(caller.user(), body.scenario, body.level,
                                              body.seed)
    return SessionOut.of(summary)


@router.get("/sessions", tags=SESSIONS, response_model=SessionPageOut,
            responses={**UNAUTHORISED, **INVALID},
            summary="List your sessions, newest first")
def list_sessions(services: ServicesDep, caller: ApiCallerDep,
                  page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
                  per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20,
                  ) -> SessionPageOut:
    return SessionPageOut.of(services.practice.list_sessions(caller.user(), page, per_page))


@router.get("/sessions/{session_id}", tags=SESSIONS, response_model=SessionDetailOut,
            responses={**UNAUTHORISED, **NOT_FOUND, **INVALID},
            summary="Read a session with its transcript")
def get_session(session_id: str, services: ServicesDep,
                caller: ApiCallerDep) -> SessionDetailOut:
    return SessionDetailOut.of_detail(services.practice.get_session(caller.user(), session_id))


TURN_OUT = TypeAdapter(TurnOut)

@router.post("/sessions/{session_id}/turns", tags=SESSIONS, status_code=201,
             response_model=TurnOut,
             responses={
                 200: {"model": TurnOut, "description": "A repeated `client_turn_id`: the "
                       "turn stored for it; nothing new is stored."},
                 **UNAUTHORISED, **NOT_FOUND,
                 409: _error("The session has ended, or another turn was stored at the same "
                             "moment (reload the session and try again)."),
                 **INVALID, **TOO_LARGE},
             summary="Say one line to the patient")
async def post_turn(session_id: str, body: TurnCreate, services: ServicesDep,
                    caller: ApiCallerDep) -> Response:
    """Code the line, move the patient's state on and store the turn with the patient's reply,
    all in one transaction. 201 with the new turn; 200 with the stored one when its
    `client_turn_id` was seen before."""
    if services.turns_on_event_loop:
        try:
            return _play_turn(services, caller, session_id, body, wait=False)
        except WriteBusy:  # another writer holds the database: wait for it in a thread
            pass
    return await run_in_threadpool(_play_turn, services, caller, session_id, body, wait=True)


def _play_turn(services: Services, caller: ApiCaller, session_id: str, body: TurnCreate, *,
               wait: bool) -> Response:
    record, created = services.practice.post_turn(caller.user(), session_id, body.text,
                                                  body.client_turn_id, wait=wait)
    # The hot path: serialise the declared model directly instead of FastAPI's generic
    # response-model validation (the schema still documents `TurnOut`).
    return Response(TURN_OUT.dump_json(TurnOut.of(record)), status_code=201 if created else 200,
                    media_type="application/json")


@router.post("/sessions/{session_id}/end", tags=SESSIONS, response_model=FeedbackOut,
             responses={**UNAUTHORISED, **NOT_FOUND, **INVALID},
             summary="End a session and get its feedback summary")
def end_session(session_id: str, services: ServicesDep, caller: ApiCallerDep) -> FeedbackOut:
    """End the session (unless the patient already has) and return its feedback summary:
    MITI scores, change and sustain talk, the patient's trajectory. Safe to repeat."""
    return FeedbackOut.of(services.practice.end_session(caller.user(), session_id))

