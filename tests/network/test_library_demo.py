"""The library's demo: the platform's own guides, a template to download and a guide still
being written, added through the services; safe to run twice."""

import io

import pytest
from django.test import Client

from network.library import demo
from network.models import Resource

pytestmark = pytest.mark.django_db


def test_the_demo_adds_guides_and_a_template_once(settings):
    settings.DEBUG = False
    before = Resource.objects.count()
    out = io.StringIO()
    assert demo.seed(password="x", stdout=out) == []
    assert demo.seed(password="x", stdout=out) == []
    assert Resource.objects.count() == before + 5
    assert out.getvalue() == "Library: 5 resources added.\n"
    template = Resource.objects.get(title_fr="Modèle de budget d'un projet de digitalisation")
    assert template.kind == Resource.Kind.TEMPLATE
    assert Client().get(template.file.url).status_code == 200
    draft = Resource.objects.get(title_fr__startswith="Guide de l'archivage")
    assert not draft.is_published
    assert Client().get(draft.get_absolute_url()).status_code == 404
    for resource in Resource.objects.filter(title_fr__in=[g["title_fr"] for g in demo.GUIDES]):
        assert resource.topics.exists()
        assert len(resource.body_fr.split("\n\n")) >= 2
