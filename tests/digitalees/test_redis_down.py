"""With Redis unreachable the site still works: the cache's errors are ignored (and logged),
sessions are read from and written to the database, and a diagnostic is answered, logged
in for and submitted."""

import logging
import re
import time

import pytest
from django.core.cache import cache
from django.urls import reverse

from diagnostic.models import Assessment, Result
from diagnostic.selectors import questionnaire_structure
from digitalees import settings as project_settings
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: each connection is refused at once.
DEAD_REDIS = "redis://127.0.0.1:1/1"


@pytest.fixture
def redis_down(settings):
    """The production cache settings, pointed at a Redis that is down."""
    settings.CACHES = {"default": project_settings.redis_cache(DEAD_REDIS)}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "digitalees.cache"
    cache.set("probe", 1)
    assert cache.get("probe") is None  # really down


def _answer_every_part(client, assessment):
    """Answer each part as a plain form would, the first choice of every question shown."""
    structure = questionnaire_structure(assessment.questionnaire_id)
    for dimension in structure.dimensions:
        url = reverse(
            "diagnostic:dimension", kwargs={"uuid": assessment.uuid, "position": dimension.position}
        )
        assert client.get(url).status_code == 200
        data = {
            question.code: structure.choices[structure.choices_of[question.id][0]].code
            for question in structure.questions_of[dimension.id]
        }
        response = client.post(url, {**data, "nav": "stay"})
        assert response.status_code == 302, response.content.decode()[:500]


def test_a_member_logs_in_answers_and_submits_with_redis_down(client, redis_down, caplog):
    membership = MembershipFactory()
    organisation = membership.organisation
    client.cookies["django_language"] = "en"

    started = time.perf_counter()
    with caplog.at_level(logging.ERROR, logger="digitalees.cache"):
        response = client.post(
            reverse("account_login"),
            {"login": membership.user.email, "password": "correct-horse-battery"},
        )
        assert response.status_code == 302
        assert client.get(reverse("dashboard")).status_code == 200  # the session holds

        response = client.post(reverse("diagnostic:start"), {"organisation": organisation.slug})
        assert response.status_code == 302
        uuid = re.search(r"/diagnostic/([0-9a-f-]+)/part/1/", response.url).group(1)
        assessment = Assessment.objects.get(uuid=uuid, respondent=membership.user)
        _answer_every_part(client, assessment)

        review = reverse("diagnostic:review", kwargs={"uuid": assessment.uuid})
        assert client.get(review).status_code == 200
        response = client.post(review)
        assert response.status_code == 302
        results = client.get(response.url)
    elapsed = time.perf_counter() - started

    assert results.status_code == 200
    assessment.refresh_from_db()
    assert assessment.is_submitted
    assert Result.objects.get(organisation=organisation, is_latest=True)
    content = results.content.decode()
    assert "Your diagnostic is submitted. Here are your results." in content
    assert "<caption>Scores out of 100 per dimension" in content
    # The outage is in the log, not in front of the user.
    assert any(r.name == "digitalees.cache" for r in caplog.records)
    # About forty requests; a refused connection costs well under a millisecond each time.
    assert elapsed < 30


def test_a_visitor_answers_and_asks_for_a_resume_link_with_redis_down(
    client, redis_down, mailoutbox, django_capture_on_commit_callbacks
):
    client.cookies["django_language"] = "en"
    response = client.post(reverse("diagnostic:start"))
    assert response.status_code == 302
    assessment = Assessment.objects.get(respondent=None)
    _answer_every_part(client, assessment)  # the visitor's key is kept in the session

    # The rate limit counts in the cache: down, it lets the link go rather than fail.
    url = reverse("diagnostic:resume_link", kwargs={"uuid": assessment.uuid})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "visiteur@example.be"}, follow=True)
    assert response.status_code == 200
    assert "A link to resume your diagnostic is on its way" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["visiteur@example.be"]]


def test_healthz_says_the_cache_is_down(client, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["checks"]["cache"].startswith("error")
    assert body["checks"]["database"] == "ok"
