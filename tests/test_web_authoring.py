"""The what-if and coverage pages through the real app (TestClient): rendering, who may open
them, CSRF, refusals shown beside the kept form, the server-drawn charts, and the "What if…?"
links on the report and review pages."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

import pytest
from fastapi.testclient import TestClient
from scenario_helpers import edited, example_text
from sqlalchemy import update
from supervision_helpers import World, build_world
from web_fixtures import log_in, page_csrf

from mi_sim.engine.turn import MAX_UTTERANCE
from mi_sim.services import Services
from mi_sim.services.records import UserRecord
from mi_sim.storage.db import writing
from mi_sim.storage.models import PracticeSession, Turn

pytest_plugins = ("storage_fixtures", "web_fixtures")

SLUG = "example-sam"
FIRST_REPLY = "Honestly? To be told what's actually wrong."
NEW_FIRST_REPLY = "Every evening, out like a light."
LINES = ["What brings you here today?", "It sounds like you are exhausted.",
         "You've kept going through all of this.", "How is work?"]
RIGHTING = ["It's all in your head.", "You just need to stop worrying.",
            "You have to see a psychiatrist.", "It's just anxiety, nothing else.",
            "You're being ridiculous.", "Stop making excuses.", "Just do it."]
NEW_LINE = "It sounds like you are worried no one will take the tiredness seriously."


@dataclass(frozen=True)
class Lab:
    services: Services
    world: World
    v1: int


@pytest.fixture
def lab(synced: Services) -> Lab:
    """The supervision programme, and the example persona in two versions (2 is the newest)."""
    world = build_world(synced)
    synced.library.new_draft(world.ivy, SLUG, example_text())
    v1 = synced.library.publish(world.ivy, SLUG)
    synced.library.save_draft(world.ivy, SLUG, edited(FIRST_REPLY, NEW_FIRST_REPLY))
    synced.library.publish(world.ivy, SLUG)
    return Lab(synced, world, v1.id)


def play(lab: Lab, user: UserRecord, lines: list[str], seed: int = 3,
         version: int | None = None, end: bool = False) -> str:
    services = lab.services
    session = services.practice.start_session(user, SLUG, "standard", seed)
    if version is not None:
        with writing(services.sessions) as db:
            db.execute(update(PracticeSession).where(PracticeSession.id == session.id)
                       .values(persona_version_id=version))
    for line in lines:
        if services.practice.post_turn(user, session.id, line)[0].ended:
            break
    if end:
        services.practice.end_session(user, session.id)
    return session.id


def sign_in(client: TestClient, name: str) -> str:
    client.cookies.clear()
    log_in(client, name)
    return page_csrf(client, "/history")


def text_of(html: str) -> str:
    """The page's text without tags, spaces collapsed."""
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).replace(" .", ".")


def selected_turn(html: str) -> str | None:
    found = re.search(r'<option value="(\d+)" selected>Turn', html)
    return found.group(1) if found else None


def form(csrf: str, **values: str) -> dict[str, str]:
    return {"csrf_token": csrf, "turn": "3", "new_line": NEW_LINE, "version": "",
            "keep_later": "yes", **values}


# --- what-if ---------------------------------------------------------------------------------


def test_the_what_if_form_picks_the_turn_from_the_query(client: TestClient, lab: Lab) -> None:
    sid = play(lab, lab.world.amy, LINES, version=lab.v1)
    sign_in(client, "ivy")
    page = client.get(f"/sessions/{sid}/what-if?turn=3")
    assert page.status_code == 200
    html = page.text
    assert f'action="/sessions/{sid}/what-if"' in html and 'name="csrf_token"' in html
    assert selected_turn(html) == "3"
    for n, line in enumerate(LINES, 1):
        assert f">Turn {n}: {line}</option>" in unescape(html)
    assert 'name="new_line"' in html and 'name="keep_later" value="no"' in html
    assert '<option value="1" selected>version 1 (retired, played)</option>' in html
    assert '<option value="2">version 2 (published)</option>' in html
    assert "<svg" not in html  # no branches yet
    assert selected_turn(client.get(f"/sessions/{sid}/what-if").text) == "1"
    for bad in ("9", "0", "abc", "-1"):
        assert selected_turn(client.get(f"/sessions/{sid}/what-if?turn={bad}").text) == "1"


