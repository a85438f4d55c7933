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
    assert modules == ["bench.diagnostic", "bench.coaching", "bench.grants"]


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
