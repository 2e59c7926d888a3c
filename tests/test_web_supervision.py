"""The supervision pages: agreement, progress (cohorts, trainees, charts), exports and
"code a transcript" — through the real app, on both databases."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import func, select
from supervision_helpers import T0, World, add_session, build_world
from web_fixtures import log_in

from mi_sim.scoring.globals import GlobalRatings
from mi_sim.services import Services
from mi_sim.services.exports import CSV_COLUMNS
from mi_sim.storage.db import reading
from mi_sim.storage.models import PracticeSession

pytest_plugins = ("storage_fixtures", "web_fixtures")

GOOD = [("question_open", "neutral"), ("reflection_simple", "sustain"),
        ("reflection_complex", "change"), ("question_closed", "neutral"), ("affirm", "change")]
BETTER = [("question_open", "neutral"), ("reflection_complex", "change"),
          ("reflection_complex", "change"), ("persuade", "sustain")]


@pytest.fixture
def world(synced: Services) -> World:
    return build_world(synced)


def sessions_stored(services: Services) -> int:
    with reading(services.sessions) as db:
        return db.scalar(select(func.count()).select_from(PracticeSession)) or 0


def figure(html: str, name: str, start: int = 0) -> str:
    found = re.search(rf'data-figure="{name}">([^<]*)<', html[start:])
    assert found, name
    return found.group(1).strip()


def section(html: str, ident: str) -> str:
    start = html.index(f'id="{ident}"')
    end = html.find("</section>", start)
    return html[start:end]


# --- agreement -------------------------------------------------------------------------


def reviewed_world(services: Services, world: World) -> tuple[str, str]:
    """sam reviews amy's session (two overrides, completed); sue reviews bea's (one, draft)."""
    s1 = add_session(services, world.amy, turns=GOOD)
    s2 = add_session(services, world.bea, turns=BETTER)
    services.reviews.set_code(world.sam, s1, 2, "reflection_complex")
    services.reviews.set_code(world.sam, s1, 4, "question_open")
    services.reviews.set_globals(world.sam, s1, GlobalRatings(4, 3, 4, 4))
    services.reviews.complete(world.sam, s1)
    services.reviews.set_code(world.sue, s2, 4, "confront")
    return s1, s2


def test_the_agreement_page_shows_the_services_figures_overall_and_per_reviewer(
        client: TestClient, synced: Services, world: World) -> None:
    reviewed_world(synced, world)
    log_in(client, "ada")
    page = client.get("/agreement")
    assert page.status_code == 200
    report = synced.reviews.agreement(world.admin)
    overall = section(page.text, "overall")
    assert figure(overall, "n") == str(report.overall.n) == "6"
    assert figure(overall, "kappa").startswith(f"{report.overall.kappa:.2f}")
    assert figure(overall, "observed") == f"{report.overall.observed * 100:.0f}%"
    assert str(escape(report.overall.interpretation)) in overall
    assert figure(page.text, "reviews") == str(report.reviews)
    # the confusion table: rows human, columns auto
    cell = re.search(r'data-human="reflection_complex" data-auto="reflection_simple">(\d+)<',
                     overall)
    assert cell and int(cell.group(1)) == report.overall.confusion.cell(
        "reflection_complex", "reflection_simple") == 1
    # per reviewer: both, for an admin
    for index, (name, agreement) in enumerate(report.by_reviewer.items(), start=1):
        block = section(page.text, f"reviewer-{index}")
        assert name in block and figure(block, "n") == str(agreement.n)
    assert "Implicit confirmation is on" in page.text


def test_the_toggle_counts_changed_lines_only_and_supervisors_see_their_own(
        client: TestClient, synced: Services, world: World) -> None:
    reviewed_world(synced, world)
    log_in(client, "sam")
    page = client.get("/agreement?implicit=0&reviewer=sue")  # a supervisor cannot pick sue
    assert page.status_code == 200
    report = synced.reviews.agreement(world.sam, implicit_confirmation=False)
    assert figure(section(page.text, "overall"), "n") == str(report.overall.n) == "2"
    assert "Implicit confirmation is off" in page.text
    assert "sue" not in page.text.split("<main", 1)[1]
    assert figure(page.text, "observed") == "0%"


def test_an_admin_can_narrow_agreement_to_one_reviewer(
        client: TestClient, synced: Services, world: World) -> None:
    reviewed_world(synced, world)
    log_in(client, "ada")
    page = client.get("/agreement?reviewer=sue")
    report = synced.reviews.agreement(world.admin, "sue")
    assert figure(section(page.text, "overall"), "n") == str(report.overall.n) == "1"
    assert "Reviews by sue" in page.text


def test_agreement_with_no_reviews_says_so(client: TestClient, world: World) -> None:
    log_in(client, "sam")
    page = client.get("/agreement")
    assert page.status_code == 200 and "no pairs to compare yet" in page.text


# --- progress ----------------------------------------------------------------------------


def test_progress_lists_only_the_supervisors_cohorts_and_admins_see_all(
        client: TestClient, world: World) -> None:
    log_in(client, "sam")
    page = client.get("/progress").text
    assert f'href="/progress/cohorts/{world.cohort_a}"' in page
    assert f'href="/progress/cohorts/{world.cohort_b}"' not in page
    assert client.get(f"/progress/cohorts/{world.cohort_b}").status_code == 404
    assert client.get(f"/progress/cohorts/{world.cohort_b}/export.csv").status_code == 404
    assert client.get("/progress/cohorts/nope").status_code == 404
    assert client.get("/progress/cohorts/99999").status_code == 404
    client.cookies.clear()
    log_in(client, "ada")
    page = client.get("/progress").text
    assert "Cohort A" in page and "Cohort B" in page


def test_the_cohort_overview_shows_each_trainee_with_the_services_figures(
        client: TestClient, synced: Services, world: World) -> None:
    add_session(synced, world.amy, turns=GOOD, ended_at=T0)
    add_session(synced, world.amy, turns=BETTER, ended_at=T0 + timedelta(days=1))
    log_in(client, "sam")
    page = client.get(f"/progress/cohorts/{world.cohort_a}")
    assert page.status_code == 200
    overview = synced.progress.cohort_overview(world.sam, world.cohort_a)
    for row in overview.rows:
        assert f'href="/progress/trainees/{row.trainee_id}"' in page.text
    amy = next(r for r in overview.rows if r.trainee == "amy")
    row = page.text[page.text.index(f'data-trainee="{amy.trainee_id}"'):]
    row = row[:row.index("</tr>")]
    assert f"{amy.mean_r_to_q:.1f}:1" in row and f"{amy.mean_pct_complex * 100:.0f}%" in row
    assert f"<td>{amy.sessions}</td>" in row
    assert "bea" not in page.text.split("<main", 1)[1]


def test_the_trainee_page_draws_charts_whose_points_link_to_each_session(
        client: TestClient, synced: Services, world: World) -> None:
    ids = [add_session(synced, world.amy, turns=turns, ended_at=T0 + timedelta(days=n))
           for n, turns in enumerate((GOOD, BETTER, GOOD))]
    log_in(client, "sam")
    page = client.get(f"/progress/trainees/{world.amy.id}")
    assert page.status_code == 200
    svgs = re.findall(r"<svg\b.*?</svg>", page.text, re.S)
    assert len(svgs) == 2
    scores, adherence = svgs
    assert 'role="img"' in scores and 'data-series="r_to_q"' in scores
    assert 'data-series="pct_complex"' in scores and 'data-series="readiness"' in scores
    assert 'data-series="adherent"' in adherence and 'data-series="non_adherent"' in adherence
    for svg in svgs:
        links = re.findall(r'<a href="([^"]+)" data-session', svg)
        assert links == [f"/review/{sid}" for sid in ids]
    # the adherence counts are the stored ones (BETTER has one persuade)
    assert re.search(rf'data-series="non_adherent" data-session="{ids[1]}" data-value="1"',
                     adherence)


def test_a_trainee_outside_the_supervisors_cohorts_is_not_found(
        client: TestClient, synced: Services, world: World) -> None:
    add_session(synced, world.bea)
    log_in(client, "sam")
    assert client.get(f"/progress/trainees/{world.bea.id}").status_code == 404
    assert client.get(f"/progress/trainees/{world.tom.id}").status_code == 404
    assert client.get("/progress/trainees/x1").status_code == 404
    empty = client.get(f"/progress/trainees/{world.abe.id}")
    assert empty.status_code == 200 and "<svg" not in empty.text
    assert "nothing to chart" in empty.text


# --- exports -----------------------------------------------------------------------------


def test_a_trainee_exports_their_own_session_as_csv_and_json(
        client: TestClient, synced: Services, world: World) -> None:
    sid = add_session(synced, world.amy, turns=GOOD)
    log_in(client, "amy")
    response = client.get(f"/sessions/{sid}/export.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="mi-sim-session-{sid}.csv"')
    table = list(csv.reader(io.StringIO(response.text)))
    assert tuple(table[0]) == CSV_COLUMNS and len(table) == 1 + len(GOOD)
    assert response.text == synced.exports.session_csv(world.amy, sid)

    response = client.get(f"/sessions/{sid}/export.json")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="mi-sim-session-{sid}.json"')
    data = response.json()
    assert data == json.loads(json.dumps(synced.exports.session_json(world.amy, sid)))
    assert data["session"]["id"] == sid and len(data["turns"]) == len(GOOD)
    assert {"format", "version", "session", "feedback", "turns", "reviews"} <= data.keys()


def test_another_persons_session_is_not_found_for_export(
        client: TestClient, synced: Services, world: World) -> None:
    mine = add_session(synced, world.amy)
    other = add_session(synced, world.bea)
    log_in(client, "abe")
    for sid in (mine, other, "no-such-session"):
        assert client.get(f"/sessions/{sid}/export.csv").status_code == 404
        assert client.get(f"/sessions/{sid}/export.json").status_code == 404
    client.cookies.clear()
    log_in(client, "sam")  # supervises amy, not bea
    assert client.get(f"/sessions/{mine}/export.csv").status_code == 200
    assert client.get(f"/sessions/{other}/export.json").status_code == 404


def test_the_cohort_export_streams_the_cohorts_turns_as_csv(
        client: TestClient, synced: Services, world: World) -> None:
    s1 = add_session(synced, world.amy, turns=GOOD)
    s2 = add_session(synced, world.abe, turns=BETTER)
    add_session(synced, world.bea)
    log_in(client, "sam")
    with client.stream("GET", f"/progress/cohorts/{world.cohort_a}/export.csv") as response:
        assert response.status_code == 200
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.headers["content-disposition"] == (
            f'attachment; filename="mi-sim-cohort-{world.cohort_a}.csv"')
        assert "content-length" not in response.headers  # streamed, not buffered
        text = "".join(response.iter_text())
    table = list(csv.DictReader(io.StringIO(text)))
    assert tuple(csv.reader(io.StringIO(text)).__next__()) == CSV_COLUMNS
    assert {r["session_id"] for r in table} == {s1, s2}
    assert len(table) == len(GOOD) + len(BETTER)
    assert text == "".join(synced.exports.cohort_csv(world.sam, world.cohort_a))


# --- code a transcript ---------------------------------------------------------------------


TRANSCRIPT = ("T: What brings you in today?\n"
              "C: My doctor said I should cut down on drinking.\n"
              "T: You're here because someone else is worried.\n"
              "C: I suppose I want to feel better too.\n")


def test_a_pasted_transcript_is_coded_stored_and_opens_on_the_review_page(
        client: TestClient, synced: Services, world: World) -> None:
    token = log_in(client, "sam")
    form = client.get("/import").text
    assert 'for="import-text"' in form and 'type="file"' in form and 'for="import-file"' in form
    assert "Therapist:" in form and "speaker" in form
    response = client.post("/import", data={"csrf_token": token, "title": "Intake",
                                            "transcript": TRANSCRIPT},
                           files={"file": ("", b"", "application/octet-stream")})
    assert response.status_code == 303, response.text
    sid = response.headers["location"].removeprefix("/review/")
    detail = synced.reviews.review_detail(world.sam, sid)
    assert detail.session.title == "Intake"
    assert [t.clinician for t in detail.turns][:2] == [
        "What brings you in today?", "You're here because someone else is worried."]


def test_an_uploaded_csv_file_is_imported(client: TestClient, synced: Services,
                                          world: World) -> None:
    token = log_in(client, "ivy")
    body = b'speaker,text\ntherapist,"How are things?"\nclient,"Not bad, really."\n'
    response = client.post("/import", data={"csrf_token": token, "title": ""},
                           files={"file": ("intake-2.csv", body, "text/csv")})
    assert response.status_code == 303
    sid = response.headers["location"].removeprefix("/review/")
    assert synced.reviews.review_detail(world.ivy, sid).session.title == "intake-2"


def test_a_malformed_transcript_lists_its_problems_by_line_keeps_the_text_and_stores_nothing(
        client: TestClient, synced: Services, world: World) -> None:
    token = log_in(client, "sam")
    before = sessions_stored(synced)
    text = "T: Hello there.\nDoctor: How are you?\n<script>alert(1)</script>\n"
    response = client.post("/import", data={"csrf_token": token, "transcript": text,
                                            "title": "Broken"})
    assert response.status_code == 422
    assert "line 2: unknown speaker &#39;Doctor&#39;" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text  # kept, escaped
    assert 'value="Broken"' in response.text
    assert sessions_stored(synced) == before
    empty = client.post("/import", data={"csrf_token": token, "transcript": "  "})
    assert empty.status_code == 422 and "Paste a transcript or choose a file" in empty.text
    too_big = client.post("/import", data={"csrf_token": token},
                          files={"file": ("big.txt", b"T: hi\n" * 200_000, "text/plain")})
    assert too_big.status_code == 413 and "larger than" in too_big.text
    assert sessions_stored(synced) == before


def test_a_script_in_an_imported_transcript_stays_text(
        client: TestClient, synced: Services, world: World) -> None:
    token = log_in(client, "sam")
    response = client.post("/import", data={
        "csrf_token": token, "title": "<b>x</b>",
        "transcript": "T: <script>alert(1)</script> how are you?\nC: Fine.\n"})
    assert response.status_code == 303
    sid = response.headers["location"].removeprefix("/review/")
    data = client.get(f"/sessions/{sid}/export.json").json()
    assert data["turns"][0]["clinician"] == "<script>alert(1)</script> how are you?"


def test_an_import_without_the_csrf_token_is_refused(client: TestClient, synced: Services,
                                                     world: World) -> None:
    log_in(client, "sam")
    before = sessions_stored(synced)
    response = client.post("/import", data={"csrf_token": "forged", "transcript": TRANSCRIPT})
    assert response.status_code == 403 and sessions_stored(synced) == before


# --- who may see what ------------------------------------------------------------------------

SUPERVISOR_PAGES = ("/agreement", "/progress", "/progress/cohorts/{a}",
                    "/progress/trainees/{amy}", "/progress/cohorts/{a}/export.csv")


@pytest.mark.parametrize("path", [*SUPERVISOR_PAGES, "/import"])
@pytest.mark.parametrize("who", ["trainee", "instructor", "supervisor", "admin", None])
def test_role_by_route(client: TestClient, world: World, path: str, who: str | None) -> None:
    url = path.format(a=world.cohort_a, amy=world.amy.id)
    name = {"trainee": "amy", "instructor": "ivy", "supervisor": "sam", "admin": "ada",
            None: None}[who]
    if name is None:
        response = client.get(url)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")
        return
    log_in(client, name)
    allowed = who in ("supervisor", "admin") or (who == "instructor" and path == "/import")
    assert client.get(url).status_code == (200 if allowed else 403)


def test_a_trainee_cannot_import_even_with_a_valid_form(
        client: TestClient, synced: Services, world: World) -> None:
    token = log_in(client, "amy")
    before = sessions_stored(synced)
    response = client.post("/import", data={"csrf_token": token, "transcript": TRANSCRIPT})
    assert response.status_code == 403 and sessions_stored(synced) == before


def test_logged_out_exports_redirect_to_login(client: TestClient, synced: Services,
                                              world: World) -> None:
    sid = add_session(synced, world.amy)
    for url in (f"/sessions/{sid}/export.csv", f"/sessions/{sid}/export.json"):
        response = client.get(url)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")


# --- the adherence chart (pure) ----------------------------------------------------------


def test_the_adherence_chart_links_each_session_escapes_text_and_leaves_gaps() -> None:
    from mi_sim.scoring.progress_charts import AdherencePoint, adherence_svg

    svg = adherence_svg([AdherencePoint("a", T0, 3, 1, "<b>x</b>"),
                         AdherencePoint("b", T0 + timedelta(days=1), None, 0, "y")],
                        href=lambda p: f"/review/{p.id}?x=1&y=2")
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert "<b>" not in svg and "&lt;b&gt;x&lt;/b&gt;" in svg
    assert re.findall(r'<a href="([^"]+)"', svg) == ["/review/a?x=1&amp;y=2",
                                                      "/review/b?x=1&amp;y=2"]
    assert svg.count('data-series="adherent" data-session') == 1  # b's count is unknown
    assert svg.count('data-series="non_adherent" data-session') == 2
    empty = adherence_svg([])
    assert "No finished sessions yet" in empty and "<a " not in empty
