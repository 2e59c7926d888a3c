"""The persona gallery, and starting a practice session from one of its cards."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from mi_sim.services import Services
from mi_sim.services.errors import Invalid
from mi_sim.services.records import UserRecord
from mi_sim.web.deps import CsrfLoginDep, LoginDep, ServicesDep
from mi_sim.web.numbers import NotANumber, bounded_int
from mi_sim.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

SEED_MAX_LENGTH = 20


def parse_seed(text: str) -> int | None:
    """The optional seed field: blank means a random seed; anything else must be a number."""
    try:
        return bounded_int(text, low=-(2**63), high=2**63 - 1)
    except NotANumber:
        raise Invalid("the seed must be a whole number that fits in 64 bits (or left blank for "
                      "a random one)") from None


def gallery_page(request: Request, services: Services, user: UserRecord,
                 status_code: int = 200, error: str | None = None,
                 failed: dict[str, str] | None = None) -> Response:
    return render(request, "gallery.html", {
        "personas": services.personas.list_published(user),
        "error": error,
        "failed": failed or {},
    }, status_code)


@router.get("/personas")
def gallery(request: Request, services: ServicesDep, login: LoginDep) -> Response:
    return gallery_page(request, services, login.user)


@router.post("/sessions")
def start(request: Request, services: ServicesDep, login: CsrfLoginDep,
          scenario: Annotated[str, Form(max_length=200)] = "",
          level: Annotated[str, Form(max_length=200)] = "",
          seed: Annotated[str, Form(max_length=SEED_MAX_LENGTH)] = "",
          coach: Annotated[str, Form(max_length=10)] = "") -> Response:
    try:
        session = services.practice.start_session(login.user, scenario.strip(),
                                                  level.strip() or None, parse_seed(seed))
    except Invalid as exc:
        return gallery_page(request, services, login.user, 422, exc.message,
                            {"scenario": scenario, "level": level, "seed": seed,
                             "coach": coach})
    target = f"/sessions/{session.id}" + ("?coach=1" if coach else "")
    return RedirectResponse(target, status_code=303)
