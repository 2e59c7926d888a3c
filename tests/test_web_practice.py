"""The trainee's journey through the real pages (no JavaScript): gallery, conversation, report,
history. Runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from storage_fixtures import PASSWORD
from web_fixtures import csrf_from, log_in

from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.storage.db import reading
from mi_sim.storage.models import Turn

pytest_plugins = ("storage_fixtures", "web_fixtures")

SCRIPTS = Path(__file__).resolve().parent / "scripts"
PERSONAS = ("generalised-anxiety", "health-anxiety", "panic-disorder", "social-anxiety",
            "somatic-symptoms")
CLIENT_ID = re.compile(r'name="client_turn_id" value="([^"]+)"')
SCRIPT_TAG = "<script>alert('x')</script>"
# Lines that hurt (labelling, confronting, a run of closed questions) mixed with good ones.
MIXED = [
    "Thanks for coming in today. What would you like us to talk about?",
    "Do you drink coffee?",
    "Do you smoke?",
    "It's just anxiety, it's all in your head.",
    "It sounds like you're worried nobody is taking this seriously.",
    "You need to stop avoiding things and face it.",
]


def turn_count(services: Services) -> int:
    with reading(services.sessions) as db:
        return db.scalar(select(func.count()).select_from(Turn)) or 0


def start(client: TestClient, scenario: str = "panic-disorder", **fields: str) -> str:
    """Start a session through the gallery form; returns the conversation page's path."""
    token = csrf_from(client.get("/personas").text)
    response = client.post("/sessions", data={"csrf_token": token, "scenario": scenario,
                                              **fields})
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    assert re.fullmatch(r"/sessions/[\w-]+(\?coach=1)?", location), location
    return location


def say(client: TestClient, page: str, text: str) -> tuple[int, str, str]:
    """Post a line through the page's own form: (status, location or "", response text)."""
    html = client.get(page).text
    path = page.split("?")[0]
    data = {"csrf_token": csrf_from(html), "text": text,
            "client_turn_id": CLIENT_ID.search(html).group(1)}  # type: ignore[union-attr]
    if "coach=1" in page:
        data["coach"] = "1"
    response = client.post(f"{path}/turns", data=data)
    return response.status_code, response.headers.get("location", ""), response.text


def end(client: TestClient, page: str) -> str:
    path = page.split("?")[0]
    response = client.post(f"{path}/end", data={"csrf_token": csrf_from(client.get(page).text)})
    assert response.status_code == 303
    assert response.headers["location"] == f"{path}/report"
    return response.headers["location"]


# --- gallery and starting ---------------------------------------------------------------------


def test_the_gallery_shows_every_published_persona_with_its_controls(
        trainee_client: TestClient, synced: Services) -> None:
    page = trainee_client.get("/personas")
    assert page.status_code == 200
    for persona in synced.personas.list_published():
        assert f'id="persona-{persona.slug}"' in page.text
        assert persona.title in unescape(page.text)
        assert f'<label for="level-{persona.slug}">' in page.text
        assert f'<label for="coach-{persona.slug}">' in page.text
        assert f'<label for="seed-{persona.slug}">' in page.text
        default = f'<option value="{persona.default_level}" selected>'
        assert default in page.text
    assert sorted(p.slug for p in synced.personas.list_published()) == list(PERSONAS)
    assert page.text.count('action="/sessions"') == 5
    assert page.text.count("<details class=\"setting\">") == 5


def test_the_gallery_needs_a_login(client: TestClient, trainee: UserRecord) -> None:
    response = client.get("/personas")
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


def test_starting_a_session_opens_the_conversation_with_the_opening_line(
        trainee_client: TestClient) -> None:
    page = start(trainee_client, level="hard", seed="7")
    html = trainee_client.get(page).text
    assert 'id="turn-0"' in html and "Level: <strong>hard</strong>" in html
    assert 'maxlength="2000"' in html and '<label for="say-text">Your reply</label>' in html
    assert '<meta name="csrf-token"' in html and '/static/chat.js" defer' in html


