"""The PDF report is a job recorded in its row: claimed without a lock, queued again when its
message or its worker was lost, done once; and the page offers to try again when it failed.

Tasks run in-process here (tests/conftest.py), except in the test marked `celery_worker`, where
real worker processes render through Redis and one is killed mid-render.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from diagnostic import services
from diagnostic.models import Report
from diagnostic.reports import services as reports
from diagnostic.tasks import render_report, requeue_stale_reports
from digitalees import jobs
from digitalees.celery import app
from tests.diagnostic.conftest import answer_everything
from tests.diagnostic.test_reports import _org_result, _result_page_url, _result_request_url
from tests.digitalees.test_celery_worker import REDIS_URL, redis_celery  # noqa: F401
from tests.digitalees.test_mail_queue import broker_down  # noqa: F401
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _pdfs():
    # Reports are private files (conftest puts them in the test's own directory).
    return list((django_settings.PRIVATE_MEDIA_ROOT / "reports").rglob("*.pdf"))


def _lost_request(django_capture_on_commit_callbacks, **kwargs):
    """Ask for a report while the broker is down: the row is written, its message lost."""
    with django_capture_on_commit_callbacks(execute=False):
        return reports.report_request(**kwargs)


# --- queued again by the periodic task ---------------------------------------------------------


def test_a_report_whose_message_was_lost_is_queued_again_and_mailed_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    admin, result = _org_result()
    report = _lost_request(
        django_capture_on_commit_callbacks,
        result=result,
        language="en",
        notify_email=admin.user.email,
    )
    assert requeue_stale_reports.apply().get() == 0  # just asked: not pending too long yet
    Report.objects.update(queued_at=timezone.now() - jobs.REQUEUE_AFTER)
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stale_reports.apply().get() == 1
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert [m.to for m in mailoutbox] == [[admin.user.email]]
    assert requeue_stale_reports.apply().get() == 0
    assert len(mailoutbox) == 1 and len(_pdfs()) == 1


def test_a_render_claimed_by_a_dead_worker_is_taken_over(django_capture_on_commit_callbacks):
    admin, result = _org_result()
    report = _lost_request(django_capture_on_commit_callbacks, result=result, language="en")
    long_ago = timezone.now() - jobs.CLAIM_TIMEOUT - timedelta(seconds=1)
    # A worker claimed it and died; its message is gone too.
    Report.objects.update(claim_token="dead-worker", claimed_at=long_ago, queued_at=long_ago)
    assert requeue_stale_reports.apply().get() == 1
    report.refresh_from_db()
    assert report.status == Report.Status.READY and report.claim_token == ""


def test_a_render_in_progress_is_not_queued_again(django_capture_on_commit_callbacks):
    admin, result = _org_result()
    _lost_request(django_capture_on_commit_callbacks, result=result, language="en")
    long_ago = timezone.now() - jobs.CLAIM_TIMEOUT - timedelta(seconds=1)
    Report.objects.update(claim_token="alive", claimed_at=timezone.now(), queued_at=long_ago)
    assert requeue_stale_reports.apply().get() == 0
    # And its own message, delivered twice, does not render it twice.
    assert render_report.apply(args=[Report.objects.get().pk]).get() == "skipped"


def test_a_render_that_keeps_killing_its_worker_fails_and_the_page_offers_to_try_again(
    client, django_capture_on_commit_callbacks
):
    admin, result = _org_result()
    report = _lost_request(django_capture_on_commit_callbacks, result=result, language="en")
    long_ago = timezone.now() - jobs.CLAIM_TIMEOUT - timedelta(seconds=1)
    Report.objects.update(
        claim_token="killed", claimed_at=long_ago, queued_at=long_ago, attempts=jobs.MAX_ATTEMPTS
    )
    requeue_stale_reports.apply()
    report.refresh_from_db()
    assert report.status == Report.Status.FAILED
    assert "Gave up" in report.error

    # The results page itself says so and offers to try again, which works.
    client.force_login(admin.user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(_result_page_url(result)).content.decode()
    assert "Your report could not be prepared." in page
    assert f'action="{_result_request_url(result)}"' in page and "Try again" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_result_request_url(result))
    report.refresh_from_db()
    assert report.status == Report.Status.READY and report.attempts == 1
    assert "Download the PDF report" in client.get(_result_page_url(result)).content.decode()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("published_questionnaire")
def test_a_report_asked_for_while_the_broker_is_down_is_rendered_once_it_is_back(
    client, request, mailoutbox
):
    admin, result = _org_result()
    client.force_login(admin.user)
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    request.getfixturevalue("broker_down")
    response = client.post(_result_request_url(result))
    assert response.status_code == 302
    report = Report.objects.get(result=result)
    assert report.status == Report.Status.PENDING
    assert "being prepared" in client.get(_result_page_url(result)).content.decode()

    # Redis and a worker are back; a couple of minutes later the periodic task queues it.
    request.getfixturevalue("redis_celery")
    Report.objects.update(queued_at=timezone.now() - jobs.REQUEUE_AFTER)
    schedule = django_settings.CELERY_BEAT_SCHEDULE["requeue-stale-reports"]
    app.send_task(schedule["task"])
    assert _wait(lambda: mailoutbox, 30)
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    assert [m.to for m in mailoutbox] == [[admin.user.email]]
    app.send_task(schedule["task"])  # a second tick queues nothing
    time.sleep(1)
    assert len(mailoutbox) == 1 and len(_pdfs()) == 1


# --- no lock held while a PDF renders (PostgreSQL) -----------------------------------------------


def _in_thread(target, *args):
    """Run target in a thread of its own (its own database connection)."""
    box = {}

    def run():
        try:
            box["value"] = target(*args)
        except BaseException as error:  # noqa: BLE001 — handed to the test
            box["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, box


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("published_questionnaire")
def test_a_second_request_and_an_invalidation_do_not_wait_for_a_render(monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's (SQLite locks the whole database)")
    admin = MembershipFactory(role="admin")
    colleague = MembershipFactory(organisation=admin.organisation).user
    campaign = services.campaign_open(organisation=admin.organisation, opened_by=admin.user)
    services.assessment_submit(
        assessment=answer_everything(campaign.assessments.get(respondent=admin.user), rank=1)
    )
    result = campaign.result
    queued = []
    monkeypatch.setattr(reports, "_enqueue", queued.append)  # the test runs the render
    report = reports.report_request(result=result, language="en", notify_email="a@example.be")

    rendering, release = threading.Event(), threading.Event()
    real_pdf = reports.report_pdf

    def slow_pdf(report):
        rendering.set()
        release.wait(30)
        return real_pdf(report)

    monkeypatch.setattr(reports, "report_pdf", slow_pdf)
    render, rendered = _in_thread(lambda: render_report.apply(args=[report.pk]).get())
    second = colleague_submits = None
    try:
        assert rendering.wait(20)
        # A second click on "get the PDF" answers at once: still being prepared.
        second, asked = _in_thread(
            lambda: reports.report_request(
                result=result, language="en", notify_email=colleague.email
            )
        )
        second.join(5)
        assert not second.is_alive(), "the second request waits for the render"
        assert asked["value"].status == Report.Status.PENDING
        # A colleague's submission, which makes the report stale, does not wait either.
        mine = services.assessment_start(campaign=campaign, respondent=colleague)
        colleague_submits, _ = _in_thread(
            lambda: services.assessment_submit(assessment=answer_everything(mine, rank=4))
        )
        colleague_submits.join(5)
        assert not colleague_submits.is_alive(), "the submission waits for the render"
        assert not Report.objects.filter(pk=report.pk).exists()
    finally:
        release.set()
        for thread in (render, second, colleague_submits):
            if thread is not None:
                thread.join(30)
    # The render of the old figures ended after the invalidation: it is not kept.
    assert rendered.get("value") == "stale", rendered
    assert not Report.objects.filter(status=Report.Status.READY).exists()
    assert _pdfs() == []
    assert not Email.objects.exists()


def test_an_invalidated_report_is_never_marked_ready(django_capture_on_commit_callbacks):
    """The same without threads: the render's end finds its report gone."""
    admin, result = _org_result()
    report = _lost_request(
        django_capture_on_commit_callbacks, result=result, language="en", notify_email="a@b.be"
    )
    claimed = reports.report_claim(report.pk, token="attempt-1")
    reports.report_invalidate(result)
    assert reports.report_render(claimed, token="attempt-1") is None
    assert not Report.objects.exists() and _pdfs() == [] and not Email.objects.exists()


