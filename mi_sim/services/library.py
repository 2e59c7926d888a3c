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
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased, sessionmaker

from mi_sim.engine.persona import Persona
from mi_sim.scenarios import goldens as golden_files
from mi_sim.scenarios.goldens import Golden, GoldenError, GoldenResult
from mi_sim.scenarios.lint import has_errors, lint_persona
from mi_sim.scenarios.loader import (
    MAX_BYTES,
    Problem,
    ScenarioError,
    load_located,
    unreadable,
)
from mi_sim.scenarios.preview import (
    Preview,
    PreviewError,
    checked_lines,
    checked_seed,
    play_preview,
)
from mi_sim.services.access import visible_personas
from mi_sim.services.errors import Conflict, Forbidden, Invalid, NotFound, Unpublishable
from mi_sim.services.personas import Personas, text_sha256
from mi_sim.services.records import (
    CohortRef,
    DraftRecord,
    GoldenRecord,
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
    utcnow,
)

READERS = frozenset({Role.SUPERVISOR.value, Role.INSTRUCTOR.value, Role.ADMIN.value})
AUTHORS = frozenset({Role.INSTRUCTOR.value, Role.ADMIN.value})

COMMAND_LINE = UserRecord(id=0, name="mi-sim command line", role=Role.ADMIN.value,
                          active=True, created_at=datetime(2026, 1, 1, tzinfo=UTC))
"""The operator of the `mi-sim` command: acts as an admin, recorded as nobody."""

SOURCE_EDITOR = "editor"
SOURCE_IMPORT = "import"
SOURCE_RESTORE = "restore"
DRAFT = "draft"
PUBLISHED = "published"
Side = int | Literal["draft", "published"]
"""One side of a diff: a version number, the draft, or the newest published version."""
NO_DRAFT: Literal["none"] = "none"
"""`save_draft(expected_updated_at=NO_DRAFT)`: the editor showed no draft (a version's text)."""
DraftBase = datetime | Literal["none"] | None
"""The draft a save started from: its `updated_at`, `NO_DRAFT`, or None (do not check)."""

MAX_COHORTS = 1000
EXAMINED_DRAFTS = 8
"""Draft texts whose `examine` this process remembers (for the preview, see `examined_draft`)."""
FALLBACK_LEVEL = "standard"
MAX_GOLDEN_NAME = golden_files.MAX_NAME
_SLUG = re.compile(r"^[a-z][a-z0-9-]{1,47}$")
_SLUG_LINE = re.compile(
    r"""^slug:[ \t]*(["']?)([a-z][a-z0-9-]{1,47})\1[ \t]*(?:\#.*)?\r?$""", re.M)
_TITLE_LINE = re.compile(r"^title:[ \t]*(.*?)[ \t]*\r?$", re.M)
_TITLE_LENGTH = 200
_PROBLEMS_IN_MESSAGE = 3


# --- pure helpers ----------------------------------------------------------------------------


def checked_text(data: bytes | str) -> str:
    """The text of a persona file, or `Invalid` (with nothing saved) when it is not UTF-8
    text, is over `MAX_BYTES`, or holds a NUL character. A UTF-8 byte-order mark on bytes is
    dropped; text is otherwise kept exactly as given."""
    if isinstance(data, bytes | bytearray):
        raw = bytes(data)
        if len(raw) > MAX_BYTES:
            raise Invalid(_too_big(len(raw)))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[: exc.start].count(b"\n") + 1
            raise Invalid(f"the file is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line "
                          f"{line}); save it as UTF-8 and try again. Nothing was saved."
                          ) from None
        text = text.removeprefix("\ufeff")
    elif isinstance(data, str):
        try:
            size = len(data.encode("utf-8"))
        except UnicodeEncodeError:
            raise Invalid("the text holds characters that are not valid Unicode; nothing "
                          "was saved") from None
        if size > MAX_BYTES:
            raise Invalid(_too_big(size))
        text = data
    else:
        raise Invalid("a persona must be given as text")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise Invalid(f"the text holds a NUL character (line {line}); persona files are plain "
                      "text. Nothing was saved.")
    return text


def _too_big(size: int) -> str:
    return (f"the text is {size} bytes; persona files are limited to {MAX_BYTES // 1024} KiB "
            f"({MAX_BYTES} bytes). Nothing was saved.")


