"""Server-drawn SVG charts: structure, placement, links, accessibility and escaping."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from itertools import pairwise

import pytest

from mi_sim.scoring.charts import (
    SessionPoint,
    point_title,
    progress_svg,
    session_title,
    trajectory_svg,
)
from mi_sim.scoring.feedback import TrajectoryPoint

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def points_of(n: int) -> list[TrajectoryPoint]:
    return [TrajectoryPoint(t, 0.3 + 0.01 * t, 0.2, 0.1 + 0.005 * t, clinician=f"line {t}")
            for t in range(n)]


def links(root: ET.Element) -> list[ET.Element]:
    return root.findall(".//svg:a", NS)


def circles(element: ET.Element, series: str | None = None) -> list[ET.Element]:
    found = element.findall(".//svg:circle", NS)
    return [c for c in found if series is None or c.get("data-series") == series]


def data_circles(root: ET.Element, series: str | None = None) -> list[ET.Element]:
    """Circles of data points (inside links), not the legend's sample markers."""
    return [c for a in links(root) for c in circles(a, series)]


def series_path(root: ET.Element, series: str) -> ET.Element | None:
    return next((p for p in root.findall(".//svg:path", NS) if p.get("data-series") == series),
                None)


# -- trajectory --------------------------------------------------------------------------------


def test_the_trajectory_is_an_accessible_image_with_title_and_description() -> None:
    root = parse(trajectory_svg(points_of(4)))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    title = root.find(f"svg:title[@id='{title_id}']", NS)
    desc = root.find(f"svg:desc[@id='{desc_id}']", NS)
    assert title is not None and title.text
    assert desc is not None and "3 turns" in (desc.text or "")
    assert root.find("svg:script", NS) is None and root.find(".//svg:style", NS) is None
    assert root.find(".//svg:foreignObject", NS) is None


def test_every_point_links_to_its_turn() -> None:
    root = parse(trajectory_svg(points_of(5)))
    anchors = links(root)
    assert [a.get("href") for a in anchors] == [f"#turn-{t}" for t in range(5)]
    for anchor in anchors:
        assert len(circles(anchor)) == 3  # rapport, discord and readiness for that turn
        assert {c.get("data-turn") for c in circles(anchor)} == {anchor.get("data-turn")}


def test_a_custom_href_is_used_and_escaped() -> None:
    svg = trajectory_svg(points_of(2), href=lambda turn: f'/s/1?turn={turn}&x="<y>"')
    assert "&x=\"" not in svg and "<y>" not in svg
    assert [a.get("href") for a in links(parse(svg))] == ['/s/1?turn=0&x="<y>"',
                                                          '/s/1?turn=1&x="<y>"']


def test_each_point_has_a_title_with_its_values() -> None:
    point = TrajectoryPoint(4, 0.52, 0.1, 0.31)
    assert point_title(point) == "Turn 4: rapport 0.52, discord 0.10, readiness 0.31"
    root = parse(trajectory_svg([TrajectoryPoint(0, 0.3, 0.2, 0.1), point]))
    titles = [a.find("svg:title", NS) for a in links(root)]
    assert [t.text for t in titles if t is not None] == [
        "Start: rapport 0.30, discord 0.20, readiness 0.10",
        "Turn 4: rapport 0.52, discord 0.10, readiness 0.31"]


def test_a_script_tag_in_an_utterance_is_escaped_in_the_svg() -> None:
    evil = '<script>alert("x")</script> & "quotes"'
    svg = trajectory_svg([TrajectoryPoint(0, 0.3, 0.2, 0.1),
                          TrajectoryPoint(1, 0.2, 0.4, 0.1, clinician=evil)],
                         title="Report for <b>Sam</b>")
    assert "<script" not in svg and "<b>" not in svg
    root = parse(svg)
    assert not root.findall(".//svg:script", NS) and not root.findall(".//script")
    title = links(root)[1].find("svg:title", NS)
    assert title is not None and evil in (title.text or "")
    assert root.find("svg:title", NS).text == "Report for <b>Sam</b>"  # type: ignore[union-attr]


