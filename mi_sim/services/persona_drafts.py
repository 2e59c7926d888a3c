"""A persona's working draft: starting a persona, saving its text (valid or not, refused only
when a save started from a draft that changed since), reading it with its problems and
discarding it. The rules are in `mi_sim.services.library` ("Drafts").
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mi_sim.engine.persona import Persona
from mi_sim.scenarios.loader import Problem
from mi_sim.services.errors import Conflict, Invalid, NotFound
from mi_sim.services.library_base import LibraryBase, author_id
from mi_sim.services.persona_text import (
    checked_slug,
    checked_text,
    draft_where,
    examine,
    examined_draft,
    identify,
)
from mi_sim.services.records import DraftRecord, UserRecord
from mi_sim.storage.db import reading, writing
from mi_sim.storage.models import PersonaDraft, PersonaRow, PersonaVersion, User, utcnow

NO_DRAFT: Literal["none"] = "none"
"""`save_draft(expected_updated_at=NO_DRAFT)`: the editor showed no draft (a version's text)."""
DraftBase = datetime | Literal["none"] | None
"""The draft a save started from: its `updated_at`, `NO_DRAFT`, or None (do not check)."""


class PersonaDrafts(LibraryBase):
    """The draft use cases of `Library`."""

    def new_draft(self, user: UserRecord, slug: str, yaml_text: str | bytes) -> DraftRecord:
        """Start a new persona called `slug` with this text as its draft (saved even when it
        does not load). `Conflict` when the slug is taken."""
        self._author(user)
        slug = checked_slug(slug)
        text = checked_text(yaml_text)
        return self._save(user, slug, text, examine(text, draft_where(slug), slug),
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
            return self._save(user, found, text, examine(text, draft_where(found), found),
                              create=True)
        slug = checked_slug(slug)
        return self._save(user, slug, text, examine(text, draft_where(slug), slug),
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
            draft.updated_by_id = author_id(user)
            if newest is None and title:
                row.title = title  # never published: the library shows the draft's title
            db.flush()
            base = (None if draft.base_version_id is None else db.scalar(
                select(PersonaVersion.number)
                .where(PersonaVersion.id == draft.base_version_id)))
            return DraftRecord(slug, row.title, text, problems, draft.updated_at,
                               user.name if author_id(user) else None, base)

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
        if draft.updated_by_id is not None and draft.updated_by_id == author_id(user):
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
