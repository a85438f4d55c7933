"""An EES admin names a colleague admin, steps down, and the new admin removes a member and
closes a campaign: each destructive action asks first on a page of its own, which works
without JavaScript, and every page reached is audited.

Selectors follow URLs and form field names rather than wording (the site answers in French).
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from diagnostic.services import campaign_open
from network.models import Membership
from tests.factories import MembershipFactory, OrganisationFactory

from .a11y import follow, visit
from .steps import PASSWORD, log_in, log_out, submit_button


def _member_url(name, membership):
    return reverse(
        f"network:{name}", kwargs={"slug": membership.organisation.slug, "pk": membership.pk}
    )


@pytest.mark.usefixtures("questionnaire")
def test_an_admin_hands_over_and_the_new_admin_asks_before_removing(page, live_server):
    organisation = OrganisationFactory(
        name="Atelier Vert", province="LG", postcode="4650", municipality="Herve"
    )
    admin = MembershipFactory(organisation=organisation, role="admin", user__password=PASSWORD)
    colleague = MembershipFactory(organisation=organisation, user__password=PASSWORD)
    leaver = MembershipFactory(organisation=organisation)

    # The admin names a colleague admin, then steps down.
    log_in(page, admin.user.email)
    visit(page, organisation.get_absolute_url())
    expect(page.locator("main")).to_contain_text("4650 Herve, province de Liège")
    role_url = _member_url("membership_role", colleague)
    follow(page, submit_button(page.locator(f"main form[action='{role_url}']")))
    colleague.refresh_from_db()
    assert colleague.is_admin
    own_role_url = _member_url("membership_role", admin)
    follow(page, submit_button(page.locator(f"main form[action='{own_role_url}']")))
    admin.refresh_from_db()
    assert not admin.is_admin
    log_out(page)

    # The new admin removes a member: a confirmation page first, then the action.
    log_in(page, colleague.user.email)
    visit(page, organisation.get_absolute_url())
    confirm_remove_url = _member_url("membership_remove_confirm", leaver)
    follow(page, page.locator(f"main a[href='{confirm_remove_url}']"))
    assert Membership.objects.filter(pk=leaver.pk).exists()
    remove_url = _member_url("membership_remove", leaver)
    follow(page, submit_button(page.locator(f"main form[action='{remove_url}']")))
    expect(page).to_have_url(re.compile(rf"{organisation.get_absolute_url()}$"))
    assert not Membership.objects.filter(pk=leaver.pk).exists()

    # A campaign is closed after confirming; a second one is not offered while it is open.
    campaign = campaign_open(organisation=organisation, opened_by=colleague.user)
    kwargs = {"slug": organisation.slug, "pk": campaign.pk}
    history_url = reverse("diagnostic:organisation_history", kwargs={"slug": organisation.slug})
    visit(page, history_url)
    open_url = reverse("diagnostic:campaign_open", kwargs={"slug": organisation.slug})
    expect(page.locator(f"main form[action='{open_url}']")).to_have_count(0)
    detail_url = reverse("diagnostic:campaign_detail", kwargs=kwargs)
    follow(page, page.locator(f"main a[href='{detail_url}']").first)
    confirm_url = reverse("diagnostic:campaign_close_confirm", kwargs=kwargs)
    follow(page, page.locator(f"main a[href='{confirm_url}']"))
    close_url = reverse("diagnostic:campaign_close", kwargs=kwargs)
    follow(page, submit_button(page.locator(f"main form[action='{close_url}']")))
    campaign.refresh_from_db()
    assert not campaign.is_open
