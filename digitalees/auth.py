"""The project's authentication backend."""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery

from .db import IdList
from .roles import ROLE_GROUPS, remember_role_groups


class AuthenticationBackend(AllauthBackend):
    """allauth's (login by e-mail), reading the account's role groups in the same query as
    the account itself: the navigation of every page asks for them, which cost every
    logged-in request a query of its own."""

    def get_user(self, user_id):
        User = get_user_model()
        names = (
            User.groups.through.objects.filter(user_id=OuterRef("pk"), group__name__in=ROLE_GROUPS)
            .order_by()
            .values("user_id")
            .annotate(names=IdList("group__name"))
            .values("names")
        )
        # Whether the account belongs to an organisation: the account menu links grant
        # applications for them (by the relation's name; digitalees imports no app).
        in_organisation = User._default_manager.filter(pk=OuterRef("pk"), memberships__isnull=False)
        user = (
            User._default_manager.filter(pk=user_id)
            .annotate(role_group_names=Subquery(names), in_organisation=Exists(in_organisation))
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        remember_role_groups(user, user.role_group_names)
        return user
