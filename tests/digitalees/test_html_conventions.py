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
