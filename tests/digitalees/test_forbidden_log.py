"""A refused request is logged once, as one line: no traceback of the PermissionDenied."""

import logging

from django.urls import reverse

from tests.factories import MembershipFactory


def test_a_403_is_logged_once_without_a_traceback(client, db, caplog):
    member = MembershipFactory(role="member")
    client.force_login(member.user)
    url = reverse("network:invitation_create", kwargs={"slug": member.organisation.slug})
    with caplog.at_level(logging.INFO):
        response = client.post(url, {"email": "a@example.be", "role": "member"})
    assert response.status_code == 403
    [record] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert record.name == "django.request"
    assert record.getMessage() == f"Forbidden (Permission denied): {url}"
    assert record.exc_info is None
    assert "Traceback" not in caplog.text


def test_a_500_keeps_its_traceback(caplog):
    logger = logging.getLogger("django.request")
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        with caplog.at_level(logging.INFO):
            logger.error("Internal Server Error: /x/", exc_info=True, extra={"status_code": 500})
    assert "Traceback" in caplog.text
