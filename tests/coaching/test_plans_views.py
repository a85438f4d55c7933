"""The plan's pages: creating it from a diagnostic, its overview and edits, milestones and
the methodology's steps, the board and the list, actions and their status changes."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import Action, ActionStatusChange, Milestone, Phase, Plan, Step
from diagnostic.services import assessment_start, assessment_submit
from tests.coaching.factories import make_action, make_plan
from tests.diagnostic.conftest import answer_everything
from tests.factories import CoachAssignmentFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def client_for(client_for, english):
    """The project's client_for, with pages and messages in English (as the assertions)."""

    def _client_for(user):
        client = client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return _client_for


def _result(organisation, respondent, rank=1):
    assessment = assessment_start(respondent=respondent, organisation=organisation)
    return assessment_submit(assessment=answer_everything(assessment, rank=rank)).result


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def _status_url(action):
    return reverse("coaching:action_status", kwargs={"pk": action.pk})


# --- Creating the plan ------------------------------------------------------------------


def test_the_coach_creates_the_plan_from_the_latest_diagnostic(
    client_for, roles, organisation, enrolment
):
    result = _result(organisation, roles["org_admin"])
    client = client_for(roles["coach"])
    url = reverse("coaching:plan_create", kwargs={"pk": enrolment.pk})
    page = client.get(url)
    assert page.status_code == 200
    proposals = page.context["form"].proposals
    assert len(proposals) == 3 and page.context["result"] == result
    first, second, third = (p.dimension_code for p in proposals)
    response = client.post(
        url,
        {
            "result": str(result.pk),
            "vision": "Des outils simples",
            "objectives": "Sécuriser\nGagner du temps",
            f"keep_{first}": "on",
            f"title_{first}": "Notre première action",
            f"title_{second}": "Pas celle-ci",  # not ticked
            f"keep_{third}": "on",
            f"title_{third}": proposals[2].title,
        },
    )
    plan = Plan.objects.get(enrolment=enrolment)
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert plan.baseline_result == result and plan.created_by == roles["coach"]
    assert plan.objective_list == ["Sécuriser", "Gagner du temps"]
    assert sorted(plan.actions.values_list("dimension_code", "title")) == sorted(
        [(first, "Notre première action"), (third, proposals[2].title)]
    )


def test_a_plan_may_start_without_a_diagnostic(client_for, roles, organisation, enrolment):
    _result(organisation, roles["org_admin"])
    client = client_for(roles["coach"])
    url = reverse("coaching:plan_create", kwargs={"pk": enrolment.pk})
    page = client.get(url, {"result": "none"})
    assert page.context["form"].proposals == []
    assert page.context["result"] is None
    response = client.post(url, {"result": "none", "vision": "", "objectives": ""})
    assert response.status_code == 302
    plan = Plan.objects.get(enrolment=enrolment)
    assert plan.baseline_result is None and not plan.actions.exists()


def test_an_enterprise_without_diagnostic_is_told_plainly(client_for, roles, enrolment, english):
    page = client_for(roles["coach"]).get(
        reverse("coaching:plan_create", kwargs={"pk": enrolment.pk})
    )
    assert "The enterprise has no diagnostic yet" in page.content.decode()


def test_a_kept_proposal_needs_a_title(client_for, roles, organisation, enrolment, english):
    result = _result(organisation, roles["org_admin"])
    url = reverse("coaching:plan_create", kwargs={"pk": enrolment.pk})
    client = client_for(roles["coach"])
    code = client.get(url).context["form"].proposals[0].dimension_code
    response = client.post(url, {"result": result.pk, f"keep_{code}": "on", f"title_{code}": " "})
    assert response.status_code == 200
    assert "Give the action a title, or untick it." in response.content.decode()
    assert not Plan.objects.exists()


