"""Writes of the resource library, by agency staff: a resource created, changed, published
or withdrawn, deleted. Each renews the library's cache version once it commits (what the
diagnostic's recommendations and the search read), once per edit: network.receivers, which
do it for the admin's saves, stand aside while a service writes."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from network.models import Resource, Topic
from network.selectors import library_changed

_editing: ContextVar[bool] = ContextVar("network_library_editing", default=False)

SLUG_BASE_LENGTH = 100  # of Resource.slug's 120: room for "-<n>"
SLUG_ATTEMPTS = 5

# What a form's cleared file input gives (ClearableFileInput): the document is removed.
REMOVE = False


def library_edit_in_progress() -> bool:
    """A service of this module is writing: it renews the library's version itself."""
    return _editing.get()


@contextmanager
def _library_edit() -> Iterator[None]:
    token = _editing.set(True)
    try:
        with transaction.atomic():
            yield
            transaction.on_commit(library_changed)
    finally:
        _editing.reset(token)


def _check(resource: Resource) -> None:
    """The model's own rules (lengths, address, kind, language, the document's type) and
    that the resource opens something; every message at once."""
    errors: dict[str, list] = {}
    try:
        resource.full_clean(exclude=["slug"], validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        errors = error.message_dict
    if not (resource.url or resource.body_fr.strip() or resource.body_en.strip() or resource.file):
        errors.setdefault(NON_FIELD_ERRORS, []).append(
            _(
                "A resource must open something: give its address, write its content or "
                "attach a document."
            )
        )
    if errors:
        raise ValidationError(errors)


def _slug_base(title: str) -> str:
    return slugify(title)[:SLUG_BASE_LENGTH].strip("-") or "ressource"


def _free_slug(base: str) -> str:
    taken = set(Resource.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _save_new(resource: Resource) -> None:
    """Saved under a slug of its French title, numbered if another resource has it; a
    resource created at the same instant under the same title takes the next number."""
    base = _slug_base(resource.title_fr)
    for _attempt in range(SLUG_ATTEMPTS):
        resource.slug = _free_slug(base)
        try:
            with transaction.atomic():
                resource.save()
            return
        except IntegrityError:
            if not Resource.objects.filter(slug=resource.slug).exists():
                raise  # another constraint: not the slug's
    raise ValidationError(_("Another resource is being saved under this title: try again."))


def _delete_file_on_commit(storage, name: str) -> None:
    # A replaced or deleted document is no longer downloadable once the change commits.
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def _clean_text(fields: dict) -> dict:
    return {
        name: value.strip() if isinstance(value, str) and name != "url" else value
        for name, value in fields.items()
    }


def resource_create(
    *,
    title_fr: str,
    title_en: str,
    summary_fr: str,
    summary_en: str,
    kind: str,
    language: str,
    topics: Iterable[Topic],
    body_fr: str = "",
    body_en: str = "",
    url: str = "",
    file: UploadedFile | None = None,
    is_published: bool = True,
) -> Resource:
    """A resource of the library, its slug made from its French title. It must open
    something: an address elsewhere, a content of its own or a document."""
    resource = Resource(
        **_clean_text(
            {
                "title_fr": title_fr,
                "title_en": title_en,
                "summary_fr": summary_fr,
                "summary_en": summary_en,
                "body_fr": body_fr,
                "body_en": body_en,
                "url": url,
                "kind": kind,
                "language": language,
                "is_published": is_published,
            }
        )
    )
    if file:
        resource.file = file  # checked by _check (network.validators.validate_resource_file)
    _check(resource)
    topics = list(topics)
    with _library_edit():
        _save_new(resource)
        resource.topics.set(topics)
    return resource


UPDATABLE = (
    "title_fr",
    "title_en",
    "summary_fr",
    "summary_en",
    "body_fr",
    "body_en",
    "url",
    "kind",
    "language",
    "is_published",
)


def resource_update(
    *,
    resource: Resource,
    topics: Iterable[Topic] | None = None,
    file: UploadedFile | bool | None = None,
    **fields,
) -> Resource:
    """Change a resource's fields (those of UPDATABLE), its topics and its document:
    `file` an upload replaces it, REMOVE (False) removes it, None keeps it. Its slug stays:
    links to it (in reports already downloaded) keep working."""
    unknown = set(fields) - set(UPDATABLE)
    if unknown:
        raise TypeError(f"resource_update() cannot change {sorted(unknown)}")
    with _library_edit():
        current = Resource.objects.select_for_update().get(pk=resource.pk)
        old_file = current.file.name
        for name, value in _clean_text(fields).items():
            setattr(current, name, value)
        if file is REMOVE:
            current.file = ""
        elif file:
            current.file = file  # checked by _check
        _check(current)
        current.save()
        if topics is not None:
            current.topics.set(list(topics))
        if old_file and current.file.name != old_file:
            _delete_file_on_commit(current.file.storage, old_file)
    for name in UPDATABLE:
        setattr(resource, name, getattr(current, name))
    resource.file = current.file.name
    return resource


def resource_set_published(*, resource: Resource, published: bool) -> Resource:
    """Show the resource in the library (and the diagnostic's recommendations), or
    withdraw it: its page is then not found, its content kept for later."""
    with _library_edit():
        Resource.objects.filter(pk=resource.pk).update(is_published=published)
    resource.is_published = published
    return resource


def resource_delete(*, resource: Resource) -> None:
    """The resource is gone, and its document with it once the deletion commits."""
    with _library_edit():
        current = Resource.objects.select_for_update().filter(pk=resource.pk).first()
        if current is None:
            return  # already deleted (twice the same click)
        name, storage = current.file.name or "", current.file.storage
        current.delete()
        _delete_file_on_commit(storage, name)
