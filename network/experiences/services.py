"""Writes on experiences: drafting, moderation steps, photos.

Every status move records an ExperienceModeration row and e-mails those concerned (a
submission: agency staff; a publication, a return or a refusal: the organisation's members,
with the moderator's remarks). The story is formatted text, cleaned by nh3 on write: what is
stored is safe to show as it is. `search_text` and each item's `key` are folded
(network.text.fold) here, on every write, from the same pure functions as the bulk variant.
"""

import html
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from io import BytesIO

import filetype
import nh3
from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchVector
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import linebreaks, strip_tags
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from digitalees.figures import figures_changed
from digitalees.mail import send_templated_mail
from digitalees.roles import AGENCY_GROUP
from network.models import (
    Experience,
    ExperienceItem,
    ExperienceModeration,
    ExperiencePhoto,
    Membership,
    ModerationAction,
    Organisation,
    Topic,
)
from network.rules import EDITABLE_EXPERIENCE
from network.selectors import ACTIVITY_DATA
from network.text import fold

from . import selectors

Kind = ExperienceItem.Kind
Status = Experience.Status
Action = ExperienceModeration.Action

# The story's formatting: what a few paragraphs, lists, quotes and links need, nothing that
# could run or restyle the page.
STORY_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote"}
STORY_ATTRIBUTES = {"a": {"href"}}
STORY_URL_SCHEMES = {"http", "https", "mailto"}
STORY_MAX_LENGTH = 20_000
_HAS_TAG = re.compile(r"<\s*/?\s*[a-zA-Z]")

# Slugs that name another page under experiences/.
RESERVED_SLUGS = {"feed"}

# Photos: recognised by content, bounded before they are decoded, stored re-encoded.
PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_PIXELS = 40_000_000
PHOTO_STORED_SIDE = 1600
PHOTO_TYPES = {"jpg", "png", "webp"}


# --- Pure functions (shared by the single and the bulk writes) -----------------------


def clean_story(story: str) -> str:
    """The story as it may be shown: plain text becomes paragraphs; tags outside the
    allow-list go (their text stays, a script's goes too), links get rel="noopener
    nofollow" and only http, https and mailto addresses."""
    story = (story or "").strip()
    if not story:
        return ""
    if not _HAS_TAG.search(story):
        story = linebreaks(story, autoescape=True)
    return nh3.clean(
        story,
        tags=STORY_TAGS,
        attributes=STORY_ATTRIBUTES,
        link_rel="noopener nofollow",
        url_schemes=STORY_URL_SCHEMES,
    ).strip()


def story_text(story: str) -> str:
    """The cleaned story without its tags, as words (search, excerpts)."""
    return html.unescape(strip_tags(story.replace("<", " <")))


def normalise_items(items: Mapping[str, Sequence[str]] | None) -> list[tuple[str, int, str]]:
    """(kind, position, text) of the texts given, positions 1..3 kept as typed, blanks
    dropped; ValidationError for an unknown kind or more than three of one."""
    rows = []
    for kind, texts in (items or {}).items():
        if kind not in Kind.values:
            raise ValidationError(_("Unknown kind of item: %(kind)s.") % {"kind": kind})
        texts = list(texts)
        if len(texts) > ExperienceItem.PER_KIND:
            raise ValidationError(
                _("Three items of each kind at most (%(kind)s).") % {"kind": Kind(kind).label}
            )
        for position, text in enumerate(texts, start=1):
            text = " ".join((text or "").split())
            if text:
                if len(text) > 300:
                    raise ValidationError(
                        _("An item holds 300 characters at most: “%(text)s…”.")
                        % {"text": text[:40]}
                    )
                rows.append((kind, position, text))
    return rows


def search_vectors_refresh(pks: Iterable[int]) -> None:
    """Store the French tsvector of these experiences' search_text (PostgreSQL: the
    full-text search reads the stored, indexed column; elsewhere nothing to store)."""
    if connection.vendor == "postgresql":
        Experience.objects.filter(pk__in=list(pks)).update(
            search_vector=SearchVector("search_text", config="french")
        )


