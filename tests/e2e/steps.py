"""Steps that several browser journeys take: forms found by their fields, logging in and out."""

import re

from playwright.sync_api import expect

from .a11y import follow, visit

PASSWORD = "Verger-Namur-2025!"
CONFIRM_LINK = re.compile(r"(/accounts/confirm-email/[^/\s\"'<>]+/)")


def submit_button(form):
    return form.locator("button[type=submit], input[type=submit]").last


def form_with(page, field_name):
    """The form that holds the field `field_name` (not the language switcher or log-out)."""
    return page.locator(f"form:has([name={field_name}])")


def log_in(page, email, password=PASSWORD):
    visit(page, "/accounts/login/")
    form = form_with(page, "password")
    form.locator("[name=login]").fill(email)
    form.locator("[name=password]").fill(password)
    follow(page, submit_button(form))
    expect(page).to_have_url(re.compile(r"/dashboard/$"))


def log_out(page):
    follow(page, submit_button(page.locator("header form[action='/accounts/logout/']")))
