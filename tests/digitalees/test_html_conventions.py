"""Conventions that keep the pages valid HTML (the validator in tests/e2e checks the pages
the journeys visit; these catch the templates it does not reach)."""

import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def _templates():
    return sorted(TEMPLATES.rglob("*.html"))


def test_htmx_attributes_are_written_data_hx():
    bare = re.compile(r"\shx-[a-z-]+=")
    offending = [
        f"{path.relative_to(TEMPLATES)}:{n}"
        for path in _templates()
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if bare.search(line)
    ]
    assert offending == []


def test_time_elements_do_not_use_the_c_format():
    # date:"c" writes microseconds, which a datetime attribute may not have.
    wrong = re.compile(r"<time[^>]*datetime=\"\{\{[^}]*date:[\"']c[\"']")
    offending = [
        str(path.relative_to(TEMPLATES))
        for path in _templates()
        if wrong.search(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_tables_that_may_scroll_use_the_one_focusable_wrapper():
    # {% scroll_region %} (digitalees_tags) is focusable and named; a bare .table-responsive
    # is neither (axe: scrollable-region-focusable).
    offending = [
        str(path.relative_to(TEMPLATES))
        for path in _templates()
        if 'class="table-responsive"' in path.read_text(encoding="utf-8")
        and "allauth/elements" not in str(path)
    ]
    assert offending == []


def test_the_scroll_region_is_focusable_and_named():
    from django.template import engines

    html = (
        engines["django"]
        .from_string(
            "{% load digitalees_tags %}"
            '{% scroll_region "Members" %}<table></table>{% endscroll_region %}'
        )
        .render({})
    )
    assert html == (
        '<div class="table-scroll" tabindex="0" role="region" aria-label="Members">'
        "<table></table></div>"
    )
