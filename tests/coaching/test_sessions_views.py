"""The enterprise's coaching page, sessions and intervisions, through the client."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from coaching.models import Action, CoachingSession, IntervisionInvitation, IntervisionQuestion
from coaching.sessions import services
from tests.factories import MembershipFactory, OrganisationFactory

from .factories import enrol, make_cohort
from .sessions_factories import make_intervision, make_session, when

pytestmark = pytest.mark.django_db


@pytest.fixture
def english():
    """Pages and messages in English (French is the default): see `client_for`."""
    with translation.override("en"):
        yield


@pytest.fixture
def client_for(client, request):
    """The project's `client_for`, the language cookie set again after each log-in when
    the test asks for English (logging out clears the cookies)."""

    def _client_for(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        if "english" in request.fixturenames:
            client.cookies["django_language"] = "en"
        return client

    return _client_for


# Bounds: the counts measured (the coaching page 10, an intervision's page 8, for a coach
# and for a member, with one row and with many) plus a margin of three.


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


# --- The enterprise's coaching page ----------------------------------------------------


def test_members_read_shared_notes_never_private_ones(enrolment, roles, client_for):
    make_session(enrolment, shared_notes="Notes-pour-tous", private_notes="Notes-du-coach")
    url = reverse("coaching:enrolment_detail", kwargs={"pk": enrolment.pk})
    member_page = client_for(roles["member"]).get(url).content.decode()
    assert "Notes-pour-tous" in member_page
    assert "Notes-du-coach" not in member_page
    coach_page = client_for(roles["coach"]).get(url).content.decode()
    assert "Notes-du-coach" in coach_page


def test_the_session_page_hides_private_notes_from_members(enrolment, roles, client_for):
    session = make_session(enrolment, shared_notes="Notes-pour-tous", private_notes="Secret-coach")
    url = reverse("coaching:session_detail", kwargs={"pk": session.pk})
    page = client_for(roles["org_admin"]).get(url).content.decode()
    assert "Notes-pour-tous" in page and "Secret-coach" not in page
    assert "Secret-coach" in client_for(roles["agency"]).get(url).content.decode()


def test_hours_used_against_hours_allotted(enrolment, roles, client_for, english):
    make_session(enrolment, days=-3, duration_minutes=90)
    make_session(enrolment, days=3, duration_minutes=60)  # planned
    url = reverse("coaching:enrolment_detail", kwargs={"pk": enrolment.pk})
    page = client_for(roles["member"]).get(url).content.decode()
    assert "1.5 h used of 40.0 h" in page


def test_the_coaching_page_s_queries_do_not_grow(
    enrolment, roles, client_for, django_assert_max_num_queries
):
    client = client_for(roles["coach"])
    url = reverse("coaching:enrolment_detail", kwargs={"pk": enrolment.pk})
    make_session(enrolment)
    make_intervision(enrolment.cohort, days=-1)
    few = _queries(client, url)
    for days in (-10, -8, -6, -4, 2, 4):
        make_session(enrolment, days=days, next_steps="A\nB")
    for days in (-5, -3, 3, 6):
        make_intervision(enrolment.cohort, days=days)
    MembershipFactory(organisation=enrolment.organisation)
    assert _queries(client, url) == few
    with django_assert_max_num_queries(13):
        client.get(url)


# --- Sessions --------------------------------------------------------------------------


def _session_data(roles, **changes):
    data = {
        "coach": roles["coach"].pk,
        "starts_at": when(-1).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "75",
        "topics": "Sauvegardes",
        "shared_notes": "À faire",
        "next_steps": "Acheter un disque",
    }
    data.update(changes)
    return data


def test_a_coach_logs_a_session(enrolment, roles, client_for):
    url = reverse("coaching:session_create", kwargs={"pk": enrolment.pk})
    response = client_for(roles["coach"]).post(url, _session_data(roles))
    session = CoachingSession.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("coaching:session_detail", kwargs={"pk": session.pk})
    assert (session.enrolment, session.coach, session.duration_minutes) == (
        enrolment,
        roles["coach"],
        75,
    )


def test_a_planned_session_has_participants_among_the_members(enrolment, roles, client_for):
    url = reverse("coaching:session_create", kwargs={"pk": enrolment.pk})
    data = _session_data(roles, starts_at=when(4).strftime("%Y-%m-%dT%H:%M"))
    data["participants"] = [roles["member"].pk]
    client_for(roles["coach"]).post(url, data)
    assert list(CoachingSession.objects.get().participants.all()) == [roles["member"]]
    outsider = _session_data(roles)
    outsider["participants"] = [roles["other_org_member"].pk]
    response = client_for(roles["coach"]).post(url, outsider)
    assert response.status_code == 200
    assert CoachingSession.objects.count() == 1


@pytest.mark.parametrize("minutes", ["0", "601", "beaucoup"])
def test_a_bad_duration_is_told_and_nothing_saved(enrolment, roles, client_for, english, minutes):
    url = reverse("coaching:session_create", kwargs={"pk": enrolment.pk})
    response = client_for(roles["coach"]).post(url, _session_data(roles, duration_minutes=minutes))
    assert response.status_code == 200
    assert "Duration (minutes)" in response.content.decode()
    assert response.context["form"].errors["duration_minutes"]
    assert not CoachingSession.objects.exists()


def test_a_member_cannot_log_a_session(enrolment, roles, client_for):
    url = reverse("coaching:session_create", kwargs={"pk": enrolment.pk})
    assert client_for(roles["org_admin"]).post(url, _session_data(roles)).status_code == 403
    assert not CoachingSession.objects.exists()


def test_a_coach_not_assigned_does_not_find_the_enterprise(enrolment, roles, client_for):
    client = client_for(roles["unassigned_coach"])
    assert (
        client.get(reverse("coaching:enrolment_detail", kwargs={"pk": enrolment.pk})).status_code
        == 404
    )
    url = reverse("coaching:session_create", kwargs={"pk": enrolment.pk})
    assert client.post(url, _session_data(roles)).status_code == 404
    assert not CoachingSession.objects.exists()


def test_a_session_is_edited(enrolment, roles, client_for):
    session = make_session(enrolment)
    url = reverse("coaching:session_edit", kwargs={"pk": session.pk})
    response = client_for(roles["coach"]).post(url, _session_data(roles, topics="Nouveau sujet"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.topics == "Nouveau sujet"


def test_a_next_step_becomes_one_action_however_often_clicked(plan, roles, client_for, english):
    session = make_session(plan.enrolment, next_steps="Acheter un disque\nFormer l'équipe")
    url = reverse("coaching:session_step_action", kwargs={"pk": session.pk, "index": 0})
    client = client_for(roles["coach"])
    client.post(url)
    client.post(url)
    assert list(Action.objects.filter(from_session=session).values_list("title", flat=True)) == [
        "Acheter un disque"
    ]
    page = client.get(reverse("coaching:session_detail", kwargs={"pk": session.pk}))
    html = page.content.decode()
    # The first step links to its action; only the second can still become one.
    assert html.count("An action of the plan") == 1
    assert html.count("Make it an action") == 1


def test_a_next_step_without_a_plan_says_so(enrolment, roles, client_for, english):
    session = make_session(enrolment, next_steps="Acheter un disque")
    url = reverse("coaching:session_step_action", kwargs={"pk": session.pk, "index": 0})
    response = client_for(roles["coach"]).post(url, follow=True)
    assert "no transformation plan yet" in response.content.decode()
    assert not Action.objects.exists()


# --- Intervisions ----------------------------------------------------------------------


def test_a_coach_organises_an_intervision(enrolment, roles, client_for):
    url = reverse("coaching:intervision_create", kwargs={"slug": enrolment.cohort.slug})
    response = client_for(roles["coach"]).post(
        url,
        {
            "title": "Cybersécurité",
            "starts_at": when(8).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": "120",
        },
    )
    intervision = enrolment.cohort.intervisions.get()
    assert response.url == reverse("coaching:intervision_invite", kwargs={"pk": intervision.pk})
    assert intervision.organised_by == roles["coach"]


def test_a_participant_cannot_organise(enrolment, roles, client_for):
    url = reverse("coaching:intervision_create", kwargs={"slug": enrolment.cohort.slug})
    data = {"title": "X", "starts_at": when(8).strftime("%Y-%m-%dT%H:%M"), "duration_minutes": "60"}
    assert client_for(roles["member"]).post(url, data).status_code == 403
    assert not enrolment.cohort.intervisions.exists()


def test_a_coach_invites_a_chosen_person(
    enrolment, roles, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    intervision = make_intervision(enrolment.cohort, invite=False)
    url = reverse("coaching:intervision_invite", kwargs={"pk": intervision.pk})
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(roles["coach"]).post(
            url, {"who": "chosen", "users": [roles["org_admin"].pk]}
        )
    assert response.status_code == 302
    assert list(intervision.invitations.values_list("user", flat=True)) == [roles["org_admin"].pk]
    assert [m.to for m in mailoutbox] == [[roles["org_admin"].email]]


def test_choosing_nobody_is_told(enrolment, roles, client_for, english):
    intervision = make_intervision(enrolment.cohort, invite=False)
    url = reverse("coaching:intervision_invite", kwargs={"pk": intervision.pk})
    response = client_for(roles["coach"]).post(url, {"who": "chosen"})
    assert response.status_code == 200
    assert "Tick at least one enterprise or one person" in response.content.decode()
    assert not intervision.invitations.exists()


def test_attendance_is_recorded_in_one_form(enrolment, roles, client_for):
    intervision = make_intervision(enrolment.cohort, days=-1)
    member = intervision.invitations.get(user=roles["member"])
    admin = intervision.invitations.get(user=roles["org_admin"])
    url = reverse("coaching:intervision_attendance", kwargs={"pk": intervision.pk})
    response = client_for(roles["coach"]).post(
        url, {f"attendance-{member.pk}": "absent", f"attendance-{admin.pk}": "present"}
    )
    assert response.status_code == 302
    member.refresh_from_db()
    admin.refresh_from_db()
    assert (member.attendance, admin.attendance) == ("absent", "present")


def test_attendance_for_someone_not_invited_changes_nothing(enrolment, roles, client_for, english):
    intervision = make_intervision(enrolment.cohort, days=-1)
    other = make_intervision(enrolment.cohort, days=-2)
    data = {f"attendance-{i.pk}": "present" for i in intervision.invitations.all()}
    data[f"attendance-{other.invitations.first().pk}"] = "present"
    url = reverse("coaching:intervision_attendance", kwargs={"pk": intervision.pk})
    response = client_for(roles["coach"]).post(url, data)
    assert response.status_code == 400
    assert "for the people invited to this intervision only" in response.content.decode()
    assert set(IntervisionInvitation.objects.values_list("attendance", flat=True)) == {"invited"}


def test_attendance_before_the_start_is_refused(enrolment, roles, client_for, english):
    intervision = make_intervision(enrolment.cohort, days=2)
    data = {f"attendance-{i.pk}": "present" for i in intervision.invitations.all()}
    url = reverse("coaching:intervision_attendance", kwargs={"pk": intervision.pk})
    response = client_for(roles["coach"]).post(url, data, follow=True)
    assert "once the intervision has started" in response.content.decode()
    assert set(IntervisionInvitation.objects.values_list("attendance", flat=True)) == {"invited"}


def test_the_summary_is_shared_once(
    enrolment, roles, client_for, mailoutbox, django_capture_on_commit_callbacks
):
    intervision = make_intervision(enrolment.cohort, days=-1)
    url = reverse("coaching:intervision_summary", kwargs={"pk": intervision.pk})
    client = client_for(roles["coach"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"summary": "Ce que nous avons appris"})
        client.post(url, {"summary": "Ce que nous avons appris, corrigé"})
    assert len(mailoutbox) == 2  # the two invitees, once
    page = client_for(roles["member"]).get(
        reverse("coaching:intervision_detail", kwargs={"pk": intervision.pk})
    )
    assert "Ce que nous avons appris, corrigé" in page.content.decode()


def test_an_empty_summary_is_told(enrolment, roles, client_for, english):
    intervision = make_intervision(enrolment.cohort, days=-1)
    url = reverse("coaching:intervision_summary", kwargs={"pk": intervision.pk})
    response = client_for(roles["coach"]).post(url, {"summary": "  "})
    assert response.status_code == 400
    assert "Write the summary to share." in response.content.decode()
    intervision.refresh_from_db()
    assert intervision.summary_shared_at is None


# --- Questions -------------------------------------------------------------------------


def test_an_anonymous_question_from_the_page_keeps_no_author(enrolment, roles, client_for):
    intervision = make_intervision(enrolment.cohort)
    url = reverse("coaching:question_create", kwargs={"pk": intervision.pk})
    response = client_for(roles["member"]).post(
        url, {"text": "Comment oser demander ?", "theme": "security", "anonymous": "on"}
    )
    assert response.status_code == 302
    question = IntervisionQuestion.objects.get()
    assert (question.text, question.theme, question.author_id) == (
        "Comment oser demander ?",
        "security",
        None,
    )


def test_a_question_after_the_start_is_refused(enrolment, roles, client_for, english):
    intervision = make_intervision(enrolment.cohort, days=-1)
    url = reverse("coaching:question_create", kwargs={"pk": intervision.pk})
    response = client_for(roles["member"]).post(url, {"text": "Trop tard ?"}, follow=True)
    assert "questions are asked before it" in response.content.decode()
    assert not IntervisionQuestion.objects.exists()


def test_an_empty_question_is_told(enrolment, roles, client_for, english):
    intervision = make_intervision(enrolment.cohort)
    url = reverse("coaching:question_create", kwargs={"pk": intervision.pk})
    response = client_for(roles["member"]).post(url, {"text": "", "theme": "astrology"})
    assert response.status_code == 400
    errors = response.context["question_form"].errors
    assert set(errors) == {"text", "theme"}
    assert not IntervisionQuestion.objects.exists()


def test_participants_never_see_who_asked(enrolment, roles, client_for, english):
    intervision = make_intervision(enrolment.cohort)
    services.question_ask(
        intervision=intervision, asked_by=roles["org_admin"], text="Question-de-l-admin"
    )
    services.question_ask(
        intervision=intervision, asked_by=roles["member"], text="Question-du-membre"
    )
    url = reverse("coaching:intervision_detail", kwargs={"pk": intervision.pk})
    page = client_for(roles["member"]).get(url)
    html = page.content.decode()
    assert "Question-de-l-admin" in html and "Question-du-membre" in html
    assert roles["org_admin"].display_name not in html
    groups = page.context["question_groups"]
    yours = {q.text: bool(q.is_yours) for g in groups for q in g.questions}
    assert yours == {"Question-de-l-admin": False, "Question-du-membre": True}
    assert html.count(">Yours<") == 1
    # The coach sees the named author.
    coach_page = client_for(roles["coach"]).get(url).content.decode()
    assert roles["org_admin"].display_name in coach_page


def test_a_coach_marks_a_question_taken_up_with_htmx(enrolment, roles, client_for, english):
    intervision = make_intervision(enrolment.cohort)
    question = services.question_ask(intervision=intervision, asked_by=roles["member"], text="?")
    url = reverse("coaching:question_take_up", kwargs={"pk": question.pk})
    response = client_for(roles["coach"]).post(url, {"taken_up": "on"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert f'id="question-{question.pk}"' in response.content.decode()
    assert "Taken up" in response.content.decode()
    question.refresh_from_db()
    assert question.taken_up_at is not None
    # Without JavaScript: back to the page.
    response = client_for(roles["coach"]).post(url, {})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.taken_up_at is None


def test_a_participant_cannot_mark_questions(enrolment, roles, client_for):
    intervision = make_intervision(enrolment.cohort)
    question = services.question_ask(intervision=intervision, asked_by=roles["member"], text="?")
    url = reverse("coaching:question_take_up", kwargs={"pk": question.pk})
    assert client_for(roles["member"]).post(url, {"taken_up": "on"}).status_code == 403
    question.refresh_from_db()
    assert question.taken_up_at is None


@pytest.mark.parametrize("reader", ["coach", "member"])
def test_the_intervision_page_s_queries_do_not_grow(
    enrolment, roles, client_for, reader, django_assert_max_num_queries
):
    intervision = make_intervision(enrolment.cohort, days=3)
    services.question_ask(intervision=intervision, asked_by=roles["member"], text="Une")
    client = client_for(roles[reader])
    url = reverse("coaching:intervision_detail", kwargs={"pk": intervision.pk})
    few = _queries(client, url)
    for _ in range(4):
        team = enrol(OrganisationFactory(), enrolment.cohort)
        for _ in range(3):
            MembershipFactory(organisation=team.organisation)
    services.intervision_invite(intervision=intervision, by=None)
    for n, theme in enumerate(["security", "tools", "", "data"] * 3):
        services.question_ask(
            intervision=intervision,
            asked_by=roles["org_admin"],
            text=f"Q{n}",
            theme=theme,
            anonymous=n % 2 == 0,
        )
    assert intervision.invitations.count() == 14
    assert _queries(client, url) == few
    with django_assert_max_num_queries(11):
        client.get(url)


def test_the_past_intervision_page_s_queries_do_not_grow(
    enrolment, roles, client_for, django_assert_max_num_queries
):
    client = client_for(roles["coach"])
    small = make_intervision(enrolment.cohort, days=-1)
    few = _queries(client, reverse("coaching:intervision_detail", kwargs={"pk": small.pk}))
    for _ in range(4):
        team = enrol(OrganisationFactory(), enrolment.cohort)
        for _ in range(3):
            MembershipFactory(organisation=team.organisation)
    large = make_intervision(enrolment.cohort, days=-2)
    assert large.invitations.count() == 14
    url = reverse("coaching:intervision_detail", kwargs={"pk": large.pk})
    assert _queries(client, url) == few
    with django_assert_max_num_queries(11):
        client.get(url)


def test_the_intervision_list_s_queries_do_not_grow(enrolment, roles, client_for):
    client = client_for(roles["member"])
    url = reverse("coaching:intervision_list", kwargs={"slug": enrolment.cohort.slug})
    make_intervision(enrolment.cohort)
    few = _queries(client, url)
    for days in (-3, -2, 2, 4, 6):
        make_intervision(enrolment.cohort, days=days)
    assert _queries(client, url) == few


def test_the_session_page_s_queries_do_not_grow(plan, roles, client_for):
    client = client_for(roles["coach"])
    small = make_session(plan.enrolment, next_steps="A", participants=[roles["member"]])
    few = _queries(client, reverse("coaching:session_detail", kwargs={"pk": small.pk}))
    others = [MembershipFactory(organisation=plan.organisation).user for _ in range(4)]
    large = make_session(
        plan.enrolment,
        next_steps="A\nB\nC\nD\nE",
        participants=[roles["member"], *others],
    )
    for index in (0, 2):
        services.session_step_action(session=large, index=index, by=roles["coach"])
    assert _queries(client, reverse("coaching:session_detail", kwargs={"pk": large.pk})) == few


def test_the_invitation_page_s_queries_do_not_grow(enrolment, roles, client_for):
    client = client_for(roles["coach"])
    intervision = make_intervision(enrolment.cohort, invite=False)
    url = reverse("coaching:intervision_invite", kwargs={"pk": intervision.pk})
    few = _queries(client, url)
    for _ in range(4):
        team = enrol(OrganisationFactory(), enrolment.cohort)
        for _ in range(3):
            MembershipFactory(organisation=team.organisation)
    services.intervision_invite(intervision=intervision, by=None, users=[roles["member"]])
    assert _queries(client, url) == few


@pytest.mark.parametrize("role", ["coach", "member"])
def test_the_people_of_another_cohort_do_not_find_its_intervisions(
    enrolment, roles, client_for, role
):
    """The coach and the member are of `enrolment`'s cohort, not of `other`."""
    other = make_cohort()
    enrol(OrganisationFactory(), other)
    intervision = make_intervision(other, invite=False)
    client = client_for(roles[role])
    listing = reverse("coaching:intervision_list", kwargs={"slug": other.slug})
    assert client.get(listing).status_code == 404
    page = reverse("coaching:intervision_detail", kwargs={"pk": intervision.pk})
    assert client.get(page).status_code == 404
