"""Who may see and review what: every role against every supervisor use case, on both databases.

The programme (see `supervision_helpers`): cohort A = supervisor sam, trainees amy and abe;
cohort B = supervisor sue, trainee bea; tom is a trainee in no cohort; ivy an instructor; ada
the admin. Each of them has one ended session; sam and ivy have also imported a transcript.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from supervision_helpers import World, add_session, build_world

from mi_sim.services import Forbidden, NotFound, Services
from mi_sim.services.records import QueueFilters, UserRecord

pytest_plugins = ("storage_fixtures",)

TRANSCRIPT = "T: What brings you in today?\nC: My heart races and I can't breathe.\n"
CALLERS = ("ada", "sam", "sue", "amy", "abe", "bea", "tom", "ivy")


@dataclass(frozen=True)
class Programme:
    services: Services
    world: World
    users: dict[str, UserRecord]
    sessions: dict[str, str]   # label -> session id


# Which sessions each caller sees (labels; "sam-import" / "ivy-import" are imported).
VISIBLE = {
    "ada": {"amy", "abe", "bea", "tom", "sam", "ivy", "sam-import", "ivy-import"},
    "sam": {"amy", "abe", "sam", "sam-import"},
    "sue": {"bea"},
    "amy": {"amy"},
    "abe": {"abe"},
    "bea": {"bea"},
    "tom": {"tom"},
    "ivy": {"ivy", "ivy-import"},
}
# Which of the visible sessions each caller may review.
REVIEWABLE = {
    "ada": VISIBLE["ada"],
    "sam": {"amy", "abe", "sam-import"},
    "sue": {"bea"},
    "amy": set(), "abe": set(), "bea": set(), "tom": set(),
    "ivy": {"ivy-import"},
}
ALL_SESSIONS = sorted(VISIBLE["ada"])


@pytest.fixture
def programme(synced: Services) -> Programme:
    world = build_world(synced)
    users = {u.name: u for u in (world.admin, world.sam, world.sue, world.amy, world.abe,
                                 world.bea, world.tom, world.ivy)}
    sessions = {name: add_session(synced, users[name])
                for name in ("amy", "abe", "bea", "tom", "sam", "ivy")}
    sessions["sam-import"] = synced.imports.import_transcript(
        world.sam, TRANSCRIPT, title="Sam's role-play").session_id
    sessions["ivy-import"] = synced.imports.import_transcript(
        world.ivy, TRANSCRIPT, title="Ivy's example").session_id
    return Programme(synced, world, users, sessions)


@pytest.mark.parametrize("caller", CALLERS)
def test_each_role_opens_exactly_the_review_pages_of_the_sessions_it_may_see(
        programme: Programme, caller: str) -> None:
    user = programme.users[caller]
    for label in ALL_SESSIONS:
        sid = programme.sessions[label]
        if label in VISIBLE[caller]:
            detail = programme.services.reviews.review_detail(user, sid)
            assert detail.session.id == sid
            assert detail.can_review == (label in REVIEWABLE[caller]), label
        else:
            with pytest.raises(NotFound):
                programme.services.reviews.review_detail(user, sid)


@pytest.mark.parametrize("caller", CALLERS)
def test_each_role_reads_reports_and_exports_only_of_sessions_it_may_see(
        programme: Programme, caller: str) -> None:
    user, services = programme.users[caller], programme.services
    for label in ALL_SESSIONS:
        sid = programme.sessions[label]
        calls = (services.reviews.reviewed_report, services.exports.session_csv,
                 services.exports.session_json)
        for call in calls:
            if label in VISIBLE[caller]:
                call(user, sid)
            else:
                with pytest.raises(NotFound):
                    call(user, sid)


@pytest.mark.parametrize("caller", CALLERS)
def test_each_role_writes_reviews_only_where_it_may_review_and_never_learns_hidden_ids(
        programme: Programme, caller: str) -> None:
    user, reviews = programme.users[caller], programme.services.reviews
    for label in ALL_SESSIONS:
        sid = programme.sessions[label]
        writes = (lambda s=sid: reviews.set_code(user, s, 1, "confront"),
                  lambda s=sid: reviews.add_comment(user, s, None, "Seen."),
                  lambda s=sid: reviews.set_globals(user, s, {"empathy": 3}),
                  lambda s=sid: reviews.complete(user, s))
        for write in writes[:3]:
            if label in REVIEWABLE[caller]:
                write()
            elif label in VISIBLE[caller]:
                with pytest.raises(Forbidden):
                    write()
            else:
                with pytest.raises(NotFound):
                    write()


@pytest.mark.parametrize("caller", CALLERS)
def test_the_queue_lists_exactly_the_sessions_each_role_may_review(
        programme: Programme, caller: str) -> None:
    page = programme.services.reviews.queue(programme.users[caller],
                                            QueueFilters(reviewed="any"), per_page=100)
    expected = {programme.sessions[label] for label in REVIEWABLE[caller]}
    assert {item.session_id for item in page.items} == expected
    assert page.total == len(expected)


@pytest.mark.parametrize(("caller", "allowed"), [
    ("ada", True), ("sam", True), ("sue", False), ("amy", True), ("abe", False),
    ("bea", False), ("tom", False), ("ivy", False)])
def test_a_trainees_progress_is_seen_by_them_their_supervisor_and_admins_only(
        programme: Programme, caller: str, allowed: bool) -> None:
    amy = programme.world.amy
    if allowed:
        progress = programme.services.progress.trainee_progress(programme.users[caller], amy.id)
        assert [s.session_id for s in progress.samples] == [programme.sessions["amy"]]
    else:
        with pytest.raises(NotFound):
            programme.services.progress.trainee_progress(programme.users[caller], amy.id)


@pytest.mark.parametrize(("caller", "allowed"), [
    ("ada", True), ("sam", True), ("sue", False), ("amy", False), ("bea", False),
    ("tom", False), ("ivy", False)])
def test_a_cohorts_overview_and_export_belong_to_its_supervisors_and_admins(
        programme: Programme, caller: str, allowed: bool) -> None:
    user, services, cohort = programme.users[caller], programme.services, programme.world.cohort_a
    if allowed:
        rows = services.progress.cohort_overview(user, cohort).rows
        assert [r.trainee for r in rows] == ["abe", "amy"]
        text = "".join(services.exports.cohort_csv(user, cohort))
        assert programme.sessions["amy"] in text and programme.sessions["bea"] not in text
    else:
        with pytest.raises(NotFound):
            services.progress.cohort_overview(user, cohort)
        with pytest.raises(NotFound):
            services.exports.cohort_csv(user, cohort)


@pytest.mark.parametrize(("caller", "allowed"), [
    ("ada", True), ("sam", True), ("sue", True), ("ivy", True), ("amy", False),
    ("tom", False)])
def test_supervisors_instructors_and_admins_may_import_and_trainees_may_not(
        programme: Programme, caller: str, allowed: bool) -> None:
    imports = programme.services.imports
    if allowed:
        assert imports.import_transcript(programme.users[caller], TRANSCRIPT).turns == 1
    else:
        with pytest.raises(Forbidden):
            imports.import_transcript(programme.users[caller], TRANSCRIPT)


def test_a_supervisor_sees_nothing_of_a_trainee_once_they_leave_the_cohort(
        programme: Programme) -> None:
    services, sam = programme.services, programme.world.sam
    services.reviews.review_detail(sam, programme.sessions["amy"])
    services.cohorts.remove_member("Cohort A", "amy")
    with pytest.raises(NotFound):
        services.reviews.review_detail(sam, programme.sessions["amy"])
    with pytest.raises(NotFound):
        services.progress.trainee_progress(sam, programme.world.amy.id)


def test_cohort_roles_decide_who_is_supervised_not_account_roles(
        programme: Programme) -> None:
    services, world = programme.services, programme.world
    services.cohorts.add_member("Cohort B", "sam", role="trainee")
    # a 'trainee' member gains nothing over the cohort's other trainees…
    with pytest.raises(NotFound):
        services.reviews.review_detail(world.sam, programme.sessions["bea"])
    # …and is supervised there: sue now reviews sam's sessions, and still not amy's
    queued = {i.session_id for i in services.reviews.queue(world.sue,
                                                           QueueFilters(reviewed="any")).items}
    assert programme.sessions["sam"] in queued
    assert programme.sessions["amy"] not in queued


def test_a_trainee_named_supervisor_in_a_cohort_still_sees_only_their_own(
        programme: Programme) -> None:
    services = programme.services
    services.cohorts.add_member("Cohort B", "tom", role="supervisor")
    with pytest.raises(NotFound):
        services.reviews.review_detail(programme.world.tom, programme.sessions["bea"])


def test_agreement_covers_the_callers_own_reviews_and_only_admins_name_others(
        programme: Programme) -> None:
    services, world = programme.services, programme.world
    services.reviews.set_code(world.sam, programme.sessions["amy"], 1, "confront")
    services.reviews.set_code(world.sue, programme.sessions["bea"], 2, "confront")
    assert set(services.reviews.agreement(world.sam).by_reviewer) == {"sam"}
    assert set(services.reviews.agreement(world.admin).by_reviewer) == {"sam", "sue"}
    assert set(services.reviews.agreement(world.admin, reviewer="sue").by_reviewer) == {"sue"}
    with pytest.raises(NotFound):
        services.reviews.agreement(world.sam, reviewer="sue")
    assert services.reviews.agreement(world.amy).overall.n == 0


def test_someone_elses_comment_cannot_be_deleted_and_looks_missing(
        programme: Programme) -> None:
    services, world = programme.services, programme.world
    comment = services.reviews.add_comment(world.admin, programme.sessions["amy"], 1, "Mine.")
    with pytest.raises(NotFound):
        services.reviews.delete_comment(world.sam, comment.id)
    services.reviews.delete_comment(world.admin, comment.id)
