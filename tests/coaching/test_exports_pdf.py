"""The plan as a PDF: asked for on its page, rendered by a task, reused while the plan does
not change, rendered again when it does; a job recorded in its row (claimed without a
lock, queued again when its message or worker was lost, done once); private to whoever may
see the plan.

Tasks run in-process here (tests/conftest.py)."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.exports import services as exports
from coaching.exports.tasks import render_plan_report, requeue_stale_plan_reports
from coaching.models import PlanReport
from digitalees import jobs

from .exports_data import rich_plan
from .factories import make_action

pytestmark = pytest.mark.django_db


def _pdfs():
    return list((django_settings.PRIVATE_MEDIA_ROOT / "plans").rglob("*.pdf"))


def _page(plan):
    return reverse("coaching:plan_pdf", kwargs={"pk": plan.pk})


def _ask(plan):
    return reverse("coaching:plan_pdf_request", kwargs={"pk": plan.pk})


def _status(report):
    return reverse("coaching:plan_pdf_status", kwargs={"pk": report.pk})


def _download(report):
    return reverse("coaching:plan_pdf_download", kwargs={"pk": report.pk})


def _lost_request(django_capture_on_commit_callbacks, plan, language="en"):
    """Ask while the broker is down: the row is written, its message lost."""
    with django_capture_on_commit_callbacks(execute=False):
        return exports.plan_report_request(plan=plan, language=language)


@pytest.fixture
def english_reader(client):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


# --- asking for it, downloading it -----------------------------------------------------


def test_a_member_asks_for_the_pdf_and_downloads_it(
    client, roles, plan, django_capture_on_commit_callbacks
):
    make_action(plan, title="Sauvegarder les données")
    client.force_login(roles["member"])
    page = client.get(_page(plan)).content.decode()
    assert f'action="{_ask(plan)}"' in page and "hx-get" not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_ask(plan))
    assert response.status_code == 302 and response.url == _page(plan)
    report = PlanReport.objects.get(plan=plan)
    assert report.status == PlanReport.Status.READY
    assert report.language == "fr" and report.requested_by == roles["member"]
    assert _download(report) in client.get(_page(plan)).content.decode()

    response = client.get(_download(report))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    date = timezone.localdate().isoformat()
    slug = plan.organisation.slug
    assert response["Content-Disposition"] == (
        f'attachment; filename="digitalees-plan-{slug}-{date}-fr.pdf"'
    )
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_page_polls_while_the_pdf_is_prepared_then_offers_the_download(
    english_reader, roles, plan, django_capture_on_commit_callbacks
):
    client = english_reader
    client.force_login(roles["coach"])
    page = client.get(_page(plan)).content.decode()
    assert f'data-hx-post="{_ask(plan)}"' in page and 'data-hx-target="#plan-pdf"' in page

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(_ask(plan), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    report = PlanReport.objects.get(plan=plan)
    pending = response.content.decode()
    assert f'data-hx-get="{_status(report)}"' in pending
    assert 'data-hx-trigger="every 2s"' in pending and 'aria-live="polite"' in pending
    # Without JavaScript: a link to reload the page, which says the same.
    assert f'<a href="{_page(plan)}">Reload the page' in pending
    assert "being prepared" in client.get(_page(plan)).content.decode()
    # The download is not offered yet: its link sends back to the page.
    assert client.get(_download(report)).url == _page(plan)

    for callback in callbacks:
        callback()
    ready = client.get(_status(report), HTTP_HX_REQUEST="true").content.decode()
    assert _download(report) in ready and "hx-trigger" not in ready


def test_an_anonymous_poll_is_sent_to_log_in(client, plan):
    report = PlanReport.objects.create(plan=plan, language="fr", content_stamp="x")
    response = client.get(_status(report), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"].startswith(reverse("account_login"))
    assert plan.organisation.name not in response.content.decode()


def test_asking_again_for_an_unchanged_plan_reuses_the_file(
    client, roles, plan, django_capture_on_commit_callbacks
):
    client.force_login(roles["member"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_ask(plan))
    first = PlanReport.objects.get()
    client.force_login(roles["agency"])  # someone else, same language
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        client.post(_ask(plan))
    assert callbacks == []  # nothing queued: the file is there
    assert list(PlanReport.objects.values_list("pk", "file")) == [(first.pk, first.file.name)]
    assert len(_pdfs()) == 1


@pytest.mark.parametrize(
    "change",
    ["status", "new_action", "vision", "milestone", "step"],
)
def test_a_change_of_the_plan_gets_a_new_pdf_and_the_old_one_goes(
    change, client, roles, django_capture_on_commit_callbacks
):
    plan = rich_plan(organisation=roles["member"].memberships.get().organisation)
    action = plan.actions.filter(status="todo").first()
    client.force_login(roles["member"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_ask(plan))
    old = PlanReport.objects.get()
    if change == "status":
        services.action_set_status(action=action, status="done", by=None, version=action.version)
    elif change == "new_action":
        make_action(plan, title="Une action de plus")
    elif change == "vision":
        services.plan_update(plan=plan, version=plan.version, vision="Autre chose")
    elif change == "milestone":
        milestone = plan.milestones.filter(reached_on__isnull=True).get()
        services.milestone_reach(milestone=milestone, reached_on=timezone.localdate())
    else:
        from coaching.models import Step

        services.step_complete(plan=plan, step=Step.objects.last(), by=None)
    # The page no longer offers the old PDF: it offers to prepare the plan as it is now.
    page = client.get(_page(plan)).content.decode()
    assert _download(old) not in page and f'action="{_ask(plan)}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_ask(plan))
    new = PlanReport.objects.get()  # the old one is gone, with its file
    assert new.pk != old.pk and new.status == PlanReport.Status.READY
    assert len(_pdfs()) == 1 and _pdfs()[0].name == new.file.name.rsplit("/", 1)[-1]


def test_the_same_plan_in_the_other_language_is_another_pdf(
    client, roles, plan, django_capture_on_commit_callbacks
):
    client.force_login(roles["member"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_ask(plan))
        client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
        client.post(_ask(plan))
    assert sorted(PlanReport.objects.values_list("language", "status")) == [
        ("en", "ready"),
        ("fr", "ready"),
    ]


# --- the job --------------------------------------------------------------------------


def test_the_task_is_safe_to_run_twice(plan, django_capture_on_commit_callbacks):
    report = _lost_request(django_capture_on_commit_callbacks, plan)
    assert render_plan_report.apply(args=[report.pk]).get() == "rendered"
    assert render_plan_report.apply(args=[report.pk]).get() == "skipped"
    report.refresh_from_db()
    assert report.status == PlanReport.Status.READY and report.attempts == 1
    assert len(_pdfs()) == 1


def test_a_pdf_whose_message_was_lost_is_queued_again_once(
    plan, django_capture_on_commit_callbacks
):
    report = _lost_request(django_capture_on_commit_callbacks, plan)
    assert requeue_stale_plan_reports.apply().get() == 0  # just asked
    PlanReport.objects.update(queued_at=timezone.now() - jobs.REQUEUE_AFTER)
    assert requeue_stale_plan_reports.apply().get() == 1
    report.refresh_from_db()
    assert report.status == PlanReport.Status.READY
    assert requeue_stale_plan_reports.apply().get() == 0
    assert len(_pdfs()) == 1


def test_the_beat_schedule_runs_the_requeue_every_minute():
    entry = django_settings.CELERY_BEAT_SCHEDULE["requeue-stale-plan-reports"]
    assert entry["task"] == requeue_stale_plan_reports.name
    assert entry["schedule"] == timedelta(minutes=1)


def test_a_render_claimed_by_a_dead_worker_is_taken_over(plan, django_capture_on_commit_callbacks):
    report = _lost_request(django_capture_on_commit_callbacks, plan)
    long_ago = timezone.now() - jobs.CLAIM_TIMEOUT - timedelta(seconds=1)
    PlanReport.objects.update(claim_token="dead-worker", claimed_at=long_ago, queued_at=long_ago)
    assert requeue_stale_plan_reports.apply().get() == 1
    report.refresh_from_db()
    assert report.status == PlanReport.Status.READY and report.claim_token == ""


def test_a_render_in_progress_is_neither_queued_again_nor_rendered_twice(
    plan, django_capture_on_commit_callbacks
):
    report = _lost_request(django_capture_on_commit_callbacks, plan)
    long_ago = timezone.now() - jobs.CLAIM_TIMEOUT - timedelta(seconds=1)
    PlanReport.objects.update(claim_token="alive", claimed_at=timezone.now(), queued_at=long_ago)
    assert requeue_stale_plan_reports.apply().get() == 0
    assert render_plan_report.apply(args=[report.pk]).get() == "skipped"
    assert _pdfs() == []


def test_a_render_taken_over_is_not_finished_by_the_first_attempt(
    plan, django_capture_on_commit_callbacks
):
    report = _lost_request(django_capture_on_commit_callbacks, plan)
    first = exports.plan_report_claim(report.pk, token="attempt-1")
    PlanReport.objects.update(claimed_at=timezone.now() - jobs.CLAIM_TIMEOUT - timedelta(seconds=1))
    second = exports.plan_report_claim(report.pk, token="attempt-2")
    assert second is not None
    assert exports.plan_report_claim(report.pk, token="attempt-3") is None  # held by 2
    assert exports.plan_report_render(first, token="attempt-1") is None
    assert exports.plan_report_render(second, token="attempt-2") is not None
    assert len(_pdfs()) == 1


def test_a_render_that_keeps_killing_its_worker_fails_and_the_page_offers_to_try_again(
    english_reader, roles, plan, django_capture_on_commit_callbacks
):
    client = english_reader
    report = _lost_request(django_capture_on_commit_callbacks, plan)
    long_ago = timezone.now() - jobs.CLAIM_TIMEOUT - timedelta(seconds=1)
    PlanReport.objects.update(
        claim_token="killed", claimed_at=long_ago, queued_at=long_ago, attempts=jobs.MAX_ATTEMPTS
    )
    requeue_stale_plan_reports.apply()
    report.refresh_from_db()
    assert report.status == PlanReport.Status.FAILED and "Gave up" in report.error

    client.force_login(roles["member"])
    page = client.get(_page(plan)).content.decode()
    assert "The PDF could not be prepared." in page and "Try again" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_ask(plan))
    report.refresh_from_db()
    assert report.status == PlanReport.Status.READY and report.attempts == 1


def _flaky_pdf(monkeypatch):
    """plan_report_pdf fails once with a storage error, then works; returns the calls."""
    real_pdf, calls = exports.plan_report_pdf, []

    def flaky(report):
        calls.append(report.pk)
        if len(calls) == 1:
            raise OSError("disk briefly unavailable")
        return real_pdf(report)

    monkeypatch.setattr(exports, "plan_report_pdf", flaky)
    return calls


def test_a_passing_storage_error_is_retried(monkeypatch, plan, django_capture_on_commit_callbacks):
    from digitalees.celery import app

    # As on a worker: the retry runs (in-process, errors not propagated to the caller).
    app.conf.task_eager_propagates = False
    calls = _flaky_pdf(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        report = exports.plan_report_request(plan=plan, language="fr")
    report.refresh_from_db()
    assert len(calls) == 2 and report.status == PlanReport.Status.READY


def test_without_a_worker_a_storage_error_fails_at_once(
    monkeypatch, plan, django_capture_on_commit_callbacks
):
    calls = _flaky_pdf(monkeypatch)
    with django_capture_on_commit_callbacks(execute=True):
        report = exports.plan_report_request(plan=plan, language="fr")
    report.refresh_from_db()
    assert len(calls) == 1
    assert report.status == PlanReport.Status.FAILED
    assert "disk briefly unavailable" in report.error


def test_a_lost_file_is_rendered_again(plan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        report = exports.plan_report_request(plan=plan, language="fr")
    report.refresh_from_db()
    report.file.storage.delete(report.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        again = exports.plan_report_request(plan=plan, language="fr")
    again.refresh_from_db()
    assert again.pk == report.pk and again.status == PlanReport.Status.READY
    assert len(_pdfs()) == 1


def test_an_unknown_language_is_refused(plan):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        exports.plan_report_request(plan=plan, language="de")
    assert not PlanReport.objects.exists()


# --- who may ----------------------------------------------------------------------------


@pytest.mark.parametrize("stranger", ["other_org_member", "unassigned_coach", "agency_without_mfa"])
def test_strangers_to_the_plan_get_404_everywhere(client, roles, plan, stranger, settings):
    settings.STAFF_REQUIRE_MFA = True
    report = PlanReport.objects.create(plan=plan, language="fr", content_stamp="x")
    client.force_login(roles[stranger])
    assert client.get(_page(plan)).status_code == 404
    assert client.post(_ask(plan)).status_code == 404
    assert client.get(_status(report)).status_code == 404
    assert client.get(_download(report)).status_code == 404
    assert not PlanReport.objects.exclude(pk=report.pk).exists()


def test_the_download_link_sends_a_visitor_to_log_in_first(client, plan):
    report = PlanReport.objects.create(plan=plan, language="fr", content_stamp="x")
    response = client.get(_download(report))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


# --- queries ----------------------------------------------------------------------------


def test_the_pdf_page_reads_a_fixed_number_of_queries(
    client, roles, plan, django_assert_max_num_queries
):
    client.force_login(roles["coach"])
    make_action(plan)
    with django_assert_max_num_queries(14) as few:
        client.get(_page(plan))
    for _ in range(30):
        make_action(plan)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(_page(plan)).status_code == 200


def test_what_the_pdf_shows_is_read_in_a_fixed_number_of_queries(
    roles, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from coaching.models import Plan

    organisation = roles["member"].memberships.get().organisation
    small = rich_plan(organisation=organisation, actions_per_status=1)

    def count(plan):
        report = PlanReport(
            plan=Plan.objects.select_related("organisation", "enrolment__cohort").get(pk=plan.pk),
            language="fr",
        )
        with CaptureQueriesContext(connection) as captured:
            exports.plan_report_html(report)
        return len(captured.captured_queries)

    big = rich_plan(actions_per_status=12)
    assert count(big) == count(small) <= 12
