"""Permission-matrix rows of the contact relay (merged by test_permission_matrix).

Writing: members of an organisation write to another public one (here a public organisation
of their own, for the organisation's people; the member of another organisation writes for
theirs); people of no organisation get a 403 page saying why. A conversation is its sender's
and the written-to organisation's members' (here the organisation's admin and member), and
nobody else's: agency staff included, others get 404."""

from network.contact import services
from network.models import Organisation
from tests.factories import MembershipFactory, OrganisationFactory
from tests.test_permission_matrix import (
    LOGGED_IN,
    LOGIN,
    NOT_ALLOWED_LOGGED_IN,
    OK_REDIRECT,
    ROLES,
    Row,
)


def _target_kwargs(org, p):
    target = OrganisationFactory(slug="matrix-target", is_public=True, accepts_contact=True)
    return {"slug": target.slug}


def _message_data(org, p):
    return {"from_organisation": org.pk, "subject": "Bonjour", "body": "Un échange ?"}


def _thread_kwargs(org, p):
    """A conversation written to the roles' organisation by someone of another one."""
    org.is_public = True
    org.save(update_fields=["is_public"])
    sender = MembershipFactory(role="admin").user
    thread = services.contact_thread_create(
        sender=sender,
        from_organisation=Organisation.objects.get(memberships__user=sender),
        to_organisation=org,
        subject="Une question",
        body="Bonjour !",
    )
    return {"pk": thread.pk}


NO_ORGANISATION = {**dict.fromkeys(ROLES, 403), "anonymous": LOGIN}
WRITE_PAGE = {**NO_ORGANISATION, "member": 200, "org_admin": 200, "other_org_member": 200}
# The member of another organisation names the roles' organisation, which is not theirs:
# the form is shown again with its error.
WRITE_ACTION = {
    **NO_ORGANISATION,
    "member": OK_REDIRECT,
    "org_admin": OK_REDIRECT,
    "other_org_member": 200,
}
THREAD_PAGE = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "member": 200, "org_admin": 200}
THREAD_ACTION = {**THREAD_PAGE, "member": OK_REDIRECT, "org_admin": OK_REDIRECT}

MATRIX = {
    ("network:contact_create", "get"): Row(_target_kwargs, WRITE_PAGE),
    ("network:contact_create", "post"): Row(_target_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:contact_create_send", "get"): Row(_target_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:contact_create_send", "post"): Row(_target_kwargs, WRITE_ACTION, _message_data),
    ("network:contact_threads", "get"): Row(lambda org, p: {}, LOGGED_IN),
    ("network:contact_threads", "post"): Row(lambda org, p: {}, NOT_ALLOWED_LOGGED_IN),
    ("network:contact_thread", "get"): Row(_thread_kwargs, THREAD_PAGE),
    ("network:contact_thread", "post"): Row(_thread_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:contact_reply", "get"): Row(_thread_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:contact_reply", "post"): Row(
        _thread_kwargs, THREAD_ACTION, lambda org, p: {"body": "Avec plaisir."}
    ),
}
