"""Review pages: the queue, the review page and its forms, who may use them, and the
trainee's report showing a completed review — through the real pages (TestClient)."""

from __future__ import annotations

import re
from datetime import timedelta
from html import unescape
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from supervision_helpers import T0, World, add_session, build_world
from web_fixtures import log_in, page_csrf

from mi_sim.services import Services

pytest_plugins = ("storage_fixtures", "web_fixtures")

RATINGS = {"cultivating_change_talk": "4", "softening_sustain_talk": "3", "partnership": "5",
           "empathy": "4"}


@pytest.fixture
def world(synced: Services) -> World:
    return build_world(synced)


def sign_in(client: TestClient, name: str) -> str:
    client.cookies.clear()
    log_in(client, name)
    return page_csrf(client, "/history")


def stored(services: Services) -> dict[str, Any]:
    with services.engine.connect() as db:
        return {
            "reviews": db.execute(text(
                "SELECT session_id, reviewer_id, cultivating_change_talk, softening_sustain_talk,"
                " partnership, empathy, comment, completed_at FROM reviews ORDER BY id")).all(),
            "codes": db.execute(text("SELECT review_id, turn_number, code FROM review_codes "
                                     "ORDER BY review_id, turn_number")).all(),
            "comments": db.execute(text("SELECT review_id, turn_number, text FROM "
                                        "review_comments ORDER BY id")).all(),
            "turns": db.execute(text("SELECT session_id, number, code FROM turns "
                                     "ORDER BY session_id, number")).all(),
        }


def queue_ids(html: str) -> list[str]:
    return re.findall(r'<tr id="queue-([^"]+)">', html)


# --- the queue -------------------------------------------------------------------------

def test_the_queue_lists_only_the_supervisors_sessions_newest_first(
        client: TestClient, synced: Services, world: World) -> None:
    old = add_session(synced, world.amy, ended_at=T0)
    new = add_session(synced, world.abe, ended_at=T0 + timedelta(days=1))
    other = add_session(synced, world.bea)
    running = add_session(synced, world.amy, ended=False)
    sign_in(client, "sam")
    page = client.get("/review")
    assert page.status_code == 200
    assert queue_ids(page.text) == [new, old]
    assert other not in page.text and running not in page.text
    assert f'href="/review/{new}"' in page.text
    for label in ("Trainee", "Patient", "Level", "Ended from", "Ended to", "Reviewed", "Kind"):
        assert f">{label}</label>" in page.text
    sign_in(client, "sue")
    assert queue_ids(client.get("/review").text) == [other]


def test_the_queue_filters_and_pages_keep_the_filters(
        client: TestClient, synced: Services, world: World) -> None:
    amy = [add_session(synced, world.amy, ended_at=T0 + timedelta(hours=n)) for n in range(27)]
    abe = add_session(synced, world.abe, level="hard", ended_at=T0 + timedelta(days=5))
    sign_in(client, "sam")
    assert queue_ids(client.get("/review?trainee=AB").text) == [abe]
    assert queue_ids(client.get("/review?level=hard").text) == [abe]
    assert queue_ids(client.get("/review?date_from=2026-03-06").text) == [abe]
    assert abe not in queue_ids(client.get("/review?date_to=2026-03-02").text)
    assert queue_ids(client.get("/review?kind=imported").text) == []
    first = client.get("/review?trainee=amy")
    assert queue_ids(first.text) == amy[::-1][:25]
    assert 'href="/review?trainee=amy&amp;page=2"' in first.text
    second = client.get("/review?trainee=amy&page=2")
    assert queue_ids(second.text) == amy[::-1][25:]
    assert 'href="/review?trainee=amy&amp;page=1"' in second.text
    bad = client.get("/review?date_from=yesterday")
    assert bad.status_code == 422 and "date_from must be a date" in unescape(bad.text)
    assert client.get("/review?page=0").status_code == 422


def test_reviewed_sessions_leave_the_queue_but_the_filter_finds_them(
        client: TestClient, synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy)
    synced.reviews.set_globals(world.sam, sid, {k: int(v) for k, v in RATINGS.items()})
    synced.reviews.complete(world.sam, sid)
    sign_in(client, "sam")
    assert queue_ids(client.get("/review").text) == []
    assert queue_ids(client.get("/review?reviewed=yes").text) == [sid]
    assert queue_ids(client.get("/review?reviewed=any").text) == [sid]