def search_text_of(*, title: str, why: str, story: str, item_texts: Iterable[str]) -> str:
    return fold(" ".join((title, why, story_text(story), *item_texts)))


def _slug_base(title: str) -> str:
    base = slugify(title)[:200] or "experience"
    return f"{base}-2" if base in RESERVED_SLUGS else base


def _unique_slug(title: str, *, taken: set[str] | None = None) -> str:
    base = _slug_base(title)
    slug, n = base, 2
    while (
        (taken is not None and slug in taken)
        or slug in RESERVED_SLUGS
        or Experience.objects.filter(slug=slug).exists()
    ):
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_fields(fields: Mapping) -> dict:
    title = " ".join((fields.get("title") or "").split())
    if not title:
        raise ValidationError({"title": _("Give the experience a title.")})
    story = fields.get("story") or ""
    if len(story) > STORY_MAX_LENGTH:
        raise ValidationError(
            {"story": _("The story holds %(max)s characters at most.") % {"max": STORY_MAX_LENGTH}}
        )
    return {
        "title": title[:200],
        "language": fields.get("language") or "fr",
        "why": (fields.get("why") or "").strip(),
        "story": clean_story(story),
    }


def _write_items(experience: Experience, rows: list[tuple[str, int, str]]) -> None:
    experience.items.all().delete()
    ExperienceItem.objects.bulk_create(
        ExperienceItem(
            experience=experience, kind=kind, position=position, text=text, key=fold(text)
        )
        for kind, position, text in rows
    )


# --- Drafting ---------------------------------------------------------------------------


@transaction.atomic
def experience_create(
    *,
    organisation: Organisation,
    author,
    title: str,
    why: str = "",
    story: str = "",
    language: str = "fr",
    items: Mapping[str, Sequence[str]] | None = None,
    topics: Iterable[Topic] = (),
) -> Experience:
    """A draft experience of the organisation; items may still be missing (submitting
    asks for them all)."""
    fields = _check_fields({"title": title, "why": why, "story": story, "language": language})
    rows = normalise_items(items)
    now = timezone.now()
    experience = Experience(
        organisation=organisation,
        author=author,
        slug=_unique_slug(fields["title"]),
        created_at=now,
        updated_at=now,
        search_text=search_text_of(item_texts=(t for _k, _p, t in rows), **_text_fields(fields)),
        **fields,
    )
    experience.full_clean(exclude=["why"])
    experience.save()
    search_vectors_refresh([experience.pk])
    _write_items(experience, rows)
    experience.topics.set(list(topics))
    return experience


def _text_fields(fields: Mapping) -> dict:
    return {"title": fields["title"], "why": fields["why"], "story": fields["story"]}


@transaction.atomic
def experience_update(
    *,
    experience: Experience,
    title: str,
    why: str = "",
    story: str = "",
    language: str = "fr",
    items: Mapping[str, Sequence[str]] | None = None,
    topics: Iterable[Topic] = (),
) -> Experience:
    """Save an edit of a draft or of an experience sent back (not while the moderator has
    it, nor once published or refused)."""
    experience = _locked(experience)
    if experience.status not in EDITABLE_EXPERIENCE:
        raise ValidationError(
            _("This experience can no longer be changed: it is %(status)s.")
            % {"status": experience.get_status_display().lower()}
        )
    fields = _check_fields({"title": title, "why": why, "story": story, "language": language})
    rows = normalise_items(items)
    for name, value in fields.items():
        setattr(experience, name, value)
    experience.search_text = search_text_of(
        item_texts=(t for _k, _p, t in rows), **_text_fields(fields)
    )
    experience.updated_at = timezone.now()
    experience.full_clean(exclude=["why", "slug"])
    experience.save()
    search_vectors_refresh([experience.pk])
    _write_items(experience, rows)
    experience.topics.set(list(topics))
    return experience


