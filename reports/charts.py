"""Bar charts as plain geometry for an inline SVG, worked out on the server (no script, nothing
loaded from elsewhere). The table beside each chart holds the same numbers and is what assistive
technology reads; the SVG has a title and a description of its own."""

import math
from dataclasses import dataclass

from django.utils.formats import date_format

WIDTH = 640


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str  # under or beside the bar; "" to leave it out
    value_label: str
    title: str  # what a pointer hovering the bar shows
    label_x: float = 0
    label_y: float = 0
    value_x: float = 0
    value_y: float = 0


@dataclass(frozen=True)
class Gridline:
    y: float
    label: str


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    gridlines: list[Gridline]
    plot_left: float
    plot_right: float
    plot_bottom: float
    ticks: tuple[Tick, ...] = ()


def _nice_ceiling(value: int) -> int:
    """The smallest of 1, 2, 5, 10, 20, 50, ... at or above `value` (at least 1)."""
    if value <= 1:
        return 1
    magnitude = 10 ** int(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def weekly_columns(weeks) -> Chart:
    """Vertical bars: completions per week."""
    height, left, right, top, bottom = 260, 44, 12, 20, 44
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    top_value = _nice_ceiling(max((w.completions for w in weeks), default=0))
    slot = plot_w / max(len(weeks), 1)
    every = max(1, math.ceil(len(weeks) / 12))  # at most about twelve date labels
    bars = []
    for index, week in enumerate(weeks):
        bar_h = plot_h * week.completions / top_value
        x = left + index * slot + slot * 0.15
        when = date_format(week.week_start, "j M")
        bars.append(
            Bar(
                x=round(x, 1),
                y=round(top + plot_h - bar_h, 1),
                width=round(slot * 0.7, 1),
                height=round(bar_h, 1),
                label=when if index % every == 0 else "",
                value_label=str(week.completions) if week.completions else "",
                title=f"{date_format(week.week_start, 'j M Y')}: {week.completions}",
                label_x=round(x + slot * 0.35, 1),
                label_y=height - bottom + 18,
                value_x=round(x + slot * 0.35, 1),
                value_y=round(top + plot_h - bar_h - 5, 1),
            )
        )
    gridlines = [
        Gridline(y=round(top + plot_h - plot_h * fraction, 1), label=str(round(top_value * fraction)))
        for fraction in (0, 0.5, 1)
        if top_value * fraction == int(top_value * fraction)
    ]
    return Chart(
        width=WIDTH,
        height=height,
        bars=bars,
        gridlines=gridlines,
        plot_left=left,
        plot_right=WIDTH - right,
        plot_bottom=top + plot_h,
    )


def organisation_bars(organisations) -> Chart:
    """Horizontal bars: the share of each organisation's people who completed the course."""
    row, left, right, top = 34, 220, 120, 10
    plot_w = WIDTH - left - right
    height = top * 2 + row * max(len(organisations), 1) + 20
    bars = []
    for index, item in enumerate(organisations):
        y = top + index * row
        bar_w = plot_w * item.percent / 100
        name = item.organisation if len(item.organisation) <= 28 else item.organisation[:27] + "…"
        bars.append(
            Bar(
                x=left,
                y=y + 6,
                width=round(bar_w, 1),
                height=row - 12,
                label=name,
                value_label=f"{item.percent}% ({item.complete}/{item.people})",
                title=f"{item.organisation}: {item.complete} / {item.people}",
                label_x=left - 8,
                label_y=y + row / 2 + 5,
                value_x=round(left + bar_w + 6, 1),
                value_y=y + row / 2 + 5,
            )
        )
    plot_bottom = top + row * max(len(organisations), 1)
    return Chart(
        width=WIDTH,
        height=height,
        bars=bars,
        gridlines=[],
        plot_left=left,
        plot_right=left + plot_w,
        plot_bottom=plot_bottom,
        ticks=tuple(Tick(x=round(left + plot_w * share / 100, 1), label=f"{share}%") for share in (0, 50, 100)),
    )