@pytest.mark.parametrize("size", [1, 4])
def test_the_new_plan_page_costs_the_same_queries_with_1_or_4_diagnostics(
    client_for, roles, organisation, enrolment, size, django_assert_max_num_queries
):
    for rank in range(size):
        _result(organisation, roles["org_admin"], rank=rank)
    client = client_for(roles["coach"])
    url = reverse("coaching:plan_create", kwargs={"pk": enrolment.pk})
    with django_assert_max_num_queries(12):  # 9 measured, with 1 and with 4
        assert client.get(url).status_code == 200


def test_one_plan_per_enrolment_the_second_visit_goes_to_it(client_for, roles, plan):
    response = client_for(roles["coach"]).get(
        reverse("coaching:plan_create", kwargs={"pk": plan.enrolment_id})
    )
    assert response.status_code == 302 and response.url == plan.get_absolute_url()
    assert Plan.objects.count() == 1


@pytest.mark.parametrize("role", ["other_org_member", "unassigned_coach"])
def test_strangers_cannot_create_the_plan(client_for, roles, enrolment, role):
    url = reverse("coaching:plan_create", kwargs={"pk": enrolment.pk})
    assert client_for(roles[role]).post(url, {"result": "none"}).status_code == 404
    assert not Plan.objects.exists()


# --- The overview and its edits ----------------------------------------------------------


def test_the_overview_shows_progress_counts_overdue_and_change(
    client_for, roles, organisation, enrolment, english
):
    first = _result(organisation, roles["org_admin"], rank=1)
    plan = services.plan_create(enrolment=enrolment, created_by=None, baseline_result=first)
    late = make_action(plan, title="Late one", due_on=TODAY - DAY, progress=20)
    make_action(plan, title="Later", due_on=TODAY + DAY, progress=60)
    last = _result(organisation, roles["org_admin"], rank=3)
    page = client_for(roles["member"]).get(plan.get_absolute_url())
    overview = page.context["overview"]
    assert overview["overdue"] == [late]
    assert overview["first_result"] == first and overview["last_result"] == last
    changes = {row["code"]: row["change"] for row in overview["dimension_change"]}
    assert changes and all(change is not None for change in changes.values())
    html = page.content.decode()
    assert "Late one" in html and "overdue since" in html
    assert f"{overview['progress']} % done" in html
    assert page.context["can_edit"]  # members build the plan too


def test_the_vision_is_saved(client_for, roles, plan):
    response = client_for(roles["member"]).post(
        reverse("coaching:plan_edit", kwargs={"pk": plan.pk}),
        {"vision": "Nouvelle vision", "objectives": "Un\nDeux", "version": plan.version},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.vision, plan.version) == ("Nouvelle vision", 2)


