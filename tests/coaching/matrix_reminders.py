"""Permission-matrix rows of reminders and calendar feeds (merged by test_permission_matrix).

Both settings pages are everyone's own (anyone logged in); the unsubscribe link and the
calendar feed answer whoever holds their token, logged in or not."""

from coaching.calendar.services import calendar_feed_renew
from coaching.reminders.services import unsubscribe_token
from tests.test_permission_matrix import (
    LOGGED_IN,
    LOGIN,
    NOT_ALLOWED,
    NOT_ALLOWED_LOGGED_IN,
    OK_REDIRECT,
    PUBLIC,
    ROLES,
    Row,
    _none,
)


def _unsubscribe_kwargs(org, p):
    return {"token": unsubscribe_token(p["member"])}


def _feed_kwargs(org, p):
    return {"token": calendar_feed_renew(user=p["member"]).token}


MATRIX = {
    ("coaching:reminder_settings", "get"): Row(_none, LOGGED_IN),
    ("coaching:reminder_settings", "post"): Row(
        _none,
        {**dict.fromkeys(ROLES, OK_REDIRECT), "anonymous": LOGIN},
        lambda org, p: {"reminders": "off"},
    ),
    # The link in every reminder: a GET shows the confirmation, a POST turns them off.
    ("coaching:reminders_unsubscribe", "get"): Row(_unsubscribe_kwargs, PUBLIC),
    ("coaching:reminders_unsubscribe", "post"): Row(
        _unsubscribe_kwargs, dict.fromkeys(ROLES, OK_REDIRECT)
    ),
    ("coaching:calendar_settings", "get"): Row(_none, LOGGED_IN),
    ("coaching:calendar_settings", "post"): Row(_none, NOT_ALLOWED_LOGGED_IN),
    ("coaching:calendar_renew", "get"): Row(_none, NOT_ALLOWED_LOGGED_IN),
    ("coaching:calendar_renew", "post"): Row(
        _none, {**dict.fromkeys(ROLES, OK_REDIRECT), "anonymous": LOGIN}
    ),
    ("coaching:calendar_feed", "get"): Row(_feed_kwargs, PUBLIC),
    ("coaching:calendar_feed", "post"): Row(_feed_kwargs, NOT_ALLOWED),
}
