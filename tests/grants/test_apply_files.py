"""Uploads checked by their content (grants.files.check_upload), and the private download:
only those who may see the application get the file, as an attachment never sniffed, and
the file has no public address."""

import io
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from grants import services
from grants.files import MAX_BYTES, check_upload
from grants.models import Attachment, Status
from tests.factories import CoachAssignmentFactory, MembershipFactory, UserFactory
from tests.grants.factories import make_application, make_draft, pdf_file, png_file, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refusal(upload) -> str:
    with pytest.raises(ValidationError) as caught:
        check_upload(upload)
    return " ".join(caught.value.messages)


def test_a_pdf_named_pdf_is_accepted():
    checked = check_upload(pdf_file("devis.pdf"))
    assert checked.content_type == "application/pdf"
    assert checked.name == "devis.pdf"


def test_a_real_word_document_is_accepted():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as document:
        document.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
            '2006/content-types"><Override PartName="/word/document.xml"/></Types>',
        )
        document.writestr("word/document.xml", "<w:document/>")
    upload = SimpleUploadedFile("statuts.docx", buffer.getvalue())
    assert check_upload(upload).content_type.endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    "upload",
    [
        png_file("devis.pdf"),
        SimpleUploadedFile("devis.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 200),
        SimpleUploadedFile("statuts.docx", b"Ceci est un simple texte.\n" * 20),
    ],
    ids=["png-renamed-pdf", "exe-renamed-pdf", "text-renamed-docx"],
)
def test_a_file_that_is_not_what_its_name_says_is_refused(upload):
    assert "This file is not what its name says" in refusal(upload)


def test_a_file_over_10_mb_is_refused():
    body = pdf_file().read() + b"\x00" * (11 * 1024 * 1024)
    upload = SimpleUploadedFile("gros.pdf", body, content_type="application/pdf")
    assert upload.size > MAX_BYTES
    assert "The file must weigh 10 MB at most" in refusal(upload)


def test_an_image_over_50_million_pixels_is_refused():
    upload = png_file("plan.png", size=(8000, 8000))  # 64 Mpx, a few hundred kB
    assert upload.size < MAX_BYTES
    assert "50 million pixels at most" in refusal(upload)


def test_a_refused_upload_leaves_no_attachment(organisation):
    application = make_draft(organisation, complete=False)
    with pytest.raises(ValidationError):
        services.attachment_add(application, by=application.created_by, file=png_file("devis.pdf"))
    assert not Attachment.objects.filter(application=application).exists()


# --- The download ----------------------------------------------------------------------


@pytest.fixture
def attachment(organisation):
    application = make_draft(organisation, complete=False)
    return services.attachment_add(
        application, by=application.created_by, file=pdf_file("devis-signé.pdf")
    )


def download(client, attachment):
    return client.get(reverse("grants:attachment_download", kwargs={"pk": attachment.pk}))


def test_the_member_downloads_the_file_as_an_attachment_never_sniffed(client, attachment):
    member = MembershipFactory(organisation=attachment.application.organisation).user
    client.force_login(member)
    response = download(client, attachment)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_assigned_coach_the_agency_and_an_assigned_reviewer_download_it(
    client, organisation, settings
):
    settings.STAFF_REQUIRE_MFA = False
    from tests.factories import AgencyStaffFactory

    application = make_application(organisation, Status.SUBMITTED)
    expert = reviewer()
    services.reviewer_assign(application, reviewer=expert, by=AgencyStaffFactory())
    attachment = Attachment.objects.create(
        application=application,
        original_name="devis.pdf",
        content_type="application/pdf",
        size=10,
        file=_stored(),
    )
    for user in (
        CoachAssignmentFactory(organisation=organisation).coach,
        AgencyStaffFactory(),
        expert,
    ):
        client.force_login(user)
        assert download(client, attachment).status_code == 200, user


def _stored():
    from digitalees.storage import private_storage
    from grants.models import attachment_path

    return private_storage().save(attachment_path(None, "devis.pdf"), pdf_file())


def test_strangers_get_404_and_anonymous_visitors_the_login_page(client, attachment):
    client.force_login(MembershipFactory(role="admin").user)  # another organisation's
    assert download(client, attachment).status_code == 404
    client.force_login(UserFactory())
    assert download(client, attachment).status_code == 404
    client.force_login(CoachAssignmentFactory().coach)  # another organisation's coach
    assert download(client, attachment).status_code == 404
    client.force_login(reviewer())  # a reviewer not assigned to it
    assert download(client, attachment).status_code == 404
    client.logout()
    response = download(client, attachment)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_a_reviewer_with_a_declared_conflict_no_longer_gets_the_file(client, organisation):
    from tests.factories import AgencyStaffFactory

    application = make_application(organisation, Status.SUBMITTED)
    expert = reviewer()
    assignment = services.reviewer_assign(application, reviewer=expert, by=AgencyStaffFactory())
    services.conflict_declare(assignment, conflict=True, details="Ancien administrateur.")
    attachment = Attachment.objects.create(
        application=application,
        original_name="devis.pdf",
        content_type="application/pdf",
        size=10,
        file=_stored(),
    )
    client.force_login(expert)
    assert download(client, attachment).status_code == 404


def test_the_file_is_stored_under_a_random_name_outside_any_public_url(attachment):
    name = attachment.file.name
    assert "devis" not in name
    assert name.startswith("grants/attachments/")
    with pytest.raises(ValueError):
        _ = attachment.file.url
    private_root = str(settings.PRIVATE_MEDIA_ROOT)
    assert not private_root.startswith(str(settings.MEDIA_ROOT))
    assert attachment.file.path.startswith(private_root)
