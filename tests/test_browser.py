"""The whole journey in Debian's headless Chromium: the first admin, a trainee, a conversation
typed with the keyboard, the report and the history; labels, Enter to send, visible focus.

Screenshots land in test-artifacts/ (git-ignored): conversation.png and report.png.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from browser_fixtures import VIEWPORT, LiveServer
from storage_fixtures import PASSWORD

pytest_plugins = ("storage_fixtures", "browser_fixtures")

PERSONA = "Lena, 23 — panic attacks"
LINES = [
    "Do you drink coffee?",
    "Do you smoke?",
    "It's just anxiety, it's all in your head.",
    "It sounds like you're worried nobody is taking this seriously.",
    "You need to stop avoiding buses and face it.",
    "You've kept going to college through all of this, and that takes real strength.",
    "What would you like to be different?",
]
# Every control a person can fill in must have an accessible name from a label.
UNLABELLED = """() => Array.from(document.querySelectorAll(
    'input:not([type=hidden]), select, textarea')).filter(el =>
    !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
    && !el.getAttribute('aria-labelledby')).map(el => el.outerHTML.slice(0, 120))"""
FOCUSED = "() => document.activeElement && document.activeElement.id"
OUTLINE = """() => { const s = getComputedStyle(document.activeElement);
    return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"""


def assert_labelled(page: Any) -> None:
    assert page.evaluate(UNLABELLED) == [], f"unlabelled controls on {page.url}"


def assert_focus_visible(page: Any) -> None:
    style, width = page.evaluate(OUTLINE)
    assert style != "none" and width >= 2, (page.url, style, width)


def full_page_shot(page: Any, path: Path) -> None:
    """The whole page as a window that tall would show it (the reply box is sticky, which a
    stitched full-page capture draws mid-page)."""
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    page.screenshot(path=str(path))
    page.set_viewport_size(VIEWPORT)


def sign_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_url(f"{base}/personas")


def create_trainee_through_the_admin_pages(page: Any, base: str) -> None:
    page.goto(f"{base}/setup")
    assert_labelled(page)
    page.get_by_label("Your user name").fill("ada")
    page.get_by_label("Password (at least 8 characters)").fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    page.get_by_role("button", name="Create the admin account").click()
    page.wait_for_url(re.compile(r"/admin/users"))
    assert_labelled(page)
    form = page.locator("form[action='/admin/users']")
    form.get_by_label("User name").fill("tess")
    form.get_by_label("Role").select_option("trainee")
    form.get_by_label("Initial password").fill(PASSWORD)
    form.get_by_label("The same password again").fill(PASSWORD)
    form.get_by_role("button", name="Add the user").click()
    page.locator("#user-tess").wait_for()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r"/login"))


def start_session(page: Any, coach: bool = True) -> str:
    card = page.locator("#persona-panic-disorder")
    assert card.get_by_label("Difficulty").input_value() == "standard"  # the default
    if coach:
        card.get_by_label("Coach mode").check()
    card.get_by_role("button", name=f"Start a session with {PERSONA}").click()
    page.wait_for_url(re.compile(r"/sessions/[\w-]+(\?coach=1)?$"))
    return str(page.url)


def type_and_send(page: Any, line: str, number: int) -> None:
    """Type a line with the keyboard, send it with Enter, and wait for the patient's reply."""
    page.keyboard.type(line)
    page.keyboard.press("Enter")
    turn = page.locator(f"#turn-{number}")
    turn.wait_for()
    assert turn.locator(".line.clinician .said").inner_text() == line
    assert turn.locator(".line.patient .said").inner_text().strip()
    assert page.evaluate(FOCUSED) == "say-text"
    assert page.get_by_label("Your reply").input_value() == ""


def test_the_whole_journey(page: Any, live_server: LiveServer, artifacts: Path) -> None:
    base = live_server.url
    page.goto(base)
    page.wait_for_url(f"{base}/setup")
    create_trainee_through_the_admin_pages(page, base)

    sign_in(page, base, "tess")
    assert_labelled(page)
    assert page.locator("li.persona").count() == 5
    url = start_session(page)
    assert url.endswith("?coach=1")

    # The reply box has the focus from the start; Shift+Enter is a new line, Enter sends.
    assert page.evaluate(FOCUSED) == "say-text"
    assert_labelled(page)
    assert_focus_visible(page)
    page.keyboard.type("Thanks for coming in today.")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("What would you like us to talk about?")
    assert page.get_by_label("Your reply").input_value() == (
        "Thanks for coming in today.\nWhat would you like us to talk about?")
    page.keyboard.press("Enter")
    page.locator("#turn-1").wait_for()
    assert page.evaluate(FOCUSED) == "say-text"
    for number, line in enumerate(LINES, start=2):
        type_and_send(page, line, number)
    assert page.url == url  # the page never reloaded: every turn went through the API
    assert page.locator("#turn-3 .tag.code").inner_text() == "question closed"  # coach mode
    assert page.locator("#turn-1 .line.patient .said").count() == 1

    # The send button is reachable with the keyboard and shows its focus.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "say-send"
    assert_focus_visible(page)
    full_page_shot(page, artifacts / "conversation.png")

    # A reload shows the same transcript from the server.
    page.reload()
    assert page.locator("#transcript > li.turn").count() == len(LINES) + 2  # opening + turns

    page.get_by_role("button", name="End session").click()
    page.wait_for_url(re.compile(r"/report$"))
    assert_labelled(page)
    chart = page.locator("figure.chart svg")
    assert chart.count() == 1
    points = page.locator("figure.chart svg a[data-turn]")
    assert points.count() == len(LINES) + 2
    assert page.locator("ol.moments > li.moment").count() == 3
    assert page.locator("ol.moments .alternative").count() == 3
    assert page.get_by_role("heading", name="Your MITI summary scores").is_visible()
    page.screenshot(path=str(artifacts / "report.png"), full_page=True)

    # Each point of the chart links to its line in the transcript.
    page.locator("figure.chart svg a[data-turn='3'] circle").first.click()
    page.wait_for_url(re.compile(r"#turn-3$"))
    assert page.locator("#turn-3").is_visible()

    page.goto(f"{base}/history")
    assert_labelled(page)
    assert page.locator("table.history tbody tr").count() == 1
    assert page.locator("figure.chart svg a[data-session]").count() == 1


def signed_in_trainee(page: Any, live_server: LiveServer) -> None:
    live_server.services.accounts.create_user("tess", "trainee", PASSWORD)
    sign_in(page, live_server.url, "tess")


def stored_turns(live_server: LiveServer, url: str) -> int:
    session_id = url.split("/sessions/")[1].split("?")[0].split("#")[0]
    user = live_server.services.accounts.get_user("tess")
    return live_server.services.practice.get_session(user, session_id).session.turn_count


def test_a_failed_request_is_retried_with_the_same_client_turn_id(
        page: Any, live_server: LiveServer) -> None:
    signed_in_trainee(page, live_server)
    url = start_session(page, coach=False)
    bodies: list[dict[str, Any]] = []
    failures = {"count": 0}

    def flaky(route: Any) -> None:
        bodies.append(json.loads(route.request.post_data or "{}"))
        failures["count"] += 1
        if failures["count"] == 1:
            route.abort("connectionreset")
        elif failures["count"] == 2:
            route.fulfill(status=503, body='{"detail": "busy"}',
                          headers={"content-type": "application/json"})
        else:
            route.continue_()

    page.route("**/api/v1/sessions/*/turns", flaky)
    page.get_by_label("Your reply").fill("What brings you here today?")
    page.keyboard.press("Enter")
    page.locator("#turn-1").wait_for()
    assert len(bodies) == 3
    assert len({body["client_turn_id"] for body in bodies}) == 1
    assert stored_turns(live_server, url) == 1


def test_when_the_server_stays_away_the_text_is_kept_with_a_message(
        page: Any, live_server: LiveServer) -> None:
    signed_in_trainee(page, live_server)
    url = start_session(page, coach=False)
    page.route("**/api/v1/sessions/*/turns", lambda route: route.abort("connectionrefused"))
    page.get_by_label("Your reply").fill("What brings you here today?")
    page.keyboard.press("Enter")
    page.locator("#say-error:not([hidden])").wait_for(timeout=15_000)
    assert "Your text is kept" in page.locator("#say-error").inner_text()
    assert page.get_by_label("Your reply").input_value() == "What brings you here today?"
    assert page.get_by_role("button", name="Send").is_enabled()
    assert stored_turns(live_server, url) == 0


def test_a_double_click_on_send_stores_one_turn(page: Any, live_server: LiveServer) -> None:
    signed_in_trainee(page, live_server)
    url = start_session(page, coach=False)
    page.get_by_label("Your reply").fill("What brings you here today?")
    page.get_by_role("button", name="Send").dblclick()
    page.locator("#turn-1").wait_for()
    page.wait_for_load_state("networkidle")
    assert page.locator("#transcript > li.turn").count() == 2
    assert stored_turns(live_server, url) == 1


def test_a_blank_line_shows_a_message_and_sends_nothing(page: Any,
                                                        live_server: LiveServer) -> None:
    signed_in_trainee(page, live_server)
    url = start_session(page, coach=False)
    page.get_by_label("Your reply").fill("   ")
    page.keyboard.press("Enter")
    assert "empty" in page.locator("#say-error").inner_text()
    assert stored_turns(live_server, url) == 0


def test_the_plain_form_works_without_javascript(browser: Any,
                                                 live_server: LiveServer) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1000,
                                                                       "height": 800})
    try:
        page = context.new_page()
        signed_in_trainee(page, live_server)
        url = start_session(page, coach=True)
        page.get_by_label("Your reply").fill("What brings you here today?")
        page.get_by_role("button", name="Send").click()
        page.wait_for_url(re.compile(r"\?coach=1#turn-1$"))
        assert page.locator("#turn-1 .tag.code").count() == 1
        # The box itself stops at 2000 characters; a blank line gets the server's message.
        page.get_by_label("Your reply").fill("x" * 2500)
        assert len(page.get_by_label("Your reply").input_value()) == 2000
        page.get_by_label("Your reply").fill("   ")
        page.get_by_role("button", name="Send").click()
        assert "empty" in page.locator("#say-error").inner_text()
        assert page.get_by_label("Your reply").input_value() == "   "
        assert stored_turns(live_server, url) == 1
        page.get_by_role("button", name="End session").click()
        page.wait_for_url(re.compile(r"/report$"))
        assert page.locator("figure.chart svg").count() == 1
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/personas", "/history"])
def test_pages_can_be_used_with_the_keyboard_alone(page: Any, live_server: LiveServer,
                                                   path: str) -> None:
    signed_in_trainee(page, live_server)
    page.goto(live_server.url + path)
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip"
    for _ in range(4):
        page.keyboard.press("Tab")
        assert_focus_visible(page)


def test_a_walk_out_swaps_the_form_for_a_link_to_the_report(page: Any,
                                                            live_server: LiveServer) -> None:
    signed_in_trainee(page, live_server)
    card = page.locator("#persona-panic-disorder")
    card.get_by_label("Difficulty").select_option("hard")
    card.get_by_role("button", name=f"Start a session with {PERSONA}").click()
    page.wait_for_url(re.compile(r"/sessions/[\w-]+$"))
    lines = (Path(__file__).parent / "scripts" / "push_hard.txt").read_text().splitlines()
    for number, line in enumerate(lines * 3, start=1):
        page.get_by_label("Your reply").fill(line)
        page.keyboard.press("Enter")
        page.locator(f"#turn-{number}").wait_for()
        if page.locator("#ended-notice").count():
            break
    assert page.locator("#ended-notice").is_visible()
    assert page.locator("#say-form").count() == 0
    page.get_by_role("link", name="Read your feedback report").click()
    page.wait_for_url(re.compile(r"/report$"))
    assert "walked out" in page.locator("header.report-head").inner_text()
