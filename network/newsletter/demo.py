"""Demo data of the network's newsletter (seed_demo, after the pilot organisations): safe to run
twice. Subscribers in each state, written through the services (the confirmation e-mails
they queue go to .test addresses)."""

from ..models import Subscriber
from . import services

# address, language, state
SUBSCRIBERS = [
    ("lectrice.namur@digitalees.test", "fr", "confirmed"),
    ("coordination.liege@digitalees.test", "fr", "confirmed"),
    ("reader.brussels@digitalees.test", "en", "confirmed"),
    ("curieux.mons@digitalees.test", "fr", "unconfirmed"),
    ("ancien.abonne@digitalees.test", "fr", "unsubscribed"),
]


def seed(*, password: str, stdout) -> list[tuple[str, str]]:
    for email, language, state in SUBSCRIBERS:
        if Subscriber.objects.filter(email__iexact=email).exists():
            continue
        subscriber = services.subscriber_subscribe(email=email, language=language)
        if state in ("confirmed", "unsubscribed"):
            services.subscriber_confirm(subscriber=subscriber)
        if state == "unsubscribed":
            services.subscriber_unsubscribe(subscriber=subscriber)
    stdout.write(f"Newsletter: {Subscriber.objects.receiving().count()} subscribers receiving.\n")
    return []
