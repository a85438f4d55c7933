"""Decision letters in each state, through grants.letters (the test's own PDF bytes stand
in for WeasyPrint's where the content does not matter)."""

from grants import letters
from grants.models import DecisionLetter, Status
from tests.grants.factories import make_application

FAKE_PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pending_letter(application) -> DecisionLetter:
    return DecisionLetter.objects.filter(application=application).latest("created_at")


def ready_letter(application, *, pdf: bytes = FAKE_PDF) -> DecisionLetter:
    """The application's latest letter, rendered (with `pdf`) and e-mailed."""
    letter = letters.letter_claim(pending_letter(application).pk, token="test")
    assert letter is not None
    assert letters.letter_finish(letter, pdf=pdf, token="test")
    letter.refresh_from_db()
    return letter


def failed_letter(application) -> DecisionLetter:
    letter = pending_letter(application)
    letters.letter_claim(letter.pk, token="test")
    letters.letter_fail(letter.pk, token="test", error="OSError: disk full", final=True)
    letter.refresh_from_db()
    return letter


def approved(org, **kwargs):
    return make_application(org, Status.APPROVED, **kwargs)
