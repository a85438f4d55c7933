"""Permission-matrix rows of the newsletter's pages (merged by test_permission_matrix).

Every page is public: nobody logs in, the signed token in a link says whose subscription it
is. Pages answer GET, actions POST; the one-click address takes a mail program's POST
(RFC 8058) and sends a browser's GET to the page with the button."""

from network.newsletter import services
from tests.network.factories import SubscriberFactory
from tests.test_permission_matrix import NOT_ALLOWED, OK_REDIRECT, PUBLIC, ROLES, Row


def _none(org, p):
    return {}


def _confirm_kwargs(org, p):
    subscriber = SubscriberFactory(confirmed_at=None)
    return {"token": services.confirm_token(subscriber)}


def _unsubscribe_kwargs(org, p):
    return {"token": services.unsubscribe_token(SubscriberFactory())}


REDIRECTED = dict.fromkeys(ROLES, OK_REDIRECT)

MATRIX = {
    ("network:newsletter_subscribe", "get"): Row(_none, PUBLIC),
    ("network:newsletter_subscribe", "post"): Row(_none, NOT_ALLOWED),
    ("network:newsletter_subscribe_send", "get"): Row(_none, NOT_ALLOWED),
    ("network:newsletter_subscribe_send", "post"): Row(
        _none, REDIRECTED, lambda org, p: {"email": "nouveau@example.be", "language": "fr"}
    ),
    ("network:newsletter_confirm", "get"): Row(_confirm_kwargs, PUBLIC),
    ("network:newsletter_confirm", "post"): Row(_confirm_kwargs, NOT_ALLOWED),
    ("network:newsletter_confirm_send", "get"): Row(_confirm_kwargs, NOT_ALLOWED),
    ("network:newsletter_confirm_send", "post"): Row(_confirm_kwargs, REDIRECTED),
    ("network:newsletter_unsubscribe", "get"): Row(_unsubscribe_kwargs, PUBLIC),
    ("network:newsletter_unsubscribe", "post"): Row(_unsubscribe_kwargs, NOT_ALLOWED),
    ("network:newsletter_unsubscribe_send", "get"): Row(_unsubscribe_kwargs, NOT_ALLOWED),
    ("network:newsletter_unsubscribe_send", "post"): Row(_unsubscribe_kwargs, REDIRECTED),
    ("network:newsletter_unsubscribe_one_click", "get"): Row(_unsubscribe_kwargs, REDIRECTED),
    ("network:newsletter_unsubscribe_one_click", "post"): Row(_unsubscribe_kwargs, PUBLIC),
}