def _locked(experience: Experience) -> Experience:
    """The stored row, locked: two moves at once each see what the other left."""
    locked = Experience.objects.select_for_update().get(pk=experience.pk)
    locked.organisation = experience.organisation
    return locked


def missing_for_submission(experience: Experience) -> list[str]:
    """What an experience lacks before it may be submitted, as sentences (empty: ready)."""
    missing = []
    if not experience.title.strip():
        missing.append(_("a title"))
    if not experience.why.strip():
        missing.append(_("why digitalise"))
    counts = dict.fromkeys(Kind.values, 0)
    for item in experience.items.all():
        counts[item.kind] += 1
    for kind in Kind:
        if counts[kind.value] < ExperienceItem.PER_KIND:
            missing.append(
                _("three items of “%(kind)s” (%(count)s given)")
                % {"kind": kind.label, "count": counts[kind.value]}
            )
    return missing


# --- Moderation ---------------------------------------------------------------------------


def _record(experience: Experience, action: str, by, remarks: str = "") -> ExperienceModeration:
    return ExperienceModeration.objects.create(
        experience=experience, action=action, by=by, remarks=remarks, at=timezone.now()
    )


@transaction.atomic
def experience_submit(*, experience: Experience, by) -> Experience:
    experience = _locked(experience)
    if experience.status not in EDITABLE_EXPERIENCE:
        raise ValidationError(_("This experience is not a draft: it cannot be submitted."))
    missing = missing_for_submission(experience)
    if missing:
        raise ValidationError(
            _("Before submitting, add: %(missing)s.") % {"missing": "; ".join(missing)}
        )
    experience.status = Status.SUBMITTED
    experience.submitted_at = timezone.now()
    experience.save(update_fields=["status", "submitted_at"])
    _record(experience, Action.SUBMITTED, by)
    _notify_agency(experience)
    return experience


def _remarks(remarks: str, *, required: bool) -> str:
    remarks = (remarks or "").strip()
    if required and not remarks:
        raise ValidationError(
            {"remarks": _("Write your remarks: the organisation needs them to understand.")}
        )
    return remarks


def _moderate(
    experience: Experience, *, by, to: str, action: ModerationAction, remarks: str, from_status
):
    experience = _locked(experience)
    if experience.status not in from_status:
        raise ValidationError(
            _("This experience is %(status)s: nothing was changed.")
            % {"status": experience.get_status_display().lower()}
        )
    experience.status = to
    experience.remarks = remarks
    if to == Status.PUBLISHED:
        experience.published_at = timezone.now()
    elif action == Action.UNPUBLISHED:
        experience.published_at = None
    experience.save(update_fields=["status", "remarks", "published_at"])
    if Status.PUBLISHED in (to, *from_status):
        transaction.on_commit(selectors.forget_most_cited)
    _record(experience, action, by, remarks)
    _notify_members(experience, action)
    return experience


@transaction.atomic
def experience_publish(*, experience: Experience, by, remarks: str = "") -> Experience:
    return _moderate(
        experience,
        by=by,
        to=Status.PUBLISHED,
        action=Action.PUBLISHED,
        remarks=_remarks(remarks, required=False),
        from_status=(Status.SUBMITTED,),
    )


@transaction.atomic
def experience_return(*, experience: Experience, by, remarks: str) -> Experience:
    return _moderate(
        experience,
        by=by,
        to=Status.RETURNED,
        action=Action.RETURNED,
        remarks=_remarks(remarks, required=True),
        from_status=(Status.SUBMITTED,),
    )


@transaction.atomic
def experience_refuse(*, experience: Experience, by, remarks: str) -> Experience:
    return _moderate(
        experience,
        by=by,
        to=Status.REFUSED,
        action=Action.REFUSED,
        remarks=_remarks(remarks, required=True),
        from_status=(Status.SUBMITTED,),
    )


