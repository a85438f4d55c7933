"""The review's services: assigning, the declaration, scoring; each refusal changes nothing."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from grants import services
from grants.models import CostCategory, Review, ReviewerAssignment, ReviewScore, Status
from tests.factories import AgencyStaffFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.grants.factories import advance, make_application, make_call, make_draft, reviewer
from tests.grants.review_factories import assign, declared, in_review, review, scores_for

pytestmark = pytest.mark.django_db


def test_the_weighted_score_is_the_mean_of_scores_by_their_weights():
    application = in_review(OrganisationFactory())
    criteria = list(application.call.criteria.all())  # weights 3, 2, 1
    scores = dict(zip([c.pk for c in criteria], [5, 2, 0], strict=True))
    # (5×3 + 2×2 + 0×1) / 6 = 19 / 6
    assert services.weighted_score(scores, criteria) == Decimal("3.17")


def test_assigning_tells_the_reviewer_by_email_with_the_link_to_their_reviews(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = in_review(OrganisationFactory())
    expert = reviewer()
    with django_capture_on_commit_callbacks(execute=True):
        assignment = assign(application, expert)
    mail = next(m for m in mailoutbox if m.to == [expert.email])
    assert application.reference in mail.subject
    assert f"/grants/reviews/{assignment.pk}/declaration/" in mail.body
    assert "/grants/reviews/" in mail.body
    assert assignment.declaration == ReviewerAssignment.Declaration.PENDING


def test_agency_staff_may_be_assigned_too():
    application = in_review(OrganisationFactory())
    staff = AgencyStaffFactory()
    assert assign(application, staff).reviewer == staff


def test_a_member_of_the_applicant_organisation_is_refused():
    organisation = OrganisationFactory()
    application = in_review(organisation)
    member = MembershipFactory(organisation=organisation).user
    member.groups.add(*reviewer().groups.all())
    with pytest.raises(ValidationError) as refused:
        assign(application, member)
    assert "fait partie de l'organisation demandeuse" in " ".join(refused.value.messages)
    assert not ReviewerAssignment.objects.filter(application=application).exists()


def test_someone_who_is_neither_reviewer_nor_staff_is_refused():
    application = in_review(OrganisationFactory())
    with pytest.raises(ValidationError, match="Seuls les évaluateurs et l'équipe de l'agence"):
        assign(application, UserFactory())
    assert not ReviewerAssignment.objects.exists()


def test_a_reviewer_is_assigned_once():
    application = in_review(OrganisationFactory())
    expert = reviewer()
    assign(application, expert)
    with pytest.raises(ValidationError, match="déjà désigné pour cette demande"):
        assign(application, expert)
    assert ReviewerAssignment.objects.filter(application=application).count() == 1


def test_no_reviewer_is_assigned_once_decided():
    application = make_application(OrganisationFactory(), Status.APPROVED)
    with pytest.raises(ValidationError, match="en examen ou en évaluation"):
        assign(application)
    assert not ReviewerAssignment.objects.exists()


def test_a_conflict_takes_the_reviewer_off_and_tells_agency_staff(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = in_review(OrganisationFactory())
    staff = AgencyStaffFactory()
    assignment = assign(application)
    with django_capture_on_commit_callbacks(execute=True):
        services.conflict_declare(assignment, conflict=True, details="Je siège à son CA.")
    assignment = declared(assignment)
    assert assignment.has_conflict
    assert assignment.declared_at is not None
    mail = next(m for m in mailoutbox if staff.email in m.to)
    assert "Je siège à son CA." in mail.body
    assert application.reference in mail.subject


def test_a_conflict_needs_its_details_and_nothing_changes_without():
    assignment = assign(in_review(OrganisationFactory()))
    with pytest.raises(ValidationError, match="Décrivez brièvement le conflit d'intérêts"):
        services.conflict_declare(assignment, conflict=True, details="  ")
    assert declared(assignment).declaration == ReviewerAssignment.Declaration.PENDING


def test_a_declaration_is_made_once():
    assignment = assign(in_review(OrganisationFactory()), declare=True)
    with pytest.raises(ValidationError, match="déjà fait votre déclaration"):
        services.conflict_declare(assignment, conflict=True, details="Finalement oui.")
    assert declared(assignment).declaration == ReviewerAssignment.Declaration.NO_CONFLICT


def test_a_review_keeps_its_scores_and_weighted_total():
    assignment = assign(in_review(OrganisationFactory()), declare=True)
    saved = review(assignment, 4)
    assert saved.weighted_score == Decimal("4.00")
    assert saved.submitted_at is not None
    assert ReviewScore.objects.filter(review=saved).count() == 3


def test_a_draft_is_not_submitted_and_a_submitted_review_may_change_until_the_decision():
    application = in_review(OrganisationFactory())
    assignment = assign(application, declare=True)
    draft = review(assignment, 2, submit=False)
    assert draft.submitted_at is None
    submitted = review(assignment, 3)
    assert submitted.pk == draft.pk and submitted.submitted_at is not None
    changed = review(assignment, 5)
    assert changed.weighted_score == Decimal("5.00")
    assert ReviewScore.objects.filter(review=changed).count() == 3


@pytest.mark.parametrize("bad", [6, -1, None])
def test_a_score_out_of_range_or_missing_is_refused(bad):
    assignment = assign(in_review(OrganisationFactory()), declare=True)
    scores = scores_for(assignment.application.call)
    first = next(iter(scores))
    scores[first] = bad
    with pytest.raises(ValidationError) as refused:
        services.review_save(assignment, scores=scores, recommendation="approve", comment="Bien.")
    assert refused.value.message_dict[f"criterion_{first}"] == ["Notez ce critère de 0 à 5."]
    assert not Review.objects.exists()


def test_a_recommendation_is_required():
    assignment = assign(in_review(OrganisationFactory()), declare=True)
    with pytest.raises(ValidationError) as refused:
        services.review_save(
            assignment,
            scores=scores_for(assignment.application.call),
            recommendation="",
            comment="Bien.",
        )
    assert refused.value.message_dict["recommendation"] == ["Choisissez une recommandation."]
    assert not Review.objects.exists()


def test_no_review_before_the_declaration_nor_after_a_conflict():
    application = in_review(OrganisationFactory())
    pending = assign(application)
    with pytest.raises(ValidationError, match="Déclarez d'abord"):
        review(pending)
    conflicted = assign(application, declare=False)
    with pytest.raises(ValidationError, match="Vous avez déclaré un conflit d'intérêts"):
        review(conflicted)
    assert not Review.objects.exists()


@pytest.mark.parametrize("decision", [Status.APPROVED, Status.REJECTED])
def test_no_review_after_the_decision(decision):
    application = in_review(OrganisationFactory())
    assignment = assign(application, declare=True)
    first = review(assignment, 3)
    advance(application, decision)
    with pytest.raises(ValidationError, match="L'évaluation de cette demande est terminée"):
        review(assignment, 5)
    first.refresh_from_db()
    assert first.weighted_score == Decimal("3.00")


def test_unassigning_is_refused_once_the_review_is_submitted():
    application = in_review(OrganisationFactory())
    drafting = assign(application, declare=True)
    review(drafting, submit=False)
    services.reviewer_unassign(drafting)
    assert not ReviewerAssignment.objects.filter(pk=drafting.pk).exists()
    done = assign(application, declare=True)
    review(done)
    with pytest.raises(ValidationError, match="a envoyé une évaluation"):
        services.reviewer_unassign(done)
    assert ReviewerAssignment.objects.filter(pk=done.pk).exists()


def test_a_declared_conflict_stays_on_the_record():
    assignment = assign(in_review(OrganisationFactory()), declare=False)
    with pytest.raises(ValidationError, match="la déclaration reste au dossier"):
        services.reviewer_unassign(assignment)
    assert declared(assignment).has_conflict


@pytest.mark.django_db(transaction=True)
def test_two_declarations_at_once_make_one():
    """Two tabs send the declaration at once: the row lock lets one through."""
    # A transactional test starts from empty tables (no data migration's categories, no
    # questionnaire): a draft is enough, with the assignment written as the service would.
    category, _new = CostCategory.objects.get_or_create(
        code="software", defaults={"name_fr": "Logiciels", "name_en": "Software"}
    )
    application = make_draft(
        OrganisationFactory(), call=make_call(categories=[category]), complete=False
    )
    assignment = ReviewerAssignment.objects.create(application=application, reviewer=reviewer())
    barrier = threading.Barrier(2)
    outcomes = []

    def declare(conflict):
        try:
            barrier.wait()
            services.conflict_declare(
                ReviewerAssignment.objects.get(pk=assignment.pk),
                conflict=conflict,
                details="Lien familial." if conflict else "",
            )
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=declare, args=(flag,)) for flag in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert declared(assignment).declaration != ReviewerAssignment.Declaration.PENDING
