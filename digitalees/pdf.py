"""PDF rendering with WeasyPrint: one page set-up (templates/pdf/page.css) under each
document's own stylesheet, both parsed once per process."""

from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings

# The A4 page, its running header and footer, the type: every PDF's. A document names its
# running title and date with `string-set: running-title` and `running-date`.
PAGE_STYLESHEET = Path(settings.BASE_DIR) / "templates" / "pdf" / "page.css"


def pdf_render(html: str, *, stylesheet: Path) -> bytes:
    """The PDF of a page rendered from a template, drawn with the page set-up and then
    `stylesheet` (its relative addresses are the project's: static/…)."""
    # WeasyPrint takes half a second to import: only workers that render pay for it.
    from weasyprint import HTML

    font_config, stylesheets = pdf_stylesheets(stylesheet)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=stylesheets, font_config=font_config
    )


def pdf_stylesheets(stylesheet: Path) -> tuple[Any, list[Any]]:
    """The font configuration and the parsed stylesheets that draw a document: the page
    set-up, then its own."""
    return _parsed(stylesheet, PAGE_STYLESHEET.stat().st_mtime_ns, stylesheet.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _parsed(stylesheet: Path, *modified: int) -> tuple[Any, list[Any]]:
    """Parsed once per process and document (a quarter of each render when the styles were
    inline in the page), again when a file changes (`modified`)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    return font_config, [
        CSS(filename=str(path), font_config=font_config) for path in (PAGE_STYLESHEET, stylesheet)
    ]
