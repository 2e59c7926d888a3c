"""An instructor edits a persona in Debian's headless Chromium — saves an error, sees it at its
line and jumps there, fixes it, talks to the draft in the preview, keeps the talk as a golden,
publishes — and a trainee then practises with the new version.

Screenshots land in test-artifacts/ (git-ignored): editor-error.png, editor-preview.png and
library-persona.png (docs/editor.png is a copy of the first, made by hand: a test run never
writes to tracked files).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from browser_fixtures import LiveServer
from scenario_helpers import edited, example_text, line_of

pytest_plugins = ("storage_fixtures", "browser_fixtures")

PASSWORD = "correct horse battery"  # as in storage_fixtures
SLUG = "example-sam"
TITLE = "Sam, 46 — tired all the time"
OLD_OPENING = "I don't really know why I'm here. {gp} said I should come."
NEW_OPENING = "Look, I'm only here because {gp} keeps going on about it."

CARET_LINE = """() => { const box = document.getElementById('yaml-text');
    return box.value.slice(0, box.selectionStart).split('\\n').length; }"""
FOCUSED = "() => document.activeElement && document.activeElement.id"
LEAVING_IS_GUARDED = """() => { const e = new Event('beforeunload', {cancelable: true});
    window.dispatchEvent(e); return e.defaultPrevented; }"""


def sign_in(page: Any, base: str, name: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state()
    assert "/login" not in page.url


def test_an_instructor_edits_previews_and_publishes_and_a_trainee_practises_it(
        page: Any, live_server: LiveServer, artifacts: Path) -> None:
    services, base = live_server.services, live_server.url
    instructor = services.accounts.create_user("ina", "instructor", PASSWORD)
    trainee = services.accounts.create_user("tess", "trainee", PASSWORD)
    services.library.new_draft(instructor, SLUG, example_text())
    services.library.publish(instructor, SLUG)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    sign_in(page, base, "ina")
    page.get_by_role("link", name="Library", exact=True).click()
    page.wait_for_url(f"{base}/library")
    page.get_by_role("link", name=f"Edit {TITLE}").click()
    page.wait_for_url(f"{base}/library/{SLUG}/edit")
    box = page.get_by_label("Persona YAML")
    assert box.input_value() == example_text()
    assert page.locator("#gutter .gl").count() == example_text().count("\n") + 1

    # an error (and a new opening line) saved as a draft
    broken = edited("talk: neutral\n  cue: arms folded", "talk: bored\n  cue: arms folded",
                    edited(OLD_OPENING, NEW_OPENING))
    error_line = line_of(broken, "talk: bored")
    box.fill(broken)
    assert page.evaluate(LEAVING_IS_GUARDED), "unsaved text must warn before leaving"
    assert page.get_by_role("button", name="Publish").is_disabled()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(f"{base}/library/{SLUG}/edit?done=saved")
    assert not page.evaluate(LEAVING_IS_GUARDED)
    assert page.get_by_label("Persona YAML").input_value() == broken
    problem = page.locator(".problem-link").first
    assert problem.inner_text() == f"line {error_line}"
    assert "talk" in page.locator(".problem-message").first.inner_text()
    assert "error" in (page.locator("#gutter .gl").nth(error_line - 1).get_attribute("class")
                       or "")
    assert page.get_by_role("button", name="Publish").is_disabled()
    # the preview refuses the invalid draft and names its first error
    page.get_by_role("tab", name="Preview").click()
    assert f"line {error_line}" in page.locator("#preview-error").inner_text()

    problem.click()
    assert page.evaluate(FOCUSED) == "yaml-text"
    assert page.evaluate(CARET_LINE) == error_line
    assert page.locator("#editor-position").inner_text() == f"Line {error_line}, column 1"
    page.evaluate("() => window.scrollTo(0, 0)")
    page.wait_for_timeout(1300)  # the jumped-to line's highlight fades to its error mark
    page.screenshot(path=str(artifacts / "editor-error.png"))

    # fixed, with the keyboard on the error line, and saved
    page.keyboard.type("talk: neutral")  # replaces the selected line's text
    fixed = edited(OLD_OPENING, NEW_OPENING)
    assert page.get_by_label("Persona YAML").input_value() == fixed.replace(
        "  talk: neutral\n  cue: arms", "talk: neutral\n  cue: arms", 1)
    page.get_by_label("Persona YAML").fill(fixed)
    with page.expect_navigation(url=f"{base}/library/{SLUG}/edit?done=saved"):
        page.keyboard.press("Control+s")
    assert page.locator(".problem-link").count() == 0
    assert "lints clean" in page.locator("#problems").inner_text()
    assert page.get_by_role("button", name="Publish").is_enabled()

    # the preview talks to the draft and shows the trace
    page.get_by_role("tab", name="Preview").click()
    opening = NEW_OPENING.replace("{gp}", "Dr Okafor")
    page.locator(".pv-opening").wait_for()
    assert opening in page.locator(".pv-opening").inner_text()
    page.get_by_label("Seed").fill("3")
    line = page.get_by_label("Your line to the patient")
    line.fill("What brings you here today?")
    line.press("Enter")
    turn = page.locator("#pv-turn-1")
    turn.wait_for()
    assert "Honestly? To be told what's actually wrong." in turn.inner_text()
    assert page.evaluate(FOCUSED) == "preview-line" and line.input_value() == ""
    assert turn.locator("details.trace").get_attribute("open") is not None
    assert turn.locator(".trace-rule").inner_text().strip()
    assert turn.locator(".trace-source").inner_text().strip()
    assert turn.locator(".trace-reply").inner_text().strip()
    assert "rapport" in turn.locator(".state-stats").inner_text()
    line.fill("It sounds like you are exhausted.")
    page.get_by_role("button", name="Send").click()
    page.locator("#pv-turn-2").wait_for()
    assert page.locator("#preview-heading").inner_text() == "Preview: talk to the draft"
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts / "editor-preview.png"))

    page.get_by_label("Name of the golden").fill("first visit")
    page.get_by_role("button", name="Save as golden").click()
    page.wait_for_function(
        "() => document.getElementById('golden-status').textContent.includes('Saved')")
    [golden] = services.library.goldens(instructor, SLUG)
    assert (golden.name, golden.seed, len(golden.lines)) == ("first visit", 3, 2)

    # publish (the confirm-free button), then the persona page shows version 2
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url(f"{base}/library/{SLUG}?done=published")
    version = page.locator("#version-2")
    assert "published" in version.inner_text()
    assert "retired" in page.locator("#version-1").inner_text()
    page.get_by_role("button", name="Run all goldens").click()
    page.wait_for_url(re.compile(r"/goldens/run"))
    assert "1 passed, 0 failed" in page.locator("#golden-results").inner_text()
    page.screenshot(path=str(artifacts / "library-persona.png"), full_page=True)

    # a trainee starts a session: the new version, with the new opening line
    sign_in(page, base, "tess")
    page.goto(f"{base}/personas")
    card = page.locator(f"#persona-{SLUG}")
    card.get_by_role("button", name=f"Start a session with {TITLE}").click()
    page.wait_for_url(re.compile(r"/sessions/[\w-]+$"))
    assert opening in page.locator("#turn-0").inner_text()
    session_id = page.url.rsplit("/", 1)[1]
    detail = services.practice.get_session(trainee, session_id)
    assert (detail.session.scenario, detail.session.persona_version) == (SLUG, 2)
    assert errors == []
