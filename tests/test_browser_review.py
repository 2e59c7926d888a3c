"""A supervisor reviews a session in Debian's headless Chromium — overrides a code, comments,
rates and completes — and the trainee then sees the review on their report.

Screenshots land in test-artifacts/ (git-ignored): review.png and reviewed-report.png.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from browser_fixtures import VIEWPORT, LiveServer
from supervision_helpers import PASSWORD, add_session, build_world

pytest_plugins = ("storage_fixtures", "browser_fixtures")

UNLABELLED = """() => Array.from(document.querySelectorAll(
    'input:not([type=hidden]), select, textarea')).filter(el =>
    !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
    && !el.getAttribute('aria-labelledby') && !el.closest('label'))
    .map(el => el.outerHTML.slice(0, 120))"""
OUTLINE = """() => { const s = getComputedStyle(document.activeElement);
    return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"""


def sign_in(page: Any, base: str, name: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/login")
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Password").press("Enter")
    page.wait_for_load_state()
    assert "/login" not in page.url


def full_page_shot(page: Any, path: Path) -> None:
    height = page.evaluate("() => document.documentElement.scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": height})
    page.screenshot(path=str(path))
    page.set_viewport_size(VIEWPORT)


def test_a_supervisor_reviews_and_the_trainee_sees_it(page: Any, live_server: LiveServer,
                                                      artifacts: Path) -> None:
    services, base = live_server.services, live_server.url
    world = build_world(services)
    sid = add_session(services, world.amy)

    sign_in(page, base, "sam")
    page.goto(f"{base}/review")
    assert page.evaluate(UNLABELLED) == []
    page.get_by_role("link", name="amy", exact=True).click()
    page.wait_for_url(f"{base}/review/{sid}")
    assert page.evaluate(UNLABELLED) == []
    assert page.locator("#turn-2 .why").inner_text() == "Why: why 2"

    # override the code of turn 2 with the keyboard
    page.get_by_label("Code for turn 2").focus()
    style, width = page.evaluate(OUTLINE)
    assert style != "none" and width >= 2
    page.get_by_label("Code for turn 2").select_option("reflection_complex")
    page.locator("#turn-2").get_by_role("button", name="Save code").click()
    page.wait_for_url(f"{base}/review/{sid}?done=code#turn-2")
    assert page.get_by_label("Code for turn 2").input_value() == "reflection_complex"
    assert "Code saved" in page.get_by_role("status").inner_text()

    page.get_by_label("Comment on turn 2").fill("A complex reflection: it adds the feeling.")
    page.locator("#turn-2").get_by_role("button", name="Add comment").click()
    page.wait_for_url(f"{base}/review/{sid}?done=comment#turn-2")
    assert "adds the feeling" in page.locator("#turn-2 .review-comments").inner_text()

    # completing without ratings says why
    page.get_by_role("button", name="Mark review complete").click()
    assert "before completing the review" in page.get_by_role("alert").inner_text()

    for legend, value in (("Cultivating change talk", "4"), ("Softening sustain talk", "3"),
                          ("Partnership", "5"), ("Empathy", "4")):
        page.get_by_role("group", name=legend).get_by_label(value, exact=True).check()
    page.get_by_label("Overall comment for the trainee").fill("Warm and curious. Keep going.")
    page.get_by_role("button", name="Mark review complete").click()
    page.wait_for_url(f"{base}/review/{sid}?done=complete#globals")
    assert "Relational: 4.5" in page.locator("#globals").inner_text()
    full_page_shot(page, artifacts / "review.png")

    detail = services.reviews.review_detail(world.sam, sid)
    assert detail.review is not None and detail.review.completed
    assert detail.review.codes == {2: "reflection_complex"}
    assert detail.turns[1].auto_code == "reflection_simple"

    # the trainee sees it on their report
    sign_in(page, base, "amy")
    page.goto(f"{base}/sessions/{sid}/report")
    review = page.locator("#supervisor-review")
    assert "sam" in review.inner_text()
    assert "Warm and curious" in review.inner_text()
    assert "Relational: 4.5" in review.inner_text()
    turn2 = page.locator("#turn-2").inner_text()
    assert "adds the feeling" in turn2 and "reflection complex" in turn2
    full_page_shot(page, artifacts / "reviewed-report.png")
