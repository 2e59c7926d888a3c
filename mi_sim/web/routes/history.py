"""My sessions: the signed-in user's own practice sessions and their scores across sessions."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from mi_sim.scoring.charts import SessionPoint, progress_svg
from mi_sim.services import Services
from mi_sim.services.errors import Invalid
from mi_sim.services.history import History
from mi_sim.web.deps import LoginDep, PageError, ServicesDep
from mi_sim.web.numbers import number_field
from mi_sim.web.templating import render

router = APIRouter(tags=["pages"], include_in_schema=False)

PER_PAGE = 20
MAX_PAGE = 100_000


def history_of(services: Services) -> History:
    return services.history


def parse_page(text: str) -> int:
    try:
        return number_field(text, "The page number", high=MAX_PAGE) or 1
    except Invalid as exc:
        raise PageError(422, exc.message + ".") from None


@router.get("/history")
def history(request: Request, services: ServicesDep, login: LoginDep,
            page: str = "1") -> Response:
    own = history_of(services)
    listing = own.own_sessions(login.user, parse_page(page), PER_PAGE)
    points = own.progress(login.user)
    chart = progress_svg(
        [SessionPoint(p.id, p.ended_at, p.r_to_q, p.pct_complex, p.readiness, p.title)
         for p in points],
        href=lambda s: f"/sessions/{s.id}/report") if points else ""
    return render(request, "history.html", {"listing": listing, "chart": chart,
                                            "charted": len(points)})
