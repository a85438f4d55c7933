"""Every PDF is drawn with the page set-up and its own stylesheet, parsed once per process
and again when either file changes (the reports' drawing: tests/diagnostic/test_report_styles)."""

import os

from digitalees import pdf


def _touch(path, offset_ns):
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + offset_ns))


def test_the_stylesheets_are_parsed_once_and_again_when_a_file_changes(tmp_path, monkeypatch):
    page = tmp_path / "page.css"
    page.write_text("@page { size: A4; }")
    own = tmp_path / "own.css"
    own.write_text("h1 { color: #0b3d5c; }")
    monkeypatch.setattr(pdf, "PAGE_STYLESHEET", page)

    font_config, stylesheets = pdf.pdf_stylesheets(own)
    assert len(stylesheets) == 2  # the page set-up, then the document's own
    assert pdf.pdf_stylesheets(own) == (font_config, stylesheets)  # the same parsed objects

    _touch(own, 1_000_000_000)
    assert pdf.pdf_stylesheets(own)[1] is not stylesheets
    changed = pdf.pdf_stylesheets(own)
    _touch(page, 1_000_000_000)
    assert pdf.pdf_stylesheets(own)[1] is not changed[1]
