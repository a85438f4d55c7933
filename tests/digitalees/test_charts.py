"""The server-rendered charts: readable labels at desktop and phone widths, a time axis
that is proportional to time, dates in the reader's language and time zone, nothing drawn
outside the viewBox; and the PDF draws the same radar as the page."""

import datetime
import html
import itertools
import re
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation
from django.utils.formats import date_format

from digitalees.charts import PHONE_COLUMN, Series, line_svg, radar_svg, text_width

UTC = datetime.UTC

# The questionnaire's dimensions, in both languages (the longest labels a radar gets).
LABELS = {
    "fr": [
        "Stratégie numérique et finalité sociale",
        "Équipement et infrastructure",
        "Compétences et culture numérique de l'équipe",
        "Données et RGPD",
        "Cybersécurité",
        "Outils de gestion et automatisation",
        "Communication et relations avec les bénéficiaires et le public",
        "Numérique responsable et inclusif",
    ],
    "en": [
        "Digital strategy and social purpose",
        "Equipment and infrastructure",
        "Team skills and digital culture",
        "Data and GDPR",
        "Cybersecurity",
        "Management tools and automation",
        "Communication and relations with beneficiaries and the public",
        "Responsible and inclusive digital",
    ],
}


def _view_box(svg: str) -> tuple[float, float, float, float]:
    x, y, w, h = map(float, re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    return x, y, w, h


def _texts(svg: str, css_class: str):
    """(font size, anchor, [(x, y, line)]) of each <text> of that class."""
    for attrs, body in re.findall(rf'<text([^>]*class="{css_class}"[^>]*)>(.*?)</text>', svg):
        size = float(re.search(r'font-size="([\d.]+)"', attrs).group(1))
        anchor = re.search(r'text-anchor="(\w+)"', attrs).group(1)
        spans = re.findall(r'<tspan x="([-\d.]+)" y="([-\d.]+)">([^<]*)</tspan>', body)
        if not spans:
            x = float(re.search(r' x="([-\d.]+)"', attrs).group(1))
            y = float(re.search(r' y="([-\d.]+)"', attrs).group(1))
            spans = [(x, y, body)]
        yield size, anchor, [(float(x), float(y), line) for x, y, line in spans]


def _inside(svg: str, css_class: str) -> list[str]:
    """The lines of text of that class that would be drawn past an edge of the viewBox."""
    vx, vy, vw, vh = _view_box(svg)
    outside = []
    for size, anchor, lines in _texts(svg, css_class):
        for x, y, line in lines:
            width = text_width(html.unescape(line), size)
            left = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
            if left < vx or left + width > vx + vw or y - size < vy or y > vy + vh:
                outside.append(line)
    return outside


def _radar(language: str) -> str:
    labels = LABELS[language]
    return radar_svg(
        labels=labels,
        series=[
            Series("Votre score", [50] * len(labels)),
            Series("Médiane des EES comparables", [60] * len(labels), dashed=True),
        ],
        title="Radar",
        description="Description",
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_radar_labels_are_readable_on_a_desktop_and_on_a_phone(language):
    svg = _radar(language)
    _x, _y, view_width, _h = _view_box(svg)
    # Drawn at its own width at most: on a desktop a unit is a pixel or more.
    assert f'width="{view_width:.0f}"' in svg
    sizes = [size for size, _anchor, _lines in _texts(svg, "chart-label")]
    assert len(sizes) == 8
    assert min(sizes) >= 12
    # On a 390 px phone the chart shrinks to its column, and its labels stay at 12 px.
    assert min(sizes) * PHONE_COLUMN / view_width >= 12
    # Every line of every label, each dimension's full name, is inside the chart.
    drawn = " ".join(
        html.unescape(line)
        for _size, _anchor, lines in _texts(svg, "chart-label")
        for _x, _y, line in lines
    )
    for label in LABELS[language]:
        assert label in drawn
    assert _inside(svg, "chart-label") == []


def _dates(svg: str) -> list[tuple[float, str]]:
    return [(lines[0][0], lines[0][2]) for _s, _a, lines in _texts(svg, "chart-date")]


def _points(svg: str) -> list[float]:
    return [float(x) for x in re.findall(r'<circle cx="([-\d.]+)"', svg)]


def test_the_history_chart_places_results_in_proportion_to_time():
    start = datetime.datetime(2025, 1, 10, 9, tzinfo=UTC)
    moments = [start, start + datetime.timedelta(days=30), start + datetime.timedelta(days=300)]
    with translation.override("en"):
        svg = line_svg(
            points=[(m, v) for m, v in zip(moments, [20, 40, 60], strict=True)],
            title="History",
            description="Description",
        )
    x0, x1, x2 = _points(svg)
    assert (x1 - x0) / (x2 - x0) == pytest.approx(30 / 300, abs=0.01)


def test_the_history_dates_are_in_the_readers_language_and_time_zone(settings):
    settings.TIME_ZONE = "Europe/Brussels"
    # 23:30 UTC on 31 March is already 1 April in Brussels (summer time).
    late = datetime.datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    early = datetime.datetime(2025, 11, 3, 10, tzinfo=ZoneInfo("Europe/Brussels"))
    points = [(early, 30), (late, 55)]
    with translation.override("fr"):
        french = line_svg(points=points, title="Historique", description="Description")
    with translation.override("en"):
        english = line_svg(points=points, title="History", description="Description")
    assert [label for _x, label in _dates(french)] == ["1 avr. 2026", "3 nov. 2025"]
    assert [label for _x, label in _dates(english)] == ["1 April 2026", "3 Nov. 2025"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_last_date_is_not_clipped_and_dates_do_not_overlap(language):
    start = datetime.datetime(2024, 12, 1, 10, tzinfo=UTC)
    # Close results (a week apart) at the end: some dates give way, never the newest.
    moments = [start + datetime.timedelta(days=d) for d in (0, 200, 500, 700, 707)]
    with translation.override(language):
        svg = line_svg(
            points=[(m, 50) for m in moments], title="History", description="Description"
        )
    dates = _dates(svg)
    newest = "8 nov. 2026" if language == "fr" else "8 Nov. 2026"
    assert dates[0][1] == newest
    assert _inside(svg, "chart-date") == []
    # Left to right, each date ends before the next begins.
    spans = sorted((x - text_width(t, 16) / 2, x + text_width(t, 16) / 2) for x, t in dates)
    assert all(a_end < b_start for (_a, a_end), (b_start, _b) in itertools.pairwise(spans))
    assert len(dates) < len(moments)
    # Each date is written under its point; the newest is moved inwards to stay inside.
    with translation.override(language):
        x_of = {date_format(m, "j N Y"): x for m, x in zip(moments, _points(svg), strict=True)}
    for x, label in dates[1:]:
        assert x == pytest.approx(x_of[label], abs=0.1)
    assert dates[0][0] < x_of[newest]


def test_a_single_result_is_drawn_in_the_middle():
    svg = line_svg(
        points=[(datetime.datetime(2026, 5, 4, tzinfo=UTC), 40)],
        title="History",
        description="Description",
    )
    _x, _y, width, _h = _view_box(svg)
    [x] = _points(svg)
    assert 0 < x < width
    assert len(_dates(svg)) == 1
