"""Server-drawn SVG charts for the feedback report and the trainee's history.

Pure functions returning SVG text: no JavaScript, no external fonts or stylesheets, presentation
attributes only, every piece of text escaped (utterances and labels may contain markup). Each
chart is an accessible image (`role="img"`, `aria-labelledby` pointing at its `<title>` and
`<desc>`), and each data point is a link with its own `<title>` tooltip. The series differ in
colour (Okabe-Ito palette, safe for colour-blind readers) and in dash pattern and marker, so the
charts read in greyscale too.

    trajectory_svg(feedback.trajectory, href=lambda turn: f"#turn-{turn}")
    progress_svg([SessionPoint("s1", date(2025, 3, 4), 1.2, 0.45, 0.3)],
                 href=lambda s: f"/sessions/{s.id}/report")
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from typing import Any

from mi_sim.scoring.feedback import TrajectoryPoint
from mi_sim.scoring.miti import PCT_COMPLEX, R_TO_Q

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
INK = "#1f2933"
MUTED = "#52606d"
GRID = "#d9dee3"
HALO = (' stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'
        ' pointer-events="none"')
CHAR_WIDTH = 6.4  # rough width of one character at 11-12 px, for laying out labels


@dataclass(frozen=True, slots=True)
class Series:
    key: str
    label: str
    colour: str
    dash: str | None  # stroke-dasharray, None for solid
    radius: float
    hollow: bool


TRAJECTORY_SERIES = (
    Series("rapport", "Rapport", "#0072B2", None, 4.5, False),
    Series("discord", "Discord", "#D55E00", "8 4", 4.5, True),
    Series("readiness", "Readiness", "#009E73", "2 3", 3.5, False),
)
PROGRESS_SERIES = (
    Series("r_to_q", "R:Q (right axis)", "#0072B2", None, 4.5, False),
    Series("pct_complex", "% complex reflections", "#D55E00", "8 4", 4.5, True),
    Series("readiness", "Readiness at end (%)", "#009E73", "2 3", 3.5, False),
)


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _f(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return low if value < low else high if value > high else value


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _shorten(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text(x: float, y: float, content: str, *, size: int = 11, anchor: str = "start",
          fill: str = MUTED, weight: str | None = None, extra: str = "") -> str:
    bold = f' font-weight="{weight}"' if weight else ""
    return (f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" text-anchor="{anchor}" '
            f'fill="{fill}"{bold}{extra}>{_e(content)}</text>')


def _open_svg(prefix: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" '
        f'aria-labelledby="{_e(prefix)}-title {_e(prefix)}-desc" font-family="{_e(FONT)}">',
        f'<title id="{_e(prefix)}-title">{_e(title)}</title>',
        f'<desc id="{_e(prefix)}-desc">{_e(desc)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]


def _marker(series: Series, x: float, y: float, radius: float, extra: str = "") -> str:
    fill = "#ffffff" if series.hollow else series.colour
    width = 2 if series.hollow else 1.2
    stroke = series.colour if series.hollow else "#ffffff"
    return (f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(radius)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{width}" data-series="{series.key}"{extra}/>')


def _path(series: Series, xy: Sequence[tuple[float, float] | None], width: float = 2.2) -> str:
    """One path per series; None values break the line, leaving a gap."""
    commands: list[str] = []
    pen_down = False
    for point in xy:
        if point is None:
            pen_down = False
            continue
        commands.append(f"{'L' if pen_down else 'M'}{_f(point[0])} {_f(point[1])}")
        pen_down = True
    if not any(c.startswith("L") for c in commands):
        return ""
    dash = f' stroke-dasharray="{series.dash}"' if series.dash else ""
    return (f'<path d="{" ".join(commands)}" fill="none" stroke="{series.colour}" '
            f'stroke-width="{_f(width)}" stroke-linejoin="round" stroke-linecap="round"{dash} '
            f'data-series="{series.key}"/>')


def _legend(series: Sequence[Series], left: float, top: float, width: float) -> tuple[list[str],
                                                                                     float]:
    """Legend entries laid out in rows; returns the elements and the height used."""
    parts: list[str] = ['<g data-role="legend">']
    x, y = left, top
    for s in series:
        entry = 34 + len(s.label) * CHAR_WIDTH + 18
        if x > left and x + entry > left + width:
            x, y = left, y + 18
        dash = f' stroke-dasharray="{s.dash}"' if s.dash else ""
        parts.append(f'<line x1="{_f(x)}" y1="{_f(y)}" x2="{_f(x + 28)}" y2="{_f(y)}" '
                     f'stroke="{s.colour}" stroke-width="2.2"{dash}/>')
        parts.append(_marker(s, x + 14, y, s.radius))
        parts.append(_text(x + 34, y + 4, s.label, size=12, fill=INK))
        x += entry
    parts.append("</g>")
    return parts, y - top + 18


def _tick_step(span: int, slots: int) -> int:
    for magnitude in (1, 10, 100, 1000):
        for base in (1, 2, 5):
            step = base * magnitude
            if span / step <= slots:
                return step
    return max(1, span)


def _label_box(x: float, y: float, content: str, colour: str, anchor: str = "start") -> str:
    """A small threshold label on a white box, readable over lines and points."""
    width = len(content) * 5.6 + 6
    x0 = x - width + 3 if anchor == "end" else x - 3
    return (f'<rect x="{_f(x0)}" y="{_f(y - 10)}" width="{_f(width)}" height="13" rx="2" '
            f'fill="#ffffff" fill-opacity="0.85" pointer-events="none"/>'
            + _text(x, y, content, size=10, anchor=anchor, fill=colour,
                    extra=' pointer-events="none"'))


def _hit_column(x0: float, x1: float, top: float, bottom: float) -> str:
    return (f'<rect x="{_f(x0)}" y="{_f(top)}" width="{_f(max(1.0, x1 - x0))}" '
            f'height="{_f(bottom - top)}" fill="#000000" fill-opacity="0" />')


# --------------------------------------------------------------------------------------------
# The frame of a 0–1 chart over turns (the trajectory, the what-if branches)


@dataclass(frozen=True, slots=True)
class TurnAxis:
    """The texts of a chart over turns, and the few offsets in which its charts differ."""

    x_label: str
    empty: str  # written in the middle of the plot when there are no turns
    y_label: str | None = None  # rotated, left of the 0–1 ticks
    x_label_rise: float = 8.0  # baseline of `x_label` above the bottom edge
    tick_slot: float = 34.0  # the least width a turn label on the x axis may have
    tick_drop: float = 17.0  # baseline of those labels below the axis
    every_turn: bool = False  # tick any whole turn from first to last, not only the given ones
    mark_rise: float = 2.0  # how far a mark's line reaches above the plot
    mark_opacity: float = 0.35
    mark_dash: str = "1 3"
    marks_above: bool = True  # labels centred above the plot (two rows), else inside by the line


def turn_axis(out: list[str], axis: TurnAxis, turns: Sequence[int], *, left: float,
              top: float, plot_w: float, plot_h: float, height: int,
              marks: Sequence[tuple[int, str, str]] = ()
              ) -> tuple[Callable[[int], float], Callable[[float], float]] | None:
    """Draw the frame of a 0–1 chart over `turns` (sorted) into `out`: the y grid and ticks, the
    x axis and its label, then the x ticks and each mark (turn, label, data-mark key) that
    falls on the chart. Returns the x position of a turn and the y position of a value, or
    None when there are no turns (the plot then says `axis.empty`)."""
    plot_bottom = top + plot_h

    def y_of(value: float) -> float:
        return top + (1.0 - _clamp(value)) * plot_h

    out.append('<g data-role="grid">')
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = y_of(tick)
        out.append(f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(left + plot_w)}" y2="{_f(y)}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(_text(left - 6, y + 4, f"{tick:g}", anchor="end"))
    out.append("</g>")
    if axis.y_label is not None:
        out.append(_text(14, top + plot_h / 2, axis.y_label, anchor="middle",
                         extra=f' transform="rotate(-90 14 {_f(top + plot_h / 2)})"'))
    out.append(f'<line x1="{_f(left)}" y1="{_f(plot_bottom)}" x2="{_f(left + plot_w)}" '
               f'y2="{_f(plot_bottom)}" stroke="{MUTED}" stroke-width="1"/>')
    out.append(_text(left + plot_w / 2, height - axis.x_label_rise, axis.x_label,
                     anchor="middle"))
    if not turns:
        out.append(_text(left + plot_w / 2, top + plot_h / 2, axis.empty, size=14,
                         anchor="middle", fill=INK))
        return None

    first, last = turns[0], turns[-1]
    span = last - first
    pad = min(14.0, plot_w / 4)

    def x_of(turn: int) -> float:
        if span == 0:
            return left + plot_w / 2
        return left + pad + (turn - first) / span * (plot_w - 2 * pad)

    step = _tick_step(span, max(1, int(plot_w // axis.tick_slot)))
    out.append('<g data-role="x-ticks">')
    for turn in range(first, last + 1) if axis.every_turn else turns:
        if (turn - first) % step == 0:
            x = x_of(turn)
            out.append(f'<line x1="{_f(x)}" y1="{_f(plot_bottom)}" x2="{_f(x)}" '
                       f'y2="{_f(plot_bottom + 4)}" stroke="{MUTED}" stroke-width="1"/>')
            out.append(_text(x, plot_bottom + axis.tick_drop, str(turn), anchor="middle"))
    out.append("</g>")

    row_end = [-math.inf, -math.inf]  # right edge of the last label in each of two rows
    for turn, label, key in marks:
        if not first <= turn <= last:
            continue
        x = x_of(turn)
        out.append(f'<line x1="{_f(x)}" y1="{_f(top - axis.mark_rise)}" x2="{_f(x)}" '
                   f'y2="{_f(plot_bottom)}" stroke="{INK}" '
                   f'stroke-opacity="{axis.mark_opacity:g}" stroke-width="1" '
                   f'stroke-dasharray="{axis.mark_dash}" data-mark="{_e(key)}"/>')
        if axis.marks_above:
            half = len(label) * CHAR_WIDTH / 2
            row = 0 if x - half > row_end[0] or x - half <= row_end[1] else 1
            row_end[row] = x + half
            out.append(_text(x, top - 3 - 11 * row, label, size=10, anchor="middle",
                             fill=INK, extra=HALO))
        else:
            anchor = "end" if x > left + plot_w - len(label) * CHAR_WIDTH else "start"
            out.append(_text(x + (-4 if anchor == "end" else 4), top + 6, label, size=10,
                             anchor=anchor, fill=INK, extra=HALO))
    return x_of, y_of


# --------------------------------------------------------------------------------------------
# Trajectory of one conversation


TRAJECTORY_AXIS = TurnAxis("Turn (0 = before you spoke)", "No turns yet", y_label="Level (0–1)")


@dataclass(frozen=True, slots=True)
class _Point:
    turn: int
    values: dict[str, float | None]
    clinician: str


def _as_point(point: TrajectoryPoint | Mapping[str, Any]) -> _Point:
    if isinstance(point, Mapping):
        return _Point(int(point.get("turn") or 0),
                      {k: _number(point.get(k)) for k in ("rapport", "discord", "readiness")},
                      str(point.get("clinician") or ""))
    return _Point(int(point.turn), {"rapport": _number(point.rapport),
                                    "discord": _number(point.discord),
                                    "readiness": _number(point.readiness)},
                  point.clinician or "")


def _level(value: float | None) -> str:
    return "unknown" if value is None else f"{value:.2f}"


def point_title(point: TrajectoryPoint | Mapping[str, Any]) -> str:
    """The tooltip of one point: "Turn 4: rapport 0.52, discord 0.10, readiness 0.31"."""
    p = _as_point(point)
    head = "Start" if p.turn == 0 else f"Turn {p.turn}"
    text = (f"{head}: rapport {_level(p.values['rapport'])}, discord "
            f"{_level(p.values['discord'])}, readiness {_level(p.values['readiness'])}")
    return text + (f' — you said "{_shorten(p.clinician, 80)}"' if p.clinician else "")


def _trajectory_desc(points: Sequence[_Point]) -> str:
    if not points:
        return "No turns yet, so there is nothing to chart."
    turns = max(p.turn for p in points)
    pieces = []
    for key in ("rapport", "discord", "readiness"):
        known = [p.values[key] for p in points if p.values[key] is not None]
        if known:
            first, last = known[0], known[-1]
            pieces.append(f"{key} {first:.2f} to {last:.2f}" if len(known) > 1
                          else f"{key} {first:.2f}")
    return (f"The patient's rapport, discord and readiness (each 0 to 1) across {turns} "
            f"turn{'s' if turns != 1 else ''}: " + "; ".join(pieces) + ". Each point links to "
            "its line in the transcript.")


def trajectory_svg(points: Sequence[TrajectoryPoint | Mapping[str, Any]],
                   href: Callable[[int], str] = lambda turn: f"#turn-{turn}",
                   width: int = 720, height: int = 300, *,
                   title: str = "How the patient responded, turn by turn",
                   id_prefix: str = "trajectory",
                   marks: Mapping[int, str] | None = None) -> str:
    """Rapport, discord and readiness after each turn (turn 0 = the start) on a 0–1 scale.

    `href(turn)` is the link of each point; `marks` maps turns to a short label (e.g. the rank
    of a worst moment) drawn as a faint vertical marker.
    """
    data = sorted((_as_point(p) for p in points), key=lambda p: p.turn)
    out = _open_svg(id_prefix, width, height, title, _trajectory_desc(data))
    left, right, bottom = 52.0, 18.0, 46.0
    legend, legend_height = _legend(TRAJECTORY_SERIES, left, 16.0, width - left - right)
    top = 16.0 + legend_height + 8.0
    plot_w, plot_h = max(10.0, width - left - right), max(10.0, height - top - bottom)
    plot_bottom = top + plot_h
    out.extend(legend)
    flags = [(turn, label, str(turn)) for turn, label in sorted((marks or {}).items())]
    axes = turn_axis(out, TRAJECTORY_AXIS, [p.turn for p in data], left=left, top=top,
                     plot_w=plot_w, plot_h=plot_h, height=height, marks=flags)
    if axes is None:
        out.append("</svg>")
        return "\n".join(out)
    x_of, y_of = axes

    for series in TRAJECTORY_SERIES:
        xy = [None if p.values[series.key] is None
              else (x_of(p.turn), y_of(p.values[series.key] or 0.0)) for p in data]
        path = _path(series, xy)
        if path:
            out.append(path)

    spacing = plot_w / max(1, len(data))
    scale = _clamp(spacing / 12.0, 0.6, 1.0)
    out.append('<g data-role="points">')
    for index, p in enumerate(data):
        x = x_of(p.turn)
        x0 = left if index == 0 else (x_of(data[index - 1].turn) + x) / 2
        x1 = left + plot_w if index == len(data) - 1 else (x + x_of(data[index + 1].turn)) / 2
        out.append(f'<a href="{_e(href(p.turn))}" data-turn="{p.turn}">')
        tip = point_title({"turn": p.turn, **p.values, "clinician": p.clinician})
        out.append(f"<title>{_e(tip)}</title>")
        out.append(_hit_column(x0, x1, top, plot_bottom))
        for series in TRAJECTORY_SERIES:
            value = p.values[series.key]
            if value is not None:
                out.append(_marker(series, x, y_of(value), series.radius * scale,
                                   f' data-turn="{p.turn}" data-value="{value:.3f}"'))
        out.append("</a>")
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Progress across sessions


@dataclass(frozen=True, slots=True)
class SessionPoint:
    """One finished session on the progress chart. `when` may be a date, a datetime, text or
    None; `label` is e.g. the persona's name. Missing scores are None and leave a gap."""

    id: str
    when: date | datetime | str | None = None
    r_to_q: float | None = None
    pct_complex: float | None = None
    readiness: float | None = None
    label: str = ""


