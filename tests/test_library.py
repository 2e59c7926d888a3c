"""The persona library (drafts, versions, visibility, import/export, goldens), on SQLite and
PostgreSQL, and migration 0003 over a database that already holds data."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import pytest
from scenario_helpers import edited, example_text, line_of
from sqlalchemy import event, func, select, text

from mi_sim.config import Settings
from mi_sim.scenarios.loader import MAX_BYTES
from mi_sim.services import Conflict, Forbidden, Invalid, NotFound, Services, Unpublishable
from mi_sim.services.library import COMMAND_LINE, Library, identify
from mi_sim.services.records import DraftRecord, UserRecord, VersionRecord
from mi_sim.storage import migrate
from mi_sim.storage.db import reading
from mi_sim.storage.models import PersonaDraft, PersonaRow, PersonaVersion

pytest_plugins = ("storage_fixtures",)

PASSWORD = "correct horse battery"  # as in storage_fixtures (not imported: see its docstring)
SLUG = "example-sam"
LINES = ["What brings you here today?", "It sounds like you are exhausted.", "How is work?"]
FIRST_REPLY = "Honestly? To be told what's actually wrong."  # LINES[0]'s reply at seed 3


@pytest.fixture
def instructor(services: Services) -> UserRecord:
    return services.accounts.create_user("ina", "instructor", PASSWORD)


@pytest.fixture
def supervisor(services: Services) -> UserRecord:
    return services.accounts.create_user("sue", "supervisor", PASSWORD)


@pytest.fixture
def published(services: Services, instructor: UserRecord) -> VersionRecord:
    """The example persona, published as version 1 from the editor."""
    services.library.new_draft(instructor, SLUG, example_text())
    return services.library.publish(instructor, SLUG)


def gallery(services: Services, user: UserRecord | None = None) -> list[str]:
    return [p.slug for p in services.personas.list_published(user)]


def stored_draft(services: Services, slug: str) -> str | None:
    with reading(services.sessions) as db:
        return db.scalar(select(PersonaDraft.yaml_text).join(PersonaRow)
                         .where(PersonaRow.slug == slug))


def persona_count(services: Services) -> int:
    with reading(services.sessions) as db:
        return db.scalar(select(func.count()).select_from(PersonaRow)) or 0


# --- drafts and publishing -------------------------------------------------------------------


def test_a_new_persona_is_only_a_draft_until_it_is_published(
        services: Services, instructor: UserRecord) -> None:
    draft = services.library.new_draft(instructor, SLUG, example_text())
    assert (draft.slug, draft.base_version, draft.updated_by) == (SLUG, None, "ina")
    assert draft.publishable and draft.yaml_text == example_text()
    entry = services.library.entry(instructor, SLUG)
    assert (entry.status, entry.has_draft, entry.versions) == ("draft", True, ())
    assert entry.title == "Sam, 46 — tired all the time"
    assert SLUG not in gallery(services)

    version = services.library.publish(instructor, SLUG)

    assert (version.number, version.status, version.source, version.created_by) == (
        1, "published", "editor", "ina")
    assert SLUG in gallery(services)
    assert services.library.draft(instructor, SLUG) is None
    entry = services.library.entry(instructor, SLUG)
    assert (entry.status, entry.has_draft, entry.published) == ("published", False, version)


def test_publishing_makes_an_immutable_version_and_old_sessions_keep_theirs(
        services: Services, instructor: UserRecord, trainee: UserRecord,
        published: VersionRecord) -> None:
    old = services.practice.start_session(trainee, SLUG, seed=3)
    services.practice.post_turn(trainee, old.id, LINES[0])
    draft = services.library.save_draft(instructor, SLUG,
                                        edited(FIRST_REPLY, "Every evening, out like a light."))
    assert draft.base_version == 1

    second = services.library.publish(instructor, SLUG)

    assert second.number == 2
    new = services.practice.start_session(trainee, SLUG, seed=3)  # at once, in this process
    assert (new.persona_version, new.persona_version_id) == (2, second.id)
    reply = services.practice.post_turn(trainee, new.id, LINES[0])[0].patient
    assert reply == "Every evening, out like a light."
    kept = services.practice.get_session(trainee, old.id)
    assert kept.session.persona_version == 1 and kept.turns[0].patient == FIRST_REPLY
    versions = services.library.versions(instructor, SLUG)
    assert [(v.number, v.status, v.sessions) for v in versions] == [
        (1, "retired", 1), (2, "published", 1)]
    assert services.library.export_yaml(instructor, SLUG, 1) == example_text()
    assert services.library.entry(instructor, SLUG).sessions == 2


def test_an_unchanged_draft_is_not_published_again(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    services.library.save_draft(instructor, SLUG, example_text())
    with pytest.raises(Conflict, match="published version 1"):
        services.library.publish(instructor, SLUG)
    assert stored_draft(services, SLUG) == example_text()


def test_retiring_hides_a_persona_but_keeps_its_history_and_restore_republishes_it(
        services: Services, instructor: UserRecord, trainee: UserRecord,
        published: VersionRecord) -> None:
    session = services.practice.start_session(trainee, SLUG, seed=3)
    services.practice.post_turn(trainee, session.id, LINES[0])

    retired = services.library.retire(instructor, SLUG)

    assert (retired.number, retired.status, retired.sessions) == (1, "retired", 1)
    assert SLUG not in gallery(services)
    with pytest.raises(Invalid, match="unknown scenario"):
        services.practice.start_session(trainee, SLUG)
    detail = services.practice.get_session(trainee, session.id)
    assert detail.turns[0].patient == FIRST_REPLY
    assert services.library.entry(instructor, SLUG).status == "retired"
    with pytest.raises(Conflict, match="no published version"):
        services.library.retire(instructor, SLUG)

    restored = services.library.restore(instructor, SLUG, 1)

    assert (restored.number, restored.status, restored.source) == (2, "published", "restore")
    assert services.library.export_yaml(instructor, SLUG) == example_text()
    assert services.practice.start_session(trainee, SLUG).persona_version == 2
    with pytest.raises(Conflict, match="published version 2"):
        services.library.restore(instructor, SLUG, 1)
    with pytest.raises(NotFound, match="no version 9"):
        services.library.restore(instructor, SLUG, 9)


def test_diff_between_two_versions_and_against_the_draft(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    changed = edited(FIRST_REPLY, "Every evening, out like a light.")
    services.library.save_draft(instructor, SLUG, changed)
    services.library.publish(instructor, SLUG)
    services.library.save_draft(instructor, SLUG, edited("Sam, 46", "Sam, 47", changed))

    versions = services.library.diff(instructor, SLUG, 1, 2)
    assert versions[:2] == [f"--- {SLUG} version 1", f"+++ {SLUG} version 2"]
    assert f"-      - text: {FIRST_REPLY}" in versions
    assert "+      - text: Every evening, out like a light." in versions
    draft = services.library.diff(instructor, SLUG, "published", "draft")
    assert draft[:2] == [f"--- {SLUG} version 2", f"+++ {SLUG} draft"]
    assert [line[0] for line in draft[2:] if line[:1] in "+-"] == ["-", "+"]
    assert services.library.diff(instructor, SLUG, 2, "published") == []
    with pytest.raises(NotFound):
        services.library.diff(instructor, SLUG, 1, 7)


# --- the draft is never lost -----------------------------------------------------------------


def test_an_invalid_draft_is_saved_intact_with_its_problems_at_their_lines(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    broken = edited("  gp: Dr Okafor", "  gp: Dr Okafor\n  gp: Dr Twice")
    broken = edited("talk: neutral\n  cue: arms folded", "talk: bored\n  cue: arms folded",
                    broken)

    draft = services.library.save_draft(instructor, SLUG, broken)

    assert draft.yaml_text == broken and not draft.publishable
    assert [(p.line, p.severity) for p in draft.errors] == [
        (line_of(broken, "gp: Dr Twice"), "error")]
    assert "duplicate key 'gp'" in draft.errors[0].message
    assert stored_draft(services, SLUG) == broken
    again = services.library.draft(instructor, SLUG)
    assert again is not None and again.yaml_text == broken
    assert again.problems == draft.problems
    with pytest.raises(Unpublishable, match="duplicate key") as refused:
        services.library.publish(instructor, SLUG)
    assert refused.value.problems == draft.problems
    assert stored_draft(services, SLUG) == broken  # a refused publish keeps the draft
    assert services.library.export_yaml(instructor, SLUG) == example_text()


def test_schema_errors_and_warnings_point_at_their_lines(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    text = edited("talk: neutral\n  cue: arms folded", "talk: bored\n  cue: arms folded")
    draft = services.library.save_draft(instructor, SLUG, text)
    assert [p.line for p in draft.errors] == [line_of(text, "talk: bored")]
    assert draft.errors[0].path == f"{SLUG} (draft)"


def test_a_draft_that_renames_the_slug_cannot_be_published(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    renamed = edited(f"slug: {SLUG}", "slug: other-sam")
    draft = services.library.save_draft(instructor, SLUG, renamed)
    assert [p.line for p in draft.errors] == [line_of(renamed, "slug: other-sam")]
    assert "cannot change" in draft.errors[0].message
    with pytest.raises(Unpublishable, match="cannot change"):
        services.library.publish(instructor, SLUG)


@pytest.mark.parametrize(("data", "message"), [
    (b"slug: example-sam\ntitle: \xff\xfe broken\n", "not UTF-8 text .* line 2"),
    ("slug: example-sam\n" + "# padding\n" * (MAX_BYTES // 10), "limited to 512 KiB"),
    ("slug: example-sam\ntitle: a\x00b\n", "NUL character"),
    (b"x" * (MAX_BYTES + 1), "limited to 512 KiB"),
])
def test_text_that_is_not_utf8_or_too_big_is_refused_and_nothing_is_saved(
        services: Services, instructor: UserRecord, published: VersionRecord,
        data: bytes | str, message: str) -> None:
    services.library.save_draft(instructor, SLUG, example_text())
    for attempt in (lambda: services.library.save_draft(instructor, SLUG, data),
                    lambda: services.library.save_draft(instructor, None, data),
                    lambda: services.library.new_draft(instructor, "new-one", data),
                    lambda: services.library.import_yaml(instructor, data)):
        with pytest.raises(Invalid, match=message):
            attempt()
    assert stored_draft(services, SLUG) == example_text()
    assert persona_count(services) == 1


def test_a_new_persona_from_text_that_does_not_name_itself_needs_a_slug(
        services: Services, instructor: UserRecord) -> None:
    scribble = "title: Nobody yet\nopening: [unclosed\n"
    with pytest.raises(Invalid, match="give the new persona a slug"):
        services.library.save_draft(instructor, None, scribble)
    assert persona_count(services) == 0

    draft = services.library.new_draft(instructor, "nobody-yet", scribble)

    assert draft.yaml_text == scribble and draft.errors
    assert draft.errors[0].message.startswith("YAML syntax error")
    entry = services.library.entry(instructor, "nobody-yet")
    assert (entry.status, entry.title) == ("draft", "Nobody yet")
    assert "nobody-yet" not in gallery(services)
    with pytest.raises(Conflict, match="already exists"):
        services.library.new_draft(instructor, "nobody-yet", scribble)
    with pytest.raises(Invalid, match="slug is 2–48"):
        services.library.new_draft(instructor, "Bad Slug", scribble)

    assert services.library.discard_draft(instructor, "nobody-yet")
    assert persona_count(services) == 0  # never published: the persona goes with its draft


def test_save_draft_without_a_slug_takes_it_from_the_text_and_refuses_a_taken_one(
        services: Services, instructor: UserRecord) -> None:
    draft = services.library.save_draft(instructor, None, example_text())
    assert draft.slug == SLUG
    with pytest.raises(Conflict, match="already exists"):
        services.library.save_draft(instructor, None, example_text())
    with pytest.raises(NotFound, match="no persona 'nobody'"):
        services.library.save_draft(instructor, "nobody", example_text())


def test_discarding_the_draft_of_a_published_persona_keeps_the_persona(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    services.library.save_draft(instructor, SLUG, "anything")
    assert services.library.discard_draft(instructor, SLUG)
    assert not services.library.discard_draft(instructor, SLUG)
    assert services.library.entry(instructor, SLUG).status == "published"


def test_identify_finds_slug_and_title_in_text_that_does_not_load() -> None:
    assert identify(example_text()) == (SLUG, "Sam, 46 — tired all the time")
    assert identify('slug: "some-one"  # x\ntitle: \'Ann, 30\' # y\nbroken: [\n') == (
        "some-one", "Ann, 30")
    assert identify("  slug: nested-one\n") == (None, None)


# --- visibility by cohort and access by role --------------------------------------------------


def test_a_persona_limited_to_cohorts_is_seen_only_by_their_members_and_staff(
        services: Services, instructor: UserRecord, supervisor: UserRecord,
        trainee: UserRecord, published: VersionRecord) -> None:
    services.personas.sync_shipped_personas()
    outsider = services.accounts.create_user("otto", "trainee", PASSWORD)
    cohort = services.cohorts.create_cohort("Spring intake")
    other = services.cohorts.create_cohort("Autumn intake")
    services.cohorts.add_member("Spring intake", "tess")
    assert SLUG in gallery(services, outsider)

    set_to = services.library.set_cohorts(instructor, SLUG, [other.id, cohort.id])

    assert [c.name for c in set_to] == ["Autumn intake", "Spring intake"]
    assert SLUG in gallery(services, trainee) and SLUG not in gallery(services, outsider)
    assert "panic-disorder" in gallery(services, outsider)  # unlimited personas stay
    for user in (instructor, supervisor, trainee):
        assert SLUG in gallery(services, user)
        services.library.check_visible(user, SLUG)
    assert SLUG not in services.library.visible_slugs(outsider)
    with pytest.raises(Invalid, match=f"unknown scenario '{SLUG}'; known: .*panic-disorder"):
        services.library.check_visible(outsider, SLUG)
    assert services.library.entry(instructor, SLUG).cohorts == set_to
    with pytest.raises(NotFound, match="no cohort with id 999"):
        services.library.set_cohorts(instructor, SLUG, [cohort.id, 999])

    assert services.library.set_cohorts(instructor, SLUG, []) == ()
    assert SLUG in gallery(services, outsider)
    services.library.check_visible(outsider, SLUG)


def test_a_retired_or_unknown_persona_is_not_visible(
        services: Services, instructor: UserRecord, trainee: UserRecord,
        published: VersionRecord) -> None:
    services.library.retire(instructor, SLUG)
    for slug in (SLUG, "no-such-persona"):
        with pytest.raises(Invalid, match="unknown scenario"):
            services.library.check_visible(trainee, slug)


def test_trainees_are_refused_supervisors_may_only_read(
        services: Services, instructor: UserRecord, supervisor: UserRecord,
        trainee: UserRecord, published: VersionRecord) -> None:
    library = services.library
    library.save_draft(instructor, SLUG, example_text() + "\n# more\n")
    library.record_golden(instructor, SLUG, "first", "standard", 3, LINES)
    reads: list[Any] = [
        lambda u: library.library(u), lambda u: library.draft(u, SLUG),
        lambda u: library.diff(u, SLUG, 1, "draft"), lambda u: library.export_yaml(u, SLUG),
        lambda u: library.goldens(u, SLUG), lambda u: library.run_goldens(u, SLUG),
        lambda u: library.versions(u, SLUG)]
    writes: list[Any] = [
        lambda u: library.save_draft(u, SLUG, "x"), lambda u: library.new_draft(u, "b-b", "x"),
        lambda u: library.discard_draft(u, SLUG), lambda u: library.publish(u, SLUG),
        lambda u: library.retire(u, SLUG), lambda u: library.restore(u, SLUG, 1),
        lambda u: library.import_yaml(u, example_text().encode()),
        lambda u: library.set_cohorts(u, SLUG, []),
        lambda u: library.save_golden(u, SLUG, "x", "standard", 1, [], [], None),
        lambda u: library.record_golden(u, SLUG, "x", "standard", 1, LINES),
        lambda u: library.delete_golden(u, SLUG, "first")]
    for call in reads + writes:
        with pytest.raises(Forbidden):
            call(trainee)
    for call in reads:
        call(supervisor)
    for call in writes:
        with pytest.raises(Forbidden, match="only instructors and admins"):
            call(supervisor)
    assert stored_draft(services, SLUG) == example_text() + "\n# more\n"


def test_admins_and_the_command_line_may_author(
        services: Services, admin: UserRecord) -> None:
    services.library.new_draft(admin, SLUG, example_text())
    assert services.library.publish(admin, SLUG).created_by == "ada"
    services.library.save_draft(COMMAND_LINE, SLUG, example_text() + "\n")
    version = services.library.publish(COMMAND_LINE, SLUG)
    assert (version.number, version.created_by) == (2, None)


def test_the_library_lists_every_persona_in_a_constant_number_of_queries(
        services: Services, instructor: UserRecord, trainee: UserRecord,
        published: VersionRecord) -> None:
    services.personas.sync_shipped_personas()
    services.practice.start_session(trainee, SLUG)
    services.cohorts.create_cohort("Spring intake")
    with counting(services) as few:
        entries = services.library.library(instructor)
    assert len(entries) == 6
    services.library.new_draft(instructor, "new-one", "slug: new-one\n")
    services.library.set_cohorts(instructor, "panic-disorder",
                                 [services.cohorts.list_cohorts()[0].id])
    with counting(services) as more:
        entries = services.library.library(instructor)
    assert len(entries) == 7 and more == few and len(more) <= 3
    by_slug = {e.slug: e for e in entries}
    assert by_slug[SLUG].sessions == 1 and by_slug["new-one"].status == "draft"
    assert [c.name for c in by_slug["panic-disorder"].cohorts] == ["Spring intake"]


@contextmanager
def counting(services: Services) -> Iterator[list[str]]:
    statements: list[str] = []

    def seen(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(services.engine, "before_cursor_execute", seen)
    try:
        yield statements
    finally:
        event.remove(services.engine, "before_cursor_execute", seen)


# --- import and export -----------------------------------------------------------------------


def test_import_and_export_round_trip(services: Services, instructor: UserRecord) -> None:
    data = example_text().encode("utf-8")
    version = services.library.import_yaml(instructor, data, publish=True,
                                           filename="sam.yaml")
    assert isinstance(version, VersionRecord)
    assert (version.number, version.source, version.created_by) == (1, "import", "ina")
    assert services.library.export_yaml(instructor, SLUG).encode("utf-8") == data
    again = services.library.import_yaml(instructor, data, publish=True)
    assert again == version  # the same text: no new version

    changed = edited(FIRST_REPLY, "Out like a light.").encode("utf-8")
    draft = services.library.import_yaml(instructor, changed, filename="sam.yaml")
    assert isinstance(draft, DraftRecord) and draft.yaml_text == changed.decode()
    assert services.library.entry(instructor, SLUG).latest == version

    with pytest.raises(Conflict, match="already has a draft"):
        services.library.import_yaml(instructor, b"slug: example-sam\n")
    assert stored_draft(services, SLUG) == changed.decode()
    replaced = services.library.import_yaml(instructor, b"slug: example-sam\n",
                                            replace_draft=True)
    assert isinstance(replaced, DraftRecord) and stored_draft(services, SLUG) == (
        "slug: example-sam\n")
    second = services.library.import_yaml(instructor, changed, publish=True)
    assert isinstance(second, VersionRecord) and second.number == 2
    assert stored_draft(services, SLUG) == "slug: example-sam\n"  # the draft is left alone


def test_an_import_with_errors_becomes_the_draft_even_when_publishing_was_asked(
        services: Services, instructor: UserRecord) -> None:
    broken = edited("talk: neutral\n  cue: arms folded", "talk: bored\n  cue: arms folded")
    result = services.library.import_yaml(instructor, broken.encode(), publish=True,
                                          filename="sam.yaml")
    assert isinstance(result, DraftRecord)
    assert [str(p) for p in result.errors] == [
        f"sam.yaml:{line_of(broken, 'talk: bored')}: {result.errors[0].message}"]
    assert services.library.entry(instructor, SLUG).status == "draft"
    assert SLUG not in gallery(services)


def test_an_import_that_does_not_name_its_persona_is_refused(
        services: Services, instructor: UserRecord) -> None:
    with pytest.raises(Invalid, match="no top-level 'slug:' line"):
        services.library.import_yaml(instructor, b"title: x\n", filename="x.yaml")
    with pytest.raises(Invalid, match="anchors and aliases are not allowed"):
        services.library.import_yaml(instructor, b"a: &x [1]\nb: *x\n")
    assert persona_count(services) == 0


@pytest.mark.parametrize(("text", "refusal"), [
    ('slug: bomb-one\na: &a ["lol","lol"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n',
     "bomb.yaml:2: anchors and aliases are not allowed"),
    ("slug: tag-one\nd: !!python/object/apply:os.system ['true']\n", "bomb.yaml:2: "),
    ("slug: cut-one\ntitle: [unterminated\n", "bomb.yaml:"),
    ("slug: deep-one\nx: " + "[" * 40 + "]" * 40 + "\n", "nesting is deeper"),
])
def test_a_hostile_or_broken_import_is_refused_with_nothing_saved(
        services: Services, instructor: UserRecord, text: str, refusal: str) -> None:
    for publish in (False, True):
        with pytest.raises(Invalid, match="nothing was saved") as refused:
            services.library.import_yaml(instructor, text.encode(), publish=publish,
                                         filename="bomb.yaml")
        assert refusal in refused.value.message
    assert persona_count(services) == 0


def test_hostile_text_typed_in_the_editor_is_kept_only_as_inert_draft_text(
        services: Services, instructor: UserRecord) -> None:
    bomb = ('slug: bomb-one\na: &a ["lol","lol"]\nb: &b [*a,*a,*a]\nc: [*b,*b,*b]\n'
            "d: !!python/object/apply:os.system ['true']\n")
    result = services.library.new_draft(instructor, "bomb-one", bomb)
    assert result.yaml_text == bomb
    assert "anchors and aliases are not allowed" in result.errors[0].message
    assert services.library.entry(instructor, "bomb-one").status == "draft"
    with pytest.raises(Unpublishable):
        services.library.publish(instructor, "bomb-one")


def test_export_of_an_unknown_persona_or_version_is_not_found(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    with pytest.raises(NotFound, match="no persona 'nobody'"):
        services.library.export_yaml(instructor, "nobody")
    with pytest.raises(NotFound, match="no version 4"):
        services.library.export_yaml(instructor, SLUG, 4)
    services.library.new_draft(instructor, "draft-only", "slug: draft-only\n")
    with pytest.raises(NotFound, match="only a draft"):
        services.library.export_yaml(instructor, "draft-only")


# --- goldens ---------------------------------------------------------------------------------


def test_goldens_are_saved_listed_run_and_deleted(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    recorded = services.library.record_golden(instructor, SLUG, "first visit", "standard", 3,
                                              LINES)
    assert (recorded.version_number, recorded.created_by, len(recorded.turns)) == (
        1, "ina", 3)
    assert recorded.turns[0]["patient"] == FIRST_REPLY
    copy = services.library.save_golden(instructor, SLUG, "a copy", "standard", 3,
                                        list(recorded.lines), list(recorded.turns), 1)
    assert [g.name for g in services.library.goldens(instructor, SLUG)] == [
        "a copy", "first visit"]
    with pytest.raises(Conflict, match="already has a golden named 'a copy'"):
        services.library.save_golden(instructor, SLUG, "a copy", "standard", 3,
                                     list(copy.lines), list(copy.turns), 1)

    results = services.library.run_goldens(instructor, SLUG)
    assert [(r.name, r.passed) for r in results] == [("a copy", True), ("first visit", True)]

    services.library.save_draft(instructor, SLUG, edited(FIRST_REPLY, "Out like a light."))
    services.library.publish(instructor, SLUG)
    failed = services.library.run_goldens(instructor, SLUG, names=["first visit"])
    assert len(failed) == 1 and not failed[0].passed
    patient = [d for d in failed[0].diffs if d.field == "patient"]
    assert [(d.turn, d.expected, d.actual) for d in patient] == [
        (1, FIRST_REPLY, "Out like a light.")]
    assert all(r.passed for r in services.library.run_goldens(instructor, SLUG, 1))

    services.library.delete_golden(instructor, SLUG, "a copy")
    assert [g.name for g in services.library.goldens(instructor, SLUG)] == ["first visit"]
    with pytest.raises(NotFound, match="no golden named 'a copy'"):
        services.library.delete_golden(instructor, SLUG, "a copy")


def test_goldens_run_against_the_draft(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    services.library.record_golden(instructor, SLUG, "first", "standard", 3, LINES)
    services.library.save_draft(instructor, SLUG, edited(FIRST_REPLY, "Out like a light."))
    assert not services.library.run_goldens(instructor, SLUG, "draft")[0].passed
    assert services.library.run_goldens(instructor, SLUG)[0].passed
    from_draft = services.library.record_golden(instructor, SLUG, "draft one", "standard", 3,
                                                LINES, against="draft")
    assert from_draft.version_number is None
    assert from_draft.turns[0]["patient"] == "Out like a light."

    services.library.save_draft(instructor, SLUG, "slug: example-sam\nbroken: [\n")
    with pytest.raises(Unpublishable, match="YAML syntax error"):
        services.library.run_goldens(instructor, SLUG, "draft")


def test_a_malformed_golden_is_refused(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    good = services.library.record_golden(instructor, SLUG, "first", "standard", 3, LINES)
    lines, turns = list(good.lines), [dict(t) for t in good.turns]
    attempts: list[tuple[dict[str, Any], str]] = [
        ({"name": ""}, "name"), ({"name": "x" * 81}, "name"),
        ({"lines": []}, "at least one"), ({"lines": [*lines, "   "]}, "lines"),
        ({"turns": [{**turns[0], "turn": 5}, *turns[1:]]}, "turns"),
        ({"seed": 2**70}, "64 bits"), ({"level": "Bad Level"}, "level"),
        ({"level": "impossible"}, "no level 'impossible'"),
        ({"version_number": 8}, "no version 8"),
    ]
    for change, message in attempts:
        values: dict[str, Any] = {"name": "other", "level": "standard", "seed": 3,
                                  "lines": lines, "turns": turns, "version_number": 1}
        values.update(change)
        with pytest.raises((Invalid, NotFound), match=message):
            services.library.save_golden(instructor, SLUG, **values)
    assert [g.name for g in services.library.goldens(instructor, SLUG)] == ["first"]


# --- migration 0003 over existing data -------------------------------------------------------


def test_migration_0003_keeps_the_data_of_a_0002_database(empty_database_url: str) -> None:
    migrate.upgrade(empty_database_url, "0002")
    services = Services.from_settings(Settings(database_url=empty_database_url))
    try:
        with services.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO users (id, name, role, password_hash, created_at, active) "
                "VALUES (1, 'ina', 'instructor', 'x', CURRENT_TIMESTAMP, TRUE)"))
            connection.execute(text(
                "INSERT INTO personas (id, slug, title, created_at) "
                "VALUES (1, 'old-one', 'Old', CURRENT_TIMESTAMP)"))
            connection.execute(text(
                "INSERT INTO persona_versions (id, persona_id, number, yaml_text, sha256, "
                "status, source, created_by_id, created_at) VALUES (1, 1, 1, 'slug: old-one', "
                ":sha, 'published', 'shipped', 1, CURRENT_TIMESTAMP)"), {"sha": "0" * 64})
            connection.execute(text(
                "INSERT INTO practice_sessions (id, user_id, kind, persona_version_id, level, "
                "seed, state, turn_count, ended, started_at) VALUES ('s1', 1, 'practice', 1, "
                "'standard', 1, '{}', 0, FALSE, CURRENT_TIMESTAMP)"))

        assert migrate.upgrade(empty_database_url) == migrate.head_revision()

        user = services.accounts.get_user("ina")
        [entry] = services.library.library(user)
        assert (entry.slug, entry.title, entry.status, entry.sessions, entry.cohorts) == (
            "old-one", "Old", "published", 1, ())
        assert entry.versions[0].created_by == "ina"
        assert services.library.export_yaml(user, "old-one") == "slug: old-one"
        services.library.save_draft(user, "old-one", "slug: old-one\n# edited\n")
        with reading(services.sessions) as db:
            assert db.scalar(select(func.count()).select_from(PersonaVersion)) == 1
    finally:
        services.close()


# --- the editor's preview --------------------------------------------------------------------


def test_the_preview_plays_the_newest_version_then_the_saved_draft(
        services: Services, instructor: UserRecord, supervisor: UserRecord,
        published: VersionRecord) -> None:
    persona, label, number = services.library.preview_target(instructor, SLUG)
    assert (persona.slug, label, number) == (SLUG, "version 1", 1)
    played, label, number = services.library.preview(instructor, SLUG, LINES[:2], "standard",
                                                     3, line=LINES[2])
    assert (label, number, played.level, played.seed) == ("version 1", 1, "standard", 3)
    assert played.lines == tuple(LINES) and played.turns[0]["patient"] == FIRST_REPLY
    assert all(turn["trace"]["rule"] for turn in played.turns)
    # the same request, as a form sends it, gives the same conversation
    again, _label, _number = services.library.preview(supervisor, SLUG, LINES, "", "3")
    assert again == played

    services.library.save_draft(instructor, SLUG, edited(FIRST_REPLY, "Out like a light."))
    persona, label, number = services.library.preview_target(instructor, SLUG)
    assert (label, number) == ("the draft", None)
    played, label, _number = services.library.preview(instructor, SLUG, LINES[:1], None, 3)
    assert (label, played.level) == ("the draft", persona.default_level)
    assert played.turns[0]["patient"] == "Out like a light."


def test_a_draft_with_errors_is_not_previewed_and_the_first_error_is_named(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    broken = edited("talk: neutral\n  cue: arms folded", "talk: bored\n  cue: arms folded")
    services.library.save_draft(instructor, SLUG, broken)
    message = (rf"the draft has errors, so it cannot be previewed; fix them and save first "
               rf"\(line {line_of(broken, 'talk: bored')}: ")
    with pytest.raises(Invalid, match=message):
        services.library.preview_target(instructor, SLUG)
    with pytest.raises(Invalid, match=message):
        services.library.preview(instructor, SLUG, [], None, 1)
    services.library.save_draft(instructor, SLUG, "slug: example-sam\nbroken: [\n")
    with pytest.raises(Invalid, match=r"cannot be previewed.*\(line \d+: YAML syntax error"):
        services.library.preview(instructor, SLUG, [], None, 1)


@pytest.mark.parametrize(("lines", "level", "seed", "line", "message"), [
    (["Hi"] * 100, None, 1, "one more", "at most 100 clinician lines"),
    ("Hi", None, 1, None, "must be a list"),
    (["   "], None, 1, None, "line 1 of the preview: the line is empty"),
    ([], None, 1, 5, "the new line must be text"),
    ([], "expert", 1, None, "no level 'expert'"),
    ([], 3, 1, None, "the level must be a level name"),
    ([], None, "soon", None, "whole number"),
    ([], None, 2**63, None, "fit in 64 bits"),
    (["It's all in your head."] * 30, "hard", 1, None, "the patient ended the session at turn"),
])
def test_a_preview_that_cannot_be_played_is_invalid_with_a_message(
        services: Services, instructor: UserRecord, published: VersionRecord, lines: object,
        level: object, seed: object, line: object, message: str) -> None:
    with pytest.raises(Invalid, match=message):
        services.library.preview(instructor, SLUG, lines, level, seed, line=line)


def test_who_may_preview_and_what_cannot_be_previewed(
        services: Services, instructor: UserRecord, supervisor: UserRecord,
        trainee: UserRecord, published: VersionRecord) -> None:
    for call in (lambda u: services.library.preview_target(u, SLUG),
                 lambda u: services.library.preview(u, SLUG, [], None, 1)):
        with pytest.raises(Forbidden):
            call(trainee)
        call(supervisor)  # readers may preview; only authors save goldens from it
    with pytest.raises(Forbidden, match="only instructors and admins"):
        services.library.save_preview_golden(supervisor, SLUG, "g", LINES, None, 3)
    with pytest.raises(NotFound, match="no persona 'nobody'"):
        services.library.preview(instructor, "nobody", [], None, 1)
    with pytest.raises(NotFound):
        services.library.preview(instructor, "nobody", "not a list", None, 1)  # slug first


def test_the_examined_draft_is_remembered_and_the_memory_is_bounded(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    from mi_sim.services.library import EXAMINED_DRAFTS, examined_draft

    services.library.save_draft(instructor, SLUG, edited(FIRST_REPLY, "Out like a light."))
    examined_draft.cache_clear()
    for turn in range(1, 4):
        services.library.preview(instructor, SLUG, LINES[:turn], "standard", 3)
    info = examined_draft.cache_info()
    assert (info.misses, info.hits, info.maxsize) == (1, 2, EXAMINED_DRAFTS)
    for n in range(EXAMINED_DRAFTS + 3):
        services.library.save_draft(instructor, SLUG, example_text() + f"# {n}\n")
        services.library.preview_target(instructor, SLUG)
    assert examined_draft.cache_info().currsize == EXAMINED_DRAFTS


def test_a_preview_is_kept_as_a_golden_against_the_draft_or_the_newest_version(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    library = services.library
    kept = library.save_preview_golden(instructor, SLUG, "  first visit ", LINES, "", "3")
    assert (kept.name, kept.version_number, kept.seed, kept.lines) == (
        "first visit", 1, 3, tuple(LINES))
    assert kept.level == library.preview_target(instructor, SLUG)[0].default_level
    assert kept.turns[0]["patient"] == FIRST_REPLY

    library.save_draft(instructor, SLUG, edited(FIRST_REPLY, "Out like a light."))
    draft = library.save_preview_golden(instructor, SLUG, "draft one", LINES[:1], "gentle", 3)
    assert (draft.version_number, draft.level) == (None, "gentle")
    assert draft.turns[0]["patient"] == "Out like a light."

    for name, lines, message in (("", LINES, "give the golden a name"),
                                 (None, LINES, "give the golden a name"),
                                 ("empty", [], "talk to the patient first"),
                                 ("bad", ["  "], "line 1 of the preview")):
        with pytest.raises(Invalid, match=message):
            library.save_preview_golden(instructor, SLUG, name, lines, None, 3)
    with pytest.raises(Conflict, match="already has a golden named 'draft one'"):
        library.save_preview_golden(instructor, SLUG, "draft one", LINES, None, 3)
    library.save_draft(instructor, SLUG, "slug: example-sam\nbroken: [\n")
    with pytest.raises(Unpublishable, match="YAML syntax error"):
        library.save_preview_golden(instructor, SLUG, "broken", LINES, None, 3)
    assert [g.name for g in library.goldens(instructor, SLUG)] == ["draft one", "first visit"]


# --- two saves from the same draft -----------------------------------------------------------


def test_a_save_from_a_draft_that_changed_since_is_refused_and_nothing_is_lost(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    other = services.accounts.create_user("otto", "instructor", PASSWORD)
    base = services.library.save_draft(instructor, SLUG, edited("Sam, 46", "Sam, 47"))
    theirs = edited("Sam, 46", "Sam, 48")
    saved = services.library.save_draft(other, SLUG, theirs, base.updated_at)
    assert saved.updated_at != base.updated_at

    mine = edited("Sam, 46", "Sam, 49")
    with pytest.raises(Conflict) as refused:
        services.library.save_draft(instructor, SLUG, mine, base.updated_at)
    message = refused.value.message
    assert f"Someone else (otto) saved this draft at {saved.updated_at:%H:%M} UTC" in message
    assert "nothing of theirs or yours was lost" in message
    assert stored_draft(services, SLUG) == theirs

    # from the draft as it is now, the same save goes through
    current = services.library.draft(instructor, SLUG)
    assert current is not None and current.updated_at == saved.updated_at
    assert services.library.save_draft(instructor, SLUG, mine, current.updated_at).yaml_text \
        == mine
    with pytest.raises(Conflict, match="You saved this draft in another tab or window at"):
        services.library.save_draft(instructor, SLUG, theirs, current.updated_at)
    assert stored_draft(services, SLUG) == mine
    # without `expected_updated_at` nothing is checked (the command line, imports, old pages)
    services.library.save_draft(instructor, SLUG, theirs)
    assert stored_draft(services, SLUG) == theirs


def test_a_save_that_expected_no_draft_or_a_draft_that_is_gone_is_refused(
        services: Services, instructor: UserRecord, published: VersionRecord) -> None:
    from mi_sim.services.library import NO_DRAFT

    first = services.library.save_draft(instructor, SLUG, edited("Sam, 46", "Sam, 47"),
                                        NO_DRAFT)
    with pytest.raises(Conflict, match="You saved this draft in another tab"):
        services.library.save_draft(instructor, SLUG, edited("Sam, 46", "Sam, 48"), NO_DRAFT)
    assert stored_draft(services, SLUG) == first.yaml_text

    services.library.publish(instructor, SLUG)
    with pytest.raises(Conflict, match="published or discarded after you opened it"):
        services.library.save_draft(instructor, SLUG, "edited the old draft",
                                    first.updated_at)
    assert stored_draft(services, SLUG) is None
    assert services.library.save_draft(instructor, SLUG, "now", NO_DRAFT).yaml_text == "now"


def test_two_saves_racing_from_the_same_draft_store_one_and_refuse_the_other(
        services: Services, instructor: UserRecord, published: VersionRecord,
        monkeypatch: pytest.MonkeyPatch) -> None:
    base = services.library.save_draft(instructor, SLUG, example_text() + "# base\n")
    barrier = threading.Barrier(2)
    real = Library._refuse_if_changed

    def check_then_wait(*args: Any) -> None:
        real(*args)
        # both saves would be past the check here, unless the first holds the second back
        with suppress(threading.BrokenBarrierError):
            barrier.wait(timeout=1)

    monkeypatch.setattr(Library, "_refuse_if_changed", staticmethod(check_then_wait))
    outcomes: list[Any] = [None, None]

    def save(index: int) -> None:
        try:
            outcomes[index] = services.library.save_draft(
                instructor, SLUG, example_text() + f"# {index}\n", base.updated_at)
        except Exception as exc:
            outcomes[index] = exc

    threads = [threading.Thread(target=save, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(type(o).__name__ for o in outcomes) == ["Conflict", "DraftRecord"]
    winner = next(o for o in outcomes if isinstance(o, DraftRecord))
    assert stored_draft(services, SLUG) == winner.yaml_text
