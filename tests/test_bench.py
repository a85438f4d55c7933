"""Smoke tests of `make bench`'s pieces that run without PostgreSQL (the bench itself does
not run in the test suite: it is a benchmark, not a test)."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bench import fill
from network.validators import postcode_matches_province, validate_enterprise_number


@pytest.mark.parametrize("scale", ["small", "full"])
def test_plan_is_reproducible_and_has_the_volumes(scale):
    plan = fill.plan(scale)
    organisations, assessments = fill.VOLUMES[scale]
    assert len(plan.specs) == organisations
    assert sum(plan.counts) == assessments
    assert plan == fill.plan(scale)
    # Many organisations answer once or twice, some more.
    spread = Counter(plan.counts)
    assert spread[1] + spread[2] > organisations / 2
    assert max(plan.counts) >= 8
    # Both fills together are the whole plan, once.
    assert sorted(plan.first + plan.rest) == list(range(organisations))
    assert fill.FIRST_VOLUME <= plan.volume(plan.first) < 2 * fill.FIRST_VOLUME


def test_the_measured_organisation_has_history_and_peers_from_the_first_fill():
    plan = fill.plan("full")
    target = plan.specs[plan.target]
    group = (target.sector, target.size_band, target.province)
    peers_first = [
        i
        for i in plan.first
        if (plan.specs[i].sector, plan.specs[i].size_band, plan.specs[i].province) == group
    ]
    assert plan.target in plan.first
    assert plan.counts[plan.target] >= fill.HISTORY
    assert len(peers_first) >= 5


def test_generated_organisations_are_valid():
    plan = fill.plan("small")
    for spec in plan.specs:
        validate_enterprise_number(spec.enterprise_number)
        assert postcode_matches_province(spec.postcode, spec.province)
    assert len({s.enterprise_number for s in plan.specs}) == len(plan.specs)
    assert len({s.name for s in plan.specs}) == len(plan.specs)


def test_the_bench_refuses_sqlite(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'bench.sqlite3'}"}
    result = subprocess.run(
        [sys.executable, "-m", "bench"],
        cwd=Path(__file__).resolve().parents[1],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "measures PostgreSQL" in result.stdout


def test_the_reference_page_is_in_the_benchs_urls_only(client, settings, django_user_model):
    from django.urls import NoReverseMatch, reverse

    with pytest.raises(NoReverseMatch):
        reverse("bare")
    assert client.get("/bare/").status_code == 404
    settings.ROOT_URLCONF = "bench.urls"
    client.force_login(django_user_model.objects.create(email="bare@example.be"))
    response = client.get(reverse("bare"))
    assert response.status_code == 200
    content = response.content.decode()
    assert '<main id="main"' in content  # the base layout, for a logged-in user
    assert "Page de référence" in content
    assert "bare@example.be" in content  # "logged in as", in the navigation


def test_each_app_brings_its_rows_from_a_module_of_its_own():
    from bench import run

    modules = [m.__name__ for m in run.app_modules()]
    # network first (INSTALLED_APPS' order): its top-up runs before coaching's and grants'.
    assert modules == ["bench.network", "bench.diagnostic", "bench.coaching", "bench.grants"]


@pytest.mark.parametrize("scale", ["small", "full"])
def test_coachings_fill_has_the_issues_volumes(scale):
    from bench import coaching

    volume = coaching.volume(scale)
    plans = volume.cohorts * volume.per_cohort
    counts = coaching.actions_per_plan(scale, plans)
    assert len(counts) == plans and min(counts) >= 1
    # With the first fill's, the actions the issue names: 20,000 (a tenth at small).
    assert sum(counts) + coaching.FIRST_ACTIONS == volume.actions
    assert counts[0] == coaching.MEASURED_PLAN_ACTIONS
    assert counts == coaching.actions_per_plan(scale, plans)  # reproducible
    # Issue 9, "Speed": 60 enterprises per cohort, 10 cohorts (one at small).
    assert (volume.cohorts, volume.per_cohort) == {"full": (10, 60), "small": (1, 60)}[scale]


# --- network's fill ---------------------------------------------------------------------


def test_networks_experiences_have_their_fifteen_items_and_folded_search_text():
    import random

    from bench import network
    from network.models import ExperienceItem
    from network.text import fold

    rng = random.Random(1)
    for _ in range(50):
        content = network.experience_content(rng)
        places = [(kind, position) for kind, position, _text in content.items]
        assert len(places) == 15 == len(set(places))
        assert {kind for kind, _p in places} == set(ExperienceItem.Kind.values)
        assert {position for _k, position in places} == {1, 2, 3}
        text = network.experience_search_text(content)
        assert text == fold(text)  # folded: no accent, no capital
        assert "<" not in text  # the story without its tags
        assert all(fold(item) in text for _k, _p, item in content.items)
        assert set(content.topics) <= set(network.DIMENSIONS)
    measured = network.experience_content(rng, network.MEASURED_STORY)
    assert fold(network.EXPERIENCE_QUERY_WORD) in network.experience_search_text(measured)
    assert network.EXPERIENCE_QUERY_TOPIC in measured.topics


@pytest.mark.parametrize("scale", ["small", "full"])
def test_networks_events_have_the_issues_registrations(scale):
    import random

    from bench import network

    volume = network.VOLUMES[scale]
    specs = network.event_specs(random.Random(3), volume.events, volume.registrations)
    assert len(specs) == volume.events
    assert sum(s.registrations for s in specs) == volume.registrations
    assert any(s.is_past for s in specs) and any(not s.is_past for s in specs)
    assert all(s.registrations == 0 for s in specs if not s.is_published or s.cancelled)
    assert all(1 <= len(s.questions) <= 3 for s in specs)
    assert (
        volume
        == {"full": network.Volume(3000, 500, 20000), "small": network.Volume(300, 50, 2000)}[scale]
    )


def test_networks_registrations_take_the_seats_in_order_and_attendance_when_past():
    import random

    from bench import network

    rng = random.Random(5)
    for starts_in_days in (-30, 30):
        spec = network.EventSpec(
            kind="workshop",
            title_fr="Atelier",
            title_en="Workshop",
            starts_in_days=starts_in_days,
            hours=3,
            capacity=20,
            online=False,
            venue=network.VENUES[0],
            questions=[],
            topics=[],
            registrations=40,
        )
        statuses = network.registration_statuses(rng, spec)
        assert len(statuses) == 40
        confirmed = [i for i, (status, _a) in enumerate(statuses) if status == "confirmed"]
        waiting = [i for i, (status, _a) in enumerate(statuses) if status == "waiting"]
        assert len(confirmed) == 20  # full, then a waiting list
        assert waiting and min(waiting) > max(confirmed)
        attended = [a for status, a in statuses if a]
        if spec.is_past:
            assert {s for s, a in statuses if a} == {"confirmed"}
            assert len(attended) == 20
            assert "unconfirmed" not in {s for s, _a in statuses}
        else:
            assert attended == []


@pytest.mark.django_db
def test_networks_fill_writes_rows_as_the_services_leave_them():
    """The bulk rows respect the models' constraints and what the pages read: items keyed
    by their folded text, one active registration per address and event, answers to the
    event's questions, themes on public organisations only."""
    import random

    from bench import network
    from network.models import (
        Event,
        Experience,
        ExperienceItem,
        Registration,
        RegistrationAnswer,
    )
    from network.text import fold
    from tests.factories import AgencyStaffFactory, MembershipFactory, OrganisationFactory

    organisations = [OrganisationFactory(is_public=n % 3 != 0) for n in range(18)]
    for organisation in organisations:
        MembershipFactory(organisation=organisation, role="admin")
    fill = network.Fill(staff_id=AgencyStaffFactory().pk)
    assert sum(o.is_public for o in organisations) >= 11  # 10 experiences and 1 more
    rows = network._organisations()
    fill.themes(rows)
    ids = fill.experiences(10, rows)
    specs = network.event_specs(random.Random(2), 4, 60)
    fill.events(specs, rows)

    public = {o.pk for o in organisations if o.is_public}
    for organisation in organisations:
        assert organisation.themes.exists() == (organisation.pk in public)
    assert Experience.objects.published().count() == 10
    assert Experience.objects.exclude(status="published").count() == 1  # 10 % more
    assert set(Experience.objects.values_list("organisation_id", flat=True)) <= public
    first = Experience.objects.get(pk=ids[0])
    assert first.items.count() == 15 and first.topics.exists()
    assert first.moderations.filter(action="published").exists()
    assert first.search_text == network.experience_search_text(
        network.ExperienceContent(
            title=first.title,
            why=first.why,
            story=first.story,
            topics=[],
            items=sorted(
                ((i.kind, i.position, i.text) for i in first.items.all()),
                key=lambda item: (network.ITEM_KINDS.index(item[0]), item[1]),
            ),
        )
    )
    for item in ExperienceItem.objects.all():
        assert item.key == fold(item.text)
    assert Event.objects.count() == 4
    assert Registration.objects.count() == sum(s.registrations for s in specs)
    for event in Event.objects.all():
        emails = [e.lower() for e in event.registrations.active().values_list("email", flat=True)]
        assert len(emails) == len(set(emails))
        if event.capacity:
            assert event.registrations.holding_seat().count() <= event.capacity
    answered = RegistrationAnswer.objects.select_related("question", "registration")
    assert all(a.question.event_id == a.registration.event_id for a in answered)
    assert fill.written == network.Volume(10, 4, 60)


def test_networks_flow_reads_the_registration_form_as_a_browser_sends_it():
    from bench import network

    page = """
    <form method="post" action="/i18n/setlang/"><select name="language">
      <option value="fr" selected>FR</option></select></form>
    <form method="post" action="/events/atelier/register/">
      <input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input type="email" name="email"><input type="text" name="first_name">
      <input type="text" name="last_name"><input type="text" name="q_1">
      <select name="q_2"><option value="">---</option><option value="Un collègue">x</option>
      </select><input type="checkbox" name="q_3" value="1" required>
      <input type="checkbox" name="q_4"><textarea name="q_5"></textarea>
      <button type="submit">S'inscrire</button></form>"""
    form = network.RegistrationForm("/events/atelier/")
    form.feed(page)
    form.fill(email="a@exemple.be", first_name="Camille", last_name="D", organisation_name="X")
    assert form.action == "/events/atelier/register/"
    assert form.data == {
        "csrfmiddlewaretoken": "t",
        "email": "a@exemple.be",
        "first_name": "Camille",
        "last_name": "D",
        "q_1": "Rien de particulier",
        "q_2": "Un collègue",
        "q_3": "1",
        "q_5": "Rien de particulier",
    }