def _as_session(item: SessionPoint | Mapping[str, Any]) -> SessionPoint:
    if isinstance(item, SessionPoint):
        return item
    return SessionPoint(id=str(item.get("id", "")), when=item.get("when"),
                        r_to_q=_number(item.get("r_to_q")),
                        pct_complex=_number(item.get("pct_complex")),
                        readiness=_number(item.get("readiness")),
                        label=str(item.get("label") or ""))


def _short_date(when: date | datetime | str | None, order: int) -> str:
    if isinstance(when, date):
        return f"{when.day} {when:%b}"
    if isinstance(when, str) and when.strip():
        return _shorten(when, 10)
    return f"#{order}"


def _long_date(when: date | datetime | str | None) -> str:
    if isinstance(when, date):
        return f"{when.day} {when:%b %Y}"
    return _shorten(when, 30) if isinstance(when, str) else ""


def session_title(session: SessionPoint | Mapping[str, Any], order: int) -> str:
    """The tooltip of one session's points."""
    s = _as_session(session)
    head = " · ".join(p for p in (f"Session {order}", _long_date(s.when), s.label) if p)
    rq = "no questions" if s.r_to_q is None else f"{s.r_to_q:.1f}:1"
    pc = "no reflections" if s.pct_complex is None else f"{s.pct_complex:.0%}"
    rd = "unknown" if s.readiness is None else f"{s.readiness:.2f}"
    return f"{head}: R:Q {rq}, complex reflections {pc}, readiness at the end {rd}"


