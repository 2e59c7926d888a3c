"""Administration commands: `mi-sim db …`, `mi-sim users …`, `mi-sim personas …`.

Registered on the main `mi-sim` app in mi_sim/cli.py. Every command reads the same `Settings`
(`MI_SIM_DATABASE_URL` and friends).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from mi_sim.config import Settings
from mi_sim.scenarios.loader import ScenarioError
from mi_sim.services import ServiceError, Services
from mi_sim.services.accounts import DELETION_MODES
from mi_sim.storage import migrate
from mi_sim.storage.models import Role

db_app = typer.Typer(no_args_is_help=True, help="Create, upgrade and inspect the database.")
users_app = typer.Typer(no_args_is_help=True,
                        help="Add users, issue API tokens, delete accounts.")
personas_app = typer.Typer(no_args_is_help=True, help="Load personas into the database.")


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.echo(f"mi-sim: {message}", err=True)
    return typer.Exit(code)


def shown(url: str) -> str:
    """The URL with any password hidden."""
    return make_url(url).render_as_string(hide_password=True)


@contextmanager
def services() -> Iterator[Services]:
    """Services over the configured database, refusing an unmigrated one."""
    settings = Settings()
    try:
        up_to_date = migrate.is_up_to_date(settings.database_url)
    except Exception as exc:  # a bad URL or an unreachable server
        raise fail(f"cannot open the database {shown(settings.database_url)}: {exc}") from exc
    if not up_to_date:
        raise fail(f"the database {shown(settings.database_url)} is not migrated to this "
                   "version of mi-sim; run: mi-sim db upgrade")
    built = Services.from_settings(settings)
    try:
        yield built
    except ServiceError as exc:
        raise fail(exc.message) from exc
    finally:
        built.close()


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply every migration to MI_SIM_DATABASE_URL and print the revision it is at."""
    url = Settings().database_url
    try:
        revision = migrate.upgrade(url)
    except Exception as exc:
        raise fail(f"cannot migrate {shown(url)}: {exc}") from exc
    typer.echo(f"{shown(url)}: at revision {revision} (up to date)")


@db_app.command("current")
def db_current() -> None:
    """Print the database's revision; exit 1 when it needs `mi-sim db upgrade`."""
    url = Settings().database_url
    try:
        revision = migrate.current_revision(url)
    except Exception as exc:
        raise fail(f"cannot open {shown(url)}: {exc}") from exc
    head = migrate.head_revision()
    if revision == head:
        typer.echo(f"{shown(url)}: at revision {revision} (up to date)")
        return
    typer.echo(f"{shown(url)}: at revision {revision or 'none'}; this mi-sim needs {head}: "
               "run mi-sim db upgrade")
    raise typer.Exit(1)


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="The login name.")],
    role: Annotated[str, typer.Option(
        help=f"One of: {', '.join(r.value for r in Role)}.")] = Role.TRAINEE.value,
    password_stdin: Annotated[bool, typer.Option(
        "--password-stdin", help="Read the password from the first line of stdin.")] = False,
) -> None:
    """Add a user. The password is read from stdin, never from the command line."""
    if not password_stdin:
        raise fail("give the password on stdin with --password-stdin, e.g.\n"
                   "  printf '%s\\n' \"$PASSWORD\" | mi-sim users add NAME --role trainee "
                   "--password-stdin", 2)
    password = sys.stdin.readline().rstrip("\r\n")
    if not password.strip():
        raise fail("the password is empty (nothing was read from stdin)")
    with services() as built:
        user = built.accounts.create_user(name, role, password)
    typer.echo(f"added {user.name} ({user.role})")


@users_app.command("token")
def users_token(name: Annotated[str, typer.Argument(help="The user's login name.")]) -> None:
    """Print a new API token for the user (shown once; keep it secret)."""
    with services() as built:
        token = built.accounts.create_api_token(name)
    typer.echo(token)


@users_app.command("delete")
def users_delete(
    name: Annotated[str, typer.Argument(help="The user's login name.")],
    mode: Annotated[str | None, typer.Option(
        metavar="[anonymise|delete]",
        help="anonymise: keep their sessions under a random name, remove identity and logins; "
        "delete: remove them and everything that is theirs. Default: "
        "MI_SIM_ACCOUNT_DELETION (anonymise).")] = None,
    yes: Annotated[bool, typer.Option(
        "--yes", help="Confirm; without it nothing is changed.")] = False,
) -> None:
    """Delete an account as MI_SIM_ACCOUNT_DELETION (or --mode) says; see
    docs/reliability.md. Refused for the last active admin."""
    if mode is not None and mode not in DELETION_MODES:
        raise fail(f"unknown mode '{mode}'; use anonymise or delete", 2)
    if not yes:
        raise fail(f"this deletes the account '{name}' for good; add --yes to confirm", 2)
    with services() as built:
        report = built.accounts.delete_account(None, name, mode)
    typer.echo(report.describe())


@personas_app.command("sync")
def personas_sync() -> None:
    """Load the shipped personas (MI_SIM_SCENARIOS_DIR); changed files become new versions."""
    with services() as built:
        try:
            report = built.personas.sync_shipped_personas()
        except ScenarioError as exc:
            raise fail(f"the personas do not load:\n{exc}") from exc
    for label, slugs in (("added", report.created), ("new version", report.updated),
                         ("unchanged", report.unchanged)):
        for slug in slugs:
            typer.echo(f"{label}: {slug}")
