"""PDF reports of results pages: asked for on the page, rendered by a task, e-mailed, reused.

Tasks run in-process here (CI sets REDIS_URL, so the fixture below forces it), except in the
test marked `celery_worker`, where a real worker renders the report through Redis.
"""

import re
import shutil
import subprocess
import time

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from diagnostic import selectors, services
from diagnostic.models import Assessment, Report
from diagnostic.reports import services as reports
from diagnostic.tasks import render_report
from digitalees.celery import app
from tests.diagnostic.conftest import answer_everything
from tests.digitalees.test_celery_worker import redis_celery  # noqa: F401
from tests.factories import CoachFactory, MembershipFactory

pytestmark = pytest.mark.django_db

DOWNLOAD_LINK = re.compile(r"https?://\S+/diagnostic/reports/(\d+)/download/")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _tasks_in_process(request, settings):
    """Tasks run at once, in-process, and their errors surface, even when REDIS_URL is set."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.CELERY_TASK_EAGER_PROPAGATES = True
    saved = {name: app.conf[name] for name in ("task_always_eager", "task_eager_propagates")}
    app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield
    app.conf.update(saved)


def _org_result(organisation=None, *, rank=2):
    """An organisation's result, submitted by its admin; returns (admin, result)."""
    admin = MembershipFactory(
        role="admin", **({"organisation": organisation} if organisation else {})
    )
    assessment = services.assessment_start(respondent=admin.user, organisation=admin.organisation)
    services.assessment_submit(assessment=answer_everything(assessment, rank=rank))
    assessment.refresh_from_db()
    return admin, assessment.result


def _result_request_url(result):
    return reverse(
        "diagnostic_reports:result_request",
        kwargs={"slug": result.organisation.slug, "pk": result.pk},
    )


def _result_page_url(result):
    return reverse(
        "diagnostic:organisation_result",
        kwargs={"slug": result.organisation.slug, "pk": result.pk},
    )


def _status_url(report):
    return reverse("diagnostic_reports:status", kwargs={"pk": report.pk})


def _download_url(report):
    return reverse("diagnostic_reports:download", kwargs={"pk": report.pk})


def _visitor_assessment(client):
    """A visitor starts a diagnostic in `client`'s browser, answers it and submits it."""
    response = client.post(reverse("diagnostic:start"))
    uuid = re.search(r"/diagnostic/([0-9a-f-]+)/part/1/", response.url).group(1)
    assessment = Assessment.objects.get(uuid=uuid)
    services.assessment_submit(assessment=answer_everything(assessment))
    assessment.refresh_from_db()
    return assessment


def _pdf_bytes(report) -> bytes:
    with report.file.open("rb") as pdf:
        return pdf.read()


def _pdf_text(report) -> str:
    """The PDF's text with poppler's pdftotext when it is installed; otherwise the HTML the
    PDF is rendered from (the same template, context and language)."""
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-", "-"], input=_pdf_bytes(report), capture_output=True, check=True
        ).stdout.decode()
    return reports.report_html(report)


# --- asking for a report -------------------------------------------------------------------


