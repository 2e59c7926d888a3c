"""Personas in the database: syncing the shipped YAML files, versions, and the gallery.

A session points at the persona version it was started with, so later edits never change an
old transcript. Each version's YAML is parsed once per process and cached by version id.
"""

from __future__ import annotations

import hashlib
import threading
import time
from pathlib import Path

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from mi_sim.config import Settings
from mi_sim.engine.persona import Persona
from mi_sim.scenarios.loader import Problem, ScenarioError, load_persona_text, read_limited
from mi_sim.services.access import SEE_EVERY_PERSONA, visible_personas
from mi_sim.services.errors import Invalid, NotFound
from mi_sim.services.records import PersonaSummary, SyncReport, UserRecord
from mi_sim.storage.db import reading, writing
from mi_sim.storage.models import PersonaRow, PersonaVersion, VersionStatus

SHIPPED = "shipped"
_PARSED_LIMIT = 256
_parsed: dict[str, Persona] = {}
_parsed_lock = threading.Lock()


def text_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def parse_persona(data: bytes | str, where: str) -> Persona:
    """`load_persona_text`, remembered by the SHA-256 of the text (personas are immutable)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    key = text_sha256(raw)
    found = _parsed.get(key)
    if found is None:
        found = load_persona_text(data, where)
        with _parsed_lock:
            if len(_parsed) >= _PARSED_LIMIT:
                _parsed.clear()
            _parsed[key] = found
    return found


LATEST_TTL = 5.0  # seconds a process trusts its idea of a persona's newest version


class Personas:
    def __init__(self, sessions: sessionmaker[Session], settings: Settings) -> None:
        self.sessions = sessions
        self.settings = settings
        self._cache: dict[int, Persona] = {}
        self._lock = threading.Lock()
        # slug -> (version id, version number, monotonic expiry): which version new sessions
        # use. Versions are immutable; a newly published one is seen within LATEST_TTL seconds
        # by other processes, at once by this one (sync clears it).
        self._latest: dict[str, tuple[int, int, float]] = {}

    def sync_shipped_personas(self, directory: Path | str | None = None) -> SyncReport:
        """Load every `*.yaml` in the scenarios directory and record what is new.

        A persona seen for the first time gets a published version 1; one whose file's
        SHA-256 differs from its latest shipped version gets the next version, published, and
        the older published versions are retired. Idempotent. Any broken file (or duplicate
        slug) raises `ScenarioError` with every problem, and nothing is changed.
        """
        files = self._read_directory(Path(directory or self.settings.scenarios_dir))
        try:
            return self._record(files)
        except IntegrityError:  # another process synced at the same moment: look again
            return self._record(files)
        finally:
            self._latest.clear()

    def _read_directory(self, root: Path) -> list[tuple[Persona, str, str]]:
        if not root.is_dir():
            raise ScenarioError([Problem(str(root), 1, "no such scenarios directory")])
        problems: list[Problem] = []
        found: dict[str, tuple[Persona, str, str]] = {}
        where: dict[str, str] = {}
        for file in sorted(root.glob("*.yaml")):
            try:
                data = read_limited(file)
                persona = parse_persona(data, str(file))
            except ScenarioError as exc:
                problems.extend(exc.problems)
                continue
            if persona.slug in found:
                problems.append(Problem(str(file), 1, f"duplicate slug '{persona.slug}' "
                                        f"(also in {where[persona.slug]})"))
                continue
            text = data.decode("utf-8").removeprefix("\ufeff")  # the loader accepted it
            found[persona.slug] = (persona, text, text_sha256(data))
            where[persona.slug] = str(file)
        if problems:
            raise ScenarioError(problems)
        return [found[slug] for slug in sorted(found)]

    def _record(self, files: list[tuple[Persona, str, str]]) -> SyncReport:
        created: list[str] = []
        updated: list[str] = []
        unchanged: list[str] = []
        with writing(self.sessions) as db:
            for persona, text, digest in files:
                row = db.scalar(select(PersonaRow).where(PersonaRow.slug == persona.slug))
                if row is None:
                    row = PersonaRow(slug=persona.slug, title=persona.title)
                    db.add(row)
                    db.flush()
                    self._add_version(db, row, 1, text, digest)
                    created.append(persona.slug)
                    continue
                latest_shipped = db.scalar(
                    select(PersonaVersion.sha256)
                    .where(PersonaVersion.persona_id == row.id,
                           PersonaVersion.source == SHIPPED)
                    .order_by(PersonaVersion.number.desc()).limit(1))
                if latest_shipped == digest:
                    unchanged.append(persona.slug)
                    continue
                number = (db.scalar(select(func.max(PersonaVersion.number))
                                    .where(PersonaVersion.persona_id == row.id)) or 0) + 1
                db.execute(update(PersonaVersion)
                           .where(PersonaVersion.persona_id == row.id,
                                  PersonaVersion.status == VersionStatus.PUBLISHED.value)
                           .values(status=VersionStatus.RETIRED.value)
                           .execution_options(synchronize_session=False))
                self._add_version(db, row, number, text, digest)
                row.title = persona.title
                updated.append(persona.slug)
        return SyncReport(tuple(created), tuple(updated), tuple(unchanged))

    @staticmethod
    def _add_version(db: Session, row: PersonaRow, number: int, text: str, digest: str) -> None:
        db.add(PersonaVersion(persona_id=row.id, number=number, yaml_text=text, sha256=digest,
                              status=VersionStatus.PUBLISHED.value, source=SHIPPED))
        db.flush()

    def persona_for_version(self, version_id: int) -> Persona:
        """The parsed persona of a stored version (parsed once per process)."""
        cached = self._cache.get(version_id)
        if cached is not None:
            return cached
        with reading(self.sessions) as db:
            row = db.get(PersonaVersion, version_id)
            if row is None:
                raise NotFound(f"no persona version {version_id}")
            text, number = row.yaml_text, row.number
            slug = db.scalar(select(PersonaRow.slug).where(PersonaRow.id == row.persona_id))
        persona = parse_persona(text, f"{slug} version {number}")
        with self._lock:
            return self._cache.setdefault(version_id, persona)

    def latest_published(self, slug: str) -> tuple[int, Persona]:
        """The newest published version of a persona: `(version_id, persona)`."""
        version_id, _number = self.latest_published_version(slug)
        return version_id, self.persona_for_version(version_id)

    def latest_published_version(self, slug: str) -> tuple[int, int]:
        """`(version_id, version number)` of the newest published version (cached briefly)."""
        cached = self._latest.get(slug)
        if cached is not None and cached[2] > time.monotonic():
            return cached[0], cached[1]
        with reading(self.sessions) as db:
            found = db.execute(
                select(PersonaVersion.id, PersonaVersion.number).join(PersonaRow)
                .where(PersonaRow.slug == slug,
                       PersonaVersion.status == VersionStatus.PUBLISHED.value)
                .order_by(PersonaVersion.number.desc()).limit(1)).first()
            if found is None:
                known = list(db.scalars(
                    select(PersonaRow.slug).join(PersonaVersion)
                    .where(PersonaVersion.status == VersionStatus.PUBLISHED.value)
                    .distinct().order_by(PersonaRow.slug)))
                raise Invalid(f"unknown scenario '{slug}'; known: "
                              f"{', '.join(known) or 'none (run mi-sim personas sync)'}")
        self._latest[slug] = (found[0], found[1], time.monotonic() + LATEST_TTL)
        return found[0], found[1]

    def forget_latest(self, slug: str | None = None) -> None:
        """Forget this process's idea of a persona's newest version (every persona's when
        `slug` is None), so the next session started here reads it from the database."""
        if slug is None:
            self._latest.clear()
        else:
            self._latest.pop(slug, None)

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
        persona cannot be told from a missing one. Staff see every persona (no query)."""
        if user.role in SEE_EVERY_PERSONA:
            return
        visible = self.visible_slugs(user)
        if slug not in visible:
            raise Invalid(f"unknown scenario '{slug}'; known: "
                          f"{', '.join(sorted(visible)) or 'none'}")

    def list_published(self, user: UserRecord | None = None) -> list[PersonaSummary]:
        """Every persona with a published version, at its newest one, ordered by title.

        With `user`, only the personas that user may see (`access.visible_personas`: personas
        limited to some cohorts are left out for trainees outside them)."""
        query = (select(PersonaVersion.id, PersonaVersion.number, PersonaRow.slug)
                 .join(PersonaRow)
                 .where(PersonaVersion.status == VersionStatus.PUBLISHED.value)
                 .order_by(PersonaRow.slug, PersonaVersion.number.desc()))
        if user is not None:
            query = query.where(visible_personas(user))
        with reading(self.sessions) as db:
            rows = db.execute(query).all()
        newest: dict[str, tuple[int, int]] = {}
        for version_id, number, slug in rows:
            newest.setdefault(slug, (version_id, number))
        out = []
        for version_id, number in newest.values():
            p = self.persona_for_version(version_id)
            out.append(PersonaSummary(
                slug=p.slug, title=p.title, summary=p.brief.summary, setting=p.brief.setting,
                good_practice_for=tuple(p.brief.good_practice_for), tips=tuple(p.brief.tips),
                levels=tuple(p.levels), default_level=p.default_level, version_id=version_id,
                version_number=number))
        return sorted(out, key=lambda s: s.title)
