"""Charts as SVG rendered on the server; the same markup goes into pages and PDFs.

Every chart has a title and a description for assistive technology, and pages show the
same figures in a table beside it. No inline styles (the CSP forbids them): colours are
presentation attributes, so the PDF renderer and the browser draw the same thing.
"""

import datetime
import math
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

PALETTE = ("#0b5d6b", "#b3541e", "#5b4b8a", "#2f6f3e")
GRID = "#8a9199"
TEXT = "#212529"


@dataclass
class Series:
    name: str
    values: list  # one value per axis, 0–100, or None
    colour: str = PALETTE[0]
    dashed: bool = False


def _fmt(value: float) -> str:
    return f"{value:.1f}"


# A chart's text is this size in its own units. A chart is drawn at its viewBox's width at
# most (its width attribute) and shrinks to its column: the radar's viewBox is narrow enough
# that a 390 px phone (a 366 px column) still shows its labels at 12 px or more.
LABEL_SIZE = 16
LABEL_LINE = 19  # line height of wrapped labels
PHONE_COLUMN = 366  # px: a 390 px wide phone less the page's gutters
CHAR_WIDTH = 0.6  # of the font size: a generous average for DejaVu Sans and system fonts


def text_width(text: str, size: float = LABEL_SIZE) -> float:
    """An upper estimate of how wide a line of text is drawn, in the chart's units."""
    return len(text) * size * CHAR_WIDTH


