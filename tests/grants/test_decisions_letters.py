"""The decision letter: rendered by its task, stored privately, e-mailed to the
organisation's admins with the PDF attached; rendered again when it failed; queued again
when its message was lost. And the e-mails of each move, internal comments kept out."""

from decimal import Decimal

import pytest
from django.utils import timezone, translation
from post_office.models import STATUS, Attachment, Email

from digitalees import jobs
from digitalees import mail as outbox
from digitalees.storage import PrivateFileSystemStorage
from grants import letters, services
from grants.models import DecisionLetter, Status
from grants.tasks import requeue_stale_decision_letters
from tests.digitalees.test_mail_queue import broker_down  # noqa: F401
from tests.factories import AgencyStaffFactory, MembershipFactory, OrganisationFactory
from tests.grants.decisions_factories import failed_letter, ready_letter
from tests.grants.factories import advance, make_application, make_call

pytestmark = pytest.mark.django_db

SECRET = "Dossier tendu : à surveiller"  # an internal comment


def _approve(application, *, staff=None, **kwargs):
    services.application_approve(
        application,
        by=staff or AgencyStaffFactory(first_name="Claire", last_name="Lambert"),
        amount=kwargs.pop("amount", Decimal("9000.00")),
        reasons=kwargs.pop("reasons", "Un projet clair, au budget réaliste."),
        **kwargs,
    )


def _plain(text: str) -> str:
    """Spaces for the non-breaking ones of French number formats."""
    return text.replace("\xa0", " ").replace("\u202f", " ")


def _letter_mails(mailoutbox):
    return [m for m in mailoutbox if m.attachments]


