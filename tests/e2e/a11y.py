"""Accessibility audit of browser pages with the vendored axe-core (no network).

Journeys move with `visit(page, path)` and `follow(page, locator)`, which audit each page they
reach; after any other kind of navigation, call `check_a11y(page)` yourself.
`check_a11y(page)` runs axe-core on the page's current document and records the serious and
critical violations on the page's `PageAudit`; conftest fails the test with all of them at the
end, so that one run of a journey reports every page's problems, not just the first page's.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

VENDOR = Path(__file__).resolve().parent / "vendor"

# WCAG 2.1 AA (the Belgian public-sector obligation) plus axe's best practices.
AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
    },
    "resultTypes": ["violations"],
}
FAILING_IMPACTS = ("serious", "critical")

_RUN_AXE = """
async (options) => {
    const results = await window.axe.run(document, options);
    return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({
            target: n.target,
            html: n.html,
            summary: n.failureSummary,
        })),
    }));
}
"""


def _axe_source() -> str:
    folders = sorted(VENDOR.glob("axe-core-*"))
    if len(folders) != 1:
        raise RuntimeError(f"Expected one vendored axe-core folder under {VENDOR}, found {folders}")
    return (folders[0] / "axe.min.js").read_text(encoding="utf-8")


AXE_SOURCE = _axe_source()
# A function body rather than an inline <script>: the site's CSP (script-src 'self') would
# refuse an inline script, and the audit must not need the CSP turned off.
_INJECT_AXE = "() => {\n" + AXE_SOURCE + "\n}"


def page_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class PageAudit:
    """What one browser page loaded, what was audited, and what went wrong."""

    loaded: list[str] = field(default_factory=list)  # path of every document loaded
    audited: list[str] = field(default_factory=list)
    violations: list[tuple[str, str, dict]] = field(default_factory=list)  # (path, title, v)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def unaudited(self) -> list[str]:
        return sorted((Counter(self.loaded) - Counter(self.audited)).elements())

    def problems(self) -> str:
        """A readable list of everything that should fail the test; empty when all is well."""
        lines = []
        for path, title, violation in self.violations:
            lines.append(
                f"- [{violation['impact']}] {violation['id']} on {path} ({title!r}): "
                f"{violation['help']} <{violation['helpUrl']}>"
            )
            for node in violation["nodes"]:
                lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
                summary = " ".join((node.get("summary") or "").split())
                if summary:
                    lines.append(f"       {summary[:300]}")
        if lines:
            lines.insert(0, "Accessibility violations (axe-core, serious or critical):")
        if self.unaudited():
            lines.append(
                "Pages loaded but never audited (call check_a11y(page) after each navigation): "
                + ", ".join(self.unaudited())
            )
        if self.page_errors:
            lines.append("Uncaught JavaScript errors:")
            lines.extend(f"- {error}" for error in self.page_errors)
        if self.console_errors:
            lines.append("Errors in the browser console (CSP refusals, missing files, ...):")
            lines.extend(f"- {error}" for error in self.console_errors)
        return "\n".join(lines)


_AUDITS: dict[int, PageAudit] = {}


def watch(page) -> PageAudit:
    """Start recording a page's loads and errors; conftest's `page` fixture calls this."""
    audit = PageAudit()
    _AUDITS[id(page)] = audit
    # The handlers only record: calling the page back from inside an event handler would race
    # with the test's own actions.
    page.on(
        "load",
        lambda loaded: (
            audit.loaded.append(page_path(loaded.url))
            if loaded.url.startswith(("http:", "https:"))
            else None
        ),
    )
    page.on("pageerror", lambda error: audit.page_errors.append(f"{page_path(page.url)}: {error}"))
    page.on("console", lambda message: _record_console(audit, page, message))
    return audit


def _record_console(audit: PageAudit, page, message) -> None:
    if message.type != "error":
        return
    source = message.location.get("url") or ""
    # Chromium asks for /favicon.ico by itself when a page declares no icon; its 404 is not a
    # defect of the page.
    if urlsplit(source).path == "/favicon.ico":
        return
    where = f" ({page_path(source)})" if source and source != page.url else ""
    audit.console_errors.append(f"{page_path(page.url)}: {message.text}{where}")


def forget(page) -> None:
    _AUDITS.pop(id(page), None)


def visit(page, path: str) -> None:
    """Open `path` (relative to the live server) and audit the page."""
    page.goto(path)
    check_a11y(page)


def follow(page, locator) -> None:
    """Click what leads to another page (a link, a form's button), wait for it, audit it."""
    with page.expect_navigation():
        locator.click()
    check_a11y(page)


def check_a11y(page) -> list[dict]:
    """Audit the page's current document; return its serious and critical violations.

    On a page that conftest watches, violations are recorded and fail the test at its end; on
    any other page they fail at once.
    """
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_INJECT_AXE)
    violations = [v for v in page.evaluate(_RUN_AXE, AXE_OPTIONS) if v["impact"] in FAILING_IMPACTS]
    path, title = page_path(page.url), page.title()
    audit = _AUDITS.get(id(page))
    if audit is None:
        stray = PageAudit(violations=[(path, title, v) for v in violations])
        assert not violations, stray.problems()
        return violations
    audit.audited.append(path)
    audit.violations.extend((path, title, v) for v in violations)
    return violations
