"""The persona library: drafts, immutable versions, who sees a persona, import and export,
golden transcripts.

    library = services.library
    draft = library.save_draft(instructor, "panic-disorder", text)  # saved even when invalid
    for problem in draft.problems:                                  # errors and warnings
        print(problem.line, problem.severity, problem.message)
    version = library.publish(instructor, "panic-disorder")         # a new immutable version

The rules:

- **Who.** Instructors and admins may use every use case; supervisors may read (`library`,
  `draft`, `diff`, `export_yaml`, `goldens`, `run_goldens`, `preview_target`, `preview`);
  anyone else gets `Forbidden`.
  `visible_slugs` and `check_visible` answer for any user. `COMMAND_LINE` is the operator of
  the `mi-sim` command: it acts as an admin and is recorded as nobody.
- **Drafts.** A persona has at most one working draft: YAML text as last saved, valid or not,
  so an instructor never loses text. A save may say which draft it started from
  (`expected_updated_at`: the draft's `updated_at`, or `NO_DRAFT`); when the stored draft
  changed since (another tab or instructor saved), it is refused with `Conflict` and nothing
  is saved, so neither text is lost. The only texts refused (with nothing saved) are ones that
  are not UTF-8, are over `MAX_BYTES`, or hold a NUL character. Every draft comes back with
  its problems (`mi_sim.scenarios.loader.Problem`: loader and linter errors and warnings, each
  at its line). A brand-new persona (`new_draft`, or `save_draft` with no slug) gets its
  personas row with its first draft; a persona never published stays out of the gallery.
- **Versions.** Only a draft without errors is published; publishing makes an immutable
  version (status "published", source "editor"), retires the previously published one and
  deletes the draft. Sessions keep the version they were started with, so old transcripts
  display and replay against their own text. `retire` takes a persona out of the gallery
  (no new sessions) and keeps every version; `restore` publishes a copy of an older version's
  text as a new version (numbers only grow, so "newest published" stays unambiguous).
  `mi-sim personas sync` still adds a new version when a shipped file changes, retiring any
  published version, including one published from the editor.
- **Preview.** `preview` replays clinician lines (`mi_sim.scenarios.preview`, with the
  engine's trace) against the saved draft, or the newest version when there is no draft; a
  draft with errors is refused, naming its first. `save_preview_golden` keeps one as a golden.
- **Caches.** This process's `Personas` forgets its newest-version cache for the slug on every
  publish, retire and restore; other processes notice within `personas.LATEST_TTL` seconds.
  `examined_draft` remembers the loader and linter's verdict on the last few draft texts.
- **Visibility.** A persona with no cohorts is visible to everyone; `set_cohorts` limits it to
  members of those cohorts (supervisors, instructors and admins always see every persona).
  `check_visible` is the check for starting a session; `Personas.list_published(user)` is the
  gallery filtered the same way (`access.visible_personas`).

`Library` is built in parts, each in its own module: `library_base` (access checks, finding a
persona), `persona_drafts` (drafts), `persona_checks` (goldens and the preview) and
`persona_text` (pure helpers on persona text); this module holds the library page, versions,
diff, import and export, and who sees a persona.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from mi_sim.scenarios.lint import has_errors
from mi_sim.scenarios.loader import unreadable
from mi_sim.services.errors import Conflict, Invalid, NotFound
from mi_sim.services.library_base import (
    AUTHORS,
    DRAFT,
    PUBLISHED,
    READERS,
    Side,
    author_id,
)
from mi_sim.services.persona_checks import FALLBACK_LEVEL, MAX_GOLDEN_NAME, PersonaChecks
from mi_sim.services.persona_drafts import NO_DRAFT, DraftBase, PersonaDrafts
from mi_sim.services.persona_text import (
    EXAMINED_DRAFTS,
    checked_slug,
    checked_text,
    draft_where,
    examine,
    examined_draft,
    identify,
    text_diff,
    unpublishable,
)
from mi_sim.services.personas import text_sha256
from mi_sim.services.records import (
    CohortRef,
    DraftRecord,
    LibraryEntry,
    UserRecord,
    VersionRecord,
)
from mi_sim.storage.db import reading, writing
from mi_sim.storage.models import (
    Cohort,
    PersonaCohort,
    PersonaDraft,
    PersonaGolden,
    PersonaRow,
    PersonaVersion,
    PracticeSession,
    Role,
    User,
    VersionStatus,
)

__all__ = [
    "AUTHORS",
    "COMMAND_LINE",
    "DRAFT",
    "EXAMINED_DRAFTS",
    "FALLBACK_LEVEL",
    "MAX_COHORTS",
    "MAX_GOLDEN_NAME",
    "NO_DRAFT",
    "PUBLISHED",
    "READERS",
    "SOURCE_EDITOR",
    "SOURCE_IMPORT",
    "SOURCE_RESTORE",
    "DraftBase",
    "Library",
    "Side",
    "checked_slug",
    "checked_text",
    "examine",
    "examined_draft",
    "identify",
]

COMMAND_LINE = UserRecord(id=0, name="mi-sim command line", role=Role.ADMIN.value,
                          active=True, created_at=datetime(2026, 1, 1, tzinfo=UTC))
"""The operator of the `mi-sim` command: acts as an admin, recorded as nobody."""

SOURCE_EDITOR = "editor"
SOURCE_IMPORT = "import"
SOURCE_RESTORE = "restore"

MAX_COHORTS = 1000


class Library(PersonaDrafts, PersonaChecks):
    """The persona library's use cases (see the module's rules)."""

    # --- the library page ----------------------------------------------------------------

    def library(self, user: UserRecord) -> list[LibraryEntry]:
        """Every persona (published, retired or only a draft) with its versions (oldest
        first, each with its author and session count), its draft's date, the cohorts that
        may see it and its number of goldens; ordered by title. Two queries."""
        self._reader(user)
        counts = (select(PracticeSession.persona_version_id.label("version_id"),
                         func.count().label("n"))
                  .where(PracticeSession.persona_version_id.is_not(None))
                  .group_by(PracticeSession.persona_version_id).subquery())
        author, editor = aliased(User), aliased(User)
        goldens = (select(func.count()).where(PersonaGolden.persona_id == PersonaRow.id)
                   .correlate(PersonaRow).scalar_subquery())
        query = (
            select(PersonaRow.id, PersonaRow.slug, PersonaRow.title, PersonaRow.created_at,
                   PersonaVersion.id, PersonaVersion.number, PersonaVersion.status,
                   PersonaVersion.source, PersonaVersion.sha256, PersonaVersion.created_at,
                   author.name, func.coalesce(counts.c.n, 0),
                   PersonaDraft.updated_at, editor.name, goldens)
            .outerjoin(PersonaVersion, PersonaVersion.persona_id == PersonaRow.id)
            .outerjoin(author, author.id == PersonaVersion.created_by_id)
            .outerjoin(counts, counts.c.version_id == PersonaVersion.id)
            .outerjoin(PersonaDraft, PersonaDraft.persona_id == PersonaRow.id)
            .outerjoin(editor, editor.id == PersonaDraft.updated_by_id)
            .order_by(PersonaRow.title, PersonaRow.slug, PersonaVersion.number))
        with reading(self.sessions) as db:
            rows = db.execute(query).all()
            cohort_rows = db.execute(
                select(PersonaCohort.persona_id, Cohort.id, Cohort.name)
                .join(Cohort, Cohort.id == PersonaCohort.cohort_id)
                .order_by(Cohort.name)).all()
        cohorts: dict[int, list[CohortRef]] = {}
        for persona_id, cohort_id, name in cohort_rows:
            cohorts.setdefault(persona_id, []).append(CohortRef(cohort_id, name))
        entries: dict[int, dict[str, Any]] = {}
        for (persona_id, slug, title, created_at, version_id, number, status, source, sha,
             version_at, author_name, sessions, draft_at, draft_by, golden_count) in rows:
            entry = entries.setdefault(persona_id, {
                "slug": slug, "title": title, "created_at": created_at, "versions": [],
                "has_draft": draft_at is not None, "draft_updated_at": draft_at,
                "draft_updated_by": draft_by,
                "cohorts": tuple(cohorts.get(persona_id, ())), "goldens": int(golden_count)})
            if version_id is not None:
                entry["versions"].append(VersionRecord(
                    version_id, slug, number, status, source, sha, version_at, author_name,
                    int(sessions)))
        return [LibraryEntry(**{**e, "versions": tuple(e["versions"])})
                for e in entries.values()]

    def entry(self, user: UserRecord, slug: str) -> LibraryEntry:
        """One persona's library entry; `NotFound` for an unknown slug."""
        for found in self.library(user):
            if found.slug == slug:
                return found
        raise NotFound(f"no persona '{slug}'")

    # --- versions ------------------------------------------------------------------------

    def publish(self, user: UserRecord, slug: str) -> VersionRecord:
        """Publish the persona's draft as its next version (source "editor") and delete the
        draft; the previously published version is retired. `Unpublishable` (with every
        problem) when the draft has errors, `NotFound` without a draft, `Conflict` when the
        draft is the published text already or changed meanwhile."""
        self._author(user)
        with reading(self.sessions) as db:
            row = self._persona(db, slug)
            text = db.scalar(select(PersonaDraft.yaml_text)
                             .where(PersonaDraft.persona_id == row.id))
        if text is None:
            raise NotFound(f"'{slug}' has no draft to publish")
        persona, problems = examine(text, draft_where(slug), slug)
        if persona is None or has_errors(problems):
            raise unpublishable(f"the draft of '{slug}'", problems)
        return self._publish_text(user, slug, text, persona.title, SOURCE_EDITOR,
                                  draft_text=text)

    def retire(self, user: UserRecord, slug: str) -> VersionRecord:
        """Retire the persona's published version: it leaves the gallery and no new session
        can start with it; every version, session and transcript is kept. Returns the retired
        version. `Conflict` when nothing is published."""
        self._author(user)
        with writing(self.sessions) as db:
            row = self._persona(db, slug)
            live = list(db.scalars(
                select(PersonaVersion.id).where(
                    PersonaVersion.persona_id == row.id,
                    PersonaVersion.status == VersionStatus.PUBLISHED.value)
                .order_by(PersonaVersion.number)))
            if not live:
                raise Conflict(f"'{slug}' has no published version to retire")
            db.execute(update(PersonaVersion).where(PersonaVersion.id.in_(live))
                       .values(status=VersionStatus.RETIRED.value)
                       .execution_options(synchronize_session=False))
            record = self._versions(db, row.id, live[-1])[0]
        self.personas.forget_latest(slug)
        return record

    def restore(self, user: UserRecord, slug: str, number: int) -> VersionRecord:
        """Publish a copy of version `number`'s text as the persona's next version (source
        "restore"), retiring the published one; the draft, if any, is left alone. The old
        text must still pass today's loader and linter (`Unpublishable` otherwise);
        `Conflict` when it is the published text already."""
        self._author(user)
        with reading(self.sessions) as db:
            row = self._persona(db, slug)
            text = self._version_text(db, row, number)
        persona, problems = examine(text, f"{slug} version {number}", slug)
        if persona is None or has_errors(problems):
            raise unpublishable(f"version {number} of '{slug}'", problems)
        return self._publish_text(user, slug, text, persona.title, SOURCE_RESTORE)

    def versions(self, user: UserRecord, slug: str) -> list[VersionRecord]:
        """Every version of a persona, oldest first."""
        self._reader(user)
        with reading(self.sessions) as db:
            row = self._persona(db, slug)
            return self._versions(db, row.id)

    def _publish_text(self, user: UserRecord, slug: str, text: str, title: str, source: str,
                      *, draft_text: str | None = None, create: bool = False,
                      same_ok: bool = False) -> VersionRecord:
        """Store `text` (already checked) as the next published version of `slug`.

        `draft_text`: the draft must still hold exactly this text, and is deleted. `create`:
        make the persona when it does not exist. `same_ok`: a text equal to the published
        version returns that version instead of a `Conflict`."""
        digest = text_sha256(text.encode("utf-8"))
        try:
            with writing(self.sessions) as db:
                row = db.scalar(select(PersonaRow).where(PersonaRow.slug == slug))
                if row is None:
                    if not create:
                        raise NotFound(f"no persona '{slug}'")
                    row = PersonaRow(slug=slug, title=title)
                    db.add(row)
                    db.flush()
                live = db.execute(
                    select(PersonaVersion.id, PersonaVersion.number, PersonaVersion.sha256)
                    .where(PersonaVersion.persona_id == row.id,
                           PersonaVersion.status == VersionStatus.PUBLISHED.value)
                    .order_by(PersonaVersion.number.desc())).all()
                if live and live[0][2] == digest:
                    if same_ok:
                        return self._versions(db, row.id, live[0][0])[0]
                    raise Conflict(f"this text is the published version {live[0][1]} of "
                                   f"'{slug}' already; there is nothing new to publish")
                if draft_text is not None:
                    draft = db.get(PersonaDraft, row.id)
                    if draft is None or draft.yaml_text != draft_text:
                        raise Conflict(f"the draft of '{slug}' changed while it was being "
                                       "published; look at it again")
                    db.delete(draft)
                number = (db.scalar(select(func.max(PersonaVersion.number))
                                    .where(PersonaVersion.persona_id == row.id)) or 0) + 1
                if live:
                    db.execute(update(PersonaVersion)
                               .where(PersonaVersion.id.in_([v[0] for v in live]))
                               .values(status=VersionStatus.RETIRED.value)
                               .execution_options(synchronize_session=False))
                version = PersonaVersion(
                    persona_id=row.id, number=number, yaml_text=text, sha256=digest,
                    status=VersionStatus.PUBLISHED.value, source=source,
                    created_by_id=author_id(user))
                db.add(version)
                row.title = title
                db.flush()
                record = VersionRecord(version.id, slug, number, version.status, source,
                                       digest, version.created_at,
                                       user.name if author_id(user) else None, 0)
        except IntegrityError:
            raise Conflict(f"'{slug}' was changed by someone else at the same moment; look "
                           "at it again") from None
        self.personas.forget_latest(slug)
        return record

    # --- diff, export, import ------------------------------------------------------------

    def diff(self, user: UserRecord, slug: str, a: Side, b: Side,
             context: int = 3) -> list[str]:
        """A unified diff (lines without newlines) from side `a` to side `b`, each a version
        number, "draft" or "published" (the newest published version). Empty when equal."""
        self._reader(user)
        with reading(self.sessions) as db:
            row = self._persona(db, slug)
            a_side, b_side = self._side(db, row, a), self._side(db, row, b)
        return text_diff(slug, a_side, b_side, context)

    def export_yaml(self, user: UserRecord, slug: str, number: int | None = None) -> str:
        """The YAML text of version `number` (default: the newest published version, else the
        newest version), exactly as stored."""
        self._reader(user)
        with reading(self.sessions) as db:
            row = self._persona(db, slug)
            if number is not None:
                return self._version_text(db, row, number)
            text = db.scalar(
                select(PersonaVersion.yaml_text).where(PersonaVersion.persona_id == row.id)
                .order_by((PersonaVersion.status == VersionStatus.PUBLISHED.value).desc(),
                          PersonaVersion.number.desc()).limit(1))
        if text is None:
            raise NotFound(f"'{slug}' has no version yet (only a draft)")
        return text

    def import_yaml(self, user: UserRecord, data: bytes | str, publish: bool = False, *,
                    filename: str = "upload.yaml",
                    replace_draft: bool = False) -> DraftRecord | VersionRecord:
        """Import a persona file, checked like the editor's text.

        The persona is the one the file's `slug:` names (created when new). With `publish`
        and no errors the text becomes the next published version at once (source
        "import"; the same text as the published version returns that version); otherwise
        it becomes the persona's draft, returned with its problems (path: `filename`). An
        existing draft with other text is a `Conflict` unless `replace_draft`. Refused with
        nothing saved: not UTF-8, over `MAX_BYTES`, a NUL character, a file that is not a
        readable plain YAML document (a syntax error or truncation, anchors and aliases — so
        alias bombs —, `!!python/…` and other tags, deep nesting: `loader.unreadable`), or no
        slug to be found. (Text typed in the editor is kept as a draft whatever it holds; a
        file brought in from elsewhere must at least be plain YAML.)
        """
        self._author(user)
        text = checked_text(data)
        refused = unreadable(text, filename)
        if refused is not None:
            raise Invalid(f"{refused}. The file was refused and nothing was saved.")
        persona, problems = examine(text, filename)
        slug, _title = identify(text, persona)
        if slug is None:
            first = f" ({problems[0]})" if problems else ""
            raise Invalid(f"{filename}: cannot tell which persona this is: the file has no "
                          f"top-level 'slug:' line{first}. Nothing was saved.")
        if publish and persona is not None and not has_errors(problems):
            return self._publish_text(user, slug, text, persona.title, SOURCE_IMPORT,
                                      create=True, same_ok=True)
        return self._save(user, slug, text, (persona, problems), create=None,
                          replace=replace_draft)

    # --- who sees a persona --------------------------------------------------------------

    def set_cohorts(self, user: UserRecord, slug: str,
                    cohort_ids: Iterable[int]) -> tuple[CohortRef, ...]:
        """Limit the persona to members of these cohorts (none: visible to everyone).
        Returns the cohorts now set, by name. `NotFound` for an unknown cohort id."""
        self._author(user)
        wanted: set[int] = set()
        for cohort_id in cohort_ids:
            if isinstance(cohort_id, bool) or not isinstance(cohort_id, int):
                raise Invalid("cohorts are given by their ids (whole numbers)")
            wanted.add(cohort_id)
            if len(wanted) > MAX_COHORTS:
                raise Invalid(f"a persona can be limited to at most {MAX_COHORTS} cohorts")
        with writing(self.sessions) as db:
            row = self._persona(db, slug)
            found = db.execute(select(Cohort.id, Cohort.name)
                               .where(Cohort.id.in_(sorted(wanted)))
                               .order_by(Cohort.name)).all() if wanted else []
            missing = wanted - {cohort_id for cohort_id, _ in found}
            if missing:
                raise NotFound(f"no cohort with id {min(missing)}")
            db.execute(delete(PersonaCohort).where(PersonaCohort.persona_id == row.id))
            db.add_all(PersonaCohort(persona_id=row.id, cohort_id=cohort_id)
                       for cohort_id, _ in found)
        return tuple(CohortRef(cohort_id, name) for cohort_id, name in found)

    def visible_slugs(self, user: UserRecord) -> frozenset[str]:
        """The personas `user` may practise with (`Personas.visible_slugs`)."""
        return self.personas.visible_slugs(user)

    def check_visible(self, user: UserRecord, slug: str) -> None:
        """`Personas.check_visible`: the check `Practice.start_session` makes."""
        self.personas.check_visible(user, slug)

    # --- reading helpers -----------------------------------------------------------------

    @staticmethod
    def _version_text(db: Session, row: PersonaRow, number: object) -> str:
        if isinstance(number, bool) or not isinstance(number, int):
            raise Invalid("a version number is a whole number")
        text = db.scalar(select(PersonaVersion.yaml_text).where(
            PersonaVersion.persona_id == row.id, PersonaVersion.number == number))
        if text is None:
            raise NotFound(f"'{row.slug}' has no version {number}")
        return text

    def _side(self, db: Session, row: PersonaRow, side: Side) -> tuple[str, str]:
        if side == DRAFT:
            text = db.scalar(select(PersonaDraft.yaml_text)
                             .where(PersonaDraft.persona_id == row.id))
            if text is None:
                raise NotFound(f"'{row.slug}' has no draft")
            return "draft", text
        if side == PUBLISHED:
            found = db.execute(
                select(PersonaVersion.number, PersonaVersion.yaml_text).where(
                    PersonaVersion.persona_id == row.id,
                    PersonaVersion.status == VersionStatus.PUBLISHED.value)
                .order_by(PersonaVersion.number.desc()).limit(1)).first()
            if found is None:
                raise NotFound(f"'{row.slug}' has no published version")
            return f"version {found[0]}", found[1]
        if isinstance(side, str) and side.isdigit():
            side = int(side)
        return f"version {side}", self._version_text(db, row, side)

    @staticmethod
    def _versions(db: Session, persona_id: int,
                  version_id: int | None = None) -> list[VersionRecord]:
        """Version records of a persona (or just one version), oldest first."""
        counts = (select(func.count()).where(PracticeSession.persona_version_id
                                             == PersonaVersion.id)
                  .correlate(PersonaVersion).scalar_subquery())
        query = (select(PersonaVersion.id, PersonaRow.slug, PersonaVersion.number,
                        PersonaVersion.status, PersonaVersion.source, PersonaVersion.sha256,
                        PersonaVersion.created_at, User.name, counts)
                 .join(PersonaRow, PersonaRow.id == PersonaVersion.persona_id)
                 .outerjoin(User, User.id == PersonaVersion.created_by_id)
                 .where(PersonaVersion.persona_id == persona_id)
                 .order_by(PersonaVersion.number))
        if version_id is not None:
            query = query.where(PersonaVersion.id == version_id)
        return [VersionRecord(*values[:-1], int(values[-1])) for values in db.execute(query)]
