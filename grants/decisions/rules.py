"""Who may read a decision letter: whoever may see the application through its
organisation (its members, its coaches, agency staff). A reviewer sees the application
they review, not the letter that decided it: 403."""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ..models import DecisionLetter
from ..rules import ApplicationAccess


def get_letter_for(request, pk: int, *, manage: bool = False):
    """The letter and the reader's access to its application: 404 for strangers, 403 for
    those who see the application but not its letter (reviewers), or who may not
    `manage` it (only agency staff render one again)."""
    letter = (
        DecisionLetter.objects.select_related(
            "application__call", "application__organisation", "application__plan"
        )
        .filter(pk=pk)
        .first()
    )
    if letter is None:
        raise Http404
    access = ApplicationAccess(request.user, letter.application)
    if not access.can_view:
        raise Http404
    if not access.organisation.can_view or (manage and not access.can_manage):
        raise PermissionDenied
    return letter, access