def _progress_desc(sessions: Sequence[SessionPoint]) -> str:
    if not sessions:
        return "No finished sessions yet, so there is no progress to chart."
    n = len(sessions)
    return (f"Your scores across {n} session{'s' if n != 1 else ''}, oldest first: reflections "
            "per question on the right axis (fair 1:1, good 2:1), % complex reflections on the "
            "left axis (fair 40%, good 50%), and the patient's readiness at the end on the left "
            "axis as a percentage. " + session_title(sessions[-1], n) + ".")


def progress_svg(sessions: Sequence[SessionPoint | Mapping[str, Any]],
                 href: Callable[[SessionPoint], str] = lambda s: f"#session-{s.id}",
                 width: int = 720, height: int = 320, *,
                 title: str = "Your MI scores across sessions",
                 id_prefix: str = "progress") -> str:
    """R:Q (right axis, 0 to at least 3), % complex reflections and end readiness (left axis,
    0–100 %) for each session in the given order, with the MITI fair/good thresholds dashed."""
    data = [_as_session(s) for s in sessions]
    out = _open_svg(id_prefix, width, height, title, _progress_desc(data))
    left, right, bottom = 52.0, 52.0, 46.0
    legend, legend_height = _legend(PROGRESS_SERIES, left, 16.0, width - left - right)
    top = 16.0 + legend_height + 8.0
    plot_w, plot_h = max(10.0, width - left - right), max(10.0, height - top - bottom)
    plot_bottom = top + plot_h
    rq_values = [s.r_to_q for s in data if s.r_to_q is not None]
    rq_max = float(min(10, max(3, math.ceil(max(rq_values, default=0.0)))))

    def y_pct(value: float) -> float:
        return top + (1.0 - _clamp(value)) * plot_h

    def y_rq(value: float) -> float:
        return top + (1.0 - _clamp(value / rq_max)) * plot_h

    out.extend(legend)
    out.append('<g data-role="grid">')
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = y_pct(tick)
        out.append(f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(left + plot_w)}" y2="{_f(y)}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(_text(left - 6, y + 4, f"{tick:.0%}", anchor="end"))
    for tick in range(int(rq_max) + 1):
        if rq_max > 5 and tick % 2:
            continue
        out.append(_text(left + plot_w + 6, y_rq(tick) + 4, f"{tick}:1",
                         fill=PROGRESS_SERIES[0].colour))
    out.append("</g>")
    out.append(_text(14, top + plot_h / 2, "% complex · readiness", anchor="middle",
                     extra=f' transform="rotate(-90 14 {_f(top + plot_h / 2)})"'))
    rx = width - 10
    out.append(_text(rx, top + plot_h / 2, "reflections per question", anchor="middle",
                     fill=PROGRESS_SERIES[0].colour,
                     extra=f' transform="rotate(90 {_f(rx)} {_f(top + plot_h / 2)})"'))
    out.append(f'<line x1="{_f(left)}" y1="{_f(plot_bottom)}" x2="{_f(left + plot_w)}" '
               f'y2="{_f(plot_bottom)}" stroke="{MUTED}" stroke-width="1"/>')
    out.append(_text(left + plot_w / 2, height - 8, "Session (oldest → newest)",
                     anchor="middle"))

    # Thresholds: R:Q labelled at the right end, % complex at the left end, so they never meet.
    rq_colour, pc_colour = PROGRESS_SERIES[0].colour, PROGRESS_SERIES[1].colour
    out.append('<g data-role="thresholds">')
    labels_on_top: list[str] = ['<g data-role="threshold-labels">']
    for name, value in (("fair", R_TO_Q[0]), ("good", R_TO_Q[1])):
        y = y_rq(value)
        out.append(f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(left + plot_w)}" y2="{_f(y)}" '
                   f'stroke="{rq_colour}" stroke-opacity="0.55" stroke-width="1" '
                   f'stroke-dasharray="3 4" data-threshold="r_to_q_{name}"/>')
        labels_on_top.append(_label_box(left + plot_w - 4, y - 4, f"R:Q {name} {value:g}:1",
                                        rq_colour, anchor="end"))
    for name, value in (("fair", PCT_COMPLEX[0]), ("good", PCT_COMPLEX[1])):
        y = y_pct(value)
        out.append(f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(left + plot_w)}" y2="{_f(y)}" '
                   f'stroke="{pc_colour}" stroke-opacity="0.55" stroke-width="1" '
                   f'stroke-dasharray="3 4" data-threshold="pct_complex_{name}"/>')
        labels_on_top.append(_label_box(left + 4, y - 4, f"% complex {name} {value:.0%}",
                                        pc_colour))
    out.append("</g>")

    labels_on_top.append("</g>")
    if not data:
        out.append(_text(left + plot_w / 2, top + plot_h / 2 + 30, "No finished sessions yet",
                         size=14, anchor="middle", fill=INK))
        out.extend(labels_on_top)
        out.append("</svg>")
        return "\n".join(out)

    n = len(data)
    x_of = session_axis([s.when for s in data], left, plot_w, plot_bottom, out)

    getters: dict[str, Callable[[SessionPoint], float | None]] = {
        "r_to_q": lambda s: s.r_to_q,
        "pct_complex": lambda s: s.pct_complex,
        "readiness": lambda s: s.readiness,
    }

    def y_for(key: str, value: float) -> float:
        return y_rq(value) if key == "r_to_q" else y_pct(value)

    for series in PROGRESS_SERIES:
        xy: list[tuple[float, float] | None] = []
        for index, s in enumerate(data):
            value = getters[series.key](s)
            xy.append(None if value is None else (x_of(index), y_for(series.key, value)))
        path = _path(series, xy)
        if path:
            out.append(path)

    scale = _clamp(plot_w / max(1, n) / 12.0, 0.6, 1.0)
    out.append('<g data-role="points">')
    for index, s in enumerate(data):
        x = x_of(index)
        x0 = left if index == 0 else (x_of(index - 1) + x) / 2
        x1 = left + plot_w if index == n - 1 else (x + x_of(index + 1)) / 2
        out.append(f'<a href="{_e(href(s))}" data-session="{_e(s.id)}">')
        out.append(f"<title>{_e(session_title(s, index + 1))}</title>")
        out.append(_hit_column(x0, x1, top, plot_bottom))
        for series in PROGRESS_SERIES:
            value = getters[series.key](s)
            if value is not None:
                out.append(_marker(series, x, y_for(series.key, value), series.radius * scale,
                                   f' data-session="{_e(s.id)}" data-value="{value:.3f}"'))
        out.append("</a>")
    out.append("</g>")
    out.extend(labels_on_top)
    out.append("</svg>")
    return "\n".join(out)


