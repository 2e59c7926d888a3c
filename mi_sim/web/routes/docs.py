"""The API reference at `/docs`: Swagger UI (vendored in static/vendor/swagger-ui) over
`/api/v1/openapi.json`. No inline script or style, so it works under the app's CSP."""

from __future__ import annotations

from html import escape

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, RedirectResponse

from mi_sim.web.deps import OptionalLoginDep
from mi_sim.web.security import CSRF_HEADER

router = APIRouter(include_in_schema=False)

OPENAPI_URL = "/api/v1/openapi.json"
VENDOR = "/static/vendor/swagger-ui"

PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mi-sim API reference</title>
{{csrf}}<link rel="stylesheet" href="{VENDOR}/swagger-ui.css">
</head>
<body>
<main>
<noscript>
<h1>mi-sim API reference</h1>
<p>The interactive reference needs JavaScript. The OpenAPI schema itself is at
<a href="{OPENAPI_URL}">{OPENAPI_URL}</a>.</p>
</noscript>
<div id="swagger-ui" data-openapi-url="{OPENAPI_URL}"></div>
</main>
<script src="{VENDOR}/swagger-ui-bundle.js"></script>
<script src="/static/docs.js"></script>
</body>
</html>
"""


@router.get("/docs", response_class=HTMLResponse)
def api_docs(login: OptionalLoginDep) -> HTMLResponse:
    """Signed in, the page carries the login's CSRF token so that "Try it out" works with the
    login cookie; otherwise "Authorize" takes a bearer token."""
    csrf = "" if login is None else (
        f'<meta name="csrf-token" data-header="{CSRF_HEADER}" '
        f'content="{escape(login.csrf_token)}">\n')
    return HTMLResponse(PAGE.replace("{csrf}", csrf), headers={"Cache-Control": "no-store"})


@router.get("/api/v1", response_class=RedirectResponse)
@router.get("/api/v1/", response_class=RedirectResponse)
def api_root() -> RedirectResponse:
    return RedirectResponse("/docs", status_code=307)
