"""The conversation page: the brief, the transcript so far, and the form to say the next line.

Works without JavaScript: the form posts to `/sessions/{id}/turns` and is redirected back to the
page at the new turn (POST-redirect-GET). `static/chat.js` makes it a chat by posting the same
line to the JSON API instead. Each rendering of the form carries a fresh `client_turn_id`, so a
form sent twice (a double click, a resubmitted POST) stores one turn.

Coach mode (each of your lines shown with its code and why) is kept in the URL: `?coach=1`.
"""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from mi_sim.engine.turn import MAX_UTTERANCE
from mi_sim.services import Services
from mi_sim.services.errors import Conflict, Invalid
from mi_sim.services.records import UserRecord
from mi_sim.storage.models import CLIENT_TURN_ID_LENGTH
from mi_sim.web.deps import CsrfLoginDep, LoginDep, ServicesDep
from mi_sim.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

ON = frozenset({"1", "on", "true", "yes"})


def coach_on(value: str | None) -> bool:
    return (value or "").strip().lower() in ON


def page_url(session_id: str, coach: bool, turn: int | None = None) -> str:
    return (f"/sessions/{session_id}" + ("?coach=1" if coach else "")
            + (f"#turn-{turn}" if turn is not None else ""))


def new_client_turn_id() -> str:
    return secrets.token_urlsafe(16)


def conversation_page(request: Request, services: Services, user: UserRecord, session_id: str,
                      *, coach: bool, error: str | None = None, text: str = "",
                      client_turn_id: str | None = None, status_code: int = 200) -> Response:
    detail = services.practice.get_session(user, session_id)
    persona = services.personas.persona_for_version(detail.session.persona_version_id)
    return render(request, "conversation.html", {
        "detail": detail,
        "session": detail.session,
        "turns": detail.turns,
        "brief": persona.brief,
        "opening_cue": persona.opening.cue,
        "own": detail.session.user_id == user.id,
        "coach": coach,
        "error": error,
        "text": text,
        "client_turn_id": client_turn_id or new_client_turn_id(),
        "max_utterance": MAX_UTTERANCE,
    }, status_code)


@router.get("/sessions/{session_id}")
def conversation(request: Request, services: ServicesDep, login: LoginDep, session_id: str,
                 coach: str = "") -> Response:
    return conversation_page(request, services, login.user, session_id, coach=coach_on(coach))


@router.post("/sessions/{session_id}/turns")
def say(request: Request, services: ServicesDep, login: CsrfLoginDep, session_id: str,
        text: Annotated[str, Form()] = "",
        client_turn_id: Annotated[str, Form()] = "",
        coach: Annotated[str, Form(max_length=10)] = "") -> Response:
    coaching = coach_on(coach)
    try:
        turn, _created = services.practice.post_turn(login.user, session_id, text,
                                                     client_turn_id or None)
    except (Invalid, Conflict) as exc:
        status = 422 if isinstance(exc, Invalid) else 409
        return conversation_page(request, services, login.user, session_id, coach=coaching,
                                 error=_sentence(exc.message), text=text,
                                 client_turn_id=_reusable(client_turn_id), status_code=status)
    return RedirectResponse(page_url(session_id, coaching, turn.turn), status_code=303)


@router.post("/sessions/{session_id}/end")
def end(services: ServicesDep, login: CsrfLoginDep, session_id: str) -> Response:
    services.practice.end_session(login.user, session_id)
    return RedirectResponse(f"/sessions/{session_id}/report", status_code=303)


def _reusable(client_turn_id: str) -> str | None:
    """The form's id again (nothing was stored under it), unless it is itself what was wrong."""
    client_turn_id = client_turn_id.strip()
    return client_turn_id if 0 < len(client_turn_id) <= CLIENT_TURN_ID_LENGTH else None


def _sentence(message: str) -> str:
    """A service message as a sentence: capitalised, with a full stop."""
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message[-1] in ".!?" else message + "."
