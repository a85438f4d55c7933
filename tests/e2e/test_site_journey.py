"""What every page owes its users, in the browser: the legal pages from the footer, the focus
on a form's errors, a focus ring that shows in the dark navigation bar, and an organisation's
members table that keeps its buttons on a phone's screen. Every page reached is audited (axe,
phone width, overflow, layout shift, HTML validity: see a11y.py)."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import MembershipFactory, OrganisationFactory

from . import a11y
from .a11y import PHONE, follow, visit
from .steps import PASSWORD, form_with, log_in, submit_button

LEGAL = ("/privacy/", "/legal-notice/", "/accessibility/", "/contact/")


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _rgb(css: str) -> tuple[int, int, int]:
    r, g, b = (int(float(n)) for n in re.findall(r"[\d.]+", css)[:3])
    return r, g, b


@pytest.mark.django_db(transaction=True)
def test_the_legal_pages_are_in_every_footer(page):
    visit(page, "/")
    for path in LEGAL:
        follow(page, page.locator(f"footer a[href='{path}']"))
        expect(page).to_have_url(re.compile(rf"{path}$"))
        expect(page.locator("h1")).to_be_visible()
    # In English too, from the language switcher.
    follow(page, page.locator("header form.language-switcher button[value=en]"))
    expect(page.locator("h1")).to_have_text("Contact")
    # What the server sent for each page is kept for the HTML checker (conftest).
    kept = [path for path, _html in a11y._AUDITS[id(page)].documents]
    assert kept == ["/", *LEGAL, "/contact/"], kept  # the English contact page too


@pytest.mark.django_db(transaction=True)
def test_a_form_with_errors_puts_the_focus_on_its_summary(page):
    visit(page, "/accounts/login/")
    form = form_with(page, "password")
    form.locator("[name=login]").fill("personne@example.be")
    form.locator("[name=password]").fill("pas-le-bon-mot-de-passe")
    follow(page, submit_button(form))
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")


@pytest.mark.django_db(transaction=True)
def test_the_focus_ring_shows_in_the_dark_navigation_bar(page):
    visit(page, "/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand, in the navigation bar
    focused = page.locator("header .navbar-brand")
    expect(focused).to_be_focused()
    style = focused.evaluate(
        """(el) => { const s = getComputedStyle(el);
            return [s.outlineStyle, s.outlineWidth, s.outlineColor,
                    getComputedStyle(el.closest('nav')).backgroundColor]; }"""
    )
    outline_style, outline_width, outline_color, bar = style
    assert outline_style == "solid" and float(outline_width.rstrip("px")) >= 2
    assert _contrast(_rgb(outline_color), _rgb(bar)) >= 3


@pytest.mark.django_db(transaction=True)
def test_the_members_buttons_stay_on_a_phones_screen(page):
    organisation = OrganisationFactory(name="Atelier de la Ressourcerie du Pays de Herve")
    admin = MembershipFactory(
        organisation=organisation,
        role="admin",
        user__password=PASSWORD,
        user__email="gestionnaire.ressourcerie-du-pays-de-herve@digitalees.example",
    ).user
    MembershipFactory(
        organisation=organisation,
        user__email="membre.ressourcerie-du-pays-de-herve@digitalees.example",
    )
    page.set_viewport_size(PHONE)
    log_in(page, admin.email)
    visit(page, organisation.get_absolute_url())
    # The member's row: "Make admin" (a form) and "Remove" (a link to the confirmation).
    buttons = page.locator("section[aria-labelledby=members-title] .btn")
    assert buttons.count() == 2
    for n in range(buttons.count()):
        box = buttons.nth(n).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