def test_posting_shows_both_branches_side_by_side_with_a_chart(
        client: TestClient, lab: Lab) -> None:
    sid = play(lab, lab.world.amy, LINES, version=lab.v1)
    csrf = sign_in(client, "ivy")
    page = client.post(f"/sessions/{sid}/what-if", data=form(csrf))
    assert page.status_code == 200, page.text
    html = page.text
    text = text_of(html)
    assert "The two branches" in text and "Turn 3 changed." in text
    assert "The branches first differ at turn 3" in text
    assert "engine has changed" not in text
    assert re.search(r'<tr id="row-3" class="changed first-difference">', html)
    assert re.search(r'<tr id="row-1" class="same">', html)
    assert NEW_LINE in unescape(html) and LINES[2] in unescape(html)
    assert "reflection complex" in text and "readiness" in text
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="img"' in html
    assert 'data-series="readiness-branch"' in html and 'href="#row-3"' in html
    # the form is still there, filled in, to try another line
    assert selected_turn(html) == "3"
    assert f">{NEW_LINE}</textarea>" in unescape(html)
    assert "<script" not in html


def test_another_version_and_dropping_the_later_lines(client: TestClient, lab: Lab) -> None:
    sid = play(lab, lab.world.amy, LINES, version=lab.v1)
    csrf = sign_in(client, "ivy")
    page = client.post(f"/sessions/{sid}/what-if",
                       data=form(csrf, version="2", keep_later="no", turn="2"))
    assert page.status_code == 200
    text = text_of(page.text)
    assert "replays against version 2" in text and "What if · version 2" in text
    assert NEW_FIRST_REPLY in text and FIRST_REPLY in text
    assert "Not replayed: the later lines were dropped." in text
    assert '<option value="2" selected>version 2 (published)</option>' in page.text
    assert 'name="keep_later" value="no" checked' in page.text


def test_a_session_the_engine_no_longer_reproduces_says_so(client: TestClient, lab: Lab) -> None:
    sid = play(lab, lab.world.amy, LINES, version=lab.v1)
    with writing(lab.services.sessions) as db:
        db.execute(update(Turn).where(Turn.session_id == sid, Turn.number == 2)
                   .values(patient="Something else entirely."))
    csrf = sign_in(client, "ivy")
    page = client.post(f"/sessions/{sid}/what-if", data=form(csrf))
    assert page.status_code == 200
    assert ("the engine has changed since this session was recorded" in text_of(page.text)
            .lower())
    assert "(from turn 2)" in page.text


@pytest.mark.parametrize(("values", "status", "message"), [
    ({"new_line": "   "}, 422, "the new line: the line is empty"),
    ({"new_line": "x" * (MAX_UTTERANCE + 5)}, 422, f"the limit is {MAX_UTTERANCE}"),
    ({"turn": "9"}, 422, "turn 9 is out of range: this session has turns 1 to 4"),
    ({"turn": "abc"}, 422, "the turn to change must be a whole number"),
    ({"turn": ""}, 422, "pick the turn"),
    ({"version": "9"}, 404, "'example-sam' has no version 9"),
    ({"version": "two"}, 422, "the version must be a whole number"),
])
def test_bad_input_shows_the_message_and_keeps_the_form(
        client: TestClient, lab: Lab, values: dict[str, str], status: int,
        message: str) -> None:
    sid = play(lab, lab.world.amy, LINES, version=lab.v1)
    csrf = sign_in(client, "ivy")
    page = client.post(f"/sessions/{sid}/what-if", data=form(csrf, **values))
    assert page.status_code == status
    html = unescape(page.text)
    assert '<p class="error" role="alert" id="what-if-error">' in html
    assert message in html
    assert f'action="/sessions/{sid}/what-if"' in html and "The two branches" not in html
    kept = values.get("new_line", NEW_LINE)
    assert f">{kept}</textarea>" in html


