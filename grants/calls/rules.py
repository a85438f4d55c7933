"""Who may do what with a call: the public reads published calls; agency staff run them
(and see drafts); members of an organisation apply while a call is open."""

from django.http import Http404

from digitalees.roles import is_agency_staff

from ..models import Call
from ..rules import organisations_to_apply_for


def can_see(user, call: Call) -> bool:
    """A published call is public; a draft exists only for agency staff."""
    return call.is_published or is_agency_staff(user)


def check_can_see(user, call: Call | None) -> Call:
    if call is None or not can_see(user, call):
        raise Http404
    return call


def may_apply_somewhere(user) -> bool:
    """Whether `user` applies for some organisation (one query): the "Apply" buttons show
    for them on open calls; grants:application_start decides for each call."""
    return organisations_to_apply_for(user).exists()


def may_apply(user, call: Call, *, applies_somewhere: bool) -> bool:
    return applies_somewhere and call.is_open()
