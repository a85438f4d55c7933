"""The map of Wallonia by province (network.directory.map): a pure function of counts."""

import re

from django.utils import translation

from network.directory.map import OUTLINES, band_of, bands, province_map_svg
from network.models import Province


def _svg(counts, selected=None):
    with translation.override("en"):
        return province_map_svg(counts, href=lambda code: f"/d/?province={code}", selected=selected)


def test_five_named_provinces_each_a_link_with_its_count():
    svg = _svg({"HT": 120, "NA": 3, "LG": 1})
    assert svg.startswith("<svg ")
    assert '<title id="province-map-title">Map of Wallonia by province</title>' in svg
    assert "<desc " in svg
    links = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"', svg)
    assert links == [
        ("/d/?province=BW", "Walloon Brabant: 0 organisations"),
        ("/d/?province=HT", "Hainaut: 120 organisations"),
        ("/d/?province=LG", "Liège: 1 organisation"),
        ("/d/?province=LX", "Luxembourg: 0 organisations"),
        ("/d/?province=NA", "Namur: 3 organisations"),
    ]
    assert svg.count("<polygon ") == 5
    # The description gives the figures too, for whoever does not follow the links.
    assert "Hainaut: 120 organisations" in re.search(r"<desc[^>]*>(.*?)</desc>", svg)[1]


def test_more_organisations_a_darker_shade_and_a_legend():
    svg = _svg({"HT": 100, "NA": 50, "LG": 1})
    fills = dict(re.findall(r'aria-label="(\w+)[^"]*"[^>]*><polygon [^>]*fill="(#\w+)"', svg))
    assert fills["Hainaut"] == "#0b5d6b"  # the darkest
    assert fills["Luxembourg"] == "#f1f5f6"  # none: the lightest
    assert fills["Hainaut"] != fills["Namur"] != fills["Luxembourg"]
    assert ">0</text>" in svg and ">76–100</text>" in svg  # the legend's classes


def test_every_count_falls_in_one_band():
    for highest in (0, 1, 2, 3, 7, 120, 6600):
        classes = bands(highest)
        for count in range(0, highest + 1, max(1, highest // 50)):
            assert band_of(count, classes).low <= count <= band_of(count, classes).high


def test_the_selected_province_is_marked():
    svg = _svg({"NA": 2}, selected="NA")
    assert svg.count('aria-current="true"') == 1
    assert re.search(r'aria-label="Namur[^"]*" aria-current="true"', svg)


def test_links_and_text_are_escaped():
    with translation.override("en"):
        svg = province_map_svg({}, href=lambda code: f'/d/?q="><script>&province={code}')
    assert "<script>" not in svg
    assert "&quot;&gt;&lt;script&gt;&amp;province=HT" in svg


def test_every_province_has_an_outline():
    assert set(OUTLINES) == set(Province.values)