def test_points_are_placed_higher_for_higher_values() -> None:
    root = parse(trajectory_svg([TrajectoryPoint(0, 0.9, 0.1, 0.5),
                                 TrajectoryPoint(1, 0.2, 0.6, 0.5)]))
    first, second = links(root)
    y = {(a.get("data-turn"), c.get("data-series")): float(c.get("cy", "nan"))
         for a in (first, second) for c in circles(a)}
    assert y[("0", "rapport")] < y[("0", "readiness")] < y[("0", "discord")]
    assert y[("1", "rapport")] > y[("0", "rapport")]
    assert y[("1", "discord")] < y[("0", "discord")]
    assert y[("0", "readiness")] == y[("1", "readiness")]


def test_zero_and_one_sit_on_the_bottom_and_top_gridlines() -> None:
    root = parse(trajectory_svg([TrajectoryPoint(0, 1.0, 0.0, 0.0),
                                 TrajectoryPoint(1, 1.0, 0.0, 0.0)]))
    grid = root.find(".//svg:g[@data-role='grid']", NS)
    assert grid is not None
    grid_ys = sorted(float(line.get("y1", "nan")) for line in grid.findall("svg:line", NS))
    top, bottom = grid_ys[0], grid_ys[-1]
    assert [float(c.get("cy", "nan")) for c in data_circles(root, "rapport")] == [top, top]
    assert [float(c.get("cy", "nan")) for c in data_circles(root, "discord")] == [bottom, bottom]
    labels = [t.text for t in grid.findall("svg:text", NS)]
    assert labels == ["0", "0.25", "0.5", "0.75", "1"]


def test_later_turns_are_placed_further_right() -> None:
    root = parse(trajectory_svg(points_of(8)))
    xs = [float(c.get("cx", "nan")) for c in data_circles(root, "rapport")]
    assert xs == sorted(xs) and len(set(xs)) == 8
    width = float(root.get("width", "0"))
    assert all(0 < x < width for x in xs)


def test_the_three_series_differ_in_dash_pattern_and_marker_not_only_colour() -> None:
    root = parse(trajectory_svg(points_of(3)))
    paths = {s: series_path(root, s) for s in ("rapport", "discord", "readiness")}
    assert all(p is not None for p in paths.values())
    dashes = {p.get("stroke-dasharray") for p in paths.values() if p is not None}
    colours = {p.get("stroke") for p in paths.values() if p is not None}
    assert len(dashes) == 3 and len(colours) == 3
    markers = {(c.get("fill") == "#ffffff", c.get("r")) for c in
               (data_circles(root, s)[0] for s in ("rapport", "discord", "readiness"))}
    assert len(markers) == 3
    legend = root.find(".//svg:g[@data-role='legend']", NS)
    assert legend is not None
    assert [t.text for t in legend.findall("svg:text", NS)] == ["Rapport", "Discord", "Readiness"]


def test_an_empty_trajectory_says_there_are_no_turns() -> None:
    root = parse(trajectory_svg([]))
    assert links(root) == [] and data_circles(root) == []
    assert "No turns yet" in [t.text for t in root.iter(f"{SVG}text")]


def test_a_single_point_is_drawn_in_the_middle_without_a_line() -> None:
    root = parse(trajectory_svg([TrajectoryPoint(0, 0.3, 0.2, 0.1)], width=700))
    assert len(links(root)) == 1 and len(data_circles(root)) == 3
    assert root.findall(".//svg:path", NS) == []
    x = float(data_circles(root)[0].get("cx", "nan"))
    assert 300 < x < 400