# --- the review page -------------------------------------------------------------------

def test_the_review_page_shows_auto_codes_whys_states_and_forms(
        client: TestClient, synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy)
    before = stored(synced)
    sign_in(client, "sam")
    page = client.get(f"/review/{sid}")
    assert page.status_code == 200
    html = page.text
    assert "Review: amy with" in html
    for n, code in enumerate(("question open", "reflection simple", "reflection complex"), 1):
        assert f'id="turn-{n}"' in html and f"why {n}" in html and code in html
    assert "Reflections to questions" in html          # the auto MITI summary
    assert "rapport" in html and "readiness" in html and "→" in html
    assert "change talk" in html                          # the patient's talk label
    assert '<label for="code-1">Code for turn 1</label>' in html
    select = re.search(r'<select id="code-1" name="code">(.*?)</select>', html, re.S)
    assert select and len(re.findall("<option", select.group(1))) == 13
    assert re.search(r'<option value="question_open" selected>', select.group(1))
    assert '<label for="comment-1">Comment on turn 1</label>' in html
    for name in RATINGS:
        assert f'name="{name}" value="5"' in html
    assert "Mark review complete" in html
    assert stored(synced) == before                      # opening the page stores nothing


def test_override_comment_rate_and_complete_are_stored(
        client: TestClient, synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy)
    csrf = sign_in(client, "sam")
    done = client.post(f"/review/{sid}/code", data={"csrf_token": csrf, "turn": "2",
                                                    "code": "reflection_complex"})
    assert done.status_code == 303
    assert done.headers["location"] == f"/review/{sid}?done=code#turn-2"
    page = client.get(done.headers["location"])
    assert "Code saved" in page.text
    assert re.search(r'<option value="reflection_complex" selected>',
                     page.text.split('id="code-2"')[1].split("</select>")[0])
    said = client.post(f"/review/{sid}/comments", data={"csrf_token": csrf, "turn": "3",
                                                        "text": "Lovely double-sided one"})
    assert said.headers["location"] == f"/review/{sid}?done=comment#turn-3"
    rated = client.post(f"/review/{sid}/globals", data={"csrf_token": csrf, **RATINGS,
                                                        "comment": "Good work overall",
                                                        "action": "save"})
    assert rated.headers["location"] == f"/review/{sid}?done=ratings#globals"
    finished = client.post(f"/review/{sid}/globals", data={"csrf_token": csrf, **RATINGS,
                                                           "comment": "Good work overall",
                                                           "action": "complete"})
    assert finished.headers["location"] == f"/review/{sid}?done=complete#globals"
    state = stored(synced)
    (review,) = state["reviews"]
    assert review[2:7] == (4, 3, 5, 4, "Good work overall") and review[7] is not None
    assert [c[1:] for c in state["codes"]] == [(2, "reflection_complex")]
    assert [c[1:] for c in state["comments"]] == [(3, "Lovely double-sided one")]
    assert (sid, 2, "reflection_simple") in state["turns"]   # the auto code is unchanged
    page = client.get(f"/review/{sid}").text
    assert "Lovely double-sided one" in page and "Relational: 4.5" in page
    # setting the auto code again removes the override
    back = client.post(f"/review/{sid}/code", data={"csrf_token": csrf, "turn": "2",
                                                    "code": "reflection_simple"})
    assert back.headers["location"].endswith("done=code-auto#turn-2")
    assert stored(synced)["codes"] == []


def test_a_comment_can_be_deleted_by_its_author(
        client: TestClient, synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy)
    csrf = sign_in(client, "sam")
    client.post(f"/review/{sid}/comments", data={"csrf_token": csrf, "turn": "1",
                                                 "text": "remove me"})
    page = client.get(f"/review/{sid}").text
    cid = re.search(rf'/review/{sid}/comments/(\d+)/delete', page).group(1)  # type: ignore[union-attr]
    gone = client.post(f"/review/{sid}/comments/{cid}/delete",
                       data={"csrf_token": csrf, "turn": "1"})
    assert gone.headers["location"] == f"/review/{sid}?done=deleted#turn-1"
    assert stored(synced)["comments"] == []
    again = client.post(f"/review/{sid}/comments/{cid}/delete",
                        data={"csrf_token": csrf, "turn": "1"})
    assert again.status_code == 404