def test_a_render_taken_over_is_not_finished_by_the_first_attempt(
    django_capture_on_commit_callbacks,
):
    admin, result = _org_result()
    report = _lost_request(django_capture_on_commit_callbacks, result=result, language="en")
    first = reports.report_claim(report.pk, token="attempt-1")
    long_ago = timezone.now() - jobs.CLAIM_TIMEOUT - timedelta(seconds=1)
    Report.objects.update(claimed_at=long_ago)  # attempt 1 looks dead
    second = reports.report_claim(report.pk, token="attempt-2")
    assert second is not None
    assert reports.report_claim(report.pk, token="attempt-3") is None  # held by attempt 2
    assert reports.report_render(first, token="attempt-1") is None
    assert reports.report_render(second, token="attempt-2") is not None
    assert len(_pdfs()) == 1


# --- a worker killed mid-render ----------------------------------------------------------------


def _worker(env, *flags):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.diagnostic.render_worker", *flags],
        cwd=django_settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def through_redis():
    """Tasks published to Redis (no worker in this process)."""
    from tests.digitalees.test_mail_queue import _reset_connections

    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=REDIS_URL, task_always_eager=False)
    _reset_connections()
    yield
    app.conf.update(saved)
    _reset_connections()


def _worker_env(tmp_path):
    db = connection.settings_dict
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": REDIS_URL,
        "MEDIA_ROOT": str(django_settings.MEDIA_ROOT),
        "PRIVATE_MEDIA_ROOT": str(django_settings.PRIVATE_MEDIA_ROOT),
        "EMAIL_URL": f"filemail:///{tmp_path / 'mail'}",  # four slashes: an absolute path
        # The broker hands an unacknowledged message to another worker after 3 s.
        "CELERY_VISIBILITY_TIMEOUT": "3",
    }


