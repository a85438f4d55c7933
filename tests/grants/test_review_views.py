"""The review's pages: what staff, the reviewer and the applicant see and do."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from grants import services
from grants.models import Review, ReviewerAssignment, Status
from tests.conftest import agency_with_mfa
from tests.factories import (
    CoachAssignmentFactory,
    MembershipFactory,
    OrganisationFactory,
)
from tests.grants.factories import advance, make_application, make_call, reviewer
from tests.grants.review_factories import assign, declared, in_review, review

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mfa(settings):
    settings.STAFF_REQUIRE_MFA = True


@pytest.fixture
def staff():
    return agency_with_mfa()


def _page(client, user, name, **kwargs):
    client.force_login(user)
    return client.get(reverse(f"grants:{name}", kwargs=kwargs))


def _text(response) -> str:
    """The page's text as a reader sees it (entities decoded)."""
    return html.unescape(response.content.decode())


def _form_data(application, value=4, **extra):
    data = {f"criterion_{c.pk}": value for c in application.call.criteria.all()}
    return {
        **data,
        "recommendation": "approve",
        "comment": "Un projet utile et bien chiffré.",
        "submit": "1",
        **extra,
    }


# --- Assigning -----------------------------------------------------------------------------


def test_staff_assign_a_reviewer_from_the_application_page(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    application = in_review(organisation)
    expert = reviewer()
    expert.first_name, expert.last_name = "Ada", "Experte"
    expert.save()
    member = MembershipFactory(organisation=organisation).user
    member.groups.add(*expert.groups.all())
    page = _text(_page(client, staff, "application_detail", pk=application.pk))
    # The form offers the expert, never a member of the applicant organisation.
    assert f'value="{expert.pk}"' in page
    assert f'value="{member.pk}"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("grants:reviewer_assign", kwargs={"pk": application.pk}),
            {"reviewer": expert.pk},
            follow=True,
        )
    assert "Ada Experte est invité·e à évaluer cette demande" in _text(response)
    assignment = ReviewerAssignment.objects.get(application=application, reviewer=expert)
    mail = next(m for m in mailoutbox if m.to == [expert.email])
    assert reverse("grants:review_declare", kwargs={"pk": assignment.pk}) in mail.body


def test_assigning_a_member_of_the_applicant_organisation_is_refused_on_the_page(client, staff):
    organisation = OrganisationFactory()
    application = in_review(organisation)
    member = MembershipFactory(organisation=organisation).user
    member.groups.add(*reviewer().groups.all())
    client.force_login(staff)
    response = client.post(
        reverse("grants:reviewer_assign", kwargs={"pk": application.pk}),
        {"reviewer": member.pk},
        follow=True,
    )
    assert "fait partie de l'organisation demandeuse" in _text(response)
    assert not ReviewerAssignment.objects.filter(application=application).exists()


def test_assigning_twice_is_refused_on_the_page(client, staff):
    application = in_review(OrganisationFactory())
    assignment = assign(application)
    client.force_login(staff)
    response = client.post(
        reverse("grants:reviewer_assign", kwargs={"pk": application.pk}),
        {"reviewer": assignment.reviewer.pk},
        follow=True,
    )
    assert "Cet évaluateur est déjà désigné pour cette demande." in _text(response)
    assert ReviewerAssignment.objects.filter(application=application).count() == 1


def test_unassigning_before_the_review_and_not_after(client, staff):
    application = in_review(OrganisationFactory())
    waiting = assign(application)
    done = assign(application, declare=True)
    review(done)
    client.force_login(staff)
    url = "grants:reviewer_unassign"
    client.post(reverse(url, kwargs={"pk": application.pk, "assignment_pk": waiting.pk}))
    assert not ReviewerAssignment.objects.filter(pk=waiting.pk).exists()
    response = client.post(
        reverse(url, kwargs={"pk": application.pk, "assignment_pk": done.pk}), follow=True
    )
    assert "Cet évaluateur a envoyé une évaluation\u00a0: elle reste au dossier." in _text(response)
    assert ReviewerAssignment.objects.filter(pk=done.pk).exists()


def test_an_assignment_of_another_application_is_not_found(client, staff):
    one = in_review(OrganisationFactory())
    other = assign(in_review(OrganisationFactory()))
    client.force_login(staff)
    response = client.post(
        reverse("grants:reviewer_unassign", kwargs={"pk": one.pk, "assignment_pk": other.pk})
    )
    assert response.status_code == 404
    assert ReviewerAssignment.objects.filter(pk=other.pk).exists()


# --- The scores side by side -----------------------------------------------------------


