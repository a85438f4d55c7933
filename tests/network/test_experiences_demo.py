from io import StringIO

import pytest

from network import demo
from network.experiences import demo as experiences_demo
from network.models import Experience

pytestmark = pytest.mark.django_db


def test_demo_experiences_safe_to_run_twice():
    demo.seed(password="demo-pass-123", stdout=StringIO())
    experiences_demo.seed(password="demo-pass-123", stdout=StringIO())
    counts = {
        status: Experience.objects.filter(status=status).count()
        for status in Experience.Status.values
    }
    assert counts == {"draft": 0, "submitted": 2, "returned": 1, "published": 8, "refused": 0}
    returned = Experience.objects.get(status="returned")
    assert "télétravail" in returned.remarks
    assert returned.moderations.count() == 2
    published = Experience.objects.published().first()
    assert published.items.count() == 15 and published.topics.exists()
    assert "numerique" in Experience.objects.get(title__startswith="De la fiche").search_text