def test_the_post_needs_the_csrf_token(client: TestClient, lab: Lab) -> None:
    sid = play(lab, lab.world.amy, LINES, version=lab.v1)
    sign_in(client, "ivy")
    for token in ("", "forged"):
        page = client.post(f"/sessions/{sid}/what-if", data=form(token))
        assert page.status_code == 403
        assert "The two branches" not in page.text and "form has expired" in page.text


def test_trainees_replay_their_own_sessions_against_their_version_only(
        client: TestClient, lab: Lab) -> None:
    sid = play(lab, lab.world.amy, LINES, version=lab.v1)
    csrf = sign_in(client, "amy")
    page = client.get(f"/sessions/{sid}/what-if")
    assert page.status_code == 200
    assert 'name="version" value="1"' in page.text and "<select id=\"wi-version\"" not in page.text
    assert "Coverage of this version" not in page.text
    assert client.post(f"/sessions/{sid}/what-if", data=form(csrf, version="1")).status_code == 200
    refused = client.post(f"/sessions/{sid}/what-if", data=form(csrf, version="2"))
    assert refused.status_code == 403
    assert "version they played (version 1)" in unescape(refused.text)


# Who opens the what-if page of amy's session (a trainee of sam's cohort A) and the coverage.
WHAT_IF = {"ada": 200, "ivy": 200, "sam": 200, "amy": 200,
           "sue": 404, "abe": 404, "bea": 404, "tom": 404}
COVERAGE = {"ada": 200, "ivy": 200, "sam": 200, "sue": 200,
            "amy": 403, "abe": 403, "bea": 403, "tom": 403}


@pytest.mark.parametrize("caller", sorted(WHAT_IF))
def test_who_opens_which_page(client: TestClient, lab: Lab, caller: str) -> None:
    sid = play(lab, lab.world.amy, LINES, version=lab.v1)
    csrf = sign_in(client, caller)
    assert client.get(f"/sessions/{sid}/what-if").status_code == WHAT_IF[caller]
    posted = client.post(f"/sessions/{sid}/what-if", data=form(csrf, version="1"))
    assert posted.status_code == WHAT_IF[caller]
    if WHAT_IF[caller] == 404:
        assert "no such session" in posted.text and NEW_LINE not in posted.text
    assert client.get(f"/library/{SLUG}/coverage").status_code == COVERAGE[caller]
    assert client.get("/sessions/nope/what-if").status_code == 404
    if COVERAGE[caller] == 200:
        assert client.get("/library/nobody/coverage").status_code == 404


