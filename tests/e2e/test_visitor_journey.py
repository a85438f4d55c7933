"""A visitor becomes an EES admin: language, sign-up, e-mail confirmation, organisation.

Selectors follow form field names, roles and URLs rather than wording; visible text is
asserted only where it is the point (the language, the organisation's name, the error shown).
"""

import re

from django.utils import translation
from playwright.sync_api import expect

from digitalees.models import User
from network.models import Membership, Organisation
from tests.factories import UserFactory

from .a11y import follow, visit
from .steps import CONFIRM_LINK, PASSWORD, form_with, log_in, submit_button


def fill_organisation_form(page, *, name, enterprise_number):
    form = form_with(page, "enterprise_number")
    form.locator("[name=name]").fill(name)
    form.locator("[name=enterprise_number]").fill(enterprise_number)
    form.locator("select[name=legal_form]").select_option("asbl")
    form.locator("select[name=sector]").select_option("education")
    form.locator("select[name=province]").select_option("NA")
    form.locator("[name=postcode]").fill("5000")
    form.locator("[name=municipality]").fill("Namur")
    form.locator("select[name=size_band]").select_option("5-9")
    form.locator("textarea[name=social_purpose]").fill(
        "Un potager partagé qui forme des jeunes Namurois au maraîchage bio."
    )
    form.locator("[name=website]").fill("https://potager-namurois.example.be")
    form.locator("[name=is_public]").check()
    return form


def test_visitor_signs_up_and_registers_an_organisation(page, live_server, mailoutbox, screenshot):
    # A first visit is in French, whatever the browser prefers.
    visit(page, "/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    french_heading = page.get_by_role("heading", level=1).inner_text()
    assert french_heading.strip()
    screenshot(page, "home")

    # The language switcher posts the choice and comes back to the same page, in English.
    follow(page, page.locator("button[name=language][value=en]"))
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    english_heading = page.get_by_role("heading", level=1).inner_text()
    assert english_heading != french_heading, (
        "The home page's heading is the same in French and English: is French translated and "
        "compiled (make compilemessages)?"
    )
    expect(page.locator("button[name=language][value=en]")).to_have_attribute(
        "aria-current", "true"
    )

    # Sign up from the navigation with an e-mail address and a password (no username).
    follow(page, page.locator("header a[href='/accounts/signup/']"))
    email = "claire.dubois@potager-namurois.example.be"
    form = form_with(page, "password2")
    form.locator("[name=first_name]").fill("Claire")
    form.locator("[name=last_name]").fill("Dubois")
    form.locator("[name=email]").fill(email)
    form.locator("[name=password1]").fill(PASSWORD)
    form.locator("[name=password2]").fill(PASSWORD)
    follow(page, submit_button(form))

    # Told to confirm the address; the confirmation link is in the mail, in English.
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [email]
    link = CONFIRM_LINK.search(mail.body)
    assert link, f"No confirmation link in the mail:\n{mail.body}"

    visit(page, link.group(1))
    # (The form's own key differs from the mail's when a second has passed: the key is signed
    # with a timestamp.)
    confirm_form = page.locator("main form[method=post][action^='/accounts/confirm-email/']")
    follow(page, submit_button(confirm_form))
    # ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION: the new member is logged in and on the dashboard.
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    user = User.objects.get(email=email)
    assert user.emailaddress_set.get(email=email).verified

    # The dashboard invites a member without an organisation to register one.
    follow(page, page.locator("main a[href='/organisations/new/']").first)
    name = "Potager namurois ASBL"
    form = fill_organisation_form(page, name=name, enterprise_number="0403.170.701")
    follow(page, submit_button(form))

    organisation = Organisation.objects.get()
    expect(page).to_have_url(re.compile(rf"/organisations/{organisation.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert organisation.enterprise_number == "0403170701"
    assert organisation.is_public
    membership = Membership.objects.get(organisation=organisation)
    assert (membership.user, membership.role) == (user, Membership.Role.ADMIN)
    # The page lists the new member, with the admin role.
    with translation.override("en"):
        admin_label = str(Membership.Role.ADMIN.label)
    member_row = page.locator("main li, main tr").filter(has_text=email)
    expect(member_row.first).to_contain_text(admin_label, ignore_case=True)
    screenshot(page, "organisation")


def test_logging_out_is_a_post_and_returns_home(page, live_server):
    user = UserFactory(password=PASSWORD)
    log_in(page, user.email)

    logout_form = page.locator("header form[action='/accounts/logout/']")
    expect(logout_form).to_have_attribute("method", "post")
    follow(page, submit_button(logout_form))

    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator("header a[href='/accounts/login/']")).to_be_visible()
    expect(page.locator("header form[action='/accounts/logout/']")).to_have_count(0)


def test_invalid_enterprise_number_is_refused_next_to_the_field(page, live_server):
    user = UserFactory(password=PASSWORD)
    log_in(page, user.email)
    visit(page, "/organisations/new/")

    form = fill_organisation_form(page, name="Numéro erroné ASBL", enterprise_number="0403.170.702")
    follow(page, submit_button(form))

    expect(page).to_have_url(re.compile(r"/organisations/new/$"))
    with translation.override("fr"):
        message = translation.gettext(
            "This enterprise number is not valid: its check digits do not match."
        )
    field = page.locator("[name=enterprise_number]")
    expect(field).to_have_attribute("aria-invalid", "true")
    # The message sits with the field: in the smallest block around the field that holds it,
    # and that block holds no other field.
    # (Ancestors come outermost first, so the last match is the innermost.)
    block = page.locator("form *").filter(has=field, has_text=message).last
    expect(block).to_be_visible()
    expect(block.locator("input, select, textarea")).to_have_count(1)
    assert Organisation.objects.count() == 0
