"""One module per kind of page; `ROUTERS` is what the app factory includes, in order."""

from fastapi import APIRouter

from mi_sim.web.routes import (
    accounts,
    admin,
    api,
    authoring,
    conversation,
    docs,
    editor,
    gallery,
    history,
    library,
    report,
    review,
    supervision,
)

# The JSON API comes first: a request is matched against routes in this order, and the API's
# turn endpoint is the hottest path (docs/performance.md).
ROUTERS: tuple[APIRouter, ...] = (
    api.router,
    accounts.router,
    gallery.router,
    conversation.router,
    report.router,
    history.router,
    review.router,
    editor.router,  # before the library's /library/{slug}: it serves /library/new
    library.router,
    authoring.router,
    supervision.router,
    admin.router,
    docs.router,
)
