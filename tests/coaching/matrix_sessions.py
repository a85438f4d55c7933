"""Permission-matrix rows of the enterprise's coaching page, its sessions and the cohort's
intervisions (merged by test_permission_matrix).

The `roles` organisation is enrolled in a cohort; its assigned coach is therefore one of
the cohort's coaches, its members the cohort's participants. Sessions are the
organisation's (seen by whoever may see it, logged by its coaches and the agency);
intervisions are the cohort's (seen by its people, organised by its coaches and the
agency; questions are asked by its participants only)."""

import datetime

from django.utils import timezone

from coaching.models import IntervisionInvitation
from coaching.sessions import services
from tests.coaching.factories import enrol, make_cohort
from tests.test_permission_matrix import NOT_ALLOWED_LOGGED_IN, OK_REDIRECT, ORG_VIEW, Row

# Seen by the organisation's (or the cohort's) people; changed by coaches and the agency.
VIEW = ORG_VIEW
ORGANISE_PAGE = {**ORG_VIEW, "member": 403, "org_admin": 403}
ORGANISE_ACTION = {
    **ORGANISE_PAGE,
    "coach": OK_REDIRECT,
    "agency": OK_REDIRECT,
    "superuser": OK_REDIRECT,
}
# Questions: the cohort's participants ask them; coaches and the agency see, not ask.
PARTICIPANT_ACTION = {
    **ORG_VIEW,
    "member": OK_REDIRECT,
    "org_admin": OK_REDIRECT,
    "coach": 403,
    "agency": 403,
    "superuser": 403,
}


def _enrolment(org):
    return org.enrolments.first() or enrol(org, make_cohort())


def _when(days: int, hour: int = 10) -> datetime.datetime:
    return timezone.localtime().replace(hour=hour, minute=0, second=0, microsecond=0) + (
        datetime.timedelta(days=days)
    )


def _session(org, p):
    return services.session_create(
        enrolment=_enrolment(org),
        coach=p["coach"],
        starts_at=_when(-2),
        duration_minutes=60,
        topics="Outils",
        shared_notes="Partagé",
        private_notes="Privé",
        next_steps="Choisir un outil",
    )


def _intervision(org, p, days):
    enrolment = _enrolment(org)
    intervision = services.intervision_create(
        cohort=enrolment.cohort, organised_by=p["coach"], title="Intervision", starts_at=_when(5)
    )
    services.intervision_invite(intervision=intervision, by=p["coach"])
    if days < 0:  # an intervision that took place: its date moved to the past
        type(intervision).objects.filter(pk=intervision.pk).update(starts_at=_when(days))
    return intervision


def _enrolment_kwargs(org, p):
    return {"pk": _enrolment(org).pk}


def _session_kwargs(org, p):
    return {"pk": _session(org, p).pk}


def _step_kwargs(org, p):
    from coaching.services import plan_create

    session = _session(org, p)
    plan_create(enrolment=session.enrolment, created_by=None)
    return {"pk": session.pk, "index": 0}


def _cohort_kwargs(org, p):
    return {"slug": _enrolment(org).cohort.slug}


def _coming_kwargs(org, p):
    return {"pk": _intervision(org, p, 5).pk}


def _past_kwargs(org, p):
    return {"pk": _intervision(org, p, -1).pk}


def _question_kwargs(org, p):
    intervision = _intervision(org, p, 5)
    question = services.question_ask(intervision=intervision, asked_by=p["member"], text="Q ?")
    return {"pk": question.pk}


def _session_data(org, p):
    return {
        "coach": p["coach"].pk,
        "starts_at": _when(-1).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "45",
        "topics": "Sauvegardes",
    }


def _intervision_data(org, p):
    return {
        "title": "Intervision",
        "starts_at": _when(7).strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "120",
    }


def _attendance_data(org, p):
    return {
        f"attendance-{invitation.pk}": "present"
        for invitation in IntervisionInvitation.objects.all()
    }


MATRIX = {
    ("coaching:enrolment_detail", "get"): Row(_enrolment_kwargs, VIEW),
    ("coaching:enrolment_detail", "post"): Row(_enrolment_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:session_create", "get"): Row(_enrolment_kwargs, ORGANISE_PAGE),
    ("coaching:session_create", "post"): Row(_enrolment_kwargs, ORGANISE_ACTION, _session_data),
    ("coaching:session_detail", "get"): Row(_session_kwargs, VIEW),
    ("coaching:session_detail", "post"): Row(_session_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:session_edit", "get"): Row(_session_kwargs, ORGANISE_PAGE),
    ("coaching:session_edit", "post"): Row(_session_kwargs, ORGANISE_ACTION, _session_data),
    ("coaching:session_step_action", "get"): Row(_step_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:session_step_action", "post"): Row(_step_kwargs, ORGANISE_ACTION),
    ("coaching:intervision_list", "get"): Row(_cohort_kwargs, VIEW),
    ("coaching:intervision_list", "post"): Row(_cohort_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:intervision_create", "get"): Row(_cohort_kwargs, ORGANISE_PAGE),
    ("coaching:intervision_create", "post"): Row(
        _cohort_kwargs, ORGANISE_ACTION, _intervision_data
    ),
    ("coaching:intervision_detail", "get"): Row(_coming_kwargs, VIEW),
    ("coaching:intervision_detail", "post"): Row(_coming_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:intervision_edit", "get"): Row(_coming_kwargs, ORGANISE_PAGE),
    ("coaching:intervision_edit", "post"): Row(_coming_kwargs, ORGANISE_ACTION, _intervision_data),
    ("coaching:intervision_invite", "get"): Row(_coming_kwargs, ORGANISE_PAGE),
    ("coaching:intervision_invite", "post"): Row(
        _coming_kwargs, ORGANISE_ACTION, lambda org, p: {"who": "everyone"}
    ),
    ("coaching:intervision_attendance", "get"): Row(_past_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:intervision_attendance", "post"): Row(
        _past_kwargs, ORGANISE_ACTION, _attendance_data
    ),
    ("coaching:intervision_summary", "get"): Row(_past_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:intervision_summary", "post"): Row(
        _past_kwargs, ORGANISE_ACTION, lambda org, p: {"summary": "Ce que nous avons appris."}
    ),
    ("coaching:question_create", "get"): Row(_coming_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:question_create", "post"): Row(
        _coming_kwargs, PARTICIPANT_ACTION, lambda org, p: {"text": "Comment commencer ?"}
    ),
    ("coaching:question_take_up", "get"): Row(_question_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:question_take_up", "post"): Row(
        _question_kwargs, ORGANISE_ACTION, lambda org, p: {"taken_up": "on"}
    ),
}