@transaction.atomic
def experience_unpublish(*, experience: Experience, by, remarks: str) -> Experience:
    """Take a published experience off the public pages: it goes back to its organisation
    (sent back, with the remarks), which may change it and submit it again."""
    return _moderate(
        experience,
        by=by,
        to=Status.RETURNED,
        action=Action.UNPUBLISHED,
        remarks=_remarks(remarks, required=True),
        from_status=(Status.PUBLISHED,),
    )


def _agency_emails() -> list[str]:
    users = get_user_model().objects.filter(
        Q(groups__name=AGENCY_GROUP) | Q(is_superuser=True), is_active=True
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def _member_emails(organisation: Organisation) -> list[str]:
    emails = Membership.objects.filter(organisation=organisation, user__is_active=True).values_list(
        "user__email", flat=True
    )
    return sorted({email for email in emails if email})


def _notify_agency(experience: Experience) -> None:
    to = _agency_emails()
    if not to:
        return
    send_templated_mail(
        template="email/network/experience_submitted",
        to=to,
        context={
            "title": experience.title,
            "organisation_name": experience.organisation.name,
            "moderation_path": reverse("network:experience_moderate", kwargs={"pk": experience.pk}),
        },
    )


NOTICES = {
    Action.PUBLISHED: "email/network/experience_published",
    Action.RETURNED: "email/network/experience_returned",
    Action.REFUSED: "email/network/experience_refused",
    Action.UNPUBLISHED: "email/network/experience_unpublished",
}


def _notify_members(experience: Experience, action: ModerationAction) -> None:
    to = _member_emails(experience.organisation)
    if not to:
        return
    send_templated_mail(
        template=NOTICES[action],
        to=to,
        language=experience.language,
        context={
            "title": experience.title,
            "organisation_name": experience.organisation.name,
            "remarks": experience.remarks,
            "public_path": experience.get_absolute_url(),
            "list_path": reverse(
                "network:organisation_experiences", kwargs={"slug": experience.organisation.slug}
            ),
            "edit_path": reverse("network:experience_edit", kwargs={"pk": experience.pk}),
        },
    )


# --- Photos ------------------------------------------------------------------------------


def _check_photo(file) -> None:
    if not file:
        raise ValidationError({"image": _("Choose a photo to upload.")})
    if file.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            {
                "image": _("A photo must weigh %(max)s MB at most; this one weighs %(size)s MB.")
                % {
                    "max": PHOTO_MAX_BYTES // (1024 * 1024),
                    "size": number_format(file.size / (1024 * 1024), 1),
                }
            }
        )
    file.seek(0)
    kind = filetype.guess(file.read(8192))
    file.seek(0)
    if kind is None or kind.extension not in PHOTO_TYPES:
        raise ValidationError(
            {"image": _("This file is not a photo we accept: upload a JPEG, PNG or WebP image.")}
        )


