"""Checking a persona by playing it: golden transcripts (kept, recorded, replayed against a
version or the draft) and the editor's preview (clinician lines replayed, with the engine's
trace, against the saved draft or the newest version). The rules are in
`mi_sim.services.library` ("Who", "Preview", "Caches").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from mi_sim.engine.persona import Persona
from mi_sim.scenarios import goldens as golden_files
from mi_sim.scenarios.goldens import Golden, GoldenError, GoldenResult
from mi_sim.scenarios.lint import has_errors
from mi_sim.scenarios.preview import (
    Preview,
    PreviewError,
    checked_lines,
    checked_seed,
    play_preview,
)
from mi_sim.services.errors import Conflict, Invalid, NotFound
from mi_sim.services.library_base import DRAFT, PUBLISHED, LibraryBase, Side, author_id
from mi_sim.services.persona_text import draft_where, examine, examined_draft, unpublishable
from mi_sim.services.records import GoldenRecord, UserRecord
from mi_sim.storage.db import reading, writing
from mi_sim.storage.models import PersonaDraft, PersonaGolden, PersonaVersion, User, VersionStatus

FALLBACK_LEVEL = "standard"
"""The level of a preview golden when the persona's default cannot be read."""
MAX_GOLDEN_NAME = golden_files.MAX_NAME


class PersonaChecks(LibraryBase):
    """The golden and preview use cases of `Library`."""

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
                    version_number=version_number, created_by_id=author_id(user))
                db.add(stored)
                db.flush()
                return self._golden_record(slug, stored,
                                           user.name if author_id(user) else None)
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
        persona, problems = examine(text, draft_where(slug), slug)
        if persona is None or has_errors(problems):
            raise unpublishable(f"the draft of '{slug}'", problems)
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
