"""Who may answer or see an assessment; built on network.rules.

- Its respondent (an account, or a visitor holding the assessment's secret in their session
  after starting it or opening a signed resume link) may answer it while it is a draft and see
  its results.
- An organisation's assessment answered outside a campaign is the organisation's: whoever may
  see the organisation may see its results.
- In a campaign, each respondent sees only their own answers; the organisation sees the
  aggregate (a Result), never who answered what.
"""

from django.http import Http404

from network.rules import can_view_organisation

from .models import Assessment

SESSION_KEY = "diagnostic_visitor_keys"


def remember_visitor_key(request, assessment: Assessment) -> None:
    if not assessment.visitor_key:
        return
    keys = request.session.get(SESSION_KEY, [])
    if assessment.visitor_key not in keys:
        request.session[SESSION_KEY] = [*keys[-19:], assessment.visitor_key]


def visitor_keys(request) -> list[str]:
    return request.session.get(SESSION_KEY, [])


def is_respondent(request, assessment: Assessment) -> bool:
    user = request.user
    if user.is_authenticated and assessment.respondent_id == user.pk:
        return True
    return bool(assessment.visitor_key) and assessment.visitor_key in visitor_keys(request)


def can_view_assessment(request, assessment: Assessment) -> bool:
    if is_respondent(request, assessment):
        return True
    if assessment.campaign_id is None and assessment.organisation_id:
        return assessment.is_submitted and can_view_organisation(
            request.user, assessment.organisation
        )
    return False


def get_assessment_for(request, uuid, *, answer: bool = False, queryset=None) -> Assessment:
    """404 for anyone who may not see the assessment (or may not answer it, with `answer`).

    Respondents only may answer; others who may see the results get 404 on answering pages
    too, since the answering pages of someone else's draft do not exist for them.
    `queryset` loads more with it (its answers)."""
    assessment = (
        (Assessment.objects if queryset is None else queryset)
        .select_related("questionnaire", "organisation", "campaign")
        .filter(uuid=uuid)
        .first()
    )
    if assessment is None:
        raise Http404
    allowed = (
        is_respondent(request, assessment) if answer else can_view_assessment(request, assessment)
    )
    if not allowed:
        raise Http404
    return assessment
