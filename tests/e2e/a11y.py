"""Accessibility audit of browser pages with the vendored axe-core (no network).

Journeys move with `visit(page, path)` and `follow(page, locator)`, which audit each page they
reach; after any other kind of navigation, call `check_a11y(page)` yourself.
`check_a11y(page)` runs axe-core on the page's current document and records the serious and
critical violations on the page's `PageAudit`; conftest fails the test with all of them at the
end, so that one run of a journey reports every page's problems, not just the first page's.

Each audited page is also checked
- at a phone's width (PHONE): the same address opened in a second tab of the same browser
  context (same cookies) 390 px wide, audited by axe too (a page that answered a POST, such
  as a form's errors, is narrowed in place instead: it cannot be asked for again);
- at both widths, for horizontal overflow (nothing may be wider than the viewport: wide tables
  scroll inside their own region) and for layout shifts while it loads (the cumulative score
  must stay under LAYOUT_SHIFT_LIMIT, the threshold of a "good" page);
- for valid HTML: the document the server sent is kept, and conftest has the Nu Html Checker
  (tests/e2e/html_check.py) validate every kept document at the end of the test.
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
PHONE = {"width": 390, "height": 844}
LAYOUT_SHIFT_LIMIT = 0.1

# Elements wider than the viewport (not inside a region that scrolls by itself), described.
_OVERFLOW = """
() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    const scrollsItself = (el) => {
        for (let p = el.parentElement; p; p = p.parentElement) {
            const o = getComputedStyle(p).overflowX;
            if (o === "auto" || o === "scroll" || o === "hidden") return true;
        }
        return false;
    };
    const found = [];
    for (const el of document.body.querySelectorAll("*")) {
        const box = el.getBoundingClientRect();
        const parent = el.parentElement;
        const outermost =
            parent === document.body || parent.getBoundingClientRect().right <= width + 1;
        if (box.right > width + 1 && box.width > 0 && outermost && !scrollsItself(el)) {
            const id = el.id ? "#" + el.id : "";
            const cls = el.classList.length ? "." + [...el.classList].join(".") : "";
            const right = Math.round(box.right);
            found.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge at ${right} px)`);
            if (found.length >= 5) break;
        }
    }
    return found.length ? found : [`the page is ${document.documentElement.scrollWidth} px wide`];
}
"""

# The page's cumulative layout shift so far (shifts right after a user's input do not count).
_LAYOUT_SHIFT = """
() => new Promise((resolve) => {
    let total = 0;
    const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) total += entry.value;
        }
    });
    observer.observe({type: "layout-shift", buffered: true});
    requestAnimationFrame(() => requestAnimationFrame(() => {
        setTimeout(() => { observer.disconnect(); resolve(total); }, 100);
    }));
})
"""

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
    layout: list[str] = field(default_factory=list)  # overflow and layout-shift problems
    documents: list[tuple[str, str]] = field(default_factory=list)  # (path, HTML sent)
    html_errors: list[str] = field(default_factory=list)  # filled by conftest at the end
    last_document: object = None  # the latest document response of the main frame

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
        if self.layout:
            lines.append("Layout problems (horizontal overflow, layout shift):")
            lines.extend(f"- {problem}" for problem in self.layout)
        if self.html_errors:
            lines.append("Invalid HTML (Nu Html Checker):")
            lines.extend(self.html_errors)
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
    page.on("response", lambda response: _record_document(audit, page, response))
    page.on("pageerror", lambda error: audit.page_errors.append(f"{page_path(page.url)}: {error}"))
    page.on("console", lambda message: _record_console(audit, page, message))
    return audit


def _record_document(audit: PageAudit, page, response) -> None:
    # Only remembered here: its body is read once the page is audited.
    if response.request.resource_type == "document" and response.frame == page.main_frame:
        audit.last_document = response


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
    """Audit the page's current document at its width and a phone's; return the serious and
    critical axe violations of the first.

    On a page that conftest watches, violations are recorded and fail the test at its end; on
    any other page they fail at once.
    """
    page.wait_for_load_state("load")
    violations = _axe(page)
    path, title = page_path(page.url), page.title()
    audit = _AUDITS.get(id(page))
    if audit is None:
        stray = PageAudit(violations=[(path, title, v) for v in violations])
        assert not violations, stray.problems()
        return violations
    audit.audited.append(path)
    audit.violations.extend((path, title, v) for v in violations)
    width = page.viewport_size["width"] if page.viewport_size else "?"
    audit.layout.extend(_layout_problems(page, f"{path} at {width} px"))
    _keep_document(audit, page, path)
    _audit_at_phone_width(page, audit, path)
    return violations


def _axe(page) -> list[dict]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(_INJECT_AXE)
    return [v for v in page.evaluate(_RUN_AXE, AXE_OPTIONS) if v["impact"] in FAILING_IMPACTS]


def _layout_problems(page, where: str) -> list[str]:
    problems = [f"{where}: wider than the viewport: {what}" for what in page.evaluate(_OVERFLOW)]
    shift = page.evaluate(_LAYOUT_SHIFT)
    if shift >= LAYOUT_SHIFT_LIMIT:
        problems.append(
            f"{where}: the page moved while loading (cumulative layout shift {shift:.3f}, "
            f"limit {LAYOUT_SHIFT_LIMIT})"
        )
    return problems


def _keep_document(audit: PageAudit, page, path: str) -> None:
    response = audit.last_document
    if response is None or response.url != page.url or response.status >= 300:
        return
    if "text/html" not in (response.headers.get("content-type") or ""):
        return
    try:
        html = response.text()
    except Exception:  # noqa: BLE001 — the browser dropped the body: the page is unchecked
        return
    if (path, html) not in audit.documents:
        audit.documents.append((path, html))


def _audit_at_phone_width(page, audit: PageAudit, path: str) -> None:
    """The same address in another tab of the same context, at a phone's width; a page that
    answered a form's POST (its errors shown by an action's view) cannot be asked for again,
    so it is narrowed where it is, then widened back."""
    response = audit.last_document
    if response is not None and response.url == page.url and response.request.method != "GET":
        _audit_in_place_at_phone_width(page, audit, path)
        return
    phone = page.context.new_page()
    try:
        phone.set_viewport_size(PHONE)
        phone.goto(page.url)
        phone.wait_for_load_state("load")
        where = f"{page_path(phone.url)} at {PHONE['width']} px"
        title = phone.title()
        audit.violations.extend((f"{page_path(phone.url)} (phone)", title, v) for v in _axe(phone))
        audit.layout.extend(_layout_problems(phone, where))
    finally:
        phone.close()


def _audit_in_place_at_phone_width(page, audit: PageAudit, path: str) -> None:
    """axe and the overflow check on the page itself at a phone's width (its layout shifts
    were measured as it loaded, at its own width)."""
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    try:
        # Two frames: the page is laid out again at the new width before it is measured.
        page.evaluate(
            "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        where = f"{path} at {PHONE['width']} px"
        audit.violations.extend((f"{path} (phone)", page.title(), v) for v in _axe(page))
        audit.layout.extend(
            f"{where}: wider than the viewport: {what}" for what in page.evaluate(_OVERFLOW)
        )
    finally:
        if size:
            page.set_viewport_size(size)
