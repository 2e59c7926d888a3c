"""`mi-sim serve`: run the web app with uvicorn, after checking the database and settings.

Registered on the main app in mi_sim/cli.py as `app.command("serve")(serve)`.
"""

from __future__ import annotations

from typing import Annotated

import typer

from mi_sim.config import Settings
from mi_sim.storage import migrate

FACTORY = "mi_sim.web.asgi:app_factory"


def _fail(message: str) -> typer.Exit:
    typer.echo(f"mi-sim: {message}", err=True)
    return typer.Exit(1)


def _shown(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}"


def check_ready(settings: Settings) -> None:
    """Raise `typer.Exit(1)` with a message when the app must not start."""
    problems = settings.problems()
    if problems:
        raise _fail("refusing to start: " + "; ".join(problems))
    try:
        up_to_date = migrate.is_up_to_date(settings.database_url)
    except Exception as exc:  # a bad URL or an unreachable server
        raise _fail(f"cannot open the database {_shown(settings.database_url)}: {exc}") from exc
    if not up_to_date:
        raise _fail(f"the database {_shown(settings.database_url)} is not migrated to this "
                    "version of mi-sim; run: mi-sim db upgrade")


def serve(
    host: Annotated[str | None, typer.Option(
        help="Address to listen on (default MI_SIM_HOST, else 127.0.0.1).")] = None,
    port: Annotated[int | None, typer.Option(
        min=1, max=65535, help="Port to listen on (default MI_SIM_PORT, else 8000).")] = None,
    workers: Annotated[int, typer.Option(
        min=1, max=64, help="Worker processes; each builds its own app.")] = 1,
) -> None:
    """Serve the web app and the JSON API (refuses an unmigrated database)."""
    try:
        settings = Settings()
    except Exception as exc:  # an MI_SIM_* variable that does not parse
        raise _fail(f"the settings do not load: {exc}") from exc
    check_ready(settings)
    host = settings.host if host is None else host
    port = settings.port if port is None else port

    import uvicorn

    from mi_sim.web.slow_clients import TimedHttpToolsProtocol

    if settings.production and settings.allowed_host_list == ["*"]:
        typer.echo("mi-sim: warning: MI_SIM_ALLOWED_HOSTS is `*`, so any Host header is "
                   "answered; set it to this site's host names", err=True)
    typer.echo(f"mi-sim: serving {_shown(settings.database_url)} on {url_for(host, port)} "
               f"({workers} worker{'s' if workers > 1 else ''}; Ctrl+C stops)")
    # Slow clients: header and body deadlines (TimedHttpToolsProtocol) and the keep-alive idle
    # time, each from the settings (README, "Configuration" and "Deployment").
    uvicorn.run(FACTORY, factory=True, host=host, port=port, workers=workers,
                proxy_headers=True, server_header=False, http=TimedHttpToolsProtocol,
                timeout_keep_alive=settings.keep_alive_timeout_seconds)


if __name__ == "__main__":  # `python -m mi_sim.cli_serve`, the same as `mi-sim serve`
    typer.run(serve)
