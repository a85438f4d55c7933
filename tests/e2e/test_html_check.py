"""The HTML checker the journeys run on every page they visit finds what it must."""

from .html_check import validate


def test_the_checker_reports_invalid_html_with_its_page():
    bad = (
        "<!DOCTYPE html><html lang=fr><head><title>x</title></head><body>"
        '<time datetime="2025-04-01T01:30:00.123456+02:00">1 avril</time>'
        '<div hx-post="/x/">y</div></body></html>'
    )
    good = (
        "<!DOCTYPE html><html lang=fr><head><title>x</title></head><body>"
        '<time datetime="2025-04-01T01:30:00+02:00">1 avril</time>'
        '<div data-hx-post="/x/">y</div></body></html>'
    )
    errors = validate([("/bad/", bad), ("/good/", good)])
    assert len(errors) == 2, errors
    assert all(line.startswith("- /bad/ ") for line in errors)
    assert any("datetime" in line for line in errors)
    assert any("hx-post" in line for line in errors)