def identify(text: str, persona: Persona | None = None) -> tuple[str | None, str | None]:
    """`(slug, title)` of a persona text: from the persona when the text loads (pass it when
    you have it), else from top-level `slug:` and `title:` lines (found by pattern; nothing is
    parsed). None where the text does not say."""
    if persona is None:
        try:
            persona, _ = load_located(text)
        except ScenarioError:
            persona = None
    if persona is not None:
        return persona.slug, persona.title
    slug_match = _SLUG_LINE.search(text)
    title_match = _TITLE_LINE.search(text)
    title = _plain_scalar(title_match.group(1)) if title_match else None
    return (slug_match.group(2) if slug_match else None), title


def _plain_scalar(value: str) -> str | None:
    """A one-line YAML scalar's text, roughly: quotes removed, a trailing comment dropped."""
    if value[:1] in ("'", '"'):
        end = value.find(value[0], 1)
        value = value[1:end] if end > 0 else value[1:]
    else:
        value = re.split(r"[ \t]#", value, maxsplit=1)[0]
    value = value.strip()
    return value[:_TITLE_LENGTH] or None


def examine(text: str, where: str, slug: str | None = None) -> tuple[Persona | None,
                                                                      list[Problem]]:
    """Load and lint a persona text: `(persona or None, problems sorted by line)`.

    With `slug`, a text naming another slug gets an error at its `slug:` line (a persona's
    slug never changes)."""
    try:
        persona, locator = load_located(text, where)
    except ScenarioError as exc:
        return None, list(exc.problems)
    problems = lint_persona(persona, locator, where)
    if slug is not None and persona.slug != slug:
        problems.append(Problem(where, locator.line(("slug",)),
                                f"slug: this is persona '{slug}'; its slug cannot change to "
                                f"'{persona.slug}' (start a new persona instead)"))
        problems.sort(key=lambda p: p.line)
    return persona, problems


@lru_cache(maxsize=EXAMINED_DRAFTS)
def examined_draft(text: str, slug: str) -> tuple[Persona | None, tuple[Problem, ...]]:
    """`examine` of the draft text of `slug`, remembered for the last `EXAMINED_DRAFTS` texts:
    each preview turn replays the same saved draft, and loading and linting a large persona
    takes tens of milliseconds. A pure function of its arguments, so shared by every
    `Library` of the process."""
    persona, problems = examine(text, f"{slug} (draft)", slug)
    return persona, tuple(problems)


def _unpublishable(what: str, problems: Sequence[Problem]) -> Unpublishable:
    errors = [p for p in problems if p.severity == "error"]
    shown = "; ".join(f"line {p.line}: {p.message}" for p in errors[:_PROBLEMS_IN_MESSAGE])
    more = len(errors) - _PROBLEMS_IN_MESSAGE
    if more > 0:
        shown += f"; and {more} more"
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    return Unpublishable(f"{what} has {count}, so it cannot be published: {shown}", problems)


def checked_slug(slug: object) -> str:
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise Invalid("a persona slug is 2–48 lower-case letters, digits and dashes, starting "
                      "with a letter (e.g. 'panic-disorder')")
    return slug


def _author_id(user: UserRecord) -> int | None:
    return user.id if user.id > 0 else None


# --- the use cases ---------------------------------------------------------------------------