def test_a_stale_plan_form_is_told_and_overwrites_nothing(client_for, roles, plan, english):
    services.plan_update(plan=plan, version=1, vision="Written by the coach")
    response = client_for(roles["member"]).post(
        reverse("coaching:plan_edit", kwargs={"pk": plan.pk}),
        {"vision": "Written by the member", "objectives": "", "version": 1},
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this plan meanwhile" in html
    assert "Written by the coach" in html and "Written by the member" in html
    plan.refresh_from_db()
    assert plan.vision == "Written by the coach"
    # The form now carries the current version: saving again knowingly works.
    assert response.context["form"]["version"].value() == plan.version


def test_milestones_are_added_and_reached(client_for, roles, plan):
    client = client_for(roles["coach"])
    client.post(
        reverse("coaching:milestone_create", kwargs={"pk": plan.pk}),
        {"title": "Site en ligne", "due_on": (TODAY + 10 * DAY).isoformat()},
    )
    milestone = Milestone.objects.get(plan=plan)
    url = reverse("coaching:milestone_reach", kwargs={"pk": plan.pk, "milestone_pk": milestone.pk})
    client.post(url, {"reached": "on"})
    milestone.refresh_from_db()
    assert milestone.reached_on == TODAY
    client.post(url, {})
    milestone.refresh_from_db()
    assert milestone.reached_on is None


def test_a_milestone_without_a_valid_date_is_refused(client_for, roles, plan, english):
    response = client_for(roles["coach"]).post(
        reverse("coaching:milestone_create", kwargs={"pk": plan.pk}),
        {"title": "Site", "due_on": "someday"},
        follow=True,
    )
    assert "The milestone was not added" in response.content.decode()
    assert not Milestone.objects.exists()


def test_another_plan_s_milestone_is_not_found(client_for, roles, plan, organisation):
    other = make_plan(MembershipFactory().organisation)
    milestone = services.milestone_create(plan=other, title="X", due_on=TODAY)
    url = reverse("coaching:milestone_reach", kwargs={"pk": plan.pk, "milestone_pk": milestone.pk})
    assert client_for(roles["coach"]).post(url, {"reached": "on"}).status_code == 404
    milestone.refresh_from_db()
    assert milestone.reached_on is None


def _step():
    """A methodology of one step (in place of the programme's, loaded by a migration)."""
    Phase.objects.all().delete()
    phase = Phase.objects.create(position=1, title_fr="Diagnostic", title_en="Diagnostic")
    return Step.objects.create(
        phase=phase,
        position=1,
        title_fr="Restitution",
        title_en="Debrief",
        deliverable_fr="Compte rendu",
        deliverable_en="Minutes",
    )


def test_a_step_is_done_with_its_deliverable_then_reopened(client_for, roles, plan, english):
    step = _step()
    client = client_for(roles["coach"])
    client.post(
        reverse("coaching:step_complete", kwargs={"pk": plan.pk, "step_pk": step.pk}),
        {"note": "Compte rendu du 3 mars"},
    )
    completion = plan.step_completions.get()
    assert (completion.note, completion.completed_by) == ("Compte rendu du 3 mars", roles["coach"])
    page = client.get(plan.get_absolute_url())
    assert "1 of 1 steps done" in page.content.decode()
    # Reopening asks first, naming the note that will be forgotten.
    kwargs = {"pk": plan.pk, "step_pk": step.pk}
    confirm = client.get(reverse("coaching:step_reopen_confirm", kwargs=kwargs))
    assert "the note on its deliverable is forgotten: “Compte rendu du 3 mars”" in (
        confirm.content.decode()
    )
    assert plan.step_completions.exists()
    client.post(reverse("coaching:step_reopen", kwargs=kwargs))
    assert not plan.step_completions.exists()
    response = client.get(reverse("coaching:step_reopen_confirm", kwargs=kwargs), follow=True)
    assert "“Debrief” is not done: nothing to reopen." in _messages(response)


def test_a_deliverable_note_too_long_is_refused(client_for, roles, plan, english):
    step = _step()
    response = client_for(roles["coach"]).post(
        reverse("coaching:step_complete", kwargs={"pk": plan.pk, "step_pk": step.pk}),
        {"note": "x" * 2001},
        follow=True,
    )
    assert "The deliverable's note is too long." in _messages(response)
    assert not plan.step_completions.exists()


@pytest.mark.parametrize("size", [1, 200])
def test_the_overview_costs_the_same_queries_with_1_or_200_actions(
    client_for, roles, organisation, enrolment, size, django_assert_max_num_queries
):
    first = _result(organisation, roles["org_admin"])
    plan = services.plan_create(enrolment=enrolment, created_by=None, baseline_result=first)
    _many_actions(plan, size, roles)
    services.milestone_create(plan=plan, title="M", due_on=TODAY)
    _step()
    client = client_for(roles["coach"])
    with django_assert_max_num_queries(16):  # 13 measured, with 1 and with 200
        assert client.get(plan.get_absolute_url()).status_code == 200


# --- Board and list ---------------------------------------------------------------------


def _many_actions(plan, size, roles):
    statuses = Action.Status.values
    owners = [roles["member"], roles["coach"]]
    services.actions_create_bulk(
        plan=plan,
        by=None,
        rows=[
            {
                "title": f"Action {n}",
                "status": statuses[n % len(statuses)],
                "owner": owners[n % 2],
                "dimension_code": "security",
                "due_on": TODAY + (n - size // 2) * DAY,
                "position": n,
            }
            for n in range(size)
        ],
    )


def test_the_board_has_a_column_per_status_and_marks_overdue_in_words(
    client_for, roles, plan, english
):
    make_action(plan, title="Late", due_on=TODAY - DAY, owner=roles["member"])
    done = make_action(plan, title="Finished", due_on=TODAY - DAY)
    services.action_set_status(action=done, status="done", by=None, version=1)
    page = client_for(roles["member"]).get(reverse("coaching:plan_board", kwargs={"pk": plan.pk}))
    columns = {c["status"]: [a.title for a in c["actions"]] for c in page.context["columns"]}
    assert list(columns) == Action.Status.values
    assert columns["todo"] == ["Late"] and columns["done"] == ["Finished"]
    html = page.content.decode()
    assert html.count("Overdue: was due") == 1  # a done action is not overdue
    assert f"Owner: {roles['member'].display_name}" in html
    assert 'data-hx-post="' + _status_url(plan.actions.get(title="Late")) in html


@pytest.mark.parametrize("size", [1, 200])
def test_board_and_list_cost_the_same_queries_with_1_or_200_actions(
    client_for, roles, plan, size, django_assert_max_num_queries
):
    _many_actions(plan, size, roles)
    client = client_for(roles["coach"])
    with django_assert_max_num_queries(7):  # 4 measured, with 1 and with 200
        assert client.get(reverse("coaching:plan_board", kwargs={"pk": plan.pk})).status_code == 200
    url = reverse("coaching:plan_actions", kwargs={"pk": plan.pk})
    with django_assert_max_num_queries(8):  # 5 measured, with 1 and with 200
        assert client.get(url, {"sort": "priority", "overdue": "on"}).status_code == 200


def test_the_list_filters_and_sorts(client_for, roles, plan):
    make_action(plan, title="High", priority="high", due_on=TODAY + 5 * DAY)
    make_action(plan, title="Low", priority="low", due_on=TODAY - DAY, owner=roles["member"])
    medium = make_action(plan, title="Medium", dimension_code="security", due_on=TODAY + DAY)
    services.action_set_status(action=medium, status="blocked", by=None, version=1)
    client = client_for(roles["coach"])
    url = reverse("coaching:plan_actions", kwargs={"pk": plan.pk})

    def titles(**query):
        return [a.title for a in client.get(url, query).context["actions"]]

    assert titles(sort="priority") == ["High", "Medium", "Low"]
    assert titles(sort="-priority") == ["Low", "Medium", "High"]
    assert titles(sort="due") == ["Low", "Medium", "High"]
    assert titles(status="blocked") == ["Medium"]
    assert titles(priority="high") == ["High"]
    assert titles(dimension="security") == ["Medium"]
    assert titles(owner=roles["member"].pk) == ["Low"]
    assert titles(overdue="on") == ["Low"]
    assert titles(due_before=(TODAY + 2 * DAY).isoformat(), sort="due") == ["Low", "Medium"]


def test_the_list_shows_at_most_its_limit_and_says_so(client_for, roles, plan, monkeypatch):
    from coaching import views

    monkeypatch.setattr(views, "LIST_LIMIT", 2)
    _many_actions(plan, 3, roles)
    response = client_for(roles["coach"]).get(
        reverse("coaching:plan_actions", kwargs={"pk": plan.pk})
    )
    assert len(response.context["actions"]) == 2
    assert "The first 2 are shown: narrow the filters to see the others." in (
        response.content.decode()
    )
    plan.actions.last().delete()  # exactly the limit: nothing left out, nothing said
    response = client_for(roles["coach"]).get(
        reverse("coaching:plan_actions", kwargs={"pk": plan.pk})
    )
    assert "The first 2 are shown" not in response.content.decode()


def test_a_move_from_the_list_goes_back_to_the_list(client_for, roles, action):
    response = client_for(roles["coach"]).post(
        _status_url(action), {"status": "in_progress", "version": 1, "back": "list"}
    )
    url = reverse("coaching:plan_actions", kwargs={"pk": action.plan_id})
    assert response.url == f"{url}#action-{action.pk}"


def test_an_invalid_filter_selects_nothing_and_says_so(client_for, roles, plan, english):
    make_action(plan, title="Visible")
    url = reverse("coaching:plan_actions", kwargs={"pk": plan.pk})
    response = client_for(roles["coach"]).get(url, {"status": "someday"})
    assert response.context["actions"] == []
    html = response.content.decode()
    assert "Choose a status from the list." in html
    # The field is marked invalid and described by its message (screen readers say both).
    field = re.search(r'<select name="status"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field and 'aria-describedby="id_status-error"' in field
    assert 'id="id_status-error"' in html


# --- Actions ----------------------------------------------------------------------------


def test_an_action_is_added_with_an_owner_of_the_enterprise(client_for, roles, plan):
    response = client_for(roles["coach"]).post(
        reverse("coaching:action_create", kwargs={"pk": plan.pk}),
        {
            "title": "Former l'équipe",
            "priority": "high",
            "owner": roles["member"].pk,
            "starts_on": TODAY.isoformat(),
            "due_on": (TODAY + 30 * DAY).isoformat(),
            "estimated_budget": "800.00",
            "progress": "0",
            "dimension_code": "",
        },
    )
    action = plan.actions.get()
    assert response.status_code == 302 and response.url == action.get_absolute_url()
    assert (action.owner, action.priority) == (roles["member"], "high")
    assert action.status_changes.get().changed_by == roles["coach"]


@pytest.mark.parametrize("size", [1, 6])
def test_the_action_forms_cost_the_same_queries_with_1_or_6_people(
    client_for, roles, action, size, django_assert_max_num_queries
):
    for _ in range(size):
        MembershipFactory(organisation=action.plan.organisation)
        CoachAssignmentFactory(organisation=action.plan.organisation)
    client = client_for(roles["coach"])
    with django_assert_max_num_queries(7):  # 4 measured, with 1 and with 6
        assert (
            client.get(reverse("coaching:action_edit", kwargs={"pk": action.pk})).status_code == 200
        )
    with django_assert_max_num_queries(7):  # 4 measured, with 1 and with 6
        url = reverse("coaching:action_create", kwargs={"pk": action.plan_id})
        assert client.get(url).status_code == 200


def _action_data(**fields):
    return {"title": "Site", "priority": "medium", "progress": "0", **fields}


def test_a_due_date_before_the_start_is_refused_on_the_form(client_for, roles, plan, english):
    response = client_for(roles["coach"]).post(
        reverse("coaching:action_create", kwargs={"pk": plan.pk}),
        _action_data(starts_on="2026-05-01", due_on="2026-04-01"),
    )
    assert response.status_code == 200
    assert "The due date cannot be before the start date." in response.content.decode()
    assert not plan.actions.exists()


def test_an_owner_outside_the_enterprise_is_refused_on_the_form(client_for, roles, plan, english):
    outsider = UserFactory()
    response = client_for(roles["coach"]).post(
        reverse("coaching:action_create", kwargs={"pk": plan.pk}),
        _action_data(owner=outsider.pk),
    )
    assert "The owner is a member of the enterprise or one of its coaches." in (
        response.content.decode()
    )
    assert not plan.actions.exists()


def test_an_action_is_edited_and_a_stale_edit_is_refused(client_for, roles, action, english):
    client = client_for(roles["coach"])
    url = reverse("coaching:action_edit", kwargs={"pk": action.pk})
    assert client.post(url, _action_data(title="First", version=1)).status_code == 302
    response = client.post(url, _action_data(title="Second", version=1))
    assert response.status_code == 409
    assert "Someone else changed this action meanwhile" in response.content.decode()
    action.refresh_from_db()
    assert action.title == "First"


def test_an_edit_with_the_due_date_before_the_start_changes_nothing(
    client_for, roles, action, english
):
    response = client_for(roles["coach"]).post(
        reverse("coaching:action_edit", kwargs={"pk": action.pk}),
        _action_data(starts_on="2026-05-01", due_on="2026-04-01", version=1),
    )
    assert "The due date cannot be before the start date." in response.content.decode()
    action.refresh_from_db()
    assert (action.starts_on, action.due_on, action.version) == (None, None, 1)


def test_the_action_page_shows_its_timeline_in_order(client_for, roles, action, english):
    services.action_set_status(
        action=action, status="in_progress", by=roles["coach"], version=1, comment="Go"
    )
    services.action_set_status(
        action=action, status="blocked", by=roles["member"], version=2, comment="No budget"
    )
    page = client_for(roles["member"]).get(action.get_absolute_url())
    html = page.content.decode()
    timeline = html[html.index('class="timeline') :]
    created = timeline.index("Created as “To do”")
    started = timeline.index("From “To do” to “In progress”")
    blocked = timeline.index("From “In progress” to “Blocked”")
    assert created < started < blocked
    assert "No budget" in timeline and roles["member"].display_name in timeline


@pytest.mark.parametrize("size", [1, 200])
def test_the_action_page_costs_the_same_queries_with_a_long_history(
    client_for, roles, action, size, django_assert_max_num_queries
):
    statuses = ["in_progress", "blocked"]
    for n in range(size):
        services.action_set_status(
            action=action, status=statuses[n % 2], by=roles["coach"], version=action.version
        )
    client = client_for(roles["coach"])
    with django_assert_max_num_queries(7):  # 4 measured
        assert client.get(action.get_absolute_url()).status_code == 200


# --- Moving an action ---------------------------------------------------------------------


def test_a_move_without_javascript_is_kept_and_told(client_for, roles, action, english):
    response = client_for(roles["member"]).post(
        _status_url(action),
        {"status": "in_progress", "version": 1, "comment": "On commence", "back": "board"},
        follow=True,
    )
    board = reverse("coaching:plan_board", kwargs={"pk": action.plan_id})
    assert response.redirect_chain[-1][0] == f"{board}#action-{action.pk}"
    assert f"“{action.title}” moved from “To do” to “In progress”." in _messages(response)
    change = action.status_changes.last()
    assert (change.to_status, change.comment, change.changed_by) == (
        "in_progress",
        "On commence",
        roles["member"],
    )


def test_a_move_with_htmx_swaps_the_board_and_announces_it(client_for, roles, action, english):
    response = client_for(roles["coach"]).post(
        _status_url(action), {"status": "done", "version": 1}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.startswith('<div id="board"') and f'data-moved="{action.pk}"' in html
    announcement = re.search(r'id="board-status" data-hx-swap-oob="innerHTML">(.*?)</div>', html)
    assert f"“{action.title}” moved from “To do” to “Done”." in announcement.group(1)
    action.refresh_from_db()
    assert (action.status, action.progress) == ("done", 100)


def test_a_status_change_costs_at_most_8_queries(
    client_for, roles, action, django_assert_max_num_queries
):
    client = client_for(roles["coach"])
    with django_assert_max_num_queries(8):  # 5 measured (7 with htmx, the board included)
        response = client.post(_status_url(action), {"status": "blocked", "version": 1})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == "blocked"


def test_a_stale_card_of_a_dropped_action_changes_nothing_with_htmx(
    client_for, roles, action, english
):
    # The coach drops it; the member's board still shows it "to do", at version 1.
    services.action_set_status(action=action, status="dropped", by=roles["coach"], version=1)
    response = client_for(roles["member"]).post(
        _status_url(action), {"status": "in_progress", "version": 1}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this action meanwhile (it is now “Dropped”)" in html
    # The board comes back as it is now: the card in the dropped column, at its new version.
    dropped = next(c for c in response.context["columns"] if c["status"] == "dropped")
    assert [a.pk for a in dropped["actions"]] == [action.pk]
    action.refresh_from_db()
    assert action.status == "dropped"
    assert action.status_changes.count() == 2


def test_a_stale_form_without_javascript_is_told_and_changes_nothing(
    client_for, roles, action, english
):
    services.action_set_status(action=action, status="dropped", by=roles["coach"], version=1)
    response = client_for(roles["member"]).post(
        _status_url(action), {"status": "done", "version": 1, "back": "detail"}, follow=True
    )
    assert response.redirect_chain[-1][0] == action.get_absolute_url()
    assert any("Someone else changed this action meanwhile" in m for m in _messages(response))
    action.refresh_from_db()
    assert (action.status, action.progress) == ("dropped", 0)


def test_an_unknown_status_is_refused(client_for, roles, action, english):
    client = client_for(roles["coach"])
    response = client.post(
        _status_url(action), {"status": "someday", "version": 1}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert "Choose a status from the list." in response.content.decode()
    response = client.post(_status_url(action), {"status": "someday", "version": 1}, follow=True)
    assert "Choose a status from the list." in _messages(response)
    action.refresh_from_db()
    assert action.status == "todo" and action.status_changes.count() == 1


def test_a_card_without_its_version_is_refused(client_for, roles, action, english):
    response = client_for(roles["coach"]).post(
        _status_url(action), {"status": "done"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400
    assert "The form is incomplete: reload the page and try again." in response.content.decode()
    action.refresh_from_db()
    assert action.status == "todo"


def test_moving_to_the_same_status_is_told(client_for, roles, action, english):
    response = client_for(roles["coach"]).post(
        _status_url(action), {"status": "todo", "version": 1}, follow=True
    )
    assert "This action is already “To do”." in _messages(response)
    action.refresh_from_db()
    assert action.version == 1 and action.status_changes.count() == 1


@pytest.mark.parametrize("role", ["other_org_member", "unassigned_coach"])
def test_strangers_cannot_move_an_action(client_for, roles, action, role):
    response = client_for(roles[role]).post(_status_url(action), {"status": "done", "version": 1})
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == "todo"


def test_a_member_of_another_organisation_cannot_edit_the_plan(client_for, roles, plan):
    client = client_for(roles["other_org_member"])
    response = client.post(
        reverse("coaching:plan_edit", kwargs={"pk": plan.pk}),
        {"vision": "Hijacked", "objectives": "", "version": 1},
    )
    assert response.status_code == 404
    plan.refresh_from_db()
    assert plan.vision == ""


def test_a_coach_of_another_enterprise_cannot_add_actions(client_for, roles, plan):
    coach = CoachAssignmentFactory().coach  # assigned, elsewhere
    response = client_for(coach).post(
        reverse("coaching:action_create", kwargs={"pk": plan.pk}), _action_data()
    )
    assert response.status_code == 404
    assert not ActionStatusChange.objects.exists()


@pytest.mark.parametrize("size", [1, 200])
def test_a_move_with_htmx_costs_the_same_queries_with_1_or_200_actions(
    client_for, roles, plan, size, django_assert_max_num_queries
):
    _many_actions(plan, size, roles)
    action = plan.actions.filter(status="todo").first()
    client = client_for(roles["coach"])
    with django_assert_max_num_queries(8) as captured:  # 7 measured
        response = client.post(
            _status_url(action),
            {"status": "blocked", "version": action.version},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 200, [q["sql"][:80] for q in captured.captured_queries]
