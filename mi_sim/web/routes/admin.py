"""Admin pages: users (add, deactivate, reset password, API tokens, delete) and cohorts
(members).

Every route is for admins only (`require_role("admin")`): others get the 403 page, visitors
are sent to /login. Every change is a CSRF-checked POST followed by a redirect to a GET page
that shows a fixed notice chosen by `?done=<key>`; the query text itself is never shown.
Refusals re-render the form with the message and what was typed (never the passwords).
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from mi_sim.services.accounts import is_deleted_name
from mi_sim.services.admin import COHORT_ROLES, ROLES, Administration
from mi_sim.services.errors import Conflict, NotFound, ServiceError
from mi_sim.services.records import UserRecord
from mi_sim.web.deps import CsrfLoginDep, ServicesDep, require_role
from mi_sim.web.numbers import path_number
from mi_sim.web.routes.accounts import logged_in
from mi_sim.web.templating import render

router = APIRouter(prefix="/admin", tags=["admin"], include_in_schema=False,
                   dependencies=[Depends(require_role("admin"))])

# Transport bounds only: the services give the readable messages for anything shorter.
NameField = Annotated[str, Form(max_length=200)]
PasswordField = Annotated[str, Form(max_length=2000)]
ChoiceField = Annotated[str, Form(max_length=40)]
CohortNameField = Annotated[str, Form(max_length=500)]

USER_NOTICES = {
    "added": "User added. They can sign in now with the password you set.",
    "deactivated": "Account deactivated: its browser logins have ended and its API tokens "
                   "no longer work.",
    "reactivated": "Account reactivated: the user can sign in again.",
    "password": ("Password reset. The user's browser logins have ended and their API tokens are "
                 "revoked: issue a new token for their scripts."),
    "own-password": ("Your password is reset. You stay signed in here; other logins ended and your "
                     "API tokens are revoked."),
    "revoked": "API tokens revoked: scripts using them are refused from now on.",
    "no-tokens": "There were no API tokens to revoke.",
    "deleted": "Account deleted, with its sessions, turns, feedback, the reviews of those "
               "sessions, memberships, API tokens and logins.",
    "anonymised": "Account anonymised: it now has a random deleted-… name and can never sign "
                  "in again; its sessions and reviews are kept under that name.",
}
COHORT_NOTICES = {
    "created": "Cohort created. Add its members below.",
    "added": "Member added.",
    "updated": "Role in the cohort changed.",
    "removed": "Member removed.",
}
BACK_TO_LIST = "list"


def admin_of(services: ServicesDep) -> Administration:
    return services.admin


AdminDep = Annotated[Administration, Depends(admin_of)]


def status_for(error: ServiceError) -> int:
    if isinstance(error, Conflict):
        return 409
    if isinstance(error, NotFound):
        return 404
    return 422


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def notice(notices: dict[str, str], done: str | None) -> str | None:
    return notices.get(done or "")


def parse_id(raw: str) -> int:
    return path_number(raw, "cohort")


# --- users -----------------------------------------------------------------------------

@router.get("")
def admin_home() -> Response:
    return see_other("/admin/users")


def users_page(request: Request, admin: Administration, status_code: int = 200,
               **context: Any) -> Response:
    values: dict[str, Any] = {"entries": admin.overview(), "roles": ROLES, "form": {},
                              "is_deleted": is_deleted_name}
    values.update(context)
    return render(request, "admin_users.html", values, status_code)


@router.get("/users")
def list_users(request: Request, admin: AdminDep, done: str | None = None,
               name: str | None = None) -> Response:
    """`name` (after adding a user) only highlights a row when it names an existing user."""
    return users_page(request, admin, notice=notice(USER_NOTICES, done), added=name)


@router.post("/users")
def add_user(request: Request, admin: AdminDep, _login: CsrfLoginDep, name: NameField = "",
             role: ChoiceField = "trainee", password: PasswordField = "",
             password_again: PasswordField = "") -> Response:
    try:
        user = admin.add_user(name, role, password, password_again)
    except ServiceError as exc:
        return users_page(request, admin, status_for(exc), form_error=exc.message,
                          form={"name": name[:64], "role": role})
    return see_other(f"/admin/users?done=added&name={quote(user.name, safe='')}")


def user_url(name: str, done: str) -> str:
    return f"/admin/users/{quote(name, safe='')}?done={done}"


def user_page(request: Request, admin: Administration, name: str, status_code: int = 200,
              **context: Any) -> Response:
    entry = admin.user(name)
    return render(request, "admin_user.html", {
        "entry": entry, "deleted": is_deleted_name(entry.user.name),
        "deletion_mode": admin.accounts.settings.account_deletion, **context}, status_code)


@router.get("/users/{name}")
def show_user(request: Request, admin: AdminDep, name: str,
              done: str | None = None) -> Response:
    return user_page(request, admin, name, notice=notice(USER_NOTICES, done))


def set_active(request: Request, admin: Administration, actor: UserRecord, name: str,
               active: bool, back: str) -> Response:
    try:
        admin.set_active(actor, name, active)
    except ServiceError as exc:
        if isinstance(exc, NotFound):
            raise
        if back == BACK_TO_LIST:
            return users_page(request, admin, status_for(exc), error=exc.message)
        return user_page(request, admin, name, status_for(exc), error=exc.message)
    done = "reactivated" if active else "deactivated"
    if back == BACK_TO_LIST:
        return see_other(f"/admin/users?done={done}")
    return see_other(user_url(name, done))


@router.post("/users/{name}/deactivate")
def deactivate(request: Request, admin: AdminDep, login: CsrfLoginDep, name: str,
               back: ChoiceField = "") -> Response:
    return set_active(request, admin, login.user, name, False, back)


@router.post("/users/{name}/reactivate")
def reactivate(request: Request, admin: AdminDep, login: CsrfLoginDep, name: str,
               back: ChoiceField = "") -> Response:
    return set_active(request, admin, login.user, name, True, back)


@router.post("/users/{name}/password")
def reset_password(request: Request, services: ServicesDep, admin: AdminDep,
                   login: CsrfLoginDep, name: str, password: PasswordField = "",
                   password_again: PasswordField = "") -> Response:
    try:
        admin.reset_password(name, password, password_again)
    except ServiceError as exc:
        if isinstance(exc, NotFound):
            raise
        return user_page(request, admin, name, status_for(exc), password_error=exc.message)
    if name == login.user.name:  # resetting ends every login, this one too: sign in again
        return logged_in(request, services, login.user, user_url(name, "own-password"))
    return see_other(user_url(name, "password"))


@router.post("/users/{name}/tokens")
def issue_token(request: Request, admin: AdminDep, _login: CsrfLoginDep,
                name: str) -> Response:
    try:
        token = admin.issue_token(name)
    except ServiceError as exc:
        if isinstance(exc, NotFound):
            raise
        return user_page(request, admin, name, status_for(exc), error=exc.message)
    # Shown on this response only: never in a URL, never stored in clear, never cached.
    response = user_page(request, admin, name, 201, new_token=token)
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post("/users/{name}/tokens/revoke")
def revoke_tokens(admin: AdminDep, _login: CsrfLoginDep, name: str) -> Response:
    revoked = admin.revoke_tokens(name)
    return see_other(user_url(name, "revoked" if revoked else "no-tokens"))


@router.post("/users/{name}/delete")
def delete_account(request: Request, admin: AdminDep, login: CsrfLoginDep, name: str,
                   confirm_name: NameField = "") -> Response:
    """Delete (or anonymise, as configured) once the admin has typed the name again."""
    try:
        report = admin.delete_account(login.user, name, confirm_name)
    except ServiceError as exc:
        if isinstance(exc, NotFound):
            raise
        return user_page(request, admin, name, status_for(exc), delete_error=exc.message)
    done = "anonymised" if report.mode == "anonymise" else "deleted"
    return see_other(f"/admin/users?done={done}")


# --- cohorts ---------------------------------------------------------------------------

def cohorts_page(request: Request, admin: Administration, status_code: int = 200,
                 **context: Any) -> Response:
    values: dict[str, Any] = {"cohorts": admin.list_cohorts(), "form": {}}
    values.update(context)
    return render(request, "admin_cohorts.html", values, status_code)


@router.get("/cohorts")
def list_cohorts(request: Request, admin: AdminDep, done: str | None = None) -> Response:
    return cohorts_page(request, admin, notice=notice(COHORT_NOTICES, done))


@router.post("/cohorts")
def create_cohort(request: Request, admin: AdminDep, _login: CsrfLoginDep,
                  name: CohortNameField = "") -> Response:
    try:
        cohort = admin.create_cohort(name)
    except ServiceError as exc:
        return cohorts_page(request, admin, status_for(exc), error=exc.message,
                            form={"name": name[:120]})
    return see_other(f"/admin/cohorts/{cohort.id}?done=created")


def cohort_page(request: Request, admin: Administration, cohort_id: int,
                status_code: int = 200, **context: Any) -> Response:
    cohort = admin.cohort(cohort_id)
    members = {member.user_id for member in cohort.members}
    users = [entry.user for entry in admin.overview()]
    values: dict[str, Any] = {
        "cohort": cohort, "member_roles": COHORT_ROLES, "form": {},
        "candidates": [user for user in users if user.id not in members],
        "user_roles": {user.id: user.role for user in users},
        "inactive": {user.id for user in users if not user.active}}
    values.update(context)
    return render(request, "admin_cohort.html", values, status_code)


@router.get("/cohorts/{cohort_id}")
def show_cohort(request: Request, admin: AdminDep, cohort_id: str,
                done: str | None = None) -> Response:
    return cohort_page(request, admin, parse_id(cohort_id),
                       notice=notice(COHORT_NOTICES, done))


@router.post("/cohorts/{cohort_id}/members")
def add_member(request: Request, admin: AdminDep, _login: CsrfLoginDep, cohort_id: str,
               user: NameField = "", role: ChoiceField = "trainee") -> Response:
    number = parse_id(cohort_id)
    try:
        _cohort, added = admin.add_member(number, user, role)
    except ServiceError as exc:
        return cohort_page(request, admin, number, status_for(exc), error=exc.message,
                           form={"user": user, "role": role})
    return see_other(f"/admin/cohorts/{number}?done={'added' if added else 'updated'}")


@router.post("/cohorts/{cohort_id}/members/remove")
def remove_member(request: Request, admin: AdminDep, _login: CsrfLoginDep, cohort_id: str,
                  user: NameField = "") -> Response:
    number = parse_id(cohort_id)
    try:
        admin.remove_member(number, user)
    except ServiceError as exc:
        return cohort_page(request, admin, number, status_for(exc), error=exc.message)
    return see_other(f"/admin/cohorts/{number}?done=removed")
