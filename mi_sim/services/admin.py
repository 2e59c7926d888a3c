"""What an admin does in the browser: users, their API tokens, cohorts and their members.

A thin layer over `Accounts` and `Cohorts` that adds what the admin pages need and the
shell does not: overviews in a few queries, the repeated-password check, cohort lookup by id,
member roles limited to trainee/supervisor, and the rule that the admin acting can never lock
themselves (or the last admin) out. Authorisation of the caller is the web layer's business;
`set_active` and `delete_account` also re-check the acting admin inside their own
transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select

from mi_sim.services.accounts import ADMIN_LOCK, Accounts, DeletionReport, is_deleted_name
from mi_sim.services.cohorts import Cohorts
from mi_sim.services.errors import Conflict, Forbidden, Invalid, NotFound
from mi_sim.services.records import CohortRecord, UserRecord
from mi_sim.storage.db import reading, serialize, writing
from mi_sim.storage.models import ApiToken, Cohort, CohortMember, Role, User, WebSession

COHORT_ROLES: tuple[str, ...] = (Role.TRAINEE.value, Role.SUPERVISOR.value)
ROLES: tuple[str, ...] = tuple(role.value for role in Role)


@dataclass(frozen=True, slots=True)
class UserOverview:
    """A user as the admin pages list them."""

    user: UserRecord
    cohorts: tuple[str, ...]
    tokens: int
    token_last_used: datetime | None


def member_role(role: str) -> str:
    role = (role or "").strip()
    if role not in COHORT_ROLES:
        raise Invalid("a member's role in a cohort is trainee or supervisor")
    return role


class Administration:
    def __init__(self, accounts: Accounts, cohorts: Cohorts) -> None:
        self.accounts = accounts
        self.cohorts = cohorts
        self.sessions = accounts.sessions

    # --- users -------------------------------------------------------------------------

    def overview(self) -> list[UserOverview]:
        """Every user by name, with their cohorts and how many API tokens they hold."""
        users = self.accounts.list_users()
        with reading(self.sessions) as db:
            cohorts: dict[int, list[str]] = {}
            for user_id, cohort_name in db.execute(
                    select(CohortMember.user_id, Cohort.name)
                    .join(Cohort, Cohort.id == CohortMember.cohort_id).order_by(Cohort.name)):
                cohorts.setdefault(user_id, []).append(cohort_name)
            tokens = {user_id: (count, last) for user_id, count, last in db.execute(
                select(ApiToken.user_id, func.count(ApiToken.id), func.max(ApiToken.last_used_at))
                .group_by(ApiToken.user_id))}
        return [UserOverview(user, tuple(cohorts.get(user.id, ())),
                             int(tokens.get(user.id, (0, None))[0]),
                             tokens.get(user.id, (0, None))[1])
                for user in users]

    def user(self, name: str) -> UserOverview:
        for entry in self.overview():
            if entry.user.name == name:
                return entry
        raise NotFound(f"no user named '{name}'")

    def add_user(self, name: str, role: str, password: str, password_again: str) -> UserRecord:
        if password != password_again:
            raise Invalid("the two passwords differ")
        return self.accounts.create_user(name, role, password)

    def reset_password(self, name: str, password: str, password_again: str) -> None:
        """A new password; the user's browser logins end (their API tokens stay)."""
        if password != password_again:
            raise Invalid("the two passwords differ")
        self.accounts.set_password(name, password)

    def set_active(self, actor: UserRecord, name: str, active: bool) -> UserRecord:
        """Enable or disable `name` on behalf of the admin `actor`.

        Refused for the actor's own account and whenever no other active admin would remain,
        so nobody can lock the programme out of its own admin pages. Disabling ends the
        user's browser logins; their API tokens stop working while they are disabled.
        """
        with writing(self.sessions) as db:
            serialize(db, ADMIN_LOCK)
            acting = db.get(User, actor.id)
            if acting is None or not acting.active or acting.role != Role.ADMIN.value:
                raise Forbidden("only an active admin may change who can sign in")
            user = db.scalar(select(User).where(User.name == name))
            if user is None:
                raise NotFound(f"no user named '{name}'")
            if active and is_deleted_name(user.name):
                raise Conflict("this account was deleted; it cannot be reactivated")
            if not active:
                if user.id == acting.id:
                    raise Conflict("you cannot deactivate your own account; "
                                   "ask another admin to do it")
                others = db.scalar(select(func.count(User.id)).where(
                    User.role == Role.ADMIN.value, User.active.is_(True), User.id != user.id))
                if not others:
                    raise Conflict("this would leave no active admin")
                db.execute(delete(WebSession).where(WebSession.user_id == user.id))
            user.active = active
            db.flush()
            return UserRecord(user.id, user.name, user.role, user.active, user.created_at)

    def delete_account(self, actor: UserRecord, name: str,
                       confirmation: str) -> DeletionReport:
        """Delete `name` as the `account_deletion` setting says, once the admin has typed the
        name again (`confirmation`) to confirm; see `Accounts.delete_account`."""
        if (confirmation or "").strip() != name:
            raise Invalid(f"type the name '{name}' exactly to confirm the deletion")
        return self.accounts.delete_account(actor, name)

    def issue_token(self, name: str) -> str:
        """A new API token for an active user, to be shown once (only its hash is kept)."""
        if not self.accounts.get_user(name).active:
            raise Conflict(f"'{name}' is deactivated; reactivate the account first")
        return self.accounts.create_api_token(name)

    def revoke_tokens(self, name: str) -> int:
        return self.accounts.revoke_api_tokens(name)

    # --- cohorts -----------------------------------------------------------------------

    def list_cohorts(self) -> list[CohortRecord]:
        return self.cohorts.list_cohorts()

    def cohort(self, cohort_id: int) -> CohortRecord:
        with reading(self.sessions) as db:
            cohort = db.get(Cohort, cohort_id)
            if cohort is None:
                raise NotFound("no such cohort")
            return Cohorts._record(db, cohort)

    def create_cohort(self, name: str) -> CohortRecord:
        return self.cohorts.create_cohort(name)

    def add_member(self, cohort_id: int, user_name: str,
                   role: str) -> tuple[CohortRecord, bool]:
        """Add a user with a role in the cohort (True), or change a member's role (False)."""
        checked = member_role(role)
        user_name = (user_name or "").strip()
        if not user_name:
            raise Invalid("choose a user to add")
        cohort = self.cohort(cohort_id)
        added = not any(member.name == user_name for member in cohort.members)
        return self.cohorts.add_member(cohort.name, user_name, checked), added

    def remove_member(self, cohort_id: int, user_name: str) -> CohortRecord:
        cohort = self.cohort(cohort_id)
        if not any(member.name == user_name for member in cohort.members):
            raise NotFound(f"'{user_name}' is not a member of this cohort")
        return self.cohorts.remove_member(cohort.name, user_name)