def test_coach_mode_from_the_gallery_is_kept_in_the_url(trainee_client: TestClient) -> None:
    page = start(trainee_client, coach="1")
    assert page.endswith("?coach=1")
    status, location, _ = say(trainee_client, page, "What brings you here today?")
    assert status == 303 and location.endswith("?coach=1#turn-1")
    html = trainee_client.get(page).text
    assert 'class="tag code code-question_open"' in html and 'class="why"' in html
    plain = trainee_client.get(page.split("?")[0]).text
    assert 'class="tag code' not in plain


def test_starting_a_session_needs_the_csrf_token(trainee_client: TestClient,
                                                 synced: Services) -> None:
    response = trainee_client.post("/sessions", data={"scenario": "panic-disorder",
                                                      "csrf_token": "forged"})
    assert response.status_code == 403
    assert synced.practice.list_sessions(synced.accounts.get_user("tess")).total == 0


@pytest.mark.parametrize(("fields", "message"), [
    ({"scenario": "no-such-persona"}, "unknown scenario"),
    ({"scenario": "panic-disorder", "level": "impossible"}, "unknown level"),
    ({"scenario": "panic-disorder", "seed": "abc"}, "seed must be a whole number"),
])
def test_an_unknown_persona_level_or_bad_seed_is_refused_with_a_message(
        trainee_client: TestClient, synced: Services, fields: dict[str, str],
        message: str) -> None:
    token = csrf_from(trainee_client.get("/personas").text)
    response = trainee_client.post("/sessions", data={"csrf_token": token, **fields})
    assert response.status_code == 422
    assert message in unescape(response.text) and 'role="alert"' in response.text
    assert synced.practice.list_sessions(synced.accounts.get_user("tess")).total == 0


# --- the conversation -------------------------------------------------------------------------


def test_turns_posted_through_the_form_are_shown_in_order(trainee_client: TestClient) -> None:
    page = start(trainee_client)
    for number, line in enumerate(MIXED[:3], start=1):
        status, location, _ = say(trainee_client, page, line)
        assert status == 303 and location == f"{page}#turn-{number}"
    html = unescape(trainee_client.get(page).text)
    positions = [html.index(line) for line in MIXED[:3]]
    assert positions == sorted(positions)
    assert 'id="turn-3"' in html and "3 turns" in html


def test_a_blank_line_shows_a_message_and_stores_nothing(trainee_client: TestClient,
                                                         synced: Services) -> None:
    page = start(trainee_client)
    status, _, html = say(trainee_client, page, "   \n ")
    assert status == 422 and "The line is empty" in html
    assert turn_count(synced) == 0


@pytest.mark.parametrize(("line", "message"), [
    ("\x00\u200b", "The line is empty"), ("Hello\x00", "holds a NUL character")])
def test_a_line_of_nul_or_zero_width_characters_is_refused_on_the_form(
        trainee_client: TestClient, synced: Services, line: str, message: str) -> None:
    page = start(trainee_client)
    status, _, html = say(trainee_client, page, line)
    assert status == 422 and message in html
    assert turn_count(synced) == 0


def test_an_over_long_line_shows_a_message_and_keeps_the_text(trainee_client: TestClient,
                                                              synced: Services) -> None:
    page = start(trainee_client)
    long_line = "word " * 500
    status, _, html = say(trainee_client, page, long_line)
    assert status == 422 and "the limit is 2000" in html
    assert long_line in html  # kept in the textarea
    assert html.index('role="alert"') < html.index('id="say-text"')  # message above the box
    assert turn_count(synced) == 0


