"""The persona library pages (library, persona, diff, editor, preview, goldens, schema) through
the real app (TestClient, no JavaScript): errors at their lines, the draft never lost, publish
only when valid, CSRF on every POST, who may do what, import/export, visibility, goldens."""

from __future__ import annotations

import json
import re
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from scenario_helpers import edited, example_text, line_of
from web_fixtures import log_in, page_csrf

from mi_sim.scenarios.loader import MAX_BYTES
from mi_sim.scenarios.preview import MAX_PREVIEW_LINES
from mi_sim.scenarios.schema import persona_json_schema
from mi_sim.services import Services
from mi_sim.services.records import UserRecord, VersionRecord
from mi_sim.web.format_reference import STARTER_SLUG
from mi_sim.web.paths import ROOT

pytest_plugins = ("storage_fixtures", "web_fixtures")

PASSWORD = "correct horse battery"  # as in storage_fixtures
SLUG = "example-sam"
LINES = ["What brings you here today?", "It sounds like you are exhausted.", "How is work?"]
FIRST_REPLY = "Honestly? To be told what's actually wrong."  # LINES[0]'s reply at seed 3
NEW_REPLY = "Every evening, out like a light."
TEXTAREA = re.compile(r'<textarea id="yaml-text"[^>]*>\n(.*?)</textarea>', re.S)
PROBLEM = re.compile(r'<a href="#yaml-text" class="problem-link" data-line="(\d+)" '
                     r'data-severity="(\w+)">line (\d+)</a>:\s*'
                     r'<span class="problem-message">([^<]*)</span>')


@pytest.fixture
def users(services: Services) -> dict[str, UserRecord]:
    return {role: services.accounts.create_user(name, role, PASSWORD)
            for name, role in (("ina", "instructor"), ("sue", "supervisor"),
                               ("tess", "trainee"), ("ada", "admin"))}


@pytest.fixture
def published(synced: Services, users: dict[str, UserRecord]) -> VersionRecord:
    """The example persona, published as version 1 from the editor."""
    synced.library.new_draft(users["instructor"], SLUG, example_text())
    return synced.library.publish(users["instructor"], SLUG)


def sign_in(client: TestClient, name: str) -> str:
    client.cookies.clear()
    log_in(client, name, PASSWORD)
    return page_csrf(client, "/history")


def textarea(html: str) -> str:
    found = TEXTAREA.search(html)
    assert found, "the page has no editor textarea"
    return unescape(found.group(1))


def problems(html: str) -> list[tuple[int, str, str]]:
    out = []
    for line, severity, shown, message in PROBLEM.findall(html):
        assert line == shown
        out.append((int(line), severity, unescape(message)))
    return out


def stored_draft(services: Services, user: UserRecord) -> str | None:
    draft = services.library.draft(user, SLUG)
    return None if draft is None else draft.yaml_text


def save(client: TestClient, token: str, text: str, slug: str = SLUG, **extra: Any) -> Any:
    return client.post(f"/library/{slug}/edit", data={"csrf_token": token, "yaml_text": text,
                                                      **extra})


def preview(client: TestClient, token: str, slug: str = SLUG, **body: Any) -> Any:
    return client.post(f"/library/{slug}/preview", json=body,
                       headers={"X-CSRF-Token": token})


def publish_button(html: str) -> str:
    found = re.search(r'<button type="submit" id="publish-button"[^>]*>', html)
    assert found, "the editor has no Publish button"
    return found.group(0)


# --- the editor: errors at their lines, the draft never lost ---------------------------------


