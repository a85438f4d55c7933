import importlib
import uuid

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps as django_apps
from django.utils import translation

from diagnostic.models import Questionnaire
from diagnostic.selectors import questionnaire_structure
from tests.factories import (
    AgencyStaffFactory,
    CoachAssignmentFactory,
    CoachFactory,
    MembershipFactory,
    OrganisationFactory,
    ReviewerFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _fresh_structure_cache():
    # Test databases reuse ids across tests; published versions never change in production.
    questionnaire_structure.cache_clear()
    yield
    questionnaire_structure.cache_clear()


@pytest.fixture
def english():
    """Messages in English for tests that match their text (French is the default)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _isolated_cache(request, settings):
    """A cache of its own per test: with REDIS_URL set, rate limits (allauth's) would
    otherwise carry over between tests and runs. The Celery worker test keeps Redis."""
    if request.node.get_closest_marker("celery_worker"):
        return
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"test-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture(autouse=True)
def _eager_tasks(request, settings):
    """Tasks run in-process even when REDIS_URL is set (CI), so that their effects (mail)
    show in the test; tests marked celery_worker run them through Redis instead."""
    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    from digitalees.celery import app

    saved = {name: app.conf[name] for name in ("task_always_eager", "task_eager_propagates")}
    settings.CELERY_TASK_ALWAYS_EAGER = True
    app.conf.update(task_always_eager=True, task_eager_propagates=True)
    yield
    app.conf.update(saved)


@pytest.fixture(autouse=True)
def _media_roots(settings, tmp_path):
    """Uploads (public) and reports (private) in the test's own directories, not var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    private = {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path / "private"}}
    settings.STORAGES = {**settings.STORAGES, "private": private}


@pytest.fixture(autouse=True)
def _queued_mail(settings):
    """Mail goes through the queue as in production: written to the Email table, then
    delivered once the transaction commits, here to Django's locmem outbox (`mailoutbox`).
    pytest-django sets EMAIL_BACKEND to locmem itself, which would skip the queue."""
    settings.EMAIL_BACKEND = "digitalees.mail.QueuedEmailBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    }


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def roles(organisation):
    """One person for each role around `organisation` (the permission matrix's rows)."""
    admin = MembershipFactory(organisation=organisation, role="admin").user
    member = MembershipFactory(organisation=organisation, role="member").user
    other_member = MembershipFactory(role="admin").user  # admin of another organisation
    coach = CoachAssignmentFactory(organisation=organisation).coach
    return {
        "anonymous": None,
        "member": member,
        "org_admin": admin,
        "other_org_member": other_member,
        "coach": coach,
        "unassigned_coach": CoachFactory(),
        "agency": agency_with_mfa(),
        # In the agency group, TOTP not turned on: with STAFF_REQUIRE_MFA, no agency right.
        "agency_without_mfa": AgencyStaffFactory(),
        "superuser": superuser_with_mfa(),
        # An outside expert in the reviewer group, of no organisation: grants' rows assign
        # them to the application they test; elsewhere they are a stranger.
        "reviewer": ReviewerFactory(),
    }


def agency_with_mfa():
    """Agency staff with TOTP turned on, as production requires for staff rights."""
    staff = AgencyStaffFactory()
    TOTP.activate(staff, generate_totp_secret())
    return staff


def superuser_with_mfa():
    """A superuser (who sees what agency staff see) with TOTP turned on."""
    root = UserFactory(is_superuser=True, is_staff=True)
    TOTP.activate(root, generate_totp_secret())
    return root


@pytest.fixture
def client_for(client):
    """client_for(user) -> the test client logged in as user (or anonymous for None)."""

    def _client_for(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return _client_for


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def published_questionnaire(transactional_db):
    """The published questionnaire and the starter resource library: data migrations load
    them, but transactional tests (the live server's, the real workers') empty the database
    after each test. The same migrations' functions load them again, with the real models."""
    current = Questionnaire.current()
    if current is not None:
        return current
    for app, migration, function in DATA_MIGRATIONS:
        getattr(importlib.import_module(f"{app}.migrations.{migration}"), function)(
            django_apps, None
        )
    return Questionnaire.current()


# The data migrations that publish the questionnaire, fill the resource library and load
# coaching's methodology and evaluation themes, and grants' cost categories and document types.
DATA_MIGRATIONS = [
    ("diagnostic", "0002_questionnaire_v1_and_resources", "load_v1"),
    ("diagnostic", "0010_resource_bodies", "fill_bodies"),
    ("coaching", "0002_selection_methodology", "load_methodology"),
    ("grants", "0002_categories_and_documents", "load"),
]
