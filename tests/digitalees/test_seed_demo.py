import pytest
from django.core.management import call_command
from django.utils.text import slugify

from digitalees.models import User
from network.demo import PILOTS
from network.models import CoachAssignment, Membership, Organisation

pytestmark = pytest.mark.django_db


def test_seed_demo_is_safe_to_run_twice(settings, capsys):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (User.objects.count(), Organisation.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert counts == (
        User.objects.count(),
        Organisation.objects.count(),
        Membership.objects.count(),
    )
    pilots = Organisation.objects.filter(slug__in=[slugify(p[0]) for p in PILOTS])
    assert pilots.count() == 15
    assert set(pilots.values_list("province", flat=True)) == set(Organisation.Province.values)
    assert pilots.values("legal_form").distinct().count() >= 6
    assert User.objects.filter(groups__name="coach").count() == 3
    assert User.objects.filter(groups__name="agency").count() == 1
    assert User.objects.filter(is_superuser=True).count() == 1
    assert CoachAssignment.objects.values("organisation").distinct().count() == 15
    for organisation in pilots:
        organisation.full_clean()
        assert organisation.memberships.filter(role="admin").exists()
    out = capsys.readouterr().out
    assert "agence@digitalees.test" in out and "coach1@digitalees.test" in out


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_demo_login_works(client, settings):
    settings.DEBUG = True
    call_command("seed_demo")
    from digitalees.management.commands.seed_demo import DEMO_PASSWORD

    response = client.post(
        "/accounts/login/", {"login": "coach1@digitalees.test", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200
