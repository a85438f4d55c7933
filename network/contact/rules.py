"""Who may read and answer a contact thread.

A thread is the correspondence of two parties: the member who wrote it (not their
colleagues) and the members of the organisation written to. Nobody else sees it, agency
staff included: the platform relays the messages, it does not read them (abuse is held back
by the sending limits, and a recipient may forward what they received). Others get 404.
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from digitalees.models import User

from ..models import ContactThread, Membership


@dataclass
class ThreadAccess:
    user: User | AnonymousUser
    thread: ContactThread

    @property
    def is_sender(self) -> bool:
        return self.user.is_authenticated and self.thread.sender_id == self.user.pk

    @cached_property
    def is_recipient(self) -> bool:
        """A member of the organisation written to (the sender's side comes first: one
        person on both sides writes as the sender)."""
        if not self.user.is_authenticated or self.is_sender:
            return False
        return Membership.objects.filter(
            user=self.user, organisation_id=self.thread.to_organisation_id
        ).exists()

    @property
    def can_view(self) -> bool:
        return self.is_sender or self.is_recipient

    @property
    def can_reply(self) -> bool:
        return self.can_view

    @property
    def sees_addresses(self) -> bool:
        """Once the organisation written to answered, each side sees the other's address."""
        return self.can_view and self.thread.replied_at is not None


def get_thread_for(request, pk: int) -> tuple[ContactThread, ThreadAccess]:
    thread = (
        ContactThread.objects.select_related(
            "sender", "from_organisation", "to_organisation", "replied_by"
        )
        .filter(pk=pk)
        .first()
    )
    if thread is None:
        raise Http404
    access = ThreadAccess(request.user, thread)
    if not access.can_view:
        raise Http404
    return thread, access