def _reencode_photo(file) -> tuple[bytes, int, int]:
    """A WebP of bounded size drawn from the photo's pixels alone: no metadata (camera,
    location), turned upright as the camera said."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                if width * height > PHOTO_MAX_PIXELS:
                    raise Image.DecompressionBombError
                image.draft("RGB", (PHOTO_STORED_SIDE, PHOTO_STORED_SIDE))
                picture = ImageOps.exif_transpose(image)
                picture.thumbnail((PHOTO_STORED_SIDE, PHOTO_STORED_SIDE))
                if picture.mode not in ("RGB", "RGBA"):
                    picture = picture.convert("RGBA" if "A" in picture.mode else "RGB")
                encoded = BytesIO()
                picture.save(encoded, format="WEBP", quality=85)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ValidationError(
            {
                "image": _("A photo must hold %(max)s million pixels at most.")
                % {"max": PHOTO_MAX_PIXELS // 1_000_000}
            }
        ) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise ValidationError(
            {"image": _("This photo cannot be read: save it again as JPEG, PNG or WebP.")}
        ) from exc
    finally:
        file.seek(0)
    return encoded.getvalue(), picture.width, picture.height


@transaction.atomic
def photo_add(*, experience: Experience, file, alt_text: str, caption: str = "") -> ExperiencePhoto:
    experience = _locked(experience)
    if experience.status not in EDITABLE_EXPERIENCE:
        raise ValidationError(_("Photos can be added only to a draft or an experience sent back."))
    alt_text = " ".join((alt_text or "").split())
    if not alt_text:
        raise ValidationError({"alt_text": _("Describe the photo for people who cannot see it.")})
    count = experience.photos.count()
    if count >= ExperiencePhoto.MAX_PER_EXPERIENCE:
        raise ValidationError(
            _("An experience holds %(max)s photos at most: remove one first.")
            % {"max": ExperiencePhoto.MAX_PER_EXPERIENCE}
        )
    _check_photo(file)
    content, width, height = _reencode_photo(file)
    photo = ExperiencePhoto(
        experience=experience,
        width=width,
        height=height,
        alt_text=alt_text[:250],
        caption=" ".join((caption or "").split())[:250],
        position=count + 1,
    )
    photo.image.save("photo.webp", ContentFile(content), save=False)
    photo.save()
    return photo


@transaction.atomic
def photo_remove(*, photo: ExperiencePhoto) -> None:
    experience = _locked(photo.experience)
    if experience.status not in EDITABLE_EXPERIENCE:
        raise ValidationError(
            _("Photos can be removed only from a draft or an experience sent back.")
        )
    name, storage = photo.image.name, photo.image.storage
    photo.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


# --- Bulk (the demo, the bench) ---------------------------------------------------------


@transaction.atomic
def experiences_create_bulk(*, experiences: Sequence[Mapping], batch_size: int = 500) -> list:
    """Many experiences at once, written as experience_create and the moderation steps
    leave them: each mapping holds organisation, author, title, why, story, items, and
    optionally status, published_at/submitted_at and topic codes (`topics`). No e-mail."""
    bases = {_slug_base(e["title"]) for e in experiences}
    taken = set(Experience.objects.filter(slug__in=bases).values_list("slug", flat=True))
    topics = {t.code: t for t in Topic.objects.all()}
    rows, all_items = [], []
    now = timezone.now()
    for data in experiences:
        fields = _check_fields(data)
        items = normalise_items(data.get("items"))
        base = _slug_base(fields["title"])
        slug = _unique_slug(fields["title"], taken=taken) if base in taken else base
        taken.add(slug)
        status = data.get("status", Status.DRAFT)
        experience = Experience(
            organisation=data["organisation"],
            author=data.get("author"),
            slug=slug,
            status=status,
            created_at=data.get("created_at", now),
            updated_at=data.get("created_at", now),
            submitted_at=data.get("submitted_at") or (now if status != Status.DRAFT else None),
            published_at=data.get("published_at") or (now if status == Status.PUBLISHED else None),
            remarks=data.get("remarks", ""),
            search_text=search_text_of(
                item_texts=(t for _k, _p, t in items), **_text_fields(fields)
            ),
            **fields,
        )
        rows.append(experience)
        all_items.append(items)
    created = Experience.objects.bulk_create(rows, batch_size=batch_size)
    search_vectors_refresh(e.pk for e in created)
    transaction.on_commit(selectors.forget_most_cited)
    # No save signal for bulk rows: the public figures are told here (network.receivers
    # tells them for the rows saved one by one).
    figures_changed(ACTIVITY_DATA)
    ExperienceItem.objects.bulk_create(
        (
            ExperienceItem(experience=e, kind=kind, position=pos, text=text, key=fold(text))
            for e, items in zip(created, all_items, strict=True)
            for kind, pos, text in items
        ),
        batch_size=batch_size * 15,
    )
    through = Experience.topics.through
    through.objects.bulk_create(
        (
            through(experience_id=e.pk, topic_id=topics[code].pk)
            for e, data in zip(created, experiences, strict=True)
            for code in data.get("topics", ())
            if code in topics
        ),
        batch_size=batch_size * 5,
    )
    return created