def test_an_approval_letter_is_rendered_and_emailed_to_the_admins_with_its_pdf(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    organisation = OrganisationFactory(name="Les Petits Riens numériques")
    admin = MembershipFactory(organisation=organisation, role="admin").user
    MembershipFactory(organisation=organisation, role="member")  # not an admin: not told
    application = make_application(organisation, Status.IN_REVIEW, by=admin)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _approve(application)
    letter = DecisionLetter.objects.get(application=application)
    assert letter.status == DecisionLetter.Status.READY and letter.mailed_at is not None
    assert isinstance(letter.file.storage, PrivateFileSystemStorage)
    with letter.file.open("rb") as stored:
        pdf = stored.read()
    assert pdf.startswith(b"%PDF")
    [message] = _letter_mails(mailoutbox)
    assert message.to == [admin.email]
    assert application.reference in message.subject and "lettre de décision" in message.subject
    [(filename, content, mimetype)] = message.attachments
    assert filename == f"digitalees-decision-{application.reference}-fr.pdf"
    assert mimetype == "application/pdf" and content == pdf
    # Queued, then delivered: its attachment was kept in the private storage meanwhile.
    attachment = Attachment.objects.get(emails__subject=message.subject)
    assert isinstance(attachment.file.storage, PrivateFileSystemStorage)
    assert attachment.file.path.startswith(str(settings.PRIVATE_MEDIA_ROOT))


def test_the_letter_states_the_decision_the_tranches_and_the_de_minimis_notice():
    organisation = OrganisationFactory(name="Recyclerie du Condroz", postcode="5590")
    application = make_application(organisation, Status.IN_REVIEW)
    _approve(application, amount=Decimal("9000.00"))
    letter = DecisionLetter.objects.get(application=application)
    html = letters.letter_html(letter)
    assert "Recyclerie du Condroz" in html and "5590" in html
    # The call's title in the letter's language, whatever an earlier test left active.
    with translation.override(letter.language):
        call_title = str(application.call)
    assert application.reference in html and call_title in html
    assert "Votre bourse de digitalisation est accordée" in html
    text = _plain(html)
    assert "une bourse de digitalisation de 9 000,00 €" in text
    # The tranches: 50 % on signature, the rest on the final report.
    assert "4 500,00 €" in text
    assert "80 %" in text
    assert "Un projet clair, au budget réaliste." in html
    assert "Règlement (UE) 2023/2831" in html
    assert "Claire Lambert" in html


def test_a_rejection_letter_gives_the_reasons_and_no_de_minimis_notice():
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    services.application_reject(
        application, by=AgencyStaffFactory(), reasons="Le projet ne relève pas du numérique."
    )
    html = letters.letter_html(DecisionLetter.objects.get(application=application))
    assert "Le projet ne relève pas du numérique." in html
    assert "n'est pas accordée" in html
    assert "2023/2831" not in html


def test_a_letter_in_english_is_written_in_english():
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    _approve(application)
    letter = DecisionLetter.objects.get(application=application)
    letter.language = "en"
    html = letters.letter_html(letter)
    assert "Your digitalisation grant is approved" in html
    assert "Regulation (EU) 2023/2831" in html


def test_a_failed_letter_is_rendered_again_and_emailed_once(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    _approve(application)  # its task's message is not sent (no commit here)
    letter = failed_letter(application)
    assert letter.status == DecisionLetter.Status.FAILED
    with django_capture_on_commit_callbacks(execute=True):
        letters.letter_retry(letter)
    letter.refresh_from_db()
    assert letter.status == DecisionLetter.Status.READY and letter.attempts == 1
    assert len(_letter_mails(mailoutbox)) == 1


def test_a_letter_that_did_not_fail_is_not_rendered_again(english):
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    _approve(application)
    letter = ready_letter(application)
    with pytest.raises(Exception, match="This letter has not failed"):
        letters.letter_retry(letter)
    letter.refresh_from_db()
    assert letter.status == DecisionLetter.Status.READY


def test_a_pending_letter_whose_message_was_lost_is_queued_again(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    _approve(application)  # the render's message is lost: nothing commits here
    DecisionLetter.objects.update(queued_at=timezone.now() - jobs.REQUEUE_AFTER)
    with django_capture_on_commit_callbacks(execute=True):
        assert requeue_stale_decision_letters.delay().get() == 1
    letter = DecisionLetter.objects.get()
    assert letter.status == DecisionLetter.Status.READY
    assert requeue_stale_decision_letters.delay().get() == 0
    assert len(_letter_mails(mailoutbox)) == 1


def test_a_render_run_twice_emails_the_letter_once():
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    _approve(application)
    letter = ready_letter(application)
    assert Email.objects.filter(attachments__isnull=False).count() == 1
    # A second attempt finds the letter no longer pending: it renders and sends nothing.
    assert letters.letter_claim(letter.pk, token="other") is None
    # An attempt that lost its claim meanwhile stores nothing and sends nothing.
    assert not letters.letter_finish(letter, pdf=b"%PDF-late", token="lost")
    assert Email.objects.filter(attachments__isnull=False).count() == 1


def test_with_the_broker_down_the_letter_email_and_its_pdf_wait_in_the_queue(
    request, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    _approve(application)
    request.getfixturevalue("broker_down")
    with django_capture_on_commit_callbacks(execute=True):
        ready_letter(application, pdf=b"%PDF-1.4 la lettre")
    email = Email.objects.get(attachments__isnull=False)
    assert email.status == STATUS.queued and not _letter_mails(mailoutbox)
    # The periodic delivery sends it later, with its PDF.
    assert outbox.mail_deliver(ids=[email.pk]) == 1
    [message] = _letter_mails(mailoutbox)
    assert message.attachments[0][1] == b"%PDF-1.4 la lettre"


# --- the e-mails of each move --------------------------------------------------------------


def _bodies(message) -> str:
    return message.body + "".join(body for body, _type in message.alternatives)


def _to_applicant(mailoutbox, email):
    return [m for m in mailoutbox if m.to == [email]]


def test_a_submission_is_acknowledged_with_what_happens_next(
    mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin").user
    with django_capture_on_commit_callbacks(execute=True):
        make_application(admin.memberships.get().organisation, Status.SUBMITTED, by=admin)
    [message] = _to_applicant(mailoutbox, admin.email)
    assert "nous avons bien reçu votre demande" in message.subject
    assert "dans les 10 jours" in message.body


def test_an_information_request_gives_the_message_and_a_link_to_answer(
    mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin").user
    application = make_application(admin.memberships.get().organisation, Status.SCREENING, by=admin)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.info_request(
            application,
            by=AgencyStaffFactory(),
            message="Joignez le devis du fournisseur.",
            internal_comment=SECRET,
        )
    [message] = _to_applicant(mailoutbox, admin.email)
    assert "Joignez le devis du fournisseur." in message.body
    assert f"/grants/applications/{application.pk}/respond/" in message.body
    assert SECRET not in _bodies(message) and SECRET not in message.subject


def test_the_decision_emails_give_the_amount_and_the_reasons_never_the_internal_comment(
    mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin").user
    application = make_application(admin.memberships.get().organisation, Status.IN_REVIEW, by=admin)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _approve(application, internal_comment=SECRET)
    messages = _to_applicant(mailoutbox, admin.email)
    decision = next(m for m in messages if not m.attachments)
    assert "accordée" in decision.subject
    assert "9 000,00 €" in _plain(decision.body)
    assert "Un projet clair, au budget réaliste." in decision.body
    assert "lettre de décision" in decision.body
    for message in mailoutbox:
        assert SECRET not in _bodies(message) and SECRET not in message.subject


def test_a_rejection_email_gives_the_reasons(mailoutbox, django_capture_on_commit_callbacks):
    admin = MembershipFactory(role="admin").user
    application = make_application(admin.memberships.get().organisation, Status.IN_REVIEW, by=admin)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.application_reject(
            application, by=AgencyStaffFactory(), reasons="Hors champ.", internal_comment=SECRET
        )
    decision = next(m for m in _to_applicant(mailoutbox, admin.email) if not m.attachments)
    assert "n'a pas accordé" in decision.body and "Hors champ." in decision.body
    assert SECRET not in _bodies(decision)


def test_the_signed_agreement_announces_the_advance(mailoutbox, django_capture_on_commit_callbacks):
    admin = MembershipFactory(role="admin").user
    application = make_application(admin.memberships.get().organisation, Status.APPROVED, by=admin)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.agreement_sign(
            application, by=AgencyStaffFactory(), signed_on=timezone.localdate()
        )
    [message] = _to_applicant(mailoutbox, admin.email)
    assert "convention" in message.subject
    # 50 % of the 9,680 approved.
    assert "4 840,00 €" in _plain(message.body)


def test_closing_tells_what_was_paid(mailoutbox, django_capture_on_commit_callbacks):
    admin = MembershipFactory(role="admin").user
    application = make_application(admin.memberships.get().organisation, Status.REPORTED, by=admin)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        advance(application, Status.CLOSED)
    # The balance's e-mail tells it (with the payment's reference), once.
    [message] = _to_applicant(mailoutbox, admin.email)
    assert "clôturée" in message.body
    assert "4 840,00 €" in _plain(message.body)


def test_a_move_in_english_is_told_in_english(
    mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.LANGUAGE_CODE = "en"
    admin = MembershipFactory(role="admin").user
    with django_capture_on_commit_callbacks(execute=True):
        make_application(
            admin.memberships.get().organisation, Status.SUBMITTED, by=admin, call=make_call()
        )
    [message] = _to_applicant(mailoutbox, admin.email)
    assert "we have received your grant application" in message.subject
    assert "screens it within 10 days" in message.body