def session_axis(whens: Sequence[date | datetime | str | None], left: float, plot_w: float,
                 plot_bottom: float, out: list[str]) -> Callable[[int], float]:
    """Draw the x ticks of a chart across sessions (dates thinned so they never collide, the
    newest always shown) into `out`; returns the x position of the session at an index."""
    n = len(whens)
    pad = min(24.0, plot_w / 4)

    def x_of(index: int) -> float:
        if n == 1:
            return left + plot_w / 2
        return left + pad + index / (n - 1) * (plot_w - 2 * pad)

    labels = [_short_date(when, i + 1) for i, when in enumerate(whens)]
    widest = max(len(label) for label in labels) * CHAR_WIDTH + 8
    every = max(1, math.ceil(widest / max(1.0, (plot_w - 2 * pad) / max(1, n - 1)))) \
        if n > 1 else 1
    out.append('<g data-role="x-ticks">')
    for index, label in enumerate(labels):
        if index % every and index != n - 1:
            continue
        if index != n - 1 and n - 1 - index < every and (n - 1) % every:
            continue  # keep the newest label; drop a neighbour that would collide with it
        x = x_of(index)
        out.append(f'<line x1="{_f(x)}" y1="{_f(plot_bottom)}" x2="{_f(x)}" '
                   f'y2="{_f(plot_bottom + 4)}" stroke="{MUTED}" stroke-width="1"/>')
        out.append(_text(x, plot_bottom + 17, label, anchor="middle"))
    out.append("</g>")
    return x_of