def test_sixty_turns_keep_the_turn_labels_apart() -> None:
    root = parse(trajectory_svg(points_of(61)))
    assert len(links(root)) == 61 and len(data_circles(root)) == 183
    ticks = root.find(".//svg:g[@data-role='x-ticks']", NS)
    assert ticks is not None
    xs = [float(t.get("x", "nan")) for t in ticks.findall("svg:text", NS)]
    assert 5 <= len(xs) <= 20
    assert min(b - a for a, b in pairwise(xs)) >= 25


def test_a_missing_value_leaves_a_gap_in_its_line() -> None:
    points = [TrajectoryPoint(0, 0.3, 0.2, 0.1), TrajectoryPoint(1, 0.4, 0.2, None),
              TrajectoryPoint(2, 0.5, 0.2, 0.2), TrajectoryPoint(3, 0.5, 0.2, 0.3)]
    root = parse(trajectory_svg(points))
    readiness = series_path(root, "readiness")
    rapport = series_path(root, "rapport")
    assert readiness is not None and rapport is not None
    assert readiness.get("d", "").count("M") == 2  # a break after turn 0
    assert rapport.get("d", "").count("M") == 1
    assert len(data_circles(root, "readiness")) == 3
    assert "readiness unknown" in (links(root)[1].find("svg:title", NS).text or "")  # type: ignore[union-attr]


def test_plain_dicts_work_as_points_too() -> None:
    root = parse(trajectory_svg([{"turn": 0, "rapport": 0.3, "discord": 0.2, "readiness": 0.1},
                                 {"turn": 1, "rapport": 0.4, "discord": 0.1, "readiness": 0.2}]))
    assert len(data_circles(root)) == 6


def test_marks_flag_the_worst_moments() -> None:
    root = parse(trajectory_svg(points_of(10), marks={3: "#1", 7: "#2", 40: "#3"}))
    marked = [line.get("data-mark") for line in root.iter(f"{SVG}line") if line.get("data-mark")]
    assert marked == ["3", "7"]  # turn 40 is outside the chart


# -- progress ----------------------------------------------------------------------------------


def sessions(n: int) -> list[SessionPoint]:
    return [SessionPoint(f"s{i}", date(2025, 3, 1) + timedelta(days=i), 0.5 + 0.2 * i,
                         0.3 + 0.02 * i, 0.1 + 0.03 * i, label="Panic disorder")
            for i in range(n)]


def test_every_session_links_to_its_report() -> None:
    root = parse(progress_svg(sessions(4), href=lambda s: f"/sessions/{s.id}/report"))
    assert [a.get("href") for a in links(root)] == [f"/sessions/s{i}/report" for i in range(4)]
    for anchor in links(root):
        assert len(circles(anchor)) == 3
        title = anchor.find("svg:title", NS)
        assert title is not None and (title.text or "").startswith("Session ")


def test_progress_is_an_accessible_image_that_says_which_axis_is_which() -> None:
    root = parse(progress_svg(sessions(2)))
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    desc = root.find(f"svg:desc[@id='{desc_id}']", NS)
    assert desc is not None and "right axis" in (desc.text or "")
    assert root.find(f"svg:title[@id='{title_id}']", NS) is not None


def test_progress_threshold_lines_are_dashed_and_labelled() -> None:
    root = parse(progress_svg(sessions(3)))
    lines = {line.get("data-threshold"): line for line in root.iter(f"{SVG}line")
             if line.get("data-threshold")}
    assert set(lines) == {"r_to_q_fair", "r_to_q_good", "pct_complex_fair", "pct_complex_good"}
    assert all(line.get("stroke-dasharray") for line in lines.values())
    texts = [t.text for t in root.iter(f"{SVG}text")]
    for label in ("R:Q fair 1:1", "R:Q good 2:1", "% complex fair 40%", "% complex good 50%"):
        assert label in texts