def test_staff_read_the_scores_side_by_side_with_totals_average_and_declarations(client, staff):
    application = in_review(OrganisationFactory())
    first = assign(application, reviewer(), declare=True)
    second = assign(application, reviewer(), declare=True)
    review(first, 4, shared=True, comment="Partagé avec vous.")
    review(second, 2, comment="Réservé à l'équipe.")
    conflicted = assign(application, declare=False)
    pending = assign(application)
    page = _text(_page(client, staff, "application_reviews", pk=application.pk))
    for assignment in (first, second):
        assert assignment.reviewer.display_name in page
    assert "Pertinence" in page and "Faisabilité" in page and "Impact social" in page
    # Each weighted total, on 5 and as a percentage; the average of the two.
    assert "4,00 / 5" in page and "80,0 %" in page
    assert "2,00 / 5" in page and "40,0 %" in page
    assert "3,00 / 5 (60,0 %)" in page
    assert "partagé avec le demandeur" in page and "réservé à l'équipe" in page
    assert "Partagé avec vous." in page and "Réservé à l'équipe." in page
    # Conflicts: who, the details; pending declarations.
    assert conflicted.reviewer.display_name in page and "J'y ai travaillé." in page
    assert pending.reviewer.display_name in page


def test_a_draft_is_shown_but_not_counted_in_the_average(client, staff):
    application = in_review(OrganisationFactory())
    review(assign(application, declare=True), 1, submit=False)
    page = _text(_page(client, staff, "application_reviews", pk=application.pk))
    assert "brouillon" in page
    assert "Aucune évaluation n'a encore été envoyée" in page


# --- The reviewer's home, declaration and form --------------------------------------------


def test_the_reviewers_home_sorts_their_assignments(client):
    expert = reviewer()
    to_declare = assign(in_review(OrganisationFactory()), expert)
    to_review = assign(in_review(OrganisationFactory()), expert, declare=True)
    reviewed = assign(in_review(OrganisationFactory()), expert, declare=True)
    review(reviewed)
    gone = assign(in_review(OrganisationFactory()), expert, declare=False)
    page = _text(_page(client, expert, "review_home"))
    assert reverse("grants:review_declare", kwargs={"pk": to_declare.pk}) in page
    assert reverse("grants:review_form", kwargs={"pk": to_review.pk}) in page
    assert reverse("grants:review_form", kwargs={"pk": reviewed.pk}) in page
    assert "Total pondéré 4,00 / 5" in page
    assert gone.application.reference not in page


def test_declaring_no_conflict_opens_the_review_form(client):
    application = in_review(OrganisationFactory())
    assignment = assign(application)
    client.force_login(assignment.reviewer)
    form_url = reverse("grants:review_form", kwargs={"pk": assignment.pk})
    declare_url = reverse("grants:review_declare", kwargs={"pk": assignment.pk})
    # Before the declaration, the form sends the reviewer to it.
    response = client.get(form_url)
    assert response.status_code == 302 and response.url == declare_url
    response = client.post(declare_url, {"declaration": "none"}, follow=True)
    assert response.redirect_chain[-1][0] == form_url
    assert declared(assignment).declaration == ReviewerAssignment.Declaration.NO_CONFLICT


def test_a_conflict_needs_details_on_the_page(client):
    assignment = assign(in_review(OrganisationFactory()))
    client.force_login(assignment.reviewer)
    response = client.post(
        reverse("grants:review_declare", kwargs={"pk": assignment.pk}),
        {"declaration": "conflict", "details": ""},
    )
    assert "Décrivez brièvement le conflit d'intérêts." in _text(response)
    assert declared(assignment).declaration == ReviewerAssignment.Declaration.PENDING


