"""A member is reminded of an action due this week, turns reminders off from the e-mail's
link without logging in, turns them back on from the account, and adds the coaching
calendar to their calendar program: every page reached is audited at both widths.

Selectors follow URLs and form field names rather than wording (the site answers in French).
"""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services as core
from coaching.reminders import services as reminders
from tests.factories import MembershipFactory

from .a11y import follow, visit
from .steps import PASSWORD, log_in, submit_button

UNSUBSCRIBE = re.compile(r"https?://[^/\s]+(/coaching/reminders/off/[^/\s]+/)")


@pytest.mark.django_db(transaction=True)
def test_a_member_opts_out_from_the_email_then_back_in_and_subscribes_to_the_calendar(
    page, live_server, mailoutbox
):
    membership = MembershipFactory(role="admin", user__password=PASSWORD)
    member = membership.user
    cohort = core.cohort_create(
        name="Cohorte du parcours",
        call_opens_on=timezone.localdate() - datetime.timedelta(days=60),
        call_closes_on=timezone.localdate() - datetime.timedelta(days=30),
        starts_on=timezone.localdate() - datetime.timedelta(days=20),
        ends_on=timezone.localdate() + datetime.timedelta(days=300),
        status="running",
    )
    enrolment = core.enrolment_create(cohort=cohort, organisation=membership.organisation)
    plan = core.plan_create(enrolment=enrolment, created_by=member)
    core.action_create(
        plan=plan,
        by=member,
        title="Choisir un outil de facturation",
        owner=member,
        due_on=timezone.localdate() + datetime.timedelta(days=2),
    )

    # The morning's run: one e-mail, with its link to turn reminders off.
    assert reminders.action_reminders_send() == 1
    [message] = mailoutbox
    assert "Choisir un outil de facturation" in message.subject
    path = UNSUBSCRIBE.search(message.body).group(1)

    # Opened without logging in: it asks first, the button turns them off.
    visit(page, path)
    assert reminders.reminders_enabled(member)
    follow(page, submit_button(page.locator(f"main form[action='{path}']")))
    assert not reminders.reminders_enabled(member)

    # Back on from the account's page.
    log_in(page, member.email)
    visit(page, reverse("coaching:reminder_settings"))
    page.locator("main input[name=reminders][value=on]").check()
    follow(page, submit_button(page.locator("main form:has([name=reminders])")))
    assert reminders.reminders_enabled(member)

    # The calendar: an address created, then read as a calendar program would.
    visit(page, reverse("coaching:calendar_settings"))
    renew = reverse("coaching:calendar_renew")
    follow(page, submit_button(page.locator(f"main form[action='{renew}']")))
    address = page.locator("#calendar-address").input_value()
    feed = page.request.get(address)
    assert feed.status == 200
    assert feed.headers["content-type"].startswith("text/calendar")
    assert "Choisir un outil de facturation" in feed.text()