def test_visitors_are_sent_to_sign_in(client: TestClient, lab: Lab) -> None:
    sid = play(lab, lab.world.amy, LINES)
    for path in (f"/sessions/{sid}/what-if?turn=2", f"/library/{SLUG}/coverage"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")
    assert client.post(f"/sessions/{sid}/what-if", data=form("x")).status_code == 303


def test_imported_transcripts_have_no_what_if(client: TestClient, lab: Lab) -> None:
    imported = lab.services.imports.import_transcript(
        lab.world.sam, "T: What brings you in today?\nC: My heart races.\n",
        title="Role-play").session_id
    sign_in(client, "sam")
    page = client.get(f"/sessions/{imported}/what-if")
    assert page.status_code == 422 and "imported transcript" in page.text
    assert "what-if-link" not in client.get(f"/review/{imported}").text


# --- the links on the report and review pages ------------------------------------------------


def test_the_report_and_the_review_link_each_line_to_its_what_if(
        client: TestClient, lab: Lab) -> None:
    sid = play(lab, lab.world.amy, LINES, end=True)
    sign_in(client, "amy")
    report = client.get(f"/sessions/{sid}/report").text
    links = re.findall(r'href="(/sessions/[^"]+/what-if\?turn=\d+)"', report)
    assert links == [f"/sessions/{sid}/what-if?turn={n}" for n in range(1, 5)]
    assert client.get(links[2]).status_code == 200
    sign_in(client, "sam")
    review = client.get(f"/review/{sid}").text
    assert re.findall(r'href="(/sessions/[^"]+/what-if\?turn=\d+)"', review) == links
    assert selected_turn(client.get(links[3]).text) == "4"


# --- coverage --------------------------------------------------------------------------------


def test_the_coverage_page_before_any_session_is_an_empty_state(
        client: TestClient, lab: Lab) -> None:
    sign_in(client, "ivy")
    page = client.get(f"/library/{SLUG}/coverage")
    assert page.status_code == 200
    text = text_of(page.text)
    assert "Coverage: Sam, 46 — tired all the time, version 2" in text
    assert "No sessions yet" in text and "nothing to count" in text
    assert "<svg" not in page.text and "Most used replies" not in text
    assert '<option value="2" selected>version 2 · published · 0 sessions</option>' in page.text


def test_the_coverage_page_shows_banks_replies_gates_and_walk_outs(
        client: TestClient, lab: Lab) -> None:
    w = lab.world
    play(lab, w.amy, LINES)
    play(lab, w.abe, LINES, seed=4)
    walked = play(lab, w.bea, RIGHTING, seed=5)
    walked_at = lab.services.practice.get_session(w.bea, walked).session.turn_count
    play(lab, w.tom, LINES, version=lab.v1)
    record = lab.services.authoring.coverage(w.ivy, SLUG)
    sign_in(client, "sam")

    page = client.get(f"/library/{SLUG}/coverage")

    assert page.status_code == 200
    html, text = page.text, text_of(page.text)
    assert "No sessions yet" not in text
    assert f"{record.coverage.replies_used} of {len(record.coverage.replies)} replies used" in text
    assert "3 sessions" in text and "1 walk-out in 1 of 3 sessions" in text
    # the bank chart: one bar per bank, drawn on the server
    assert 'aria-labelledby="banks-title banks-desc"' in html
    assert len(re.findall(r'<g data-bar="', html)) == len(record.coverage.banks)
    # the walk-out histogram, at the turn the patient left
    assert 'aria-labelledby="walkouts-title walkouts-desc"' in html
    assert f'<g data-turn="{walked_at}" data-value="1">' in html
    assert "After which move" in text and "After which rule" in text
    # never-used replies with their text, most used with their shares
    unused = record.coverage.unused_replies[0]
    assert unused.reply_id in html and unused.text in unescape(html)
    top = record.coverage.most_used[0]
    assert f"<code>{top.reply_id}</code>" in html
    assert "Never-used replies" in text and "Most used replies" in text
    assert "Gates" in text and "concern.losing_licence" in text
    assert "<script" not in html
    older = client.get(f"/library/{SLUG}/coverage?version=1")
    assert older.status_code == 200
    assert '<option value="1" selected>version 1 · retired · 1 session</option>' in older.text
    assert "1 session" in text_of(older.text)


def test_a_bad_version_on_the_coverage_page_says_so_above_the_newest(
        client: TestClient, lab: Lab) -> None:
    sign_in(client, "ivy")
    missing = client.get(f"/library/{SLUG}/coverage?version=9")
    assert missing.status_code == 404
    assert "has no version 9" in unescape(missing.text) and "version 2" in missing.text
    bad = client.get(f"/library/{SLUG}/coverage?version=latest")
    assert bad.status_code == 422 and "the version must be a whole number" in bad.text
