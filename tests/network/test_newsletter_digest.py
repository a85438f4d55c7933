"""The monthly digest: last month's new experiences and the events coming, to confirmed
subscribers only, each in their language, once per month whatever the number of runs."""

import datetime

import pytest
from django.utils import timezone

from network.models import Subscriber
from network.newsletter import selectors, services, tasks
from tests.network.factories import EventFactory, ExperienceFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

MONTH = datetime.date(2026, 11, 1)
TZ = timezone.get_current_timezone()


def _in_month(day=15):
    return datetime.datetime(2026, 11, day, 10, tzinfo=TZ)


@pytest.fixture
def news():
    experience = ExperienceFactory(title="Notre caisse en ligne", published_at=_in_month())
    event = EventFactory(title_fr="Atelier données", title_en="Data workshop")
    return experience, event


def _send(capture, **kwargs):
    with capture(execute=True):
        return services.digest_send(month=MONTH, **kwargs)


def test_the_digest_goes_to_confirmed_subscribers_only(
    news, mailoutbox, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="reader@example.be")
    SubscriberFactory(email="unconfirmed@example.be", confirmed_at=None)
    SubscriberFactory(email="gone@example.be", unsubscribed_at=timezone.now())
    run = _send(django_capture_on_commit_callbacks)
    assert run == (1, True)
    assert [m.to for m in mailoutbox] == [["reader@example.be"]]
    message = mailoutbox[0]
    assert message.subject == "Le réseau DigitalEES en novembre 2026"
    assert "Notre caisse en ligne" in message.body
    assert "Atelier données" in message.body
    assert "/newsletter/unsubscribe/" in message.body
    html = message.alternatives[0][0]
    assert "Notre caisse en ligne" in html and "/newsletter/unsubscribe/" in html


def test_the_digest_carries_one_click_unsubscription_headers(
    news, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory()
    _send(django_capture_on_commit_callbacks)
    headers = mailoutbox[0].extra_headers
    token = services.unsubscribe_token(subscriber)
    assert headers["List-Unsubscribe"].endswith(f"/newsletter/unsubscribe/{token}/one-click/>")
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_each_subscriber_reads_it_in_their_language(
    news, mailoutbox, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="en@example.be", language="en")
    _send(django_capture_on_commit_callbacks)
    message = mailoutbox[0]
    assert message.subject == "The DigitalEES network in November 2026"
    assert "Data workshop" in message.body
    assert "Atelier données" not in message.body
    assert "New shared experiences" in message.body


def test_run_twice_it_sends_once(news, mailoutbox, django_capture_on_commit_callbacks):
    subscriber = SubscriberFactory()
    assert _send(django_capture_on_commit_callbacks).sent == 1
    assert _send(django_capture_on_commit_callbacks).sent == 0
    assert len(mailoutbox) == 1
    subscriber.refresh_from_db()
    assert subscriber.digest_month == MONTH


def test_a_run_stopped_short_is_resumed_by_the_next(
    news, mailoutbox, django_capture_on_commit_callbacks
):
    """A run that stopped (its time budget, or a crash after some subscribers) leaves the
    others to the next run, which sends each of them once."""
    first, second = SubscriberFactory(), SubscriberFactory()
    # The first subscriber had theirs before the crash.
    Subscriber.objects.filter(pk=first.pk).update(digest_month=MONTH)
    assert _send(django_capture_on_commit_callbacks, seconds=-1) == (0, False)
    assert _send(django_capture_on_commit_callbacks) == (1, True)
    assert [m.to for m in mailoutbox] == [[second.email]]


def test_nothing_is_sent_when_the_month_brought_nothing_new(
    mailoutbox, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    # Published the month before, an event past, a draft, an event unpublished.
    ExperienceFactory(published_at=datetime.datetime(2026, 10, 20, tzinfo=TZ))
    ExperienceFactory(status="draft", published_at=None)
    EventFactory(
        starts_at=timezone.now() - datetime.timedelta(days=3),
        ends_at=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
    )
    EventFactory(is_published=False)
    assert _send(django_capture_on_commit_callbacks) == (0, True)
    assert mailoutbox == []
    assert Subscriber.objects.get().digest_month is None


def test_the_contents_are_last_months_experiences_and_events_coming(news):
    experience, event = news
    ExperienceFactory(published_at=datetime.datetime(2026, 12, 1, 0, 30, tzinfo=TZ))
    ExperienceFactory(published_at=datetime.datetime(2026, 10, 31, 23, 30, tzinfo=TZ))
    EventFactory(cancelled_at=timezone.now())
    digest = selectors.digest_contents(MONTH)
    assert digest.experiences == [experience]
    assert digest.events == [event]


def test_the_contents_take_the_same_queries_for_one_item_or_many(
    news, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        selectors.digest_contents(MONTH)
    for day in range(1, 28):
        ExperienceFactory(published_at=_in_month(day))
        EventFactory()
    with django_assert_max_num_queries(3):
        digest = selectors.digest_contents(MONTH)
    assert len(digest.experiences) == selectors.DIGEST_EXPERIENCES
    assert digest.more_experiences == 28 - selectors.DIGEST_EXPERIENCES


def test_the_task_sends_last_months_digest(
    mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    ExperienceFactory(title="Notre caisse en ligne", published_at=_in_month())
    SubscriberFactory()
    monkeypatch.setattr(services, "previous_month", lambda today=None: MONTH)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_monthly_digest.delay().get() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_monthly_digest.delay(MONTH.isoformat()).get() == 0
    assert len(mailoutbox) == 1


def test_the_task_queues_itself_again_for_those_left(
    news, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    SubscriberFactory(), SubscriberFactory()
    real = services.digest_send
    runs = []

    def one_at_a_time(*, month):
        # The first run stops before any subscriber, as a spent time budget would.
        runs.append(month)
        return real(month=month, seconds=-1) if len(runs) == 1 else real(month=month)

    monkeypatch.setattr(services, "digest_send", one_at_a_time)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.send_monthly_digest.delay(MONTH.isoformat())
    assert runs == [MONTH, MONTH]
    assert len(mailoutbox) == 2


def test_previous_month():
    assert services.previous_month(datetime.date(2026, 1, 1)) == datetime.date(2025, 12, 1)
    assert services.previous_month(datetime.date(2026, 3, 31)) == datetime.date(2026, 2, 1)