def test_a_form_sent_twice_stores_one_turn(trainee_client: TestClient, synced: Services) -> None:
    page = start(trainee_client)
    html = trainee_client.get(page).text
    data = {"csrf_token": csrf_from(html), "text": "What brings you here?",
            "client_turn_id": CLIENT_ID.search(html).group(1)}  # type: ignore[union-attr]
    first = trainee_client.post(f"{page}/turns", data=data)
    second = trainee_client.post(f"{page}/turns", data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["location"] == second.headers["location"] == f"{page}#turn-1"
    assert turn_count(synced) == 1


def test_each_rendering_of_the_form_has_a_new_client_turn_id(trainee_client: TestClient) -> None:
    page = start(trainee_client)
    ids = {CLIENT_ID.search(trainee_client.get(page).text).group(1)  # type: ignore[union-attr]
           for _ in range(3)}
    assert len(ids) == 3


def test_a_turn_needs_the_csrf_token(trainee_client: TestClient, synced: Services) -> None:
    page = start(trainee_client)
    response = trainee_client.post(f"{page}/turns", data={"text": "Hello", "csrf_token": "x"})
    assert response.status_code == 403 and turn_count(synced) == 0


def test_a_walk_out_ends_the_session_and_replaces_the_form(trainee_client: TestClient) -> None:
    page = start(trainee_client, level="hard")
    lines = (SCRIPTS / "push_hard.txt").read_text(encoding="utf-8").splitlines()
    for line in lines * 3:
        status, _, _ = say(trainee_client, page, line)
        if status != 303 or "ended-notice" in trainee_client.get(page).text:
            break
    html = trainee_client.get(page).text
    assert 'id="ended-notice"' in html and "walked out" in html
    assert 'id="say-form"' not in html and f'href="{page}/report"' in html
    # The form posted anyway (from an old tab) gets a message, not a new turn.
    response = trainee_client.post(f"{page}/turns", data={
        "csrf_token": csrf_from(html), "text": "Sorry, please come back.",
        "client_turn_id": "old-tab"})
    assert response.status_code == 409 and "this session has ended" in response.text


def test_a_script_typed_as_a_line_is_shown_escaped_on_the_page_and_the_report(
        trainee_client: TestClient) -> None:
    page = start(trainee_client)
    say(trainee_client, page, SCRIPT_TAG)
    for path in (page, end(trainee_client, page)):
        html = trainee_client.get(path).text
        assert SCRIPT_TAG not in html
        assert "&lt;script&gt;alert(" in html


# --- ending and the report --------------------------------------------------------------------


def test_ending_leads_to_the_report_with_scores_chart_moments_and_transcript(
        trainee_client: TestClient) -> None:
    page = start(trainee_client, seed="11")
    for line in MIXED:
        assert say(trainee_client, page, line)[0] == 303
    report = trainee_client.get(end(trainee_client, page))
    assert report.status_code == 200
    html = report.text
    text = unescape(html)
    for figure in ("Reflections to questions (R:Q)", "Complex reflections", "MI-adherent moves",
                   "MI non-adherent moves", "Open questions (MITI 3, for reference)"):
        assert figure in text
    assert re.search(r'class="tag (good|fair|bad)"', html)
    assert "change talk" in text.lower() and "DARN" in text and "CAT" in text
    # The chart's points link to anchors that exist in the transcript below.
    svg = html[html.index("<svg"):html.index("</svg>")]
    links = re.findall(r'<a href="#turn-(\d+)"', svg)
    assert links == [str(n) for n in range(len(MIXED) + 1)]
    for number in links:
        assert f'id="turn-{number}"' in html
    # Three worst moments, each with an alternative and why.
    assert text.count('class="card moment"') == 3 or html.count('class="card moment"') == 3
    assert html.count("Try instead") == 3 and html.count("<dt>Why</dt>") == 3
    assert "The three moments that hurt most" in text
    # The transcript carries codes, whys and talk labels.
    assert html.count('class="tag code code-') >= len(MIXED)
    assert re.search(r'class="tag talk-(change|sustain|neutral)"', html)
    assert 'data-mark="' in svg  # the worst moments are marked on the chart


def test_the_report_of_a_running_session_offers_to_end_it(trainee_client: TestClient) -> None:
    page = start(trainee_client)
    say(trainee_client, page, "What brings you in?")
    response = trainee_client.get(f"{page}/report")
    assert response.status_code == 200
    assert "still running" in response.text and f'action="{page}/end"' in response.text
    assert "<svg" not in response.text


def test_ending_twice_is_harmless(trainee_client: TestClient) -> None:
    page = start(trainee_client)
    say(trainee_client, page, "What brings you in?")
    token = csrf_from(trainee_client.get(page).text)
    for _ in range(2):
        response = trainee_client.post(f"{page}/end", data={"csrf_token": token})
        assert response.status_code == 303
    assert trainee_client.get(f"{page}/report").status_code == 200


def test_a_report_with_no_turns_still_renders(trainee_client: TestClient) -> None:
    page = start(trainee_client)
    html = trainee_client.get(end(trainee_client, page)).text
    assert "<svg" in html and "No line in this conversation pushed the patient away" in html


# --- history ----------------------------------------------------------------------------------


def test_history_lists_sessions_newest_first_with_a_chart_of_ended_ones(
        trainee_client: TestClient) -> None:
    first = start(trainee_client, "panic-disorder")
    for line in MIXED[:4]:
        say(trainee_client, first, line)
    end(trainee_client, first)
    second = start(trainee_client, "somatic-symptoms", level="gentle")
    say(trainee_client, second, "What would you like to talk about?")
    html = trainee_client.get("/history").text
    table = html[html.index('<table class="history"'):]
    assert table.index(second.split("/")[-1]) < table.index(first.split("/")[-1])
    assert f'href="{first}/report"' in html and f'href="{second}"' in html
    assert "still running" in html and "you ended it" in html
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert f'href="{first}/report"' in svg and second.split("/")[-1] not in svg


def test_history_is_paginated(trainee_client: TestClient, synced: Services) -> None:
    user = synced.accounts.get_user("tess")
    for _ in range(23):
        synced.practice.start_session(user, "panic-disorder")
    page_one = trainee_client.get("/history").text
    assert page_one.count('<tr id="session-') == 20 and "Page 1 of 2" in page_one
    page_two = trainee_client.get("/history?page=2").text
    assert page_two.count('<tr id="session-') == 3
    assert trainee_client.get("/history?page=zero").status_code == 422


def test_an_admin_sees_only_their_own_sessions_in_history(
        client: TestClient, synced: Services, trainee: UserRecord, admin: UserRecord) -> None:
    synced.practice.start_session(trainee, "panic-disorder")
    mine = synced.practice.start_session(admin, "health-anxiety")
    log_in(client, "ada")
    html = client.get("/history").text
    assert html.count('<tr id="session-') == 1 and mine.id in html


def test_history_with_no_sessions_invites_to_start(trainee_client: TestClient) -> None:
    html = trainee_client.get("/history").text
    assert "You have no sessions yet" in html and "<svg" not in html


# --- privacy ----------------------------------------------------------------------------------


def test_another_trainees_session_is_not_found(client: TestClient, synced: Services,
                                               trainee: UserRecord) -> None:
    other = synced.accounts.create_user("otto", "trainee", PASSWORD)
    session = synced.practice.start_session(other, "panic-disorder")
    synced.practice.post_turn(other, session.id, "Hello, what brings you here?")
    token = log_in(client, "tess")
    for path in (f"/sessions/{session.id}", f"/sessions/{session.id}/report",
                 "/sessions/no-such-id"):
        response = client.get(path)
        assert response.status_code == 404 and "Not found" in response.text
    for action in ("turns", "end"):
        response = client.post(f"/sessions/{session.id}/{action}",
                               data={"csrf_token": token, "text": "hi"})
        assert response.status_code == 404
    assert synced.practice.get_session(other, session.id).session.turn_count == 1
    assert not synced.practice.get_session(other, session.id).session.ended
    assert session.id not in client.get("/history").text


def test_pages_send_the_strict_content_security_policy(trainee_client: TestClient) -> None:
    page = start(trainee_client)
    say(trainee_client, page, "What brings you here?")
    report = end(trainee_client, page)
    for path in ("/personas", page, report, "/history"):
        response = trainee_client.get(path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        assert "<script>" not in response.text and " onclick=" not in response.text
        assert ' style="' not in response.text