def test_a_saved_invalid_draft_shows_every_problem_at_its_line(
        client: TestClient, synced: Services, published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    broken = edited("  gp: Dr Okafor", "  gp: Dr Okafor\n  gp: Dr Twice")
    response = save(client, token, broken)
    assert (response.status_code, response.headers["location"]) == (
        303, f"/library/{SLUG}/edit?done=saved")
    page = client.get(response.headers["location"])
    assert page.status_code == 200 and "Draft saved." in page.text
    assert textarea(page.text) == broken
    found = problems(page.text)
    assert [(line, severity) for line, severity, _ in found] == [
        (line_of(broken, "gp: Dr Twice"), "error")]
    assert "duplicate key 'gp'" in found[0][2]
    assert "disabled" in publish_button(page.text)

    schema_error = edited("talk: neutral\n  cue: arms folded", "talk: bored\n  cue: arms folded")
    schema_error = edited("subtype: commitment", "subtype: someday", schema_error)
    page = client.get(save(client, token, schema_error).headers["location"])
    assert [(line, severity) for line, severity, _ in problems(page.text)] == sorted([
        (line_of(schema_error, "talk: bored"), "error"),
        (line_of(schema_error, "subtype: someday"), "error")])
    lint_warning = edited("subtype: reasons\n", "\n")  # change talk without a subtype
    page = client.get(save(client, token, lint_warning).headers["location"])
    warned = problems(page.text)
    assert [(line, severity) for line, severity, _ in warned] == [
        (line_of(lint_warning, "talk: change", lint_warning.index("My kids")), "warning")]
    assert "subtype" in warned[0][2]
    assert "disabled" not in publish_button(page.text)  # warnings do not block publishing
    # the preview refuses an invalid draft with its first error
    save(client, token, schema_error)
    refused = preview(client, token, lines=[], line="Hello")
    assert refused.status_code == 422
    assert f"line {line_of(schema_error, 'talk: bored')}" in refused.json()["detail"]


def test_any_text_is_saved_and_shown_back_byte_for_byte(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    weird = ("\n\tslug: example-sam\n  title: <script>alert('x')</script> & \"quotes\"\n"
             "brief: [unclosed\n  émoji 🙂 trailing spaces   \n</textarea>\n  ")
    page = client.get(save(client, token, weird).headers["location"])
    assert page.status_code == 200
    assert textarea(page.text) == weird
    assert stored_draft(synced, users["instructor"]) == weird
    assert "<script>alert" not in page.text
    assert problems(page.text), "a text that does not load lists its problems"
    # what browsers send: CRLF line ends, stored as LF
    save(client, token, "slug: example-sam\r\ntitle: x\r\n")
    assert stored_draft(synced, users["instructor"]) == "slug: example-sam\ntitle: x\n"


def test_oversize_and_non_utf8_texts_are_refused_and_the_draft_is_kept(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    kept = edited("Sam, 46", "Sam, 47")
    save(client, token, kept)
    huge = kept + "#" * (MAX_BYTES + 1 - len(kept.encode("utf-8")))

    too_big = save(client, token, huge)

    assert too_big.status_code == 422
    assert f"limited to {MAX_BYTES // 1024} KiB" in unescape(too_big.text)
    assert "Nothing was saved" in too_big.text
    assert textarea(too_big.text) == huge  # the text sent is still in the editor
    assert "not saved yet" in too_big.text or "Nothing was saved" in too_big.text
    assert stored_draft(synced, users["instructor"]) == kept

    latin1 = kept.replace("Sam, 47", "Sam, 48 café").encode("latin-1", "replace")
    not_utf8 = client.post(f"/library/{SLUG}/edit", data={"csrf_token": token,
                                                          "yaml_text": "typed text"},
                           files={"file": ("sam.yaml", latin1, "text/yaml")})
    assert not_utf8.status_code == 422
    assert "not UTF-8" in not_utf8.text and "Nothing was saved" in not_utf8.text
    assert textarea(not_utf8.text) == "typed text"
    assert stored_draft(synced, users["instructor"]) == kept

    nul = save(client, token, "slug: example-sam\x00")
    assert nul.status_code == 422 and "NUL" in nul.text
    assert stored_draft(synced, users["instructor"]) == kept

    # a UTF-8 file replaces the text
    from_file = client.post(f"/library/{SLUG}/edit", data={"csrf_token": token,
                                                           "yaml_text": "ignored"},
                            files={"file": ("sam.yaml", example_text().encode(), "text/yaml")})
    assert from_file.status_code == 303
    assert stored_draft(synced, users["instructor"]) == example_text()


DRAFT_TOKEN = re.compile(r'<input type="hidden" name="draft_updated_at" value="([^"]*)">')


def draft_token(html: str) -> str:
    found = DRAFT_TOKEN.search(html)
    assert found, "the editor form does not say which draft it shows"
    return unescape(found.group(1))


def test_a_save_from_a_draft_someone_else_saved_since_keeps_both_texts(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    synced.accounts.create_user("otto", "instructor", PASSWORD)
    token = sign_in(client, "ina")
    assert draft_token(client.get(f"/library/{SLUG}/edit").text) == "none"  # no draft yet
    save(client, token, edited("Sam, 46", "Sam, 47"))
    base = draft_token(client.get(f"/library/{SLUG}/edit").text)
    assert base == synced.library.draft(users["instructor"], SLUG).updated_at.isoformat()

    theirs, mine = edited("Sam, 46", "Sam, 48"), edited("Sam, 46", "Sam, 49 <b>")
    otto = sign_in(client, "otto")  # the same base, in another instructor's editor
    assert save(client, otto, theirs, draft_updated_at=base).status_code == 303
    token = sign_in(client, "ina")
    refused = save(client, token, mine, draft_updated_at=base)

    assert refused.status_code == 409
    stored = synced.library.draft(users["instructor"], SLUG)
    assert stored is not None and stored.yaml_text == theirs
    html = unescape(refused.text)
    assert (f"Someone else (otto) saved this draft at {stored.updated_at:%H:%M} UTC" in html
            and "nothing of theirs or yours was lost" in html)
    assert textarea(refused.text) == mine  # the text sent is still in the editor
    assert f'href="/library/{SLUG}/diff?a=1&amp;b=draft"' in refused.text
    assert f'href="/library/{SLUG}/draft.yaml"' in refused.text
    # saving again from the conflict page replaces their draft, knowingly
    assert draft_token(refused.text) == stored.updated_at.isoformat()
    again = save(client, token, mine, draft_updated_at=draft_token(refused.text))
    assert again.status_code == 303 and stored_draft(synced, users["instructor"]) == mine


def test_two_editors_opened_without_a_draft_cannot_overwrite_each_other(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    first, second = edited("Sam, 46", "Sam, 47"), edited("Sam, 46", "Sam, 48")
    assert save(client, token, first, draft_updated_at="none").status_code == 303
    refused = save(client, token, second, draft_updated_at="none")
    assert refused.status_code == 409
    assert "You saved this draft in another tab or window at" in refused.text
    assert textarea(refused.text) == second
    assert stored_draft(synced, users["instructor"]) == first
    client.post(f"/library/{SLUG}/publish", data={"csrf_token": token})
    gone = save(client, token, second, draft_updated_at=draft_token(refused.text))
    assert gone.status_code == 409 and "published or discarded" in gone.text
    assert 'id="conflict-persona"' in gone.text and textarea(gone.text) == second
    assert stored_draft(synced, users["instructor"]) is None


def test_publish_only_a_saved_draft_without_errors(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    editor = client.get(f"/library/{SLUG}/edit")
    assert textarea(editor.text) == example_text()  # no draft yet: the newest version's text
    assert "disabled" in publish_button(editor.text)
    assert client.post(f"/library/{SLUG}/publish", data={"csrf_token": token}).status_code == 404

    broken = edited(FIRST_REPLY, FIRST_REPLY + "\n      talk: sustain")
    save(client, token, broken)
    refused = client.post(f"/library/{SLUG}/publish", data={"csrf_token": token})
    assert refused.status_code == 422
    assert "cannot be published" in refused.text
    assert textarea(refused.text) == broken
    assert stored_draft(synced, users["instructor"]) == broken
    assert [v.number for v in synced.library.versions(users["instructor"], SLUG)] == [1]

    fixed = edited(FIRST_REPLY, NEW_REPLY)
    page = client.get(save(client, token, fixed).headers["location"])
    assert "disabled" not in publish_button(page.text)
    assert "loads and lints clean" in page.text
    # unsaved changes in the editor are not published, and are kept
    unsaved = client.post(f"/library/{SLUG}/publish", data={"csrf_token": token,
                                                            "yaml_text": fixed + "# more\n"})
    assert unsaved.status_code == 409 and "unsaved changes" in unsaved.text
    assert textarea(unsaved.text) == fixed + "# more\n"

    done = client.post(f"/library/{SLUG}/publish", data={"csrf_token": token,
                                                         "yaml_text": fixed})
    assert (done.status_code, done.headers["location"]) == (303,
                                                            f"/library/{SLUG}?done=published")
    assert "Published" in client.get(done.headers["location"]).text
    versions = synced.library.versions(users["instructor"], SLUG)
    assert [(v.number, v.status) for v in versions] == [(1, "retired"), (2, "published")]
    assert stored_draft(synced, users["instructor"]) is None
    assert synced.library.export_yaml(users["instructor"], SLUG) == fixed


def test_discard_the_draft_and_a_new_persona_never_published(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    save(client, token, edited("Sam, 46", "Sam, 47"))
    gone = client.post(f"/library/{SLUG}/discard", data={"csrf_token": token})
    assert gone.headers["location"] == f"/library/{SLUG}/edit?done=discarded"
    assert stored_draft(synced, users["instructor"]) is None
    assert textarea(client.get(gone.headers["location"]).text) == example_text()

    new = client.post("/library/new", data={"csrf_token": token,
                                            "yaml_text": edited(SLUG, "brand-new")})
    assert new.headers["location"] == "/library/brand-new/edit?done=created"
    client.post("/library/brand-new/discard", data={"csrf_token": token})
    assert "brand-new" not in client.get("/library").text


def test_a_new_persona_starts_from_the_example_and_keeps_the_text_when_refused(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    start = client.get("/library/new")
    assert start.status_code == 200
    starter = textarea(start.text)
    assert f"slug: {STARTER_SLUG}" in starter and "banks:" in starter
    assert "Save the draft first" in start.text

    nameless = "title: no slug here\nbrief: {}\n"
    refused = client.post("/library/new", data={"csrf_token": token, "yaml_text": nameless})
    assert refused.status_code == 422 and "give the new persona a slug" in refused.text
    assert textarea(refused.text) == nameless

    taken = client.post("/library/new", data={"csrf_token": token,
                                              "yaml_text": example_text()})
    assert taken.status_code == 409 and "already exists" in taken.text
    assert textarea(taken.text) == example_text()

    created = client.post("/library/new", data={"csrf_token": token, "yaml_text": starter})
    assert created.headers["location"] == f"/library/{STARTER_SLUG}/edit?done=created"
    page = client.get(created.headers["location"])
    assert textarea(page.text) == starter and "New persona saved as a draft" in page.text
    assert STARTER_SLUG not in {p.slug for p in synced.personas.list_published()}


# --- CSRF and roles ----------------------------------------------------------------------------

POSTS = [
    "/library/import", "/library/new", f"/library/{SLUG}/edit", f"/library/{SLUG}/publish",
    f"/library/{SLUG}/discard", f"/library/{SLUG}/retire", f"/library/{SLUG}/versions/1/restore",
    f"/library/{SLUG}/cohorts", f"/library/{SLUG}/goldens/run", f"/library/{SLUG}/goldens/delete",
    f"/library/{SLUG}/goldens", f"/library/{SLUG}/preview",
]
READ_ONLY_GETS = ["/library", f"/library/{SLUG}", f"/library/{SLUG}/diff?a=1&b=1",
                  f"/library/{SLUG}/versions/1.yaml"]
AUTHOR_GETS = ["/library/new", f"/library/{SLUG}/edit"]


def test_every_post_needs_the_csrf_token(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    sign_in(client, "ina")
    save_text = edited("Sam, 46", "Sam, 47")
    for path in POSTS:
        for token in ("", "not-the-token"):
            response = client.post(path, data={"csrf_token": token, "yaml_text": save_text,
                                               "golden_name": "g", "lines": '["Hi"]'})
            assert response.status_code == 403, path
            assert "did not come from this site" in response.text, path
    for path in (f"/library/{SLUG}/preview", f"/library/{SLUG}/goldens"):
        response = client.post(path, json={"lines": ["Hi"], "name": "g"})
        assert response.status_code == 403 and "X-CSRF-Token" in response.json()["detail"]
    assert stored_draft(synced, users["instructor"]) is None
    assert synced.library.goldens(users["instructor"], SLUG) == []
    assert synced.library.entry(users["instructor"], SLUG).status == "published"


@pytest.mark.parametrize("role", ["trainee", "supervisor", "instructor", "admin"])
def test_who_may_use_which_page(client: TestClient, synced: Services,
                                users: dict[str, UserRecord], published: VersionRecord,
                                role: str) -> None:
    token = sign_in(client, users[role].name)
    nav = client.get("/history").text
    assert ('<a href="/library">Library</a>' in nav) == (role != "trainee")
    for path in READ_ONLY_GETS:
        expected = 403 if role == "trainee" else 200
        assert client.get(path).status_code == expected, (role, path)
    for path in AUTHOR_GETS:
        expected = 200 if role in ("instructor", "admin") else 403
        assert client.get(path).status_code == expected, (role, path)
    if role in ("instructor", "admin"):
        return
    for path in POSTS:
        response = client.post(path, data={"csrf_token": token, "yaml_text": "x",
                                            "against": "published"})
        allowed = role == "supervisor" and path.endswith("/goldens/run")
        assert response.status_code == (200 if allowed else 403), (role, path)
    json_post = preview(client, token, lines=[], line="Hello")
    assert json_post.status_code == 403
    assert stored_draft(synced, users["instructor"]) is None
    assert synced.library.entry(users["instructor"], SLUG).status == "published"
    if role == "supervisor":
        page = client.get(f"/library/{SLUG}").text
        assert "Run all goldens" not in page  # no goldens yet
        assert "/retire" not in page and "Save visibility" not in page and ">Edit<" not in page
        assert "New persona" not in client.get("/library").text


def test_a_visitor_is_sent_to_login_but_the_schema_is_public(
        client: TestClient, synced: Services, published: VersionRecord) -> None:
    response = client.get("/library")
    assert response.status_code == 303 and response.headers["location"].startswith("/login")
    schema = client.get("/schema/persona.json")
    assert schema.status_code == 200
    assert schema.headers["content-type"].startswith("application/schema+json")
    assert schema.json() == persona_json_schema()
    assert "max-age" in schema.headers["cache-control"]
    assert "public" in schema.headers["cache-control"]
    again = client.get("/schema/persona.json", headers={"If-None-Match": schema.headers["etag"]})
    assert again.status_code == 304 and not again.content


def test_the_schema_url_is_documented() -> None:
    for name in ("scenarios/FORMAT.md", "README.md"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert "/schema/persona.json" in text, name
        assert "yaml-language-server" in text, name


# --- library, persona page, versions, diff, import/export --------------------------------------


def test_the_library_lists_versions_visibility_usage_goldens_and_drafts(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    instructor = users["instructor"]
    session = synced.practice.start_session(users["trainee"], SLUG, seed=3)
    synced.practice.post_turn(users["trainee"], session.id, LINES[0])
    synced.library.save_draft(instructor, SLUG, edited(FIRST_REPLY, NEW_REPLY))
    synced.library.publish(instructor, SLUG)
    synced.library.save_draft(instructor, SLUG, edited("Sam, 46", "Sam, 47"))
    synced.library.record_golden(instructor, SLUG, "first", "standard", 3, LINES)
    sign_in(client, "ina")
    page = client.get("/library").text
    row = re.search(rf'<tr id="persona-{SLUG}">(.*?)</tr>', page, re.S)
    assert row
    cells = row.group(1)
    assert "v1 retired" in cells and "v2 published" in cells and ">draft<" in cells
    assert "everyone" in cells
    assert "<strong>1</strong>" in cells and "v1: 1, v2: 0" in cells
    assert re.search(r'<td class="num">1</td>', cells)  # one golden
    assert 'id="persona-panic-disorder"' in page and "New persona" in page and "Import YAML" in page

    persona = client.get(f"/library/{SLUG}").text
    for number, status, sessions in ((1, "retired", 1), (2, "published", 0)):
        version = re.search(rf'<tr id="version-{number}">(.*?)</tr>', persona, re.S)
        assert version and status in version.group(1)
        assert f'<td class="num">{sessions}</td>' in version.group(1)
        assert f"/library/{SLUG}/versions/{number}.yaml" in version.group(1)
    assert f'href="/library/{SLUG}/diff?a=1&amp;b=2"' in persona
    assert f'href="/library/{SLUG}/coverage"' in persona
    assert f'href="/library/{SLUG}/edit"' in persona


def test_export_and_import_round_trip_through_the_pages(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    exported = client.get(f"/library/{SLUG}/versions/1.yaml")
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/yaml")
    assert exported.headers["content-disposition"] == (
        f'attachment; filename="{SLUG}-v1.yaml"')
    assert exported.content == example_text().encode("utf-8")
    assert client.get(f"/library/{SLUG}/versions/7.yaml").status_code == 404

    changed = exported.text.replace(FIRST_REPLY, NEW_REPLY).encode("utf-8")
    as_draft = client.post("/library/import", data={"csrf_token": token},
                           files={"file": ("sam.yaml", changed, "text/yaml")})
    assert as_draft.headers["location"] == f"/library/{SLUG}/edit?done=imported"
    editor = client.get(as_draft.headers["location"])
    assert "Imported as a draft" in editor.text and textarea(editor.text) == changed.decode()
    assert client.get(f"/library/{SLUG}/draft.yaml").content == changed

    other = exported.text.replace("Sam, 46", "Sam, 49").encode("utf-8")
    conflict = client.post("/library/import", data={"csrf_token": token},
                           files={"file": ("sam.yaml", other, "text/yaml")})
    assert conflict.status_code == 409 and "already has a draft" in conflict.text
    assert client.get(f"/library/{SLUG}/draft.yaml").content == changed  # kept
    replaced = client.post("/library/import", data={"csrf_token": token, "replace": "1"},
                           files={"file": ("sam.yaml", other, "text/yaml")})
    assert replaced.status_code == 303
    assert client.get(f"/library/{SLUG}/draft.yaml").content == other
    published_now = client.post("/library/import", data={"csrf_token": token, "publish": "1"},
                                files={"file": ("sam.yaml", other, "text/yaml")})
    assert published_now.headers["location"] == f"/library/{SLUG}?done=imported"
    assert client.get(f"/library/{SLUG}/versions/2.yaml").content == other

    broken = example_text().replace("talk: neutral", "talk: bored", 1).replace(
        SLUG, "imported-one").encode("utf-8")
    imported = client.post("/library/import", data={"csrf_token": token, "publish": "1"},
                           files={"file": ("one.yaml", broken, "text/yaml")})
    assert imported.headers["location"] == "/library/imported-one/edit?done=imported"
    shown = problems(client.get(imported.headers["location"]).text)
    assert [(line, severity) for line, severity, _ in shown] == [
        (line_of(broken.decode(), "talk: bored"), "error")]

    for data, message in ((b"slug: x-y\n\xff\xfe", "not UTF-8"),
                          (b"title: nameless\n", "cannot tell which persona"),
                          (b"#" * (MAX_BYTES + 1), "limited to")):
        refused = client.post("/library/import", data={"csrf_token": token},
                              files={"file": ("bad.yaml", data, "text/yaml")})
        assert refused.status_code == 422 and message in unescape(refused.text)
    nothing = client.post("/library/import", data={"csrf_token": token})
    assert nothing.status_code == 422 and "Choose a persona file" in nothing.text
    assert {e.slug for e in synced.library.library(users["instructor"])} >= {
        SLUG, "imported-one"}
    assert "x-y" not in {e.slug for e in synced.library.library(users["instructor"])}


def test_the_diff_page_colours_added_and_removed_lines(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    save(client, token, edited(FIRST_REPLY, NEW_REPLY))
    page = client.get(f"/library/{SLUG}/diff?a=1&b=draft")
    assert page.status_code == 200
    assert f'<span class="d-del">-      - text: {FIRST_REPLY}</span>' in unescape(page.text)
    assert f'<span class="d-add">+      - text: {NEW_REPLY}</span>' in page.text
    assert '<span class="d-hunk">@@' in page.text
    default = client.get(f"/library/{SLUG}/diff")  # newest version against the draft
    assert f'<span class="d-add">+      - text: {NEW_REPLY}</span>' in default.text
    same = client.get(f"/library/{SLUG}/diff?a=1&b=published")
    assert "The two texts are the same" in same.text
    bad = client.get(f"/library/{SLUG}/diff?a=latest&b=1")
    assert bad.status_code == 422 and "must be a version number" in bad.text
    missing = client.get(f"/library/{SLUG}/diff?a=1&b=9")
    assert missing.status_code == 422 and "no version 9" in missing.text


def test_retire_and_restore_from_the_persona_page(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    page = client.get(f"/library/{SLUG}").text
    assert 'data-confirm="Retire version 1?' in page
    retired = client.post(f"/library/{SLUG}/retire", data={"csrf_token": token})
    assert retired.headers["location"] == f"/library/{SLUG}?done=retired"
    assert SLUG not in {p.slug for p in synced.personas.list_published()}
    again = client.post(f"/library/{SLUG}/retire", data={"csrf_token": token})
    assert again.status_code == 409 and "no published version" in again.text
    restored = client.post(f"/library/{SLUG}/versions/1/restore", data={"csrf_token": token})
    assert restored.headers["location"] == f"/library/{SLUG}?done=restored"
    versions = synced.library.versions(users["instructor"], SLUG)
    assert [(v.number, v.status, v.source) for v in versions] == [
        (1, "retired", "editor"), (2, "published", "restore")]


def test_the_visibility_form_limits_a_persona_to_cohorts(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    mine = synced.cohorts.create_cohort("Spring 2026")
    other = synced.cohorts.create_cohort("Autumn 2026")
    synced.cohorts.add_member("Spring 2026", "tess")
    token = sign_in(client, "ina")
    page = client.get(f"/library/{SLUG}").text
    assert f'name="cohort" value="{mine.id}"' in page and "Everyone (no cohort limit)" in page

    done = client.post(f"/library/{SLUG}/cohorts", data={"csrf_token": token,
                                                         "cohort": [str(other.id)]})
    assert done.headers["location"] == f"/library/{SLUG}?done=cohorts#visibility"
    page = client.get(f"/library/{SLUG}").text
    assert "Members of: <strong>Autumn 2026</strong>" in page
    assert re.search(rf'value="{other.id}" checked', page)
    assert "Autumn 2026" in client.get("/library").text
    assert SLUG not in {p.slug for p in synced.personas.list_published(users["trainee"])}

    client.post(f"/library/{SLUG}/cohorts", data={"csrf_token": token,
                                                  "cohort": [str(mine.id), str(other.id)]})
    assert SLUG in {p.slug for p in synced.personas.list_published(users["trainee"])}
    client.post(f"/library/{SLUG}/cohorts", data={"csrf_token": token})
    assert "Everyone (no cohort limit)" in client.get(f"/library/{SLUG}").text
    unknown = client.post(f"/library/{SLUG}/cohorts", data={"csrf_token": token,
                                                            "cohort": ["99999"]})
    assert unknown.status_code == 404 and "no cohort with id 99999" in unknown.text
    garbled = client.post(f"/library/{SLUG}/cohorts", data={"csrf_token": token,
                                                            "cohort": ["x"]})
    assert garbled.status_code == 422


# --- preview and goldens -----------------------------------------------------------------------


def test_the_preview_replays_lines_with_the_trace(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    first = preview(client, token, lines=LINES[:2], line=LINES[2], level="standard", seed=3)
    assert first.status_code == 200
    data = first.json()
    assert (data["against"], data["version"], data["level"], data["seed"]) == (
        "version 1", 1, "standard", 3)
    assert data["lines"] == LINES and not data["ended"]
    assert data["opening"]["text"].startswith("I don't really know why I'm here")
    assert set(data["opening"]["state"]) >= {"rapport", "discord", "readiness"}
    turns = data["turns"]
    assert [t["turn"] for t in turns] == [1, 2, 3]
    assert turns[0]["patient"] == FIRST_REPLY
    for turn in turns:
        assert set(turn["state"]) >= {"rapport", "discord", "readiness", "importance",
                                      "confidence", "mistrust", "band", "affects"}
        trace = turn["trace"]
        assert trace["rule"] and trace["code_rule"] and trace["source"] and trace["reply_id"]
        assert {"changes", "event", "move", "why", "wanted_talk"} <= set(trace)
        assert {"disclosed", "values_found", "good_turns"} <= set(turn["inner"])
    assert preview(client, token, lines=LINES, level="standard", seed=3).json() == data
    assert preview(client, token, lines=[], seed="3").json()["turns"] == []

    # the preview plays the saved draft once there is one
    save(client, token, edited(FIRST_REPLY, NEW_REPLY))
    draft = preview(client, token, lines=[], line=LINES[0], seed=3).json()
    assert (draft["against"], draft["version"]) == ("the draft", None)
    assert draft["turns"][0]["patient"] == NEW_REPLY

    for body, message in (
            ({"lines": ["Hi"] * MAX_PREVIEW_LINES, "line": "one more"}, "at most"),
            ({"lines": [], "line": "x" * 2001}, "the limit is 2000"),
            ({"lines": ["  "]}, "line 1 of the preview: the line is empty"),
            ({"lines": "Hi"}, "must be a list"),
            ({"lines": [], "level": "expert"}, "no level 'expert'"),
            ({"lines": [], "seed": "soon"}, "whole number")):
        refused = preview(client, token, **body)
        assert refused.status_code == 422, body
        assert message in refused.json()["detail"], body
    assert client.post(f"/library/{SLUG}/preview", content=b"[1]",
                       headers={"X-CSRF-Token": token,
                                "content-type": "application/json"}).status_code == 400
    assert preview(client, token, slug="no-such", lines=[]).status_code == 404


def test_the_preview_without_javascript_keeps_the_lines_and_the_text(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    unsaved = example_text() + "# not saved yet\n"
    page = client.post(f"/library/{SLUG}/preview", data={
        "csrf_token": token, "yaml_text": unsaved, "lines": json.dumps(LINES[:1]),
        "line": LINES[1], "level": "standard", "seed": "3"})
    assert page.status_code == 200
    assert textarea(page.text) == unsaved and "not saved yet" in page.text
    assert FIRST_REPLY in unescape(page.text)
    assert 'id="pv-turn-2"' in page.text and 'class="trace-rule"' in page.text
    assert 'class="trace-source"' in page.text and 'class="trace-reply"' in page.text
    kept = re.search(r'id="preview-lines" value="([^"]*)"', page.text)
    assert kept and json.loads(unescape(kept.group(1))) == LINES[:2]

    restart = client.post(f"/library/{SLUG}/preview", data={
        "csrf_token": token, "lines": json.dumps(LINES), "restart": "1", "seed": "3"})
    assert 'id="pv-turn-1"' not in restart.text and "pv-opening" in restart.text
    garbled = client.post(f"/library/{SLUG}/preview", data={
        "csrf_token": token, "lines": "[not json", "seed": "3"})
    assert garbled.status_code == 422 and "garbled" in garbled.text

    golden = client.post(f"/library/{SLUG}/goldens", data={
        "csrf_token": token, "yaml_text": unsaved, "lines": json.dumps(LINES),
        "line": "typed but not sent", "level": "standard", "seed": "3",
        "golden_name": "no script"})
    assert golden.status_code == 200 and "Saved the golden" in golden.text
    assert textarea(golden.text) == unsaved
    saved = synced.library.goldens(users["instructor"], SLUG)
    assert [(g.name, g.lines, g.seed, g.version_number) for g in saved] == [
        ("no script", tuple(LINES), 3, 1)]


def test_a_golden_saved_from_the_preview_fails_with_a_diff_after_the_persona_changes(
        client: TestClient, synced: Services, users: dict[str, UserRecord],
        published: VersionRecord) -> None:
    token = sign_in(client, "ina")
    saved = client.post(f"/library/{SLUG}/goldens", json={
        "name": "first visit", "lines": LINES, "level": "standard", "seed": 3},
        headers={"X-CSRF-Token": token})
    assert saved.status_code == 201 and saved.json()["turns"] == 3
    again = client.post(f"/library/{SLUG}/goldens", json={
        "name": "first visit", "lines": LINES, "seed": 3}, headers={"X-CSRF-Token": token})
    assert again.status_code == 409 and "already has a golden" in again.json()["detail"]
    empty = client.post(f"/library/{SLUG}/goldens", json={"name": "x", "lines": []},
                        headers={"X-CSRF-Token": token})
    assert empty.status_code == 422 and "talk to the patient first" in empty.json()["detail"]

    passed = client.post(f"/library/{SLUG}/goldens/run", data={"csrf_token": token,
                                                               "against": "published"})
    assert passed.status_code == 200
    assert "1 passed, 0 failed" in passed.text and ">PASS<" in passed.text

    save(client, token, edited(FIRST_REPLY, NEW_REPLY))
    failed = client.post(f"/library/{SLUG}/goldens/run", data={"csrf_token": token,
                                                               "against": "draft"})
    assert "0 passed, 1 failed" in failed.text and ">FAIL<" in failed.text
    html = unescape(failed.text)
    assert '<span class="d-head">turn 1 patient:</span>' in html
    assert f'<span class="d-del">  - {FIRST_REPLY}</span>' in html
    assert f'<span class="d-add">  + {NEW_REPLY}</span>' in html

    sign_in(client, "sue")  # supervisors may run goldens too, but not delete them
    sue = page_csrf(client, f"/library/{SLUG}")
    assert ">FAIL<" in client.post(f"/library/{SLUG}/goldens/run",
                                   data={"csrf_token": sue, "against": "draft"}).text
    assert client.post(f"/library/{SLUG}/goldens/delete",
                       data={"csrf_token": sue, "name": "first visit"}).status_code == 403
    token = sign_in(client, "ina")
    deleted = client.post(f"/library/{SLUG}/goldens/delete",
                          data={"csrf_token": token, "name": "first visit"})
    assert deleted.headers["location"] == f"/library/{SLUG}?done=golden-deleted#goldens"
    assert synced.library.goldens(users["instructor"], SLUG) == []
    missing = client.post(f"/library/{SLUG}/goldens/delete",
                          data={"csrf_token": token, "name": "first visit"})
    assert missing.status_code == 404
