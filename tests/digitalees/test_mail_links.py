"""Links in e-mails point at the site the user is on: the request's address when the e-mail
is sent while answering one (whatever port `make run HOST=…` serves on), SITE_URL otherwise."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from diagnostic import services
from diagnostic.models import Assessment, Report
from diagnostic.reports import services as reports
from digitalees.mail import absolute_url, site_url
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory

HOST = "digitalees.test:8123"


@pytest.fixture
def on_another_port(settings):
    settings.ALLOWED_HOSTS = ["digitalees.test", "testserver"]
    settings.SITE_URL = "https://site-url.example"
    return {"HTTP_HOST": HOST}


def _links(message) -> list[str]:
    text_links = re.findall(r"https?://[^\s\"<]+", message.body)
    html_links = re.findall(r'href="([^"]+)"', message.alternatives[0][0])
    return text_links + html_links


def _assert_links_to(message, origin, path_part):
    links = [link for link in _links(message) if path_part in link]
    assert links, _links(message)
    assert all(link.startswith(f"{origin}/") for link in links), links


def test_invitation_links_to_the_address_the_inviter_used(
    client, db, on_another_port, mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin")
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("network:invitation_create", kwargs={"slug": admin.organisation.slug}),
            {"email": "colleague@example.be", "role": "member"},
            **on_another_port,
        )
    [message] = mailoutbox
    _assert_links_to(message, f"http://{HOST}", "/invitations/")


def test_campaign_invitation_links_to_the_address_the_admin_used(
    client, db, on_another_port, mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin")
    organisation = admin.organisation
    client.force_login(admin.user)
    client.post(reverse("diagnostic:campaign_open", kwargs={"slug": organisation.slug}))
    campaign = organisation.campaigns.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(
                "diagnostic:campaign_invite", kwargs={"slug": organisation.slug, "pk": campaign.pk}
            ),
            {"email": "alice@example.be"},
            **on_another_port,
        )
    [message] = mailoutbox
    _assert_links_to(message, f"http://{HOST}", "/diagnostic/link/")


def test_resume_link_links_to_the_address_the_visitor_used(
    client, db, on_another_port, mailoutbox, django_capture_on_commit_callbacks
):
    client.post(reverse("diagnostic:start"), **on_another_port)
    assessment = Assessment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("diagnostic:resume_link", kwargs={"uuid": assessment.uuid}),
            {"email": "visiteur@example.be"},
            **on_another_port,
        )
    [message] = mailoutbox
    _assert_links_to(message, f"http://{HOST}", "/diagnostic/link/")


def _result(admin):
    assessment = services.assessment_start(respondent=admin.user, organisation=admin.organisation)
    services.assessment_submit(assessment=answer_everything(assessment, rank=2))
    assessment.refresh_from_db()
    return assessment.result


def test_report_notice_from_a_task_links_to_site_url(
    db, on_another_port, mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin")
    result = _result(admin)
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_request(
            result=result, language="en", requested_by=admin.user, notify_email="boss@example.be"
        )
    assert Report.objects.get(pk=report.pk).status == Report.Status.READY
    [message] = mailoutbox
    _assert_links_to(message, "https://site-url.example", "/diagnostic/reports/")


def test_without_a_request_links_use_site_url(settings):
    settings.SITE_URL = "https://digitalees.example.be"
    assert site_url() == "https://digitalees.example.be"
    assert absolute_url("/dashboard/") == "https://digitalees.example.be/dashboard/"


def test_a_forged_host_never_reaches_an_email(client, db, settings, mailoutbox):
    settings.SITE_URL = "https://digitalees.example.be"
    response = client.post(reverse("diagnostic:start"), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert not mailoutbox


def test_make_run_sets_site_url_from_host():
    """A report notice is sent by a task (no request): `make run HOST=…` gives it the host."""
    root = Path(__file__).resolve().parents[2]
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    printed = subprocess.run(
        ["make", "-n", "run", "HOST=0.0.0.0:8123"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    [serve] = [line for line in printed.splitlines() if "runserver" in line]
    assert "SITE_URL=${SITE_URL:-http://0.0.0.0:8123}" in serve