class Library:
    """The persona library's use cases (see the module's rules)."""

    def __init__(self, sessions: sessionmaker[Session], personas: Personas) -> None:
        self.sessions = sessions
        self.personas = personas

    # --- access --------------------------------------------------------------------------

    @staticmethod
    def may_read(user: UserRecord) -> bool:
        return user.role in READERS

    @staticmethod
    def may_author(user: UserRecord) -> bool:
        return user.role in AUTHORS

    def _reader(self, user: UserRecord) -> None:
        if not self.may_read(user):
            raise Forbidden("only instructors, supervisors and admins can open the persona "
                            "library")

    def _author(self, user: UserRecord) -> None:
        if not self.may_author(user):
            raise Forbidden("only instructors and admins can change personas")

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

    # --- drafts --------------------------------------------------------------------------

    def new_draft(self, user: UserRecord, slug: str, yaml_text: str | bytes) -> DraftRecord:
        """Start a new persona called `slug` with this text as its draft (saved even when it
        does not load). `Conflict` when the slug is taken."""
        self._author(user)
        slug = checked_slug(slug)
        text = checked_text(yaml_text)
        return self._save(user, slug, text, examine(text, self._where(slug), slug),
                          create=True)

    def save_draft(self, user: UserRecord, slug: str | None, yaml_text: str | bytes,
                   expected_updated_at: DraftBase = None) -> DraftRecord:
        """Save the draft of persona `slug`, valid or not, and return it with its problems.

        With `slug` None the text starts a new persona, named by the text's own `slug:`
        (`Invalid` when the text does not say, `Conflict` when the slug is taken; use
        `new_draft` to name it explicitly). The draft keeps the version it was first started
        from (`base_version`). Refused, with nothing saved, only for text that is not UTF-8,
        over `MAX_BYTES` or holds a NUL character, and, when `expected_updated_at` is given
        (the `updated_at` of the draft the text was edited from, timezone-aware, or
        `NO_DRAFT`), when the stored draft is no longer that one: `Conflict` saying who saved
        it and when."""
        self._author(user)
        text = checked_text(yaml_text)
        if slug is None:
            found, _title = identify(text)
            if found is None:
                raise Invalid("the text does not say which persona it is (no top-level "
                              "'slug:' line of lower-case letters, digits and dashes); give "
                              "the new persona a slug")
            return self._save(user, found, text, examine(text, self._where(found), found),
                              create=True)
        slug = checked_slug(slug)
        return self._save(user, slug, text, examine(text, self._where(slug), slug),
                          create=False, expected=expected_updated_at)

    def draft(self, user: UserRecord, slug: str) -> DraftRecord | None:
        """The persona's draft with its current problems, or None when it has none
        (`NotFound` for an unknown persona). To start editing a persona without a draft, use
        `export_yaml` for the newest version's text."""
        self._reader(user)
        with reading(self.sessions) as db:
            row = self._persona(db, slug)
            found = db.execute(
                select(PersonaDraft, User.name, PersonaVersion.number)
                .outerjoin(User, User.id == PersonaDraft.updated_by_id)
                .outerjoin(PersonaVersion, PersonaVersion.id == PersonaDraft.base_version_id)
                .where(PersonaDraft.persona_id == row.id)).first()
            if found is None:
                return None
            draft, editor, base = found
            title = row.title
        _persona, problems = examined_draft(draft.yaml_text, slug)
        return DraftRecord(slug, title, draft.yaml_text, problems, draft.updated_at,
                           editor, base)

    def discard_draft(self, user: UserRecord, slug: str) -> bool:
        """Delete the persona's draft; True when there was one. A persona that was never
        published is deleted with its draft (and its goldens and cohorts)."""
        self._author(user)
        with writing(self.sessions) as db:
            row = self._persona(db, slug)
            deleted = db.execute(delete(PersonaDraft)
                                 .where(PersonaDraft.persona_id == row.id)).rowcount
            versions = db.scalar(select(func.count()).select_from(PersonaVersion)
                                 .where(PersonaVersion.persona_id == row.id))
            if not versions:
                db.execute(delete(PersonaRow).where(PersonaRow.id == row.id))
        return bool(deleted)

    def _save(self, user: UserRecord, slug: str, text: str,
              examined: tuple[Persona | None, list[Problem]], *, create: bool | None,
              replace: bool = True, expected: DraftBase = None) -> DraftRecord:
        """Store `text` as the draft of `slug`; `examined` is `examine(text, …, slug)`.
        `create`: True for a new persona only, False for an existing one only, None for
        either. With `replace` False an existing draft with other text is a `Conflict`;
        `expected` is `save_draft`'s `expected_updated_at`."""
        persona, problems = examined
        _found_slug, title = identify(text, persona)
        for attempt in (1, 2):
            try:
                return self._store_draft(user, slug, text, title, tuple(problems),
                                         create=create, replace=replace, expected=expected)
            except IntegrityError:
                # Another writer created the persona or its draft at the same moment.
                if attempt == 2 or create is True:
                    raise Conflict(f"a persona '{slug}' already exists; open it in the "
                                   "library to edit it") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _store_draft(self, user: UserRecord, slug: str, text: str, title: str | None,
                     problems: tuple[Problem, ...], *, create: bool | None,
                     replace: bool, expected: DraftBase) -> DraftRecord:
        with writing(self.sessions) as db:
            query = select(PersonaRow).where(PersonaRow.slug == slug)
            if expected is not None:  # saves of this persona wait for each other (PostgreSQL)
                query = query.with_for_update()
            row = db.scalar(query)
            if row is None:
                if create is False:
                    raise NotFound(f"no persona '{slug}'")
                row = PersonaRow(slug=slug, title=title or slug)
                db.add(row)
                db.flush()
            elif create is True:
                raise Conflict(f"a persona '{slug}' already exists; open it in the library "
                               "to edit it")
            newest = db.execute(select(PersonaVersion.id, PersonaVersion.number)
                                .where(PersonaVersion.persona_id == row.id)
                                .order_by(PersonaVersion.number.desc()).limit(1)).first()
            draft = db.get(PersonaDraft, row.id)
            if expected is not None:
                self._refuse_if_changed(db, user, draft, expected)
            if draft is None:
                draft = PersonaDraft(persona_id=row.id,
                                     base_version_id=newest[0] if newest else None)
                db.add(draft)
            elif not replace and draft.yaml_text != text:
                editor = db.scalar(select(User.name).where(User.id == draft.updated_by_id))
                raise Conflict(
                    f"'{slug}' already has a draft (saved {draft.updated_at:%Y-%m-%d %H:%M} "
                    f"UTC by {editor or 'someone'}); publish or discard it first, or replace "
                    "it")
            draft.yaml_text = text
            draft.updated_at = utcnow()
            draft.updated_by_id = _author_id(user)
            if newest is None and title:
                row.title = title  # never published: the library shows the draft's title
            db.flush()
            base = (None if draft.base_version_id is None else db.scalar(
                select(PersonaVersion.number)
                .where(PersonaVersion.id == draft.base_version_id)))
            return DraftRecord(slug, row.title, text, problems, draft.updated_at,
                               user.name if _author_id(user) else None, base)

    @staticmethod
    def _refuse_if_changed(db: Session, user: UserRecord, draft: PersonaDraft | None,
                           expected: datetime | Literal["none"]) -> None:
        """`Conflict` when the stored draft is not the one the save started from."""
        if draft is None:
            if expected == NO_DRAFT:
                return
            raise Conflict("The draft you were editing was published or discarded after you "
                           "opened it. Nothing was saved, and nothing was lost: your text is "
                           "still in the editor. Look at the persona's versions, then save "
                           "again to start a new draft with your text.")
        if expected != NO_DRAFT and draft.updated_at == expected:
            return
        at = f"{draft.updated_at:%H:%M} UTC, after you opened it. Nothing was saved"
        if draft.updated_by_id is not None and draft.updated_by_id == _author_id(user):
            raise Conflict(f"You saved this draft in another tab or window at {at}, and "
                           "nothing was lost: that draft is stored and this text is still in "
                           "the editor. Compare the two, then save again to replace that "
                           "draft with this text.")
        editor = None if draft.updated_by_id is None else db.scalar(
            select(User.name).where(User.id == draft.updated_by_id))
        raise Conflict(f"Someone else{f' ({editor})' if editor else ''} saved this draft at "
                       f"{at}, and nothing of theirs or yours was lost: their draft is stored "
                       "and your text is still in the editor. Compare the two, then save "
                       "again to replace their draft with your text.")

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
        persona, problems = examine(text, self._where(slug), slug)
        if persona is None or has_errors(problems):
            raise _unpublishable(f"the draft of '{slug}'", problems)
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
            raise _unpublishable(f"version {number} of '{slug}'", problems)
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
                    created_by_id=_author_id(user))
                db.add(version)
                row.title = title
                db.flush()
                record = VersionRecord(version.id, slug, number, version.status, source,
                                       digest, version.created_at,
                                       user.name if _author_id(user) else None, 0)
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
            (a_label, a_text), (b_label, b_text) = (self._side(db, row, a),
                                                    self._side(db, row, b))
        return list(difflib.unified_diff(
            a_text.splitlines(), b_text.splitlines(), fromfile=f"{slug} {a_label}",
            tofile=f"{slug} {b_label}", lineterm="", n=max(0, min(int(context), 1000))))

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
        """The personas `user` may practise with: published and visible to them."""
        with reading(self.sessions) as db:
            return frozenset(db.scalars(
                select(PersonaRow.slug).join(PersonaVersion)
                .where(PersonaVersion.status == VersionStatus.PUBLISHED.value,
                       visible_personas(user)).distinct()))

    def check_visible(self, user: UserRecord, slug: str) -> None:
        """Refuse a session with a persona `user` may not practise with: `Invalid` with the
        same message as an unknown scenario (naming the ones they may use), so a hidden
        persona cannot be told from a missing one. For `Practice.start_session`."""
        visible = self.visible_slugs(user)
        if slug not in visible:
            raise Invalid(f"unknown scenario '{slug}'; known: "
                          f"{', '.join(sorted(visible)) or 'none'}")

    # --- goldens -------------------------------------------------------------------------

    def goldens(self, user: UserRecord, slug: str) -> list[GoldenRecord]:
        """The persona's golden transcripts, by name."""
        self._reader(user)
        with reading(self.sessions) as db:
            row = self._persona(db, slug)
            rows = db.execute(select(PersonaGolden, User.name)
                              .outerjoin(User, User.id == PersonaGolden.created_by_id)
                              .where(PersonaGolden.persona_id == row.id)
                              .order_by(PersonaGolden.name)).all()
            return [self._golden_record(slug, golden, name) for golden, name in rows]

    def save_golden(self, user: UserRecord, slug: str, name: str, level: str, seed: int,
                    lines: Sequence[str], turns: Sequence[dict[str, Any]],
                    version_number: int | None) -> GoldenRecord:
        """Keep a conversation (the clinician `lines` and the `turns` they gave, as
        `mi_sim.transcript.turn_record`s, e.g. a preview) as a golden of the persona.
        `version_number` is the version it was played against (None: the draft). `Invalid`
        for a malformed golden, `Conflict` when the name is taken."""
        self._author(user)
        golden = self._checked_golden(slug, name, level, seed, lines, turns)
        with reading(self.sessions) as db:
            row = self._persona(db, slug)
            version_id = None if version_number is None else db.scalar(
                select(PersonaVersion.id).where(PersonaVersion.persona_id == row.id,
                                                PersonaVersion.number == version_number))
        if version_number is not None:
            if version_id is None:
                raise NotFound(f"'{slug}' has no version {version_number}")
            persona = self.personas.persona_for_version(version_id)
            if golden.level not in persona.levels:
                raise Invalid(f"version {version_number} of '{slug}' has no level "
                              f"'{golden.level}'")
        return self._store_golden(user, slug, golden, version_number)

    def record_golden(self, user: UserRecord, slug: str, name: str, level: str, seed: int,
                      lines: Sequence[str], against: Side = PUBLISHED) -> GoldenRecord:
        """Play `lines` against the persona (`against`: "published", "draft" or a version
        number) and keep what it answers as a golden named `name`."""
        self._author(user)
        persona, number = self._persona_for(slug, against)
        try:
            golden = golden_files.record_golden(name, persona, level, seed, lines)
        except GoldenError as exc:
            raise Invalid(str(exc)) from None
        return self._store_golden(user, slug, golden, number)

    def delete_golden(self, user: UserRecord, slug: str, name: str) -> None:
        """Delete the persona's golden `name`; `NotFound` when there is none."""
        self._author(user)
        if not isinstance(name, str) or len(name) > MAX_GOLDEN_NAME:
            raise NotFound(f"'{slug}' has no golden named '{name}'")
        with writing(self.sessions) as db:
            row = self._persona(db, slug)
            deleted = db.execute(delete(PersonaGolden).where(
                PersonaGolden.persona_id == row.id, PersonaGolden.name == name)).rowcount
        if not deleted:
            raise NotFound(f"'{slug}' has no golden named '{name}'")

    def run_goldens(self, user: UserRecord, slug: str, against: Side = PUBLISHED,
                    names: Sequence[str] | None = None) -> list[GoldenResult]:
        """Replay the persona's goldens (all, or those in `names`) against the newest
        published version, the draft (`against="draft"`) or a version number, by name.
        `mi_sim.scenarios.goldens.describe(result)` gives readable lines. A draft that does
        not load is `Unpublishable` with its problems."""
        self._reader(user)
        persona, _number = self._persona_for(slug, against)
        with reading(self.sessions) as db:
            row = self._persona(db, slug)
            query = (select(PersonaGolden).where(PersonaGolden.persona_id == row.id)
                     .order_by(PersonaGolden.name))
            if names is not None:
                query = query.where(PersonaGolden.name.in_(list(names)))
            stored = list(db.scalars(query))
        out = []
        for golden in stored:
            try:
                checked = golden_files.golden_from_dict(
                    {"name": golden.name, "scenario": slug, "level": golden.level,
                     "seed": golden.seed, "lines": golden.lines, "turns": golden.turns},
                    f"golden '{golden.name}'")
            except GoldenError as exc:  # stored before a bound changed
                raise Invalid(str(exc)) from None
            out.append(golden_files.run_golden(persona, checked))
        return out

    def _checked_golden(self, slug: str, name: str, level: str, seed: int,
                        lines: Sequence[str], turns: Sequence[dict[str, Any]]) -> Golden:
        try:
            return golden_files.golden_from_dict(
                {"name": name, "scenario": slug, "level": level, "seed": seed,
                 "lines": list(lines) if isinstance(lines, list | tuple) else lines,
                 "turns": list(turns) if isinstance(turns, list | tuple) else turns},
                "the golden")
        except GoldenError as exc:
            raise Invalid(str(exc)) from None

    def _store_golden(self, user: UserRecord, slug: str, golden: Golden,
                      version_number: int | None) -> GoldenRecord:
        try:
            with writing(self.sessions) as db:
                row = self._persona(db, slug)
                stored = PersonaGolden(
                    persona_id=row.id, name=golden.name, level=golden.level, seed=golden.seed,
                    lines=list(golden.lines), turns=[dict(t) for t in golden.turns],
                    version_number=version_number, created_by_id=_author_id(user))
                db.add(stored)
                db.flush()
                return self._golden_record(slug, stored,
                                           user.name if _author_id(user) else None)
        except IntegrityError:
            raise Conflict(f"'{slug}' already has a golden named '{golden.name}'") from None

    def _persona_for(self, slug: str, against: Side) -> tuple[Persona, int | None]:
        """The persona to play: the newest published version, the draft, or a version
        number; with the version number (None for the draft)."""
        text: str | None = None
        found: Any = None
        with reading(self.sessions) as db:
            row = self._persona(db, slug)
            if against == DRAFT:
                text = db.scalar(select(PersonaDraft.yaml_text)
                                 .where(PersonaDraft.persona_id == row.id))
                if text is None:
                    raise NotFound(f"'{slug}' has no draft")
            else:
                query = select(PersonaVersion.id, PersonaVersion.number).where(
                    PersonaVersion.persona_id == row.id)
                if against == PUBLISHED:
                    query = query.where(
                        PersonaVersion.status == VersionStatus.PUBLISHED.value)
                elif isinstance(against, int) and not isinstance(against, bool):
                    query = query.where(PersonaVersion.number == against)
                else:
                    raise Invalid("play against 'published', 'draft' or a version number")
                found = db.execute(query.order_by(PersonaVersion.number.desc())
                                   .limit(1)).first()
                if found is None:
                    raise NotFound(f"'{slug}' has no published version" if against == PUBLISHED
                                   else f"'{slug}' has no version {against}")
        if text is None:
            return self.personas.persona_for_version(found[0]), found[1]
        persona, problems = examine(text, self._where(slug), slug)
        if persona is None or has_errors(problems):
            raise _unpublishable(f"the draft of '{slug}'", problems)
        return persona, None

    @staticmethod
    def _golden_record(slug: str, golden: PersonaGolden, author: str | None) -> GoldenRecord:
        return GoldenRecord(golden.id, slug, golden.name, golden.level, golden.seed,
                            tuple(golden.lines), tuple(dict(t) for t in golden.turns),
                            golden.version_number, author, golden.created_at)

    # --- the editor's preview ------------------------------------------------------------

    def preview_target(self, user: UserRecord, slug: str) -> tuple[Persona, str, int | None]:
        """What the editor's preview plays: the saved draft (refused with `Invalid`, naming
        its first error, when it has errors), else the newest version. Returns (persona,
        label such as "the draft" or "version 3", version number or None for the draft)."""
        self._reader(user)
        return self._preview_persona(slug, self._preview_source(slug))

    def preview(self, user: UserRecord, slug: str, lines: object, level: object,
                seed: object, *, line: object = None) -> tuple[Preview, str, int | None]:
        """Replay the clinician `lines` (plus `line`, the new one, when not blank) against
        `preview_target`, from the opening, with every turn's trace. `level` None or blank
        is the persona's default; `seed` is a whole number or its text (blank: 1). The
        arguments come as sent and are checked here: `Invalid` with a message for the user
        (at most `MAX_PREVIEW_LINES` lines, none after the patient walked out, …). Returns
        (preview, label, version number or None), like `preview_target`."""
        self._reader(user)
        source = self._preview_source(slug)
        try:
            checked, chosen, number = self._preview_args(lines, level, seed, line)
            persona, label, version = self._preview_persona(slug, source)
            played = play_preview(persona, checked, chosen, number)
        except PreviewError as exc:
            raise Invalid(str(exc)) from None
        return played, label, version

    def save_preview_golden(self, user: UserRecord, slug: str, name: object, lines: object,
                            level: object, seed: object) -> GoldenRecord:
        """Keep a preview's `lines`, `level` and `seed` (checked as in `preview`) as a golden
        named `name`, played against the draft, or the newest version when there is no
        draft. A blank level is the persona's default. `Invalid` without a name or a line,
        `Conflict` when the name is taken."""
        self._author(user)
        if not isinstance(name, str) or not name.strip():
            raise Invalid("give the golden a name")
        source = self._preview_source(slug)
        try:
            checked, chosen, number = self._preview_args(lines, level, seed)
        except PreviewError as exc:
            raise Invalid(str(exc)) from None
        if not checked:
            raise Invalid("talk to the patient first: a golden needs at least one clinician "
                          "line")
        text, newest = source
        against: Side
        if text is not None:
            against = DRAFT
        elif newest is not None:
            against = newest[1]
        else:
            raise Invalid(f"'{slug}' has nothing to play against")
        if chosen is None:
            try:
                chosen = self._preview_persona(slug, source)[0].default_level
            except Invalid:
                chosen = FALLBACK_LEVEL
        return self.record_golden(user, slug, name.strip(), chosen, number, checked, against)

    @staticmethod
    def _preview_args(lines: object, level: object, seed: object,
                      line: object = None) -> tuple[list[str], str | None, int]:
        """The checked lines, level (None: the default) and seed of a preview request;
        `PreviewError` when one is wrong."""
        if level is not None and not isinstance(level, str):
            raise PreviewError("the level must be a level name")
        return checked_lines(lines, line), level or None, checked_seed(seed)

    def _preview_source(self, slug: str) -> tuple[str | None, tuple[int, int] | None]:
        """(the draft's text, or None; else the newest version's (id, number), or None).
        `NotFound` for an unknown persona."""
        with reading(self.sessions) as db:
            row = self._persona(db, slug)
            text = db.scalar(select(PersonaDraft.yaml_text)
                             .where(PersonaDraft.persona_id == row.id))
            if text is not None:
                return text, None
            newest = db.execute(select(PersonaVersion.id, PersonaVersion.number)
                                .where(PersonaVersion.persona_id == row.id)
                                .order_by(PersonaVersion.number.desc()).limit(1)).first()
        return None, (None if newest is None else (newest[0], newest[1]))

    def _preview_persona(self, slug: str, source: tuple[str | None, tuple[int, int] | None]
                         ) -> tuple[Persona, str, int | None]:
        text, newest = source
        if text is not None:
            persona, problems = examined_draft(text, slug)
            if persona is None or has_errors(list(problems)):
                first = next(p for p in problems if p.severity == "error")
                raise Invalid(f"the draft has errors, so it cannot be previewed; fix them and "
                              f"save first (line {first.line}: {first.message})")
            return persona, "the draft", None
        if newest is None:
            raise Invalid(f"'{slug}' has no draft and no version to preview")
        return self.personas.persona_for_version(newest[0]), f"version {newest[1]}", newest[1]

    # --- reading helpers -----------------------------------------------------------------

    @staticmethod
    def _where(slug: str) -> str:
        return f"{slug} (draft)"

    @staticmethod
    def _persona(db: Session, slug: str) -> PersonaRow:
        if not isinstance(slug, str) or not _SLUG.match(slug):
            raise NotFound(f"no persona '{slug}'")
        row = db.scalar(select(PersonaRow).where(PersonaRow.slug == slug))
        if row is None:
            raise NotFound(f"no persona '{slug}'")
        return row

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
