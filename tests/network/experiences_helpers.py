"""Helpers of the experiences' tests: complete items, images to upload, drafts written
through the services."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from network.experiences import services
from network.models import ExperienceItem

Kind = ExperienceItem.Kind

ITEMS = {
    Kind.DIFFICULTY: ["Le temps manque", "La résistance au changement", "Le budget"],
    Kind.TIP: ["Bloquer une demi-journée", "Impliquer l'équipe", "Demander de l'aide"],
    Kind.PHASE: ["Le diagnostic", "Le plan", "La mise en œuvre"],
    Kind.TOOL: ["Nextcloud", "Canva", "Odoo"],
    Kind.KEYWORD: ["Patience", "Écoute", "Partage"],
}


def form_data(**overrides) -> dict:
    """The experience form's POST data, complete."""
    data = {
        "title": "Notre passage au numérique",
        "language": "fr",
        "why": "Pour gagner du temps sur l'administratif.",
        "story": "<p>Nous avons commencé par le diagnostic.</p>",
    }
    for kind, texts in ITEMS.items():
        for n, text in enumerate(texts, start=1):
            data[f"{kind}_{n}"] = text
    data.update(overrides)
    return data


def draft(organisation, author, **fields):
    values = {
        "title": "Notre passage au numérique",
        "why": "Pour gagner du temps sur l'administratif.",
        "story": "<p>Nous avons commencé par le diagnostic.</p>",
        "items": ITEMS,
        **fields,
    }
    return services.experience_create(organisation=organisation, author=author, **values)


def image_upload(
    name="photo.jpg", *, size=(64, 48), fmt="JPEG", exif=None, color=(200, 30, 30)
) -> SimpleUploadedFile:
    buffer = BytesIO()
    image = Image.new("RGB", size, color)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(buffer, format=fmt, **kwargs)
    content_type = {"JPEG": "image/jpeg", "PNG": "image/png"}.get(fmt, "application/octet-stream")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=content_type)
