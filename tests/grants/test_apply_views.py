"""The applicant's pages: starting an application, the five steps (each saved on its own, a
stale save refused), the documents, the pre-check and submitting, answering a request for
information, withdrawing; what each refuses, with its message and nothing changed."""

import datetime
import html
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching.models import Action
from digitalees.money import euros
from grants import services
from grants.models import (
    Application,
    Attachment,
    BudgetLine,
    Call,
    CostCategory,
    DeMinimisAid,
    DocumentType,
    Status,
    StatusChange,
)
from tests.coaching.factories import make_action, make_plan
from tests.factories import CoachAssignmentFactory, MembershipFactory, OrganisationFactory
from tests.grants.apply_factories import aid_data, budget_data, empty_draft, project_data
from tests.grants.factories import make_application, make_call, make_draft, pdf_file, png_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(settings):
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def admin(organisation):
    return MembershipFactory(organisation=organisation, role="admin").user


@pytest.fixture
def member(organisation):
    return MembershipFactory(organisation=organisation, role="member").user


@pytest.fixture
def as_user(client, english):
    """as_user(user) -> the client logged in as `user`, pages in English."""

    def _as(user):
        client.logout()
        client.force_login(user)
        client.cookies["django_language"] = "en"
        return client

    return _as


def text(response) -> str:
    """The page as a reader sees its words (entities decoded)."""
    return html.unescape(response.content.decode())


def step_url(application, step):
    return reverse("grants:application_step", kwargs={"pk": application.pk, "step": step})


def _category(code):
    return CostCategory.objects.get(code=code)


def line(amount="1000.00", *, category="software", vat="210.00", **fields):
    return {
        "category": _category(category).pk,
        "description": fields.pop("description", "Licence"),
        "supplier": fields.pop("supplier", "Coopérative du Code"),
        "amount_excl_vat": amount,
        "vat": vat,
        **fields,
    }


# --- Starting an application ----------------------------------------------------------


def test_a_member_starts_an_application_and_lands_on_its_first_step(as_user, admin, organisation):
    call = make_call()
    response = as_user(admin).post(
        reverse("grants:application_start", kwargs={"slug": call.slug}),
        {"organisation": organisation.pk, "title": "Un agenda partagé"},
    )
    application = Application.objects.get(call=call, organisation=organisation)
    assert response.status_code == 302
    assert response.url == step_url(application, "project")
    assert application.status == Status.DRAFT
    assert application.title == "Un agenda partagé"


