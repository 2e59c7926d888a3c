"""Server-drawn SVG charts for the instructor's pages: two what-if branches, bank usage bars and
the walk-out histogram of a persona's coverage.

Same rules as `mi_sim.scoring.charts` (whose helpers these reuse): pure functions returning SVG
text, no JavaScript, presentation attributes only, every piece of text escaped, each chart an
accessible image (`role="img"` labelled by its `<title>` and `<desc>`), series told apart by
dash pattern and marker as well as colour.

    branches_svg(record.original, record.branch, changed_turn=4, first_difference=4,
                 start_original=record.start_original, start_branch=record.start_branch)
    bars_svg([("question_open", 12, "3 of 45 replies")], title="Uses per bank")
    histogram_svg({3: 1, 7: 2}, title="Walk-outs by turn", x_label="Turn")
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from mi_sim.scoring.charts import (
    CHAR_WIDTH,
    GRID,
    INK,
    MUTED,
    Series,
    TurnAxis,
    _clamp,
    _e,
    _f,
    _legend,
    _marker,
    _number,
    _open_svg,
    _path,
    _shorten,
    _text,
    _tick_step,
    turn_axis,
)

READINESS = "#009E73"
DISCORD = "#D55E00"
BAR = "#0072B2"
BAR_EMPTY = "#D55E00"

BRANCH_SERIES = (
    Series("readiness-original", "Readiness, as played", READINESS, None, 4.0, False),
    Series("readiness-branch", "Readiness, what if", READINESS, "7 4", 4.0, True),
    Series("discord-original", "Discord, as played", DISCORD, None, 4.0, False),
    Series("discord-branch", "Discord, what if", DISCORD, "7 4", 4.0, True),
)

# Drawn a little tighter than the trajectory: labels nearer the edge, a tick at every turn, and
# the marks labelled inside the plot beside their line.
BRANCH_AXIS = TurnAxis("Turn (0 = before the first line)", "No turns", x_label_rise=6.0,
                       tick_slot=30.0, tick_drop=16.0, every_turn=True, mark_rise=4.0,
                       mark_opacity=0.45, mark_dash="2 3", marks_above=False)


def _values(start: Mapping[str, Any] | None,
            turns: Sequence[Mapping[str, Any]]) -> dict[int, dict[str, float | None]]:
    """{turn: {"readiness": …, "discord": …}}, turn 0 being the start (when given)."""
    out: dict[int, dict[str, float | None]] = {}
    if start is not None:
        out[0] = {k: _number(start.get(k)) for k in ("readiness", "discord")}
    for turn in turns:
        state = turn.get("state") or {}
        number = turn.get("turn")
        if isinstance(number, int) and isinstance(state, Mapping):
            out[number] = {k: _number(state.get(k)) for k in ("readiness", "discord")}
    return out


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def branches_svg(original: Sequence[Mapping[str, Any]], branch: Sequence[Mapping[str, Any]],
                 *, changed_turn: int, first_difference: int | None = None,
                 start_original: Mapping[str, Any] | None = None,
                 start_branch: Mapping[str, Any] | None = None,
                 href: Callable[[int], str] = lambda turn: f"#row-{turn}",
                 width: int = 720, height: int = 280,
                 title: str = "Readiness and discord in both branches",
                 id_prefix: str = "branches") -> str:
    """Readiness and discord (0–1) after each turn of the conversation as played (solid) and of
    the what-if branch (dashed, hollow markers), with the changed turn and the first
    difference marked. Each turn's column links to `href(turn)`."""
    first = _values(start_original, original)
    second = _values(start_branch, branch)
    turns = sorted(set(first) | set(second))
    sides = (("original", first), ("branch", second))
    desc_parts = []
    for label, data in (("As played", first), ("What if", second)):
        played = [t for t in sorted(data) if t > 0]
        if played:
            last = data[played[-1]]
            desc_parts.append(f"{label}: {len(played)} turns, readiness ends at "
                              f"{_fmt(last['readiness'])} and discord at "
                              f"{_fmt(last['discord'])}")
    desc = ("; ".join(desc_parts) or "No turns to chart") + (
        f". The line at turn {changed_turn} was changed"
        + (f"; the branches first differ at turn {first_difference}."
           if first_difference is not None else "; the branches do not differ."))
    out = _open_svg(id_prefix, width, height, title, desc)
    left, right, bottom = 46.0, 16.0, 40.0
    legend, legend_height = _legend(BRANCH_SERIES, left, 16.0, width - left - right)
    top = 16.0 + legend_height + 14.0
    plot_w, plot_h = max(10.0, width - left - right), max(10.0, height - top - bottom)
    out.extend(legend)
    marks = [(changed_turn, "changed", "changed")]
    if first_difference is not None and first_difference != changed_turn:
        marks.append((first_difference, "first difference", "difference"))
    axes = turn_axis(out, BRANCH_AXIS, turns, left=left, top=top, plot_w=plot_w, plot_h=plot_h,
                     height=height, marks=marks)
    if axes is None:
        out.append("</svg>")
        return "\n".join(out)
    x_of, y_of = axes

    for series in BRANCH_SERIES:
        key, side = series.key.split("-")
        data = dict(sides)[side]
        xy = [(x_of(t), y_of(v)) if (v := data.get(t, {}).get(key)) is not None else None
              for t in turns]
        path = _path(series, xy)
        if path:
            out.append(path)

    scale = _clamp(plot_w / max(1, len(turns)) / 12.0, 0.6, 1.0)
    out.append('<g data-role="points">')
    for index, turn in enumerate(turns):
        x = x_of(turn)
        x0 = left if index == 0 else (x_of(turns[index - 1]) + x) / 2
        x1 = left + plot_w if index == len(turns) - 1 else (x + x_of(turns[index + 1])) / 2
        tips = []
        for label, data in (("as played", first), ("what if", second)):
            values = data.get(turn)
            tips.append(f"{label}: " + ("no turn" if values is None else
                                        f"readiness {_fmt(values['readiness'])}, discord "
                                        f"{_fmt(values['discord'])}"))
        head = "Start" if turn == 0 else f"Turn {turn}"
        out.append(f'<a href="{_e(href(turn))}" data-turn="{turn}">')
        out.append(f"<title>{_e(head + ' — ' + '; '.join(tips))}</title>")
        out.append(f'<rect x="{_f(x0)}" y="{_f(top)}" width="{_f(max(1.0, x1 - x0))}" '
                   f'height="{_f(plot_h)}" fill="#000000" fill-opacity="0"/>')
        for series in BRANCH_SERIES:
            key, side = series.key.split("-")
            value = dict(sides)[side].get(turn, {}).get(key)
            if value is not None:
                out.append(_marker(series, x, y_of(value), series.radius * scale,
                                   f' data-turn="{turn}" data-value="{value:.3f}"'))
        out.append("</a>")
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def bars_svg(items: Sequence[tuple[str, int, str]], *, title: str,
             desc: str | None = None, width: int = 720, row_height: int = 20,
             id_prefix: str = "bars", unit: str = "uses") -> str:
    """A horizontal bar per item: (label, value, note), with the note (else the value) written
    after the bar. Zero values are drawn as a small hollow mark in a warning colour, so
    never-used items stand out."""
    label_width = min(260.0, max(80.0, max((len(label) for label, _, _ in items), default=8)
                                 * CHAR_WIDTH + 12))
    top, bottom = 14.0, 28.0
    height = int(top + bottom + max(1, len(items)) * row_height)
    peak = max((value for _, value, _ in items), default=0)
    if desc is None:
        used = sum(1 for _, value, _ in items if value)
        desc = (f"{len(items)} bars, {used} above zero; the largest is {peak} {unit}."
                if items else "Nothing to chart.")
    out = _open_svg(id_prefix, width, height, title, desc)
    left = label_width + 8
    longest = max((len(note or str(value)) for _, value, note in items), default=4)
    plot_w = max(10.0, width - left - (longest * CHAR_WIDTH + 24))
    scale_max = max(1, peak)
    axis_bottom = top + len(items) * row_height
    out.append(f'<line x1="{_f(left)}" y1="{_f(top)}" x2="{_f(left)}" '
               f'y2="{_f(max(axis_bottom, top + row_height))}" stroke="{MUTED}" '
               f'stroke-width="1"/>')
    out.append(_text(left, height - 8, f"0 … {scale_max} {unit}", size=10))
    if not items:
        out.append(_text(left + plot_w / 2, top + row_height * 0.7, "Nothing to chart",
                         anchor="middle", fill=INK))
    for index, (label, value, note) in enumerate(items):
        y = top + index * row_height
        mid = y + row_height / 2
        name = _shorten(label, int(label_width / CHAR_WIDTH))
        out.append(f'<g data-bar="{_e(label)}" data-value="{value}">')
        out.append(f"<title>{_e(f'{label}: ' + (note or f'{value} {unit}'))}</title>")
        out.append(_text(left - 6, mid + 4, name, anchor="end", fill=INK))
        if value:
            bar = max(2.0, value / scale_max * plot_w)
            out.append(f'<rect x="{_f(left)}" y="{_f(y + 3)}" width="{_f(bar)}" '
                       f'height="{_f(row_height - 6)}" fill="{BAR}" rx="2"/>')
            end = left + bar
        else:
            out.append(f'<rect x="{_f(left + 1)}" y="{_f(y + 4)}" width="6" '
                       f'height="{_f(row_height - 8)}" fill="#ffffff" stroke="{BAR_EMPTY}" '
                       f'stroke-width="1.5" stroke-dasharray="2 1.5" rx="1"/>')
            end = left + 8
        text = note or str(value)
        out.append(_text(end + 6, mid + 4, text, fill=INK if value else BAR_EMPTY))
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def histogram_svg(counts: Mapping[int, int], *, title: str, x_label: str = "Turn",
                  desc: str | None = None, width: int = 720, height: int = 200,
                  id_prefix: str = "histogram") -> str:
    """A vertical bar for each whole number from 1 to the largest key (empty ones included),
    with its count above it."""
    data = {k: v for k, v in counts.items() if isinstance(k, int) and k >= 1 and v > 0}
    last = max(data, default=0)
    total = sum(data.values())
    if desc is None:
        desc = ("None." if not data else f"{total} in all; " + ", ".join(
            f"{x_label.lower()} {k}: {v}" for k, v in sorted(data.items())) + ".")
    out = _open_svg(id_prefix, width, height, title, desc)
    left, right, top, bottom = 40.0, 16.0, 16.0, 40.0
    plot_w, plot_h = width - left - right, height - top - bottom
    plot_bottom = top + plot_h
    peak = max(data.values(), default=1)
    out.append(f'<line x1="{_f(left)}" y1="{_f(plot_bottom)}" x2="{_f(left + plot_w)}" '
               f'y2="{_f(plot_bottom)}" stroke="{MUTED}" stroke-width="1"/>')
    out.append(_text(left + plot_w / 2, height - 6, x_label, anchor="middle"))
    step_y = _tick_step(peak, 4)
    for tick in range(0, peak + 1, step_y):
        y = plot_bottom - tick / peak * plot_h
        out.append(f'<line x1="{_f(left)}" y1="{_f(y)}" x2="{_f(left + plot_w)}" y2="{_f(y)}" '
                   f'stroke="{GRID}" stroke-width="1"/>')
        out.append(_text(left - 6, y + 4, str(tick), anchor="end"))
    if not data:
        out.append(_text(left + plot_w / 2, top + plot_h / 2, "None", size=14,
                         anchor="middle", fill=INK))
        out.append("</svg>")
        return "\n".join(out)
    slot = plot_w / last
    bar_w = max(2.0, min(36.0, slot * 0.7))
    label_every = max(1, _tick_step(last, max(1, int(plot_w // 28))))
    for turn in range(1, last + 1):
        x = left + (turn - 0.5) * slot
        if turn % label_every == 0 or turn == 1 or turn in data:
            out.append(_text(x, plot_bottom + 15, str(turn), anchor="middle", size=10))
        value = data.get(turn, 0)
        if not value:
            continue
        h = value / peak * plot_h
        out.append(f'<g data-turn="{turn}" data-value="{value}">')
        out.append(f"<title>{_e(f'{x_label} {turn}: {value}')}</title>")
        out.append(f'<rect x="{_f(x - bar_w / 2)}" y="{_f(plot_bottom - h)}" '
                   f'width="{_f(bar_w)}" height="{_f(h)}" fill="{DISCORD}" rx="2"/>')
        out.append(_text(x, plot_bottom - h - 4, str(value), anchor="middle", fill=INK,
                         size=10))
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)