def _stop(*processes):
    for process in processes:
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def _assert_rendered_and_mailed_once(report, tmp_path):
    time.sleep(2)  # time for a duplicate, were there one
    report.refresh_from_db()
    assert report.status == Report.Status.READY and report.attempts == 2
    assert len(_pdfs()) == 1
    assert [e.to for e in Email.objects.all()] == [["boss@example.be"]]
    [sent] = list((tmp_path / "mail").iterdir())
    assert reverse("diagnostic_reports:download", kwargs={"pk": report.pk}) in sent.read_text()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("published_questionnaire")
def test_a_worker_killed_mid_render_the_report_is_rendered_and_mailed_once(through_redis, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the worker processes need a database server")
    admin, result = _org_result()
    env, marker = _worker_env(tmp_path), tmp_path / "rendering"
    slow = _worker(env, f"--slow-once={marker}")
    survivor = None
    try:
        report = reports.report_request(
            result=result, language="en", notify_email="boss@example.be"
        )
        assert _wait(marker.exists, 60)
        os.killpg(slow.pid, signal.SIGKILL)  # mid-render: nothing acknowledged nor stored
        slow.wait(10)
        # Another worker starts; the broker hands it the message after the visibility timeout.
        survivor = _worker(env, f"--slow-once={marker}")
        assert _wait(lambda: Email.objects.filter(status=STATUS.sent).exists(), 90), (
            Report.objects.values().first()
        )
    finally:
        _stop(slow, survivor)
    _assert_rendered_and_mailed_once(report, tmp_path)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("published_questionnaire")
def test_a_worker_process_killed_mid_render_its_task_goes_back_to_the_queue(
    through_redis, tmp_path
):
    """Out of memory, the kernel kills the pool's process, not the worker: the task is
    rejected back to the queue (reject_on_worker_lost), not acknowledged and lost."""
    if connection.vendor != "postgresql":
        pytest.skip("the worker processes need a database server")
    admin, result = _org_result()
    env, marker = _worker_env(tmp_path), tmp_path / "rendering"
    worker = _worker(env, "--prefork", f"--slow-once={marker}")
    try:
        report = reports.report_request(
            result=result, language="en", notify_email="boss@example.be"
        )
        assert _wait(lambda: marker.exists() and marker.read_text(), 60)
        os.kill(int(marker.read_text()), signal.SIGKILL)
        assert _wait(lambda: Email.objects.filter(status=STATUS.sent).exists(), 60), (
            Report.objects.values().first()
        )
    finally:
        _stop(worker)
    _assert_rendered_and_mailed_once(report, tmp_path)
