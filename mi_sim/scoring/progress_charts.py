"""Supervisor progress charts that `charts.progress_svg` does not draw: MI-adherent vs
MI-non-adherent counts per session.

    svg = adherence_svg([AdherencePoint("s1", when, 3, 1, "Panic disorder")],
                        href=lambda p: f"/review/{p.id}")

Pure: numbers in, SVG text out, in the same style as `mi_sim.scoring.charts` (accessible image,
escaped text, one link per session, series told apart by colour, dash and marker).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from mi_sim.scoring.charts import (
    GRID,
    INK,
    MUTED,
    Series,
    _e,
    _f,
    _hit_column,
    _legend,
    _long_date,
    _marker,
    _open_svg,
    _path,
    _text,
    session_axis,
)

ADHERENCE_SERIES = (
    Series("adherent", "MI-adherent", "#009E73", None, 4.5, False),
    Series("non_adherent", "MI-non-adherent", "#D55E00", "8 4", 4.5, True),
)


@dataclass(frozen=True, slots=True)
class AdherencePoint:
    """One ended session: its id, when it ended, its label and the two counts (None = unknown,
    a gap in the line)."""

    id: str
    when: date | datetime | str | None = None
    adherent: int | None = None
    non_adherent: int | None = None
    label: str = ""


def adherence_title(point: AdherencePoint, order: int) -> str:
    head = " · ".join(p for p in (f"Session {order}", _long_date(point.when), point.label) if p)
    a = "unknown" if point.adherent is None else str(point.adherent)
    n = "unknown" if point.non_adherent is None else str(point.non_adherent)
    return f"{head}: MI-adherent {a}, MI-non-adherent {n}"


def _desc(points: Sequence[AdherencePoint]) -> str:
    if not points:
        return "No finished sessions yet, so there is nothing to chart."
    n = len(points)
    return (f"MI-adherent and MI-non-adherent utterances in each of {n} "
            f"session{'s' if n != 1 else ''}, oldest first. "
            + adherence_title(points[-1], n) + ".")


def adherence_svg(points: Sequence[AdherencePoint],
                  href: Callable[[AdherencePoint], str] = lambda p: f"#session-{p.id}",
                  width: int = 720, height: int = 280, *,
                  title: str = "MI-adherent vs MI-non-adherent across sessions",
                  id_prefix: str = "adherence") -> str:
    """The two counts per session on one axis from 0 to the largest count (at least 4)."""
    data = list(points)
    out = _open_svg(id_prefix, width, height, title, _desc(data))
    left, right, bottom = 52.0, 18.0, 46.0
    legend, legend_height = _legend(ADHERENCE_SERIES, left, 16.0, width - left - right)
    top = 16.0 + legend_height + 8.0
    plot_w, plot_h = max(10.0, width - left - right), max(10.0, height - top - bottom)
    plot_bottom = top + plot_h
    values = [v for p in data for v in (p.adherent, p.non_adherent) if v is not None]
    y_max = max(4, max(values, default=0))
    step = max(1, math.ceil(y_max / 4))
    y_max = step * math.ceil(y_max / step)

    def y_of(value: float) -> float:
        return top + (1.0 - min(max(value / y_max, 0.0), 1.0)) * plot_h

    out.extend(legend)
    out.append('<g data-role="grid">')
    for tick in range(0, y_max + 1, step):
        y = y_of(tick)
        out.append(f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(left + plot_w)}" y2="{_f(y)}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(_text(left - 6, y + 4, str(tick), anchor="end"))
    out.append("</g>")
    out.append(_text(14, top + plot_h / 2, "Utterances", anchor="middle",
                     extra=f' transform="rotate(-90 14 {_f(top + plot_h / 2)})"'))
    out.append(f'<line x1="{_f(left)}" y1="{_f(plot_bottom)}" x2="{_f(left + plot_w)}" '
               f'y2="{_f(plot_bottom)}" stroke="{MUTED}" stroke-width="1"/>')
    out.append(_text(left + plot_w / 2, height - 8, "Session (oldest → newest)",
                     anchor="middle"))
    if not data:
        out.append(_text(left + plot_w / 2, top + plot_h / 2, "No finished sessions yet",
                         size=14, anchor="middle", fill=INK))
        out.append("</svg>")
        return "\n".join(out)

    n = len(data)
    x_of = session_axis([p.when for p in data], left, plot_w, plot_bottom, out)

    def value_of(point: AdherencePoint, key: str) -> int | None:
        return point.adherent if key == "adherent" else point.non_adherent

    for series in ADHERENCE_SERIES:
        xy: list[tuple[float, float] | None] = []
        for index, p in enumerate(data):
            value = value_of(p, series.key)
            xy.append(None if value is None else (x_of(index), y_of(value)))
        path = _path(series, xy)
        if path:
            out.append(path)

    scale = min(max(plot_w / max(1, n) / 12.0, 0.6), 1.0)
    out.append('<g data-role="points">')
    for index, p in enumerate(data):
        x = x_of(index)
        x0 = left if index == 0 else (x_of(index - 1) + x) / 2
        x1 = left + plot_w if index == n - 1 else (x + x_of(index + 1)) / 2
        out.append(f'<a href="{_e(href(p))}" data-session="{_e(p.id)}">')
        out.append(f"<title>{_e(adherence_title(p, index + 1))}</title>")
        out.append(_hit_column(x0, x1, top, plot_bottom))
        for series in ADHERENCE_SERIES:
            value = value_of(p, series.key)
            if value is not None:
                out.append(_marker(series, x, y_of(value), series.radius * scale,
                                   f' data-session="{_e(p.id)}" data-value="{value}"'))
        out.append("</a>")
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
