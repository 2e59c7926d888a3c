"""One module per kind of page; `ROUTERS` is what the app factory includes, in order."""

from fastapi import APIRouter

from mi_sim.web.routes import (
    accounts,
    admin,
    api,
    conversation,
    docs,
    gallery,
    history,
    report,
    review,
    supervision,
)

ROUTERS: tuple[APIRouter, ...] = (
    accounts.router,
    gallery.router,
    conversation.router,
    report.router,
    history.router,
    review.router,
    supervision.router,
    admin.router,
    api.router,
    docs.router,
)