def radar_svg(*, labels: list[str], series: list[Series], title: str, description: str):
    """A radar (spider) chart with one axis per label, values on 0–100.

    The labels are wrapped in short lines around the chart, and the viewBox is the box that
    holds the chart, every label and the legend: nothing is clipped, and the chart is as
    narrow as its labels allow."""
    n = len(labels)
    radius = 100

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * max(0.0, min(130.0, value)) / 100
        return r * math.cos(angle), r * math.sin(angle)

    # Labels first: where each line goes, and the box they need.
    placed = []  # (x, y of the first line, anchor, lines)
    min_x, min_y, max_x, max_y = -radius, -radius, radius, radius
    for i, label in enumerate(labels):
        lx, ly = point(i, 110)
        lines = _wrap(label)
        anchor = "middle" if abs(lx) < 10 else "start" if lx > 0 else "end"
        height = (len(lines) - 1) * LABEL_LINE
        if ly < -10:  # above the chart: the text grows upwards
            first = ly - height
        elif ly > 10:  # below: downwards, from under the axis's end
            first = ly + LABEL_SIZE * 0.8
        else:  # beside: centred on the axis
            first = ly - height / 2 + LABEL_SIZE * 0.35
        widest = max(text_width(line) for line in lines)
        left = lx - widest / 2 if anchor == "middle" else lx if anchor == "start" else lx - widest
        min_x, max_x = min(min_x, left), max(max_x, left + widest)
        min_y = min(min_y, first - LABEL_SIZE)
        max_y = max(max_y, first + height + LABEL_SIZE * 0.3)
        placed.append((lx, first, anchor, lines))
    pad = 6
    legend_y = max_y + 14 + LABEL_SIZE
    legend_width = 30 + max((text_width(s.name, 14) for s in series), default=0)
    min_x = min(min_x, -legend_width / 2)
    max_x = max(max_x, legend_width / 2)
    box_x, box_y = min_x - pad, min_y - pad
    width = math.ceil(max_x - min_x + 2 * pad)
    height = math.ceil(legend_y + 18 * len(series) - min_y + pad)
    uid = f"radar-{abs(hash((title, tuple(labels)))) % 10**8}"

    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x} {y} {w} {h}" width="{w}" '
            'height="{h}" role="img" aria-labelledby="{uid}-title {uid}-desc" '
            'class="chart chart-radar"><title id="{uid}-title">{title}</title>'
            '<desc id="{uid}-desc">{description}</desc>',
            x=_fmt(box_x),
            y=_fmt(box_y),
            w=width,
            h=height,
            uid=uid,
            title=title,
            description=description,
        )
    ]
    for ring in (25, 50, 75, 100):
        ring_points = " ".join(
            f"{_fmt(x)},{_fmt(y)}" for x, y in (point(i, ring) for i in range(n))
        )
        parts.append(
            f'<polygon points="{ring_points}" fill="none" stroke="{GRID}" stroke-width="0.75"/>'
        )
        _x, y = point(0, ring)
        parts.append(
            f'<text x="-4" y="{_fmt(y + 12)}" font-size="12" '
            f'text-anchor="end" fill="{TEXT}">{ring}</text>'
        )
    for i, (lx, first, anchor, lines) in enumerate(placed):
        x, y = point(i, 100)
        parts.append(
            f'<line x1="0" y1="0" x2="{_fmt(x)}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="0.75"/>'
        )
        spans = "".join(
            f'<tspan x="{_fmt(lx)}" y="{_fmt(first + k * LABEL_LINE)}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        parts.append(
            f'<text font-size="{LABEL_SIZE}" text-anchor="{anchor}" '
            f'class="chart-label" fill="{TEXT}">{spans}</text>'
        )
    for s in series:
        points = [point(i, v if v is not None else 0) for i, v in enumerate(s.values)]
        joined = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in points)
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        opacity = "0" if s.dashed else "0.18"
        parts.append(
            f'<polygon points="{joined}" fill="{s.colour}" fill-opacity="{opacity}" '
            f'stroke="{s.colour}" stroke-width="2.5"{dash}/>'
        )
        for x, y in points:
            parts.append(f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="3.5" fill="{s.colour}"/>')
    parts.append(_legend(series, x=round(-legend_width / 2), y=round(legend_y)))
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 — every text is escaped


def _wrap(label: str, width: int = 13) -> list[str]:
    """Split a label into lines of about `width` characters, at spaces."""
    lines, current = [], ""
    for word in label.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return [*lines, current] if current else lines


def _legend(series: list[Series], *, x: int, y: int) -> str:
    rows = []
    for k, s in enumerate(series):
        dash = ' stroke-dasharray="6 4"' if s.dashed else ""
        yy = y + 18 * k
        rows.append(
            f'<line x1="{x}" y1="{yy}" x2="{x + 24}" y2="{yy}" stroke="{s.colour}" '
            f'stroke-width="3"{dash}/><text x="{x + 30}" y="{yy + 5}" font-size="14" '
            f'fill="{TEXT}">{escape(s.name)}</text>'
        )
    return "".join(rows)


def line_svg(
    *,
    points: list[tuple[datetime.datetime, float]],
    title: str,
    description: str,
    width: int = 480,
    height: int = 280,
):
    """Scores over time: (when, value 0–100) in order, one line with its points labelled.

    The x axis is proportional to time; each point's date is written in the reader's
    language and time zone (the active ones), under it, moved inwards when it would pass an
    edge, and left out when it would overlap its right-hand neighbour (the newest is always
    written). Call it in the reader's language."""
    uid = f"line-{abs(hash((title, tuple(points)))) % 10**8}"
    left, right, top, bottom = 44, 16, 26, 46
    size = LABEL_SIZE  # 12 px and more on a phone, as the radar's labels
    inset = 20  # the first and last points stand clear of the axis's labels
    plot_w, plot_h = width - left - right, height - top - bottom
    moments = [timezone.localtime(when) for when, _value in points]
    span = (moments[-1] - moments[0]).total_seconds() if moments else 0

    def x_of(moment) -> float:
        if not span:
            return left + plot_w / 2
        return left + inset + (plot_w - 2 * inset) * (moment - moments[0]).total_seconds() / span

    def y_of(value: float) -> float:
        return top + plot_h * (1 - value / 100)

    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" '
            'role="img" aria-labelledby="{}-title {}-desc" class="chart chart-line">'
            '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>',
            width,
            height,
            width,
            height,
            uid,
            uid,
            uid,
            title,
            uid,
            description,
        )
    ]
    for tick in (0, 25, 50, 75, 100):
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" y1="{_fmt(y)}" x2="{width - right}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="0.5"/><text x="{left - 6}" y="{_fmt(y + 5)}" '
            f'font-size="14" text-anchor="end" fill="{TEXT}">{tick}</text>'
        )
    coords = [(x_of(m), y_of(v)) for m, (_when, v) in zip(moments, points, strict=True)]
    if len(coords) > 1:
        joined = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in coords)
        parts.append(
            f'<polyline points="{joined}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>'
        )
    for (_when, value), (x, y) in zip(points, coords, strict=True):
        parts.append(
            f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="4" fill="{PALETTE[0]}"/>'
            f'<text x="{_fmt(x)}" y="{_fmt(y - 9)}" font-size="{size}" text-anchor="middle" '
            f'fill="{TEXT}">{value:.0f}</text>'
        )
    for x, label in _date_labels(moments, [x for x, _y in coords], size=size, width=width):
        parts.append(
            f'<text x="{_fmt(x)}" y="{height - bottom + 24}" font-size="{size}" '
            f'text-anchor="middle" class="chart-date" fill="{TEXT}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 — every text is escaped


def _date_labels(moments, xs: list[float], *, size: int, width: int) -> list[tuple[float, str]]:
    """(centre, text) of the dates written under the x axis, newest first: each within the
    chart, none overlapping the next one."""
    kept: list[tuple[float, str]] = []
    edge = math.inf  # the left edge of the label kept last (to the right)
    for moment, x in zip(reversed(moments), reversed(xs), strict=True):
        label = date_format(moment, "j N Y")  # "1 déc. 2026", "1 Dec. 2026"
        half = text_width(label, size) / 2
        centre = min(max(x, half + 2), width - half - 2)
        if centre + half > edge - 8:
            continue  # it would overlap a newer date
        kept.append((centre, label))
        edge = centre - half
    return kept


BAR_WIDTH = 360  # the viewBox's width: drawn at about its own size on a phone's column
BAR_HEIGHT = 18
BAR_GAP = 4
BAR_LABEL_CHARS = 36  # a group's label wraps at this many characters (16 px text)


def bar_svg(
    *,
    labels: list[str],
    series: list[Series],
    title: str,
    description: str,
    missing: str,
    maximum: float = 100,
    decimals: int = 1,
):
    """Horizontal bars, one group per label (written above its bars, wrapped), one bar per
    series in each group, each bar with its value at its end (in the reader's number
    format). A value None draws no bar but `missing` (a figure suppressed, or absent).
    The chart is narrow enough to read on a 390 px phone at its own size."""
    uid = f"bar-{abs(hash((title, tuple(labels)))) % 10**8}"
    left, value_room = 4, 64
    plot_w = BAR_WIDTH - left - value_room
    parts = []
    y = 4
    for i, label in enumerate(labels):
        lines = _wrap(label, BAR_LABEL_CHARS)
        for line in lines:
            y += LABEL_LINE
            parts.append(
                f'<text x="{left}" y="{y}" font-size="{LABEL_SIZE}" class="chart-label" '
                f'fill="{TEXT}">{escape(line)}</text>'
            )
        y += 6
        # A group with no value at all says so once, not once per series.
        shown = series if any(s.values[i] is not None for s in series) else series[:1]
        for s in shown:
            value = s.values[i]
            if value is None:
                parts.append(
                    f'<text x="{left}" y="{y + BAR_HEIGHT - 4}" font-size="14" '
                    f'font-style="italic" fill="{TEXT}">{escape(missing)}</text>'
                )
            else:
                width = plot_w * max(0.0, min(float(value), maximum)) / maximum if maximum else 0
                parts.append(
                    f'<rect x="{left}" y="{y}" width="{_fmt(width)}" height="{BAR_HEIGHT}" '
                    f'fill="{s.colour}"/><text x="{_fmt(left + width + 6)}" '
                    f'y="{y + BAR_HEIGHT - 4}" font-size="14" fill="{TEXT}">'
                    f"{escape(number_format(round(float(value), decimals), decimals))}</text>"
                )
            y += BAR_HEIGHT + BAR_GAP
        y += 10
    if len(series) > 1:
        for s in series:
            y += 18
            parts.append(
                f'<rect x="{left}" y="{y - 12}" width="24" height="12" fill="{s.colour}"/>'
                f'<text x="{left + 30}" y="{y}" font-size="14" fill="{TEXT}">'
                f"{escape(s.name)}</text>"
            )
        y += 8
    height = y
    head = format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
        'height="{h}" role="img" aria-labelledby="{uid}-title {uid}-desc" '
        'class="chart chart-bar"><title id="{uid}-title">{title}</title>'
        '<desc id="{uid}-desc">{description}</desc>',
        w=BAR_WIDTH,
        h=height,
        uid=uid,
        title=title,
        description=description,
    )
    return mark_safe(str(head) + "".join(parts) + "</svg>")  # noqa: S308 — every text is escaped
