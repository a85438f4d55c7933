"""Charts as SVG rendered on the server; the same markup goes into pages and PDFs.

Every chart has a title and a description for assistive technology, and pages show the
same figures in a table beside it. No inline styles (the CSP forbids them): colours are
presentation attributes, so the PDF renderer and the browser draw the same thing.
"""

import math
from dataclasses import dataclass

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


def radar_svg(*, labels: list[str], series: list[Series], title: str, description: str):
    """A radar (spider) chart with one axis per label, values on 0–100."""
    n = len(labels)
    radius = 130
    margin_x, margin_y = 190, 80  # room for wrapped labels around the chart
    centre_x, centre_y = margin_x + radius, margin_y + radius
    width = 2 * (margin_x + radius)
    height = 2 * (margin_y + radius) + 16 * len(series)
    uid = f"radar-{abs(hash((title, tuple(labels)))) % 10**8}"

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * max(0.0, min(130.0, value)) / 100
        return centre_x + r * math.cos(angle), centre_y + r * math.sin(angle)

    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
            'height="{h}" role="img" aria-labelledby="{uid}-title {uid}-desc" '
            'class="chart chart-radar"><title id="{uid}-title">{title}</title>'
            '<desc id="{uid}-desc">{description}</desc>',
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
            f'<text x="{_fmt(centre_x - 4)}" y="{_fmt(y + 11)}" font-size="10" '
            f'text-anchor="end" fill="{TEXT}">{ring}</text>'
        )
    for i, label in enumerate(labels):
        x, y = point(i, 100)
        parts.append(
            f'<line x1="{_fmt(centre_x)}" y1="{_fmt(centre_y)}" x2="{_fmt(x)}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="0.75"/>'
        )
        lx, ly = point(i, 110)
        lines = _wrap(label)
        anchor = "middle" if abs(lx - centre_x) < 10 else "start" if lx > centre_x else "end"
        if ly < centre_y - 10:  # above the chart: the text grows upwards
            first_dy = -(len(lines) - 1) * 13
        elif ly > centre_y + 10:  # below: downwards
            first_dy = 6
        else:  # beside: centred on the axis
            first_dy = -(len(lines) - 1) * 6.5
        spans = "".join(
            f'<tspan x="{_fmt(lx)}" dy="{first_dy if k == 0 else 13}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{_fmt(lx)}" y="{_fmt(ly)}" font-size="12" text-anchor="{anchor}" '
            f'fill="{TEXT}">{spans}</text>'
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
    parts.append(_legend(series, x=10, y=height - 16 * len(series) + 6))
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 — every text is escaped


def _wrap(label: str, width: int = 22) -> list[str]:
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
        yy = y + 14 * k
        rows.append(
            f'<line x1="{x}" y1="{yy}" x2="{x + 24}" y2="{yy}" stroke="{s.colour}" '
            f'stroke-width="3"{dash}/><text x="{x + 30}" y="{yy + 4}" font-size="11" '
            f'fill="{TEXT}">{escape(s.name)}</text>'
        )
    return "".join(rows)


def line_svg(
    *, points: list[tuple[str, float]], title: str, description: str, width=640, height=260
):
    """Scores over time: (label, value 0–100) in order, one line with its points labelled."""
    uid = f"line-{abs(hash((title, tuple(points)))) % 10**8}"
    left, right, top, bottom = 44, 20, 16, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(points)

    def xy(i: int, value: float) -> tuple[float, float]:
        x = left + (plot_w * i / (n - 1) if n > 1 else plot_w / 2)
        return x, top + plot_h * (1 - value / 100)

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
        _x, y = xy(0, tick)
        parts.append(
            f'<line x1="{left}" y1="{_fmt(y)}" x2="{width - right}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="0.5"/><text x="{left - 6}" y="{_fmt(y + 4)}" '
            f'font-size="10" text-anchor="end" fill="{TEXT}">{tick}</text>'
        )
    coords = [xy(i, v) for i, (_label, v) in enumerate(points)]
    if n > 1:
        joined = " ".join(f"{_fmt(x)},{_fmt(y)}" for x, y in coords)
        parts.append(
            f'<polyline points="{joined}" fill="none" stroke="{PALETTE[0]}" stroke-width="2.5"/>'
        )
    for (label, value), (x, y) in zip(points, coords, strict=True):
        parts.append(
            f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="4" fill="{PALETTE[0]}"/>'
            f'<text x="{_fmt(x)}" y="{_fmt(y - 9)}" font-size="11" text-anchor="middle" '
            f'fill="{TEXT}">{value:.0f}</text>'
            f'<text x="{_fmt(x)}" y="{height - bottom + 18}" font-size="11" '
            f'text-anchor="middle" fill="{TEXT}">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 — every text is escaped