def test_an_organisation_that_already_applied_is_told_and_taken_to_its_application(
    as_user, admin, member, organisation
):
    call = make_call()
    existing = empty_draft(organisation, call=call, by=admin)
    url = reverse("grants:application_start", kwargs={"slug": call.slug})
    page = as_user(member).get(url)
    assert existing.title in text(page)
    assert "Already applied to this call" in text(page)
    response = as_user(member).post(
        url, {"organisation": organisation.pk, "title": "Un autre projet"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "grants:application_detail", kwargs={"pk": existing.pk}
    )
    assert f"{organisation.name} has already applied to this call." in text(response)
    assert Application.objects.filter(call=call).count() == 1


def test_no_application_starts_on_a_closed_call(as_user, admin, organisation):
    now = timezone.now()
    call = make_call(
        opens_at=now - datetime.timedelta(days=40), deadline=now - datetime.timedelta(hours=1)
    )
    url = reverse("grants:application_start", kwargs={"slug": call.slug})
    page = as_user(admin).get(url)
    assert "This call is not open for applications." in text(page)
    assert "Start the application" not in text(page)
    response = as_user(admin).post(url, {"organisation": organisation.pk, "title": "Trop tard"})
    assert "This call is not open for applications." in text(response)
    assert not Application.objects.filter(call=call).exists()


def test_one_cannot_apply_for_an_organisation_one_does_not_belong_to(as_user, organisation):
    call = make_call()
    stranger = MembershipFactory(role="admin").user
    response = as_user(stranger).post(
        reverse("grants:application_start", kwargs={"slug": call.slug}),
        {"organisation": organisation.pk, "title": "Pas le mien"},
    )
    assert response.status_code == 200
    assert "Choose one of your organisations." in text(response)
    assert not Application.objects.filter(call=call).exists()


# --- The project step, saving and the version ------------------------------------------


def test_saving_the_project_step_keeps_it_and_marks_it_saved(
    as_user, admin, organisation, django_assert_max_num_queries
):
    application = empty_draft(organisation, by=admin)
    client = as_user(admin)
    with django_assert_max_num_queries(10):
        response = client.post(step_url(application, "project"), project_data(application))
    assert response.status_code == 302
    assert response.url == step_url(application, "project")
    application.refresh_from_db()
    assert application.summary == "Un agenda partagé des bénévoles."
    assert application.ends_on == datetime.date(2026, 9, 30)
    assert "project" in application.steps_done
    page = text(client.get(step_url(application, "project")))
    assert 'aria-current="step"' in page
    assert "(saved)" in page


def test_save_and_continue_goes_to_the_next_step_and_the_last_to_the_pre_check(
    as_user, admin, organisation
):
    application = empty_draft(organisation, by=admin)
    client = as_user(admin)
    response = client.post(
        step_url(application, "project"), {**project_data(application), "continue": ""}
    )
    assert response.url == step_url(application, "actions")
    application.refresh_from_db()
    response = client.post(
        step_url(application, "de_minimis"),
        aid_data(application, [], no_aid=True, **{"continue": ""}),
    )
    assert response.url == reverse("grants:application_submit", kwargs={"pk": application.pk})


def test_a_stale_save_is_refused_and_shows_the_current_content(
    as_user, admin, member, organisation
):
    application = empty_draft(organisation, by=admin)
    read_at = application.version
    # The member saves first...
    as_user(member).post(
        step_url(application, "project"), project_data(application, summary="Version du membre")
    )
    # ...then the admin, from the page read before.
    response = as_user(admin).post(
        step_url(application, "project"),
        {**project_data(application, summary="Version de l'admin"), "version": read_at},
    )
    page = text(response)
    assert response.status_code == 200
    assert "Someone else saved this application since you opened the page" in page
    assert "Version du membre" in page
    application.refresh_from_db()
    assert application.summary == "Version du membre"


def test_the_project_cannot_end_before_it_starts(as_user, admin, organisation):
    application = empty_draft(organisation, by=admin)
    response = as_user(admin).post(
        step_url(application, "project"),
        project_data(application, starts_on="2026-09-01", ends_on="2026-03-01"),
    )
    assert "The project cannot end before it starts." in text(response)
    application.refresh_from_db()
    assert application.starts_on is None
    assert "project" not in application.steps_done


def test_an_unknown_step_is_404(as_user, admin, organisation):
    application = empty_draft(organisation, by=admin)
    assert as_user(admin).get(step_url(application, "payment")).status_code == 404


def test_another_organisations_member_does_not_find_the_steps(as_user, organisation):
    application = make_draft(organisation)
    stranger = MembershipFactory(role="admin").user
    client = as_user(stranger)
    for step in Application.STEPS:
        assert client.get(step_url(application, step)).status_code == 404
    response = client.post(step_url(application, "project"), project_data(application))
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.summary == "Remplacer les tableurs par un outil partagé."


def test_a_submitted_application_can_no_longer_be_changed(as_user, admin, organisation):
    application = make_application(organisation, Status.SUBMITTED, by=admin)
    client = as_user(admin)
    assert client.get(step_url(application, "project")).status_code == 403
    response = client.post(
        step_url(application, "project"), project_data(application, summary="Changé")
    )
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.summary == "Remplacer les tableurs par un outil partagé."


def test_a_coach_reads_the_application_but_cannot_edit_its_steps(as_user, organisation):
    application = make_draft(organisation)
    coach = CoachAssignmentFactory(organisation=organisation).coach
    assert as_user(coach).get(step_url(application, "project")).status_code == 403


# --- The plan actions ------------------------------------------------------------------


def test_the_actions_step_lists_the_plans_actions_and_saves_the_choice(
    as_user, admin, organisation
):
    plan = make_plan(organisation, by=admin)
    first = make_action(plan, title="Choisir un outil de planning")
    make_action(plan, title="Former les bénévoles", status=Action.Status.DONE)
    application = empty_draft(organisation, by=admin)
    client = as_user(admin)
    page = text(client.get(step_url(application, "actions")))
    assert "Choisir un outil de planning (To do)" in page
    assert "Former les bénévoles (Done)" in page
    response = client.post(
        step_url(application, "actions"), {"version": application.version, "actions": [first.pk]}
    )
    assert response.status_code == 302
    assert list(application.actions.all()) == [first]


def test_without_a_plan_the_actions_step_says_so_and_lets_them_go_on(as_user, admin, organisation):
    application = empty_draft(organisation, by=admin)
    client = as_user(admin)
    page = text(client.get(step_url(application, "actions")))
    assert "Your organisation has no transformation plan" in page
    response = client.post(
        step_url(application, "actions"), {"version": application.version, "continue": ""}
    )
    assert response.url == step_url(application, "budget")
    application.refresh_from_db()
    assert "actions" in application.steps_done


def test_an_action_of_another_plan_is_refused(as_user, admin, organisation):
    make_action(make_plan(organisation, by=admin), title="Choisir un outil")
    other = make_action(make_plan(OrganisationFactory()), title="Une action d'ailleurs")
    application = empty_draft(organisation, by=admin)
    response = as_user(admin).post(
        step_url(application, "actions"), {"version": application.version, "actions": [other.pk]}
    )
    assert "Choose actions of your organisation's plan." in text(response)
    assert not application.actions.exists()


# --- The budget ------------------------------------------------------------------------


def test_the_budget_is_saved_with_totals_computed_by_the_server(as_user, admin, organisation):
    call = make_call(cofinancing_rate=Decimal("80"), max_grant=Decimal("15000.00"))
    application = empty_draft(organisation, call=call, by=admin)
    lines = [
        line("1000.00", vat="210.00"),
        line("500.00", vat="105.00", vat_recoverable="on"),
        line("300.00", category="staff", vat="0"),  # not funded by the call
    ]
    response = as_user(admin).post(step_url(application, "budget"), budget_data(application, lines))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.budget_lines.count() == 3
    assert application.total_cost == Decimal("1800.00")
    # 1,210 (VAT unrecoverable) + 500 (VAT recoverable): the staff line is not eligible.
    assert application.eligible_total == Decimal("1710.00")
    # Left empty: the most the rules allow, 80 % of it.
    assert application.requested_amount == Decimal("1368.00")
    page = text(as_user(admin).get(step_url(application, "budget")))
    assert "(not eligible in this call)" in page
    assert 'aria-live="polite"' in page
    assert euros(Decimal("1368.00")) in page


@pytest.mark.parametrize(
    "amount,vat,message",
    [
        ("-100.00", "0", "Enter an amount above zero."),
        ("0", "0", "Enter an amount above zero."),
        ("2000000.00", "0", "is not a line of this budget."),
        ("100.00", "150.00", "The VAT cannot exceed the amount excluding VAT."),
        ("100.00", "-5.00", "The VAT cannot be negative."),
    ],
)
def test_a_bad_line_is_refused_with_the_message_on_the_line(
    as_user, admin, organisation, amount, vat, message
):
    application = make_draft(organisation, by=admin)
    before = list(application.budget_lines.values_list("amount_excl_vat", flat=True))
    response = as_user(admin).post(
        step_url(application, "budget"),
        budget_data(application, [line("800.00"), line(amount, vat=vat)]),
    )
    page = text(response)
    assert response.status_code == 200
    assert message in page
    # The message sits on the second line's field.
    assert page.index(message) > page.index("Line 2")
    assert list(application.budget_lines.values_list("amount_excl_vat", flat=True)) == before


def test_a_requested_amount_above_what_the_rules_allow_is_refused(as_user, admin, organisation):
    call = make_call(cofinancing_rate=Decimal("80"), max_grant=Decimal("15000.00"))
    application = empty_draft(organisation, call=call, by=admin)
    response = as_user(admin).post(
        step_url(application, "budget"),
        budget_data(application, [line("1000.00", vat="0")], requested="900.00"),
    )
    assert (
        "The grant pays 80 % of the eligible costs: with these lines you may request "
        f"{euros(Decimal('800.00'))} at most."
    ) in text(response)
    assert not application.budget_lines.exists()
    response = as_user(admin).post(
        step_url(application, "budget"),
        budget_data(application, [line("100000.00", vat="0")], requested="16000.00"),
    )
    assert "at most per application: request no more." in text(response)
    application.refresh_from_db()
    assert application.requested_amount == 0


def test_add_a_line_saves_and_shows_one_more_empty_line(as_user, admin, organisation):
    application = empty_draft(organisation, by=admin)
    client = as_user(admin)
    response = client.post(
        step_url(application, "budget"),
        budget_data(application, [line("1000.00")], add_line=""),
        follow=True,
    )
    assert application.budget_lines.count() == 1
    form = response.context["formset"]
    assert len(form.forms) == 2
    assert text(response).count("data-budget-line") >= 2


def test_a_line_is_removed_with_its_tick(as_user, admin, organisation):
    application = empty_draft(organisation, by=admin)
    client = as_user(admin)
    client.post(
        step_url(application, "budget"), budget_data(application, [line("1000.00"), line("50")])
    )
    application.refresh_from_db()
    client.post(
        step_url(application, "budget"),
        budget_data(application, [line("1000.00"), {**line("50"), "DELETE": "on"}], initial=2),
    )
    assert list(application.budget_lines.values_list("amount_excl_vat", flat=True)) == [
        Decimal("1000.00")
    ]


def test_the_budget_pages_query_count_does_not_grow_with_its_lines(
    as_user, admin, organisation, django_assert_max_num_queries
):
    application = empty_draft(organisation, by=admin)
    client = as_user(admin)
    counts = {}
    for n in (1, 6):
        client.post(
            step_url(application, "budget"),
            budget_data(application, [line()] * n, initial=application.budget_lines.count()),
        )
        application.refresh_from_db()
        assert application.budget_lines.count() == n
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as get:
            client.get(step_url(application, "budget"))
        with CaptureQueriesContext(connection) as post:
            client.post(
                step_url(application, "budget"),
                budget_data(application, [line()] * n, initial=n),
            )
        application.refresh_from_db()
        counts[n] = (len(get), len(post))
    assert counts[1] == counts[6], counts
    with django_assert_max_num_queries(16):
        client.get(step_url(application, "budget"))


# --- Documents -------------------------------------------------------------------------


def test_a_document_is_uploaded_listed_and_removed(as_user, admin, organisation):
    statutes = DocumentType.objects.first()
    call = make_call(required_documents=[statutes])
    application = empty_draft(organisation, call=call, by=admin)
    client = as_user(admin)
    page = text(client.get(step_url(application, "documents")))
    assert "Documents the call requires, still missing" in page
    assert str(statutes) in page
    response = client.post(
        step_url(application, "documents"),
        {"version": application.version, "document_type": statutes.pk, "file": pdf_file()},
        follow=True,
    )
    attachment = Attachment.objects.get(application=application)
    page = text(response)
    assert "“devis.pdf” is attached." in page
    assert reverse("grants:attachment_download", kwargs={"pk": attachment.pk}) in page
    assert "still missing" not in page
    response = client.post(
        reverse(
            "grants:attachment_delete",
            kwargs={"pk": application.pk, "attachment_pk": attachment.pk},
        ),
        follow=True,
    )
    assert "“devis.pdf” is removed." in text(response)
    assert not Attachment.objects.filter(application=application).exists()


def test_a_file_that_is_not_what_its_name_says_is_refused_on_the_field(
    as_user, admin, organisation
):
    application = empty_draft(organisation, by=admin)
    response = as_user(admin).post(
        step_url(application, "documents"),
        {"version": application.version, "file": png_file("devis.pdf")},
    )
    page = text(response)
    assert "This file is not what its name says" in page
    # On the file's field, marked invalid for assistive technologies.
    assert page.index("This file is not what its name says", page.index('name="file"'))
    assert not Attachment.objects.filter(application=application).exists()


def test_save_and_continue_without_a_file_saves_the_documents_step(as_user, admin, organisation):
    application = empty_draft(organisation, by=admin)
    response = as_user(admin).post(
        step_url(application, "documents"), {"version": application.version, "continue": ""}
    )
    assert response.url == step_url(application, "de_minimis")
    application.refresh_from_db()
    assert "documents" in application.steps_done


def test_a_document_cannot_be_removed_once_submitted(as_user, admin, organisation):
    call = make_call(required_documents=[DocumentType.objects.first()])
    application = make_application(organisation, Status.SUBMITTED, by=admin, call=call)
    attachment = application.attachments.get()
    response = as_user(admin).post(
        reverse(
            "grants:attachment_delete",
            kwargs={"pk": application.pk, "attachment_pk": attachment.pk},
        )
    )
    assert response.status_code == 403
    assert Attachment.objects.filter(pk=attachment.pk).exists()


# --- De minimis ------------------------------------------------------------------------


def test_the_de_minimis_declaration_is_saved_and_shows_the_room_left(as_user, admin, organisation):
    application = empty_draft(organisation, by=admin)
    client = as_user(admin)
    aid = {
        "granting_body": "Région wallonne",
        "description": "Aide à l'emploi",
        "granted_on": (timezone.localdate() - datetime.timedelta(days=100)).isoformat(),
        "amount": "20000.00",
    }
    response = client.post(step_url(application, "de_minimis"), aid_data(application, [aid]))
    assert response.status_code == 302
    assert DeMinimisAid.objects.filter(application=application).count() == 1
    page = text(client.get(step_url(application, "de_minimis")))
    assert "Grants of this programme, counted automatically" in page
    assert euros(Decimal("280000.00")) in page


def test_no_aid_is_a_declaration_too(as_user, admin, organisation):
    application = empty_draft(organisation, by=admin)
    response = as_user(admin).post(
        step_url(application, "de_minimis"), aid_data(application, [], no_aid=True)
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.de_minimis_declared_at is not None


def test_the_declaration_needs_aid_or_the_tick_not_both_nor_neither(as_user, admin, organisation):
    application = empty_draft(organisation, by=admin)
    client = as_user(admin)
    response = client.post(step_url(application, "de_minimis"), aid_data(application, []))
    assert "List the de minimis aid received in the last three years" in text(response)
    aid = {"granting_body": "X", "granted_on": "2025-01-10", "amount": "100.00"}
    response = client.post(
        step_url(application, "de_minimis"), aid_data(application, [aid], no_aid=True)
    )
    assert "but listed aid: do one or the other." in text(response)
    application.refresh_from_db()
    assert application.de_minimis_declared_at is None


def test_aid_above_the_ceiling_is_refused_and_nothing_is_kept(as_user, admin, organisation):
    application = make_draft(organisation, by=admin)
    before = list(application.de_minimis_aids.values_list("amount", flat=True))
    aid = {
        "granting_body": "Fonds européen",
        "granted_on": (timezone.localdate() - datetime.timedelta(days=30)).isoformat(),
        "amount": "295000.00",
    }
    response = as_user(admin).post(
        step_url(application, "de_minimis"), aid_data(application, [aid])
    )
    assert "above the ceiling of" in text(response)
    assert "Regulation (EU) 2023/2831" in text(response)
    assert list(application.de_minimis_aids.values_list("amount", flat=True)) == before


def test_an_aid_dated_in_the_future_is_refused_on_its_line(as_user, admin, organisation):
    application = empty_draft(organisation, by=admin)
    aid = {
        "granting_body": "X",
        "granted_on": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        "amount": "100.00",
    }
    response = as_user(admin).post(
        step_url(application, "de_minimis"), aid_data(application, [aid])
    )
    assert "This date is in the future." in text(response)
    assert not DeMinimisAid.objects.filter(application=application).exists()


# --- The pre-check and submitting ------------------------------------------------------


def test_the_pre_check_lists_each_missing_item_with_the_page_that_fixes_it(
    as_user, admin, organisation
):
    call = make_call(required_documents=[DocumentType.objects.first()])
    application = empty_draft(organisation, call=call, by=admin)
    client = as_user(admin)
    url = reverse("grants:application_submit", kwargs={"pk": application.pk})
    page = text(client.get(url))
    for words, step in (
        ("Describe the project: its summary and its objectives.", "project"),
        ("Add the budget lines of the project.", "budget"),
        ("Attach this document:", "documents"),
        ("Make the de minimis declaration", "de_minimis"),
    ):
        assert words in page
        assert step_url(application, step) in page
    assert "needs a submitted self-diagnostic" in page
    assert reverse("diagnostic:start") in page
    assert "Submit the application" not in page
    response = client.post(url, {"comment": ""})
    assert "The application is not complete yet" in text(response)
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_a_complete_draft_is_submitted(
    as_user, admin, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_draft(organisation, by=admin)
    client = as_user(admin)
    url = reverse("grants:application_submit", kwargs={"pk": application.pk})
    page = text(client.get(url))
    assert "Nothing is missing" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"comment": "Merci."}, follow=True)
    assert "Your application is submitted" in text(response)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.submitted_at is not None
    assert StatusChange.objects.filter(application=application, to_status="submitted").exists()


def test_after_the_deadline_the_page_says_the_call_closed_and_a_submission_is_refused(
    as_user, admin, organisation
):
    application = make_draft(organisation, by=admin)
    now = timezone.now()
    Call.objects.filter(pk=application.call_id).update(
        opens_at=now - datetime.timedelta(days=40), deadline=now - datetime.timedelta(hours=1)
    )
    client = as_user(admin)
    url = reverse("grants:application_submit", kwargs={"pk": application.pk})
    page = text(client.get(url))
    assert "applications can no longer be submitted" in page
    assert "Submit the application" not in page
    response = client.post(url, {"comment": ""})
    assert "applications can no longer be submitted" in text(response)
    application.refresh_from_db()
    assert application.status == Status.DRAFT


def test_a_coach_may_not_submit(as_user, organisation):
    application = make_draft(organisation)
    coach = CoachAssignmentFactory(organisation=organisation).coach
    url = reverse("grants:application_submit", kwargs={"pk": application.pk})
    assert as_user(coach).post(url).status_code == 403
    application.refresh_from_db()
    assert application.status == Status.DRAFT


# --- Answering a request for information -----------------------------------------------


def test_the_applicant_reads_the_request_and_answers_with_a_document(as_user, admin, organisation):
    application = make_application(organisation, Status.INFO_REQUESTED, by=admin)
    client = as_user(admin)
    url = reverse("grants:application_respond", kwargs={"pk": application.pk})
    page = text(client.get(url))
    assert "Joignez un second devis." in page
    # Meanwhile the steps may change.
    assert client.get(step_url(application, "budget")).status_code == 200
    response = client.post(
        url, {"response": "Voici le second devis.", "file": pdf_file("devis-2.pdf")}, follow=True
    )
    assert "Your answer is sent" in text(response)
    application.refresh_from_db()
    assert application.status == Status.RESUBMITTED
    assert application.attachments.filter(original_name="devis-2.pdf").exists()
    assert (
        StatusChange.objects.filter(application=application).last().comment
        == "Voici le second devis."
    )


def test_an_answer_needs_words_and_a_bad_file_changes_nothing(as_user, admin, organisation):
    application = make_application(organisation, Status.INFO_REQUESTED, by=admin)
    client = as_user(admin)
    url = reverse("grants:application_respond", kwargs={"pk": application.pk})
    response = client.post(url, {"response": ""})
    assert "Write your answer to the agency's request." in text(response)
    response = client.post(url, {"response": "Voici.", "file": png_file("devis.pdf")})
    assert "This file is not what its name says" in text(response)
    application.refresh_from_db()
    assert application.status == Status.INFO_REQUESTED
    assert not application.attachments.filter(original_name="devis.pdf", content_type="image/png")


def test_there_is_nothing_to_answer_without_a_request(as_user, admin, organisation):
    application = make_application(organisation, Status.SUBMITTED, by=admin)
    url = reverse("grants:application_respond", kwargs={"pk": application.pk})
    assert as_user(admin).post(url, {"response": "?"}).status_code == 403
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


# --- Withdrawing -----------------------------------------------------------------------


def test_the_applicant_withdraws_before_the_decision_with_a_reason(as_user, admin, organisation):
    application = make_application(organisation, Status.IN_REVIEW, by=admin)
    client = as_user(admin)
    url = reverse("grants:application_withdraw", kwargs={"pk": application.pk})
    assert "Withdraw “" in text(client.get(url))
    response = client.post(url, {"reason": "Projet reporté."}, follow=True)
    assert "Your application is withdrawn." in text(response)
    assert "Projet reporté." in text(response)  # on the timeline
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN


def test_after_the_decision_there_is_no_withdrawing(as_user, admin, organisation):
    application = make_application(organisation, Status.APPROVED, by=admin)
    url = reverse("grants:application_withdraw", kwargs={"pk": application.pk})
    client = as_user(admin)
    assert client.get(url).status_code == 403
    assert client.post(url, {"reason": "Non."}).status_code == 403
    application.refresh_from_db()
    assert application.status == Status.APPROVED


# --- The list and the panel ------------------------------------------------------------


def test_the_list_shows_each_application_with_its_next_step(
    as_user, admin, organisation, django_assert_max_num_queries
):
    draft = empty_draft(organisation, by=admin)
    asked = make_application(organisation, Status.INFO_REQUESTED, by=admin, call=make_call())
    client = as_user(admin)
    page = text(client.get(reverse("grants:application_list")))
    assert step_url(draft, "project") in page
    assert reverse("grants:application_respond", kwargs={"pk": asked.pk}) in page
    assert reverse("grants:application_start", kwargs={"slug": draft.call.slug}) in page
    for _n in range(4):
        make_application(organisation, Status.SUBMITTED, by=admin, call=make_call())
    with django_assert_max_num_queries(8):
        client.get(reverse("grants:application_list"))


def test_the_panel_tells_the_applicant_what_to_do_next_and_nothing_to_others(
    as_user, admin, organisation
):
    application = empty_draft(organisation, by=admin)
    url = reverse("grants:application_detail", kwargs={"pk": application.pk})
    page = text(as_user(admin).get(url))
    assert "Where your application stands" in page
    assert "Continue the form" in page
    assert step_url(application, "project") in page
    coach = CoachAssignmentFactory(organisation=organisation).coach
    page = text(as_user(coach).get(url))
    assert "Where your application stands" not in page


def test_the_step_bar_marks_each_saved_step(as_user, admin, organisation):
    application = make_draft(organisation, by=admin)
    services.application_save_actions(application, version=application.version, actions=[])
    page = text(as_user(admin).get(step_url(application, "budget")))
    # No document was required, none attached: that step is the one not saved yet.
    assert page.count("(saved)") == len(Application.STEPS) - 1
    assert page.count("(not saved yet)") == 1
    assert BudgetLine.objects.filter(application=application).exists()


def test_a_stale_budget_save_overwrites_no_line(as_user, admin, member, organisation):
    application = make_draft(organisation, by=admin)
    read_at = application.version
    as_user(member).post(
        step_url(application, "budget"), budget_data(application, [line("4000.00", vat="0")])
    )
    response = as_user(admin).post(
        step_url(application, "budget"),
        {**budget_data(application, [line("9.00", vat="0")]), "version": read_at},
    )
    page = text(response)
    assert "Someone else saved this application since you opened the page" in page
    assert 'value="4000' in page  # the current line, shown again
    assert list(application.budget_lines.values_list("amount_excl_vat", flat=True)) == [
        Decimal("4000.00")
    ]


def test_the_de_minimis_pages_query_count_does_not_grow_with_the_aid(as_user, admin, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    application = empty_draft(organisation, by=admin)
    client = as_user(admin)
    aid = {"granting_body": "Région", "granted_on": "2025-06-01", "amount": "100.00"}
    counts = []
    for n in (1, 5):
        client.post(
            step_url(application, "de_minimis"),
            aid_data(application, [aid] * n, initial=application.de_minimis_aids.count()),
        )
        application.refresh_from_db()
        assert application.de_minimis_aids.count() == n
        with CaptureQueriesContext(connection) as queries:
            client.get(step_url(application, "de_minimis"))
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_saving_a_step_again_unchanged_keeps_its_lines(as_user, admin, organisation):
    application = empty_draft(organisation, by=admin)
    client = as_user(admin)
    aid = {"granting_body": "Région", "granted_on": "2025-06-01", "amount": "100.00"}
    client.post(step_url(application, "de_minimis"), aid_data(application, [aid]))
    client.post(step_url(application, "budget"), budget_data(application, [line("700.00")]))
    application.refresh_from_db()
    # The pages send back what they show: the saved aid and line as initial forms.
    page = client.get(step_url(application, "de_minimis"))
    assert page.context["formset"].initial_form_count() == 1
    response = client.post(
        step_url(application, "de_minimis"),
        aid_data(application, [aid], initial=1),
    )
    assert response.status_code == 302
    application.refresh_from_db()
    response = client.post(
        step_url(application, "budget"),
        budget_data(application, [line("700.00")], initial=1),
    )
    assert response.status_code == 302
    assert application.de_minimis_aids.count() == 1
    assert application.budget_lines.count() == 1