def test_a_member_gets_the_organisations_report_by_email_and_download(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    admin, result = _org_result()
    member = MembershipFactory(organisation=result.organisation).user
    client.force_login(member)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_result_request_url(result))
    assert response.status_code == 302
    assert response.url == _result_page_url(result)

    report = Report.objects.get(result=result)
    assert report.status == Report.Status.READY
    assert report.language == "fr"  # the reader's language: French unless they chose English
    assert report.requested_by == member
    assert report.notify_emails == []  # sent: nobody is e-mailed twice
    assert _pdf_bytes(report).startswith(b"%PDF")
    assert result.organisation.name in _pdf_text(report)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [member.email]
    assert result.organisation.name in mail.subject
    link = f"{django_settings.SITE_URL}{_download_url(report)}"
    assert link in mail.body
    assert link in mail.alternatives[0][0]

    page = client.get(_result_page_url(result)).content.decode()
    assert _download_url(report) in page  # the results page now offers the download

    response = client.get(_download_url(report))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    date = result.created_at.astimezone().strftime("%Y-%m-%d")
    assert response["Content-Disposition"] == (
        f'attachment; filename="digitalees-diagnostic-{date}-fr.pdf"'
    )
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_page_polls_while_the_report_is_prepared_then_offers_the_download(
    client, django_capture_on_commit_callbacks
):
    admin, result = _org_result()
    client.force_login(admin.user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(_result_page_url(result)).content.decode()
    assert f'data-hx-post="{_result_request_url(result)}"' in page
    assert 'data-hx-target="#diagnostic-report"' in page

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(_result_request_url(result), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    report = Report.objects.get(result=result)
    pending = response.content.decode()
    assert f'data-hx-get="{_status_url(report)}"' in pending
    assert 'data-hx-trigger="every 2s"' in pending and 'data-hx-swap="outerHTML"' in pending
    assert 'aria-live="polite"' in pending
    assert "being prepared" in client.get(_status_url(report)).content.decode()

    for callback in callbacks:  # the task runs: the report is rendered
        callback()
    ready = client.get(_status_url(report), HTTP_HX_REQUEST="true").content.decode()
    assert _download_url(report) in ready
    assert "hx-trigger" not in ready  # no more polling


def test_everyone_who_asks_while_it_is_prepared_gets_the_link_by_email(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    admin, result = _org_result()
    colleague = MembershipFactory(organisation=result.organisation).user
    onlooker = MembershipFactory(organisation=result.organisation).user
    with django_capture_on_commit_callbacks(execute=False) as first:
        client.force_login(admin.user)
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        mine = client.post(_result_request_url(result), HTTP_HX_REQUEST="true")
        client.force_login(colleague)
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        theirs = client.post(_result_request_url(result), HTTP_HX_REQUEST="true")
        client.post(_result_request_url(result), HTTP_HX_REQUEST="true")  # asked twice
    report = Report.objects.get(result=result)
    assert report.status == Report.Status.PENDING
    for response in (mine, theirs):
        assert "The link will also be sent by e-mail." in response.content.decode()
    # A colleague who only opens the page is not told they will get an e-mail.
    client.force_login(onlooker)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    status = client.get(_status_url(report), HTTP_HX_REQUEST="true").content.decode()
    assert "being prepared" in status and "sent by e-mail" not in status

    # The rendering runs once, after both asked; its e-mails leave once that commits.
    with django_capture_on_commit_callbacks(execute=True):
        for callback in first:
            callback()
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted([admin.user.email, colleague.email])
    assert all(len(mail.to) == 1 for mail in mailoutbox)  # one message each
    assert all(_download_url(report) in mail.body for mail in mailoutbox)

    # Asked again once ready: the download is there, no e-mail is sent again.
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_result_request_url(result), HTTP_HX_REQUEST="true")
    assert len(mailoutbox) == 2


def test_a_visitor_gets_their_report_by_email_in_any_browser(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    assessment = _visitor_assessment(client)
    url = reverse("diagnostic_reports:assessment_request", kwargs={"uuid": assessment.uuid})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "visitor@example.be"})
    assert response.status_code == 302
    results_url = reverse("diagnostic:results", kwargs={"uuid": assessment.uuid})
    assert response.url == results_url

    report = Report.objects.get(assessment=assessment)
    assert report.status == Report.Status.READY
    assert report.requested_by is None
    assert _pdf_bytes(report).startswith(b"%PDF")
    response = client.get(_download_url(report))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # The download address alone opens nothing in a browser without the diagnostic.
    assert Client().get(_download_url(report)).status_code == 404

    # The e-mail carries the diagnostic's signed access link: another browser (the visitor's
    # laptop, say) opens the results with it, then downloads the report.
    [mail] = mailoutbox
    assert mail.to == ["visitor@example.be"]
    assert _download_url(report) not in mail.body
    link = re.search(r"/diagnostic/link/[^/\s]+/", mail.body).group(0)
    assert link in mail.alternatives[0][0]
    laptop = Client()
    opened = laptop.get(link)
    assert opened.status_code == 302 and opened.url == results_url
    assert _download_url(report) in laptop.get(results_url).content.decode()
    assert laptop.get(_download_url(report)).status_code == 200
    # A tampered link opens nothing.
    assert Client().get(link[:-3] + "xx/").status_code == 400


def test_the_report_block_says_what_the_email_says_of_the_link(client):
    """The form promises what the e-mail delivers: a link that opens in any browser, for
    as long as the access link lasts."""
    assessment = _visitor_assessment(client)
    page = client.get(reverse("diagnostic:results", kwargs={"uuid": assessment.uuid}))
    text = _text(page.content.decode())
    assert "dans n'importe quel navigateur pendant 60 jours" in text
    assert "ce navigateur" not in text


def test_a_visitor_cannot_make_the_platform_mail_an_address_more_than_five_times_an_hour(
    client,
):
    """Each report notice goes to an address the visitor typed: beyond five an hour from one
    client, the report is still prepared, but nobody is e-mailed."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    sent = "will be sent to victim@example.be"
    not_sent = "Reload this page in a moment to download it."

    def ask(browser):
        assessment = _visitor_assessment(browser)
        url = reverse("diagnostic_reports:assessment_request", kwargs={"uuid": assessment.uuid})
        # The task that renders and mails is left out (on_commit callbacks do not run):
        # the message says whether the address will get the link.
        response = browser.post(url, {"email": "victim@example.be"}, follow=True)
        assert Report.objects.filter(assessment=assessment).exists()
        return response.content.decode()

    for _ in range(5):
        content = ask(client)
        assert sent in content and not_sent not in content
    content = ask(client)
    assert not_sent in content and sent not in content
    # Another client has a window of its own.
    other = Client(REMOTE_ADDR="192.0.2.7")
    other.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    assert sent in ask(other)


@pytest.mark.parametrize("htmx", [False, True])
def test_a_bad_address_is_refused_and_nothing_is_created(client, htmx):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    assessment = _visitor_assessment(client)
    url = reverse("diagnostic_reports:assessment_request", kwargs={"uuid": assessment.uuid})
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    response = client.post(url, {"email": "not-an-address"}, follow=not htmx, **headers)
    assert response.status_code == 200
    assert "Enter a valid email address." in response.content.decode()
    assert not Report.objects.exists()
    if htmx:
        assert 'aria-invalid="true"' in response.content.decode()


def test_asking_again_reuses_the_stored_file(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    admin, result = _org_result()
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_result_request_url(result))
    first = Report.objects.get(result=result)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(_result_request_url(result), HTTP_HX_REQUEST="true")
    assert callbacks == []  # nothing queued
    again = Report.objects.get(result=result)
    assert (again.pk, again.file.name, again.ready_at) == (
        first.pk,
        first.file.name,
        first.ready_at,
    )
    assert _download_url(again) in response.content.decode()
    assert len(mailoutbox) == 1


def test_the_same_results_in_the_other_language_are_another_report(
    client, django_capture_on_commit_callbacks
):
    admin, result = _org_result()
    client.force_login(admin.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_result_request_url(result))
    # An English reader sees the form, not the French report's status.
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(_result_page_url(result)).content.decode()
    assert "Download the PDF report" in page
    assert _download_url(Report.objects.get(result=result)) not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_result_request_url(result))
    assert sorted(Report.objects.filter(result=result).values_list("language", flat=True)) == [
        "en",
        "fr",
    ]


def test_the_report_is_in_the_readers_language(client, django_capture_on_commit_callbacks):
    admin, result = _org_result()
    client.force_login(admin.user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_result_request_url(result))
    english = Report.objects.get(result=result, language="en")
    text = _pdf_text(english)
    assert "Score per dimension" in text and "What to do next" in text
    assert "Cybersecurity" in text and "Cybersécurité" not in text

    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "fr"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_result_request_url(result))
    french = Report.objects.get(result=result, language="fr")
    text = _pdf_text(french)
    assert "Cybersécurité" in text and "Cybersecurity" not in text


def test_the_report_shows_the_benchmark_only_for_groups_of_five(
    django_capture_on_commit_callbacks,
):
    admin, result = _org_result()
    report = Report.objects.create(result=result, language="en")
    assert "Median of similar EES" not in reports.report_html(report)
    assert "appears once at least five organisations" in reports.report_html(report)
    # Five other organisations of the same sector, size and province (the organisation is
    # never its own peer); once their results commit, the benchmark is computed again.
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            _org_result(rank=3)
    html = reports.report_html(report)
    assert "Compared with the latest result of 5 EES" in html
    assert "Median of similar EES" in html  # the radar's second series


# --- failures and retries ------------------------------------------------------------------


def test_a_failed_report_says_so_and_can_be_asked_for_again(
    client, monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    admin, result = _org_result()
    client.force_login(admin.user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"

    def broken(report):
        raise ValueError("the template is broken")

    monkeypatch.setattr(reports, "report_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_result_request_url(result), HTTP_HX_REQUEST="true")
    report = Report.objects.get(result=result)
    assert report.status == Report.Status.FAILED
    assert "the template is broken" in report.error
    block = client.get(_status_url(report), HTTP_HX_REQUEST="true").content.decode()
    assert "could not be prepared" in block and "Try again" in block
    assert "hx-trigger" not in block
    assert not mailoutbox

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_result_request_url(result), HTTP_HX_REQUEST="true")
    report.refresh_from_db()
    assert report.status == Report.Status.READY and report.error == ""
    assert len(mailoutbox) == 1


def _flaky_pdf(monkeypatch):
    """report_pdf fails once with a storage error, then works; returns the list of calls."""
    real_pdf, calls = reports.report_pdf, []

    def flaky(report):
        calls.append(report.pk)
        if len(calls) == 1:
            raise OSError("disk briefly unavailable")
        return real_pdf(report)

    monkeypatch.setattr(reports, "report_pdf", flaky)
    return calls


def test_a_passing_storage_error_is_retried(monkeypatch, django_capture_on_commit_callbacks):
    # As on a worker: the retry runs (in-process, errors not propagated to the caller).
    app.conf.task_eager_propagates = False
    calls = _flaky_pdf(monkeypatch)
    admin, result = _org_result()
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_request(result=result, language="en")
    report.refresh_from_db()
    assert len(calls) == 2
    assert report.status == Report.Status.READY


def test_without_a_worker_a_storage_error_fails_at_once(
    monkeypatch, django_capture_on_commit_callbacks
):
    # Development without Redis: the retry would be raised to the page, never run.
    calls = _flaky_pdf(monkeypatch)
    admin, result = _org_result()
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_request(result=result, language="en")
    report.refresh_from_db()
    assert len(calls) == 1
    assert report.status == Report.Status.FAILED
    assert "disk briefly unavailable" in report.error


def test_the_task_is_safe_to_run_twice(mailoutbox, django_capture_on_commit_callbacks):
    admin, result = _org_result()
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_request(result=result, language="en", notify_email=admin.user.email)
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert render_report.apply(args=[report.pk]).get() == "skipped"
    report.refresh_from_db()
    assert len(mailoutbox) == 1
    assert len(list((django_settings.PRIVATE_MEDIA_ROOT / "reports").rglob("*.pdf"))) == 1


def test_a_lost_file_is_rendered_again(django_capture_on_commit_callbacks):
    admin, result = _org_result()
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_request(result=result, language="en")
    report.refresh_from_db()
    report.file.storage.delete(report.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        again = reports.report_request(result=result, language="en")
    again.refresh_from_db()
    assert again.pk == report.pk and again.status == Report.Status.READY
    assert again.file.name != report.file.name and again.file.storage.exists(again.file.name)


# --- stale reports -----------------------------------------------------------------------------


def test_a_new_campaign_respondent_makes_the_campaigns_reports_stale(
    django_capture_on_commit_callbacks,
):
    admin = MembershipFactory(role="admin")
    colleague = MembershipFactory(organisation=admin.organisation).user
    campaign = services.campaign_open(organisation=admin.organisation, opened_by=admin.user)
    first = campaign.assessments.get(respondent=admin.user)
    services.assessment_submit(assessment=answer_everything(first, rank=1))
    result = campaign.result
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_request(result=result, language="fr")
    report.refresh_from_db()
    stored = report.file.name
    assert report.file.storage.exists(stored)

    second = services.assessment_start(campaign=campaign, respondent=colleague)
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_submit(assessment=answer_everything(second, rank=4))
    assert not Report.objects.filter(result=result).exists()
    assert not report.file.storage.exists(stored)


def test_claimed_results_get_a_report_that_names_the_organisation(
    client, django_capture_on_commit_callbacks
):
    """A visitor's PDF names no organisation; once the results are attached to one, the
    stored file is dropped and asking again renders one that names it."""
    assessment = _visitor_assessment(client)
    with django_capture_on_commit_callbacks(execute=True):
        before = reports.report_request(assessment=assessment, language="en")
    before.refresh_from_db()
    assert "Personal diagnostic" in _pdf_text(before)
    stored = before.file.name

    membership = MembershipFactory(organisation__name="Ressourcerie du Plateau")
    with django_capture_on_commit_callbacks(execute=True):
        services.assessment_claim(
            assessment=assessment, user=membership.user, organisation=membership.organisation
        )
    assert not before.file.storage.exists(stored)
    assessment.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        after = reports.report_request(assessment=assessment, language="en")
    after.refresh_from_db()
    assert after.file.name != stored
    text = _pdf_text(after)
    assert "Ressourcerie du Plateau" in text
    assert "Personal diagnostic" not in text


# --- who may ask and download -----------------------------------------------------------------


def _ready_report(result):
    report = Report.objects.create(result=result, language="fr")
    reports.report_render(report)
    return report


@pytest.mark.parametrize("stranger", ["other_org_member", "unassigned_coach"])
def test_strangers_to_the_organisation_get_404(client, stranger):
    admin, result = _org_result()
    report = _ready_report(result)
    people = {
        "other_org_member": MembershipFactory(role="admin").user,
        "unassigned_coach": CoachFactory(),
    }
    client.force_login(people[stranger])
    assert client.post(_result_request_url(result)).status_code == 404
    assert client.get(_status_url(report)).status_code == 404
    assert client.get(_download_url(report)).status_code == 404
    assert Report.objects.count() == 1


def test_a_colleague_downloads_and_anonymous_is_sent_to_log_in(client):
    admin, result = _org_result()
    report = _ready_report(result)
    login = reverse("account_login")
    response = client.get(_download_url(report))
    assert response.status_code == 302
    assert response.url.startswith(login) and "next=" in response.url  # the e-mailed link
    assert client.post(_result_request_url(result)).url.startswith(login)

    client.force_login(MembershipFactory(organisation=result.organisation).user)
    response = client.get(_download_url(report))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_strangers_to_a_visitors_diagnostic_get_404(client, django_capture_on_commit_callbacks):
    assessment = _visitor_assessment(client)
    with django_capture_on_commit_callbacks(execute=True):
        report = reports.report_request(assessment=assessment, language="fr")
    url = reverse("diagnostic_reports:assessment_request", kwargs={"uuid": assessment.uuid})
    anonymous, member = Client(), Client()
    member.force_login(MembershipFactory().user)
    for other in (anonymous, member):
        assert other.post(url).status_code == 404
        assert other.get(_status_url(report)).status_code == 404
        assert other.get(_download_url(report)).status_code == 404


def test_a_draft_has_no_report(client):
    response = client.post(reverse("diagnostic:start"))
    uuid = re.search(r"/diagnostic/([0-9a-f-]+)/part/1/", response.url).group(1)
    url = reverse("diagnostic_reports:assessment_request", kwargs={"uuid": uuid})
    assert client.post(url).status_code == 404
    assert not Report.objects.exists()


# --- a real worker ---------------------------------------------------------------------------


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("published_questionnaire", "redis_celery")
def test_a_worker_renders_the_report_through_redis_and_mails_it(mailoutbox):
    admin, result = _org_result()
    report = reports.report_request(
        result=result, language="en", requested_by=admin.user, notify_email="boss@example.be"
    )
    # Wait for our own mail: a shared Redis may hold other tasks that the worker also runs.
    deadline = time.monotonic() + 30
    while not _mails_to(mailoutbox, "boss@example.be") and time.monotonic() < deadline:
        time.sleep(0.1)
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert _pdf_bytes(report).startswith(b"%PDF")
    [mail] = _mails_to(mailoutbox, "boss@example.be")
    assert f"{django_settings.SITE_URL}{_download_url(report)}" in mail.body


def _mails_to(outbox, address):
    return [m for m in outbox if m.to == [address]]


def test_an_anonymous_poll_names_no_organisation(client):
    admin, result = _org_result()
    report = Report.objects.create(result=result, language="en")
    response = client.get(
        _status_url(report),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/some/page/",
    )
    target = response.headers["HX-Redirect"]
    assert target.startswith("/accounts/login/")
    assert result.organisation.slug not in target


# --- the page and the PDF show the same figures ---------------------------------------------


def _text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def _dimension_table(html: str) -> list[list[str]]:
    """The cells of the "Scores out of 100 per dimension" table, row by row (empty cells,
    such as the PDF's bars, left out)."""
    table = re.search(r"<caption>Scores out of 100 per dimension(.*?)</table>", html, re.S)
    rows = []
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.group(1), re.S):
        cells = [_text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows.append([cell for cell in cells if cell])
    return rows


def _recommended(html: str) -> list[str]:
    """ "Dimension NN / 100" of each recommendation, in order."""
    titles = [_text(h3) for h3 in re.findall(r"<h3[^>]*>(.*?)</h3>", html, re.S)]
    return [title for title in titles if title.endswith("/ 100")]


def test_the_page_and_the_pdf_show_the_same_figures(client, django_capture_on_commit_callbacks):
    """A campaign's result with everything a result can show: a gap between respondents,
    the peers' quartiles, the change since the previous result, recommendations."""
    with django_capture_on_commit_callbacks(execute=True):
        admin, previous = _org_result(rank=3)
        for _ in range(5):
            _org_result(rank=2)  # peers of the same sector, size and province
        colleague = MembershipFactory(organisation=admin.organisation).user
        campaign = services.campaign_open(organisation=admin.organisation, opened_by=admin.user)
        own = campaign.assessments.get(respondent=admin.user)
        services.assessment_submit(assessment=answer_everything(own, rank=0))
        other = services.assessment_start(campaign=campaign, respondent=colleague)
        services.assessment_submit(assessment=answer_everything(other, rank=2))
    result = campaign.result
    result.refresh_from_db()
    assert result.respondents == 2 and result.pk != previous.pk

    client.force_login(admin.user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(_result_page_url(result)).content.decode()
    pdf = reports.report_html(Report.objects.create(result=result, language="en"))

    table = _dimension_table(page)
    assert table[0] == [
        "Dimension",
        "Score",
        "Gap between respondents",
        "Similar EES (Q1 · median · Q3)",
        "Change",
    ]
    assert len(table) == 1 + 8 and all(len(row) == 5 for row in table)
    assert table == _dimension_table(pdf)
    assert _recommended(page) and _recommended(page) == _recommended(pdf)
    overall = f"{result.overall_score:.0f}"
    assert f">{overall}<" in page and f">{overall}<" in pdf
    since = re.search(r"Change since the result of [^,]+,", page).group(0)
    assert since in pdf
    assert "Compared with the latest result of 5 EES" in page
    assert "Compared with the latest result of 5 EES" in pdf


def test_the_report_lists_every_weak_dimension_it_announces(english):
    """The sentence above the recommendations and the list under it come from the same
    figures: all eight dimensions score under 70, the three weakest are shown and said so."""
    _admin, result = _org_result(rank=0)
    html = reports.report_html(Report(result=result, language="en"))
    assert "The 3 weakest of the 8 dimensions scoring under 70" in _text(html)
    assert len(_recommended(html)) == 3
    assert "Your weakest dimensions" not in html


def test_the_report_says_how_many_dimensions_score_under_the_mark(english):
    """Fewer weak dimensions than the list can hold: it announces and shows each of them."""
    admin = MembershipFactory(role="admin")
    assessment = services.assessment_start(respondent=admin.user, organisation=admin.organisation)
    answer_everything(assessment, rank=3)  # every dimension scores 70 or more
    structure = selectors.questionnaire_structure(assessment.questionnaire_id)
    weak = [d.code for d in structure.dimensions[:2]]
    for question in structure.questions:
        if structure.dimension_of[question.code] in weak and question.type == "scale":
            lowest = min(
                (structure.choices[c] for c in structure.choices_of[question.id]),
                key=lambda c: c.value,
            )
            services.answer_save(
                assessment=assessment, question=question, choice_codes=[lowest.code]
            )
    services.assessment_submit(assessment=assessment)
    assessment.refresh_from_db()
    assert selectors.result_figures(result=assessment.result).below_count == 2
    html = reports.report_html(Report(result=assessment.result, language="en"))
    assert "The 2 dimensions scoring under 70, the weakest first" in _text(html)
    assert len(_recommended(html)) == 2
