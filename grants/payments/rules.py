"""Who reaches the final report, its expenses and their files, on grants.rules.

The report and its files are the organisation's affairs with the agency: those who may see
the organisation (its members, its coaches, agency staff) read them on the application's
page and download the files; its members write the report on its own page; agency staff
check it and pay. A reviewer sees the application they review, not its
report (403); anyone else gets 404."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ..models import Expense
from ..rules import ApplicationAccess, get_application_for

__all__ = ["get_application_for", "get_expense_for", "get_report_application_for"]


def _check(access: ApplicationAccess, allowed: bool) -> None:
    if not access.can_view:
        raise Http404
    if not (access.organisation.can_view and allowed):
        raise PermissionDenied


def get_report_application_for(request, pk: int, *, applicant: bool = False):
    """The application whose final report is asked for, and the user's access: 404 for
    strangers, 403 for reviewers and, when `applicant`, for those who may not write it."""
    application, access = get_application_for(request, pk)
    _check(access, not applicant or access.is_member)
    return application, access


def get_expense_for(
    request, pk: int, *, applicant: bool = False, manage: bool = False
) -> tuple[Expense, ApplicationAccess]:
    """An expense and the user's access to its application: 404 for strangers, 403 for
    reviewers and for those who may see it but not do what is asked (`applicant`: its
    organisation's members; `manage`: agency staff)."""
    expense = (
        Expense.objects.select_related(
            "report__application__call",
            "report__application__organisation",
            "report__application__plan",
        )
        .filter(pk=pk)
        .first()
    )
    if expense is None:
        raise Http404
    access = ApplicationAccess(request.user, expense.report.application)
    allowed = (not applicant or access.is_member) and (not manage or access.can_manage)
    _check(access, allowed)
    return expense, access