def test_rq_is_drawn_on_its_own_axis_and_percentages_on_the_left() -> None:
    root = parse(progress_svg([SessionPoint("a", None, 2.0, 0.5, 0.4),
                               SessionPoint("b", None, 1.0, 0.4, 0.4)]))
    lines = {line.get("data-threshold"): float(line.get("y1", "nan"))
             for line in root.iter(f"{SVG}line") if line.get("data-threshold")}
    rq = [float(c.get("cy", "nan")) for c in data_circles(root, "r_to_q")]
    pc = [float(c.get("cy", "nan")) for c in data_circles(root, "pct_complex")]
    assert rq == pytest.approx([lines["r_to_q_good"], lines["r_to_q_fair"]])
    assert pc == pytest.approx([lines["pct_complex_good"], lines["pct_complex_fair"]])
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "3:1" in texts and "100%" in texts


def test_progress_leaves_gaps_for_missing_scores() -> None:
    data = [SessionPoint("a", date(2025, 1, 1), 1.0, 0.4, 0.2),
            SessionPoint("b", date(2025, 1, 2), None, None, 0.3),
            SessionPoint("c", date(2025, 1, 3), 1.5, 0.5, 0.4)]
    root = parse(progress_svg(data))
    assert len(data_circles(root, "r_to_q")) == 2 and len(data_circles(root, "readiness")) == 3
    assert series_path(root, "r_to_q") is None  # two isolated points: no line to draw
    readiness = series_path(root, "readiness")
    assert readiness is not None and readiness.get("d", "").count("M") == 1
    middle = links(root)[1].find("svg:title", NS)
    assert middle is not None and "no questions" in (middle.text or "")


def test_progress_places_better_scores_higher() -> None:
    root = parse(progress_svg([SessionPoint("a", None, 0.5, 0.2, 0.1),
                               SessionPoint("b", None, 2.5, 0.6, 0.7)]))
    for series in ("r_to_q", "pct_complex", "readiness"):
        first, second = (float(c.get("cy", "nan")) for c in data_circles(root, series))
        assert second < first


def test_progress_labels_dates_and_escapes_persona_names() -> None:
    svg = progress_svg([SessionPoint("a&b", date(2025, 3, 4), 1.0, 0.5, 0.2,
                                     label="<script>x</script>")])
    assert "<script" not in svg
    root = parse(svg)
    assert "4 Mar" in [t.text for t in root.iter(f"{SVG}text")]
    anchor = links(root)[0]
    assert anchor.get("href") == "#session-a&b"
    assert "<script>x</script>" in (anchor.find("svg:title", NS).text or "")  # type: ignore[union-attr]


def test_many_sessions_thin_out_the_date_labels_but_keep_the_newest() -> None:
    root = parse(progress_svg(sessions(40)))
    assert len(links(root)) == 40
    ticks = root.find(".//svg:g[@data-role='x-ticks']", NS)
    assert ticks is not None
    labels = ticks.findall("svg:text", NS)
    xs = [float(t.get("x", "nan")) for t in labels]
    assert len(labels) < 40 and labels[-1].text == "9 Apr"
    assert min(b - a for a, b in pairwise(xs)) >= 40


@pytest.mark.parametrize("count", [0, 1])
def test_progress_with_no_or_one_session_is_still_a_chart(count: int) -> None:
    root = parse(progress_svg(sessions(count)))
    assert len(links(root)) == count
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert ("No finished sessions yet" in texts) == (count == 0)


def test_session_title_reads_like_a_sentence() -> None:
    title = session_title(SessionPoint("x", date(2025, 3, 4), 1.5, 0.45, 0.31, "Panic"), 3)
    assert title == ("Session 3 · 4 Mar 2025 · Panic: R:Q 1.5:1, complex reflections 45%, "
                     "readiness at the end 0.31")


def test_coordinates_are_plain_numbers() -> None:
    svg = trajectory_svg(points_of(7)) + progress_svg(sessions(7))
    for value in re.findall(r'\b(?:cx|cy|x|y|x1|x2|y1|y2)="([^"]*)"', svg):
        float(value)
