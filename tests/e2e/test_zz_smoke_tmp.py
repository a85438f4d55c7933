import pytest

from .a11y import check_a11y


def test_smoke_violation(page):
    page.set_content("<html><body><img src='x.png'><button></button></body></html>")
    check_a11y(page)


def test_smoke_health(page):
    page.goto("/healthz")
    check_a11y(page)


def test_smoke_unaudited(page, mailoutbox):
    page.goto("/healthz")
