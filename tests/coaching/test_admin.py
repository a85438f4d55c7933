"""Coaching's data in the admin: every registered model's list and record open for a
superuser, and none can be added, changed or deleted there (writes go through the services)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from coaching import services
from coaching.models import Action
from tests.conftest import superuser_with_mfa

from .factories import make_action

pytestmark = pytest.mark.django_db

COACHING_MODELS = [m for m in admin.site._registry if m._meta.app_label == "coaching"]


@pytest.fixture
def root_client(client):
    client.force_login(superuser_with_mfa())
    return client


def test_coaching_models_are_in_the_admin():
    assert {"cohort", "plan", "action", "intervision", "remindersent"} <= {
        m._meta.model_name for m in COACHING_MODELS
    }


@pytest.mark.parametrize("model", COACHING_MODELS, ids=lambda m: m._meta.model_name)
def test_each_list_opens_and_refuses_additions(model, root_client, plan):
    action = make_action(plan)
    services.action_set_status(action=action, status="blocked", by=None, version=1)
    meta = model._meta
    url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    assert root_client.get(url).status_code == 200
    add = reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
    assert root_client.get(add).status_code == 403


def test_an_action_opens_read_only_with_its_history(root_client, action):
    services.action_set_status(action=action, status="done", by=None, version=1)
    url = reverse("admin:coaching_action_change", args=[action.pk])
    response = root_client.get(url)
    assert response.status_code == 200
    assert b'name="_save"' not in response.content
    assert root_client.post(url, {"title": "Changed"}).status_code == 403
    assert Action.objects.get(pk=action.pk).title == action.title