def test_completing_without_all_ratings_says_so_and_stays_a_draft(
        client: TestClient, synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy)
    csrf = sign_in(client, "sam")
    page = client.post(f"/review/{sid}/globals", data={"csrf_token": csrf, "partnership": "4",
                                                       "action": "complete"})
    assert page.status_code == 422
    assert "before completing the review" in page.text and 'role="alert"' in page.text
    (review,) = stored(synced)["reviews"]
    assert review[4] == 4 and review[7] is None


@pytest.mark.parametrize(("path", "data"), [
    ("code", {"turn": "1", "code": "no_such_code"}),
    ("code", {"turn": "99", "code": "affirm"}),
    ("code", {"turn": "x", "code": "affirm"}),
    ("comments", {"turn": "1", "text": "   "}),
    ("comments", {"turn": "1", "text": "x" * 2001}),
    ("globals", {"partnership": "9"}),
    ("globals", {"comment": "y" * 2001}),
])
def test_bad_input_is_refused_with_a_message_and_nothing_stored(
        client: TestClient, synced: Services, world: World, path: str,
        data: dict[str, str]) -> None:
    sid = add_session(synced, world.amy)
    csrf = sign_in(client, "sam")
    before = stored(synced)
    response = client.post(f"/review/{sid}/{path}", data={"csrf_token": csrf, **data})
    assert response.status_code == 422
    assert '<p class="error" role="alert">' in response.text
    assert stored(synced) == before


def test_too_long_a_form_field_is_refused(client: TestClient, synced: Services,
                                          world: World) -> None:
    sid = add_session(synced, world.amy)
    csrf = sign_in(client, "sam")
    before = stored(synced)
    response = client.post(f"/review/{sid}/comments",
                           data={"csrf_token": csrf, "turn": "1", "text": "z" * 20_000})
    assert response.status_code == 422
    assert stored(synced) == before


def test_a_script_comment_is_shown_escaped(client: TestClient, synced: Services,
                                          world: World) -> None:
    sid = add_session(synced, world.amy)
    csrf = sign_in(client, "sam")
    client.post(f"/review/{sid}/comments", data={"csrf_token": csrf, "turn": "1",
                                                 "text": "<script>alert(1)</script>"})
    page = client.get(f"/review/{sid}").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


# --- who may -----------------------------------------------------------------------------

POSTS = [("code", {"turn": "1", "code": "affirm"}),
         ("comments", {"turn": "1", "text": "hello"}),
         ("globals", {**RATINGS, "action": "complete"})]


@pytest.mark.parametrize(("path", "data"), POSTS)
def test_a_post_without_csrf_is_refused_and_stores_nothing(
        client: TestClient, synced: Services, world: World, path: str,
        data: dict[str, str]) -> None:
    sid = add_session(synced, world.amy)
    sign_in(client, "sam")
    before = stored(synced)
    for token in (None, "wrong"):
        form = dict(data) if token is None else {"csrf_token": token, **data}
        assert client.post(f"/review/{sid}/{path}", data=form).status_code == 403
    assert stored(synced) == before


@pytest.mark.parametrize("name", ["amy", "tom", "ivy"])
def test_trainees_and_instructors_get_403_everywhere(
        client: TestClient, synced: Services, world: World, name: str) -> None:
    sid = add_session(synced, world.amy)
    csrf = sign_in(client, name)
    before = stored(synced)
    assert client.get("/review").status_code == 403
    assert client.get(f"/review/{sid}").status_code == 403
    for path, data in POSTS:
        assert client.post(f"/review/{sid}/{path}",
                           data={"csrf_token": csrf, **data}).status_code == 403
    assert stored(synced) == before


