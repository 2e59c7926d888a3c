"""Account deletion, "anonymise" and "delete": what remains row by row, who can still sign in,
what supervisors see, the refusals, the admin page and `mi-sim users delete` — on SQLite and
PostgreSQL."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from programme_helpers import EXAMPLE, PASSWORD, TESS_PASSWORD, Programme, fill
from pydantic import ValidationError
from typer.testing import CliRunner

from mi_sim.cli import app
from mi_sim.config import Settings
from mi_sim.services import BadCredentials, Conflict, Forbidden, Invalid, NotFound, Services
from mi_sim.services.accounts import DELETED_USER, UNUSABLE_PASSWORD, DeletionReport
from mi_sim.services.records import QueueFilters, UserRecord
from mi_sim.storage.models import Base
from mi_sim.web import create_app

pytest_plugins = ("storage_fixtures",)

ANY = QueueFilters(reviewed="any")
Rows = dict[str, dict[tuple[Any, ...], dict[str, Any]]]


# --- helpers ---------------------------------------------------------------------------------

def rows(services: Services) -> Rows:
    """Every row of every table, by primary key (read through the whole-database export)."""
    out = io.StringIO()
    services.backup.export_all(out)
    keys = {t.name: [c.name for c in t.primary_key.columns] for t in Base.metadata.tables.values()}
    found: Rows = {name: {} for name in keys}
    for line in out.getvalue().splitlines()[1:-1]:
        item = json.loads(line)
        row = item["row"]
        found[item["table"]][tuple(row[k] for k in keys[item["table"]])] = row
    return found


def changes(before: Rows, after: Rows) -> dict[str, dict[str, Any]]:
    """Per table: the primary keys of rows removed and added, and the columns changed."""
    found: dict[str, dict[str, Any]] = {}
    for table in before:
        old, new = before[table], after[table]
        changed = {key: {c for c in old[key] if old[key][c] != new[key][c]}
                   for key in old.keys() & new.keys() if old[key] != new[key]}
        entry = {"removed": set(old.keys() - new.keys()), "added": set(new.keys() - old.keys()),
                 "changed": changed}
        if any(entry.values()):
            found[table] = entry
    return found


def keys_where(table: dict[tuple[Any, ...], dict[str, Any]], **values: Any) -> set[Any]:
    return {key for key, row in table.items()
            if all(row[name] == value for name, value in values.items())}


def sessions_of(before: Rows, user_id: int) -> set[Any]:
    return {key[0] for key in keys_where(before["practice_sessions"], user_id=user_id)}


def under(table: dict[tuple[Any, ...], dict[str, Any]], column: str, values: set[Any]) -> set[Any]:
    return {key for key, row in table.items() if row[column] in values}


@pytest.fixture
def programme(services: Services) -> Programme:
    return fill(services)


@pytest.fixture
def tess_login(services: Services, programme: Programme) -> str:
    return services.accounts.start_web_session(programme.tess)[0]


def deleted(services: Services, report: DeletionReport) -> UserRecord:
    assert report.kept_as is not None
    return services.accounts.get_user(report.kept_as)


# --- "anonymise" -----------------------------------------------------------------------------

def test_anonymising_a_trainee_keeps_the_practice_data_and_removes_identity_and_logins(
        services: Services, programme: Programme, tess_login: str) -> None:
    before = rows(services)
    report = services.accounts.delete_account(programme.ada, "tess")

    assert report.mode == "anonymise" and report.sessions_kept == 2
    assert report.kept_as and re.fullmatch(r"deleted-[0-9a-f]{12}", report.kept_as)
    tess_id = programme.tess.id
    assert changes(before, rows(services)) == {
        "users": {"removed": set(), "added": set(),
                  "changed": {(tess_id,): {"name", "password_hash", "active"}}},
        "api_tokens": {"removed": keys_where(before["api_tokens"], user_id=tess_id),
                       "added": set(), "changed": {}},
        "web_sessions": {"removed": keys_where(before["web_sessions"], user_id=tess_id),
                         "added": set(), "changed": {}},
        "login_attempts": {"removed": keys_where(before["login_attempts"], name="tess"),
                           "added": set(), "changed": {}},
    }
    anonymous = deleted(services, report)
    assert (anonymous.role, anonymous.active) == ("trainee", False)
    assert rows(services)["users"][(tess_id,)]["password_hash"] == UNUSABLE_PASSWORD


def test_after_anonymising_nobody_signs_in_as_them_and_their_token_and_login_are_dead(
        services: Services, programme: Programme, tess_login: str) -> None:
    assert services.accounts.user_for_web_session(tess_login) is not None
    report = services.accounts.delete_account(programme.ada, "tess", "anonymise")
    for name in ("tess", report.kept_as or ""):
        with pytest.raises(BadCredentials):
            services.accounts.authenticate(name, TESS_PASSWORD, "10.0.0.9")
    with pytest.raises(BadCredentials):
        services.accounts.authenticate(report.kept_as or "", UNUSABLE_PASSWORD, "10.0.0.9")
    assert services.accounts.user_for_token(programme.tess_token) is None
    assert services.accounts.user_for_web_session(tess_login) is None


def test_a_supervisor_sees_an_anonymised_trainees_sessions_under_the_anonymous_name(
        services: Services, programme: Programme) -> None:
    report = services.accounts.delete_account(programme.ada, "tess", "anonymise")
    queue = services.reviews.queue(programme.sam, ANY)
    owners = {item.session_id: item.trainee for item in queue.items}
    assert owners[programme.tess_ended] == report.kept_as
    assert "tess" not in owners.values()
    detail = services.reviews.review_detail(programme.sam, programme.tess_ended)
    assert detail.session.trainee == report.kept_as
    assert detail.review is not None and detail.review.comment == "Good work, Tess."
    assert len(detail.turns) == 5
    overview = services.progress.cohort_overview(programme.sam, programme.cohort_id)
    assert report.kept_as in repr(overview) and "'tess'" not in repr(overview)


def test_anonymising_a_supervisor_keeps_their_reviews_shown_as_by_a_deleted_user(
        services: Services, programme: Programme) -> None:
    before = rows(services)
    report = services.accounts.delete_account(programme.ada, "sam", "anonymise")
    assert report.reviews_written_kept == 1 and report.sessions_kept == 1  # the import
    sam_id = programme.sam.id
    assert set(changes(before, rows(services))) == {"users", "api_tokens"}
    (review,) = services.reviews.reviewed_report(programme.tess, programme.tess_ended).reviews
    assert review.review.reviewer == DELETED_USER
    assert {c.reviewer for c in review.review.comments} == {DELETED_USER}
    imported = services.reviews.review_detail(programme.ada, programme.imported)
    assert imported.session.trainee == report.kept_as
    assert keys_where(rows(services)["cohort_members"], user_id=sam_id)  # still a member


def test_an_anonymised_account_cannot_be_used_again(
        services: Services, programme: Programme) -> None:
    report = services.accounts.delete_account(programme.ada, "tess", "anonymise")
    name = report.kept_as or ""
    before = rows(services)
    with pytest.raises(Conflict, match="deleted"):
        services.accounts.set_password(name, "a brand new password")
    with pytest.raises(Conflict, match="deleted"):
        services.accounts.create_api_token(name)
    with pytest.raises(Conflict, match="deleted"):
        services.admin.set_active(programme.ada, name, True)
    with pytest.raises(Conflict, match="deleted"):
        services.accounts.set_active(name, True)
    with pytest.raises(Conflict, match="already deleted"):
        services.accounts.delete_account(programme.ada, name, "anonymise")
    with pytest.raises(Invalid, match="kept for deleted accounts"):
        services.accounts.create_user("deleted-cafe", "trainee", PASSWORD)
    assert rows(services) == before


# --- "delete" --------------------------------------------------------------------------------

def test_deleting_a_trainee_removes_them_and_everything_that_is_theirs(
        services: Services, programme: Programme, tess_login: str) -> None:
    before = rows(services)
    report = services.accounts.delete_account(programme.ada, "tess", "delete")

    assert (report.kept_as, report.sessions_deleted) == (None, 2)
    tess_id = programme.tess.id
    sessions = sessions_of(before, tess_id)
    assert sessions == {programme.tess_ended, programme.tess_open}
    reviews = {key[0] for key in under(before["reviews"], "session_id", sessions)}
    assert reviews  # sam's review of tess's session goes with it

    def gone(table: str, keys: set[Any]) -> dict[str, Any]:
        assert keys, f"the programme has no {table} rows of tess"
        return {"removed": keys, "added": set(), "changed": {}}

    assert changes(before, rows(services)) == {
        "users": gone("users", {(tess_id,)}),
        "api_tokens": gone("api_tokens", keys_where(before["api_tokens"], user_id=tess_id)),
        "web_sessions": gone("web_sessions",
                             keys_where(before["web_sessions"], user_id=tess_id)),
        "login_attempts": gone("login_attempts",
                               keys_where(before["login_attempts"], name="tess")),
        "cohort_members": gone("cohort_members",
                               keys_where(before["cohort_members"], user_id=tess_id)),
        "practice_sessions": gone("practice_sessions", {(s,) for s in sessions}),
        "turns": gone("turns", under(before["turns"], "session_id", sessions)),
        "feedback": gone("feedback", under(before["feedback"], "session_id", sessions)),
        "reviews": gone("reviews", {(r,) for r in reviews}),
        "review_codes": gone("review_codes", under(before["review_codes"], "review_id",
                                                   reviews)),
        "review_comments": gone("review_comments", under(before["review_comments"],
                                                         "review_id", reviews)),
    }
    with pytest.raises(BadCredentials):
        services.accounts.authenticate("tess", TESS_PASSWORD, "10.0.0.9")
    assert services.accounts.user_for_token(programme.tess_token) is None
    assert services.accounts.user_for_web_session(tess_login) is None


def test_a_deleted_trainees_sessions_are_no_longer_visible_to_their_supervisor(
        services: Services, programme: Programme) -> None:
    services.accounts.delete_account(programme.ada, "tess", "delete")
    queue = services.reviews.queue(programme.sam, ANY)
    assert {item.session_id for item in queue.items} == {programme.tim_ended,
                                                          programme.imported}
    for session_id in (programme.tess_ended, programme.tess_open):
        with pytest.raises(NotFound):
            services.reviews.review_detail(programme.sam, session_id)
        with pytest.raises(NotFound):
            services.reviews.review_detail(programme.ada, session_id)
    assert "tess" not in repr(services.progress.cohort_overview(programme.sam,
                                                                programme.cohort_id))


def test_deleting_a_supervisor_keeps_the_reviews_they_wrote_under_a_tombstone(
        services: Services, programme: Programme) -> None:
    before = rows(services)
    report = services.accounts.delete_account(programme.ada, "sam", "delete")

    assert report.kept_as and report.reviews_written_kept == 1 and report.sessions_deleted == 1
    sam_id = programme.sam.id
    found = changes(before, rows(services))
    assert found.pop("users") == {"removed": set(), "added": set(),
                                  "changed": {(sam_id,): {"name", "password_hash", "active"}}}
    imported = {programme.imported}
    assert found == {
        "api_tokens": {"removed": keys_where(before["api_tokens"], user_id=sam_id),
                       "added": set(), "changed": {}},
        "cohort_members": {"removed": keys_where(before["cohort_members"], user_id=sam_id),
                           "added": set(), "changed": {}},
        "practice_sessions": {"removed": {(programme.imported,)}, "added": set(),
                              "changed": {}},
        "turns": {"removed": under(before["turns"], "session_id", imported), "added": set(),
                  "changed": {}},
        "feedback": {"removed": under(before["feedback"], "session_id", imported),
                     "added": set(), "changed": {}},
    }
    tombstone = deleted(services, report)
    assert tombstone.role == "supervisor" and not tombstone.active
    (review,) = services.reviews.reviewed_report(programme.tess, programme.tess_ended).reviews
    assert review.review.reviewer == DELETED_USER and review.review.comment == "Good work, Tess."
    with pytest.raises(BadCredentials):
        services.accounts.authenticate("sam", PASSWORD, "10.0.0.9")
    assert services.accounts.user_for_token(programme.sam_token) is None


def test_deleting_an_author_keeps_their_personas_with_no_author(
        services: Services, programme: Programme) -> None:
    before = rows(services)
    report = services.accounts.delete_account(programme.ada, "ivy", "delete")
    assert report.kept_as is None
    ivy = programme.ivy.id
    found = changes(before, rows(services))
    assert found.pop("users")["removed"] == {(ivy,)}
    assert set(found) == {"persona_versions", "persona_drafts", "persona_goldens"}
    for table, column in (("persona_versions", "created_by_id"),
                          ("persona_drafts", "updated_by_id"),
                          ("persona_goldens", "created_by_id")):
        authored = keys_where(before[table], **{column: ivy})
        assert authored and found[table] == {"removed": set(), "added": set(),
                                             "changed": {key: {column} for key in authored}}
    assert [p.slug for p in services.personas.list_published(programme.tim)].count(EXAMPLE) == 1


def test_delete_mode_purges_what_an_anonymised_account_kept(
        services: Services, programme: Programme) -> None:
    name = services.accounts.delete_account(programme.ada, "tess", "anonymise").kept_as or ""
    report = services.accounts.delete_account(programme.ada, name, "delete")
    assert (report.kept_as, report.sessions_deleted) == (None, 2)
    assert not sessions_of(rows(services), programme.tess.id)


def test_the_setting_chooses_the_mode(services: Services, programme: Programme) -> None:
    settings = services.settings.model_copy(update={"account_deletion": "delete"})
    other = Services.build(services.sessions, settings, services.accounts.hasher)
    assert other.accounts.delete_account(programme.ada, "tim").mode == "delete"
    assert services.accounts.delete_account(programme.ada, "tess").mode == "anonymise"


def test_the_setting_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MI_SIM_ACCOUNT_DELETION", raising=False)
    assert Settings().account_deletion == "anonymise"
    monkeypatch.setenv("MI_SIM_ACCOUNT_DELETION", "delete")
    assert Settings().account_deletion == "delete"
    monkeypatch.setenv("MI_SIM_ACCOUNT_DELETION", "shred")
    with pytest.raises(ValidationError):
        Settings()


# --- refusals --------------------------------------------------------------------------------

def test_refusals_change_nothing(services: Services, programme: Programme) -> None:
    before = rows(services)
    with pytest.raises(Conflict, match="your own account"):
        services.accounts.delete_account(programme.ada, "ada", "delete")
    with pytest.raises(Conflict, match="no active admin"):
        services.accounts.delete_account(None, "ada", "anonymise")   # the shell, last admin
    for actor in (programme.sam, programme.tess, programme.ivy):
        with pytest.raises(Forbidden, match="only an active admin"):
            services.accounts.delete_account(actor, "tim", "delete")
    with pytest.raises(NotFound):
        services.accounts.delete_account(programme.ada, "nobody", "delete")
    with pytest.raises(Invalid, match="unknown deletion mode"):
        services.accounts.delete_account(programme.ada, "tim", "shred")
    with pytest.raises(Invalid, match="type the name 'tim' exactly"):
        services.admin.delete_account(programme.ada, "tim", "Tim")
    assert rows(services) == before


def test_a_deactivated_admin_cannot_delete_and_another_admin_is_no_last_admin(
        services: Services, programme: Programme) -> None:
    bob = services.accounts.create_user("bob", "admin", PASSWORD)
    services.admin.set_active(programme.ada, "bob", False)
    with pytest.raises(Forbidden):
        services.accounts.delete_account(bob, "tim", "delete")
    services.admin.set_active(programme.ada, "bob", True)
    assert services.accounts.delete_account(bob, "ada", "delete").kept_as  # ada wrote a review
    with pytest.raises(Conflict, match="no active admin"):
        services.accounts.delete_account(None, "bob", "delete")


# --- the admin page --------------------------------------------------------------------------

def sign_in(client: TestClient, name: str, password: str = PASSWORD) -> str:
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token
    response = client.post("/login", data={"name": name, "password": password,
                                           "csrf_token": token.group(1)})
    assert response.status_code == 303, response.text
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/admin/users").text)
    assert found
    return found.group(1)


@pytest.fixture(params=["anonymise", "delete"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def admin_page(services: Services, programme: Programme, mode: str) -> Iterator[TestClient]:
    settings = services.settings.model_copy(update={"account_deletion": mode})
    built = Services.build(services.sessions, settings, services.accounts.hasher)
    with TestClient(create_app(settings, built), follow_redirects=False) as client:
        client.headers["x-test-csrf"] = sign_in(client, "ada")
        yield client


def error_of(html: str) -> str:
    found = re.search(r'<p class="error" role="alert">(.*?)</p>', html, re.S)
    return unescape(found.group(1)).lower() if found else ""


def test_the_page_deletes_after_the_name_is_typed_and_with_csrf(
        admin_page: TestClient, services: Services, programme: Programme, mode: str) -> None:
    page = admin_page.get("/admin/users/tess")
    assert page.status_code == 200
    assert 'action="/admin/users/tess/delete"' in page.text and 'name="confirm_name"' in page.text
    assert ("Anonymises tess" if mode == "anonymise" else "Removes tess") in page.text
    before = rows(services)

    csrf = admin_page.headers["x-test-csrf"]
    no_csrf = admin_page.post("/admin/users/tess/delete", data={"confirm_name": "tess"})
    assert no_csrf.status_code == 403
    forged = admin_page.post("/admin/users/tess/delete",
                             data={"confirm_name": "tess", "csrf_token": "x" * 43})
    assert forged.status_code == 403
    wrong = admin_page.post("/admin/users/tess/delete",
                            data={"confirm_name": "tes", "csrf_token": csrf})
    assert wrong.status_code == 422 and "type the name 'tess' exactly" in error_of(wrong.text)
    assert rows(services) == before

    done = admin_page.post("/admin/users/tess/delete",
                           data={"confirm_name": "tess", "csrf_token": csrf})
    assert done.status_code == 303
    expected = "anonymised" if mode == "anonymise" else "deleted"
    assert done.headers["location"] == f"/admin/users?done={expected}"
    listing = admin_page.get(done.headers["location"])
    assert ("Account anonymised" if mode == "anonymise" else "Account deleted") in listing.text
    assert 'id="user-tess"' not in listing.text
    names = [u.name for u in services.accounts.list_users()]
    assert "tess" not in names
    anonymous = [n for n in names if n.startswith("deleted-")]
    assert len(anonymous) == (1 if mode == "anonymise" else 0)
    if anonymous:
        assert re.search(rf'id="user-{anonymous[0]}".*?<span class="tag bad">deleted</span>',
                         listing.text, re.S)
        shown = admin_page.get(f"/admin/users/{anonymous[0]}")
        assert "Deleted account" in shown.text and "/reactivate" not in shown.text
        assert "/tokens" not in shown.text and "/password" not in shown.text
    assert admin_page.get("/admin/users/tess").status_code == 404


def test_the_page_refuses_your_own_account(
        admin_page: TestClient, services: Services) -> None:
    page = admin_page.get("/admin/users/ada")
    assert "You cannot delete your own account" in page.text
    assert 'action="/admin/users/ada/delete"' not in page.text
    before = rows(services)
    response = admin_page.post("/admin/users/ada/delete", data={
        "confirm_name": "ada", "csrf_token": admin_page.headers["x-test-csrf"]})
    assert response.status_code == 409 and "your own account" in error_of(response.text)
    assert rows(services) == before


def test_only_admins_reach_the_delete_form(
        services: Services, programme: Programme) -> None:
    with TestClient(create_app(services.settings, services), follow_redirects=False) as client:
        page = client.get("/login")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token
        client.post("/login", data={"name": "sam", "password": PASSWORD,
                                    "csrf_token": token.group(1)})
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/personas").text)
        assert csrf
        before = rows(services)
        response = client.post("/admin/users/tess/delete",
                               data={"confirm_name": "tess", "csrf_token": csrf.group(1)})
        assert response.status_code == 403
        assert rows(services) == before


# --- the command line ------------------------------------------------------------------------

def test_users_delete_on_the_command_line(
        services: Services, programme: Programme, database_url: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MI_SIM_DATABASE_URL", database_url)
    run = CliRunner()
    before = rows(services)
    unconfirmed = run.invoke(app, ["users", "delete", "tess"])
    assert unconfirmed.exit_code == 2 and "--yes" in unconfirmed.output
    bad = run.invoke(app, ["users", "delete", "tess", "--mode", "shred", "--yes"])
    assert bad.exit_code == 2 and "unknown mode" in bad.output
    last = run.invoke(app, ["users", "delete", "ada", "--yes"])
    assert last.exit_code == 1 and "no active admin" in last.output
    missing = run.invoke(app, ["users", "delete", "nobody", "--yes"])
    assert missing.exit_code == 1 and "no user named 'nobody'" in missing.output
    assert rows(services) == before

    anonymised = run.invoke(app, ["users", "delete", "tess", "--yes"])
    assert anonymised.exit_code == 0, anonymised.output
    assert re.search(r"anonymised 'tess' as deleted-[0-9a-f]{12}: 2 session", anonymised.output)
    removed = run.invoke(app, ["users", "delete", "tim", "--mode", "delete", "--yes"])
    assert removed.exit_code == 0, removed.output
    assert "deleted 'tim' and 1 session(s)" in removed.output
    assert not sessions_of(rows(services), programme.tim.id)
