"""Permission-matrix rows of cohorts, selection, coach assignment and the methodology
(merged by test_permission_matrix). Cohorts, their selection and the methodology are the
agency's; the open calls are public; applying is for an organisation's admins."""

import datetime

from django.utils import timezone

from coaching.models import Application, Cohort, Phase, Step
from coaching.services import cohort_create, enrolment_create
from network.models import Topic
from tests.test_permission_matrix import (
    AGENCY_ACTION,
    AGENCY_ACTION_GET,
    AGENCY_PAGE,
    LOGGED_IN,
    LOGIN,
    NOT_ALLOWED,
    OK_REDIRECT,
    PUBLIC,
    ROLES,
    Row,
    _none,
)


def _cohort(status) -> Cohort:
    today = timezone.localdate()
    if status == Cohort.Status.CALL_OPEN:
        closes = today + datetime.timedelta(days=20)
    else:
        closes = today - datetime.timedelta(days=1)
    return cohort_create(
        name=f"Cohorte {status}",
        status=status,
        call_opens_on=closes - datetime.timedelta(days=30),
        call_closes_on=closes,
        starts_on=closes + datetime.timedelta(days=10),
        ends_on=closes + datetime.timedelta(days=370),
    )


def _open_slug(org, p):
    return {"slug": _cohort(Cohort.Status.CALL_OPEN).slug}


def _selecting(org, p) -> Application:
    cohort = _cohort(Cohort.Status.SELECTION)
    return Application.objects.create(
        cohort=cohort,
        organisation=org,
        submitted_by=p["org_admin"],
        motivation="Nous voulons un plan numérique réaliste, porté par toute l'équipe.",
    )


def _selecting_slug(org, p):
    return {"slug": _selecting(org, p).cohort.slug}


def _application_pk(org, p):
    return {"pk": _selecting(org, p).pk}


def _scores(org, p):
    pk = Application.objects.get().pk
    return {f"a{pk}-{c}": 3 for c in ("transformation", "feasibility", "human", "financial")}


def _decision(org, p):
    pk = Application.objects.get().pk
    return {f"d{pk}-status": "not_selected", f"d{pk}-reason": "Moyens insuffisants."}


def _enrolment_pk(org, p):
    return {"pk": enrolment_create(cohort=_cohort(Cohort.Status.RUNNING), organisation=org).pk}


def _assignment_pk(org, p):
    return {"pk": org.coach_assignments.get().pk}


def _phase_pk(org, p):
    return {"pk": Phase.objects.order_by("position").last().pk}


def _step_pk(org, p):
    return {"pk": Step.objects.order_by("phase__position", "position").last().pk}


def _apply(org, p):
    return {
        "organisation": org.pk,
        "motivation": "Nous voulons un plan numérique réaliste, porté par toute l'équipe.",
    }


# Applying: an organisation's admins only. Another organisation's admin choosing this one
# is shown the form again (not one of theirs); those who admin no organisation get 403.
APPLY_ACTION = {
    **dict.fromkeys(ROLES, 403),
    "anonymous": LOGIN,
    "org_admin": OK_REDIRECT,
    "other_org_member": 200,
}


def _agency_pair(name, kwargs, *, get=AGENCY_PAGE, post=NOT_ALLOWED, data=None):
    return {(name, "get"): Row(kwargs, get), (name, "post"): Row(kwargs, post, data)}


def _agency_action(name, kwargs, data=None):
    return _agency_pair(name, kwargs, get=AGENCY_ACTION_GET, post=AGENCY_ACTION, data=data)


def _agency_form(name, kwargs, data=None):
    """A form page: an empty form is shown again with its errors (200) to the agency; a
    valid one redirects."""
    return _agency_pair(name, kwargs, post=AGENCY_ACTION if data else AGENCY_PAGE, data=data)


MATRIX = {
    # The agency's cohorts.
    **_agency_pair("coaching:cohort_list", _none),
    **_agency_form(
        "coaching:cohort_create",
        _none,
        lambda org, p: {
            "name": "Cohorte 2028",
            "call_opens_on": "2027-09-01",
            "call_closes_on": "2027-10-15",
            "starts_on": "2028-01-10",
            "ends_on": "2028-12-20",
            "capacity": 15,
            "hours_per_enterprise": "40",
        },
    ),
    **_agency_pair("coaching:cohort_detail", _open_slug),
    **_agency_form("coaching:cohort_edit", _open_slug),
    **_agency_action("coaching:cohort_advance", _open_slug, lambda org, p: {"status": "selection"}),
    **_agency_action(
        "coaching:enrolment_coach_assign",
        _enrolment_pk,
        lambda org, p: {"coach": p["unassigned_coach"].pk},
    ),
    **_agency_action(
        "coaching:coach_areas",
        _assignment_pk,
        lambda org, p: {"areas": [Topic.objects.get(code="security").pk]},
    ),
    # The methodology.
    **_agency_pair("coaching:methodology", _none),
    **_agency_form(
        "coaching:phase_create",
        _none,
        lambda org, p: {"title_fr": "Essaimage", "title_en": "Spreading"},
    ),
    **_agency_form("coaching:phase_edit", _phase_pk),
    **_agency_action("coaching:phase_move", _phase_pk, lambda org, p: {"direction": "up"}),
    **_agency_pair("coaching:phase_delete_confirm", _phase_pk),
    **_agency_action("coaching:phase_delete", _phase_pk),
    **_agency_form(
        "coaching:step_create",
        _phase_pk,
        lambda org, p: {
            "title_fr": "Atelier",
            "title_en": "Workshop",
            "deliverable_fr": "Compte rendu",
            "deliverable_en": "Minutes",
        },
    ),
    **_agency_form("coaching:step_edit", _step_pk),
    **_agency_action("coaching:step_move", _step_pk, lambda org, p: {"direction": "up"}),
    **_agency_pair("coaching:step_delete_confirm", _step_pk),
    **_agency_action("coaching:step_delete", _step_pk),
    # Calls and applications.
    ("coaching:call_list", "get"): Row(_none, PUBLIC),
    ("coaching:call_list", "post"): Row(_none, NOT_ALLOWED),
    ("coaching:cohort_apply", "get"): Row(_open_slug, LOGGED_IN),
    ("coaching:cohort_apply", "post"): Row(_open_slug, APPLY_ACTION, _apply),
    # The selection.
    **_agency_pair("coaching:cohort_selection", _selecting_slug),
    **_agency_action("coaching:cohort_notify", _selecting_slug),
    **_agency_action("coaching:application_score", _application_pk, _scores),
    **_agency_action("coaching:application_decide", _application_pk, _decision),
}