def test_a_supervisor_of_another_cohort_gets_404_and_changes_nothing(
        client: TestClient, synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy)
    synced.reviews.add_comment(world.sam, sid, 1, "sam's note")
    csrf = sign_in(client, "sue")
    before = stored(synced)
    assert client.get(f"/review/{sid}").status_code == 404
    for path, data in POSTS:
        assert client.post(f"/review/{sid}/{path}",
                           data={"csrf_token": csrf, **data}).status_code == 404
    cid = synced.reviews.review_detail(world.sam, sid).review.comments[0].id  # type: ignore[union-attr]
    assert client.post(f"/review/{sid}/comments/{cid}/delete",
                       data={"csrf_token": csrf}).status_code == 404
    assert stored(synced) == before


def test_another_supervisors_comment_cannot_be_deleted(
        client: TestClient, synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy)
    comment = synced.reviews.add_comment(world.sam, sid, 1, "sam's note")
    csrf = sign_in(client, "ada")
    before = stored(synced)
    assert client.post(f"/review/{sid}/comments/{comment.id}/delete",
                       data={"csrf_token": csrf}).status_code == 404
    assert stored(synced) == before


def test_an_admin_may_review_any_session(client: TestClient, synced: Services,
                                         world: World) -> None:
    sid = add_session(synced, world.bea)
    csrf = sign_in(client, "ada")
    assert sid in queue_ids(client.get("/review").text)
    assert client.post(f"/review/{sid}/code", data={"csrf_token": csrf, "turn": "1",
                                                    "code": "affirm"}).status_code == 303


def test_a_still_running_session_cannot_be_reviewed(client: TestClient, synced: Services,
                                                    world: World) -> None:
    sid = add_session(synced, world.amy, ended=False)
    csrf = sign_in(client, "sam")
    response = client.post(f"/review/{sid}/code", data={"csrf_token": csrf, "turn": "1",
                                                        "code": "affirm"})
    assert response.status_code == 409 and "still running" in response.text


def test_logged_out_visitors_are_sent_to_login(client: TestClient, synced: Services,
                                               world: World) -> None:
    sid = add_session(synced, world.amy)
    for path in ("/review", f"/review/{sid}", "/review?trainee=amy"):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["location"].startswith("/login")


# --- the trainee's report --------------------------------------------------------------

def test_the_trainee_sees_a_completed_review_on_their_report(
        client: TestClient, synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy)
    synced.reviews.set_code(world.sam, sid, 2, "reflection_complex")
    synced.reviews.add_comment(world.sam, sid, 2, "<b>Nice</b> depth here")
    synced.reviews.set_globals(world.sam, sid, {k: int(v) for k, v in RATINGS.items()})
    synced.reviews.set_overall_comment(world.sam, sid, "Keep reflecting.")
    sign_in(client, "amy")
    draft = client.get(f"/sessions/{sid}/report")
    assert draft.status_code == 200 and "Supervisor review" not in draft.text
    synced.reviews.complete(world.sam, sid)
    page = client.get(f"/sessions/{sid}/report")
    assert page.status_code == 200
    html = page.text
    assert "Supervisor review" in html and "sam" in html
    assert "Keep reflecting." in html
    assert "Relational: 4.5" in html and "Technical: 3.5" in html
    assert "&lt;b&gt;Nice&lt;/b&gt; depth here" in html
    turn2 = html.split('id="turn-2"')[1].split('id="turn-3"')[0]
    assert "reflection complex" in turn2 and "reflection simple" in turn2
    assert "&lt;b&gt;Nice&lt;/b&gt; depth here" in turn2


def test_a_code_the_coder_was_unsure_of_is_marked_for_the_reviewer_and_the_trainee(
        client: TestClient, synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, confidences={1: 1.0, 2: 0.4})
    sign_in(client, "sam")
    html = client.get(f"/review/{sid}").text
    turn = {n: re.search(rf'id="turn-{n}"(.*?)</li>', html, re.S) for n in (1, 2)}
    assert turn[1] and "unsure: please check" not in turn[1].group(1)
    assert turn[2] and "unsure: please check" in turn[2].group(1)
    sign_in(client, "amy")
    report = client.get(f"/sessions/{sid}/report").text
    notice = re.search(r'id="unsure-codes">(.*?)</p>', report, re.S)
    assert notice and 'href="#turn-2"' in notice.group(1) and "#turn-1" not in notice.group(1)
    assert "What went well" in report and 'id="well-1"' in report  # turn 1 helped and was sure
