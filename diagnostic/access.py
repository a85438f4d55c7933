"""Signed access links: they open a visitor's diagnostic (to resume it, or to answer a
campaign) to whoever holds them, and are sent only by e-mail."""

from datetime import timedelta

from django.core import signing
from django.utils.translation import gettext as _

from .models import Assessment

ACCESS_SALT = "diagnostic.access"
ACCESS_MAX_AGE = timedelta(days=60)


class AccessLinkError(Exception):
    """A resume or campaign link that cannot be used; the message is shown to the visitor."""


def access_token(assessment: Assessment) -> str:
    """A signed link that opens the assessment to whoever holds it: sent only by e-mail."""
    return signing.dumps({"a": str(assessment.uuid), "k": assessment.visitor_key}, salt=ACCESS_SALT)


def assessment_from_token(token: str) -> Assessment:
    try:
        data = signing.loads(token, salt=ACCESS_SALT, max_age=ACCESS_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise AccessLinkError(_("This link has expired. Start a new diagnostic.")) from exc
    except signing.BadSignature as exc:
        raise AccessLinkError(_("This link is not valid. Check that you copied it whole.")) from exc
    assessment = Assessment.objects.filter(uuid=data.get("a")).first()
    if assessment is None or not assessment.visitor_key or assessment.visitor_key != data.get("k"):
        raise AccessLinkError(_("This diagnostic no longer exists."))
    return assessment
