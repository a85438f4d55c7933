"""The PDF report's styles live in report.css, parsed once per process: the report must be
drawn exactly as when they were inline in its page."""

import re
import zlib

import pytest
from django.conf import settings
from weasyprint import HTML

from diagnostic.models import Report
from diagnostic.reports import services as reports
from digitalees.pdf import PAGE_STYLESHEET
from tests.diagnostic.test_reports import _org_result

pytestmark = pytest.mark.django_db


def _drawing(pdf: bytes) -> list[bytes]:
    """The PDF's streams (pages, fonts, images, objects), without its dates, and without its
    cross-reference table (offsets only)."""
    return [
        re.sub(rb"\(D:[0-9Z+'-]+\)", b"(D:)", zlib.decompress(m.group(2)))
        for m in re.finditer(rb"<<([^\n]*?)>>\s*stream\r?\n(.*?)\r?\nendstream", pdf, re.S)
        if b"/XRef" not in m.group(1)
    ]


def test_the_report_is_drawn_with_its_stylesheet_as_when_it_was_inline(settings_media):
    _admin, result = _org_result()
    report = Report.objects.create(result=result, language="fr")
    pdf = reports.report_pdf(report)
    html = reports.report_html(report)
    styles = PAGE_STYLESHEET.read_text() + reports.STYLESHEET.read_text()
    inline = html.replace("</head>", f"<style>{styles}</style></head>")
    base_url = str(settings.BASE_DIR)
    assert _drawing(pdf) == _drawing(HTML(string=inline, base_url=base_url).write_pdf())
    # The stylesheet is what draws it: without it, another document.
    assert _drawing(pdf) != _drawing(HTML(string=html, base_url=base_url).write_pdf())
    # Rendered again with the stylesheet parsed once: the same document.
    assert _drawing(reports.report_pdf(report)) == _drawing(pdf)


@pytest.fixture
def settings_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
