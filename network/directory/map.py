"""The directory's map of Wallonia by province, drawn as SVG on the server (no tiles, no
script): each province shaded by how many organisations match, and a link to the list
filtered by it.

The outlines are simplified by hand from the provinces' borders (longitude, latitude of a
few dozen points each, neighbours sharing their common points), projected so that a degree
of latitude is as long as it is at 50° N. Colours are presentation attributes (the CSP
forbids inline styles); every province's link carries its name and count as its accessible
name, and the page shows the same counts in a table.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from network.models import Province

# (longitude, latitude), clockwise from the north-west.
# fmt: off
OUTLINES: dict[str, list[tuple[float, float]]] = {
    Province.HAINAUT: [
        (3.18, 50.76), (3.45, 50.78), (3.70, 50.76), (3.95, 50.72), (4.10, 50.70),
        (4.25, 50.62), (4.45, 50.55), (4.60, 50.47), (4.55, 50.35), (4.45, 50.25),
        (4.40, 50.15), (4.42, 50.00), (4.30, 49.97), (4.15, 50.02), (4.20, 50.15),
        (4.15, 50.28), (3.95, 50.34), (3.70, 50.38), (3.60, 50.48), (3.28, 50.52),
        (3.20, 50.65),
    ],
    Province.BRABANT_WALLON: [
        (4.10, 50.70), (4.25, 50.75), (4.45, 50.76), (4.65, 50.80), (4.85, 50.78),
        (5.05, 50.76), (5.02, 50.68), (4.90, 50.62), (4.70, 50.58), (4.45, 50.55),
        (4.25, 50.62),
    ],
    Province.NAMUR: [
        (4.45, 50.55), (4.70, 50.58), (4.90, 50.62), (5.02, 50.68), (5.05, 50.60),
        (5.15, 50.50), (5.30, 50.42), (5.35, 50.33), (5.25, 50.22), (5.20, 50.12),
        (5.05, 50.05), (5.00, 49.90), (4.88, 49.80), (4.82, 49.92), (4.90, 50.12),
        (4.80, 50.17), (4.70, 50.10), (4.60, 50.00), (4.42, 50.00), (4.40, 50.15),
        (4.45, 50.25), (4.55, 50.35), (4.60, 50.47),
    ],
    Province.LIEGE: [
        (5.02, 50.68), (5.05, 50.76), (5.25, 50.77), (5.45, 50.73), (5.68, 50.76),
        (5.90, 50.75), (6.02, 50.75), (6.12, 50.72), (6.25, 50.62), (6.40, 50.40),
        (6.35, 50.30), (6.13, 50.13), (6.02, 50.17), (5.90, 50.24), (5.72, 50.30),
        (5.55, 50.35), (5.35, 50.33), (5.30, 50.42), (5.15, 50.50), (5.05, 50.60),
    ],
    Province.LUXEMBOURG: [
        (5.35, 50.33), (5.55, 50.35), (5.72, 50.30), (5.90, 50.24), (6.02, 50.17),
        (5.88, 50.05), (5.78, 49.95), (5.75, 49.82), (5.90, 49.65), (5.82, 49.55),
        (5.80, 49.50), (5.55, 49.52), (5.35, 49.62), (5.15, 49.70), (5.02, 49.77),
        (4.88, 49.80), (5.00, 49.90), (5.05, 50.05), (5.20, 50.12), (5.25, 50.22),
    ],
}
# fmt: on

# Where each province's name and count are written (longitude, latitude).
LABELS = {
    Province.HAINAUT: (3.85, 50.52),
    Province.BRABANT_WALLON: (4.58, 50.70),
    Province.NAMUR: (4.86, 50.36),
    Province.LIEGE: (5.80, 50.53),
    Province.LUXEMBOURG: (5.48, 49.90),
}

WEST, EAST, NORTH, SOUTH = 3.10, 6.48, 50.84, 49.44
X_SCALE, Y_SCALE = 180, 280  # 1° of longitude at 50° N is 0.64 of a degree of latitude
WIDTH = round((EAST - WEST) * X_SCALE)
MAP_HEIGHT = round((NORTH - SOUTH) * Y_SCALE)

# Light to dark teal; the text on each is black or white, whichever is at least 4.5:1.
SHADES = ("#f1f5f6", "#cfe5e9", "#8cc3cc", "#3d8c99", "#0b5d6b")
TEXT_ON = ("#212529", "#212529", "#212529", "#ffffff", "#ffffff")
BORDER = "#495057"  # 3:1 or more against white and every shade but the darkest (WCAG 1.4.11)
SELECTED_BORDER = "#000000"


def _point(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * X_SCALE, (NORTH - lat) * Y_SCALE


def _points(outline) -> str:
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in (_point(lon, lat) for lon, lat in outline))


@dataclass(frozen=True)
class Band:
    """A class of the legend: the counts from `low` to `high` (inclusive) share a shade."""

    low: int
    high: int
    shade: int  # index in SHADES


def bands(highest: int) -> list[Band]:
    """None is its own class (the lightest); the others split 1..highest in up to four
    equal ranges."""
    result = [Band(0, 0, 0)]
    if highest <= 0:
        return result
    steps = min(4, highest)
    edges = [round(highest * i / steps) for i in range(steps + 1)]
    for i in range(steps):
        result.append(Band(edges[i] + 1, edges[i + 1], i + 1 + (4 - steps)))
    return result


def band_of(count: int, classes: list[Band]) -> Band:
    for band in classes:
        if band.low <= count <= band.high:
            return band
    return classes[-1]


def province_label(code: str, count: int) -> str:
    """ "Hainaut: 120 organisations": a province's link's accessible name."""
    return ngettext(
        "%(province)s: %(count)s organisation", "%(province)s: %(count)s organisations", count
    ) % {"province": Province(code).label, "count": count}


def province_map_svg(
    counts: Mapping[str, int],
    *,
    href: Callable[[str], str],
    selected: str | None = None,
) -> SafeString:
    """The map: `counts` by province code (a missing province counts 0), `href(code)` the
    address of the list filtered by that province, `selected` the province filtered on."""
    values = {code: int(counts.get(code, 0)) for code in Province.values}
    classes = bands(max(values.values()))
    legend, legend_height = _legend(classes, top=MAP_HEIGHT)
    figures = ", ".join(province_label(code, values[code]) for code in Province.values)
    uid = "province-map"
    parts = [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
            'height="{h}" role="group" aria-labelledby="{uid}-title" '
            'aria-describedby="{uid}-desc" class="chart province-map">'
            '<title id="{uid}-title">{title}</title><desc id="{uid}-desc">{desc}</desc>',
            w=WIDTH,
            h=round(MAP_HEIGHT + legend_height),
            uid=uid,
            title=_("Map of Wallonia by province"),
            desc=_(
                "The five provinces of Wallonia, each shaded by the number of organisations "
                "that match the search: %(figures)s. Each province opens the list of its "
                "organisations."
            )
            % {"figures": figures},
        )
    ]
    for code in Province.values:
        count = values[code]
        band = band_of(count, classes)
        is_selected = code == selected
        lx, ly = _point(*LABELS[code])
        # The space between the name and the count: the link's visible text ("Namur 2")
        # is then part of its accessible name ("Namur : 2 organisations"), as WCAG 2.5.3
        # asks (axe's label-content-name-mismatch); "Namur2" was not.
        parts.append(
            format_html(
                '<a href="{href}" aria-label="{label}"{current} class="province-link">'
                '<polygon class="province-shape" points="{points}" fill="{fill}" '
                'stroke="{stroke}" stroke-width="{stroke_width}" stroke-linejoin="round"/>'
                '<text x="{x}" y="{y}" text-anchor="middle" font-size="20" '
                'font-weight="{weight}" fill="{text}" aria-hidden="true">{name} '
                '<tspan x="{x}" dy="24" font-size="22">{count}</tspan></text></a>',
                href=href(code),
                label=province_label(code, count),
                current=mark_safe(' aria-current="true"') if is_selected else "",
                points=_points(OUTLINES[code]),
                fill=SHADES[band.shade],
                stroke=SELECTED_BORDER if is_selected else BORDER,
                stroke_width=4 if is_selected else 1.5,
                x=f"{lx:.1f}",
                y=f"{ly:.1f}",
                weight="bold" if is_selected else "normal",
                text=TEXT_ON[band.shade],
                name=Province(code).label,
                count=count,
            )
        )
    parts.append(legend)
    parts.append("</svg>")
    return mark_safe("".join(str(part) for part in parts))


LEGEND_SIZE = 20  # the map is drawn at about half its width in its column: 10 px or more
LEGEND_ROW = 32


def _legend(classes: list[Band], *, top: float) -> tuple[SafeString, float]:
    """The legend's markup under the map, its classes wrapped in rows, and its height."""
    y = top + 10
    items = [
        format_html(
            '<g class="province-map-legend"><text x="8" y="{y}" font-size="{size}" '
            'fill="#212529">{title}</text>',
            y=y + LEGEND_SIZE,
            size=LEGEND_SIZE,
            title=_("Organisations:"),
        )
    ]
    x, y = 8, y + LEGEND_ROW
    for band in classes:
        text = str(band.low) if band.low == band.high else f"{band.low}–{band.high}"
        width = 28 + len(text) * LEGEND_SIZE * 0.6 + 20
        if x + width > WIDTH and x > 8:
            x, y = 8, y + LEGEND_ROW
        items.append(
            format_html(
                '<rect x="{x}" y="{y}" width="22" height="22" fill="{fill}" stroke="{stroke}"/>'
                '<text x="{tx}" y="{ty}" font-size="{size}" fill="#212529">{text}</text>',
                x=round(x),
                y=round(y),
                fill=SHADES[band.shade],
                stroke=BORDER,
                tx=round(x + 28),
                ty=round(y + 18),
                size=LEGEND_SIZE,
                text=text,
            )
        )
        x += width
    items.append("</g>")
    return mark_safe("".join(str(item) for item in items)), y + LEGEND_ROW - top
