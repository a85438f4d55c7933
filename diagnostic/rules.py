"""Who may answer or see an assessment, a campaign, a result or a report; built on
network.rules.

- Its respondent (an account, or a visitor holding the assessment's secret in their session
  after starting it or opening a signed resume link) may answer it while it is a draft and see
  its results.
- An organisation's assessment answered outside a campaign is the organisation's: whoever may
  see the organisation may see its results.
- In a campaign, each respondent sees only their own answers; the organisation sees the
  aggregate (a Result), never who answered what. Whoever may see the organisation may see
  its campaigns; whoever may change it may invite and close.
- A report is visible to whoever may see the results it shows.
- A visitor's submitted results, attached to no account, may be claimed by the account that
  opens them (and attached to one of its organisations).
- Results kept by their owner for themselves may later be attached, by that owner only, to
  an organisation they belong to (the service checks the membership).
- A draft outside a campaign may be deleted by its respondent (a campaign's draft is the
  campaign's: its respondent is counted as taking part).

The `get_<kind>_for(request, …)` functions fetch an object for the request's user: 404 for
those who may not see it, 403 for those who may see but not change it.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from network.rules import can_view_organisation, check_organisation_access, get_organisation_for

from .models import Assessment, Campaign, Report, Result

SESSION_KEY = "diagnostic_visitor_keys"


class LoginRequired(Exception):
    """Anonymous, and the object is one that only an account may see: log in first."""


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
        return (
            assessment.is_submitted
            and assessment.organisation is not None
            and can_view_organisation(request.user, assessment.organisation)
        )
    return False


def is_unclaimed(assessment: Assessment) -> bool:
    """A visitor's diagnostic, attached to no account, organisation or campaign."""
    return not (assessment.respondent_id or assessment.organisation_id or assessment.campaign_id)


def can_claim(request, assessment: Assessment) -> bool:
    """A logged-in user who may see these submitted, unattached results may keep them."""
    return (
        request.user.is_authenticated
        and assessment.is_submitted
        and is_unclaimed(assessment)
        and can_view_assessment(request, assessment)
    )


def can_attach(request, assessment: Assessment) -> bool:
    """The owner of submitted results kept for themselves may attach them to an organisation."""
    user = request.user
    return (
        user.is_authenticated
        and assessment.respondent_id == user.pk
        and assessment.is_submitted
        and assessment.organisation_id is None
        and assessment.campaign_id is None
    )


def can_delete_draft(request, assessment: Assessment) -> bool:
    return (
        not assessment.is_submitted
        and assessment.campaign_id is None
        and is_respondent(request, assessment)
    )


def can_follow_to_organisation(request, assessment: Assessment) -> bool:
    """Whether a results page links to its organisation's pages (its history, a campaign's
    aggregate). A campaign's respondent may be an outsider: only those who may see the
    organisation (its members) get the links; an outside respondent sees their own answers
    only. An organisation's own diagnostic was started by one of its members (the start page
    requires it) or is seen by someone who may see the organisation, so it links without
    asking again; the linked pages ask the rules themselves (a member who left since gets 404
    there)."""
    if assessment.organisation is None:
        return False
    if assessment.campaign_id is None:
        return True
    return can_view_organisation(request.user, assessment.organisation)


def get_assessment_for(
    request, uuid, *, answer: bool = False, queryset: QuerySet[Assessment] | None = None
) -> Assessment:
    """404 for anyone who may not see the assessment (or may not answer it, with `answer`).

    Respondents only may answer; others who may see the results get 404 on answering pages
    too, since the answering pages of someone else's draft do not exist for them.
    `queryset` loads more with it (its answers)."""
    base = Assessment.objects.all() if queryset is None else queryset
    assessment = (
        base.select_related("questionnaire", "organisation", "campaign").filter(uuid=uuid).first()
    )
    if assessment is None:
        raise Http404
    allowed = (
        is_respondent(request, assessment) if answer else can_view_assessment(request, assessment)
    )
    if not allowed:
        raise Http404
    return assessment


def get_own_assessment_for(request, uuid) -> Assessment:
    """An assessment its respondent acts on (attaching their results): 404 for those who may
    not see it, 403 for those who may see it but did not answer it."""
    assessment = get_assessment_for(request, uuid)
    if not (request.user.is_authenticated and assessment.respondent_id == request.user.pk):
        raise PermissionDenied
    return assessment


def get_draft_for(request, uuid) -> Assessment | None:
    """A draft its respondent may delete; None when no diagnostic has this id any more (one
    already deleted: the view says so rather than answer 404 to a second click); 404 for a
    diagnostic the person did not start."""
    assessment = (
        Assessment.objects.select_related("questionnaire", "organisation", "campaign")
        .filter(uuid=uuid)
        .first()
    )
    if assessment is None:
        return None
    if not is_respondent(request, assessment):
        raise Http404
    return assessment


def get_campaign_for(request, slug: str, pk: int, *, manage: bool = False):
    """The campaign and the user's access to its organisation: 404 for those who may not see
    the organisation, 403 for those who may see but not change it (with `manage`)."""
    organisation, access = get_organisation_for(request, slug, manage=manage)
    campaign = (
        Campaign.objects.select_related("organisation", "questionnaire")
        .filter(pk=pk, organisation=organisation)
        .first()
    )
    if campaign is None:
        raise Http404
    return campaign, access


def get_result_for(request, slug: str, pk: int) -> Result:
    """An organisation's result, for whoever may see the organisation; 404 for others."""
    result = (
        Result.objects.select_related("organisation").filter(pk=pk, organisation__slug=slug).first()
    )
    if result is None:
        raise Http404
    check_organisation_access(request.user, result.organisation)
    return result


def report_needs_login(request, report: Report) -> bool:
    """Anonymous, and the report is one that only an account may see (an organisation's,
    or a diagnostic answered while logged in) and not held in this browser's session."""
    if request.user.is_authenticated:
        return False
    if report.result is not None:
        return True
    assessment = report.assessment
    if assessment is None:  # a report is of an assessment or of a result (a constraint)
        return True
    has_owner = assessment.respondent_id is not None or assessment.organisation_id is not None
    return has_owner and not is_respondent(request, assessment)


def can_view_report(request, report: Report) -> bool:
    if report.result is not None:
        return can_view_organisation(request.user, report.result.organisation)
    return report.assessment is not None and can_view_assessment(request, report.assessment)


def get_report_for(request, pk: int) -> Report:
    """The report, for whoever may see the results it shows. Raises LoginRequired for an
    anonymous visitor when only an account could see it, 404 for anyone else who may not."""
    report = (
        Report.objects.select_related(
            "assessment__organisation", "assessment__campaign", "result__organisation"
        )
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    if report_needs_login(request, report):
        raise LoginRequired
    if not can_view_report(request, report):
        raise Http404
    return report
