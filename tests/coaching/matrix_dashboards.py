"""Permission-matrix rows of the coaching dashboards and the programme's evaluation
(merged by test_permission_matrix). The organisation is enrolled in a running cohort: its
members are the cohort's participants, its coach is one of the cohort's coaches."""

from coaching.models import EvaluationTheme
from tests.coaching.factories import enrol, make_cohort
from tests.test_permission_matrix import (
    AGENCY_ACTION,
    AGENCY_ACTION_GET,
    AGENCY_PAGE,
    LOGIN,
    NOT_ALLOWED_LOGGED_IN,
    OK_REDIRECT,
    ROLES,
    Row,
    _none,
)


def _theme():
    theme, _created = EvaluationTheme.objects.get_or_create(
        code="matrix", defaults={"position": 99, "title_fr": "Thème", "title_en": "Theme"}
    )
    return theme


def _cohort(org, p):
    _theme()  # one theme asked at least, whether or not the themes' migration ran
    return {"slug": enrol(org, make_cohort()).cohort.slug}


def _answers(org, p):
    answers = {"phase": ""}
    for theme in EvaluationTheme.objects.filter(is_active=True):
        answers[f"verdict_{theme.pk}"] = "keep"
    return answers


def _theme_kwargs(org, p):
    return {"pk": _theme().pk}


COACHES_ONLY = {
    **dict.fromkeys(ROLES, 403),
    "anonymous": LOGIN,
    "coach": 200,
    "unassigned_coach": 200,
}
# The cohort's agency and coaches; its participants may see the cohort but not this.
COHORT_ORGANISERS = {
    "anonymous": LOGIN,
    "member": 403,
    "org_admin": 403,
    "other_org_member": 404,
    "coach": 200,
    "unassigned_coach": 404,
    "agency": 200,
    "agency_without_mfa": 404,
    "superuser": 200,
}
# The cohort's participants; its coaches and the agency read the results instead.
PARTICIPANTS = {
    **COHORT_ORGANISERS,
    "member": 200,
    "org_admin": 200,
    "coach": 403,
    "agency": 403,
    "superuser": 403,
}

MATRIX = {
    ("coaching:coach_dashboard", "get"): Row(_none, COACHES_ONLY),
    ("coaching:coach_dashboard", "post"): Row(_none, NOT_ALLOWED_LOGGED_IN),
    ("coaching:cohort_dashboard", "get"): Row(_cohort, COHORT_ORGANISERS),
    ("coaching:cohort_dashboard", "post"): Row(_cohort, NOT_ALLOWED_LOGGED_IN),
    ("coaching:evaluation_form", "get"): Row(_cohort, PARTICIPANTS),
    # A verdict on every theme asked: saved, and the participant sent to their dashboard.
    ("coaching:evaluation_form", "post"): Row(
        _cohort,
        {**PARTICIPANTS, "member": OK_REDIRECT, "org_admin": OK_REDIRECT},
        _answers,
    ),
    ("coaching:evaluation_results", "get"): Row(_cohort, COHORT_ORGANISERS),
    ("coaching:evaluation_results", "post"): Row(_cohort, NOT_ALLOWED_LOGGED_IN),
    ("coaching:evaluation_themes", "get"): Row(_none, AGENCY_PAGE),
    ("coaching:evaluation_themes", "post"): Row(
        _none, AGENCY_ACTION, lambda org, p: {"new-title_fr": "Les outils", "new-title_en": "Tools"}
    ),
    ("coaching:evaluation_theme_edit", "get"): Row(_theme_kwargs, AGENCY_PAGE),
    ("coaching:evaluation_theme_edit", "post"): Row(
        _theme_kwargs,
        AGENCY_ACTION,
        lambda org, p: {"title_fr": "Thème", "title_en": "Theme", "is_active": "on"},
    ),
    ("coaching:cohort_close_confirm", "get"): Row(_cohort, AGENCY_PAGE),
    ("coaching:cohort_close_confirm", "post"): Row(_cohort, AGENCY_ACTION_GET),
    ("coaching:cohort_close", "get"): Row(_cohort, AGENCY_ACTION_GET),
    ("coaching:cohort_close", "post"): Row(_cohort, AGENCY_ACTION),
}
