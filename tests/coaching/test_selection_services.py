"""Selection's writes: applying, scoring, deciding within the places, telling once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coaching import services
from coaching.models import Application, ApplicationScore, Cohort, Enrolment
from coaching.selection import services as selection
from coaching.selection.selectors import selection_rows
from tests.factories import AgencyStaffFactory, MembershipFactory, OrganisationFactory

from .factories import make_cohort

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

MOTIVATION = "Nous voulons un plan numérique réaliste, porté par toute l'équipe."
GOOD = {"transformation": 4, "feasibility": 3, "human": 5, "financial": 2}


def open_cohort(**fields) -> Cohort:
    today = timezone.localdate()
    defaults = {
        "call_opens_on": today - datetime.timedelta(days=5),
        "call_closes_on": today + datetime.timedelta(days=20),
        "starts_on": today + datetime.timedelta(days=40),
        "ends_on": today + datetime.timedelta(days=400),
        "status": Cohort.Status.CALL_OPEN,
    }
    return make_cohort(**{**defaults, **fields})


def selecting_cohort(**fields) -> Cohort:
    today = timezone.localdate()
    defaults = {
        "call_opens_on": today - datetime.timedelta(days=40),
        "call_closes_on": today - datetime.timedelta(days=1),
        "starts_on": today + datetime.timedelta(days=20),
        "ends_on": today + datetime.timedelta(days=380),
        "status": Cohort.Status.SELECTION,
    }
    return make_cohort(**{**defaults, **fields})


def admin_of(organisation=None):
    return MembershipFactory(
        role="admin", **({"organisation": organisation} if organisation else {})
    ).user


def application(cohort, organisation=None, **fields) -> Application:
    """A submitted application (made directly: the call of `cohort` may be closed)."""
    organisation = organisation or OrganisationFactory()
    admin = admin_of(organisation)
    return Application.objects.create(
        cohort=cohort, organisation=organisation, submitted_by=admin, motivation=MOTIVATION
    )


# --- Applying ----------------------------------------------------------------------------


def test_applying_keeps_the_application_and_acknowledges_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    cohort = open_cohort(name="Cohorte 2027")
    organisation = OrganisationFactory(name="Atelier Vert")
    admin = admin_of(organisation)
    with django_capture_on_commit_callbacks(execute=True):
        submitted = selection.application_submit(
            cohort=cohort, organisation=organisation, by=admin, motivation=MOTIVATION
        )
    assert (submitted.status, submitted.submitted_by, submitted.motivation) == (
        "submitted",
        admin,
        MOTIVATION,
    )
    (message,) = mailoutbox
    assert message.to == [admin.email]
    assert message.subject == "Application received: Cohorte 2027"
    assert "We have received the application of Atelier Vert" in message.body
    assert MOTIVATION in message.body


def test_applying_twice_is_refused(mailoutbox, django_capture_on_commit_callbacks):
    cohort = open_cohort()
    organisation = OrganisationFactory(name="Atelier Vert")
    admin = admin_of(organisation)
    selection.application_submit(
        cohort=cohort, organisation=organisation, by=admin, motivation=MOTIVATION
    )
    with (
        pytest.raises(ValidationError) as error,
        django_capture_on_commit_callbacks(execute=True),
    ):
        selection.application_submit(
            cohort=cohort, organisation=organisation, by=admin, motivation=MOTIVATION
        )
    assert error.value.message_dict["organisation"] == [
        "Atelier Vert has already applied to this cohort."
    ]
    assert Application.objects.count() == 1
    assert mailoutbox == []  # the refused one's acknowledgement was rolled back


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Cohort.Status.DRAFT},  # the call is not open yet
        {"status": Cohort.Status.SELECTION},  # the agency moved on
        {"call_closes_on": timezone.localdate() - datetime.timedelta(days=1)},  # past its date
    ],
)
def test_applying_outside_the_call_is_refused(fields):
    if "call_closes_on" in fields:
        fields["call_opens_on"] = fields["call_closes_on"] - datetime.timedelta(days=30)
    cohort = open_cohort(**fields)
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        selection.application_submit(
            cohort=cohort,
            organisation=organisation,
            by=admin_of(organisation),
            motivation=MOTIVATION,
        )
    assert error.value.code == "call_closed"
    assert not Application.objects.exists()


def test_a_motivation_of_a_few_words_is_refused():
    cohort = open_cohort()
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError) as error:
        selection.application_submit(
            cohort=cohort, organisation=organisation, by=admin_of(organisation), motivation="Oui"
        )
    assert "motivation" in error.value.message_dict
    assert not Application.objects.exists()


# --- Scoring -----------------------------------------------------------------------------


def test_scoring_keeps_a_score_per_criterion_and_replaces_it():
    app = application(selecting_cohort())
    staff = AgencyStaffFactory()
    selection.application_score(application=app, scores=GOOD, by=staff)
    selection.application_score(application=app, scores={**GOOD, "financial": 5}, by=staff)
    scores = dict(app.scores.values_list("criterion", "score"))
    assert scores == {**GOOD, "financial": 5}
    (row,) = selection_rows(app.cohort)
    assert row.total == 4 + 3 + 5 + 5


@pytest.mark.parametrize("bad", [6, -1, "", None, "trois"])
def test_a_score_outside_0_to_5_is_refused_and_nothing_is_saved(bad):
    app = application(selecting_cohort())
    with pytest.raises(ValidationError) as error:
        selection.application_score(application=app, scores={**GOOD, "human": bad}, by=None)
    assert error.value.message_dict["human"] == ["Score each criterion from 0 to 5."]
    assert not ApplicationScore.objects.exists()


def test_scores_are_refused_once_the_applicant_was_told():
    app = application(selecting_cohort())
    Application.objects.filter(pk=app.pk).update(status="selected", notified_at=timezone.now())
    app.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        selection.application_score(application=app, scores=GOOD, by=None)
    assert error.value.code == "notified"


def test_scores_are_refused_once_the_coaching_runs():
    app = application(make_cohort())  # running
    with pytest.raises(ValidationError) as error:
        selection.application_score(application=app, scores=GOOD, by=None)
    assert error.value.code == "not_selecting"


# --- Deciding ----------------------------------------------------------------------------


def test_selecting_enrols_and_keeps_the_reasons():
    app = application(selecting_cohort(hours_per_enterprise=32))
    staff = AgencyStaffFactory()
    selection.application_decide(
        application=app, status="selected", reason="Projet clair, équipe motivée.", by=staff
    )
    app.refresh_from_db()
    assert (app.status, app.decision_reason, app.decided_by) == (
        "selected",
        "Projet clair, équipe motivée.",
        staff,
    )
    assert app.decided_at is not None
    enrolment = Enrolment.objects.get(application=app)
    assert (enrolment.organisation, enrolment.cohort, enrolment.hours_allotted) == (
        app.organisation,
        app.cohort,
        32,
    )


def test_a_decision_needs_its_reasons():
    app = application(selecting_cohort())
    with pytest.raises(ValidationError) as error:
        selection.application_decide(application=app, status="selected", reason="  ", by=None)
    assert "reason" in error.value.message_dict
    app.refresh_from_db()
    assert app.status == "submitted"
    assert not Enrolment.objects.exists()


def test_an_unknown_decision_is_refused():
    app = application(selecting_cohort())
    with pytest.raises(ValidationError) as error:
        selection.application_decide(application=app, status="withdrawn", reason="x", by=None)
    assert "status" in error.value.message_dict


def test_never_more_selected_than_the_cohort_has_places():
    cohort = selecting_cohort(capacity=2)
    first, second, third = (application(cohort) for _ in range(3))
    for app in (first, second):
        selection.application_decide(application=app, status="selected", reason="Oui", by=None)
    with pytest.raises(ValidationError) as error:
        selection.application_decide(application=third, status="selected", reason="Oui", by=None)
    assert error.value.messages == [
        "The cohort's 2 places are taken: un-select an enterprise first, or give the cohort "
        "more places."
    ]
    third.refresh_from_db()
    assert third.status == "submitted"
    assert cohort.enrolments.count() == 2
    # Deciding again on a selected one takes no second place.
    selection.application_decide(application=first, status="selected", reason="Oui !", by=None)
    assert cohort.enrolments.count() == 2


def test_un_selecting_frees_the_place_until_the_applicant_is_told():
    cohort = selecting_cohort(capacity=1)
    first, second = application(cohort), application(cohort)
    selection.application_decide(application=first, status="selected", reason="Oui", by=None)
    selection.application_decide(application=first, status="not_selected", reason="Non", by=None)
    assert not Enrolment.objects.filter(application=first).exists()
    selection.application_decide(application=second, status="selected", reason="Oui", by=None)
    assert Enrolment.objects.get(cohort=cohort).application == second


def test_an_enterprise_that_started_its_plan_stays_enrolled():
    app = application(selecting_cohort())
    selection.application_decide(application=app, status="selected", reason="Oui", by=None)
    services.plan_create(enrolment=Enrolment.objects.get(application=app), created_by=None)
    with pytest.raises(ValidationError) as error:
        selection.application_decide(application=app, status="not_selected", reason="Non", by=None)
    assert error.value.code == "has_plan"
    assert Enrolment.objects.filter(application=app).exists()


def test_decisions_are_taken_during_the_selection_only():
    app = application(open_cohort())
    with pytest.raises(ValidationError) as error:
        selection.application_decide(application=app, status="selected", reason="Oui", by=None)
    assert error.value.code == "not_selecting"
    assert not Enrolment.objects.exists()


# --- Telling the applicants ----------------------------------------------------------------


def _decided_cohort():
    cohort = selecting_cohort(name="Cohorte 2027")
    chosen = application(cohort, OrganisationFactory(name="Atelier Vert"))
    shared = application(cohort, OrganisationFactory(name="Ferme Bleue"))
    kept = application(cohort, OrganisationFactory(name="Jardin Gris"))
    selection.application_decide(
        application=chosen, status="selected", reason="Équipe motivée.", by=None
    )
    selection.application_decide(
        application=shared,
        status="not_selected",
        reason="Moyens humains insuffisants cette année.",
        share_reason=True,
        by=None,
    )
    selection.application_decide(
        application=kept, status="not_selected", reason="Note interne du comité.", by=None
    )
    return cohort, chosen, shared, kept


def test_each_applicant_is_told_its_decision(mailoutbox, django_capture_on_commit_callbacks):
    cohort, chosen, shared, kept = _decided_cohort()
    with django_capture_on_commit_callbacks(execute=True):
        told = selection.cohort_notify_applicants(cohort=cohort)
    assert told == 3
    by_recipient = {message.to[0]: message for message in mailoutbox}
    selected = by_recipient[chosen.submitted_by.email]
    assert selected.subject == "Selected for the coaching programme: Cohorte 2027"
    assert "Atelier Vert has been selected" in selected.body
    assert "What comes next:" in selected.body
    assert "40 hours of individual coaching" in selected.body
    refused = by_recipient[shared.submitted_by.email]
    assert refused.subject == "Your application to Cohorte 2027"
    assert "Ferme Bleue was not selected this time" in refused.body
    assert "Moyens humains insuffisants cette année." in refused.body
    unexplained = by_recipient[kept.submitted_by.email]
    assert "Jardin Gris was not selected this time" in unexplained.body
    # Reasons staff kept to themselves stay out of the e-mail.
    assert "Note interne du comité." not in unexplained.body
    assert "reasons:" not in unexplained.body
    assert all(a.notified_at for a in Application.objects.all())


def test_every_admin_of_the_applicant_is_told(mailoutbox, django_capture_on_commit_callbacks):
    cohort, chosen, _shared, _kept = _decided_cohort()
    second_admin = admin_of(chosen.organisation)
    MembershipFactory(organisation=chosen.organisation, role="member")
    with django_capture_on_commit_callbacks(execute=True):
        selection.cohort_notify_applicants(cohort=cohort)
    recipients = {m.to[0] for m in mailoutbox if "Atelier Vert" in m.body}
    assert recipients == {chosen.submitted_by.email, second_admin.email}


def test_a_second_click_sends_nothing_twice(mailoutbox, django_capture_on_commit_callbacks):
    cohort, *_ = _decided_cohort()
    with django_capture_on_commit_callbacks(execute=True):
        selection.cohort_notify_applicants(cohort=cohort)
    with django_capture_on_commit_callbacks(execute=True):
        again = selection.cohort_notify_applicants(cohort=cohort)
    assert again == 0
    assert len(mailoutbox) == 3


def test_a_decision_already_told_cannot_change(django_capture_on_commit_callbacks):
    cohort, chosen, *_ = _decided_cohort()
    selection.cohort_notify_applicants(cohort=cohort)
    chosen.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        selection.application_decide(
            application=chosen, status="not_selected", reason="Finalement non", by=None
        )
    assert error.value.code == "notified"
    chosen.refresh_from_db()
    assert chosen.status == "selected"


def test_nobody_is_told_while_an_application_awaits_a_decision(
    mailoutbox, django_capture_on_commit_callbacks
):
    cohort, *_ = _decided_cohort()
    application(cohort)
    with (
        pytest.raises(ValidationError) as error,
        django_capture_on_commit_callbacks(execute=True),
    ):
        selection.cohort_notify_applicants(cohort=cohort)
    assert error.value.messages == ["Decide every application first: 1 still awaits a decision."]
    assert mailoutbox == []
    assert not Application.objects.filter(notified_at__isnull=False).exists()


# --- Recording a selection made before the platform ---------------------------------------


def test_an_imported_selection_is_attached_to_the_enrolment():
    cohort = make_cohort()
    organisation = OrganisationFactory()
    enrolment = services.enrolment_create(cohort=cohort, organisation=organisation)
    when = timezone.now() - datetime.timedelta(days=100)
    imported = selection.application_import(
        cohort=cohort,
        organisation=organisation,
        submitted_by=admin_of(organisation),
        motivation=MOTIVATION,
        submitted_at=when,
        scores=GOOD,
        scored_by=None,
        status="selected",
        reason="Sélectionnée sur dossier papier.",
        decided_by=None,
        decided_at=when,
    )
    enrolment.refresh_from_db()
    assert enrolment.application == imported
    assert imported.notified_at == when
    assert imported.scores.count() == 4


def test_an_imported_refusal_of_an_enrolled_enterprise_is_refused():
    cohort = make_cohort()
    organisation = OrganisationFactory()
    services.enrolment_create(cohort=cohort, organisation=organisation)
    with pytest.raises(ValidationError) as error:
        selection.application_import(
            cohort=cohort,
            organisation=organisation,
            submitted_by=None,
            motivation=MOTIVATION,
            submitted_at=timezone.now(),
            scores=GOOD,
            scored_by=None,
            status="not_selected",
            reason="Non",
            decided_by=None,
            decided_at=timezone.now(),
        )
    assert error.value.code == "enrolled"
    assert not Application.objects.exists()


def test_a_withdrawn_application_is_not_decided():
    app = application(selecting_cohort())
    Application.objects.filter(pk=app.pk).update(status="withdrawn")
    app.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        selection.application_decide(application=app, status="selected", reason="Oui", by=None)
    assert error.value.code == "withdrawn"
    assert not Enrolment.objects.exists()


def test_an_imported_selection_stays_within_the_places():
    cohort = make_cohort(capacity=1)
    services.enrolment_create(cohort=cohort, organisation=OrganisationFactory())
    with pytest.raises(ValidationError) as error:
        selection.application_import(
            cohort=cohort,
            organisation=OrganisationFactory(),
            submitted_by=None,
            motivation=MOTIVATION,
            submitted_at=timezone.now(),
            scores=GOOD,
            scored_by=None,
            status="selected",
            reason="Oui",
            decided_by=None,
            decided_at=timezone.now(),
        )
    assert error.value.code == "full"
    assert not Application.objects.exists()


def test_two_clicks_at_once_tell_each_applicant_once(
    monkeypatch, mailoutbox, django_capture_on_commit_callbacks
):
    """Another request tells the applicants between this one's reading of the list and its
    claim of each application: this one sends nothing."""
    cohort, *_ = _decided_cohort()
    real = selection.Membership

    class OtherRequestFirst:
        class objects:  # noqa: N801 - stands for the manager
            @staticmethod
            def filter(**kwargs):
                Application.objects.filter(cohort=cohort).update(notified_at=timezone.now())
                return real.objects.filter(**kwargs)

        Role = real.Role

    monkeypatch.setattr(selection, "Membership", OtherRequestFirst)
    with django_capture_on_commit_callbacks(execute=True):
        told = selection.cohort_notify_applicants(cohort=cohort)
    assert told == 0
    assert mailoutbox == []
