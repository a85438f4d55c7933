"""An EES admin runs a diagnostic campaign with two colleagues; agency staff, logging in with
their second factor, find the organisation among the diagnostics and open its result.

The respondents' answers are written through the services (answering in the browser is the
diagnostic journey's subject); every page the admin and the agency reach is audited.
Selectors follow URLs and form field names rather than wording (the site answers in French).
"""

import re
import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.urls import reverse
from playwright.sync_api import expect

from diagnostic.models import Campaign, Result
from diagnostic.scoring import is_perception_gap
from diagnostic.services import assessment_submit
from tests.conftest import agency_with_mfa
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory, OrganisationFactory

from .a11y import follow, visit
from .steps import PASSWORD, form_with, log_in, log_out, submit_button

EXTERNAL = "coordination@jardins-lorrains.example.be"


def _current_totp(user) -> str:
    authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


@pytest.mark.usefixtures("questionnaire")
def test_a_team_campaign_then_the_agency_finds_its_result(page, live_server, mailoutbox, settings):
    settings.STAFF_REQUIRE_MFA = True
    organisation = OrganisationFactory(
        name="Les Jardins Lorrains", province="LX", postcode="6700", sector="food"
    )
    admin = MembershipFactory(organisation=organisation, role="admin", user__password=PASSWORD).user
    colleague = MembershipFactory(organisation=organisation).user
    history_url = reverse("diagnostic:organisation_history", kwargs={"slug": organisation.slug})

    # The admin goes from the organisation's page to its diagnostics, and opens a campaign.
    log_in(page, admin.email)
    visit(page, organisation.get_absolute_url())
    follow(page, page.locator(f"main a[href='{history_url}']"))
    open_url = reverse("diagnostic:campaign_open", kwargs={"slug": organisation.slug})
    follow(page, submit_button(page.locator(f"main form[action='{open_url}']")))
    campaign = Campaign.objects.get(organisation=organisation)
    campaign_url = reverse(
        "diagnostic:campaign_detail", kwargs={"slug": organisation.slug, "pk": campaign.pk}
    )
    expect(page).to_have_url(re.compile(rf"{campaign_url}$"))

    # Two colleagues are invited: a member, and someone without an account.
    for email in (colleague.email, EXTERNAL):
        form = form_with(page, "email")
        form.locator("[name=email]").fill(email)
        follow(page, submit_button(form))
    assert sorted(m.to[0] for m in mailoutbox) == sorted([colleague.email, EXTERNAL])
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(3)

    # Each answers alone (through the services), seeing the organisation differently.
    for rank, assessment in zip((1, 3, 4), campaign.assessments.order_by("pk"), strict=True):
        assessment_submit(assessment=answer_everything(assessment, rank=rank))
    visit(page, campaign_url)
    result = Result.objects.get(campaign=campaign)
    assert result.respondents == 3
    result_url = reverse(
        "diagnostic:organisation_result", kwargs={"slug": organisation.slug, "pk": result.pk}
    )
    follow(page, page.locator(f"main a[href='{result_url}']"))
    # The perception gap per dimension: a column of the scores table, never who said what.
    gaps = [s.spread for s in result.scores.all()]
    assert all(gap is not None for gap in gaps) and max(gaps) > 0
    scores_table = page.locator("main table").first
    expect(scores_table.locator("thead th")).to_have_count(3)  # dimension, score, gap
    shown = scores_table.locator("tbody tr td:nth-of-type(2)").all_inner_texts()
    # A large gap is said in words beside its figure, not only by the badge's colour.
    assert sorted(shown) == sorted(
        f"{gap:.0f}" + (" ⚠ écart important" if is_perception_gap(gap) else "") for gap in gaps
    )
    log_out(page)

    # Agency staff log in with their second factor and look for the organisation's province.
    staff = agency_with_mfa()
    staff.set_password(PASSWORD)
    staff.save()
    visit(page, "/accounts/login/")
    form = form_with(page, "password")
    form.locator("[name=login]").fill(staff.email)
    form.locator("[name=password]").fill(PASSWORD)
    follow(page, submit_button(form))
    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    code = form_with(page, "code")
    code.locator("[name=code]").fill(_current_totp(staff))
    follow(page, code.locator("button[type=submit]").first)  # the last one cancels
    expect(page).to_have_url(re.compile(r"/dashboard/$"))

    visit(page, reverse("diagnostic_staff:assessment_list"))
    filters = form_with(page, "province")
    filters.locator("select[name=province]").select_option("LX")
    follow(page, submit_button(filters))
    expect(page).to_have_url(re.compile(r"province=LX"))
    listed = page.locator("main table tbody tr").filter(has_text=organisation.name)
    expect(listed).to_have_count(1)  # the campaign's result, its respondents counted once
    expect(listed).to_contain_text("3")

    follow(page, listed.locator(f"a[href='{result_url}']"))
    expect(page.locator("h1")).to_be_visible()