def test_after_a_conflict_the_application_is_no_longer_the_reviewers(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    application = in_review(OrganisationFactory())
    assignment = assign(application)
    client.force_login(assignment.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("grants:review_declare", kwargs={"pk": assignment.pk}),
            {"declaration": "conflict", "details": "J'ai conseillé ce projet."},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == reverse("grants:review_home")
    assert "vous êtes retiré·e de cette demande" in _text(response)
    assert any(staff.email in m.to and "J'ai conseillé ce projet." in m.body for m in mailoutbox)
    for name, kwargs in (
        ("review_form", {"pk": assignment.pk}),
        ("review_declare", {"pk": assignment.pk}),
        ("application_detail", {"pk": application.pk}),
    ):
        assert client.get(reverse(f"grants:{name}", kwargs=kwargs)).status_code == 404, name


def test_a_reviewer_with_a_declared_conflict_opening_the_form_gets_404_and_writes_nothing(
    client,
):
    application = in_review(OrganisationFactory())
    assignment = assign(application, declare=False)
    client.force_login(assignment.reviewer)
    url = reverse("grants:review_form", kwargs={"pk": assignment.pk})
    assert client.get(url).status_code == 404
    assert client.post(url, _form_data(application)).status_code == 404
    assert not Review.objects.exists()
    assert declared(assignment).has_conflict


def test_the_form_shows_the_application_read_only_and_each_criterion(client):
    call = make_call(
        criteria=[
            {
                "title_fr": "Pertinence",
                "title_en": "Relevance",
                "description_fr": "Le projet répond à un besoin du plan.",
                "description_en": "The project meets a need of the plan.",
                "weight": 3,
            },
            {"title_fr": "Impact", "title_en": "Impact", "weight": 1},
        ]
    )
    application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
    assignment = assign(application, declare=True)
    page = _text(_page(client, assignment.reviewer, "review_form", pk=assignment.pk))
    assert application.summary in page
    assert "Logiciel de gestion des bénévoles" in page  # a budget line
    assert "Le projet répond à un besoin du plan. (Pondération\u00a0: 3)" in page
    assert "Pondération\u00a0: 1" in page
    for criterion in call.criteria.all():
        for score in range(6):
            assert f'name="criterion_{criterion.pk}" id="id_criterion_{criterion.pk}_{score}"' in (
                page
            )
    assert "Partager mon commentaire avec le demandeur" in page
    assert "Enregistrer un brouillon" in page and "Envoyer mon évaluation" in page


def test_the_form_links_the_documents_for_download(client):
    from grants.models import DocumentType

    quote = DocumentType.objects.first()
    call = make_call(required_documents=[quote])
    application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
    assignment = assign(application, declare=True)
    page = _text(_page(client, assignment.reviewer, "review_form", pk=assignment.pk))
    for document in application.attachments.all():
        assert reverse("grants:attachment_download", kwargs={"pk": document.pk}) in page


def test_a_reviewer_saves_a_draft_then_submits_then_changes_the_review(client):
    application = in_review(OrganisationFactory())
    assignment = assign(application, declare=True)
    client.force_login(assignment.reviewer)
    url = reverse("grants:review_form", kwargs={"pk": assignment.pk})
    data = _form_data(application, 3)
    del data["submit"]
    response = client.post(url, {**data, "draft": "1"}, follow=True)
    assert "Votre brouillon est enregistré" in _text(response)
    assert Review.objects.get().submitted_at is None
    response = client.post(url, _form_data(application, 5, comment_shared="on"), follow=True)
    assert "Votre évaluation est envoyée." in _text(response)
    saved = Review.objects.get()
    assert saved.submitted_at is not None and saved.comment_shared
    assert str(saved.weighted_score) == "5.00"
    response = client.post(url, _form_data(application, 1), follow=True)
    assert "Enregistrer mes modifications" in _text(response)
    assert str(Review.objects.get().weighted_score) == "1.00"


@pytest.mark.parametrize("bad", ["6", "-1", ""])
def test_a_score_out_of_range_or_missing_is_refused_on_the_page(client, bad):
    application = in_review(OrganisationFactory())
    assignment = assign(application, declare=True)
    client.force_login(assignment.reviewer)
    first = application.call.criteria.first()
    response = client.post(
        reverse("grants:review_form", kwargs={"pk": assignment.pk}),
        _form_data(application, **{f"criterion_{first.pk}": bad}),
    )
    assert response.status_code == 200
    assert "Notez ce critère de 0 à 5." in _text(response)
    assert not Review.objects.exists()


def test_a_missing_recommendation_is_refused_on_the_page(client):
    application = in_review(OrganisationFactory())
    assignment = assign(application, declare=True)
    client.force_login(assignment.reviewer)
    response = client.post(
        reverse("grants:review_form", kwargs={"pk": assignment.pk}),
        _form_data(application, recommendation=""),
    )
    assert "Choisissez une recommandation." in _text(response)
    assert not Review.objects.exists()


def test_reviewing_after_the_decision_is_refused_and_changes_nothing(client):
    application = in_review(OrganisationFactory())
    assignment = assign(application, declare=True)
    review(assignment, 3)
    advance(application, Status.APPROVED)
    client.force_login(assignment.reviewer)
    url = reverse("grants:review_form", kwargs={"pk": assignment.pk})
    page = _text(client.get(url))
    assert "L'évaluation de cette demande est terminée" in page
    assert "Envoyer mon évaluation" not in page and "Enregistrer mes modifications" not in page
    response = client.post(url, _form_data(application, 5))
    assert "L'évaluation de cette demande est terminée" in _text(response)
    assert str(Review.objects.get().weighted_score) == "3.00"


# --- What an outside expert reaches ---------------------------------------------------


def test_an_outside_expert_sees_only_the_applications_assigned_to_them(client):
    organisation = OrganisationFactory()
    application = in_review(organisation)
    other = make_application(OrganisationFactory(), Status.IN_REVIEW)
    assignment = assign(application, declare=True)
    colleague = assign(application)  # someone else's assignment on the same application
    client.force_login(assignment.reviewer)

    def status(name, **kwargs):
        return client.get(reverse(name, kwargs=kwargs)).status_code

    assert status("grants:application_detail", pk=application.pk) == 200
    assert status("grants:review_form", pk=assignment.pk) == 200
    assert status("grants:review_home") == 200
    assert status("grants:application_detail", pk=other.pk) == 404
    assert status("network:organisation_detail", slug=organisation.slug) == 404
    assert status("network:organisation_detail", slug=other.organisation.slug) == 404
    assert status("grants:review_declare", pk=colleague.pk) == 404
    assert status("grants:review_form", pk=colleague.pk) == 404
    assert status("network:staff_organisation_list") == 403
    assert status("grants:application_reviews", pk=application.pk) == 403


# --- The panel on the application's page ----------------------------------------------


def test_the_panel_for_staff_lists_reviewers_totals_average_and_links(client, staff):
    application = in_review(OrganisationFactory())
    done = assign(application, declare=True)
    review(done, 4)
    waiting = assign(application)
    page = _text(_page(client, staff, "application_detail", pk=application.pk))
    assert done.reviewer.display_name in page and waiting.reviewer.display_name in page
    assert "Non déclaré" in page or waiting.get_declaration_display() in page
    assert "4,00 / 5 (80,0 %)" in page
    assert "Moyenne de 1 évaluation" in page
    assert reverse("grants:application_reviews", kwargs={"pk": application.pk}) in page
    assert reverse("grants:reviewer_assign", kwargs={"pk": application.pk}) in page


def test_the_panel_for_the_reviewer_links_the_declaration_then_the_form(client):
    application = in_review(OrganisationFactory())
    assignment = assign(application)
    page = _text(_page(client, assignment.reviewer, "application_detail", pk=application.pk))
    assert reverse("grants:review_declare", kwargs={"pk": assignment.pk}) in page
    services.conflict_declare(assignment, conflict=False)
    page = _text(client.get(reverse("grants:application_detail", kwargs={"pk": application.pk})))
    assert reverse("grants:review_form", kwargs={"pk": assignment.pk}) in page
    assert reverse("grants:reviewer_assign", kwargs={"pk": application.pk}) not in page


def test_the_applicant_and_coach_read_shared_comments_without_names_or_scores(client):
    organisation = OrganisationFactory()
    application = in_review(organisation)
    shared = assign(application, declare=True)
    private = assign(application, declare=True)
    review(shared, 4, shared=True, comment="Un budget clair, bravo.")
    review(private, 2, comment="Note interne sur le fournisseur.")
    coach = CoachAssignmentFactory(organisation=organisation).coach
    for user in (application.created_by, coach):
        page = _text(_page(client, user, "application_detail", pk=application.pk))
        assert "Un budget clair, bravo." in page
        assert "Note interne sur le fournisseur." not in page
        assert shared.reviewer.display_name not in page
        assert "4,00" not in page
        assert reverse("grants:reviewer_assign", kwargs={"pk": application.pk}) not in page


# --- Query counts -------------------------------------------------------------------------


def _count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _reviewed(n: int):
    application = in_review(OrganisationFactory())
    for _i in range(n):
        review(assign(application, declare=True), 3)
    assign(application, declare=False)
    assign(application)
    return application


def test_the_pages_queries_do_not_grow_with_reviewers_or_criteria(client, staff):
    small, large = _reviewed(1), _reviewed(5)
    client.force_login(staff)
    for name in ("application_detail", "application_reviews"):
        counts = [
            _count(client, reverse(f"grants:{name}", kwargs={"pk": app.pk}))
            for app in (small, large)
        ]
        assert counts[0] == counts[1], (name, counts)


def test_the_reviewers_home_costs_the_same_queries_with_one_or_five_assignments(client):
    few, many = reviewer(), reviewer()
    review(assign(in_review(OrganisationFactory()), few, declare=True))
    for _i in range(5):
        review(assign(in_review(OrganisationFactory()), many, declare=True))
    counts = []
    for expert in (few, many):
        client.force_login(expert)
        counts.append(_count(client, reverse("grants:review_home")))
    assert counts[0] == counts[1], counts


def test_the_review_form_costs_the_same_queries_with_more_criteria(client):
    def form_queries(n):
        call = make_call(
            criteria=[{"title_fr": f"C{i}", "title_en": f"C{i}", "weight": 1} for i in range(n)]
        )
        application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
        assignment = assign(application, declare=True)
        review(assignment)
        client.force_login(assignment.reviewer)
        return _count(client, reverse("grants:review_form", kwargs={"pk": assignment.pk}))

    assert form_queries(1) == form_queries(5)
