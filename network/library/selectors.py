"""Reads of the resource library: the public list with its search and filters, the agency's
list, the topics to filter by."""

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet
from django.utils.translation import get_language

from network.models import Resource, Topic
from network.selectors import library_version
from network.text import fold

PAGE_SIZE = 24
STAFF_PAGE_SIZE = 50
SEARCH_INDEX_SECONDS = 24 * 60 * 60


def _title_order() -> str:
    # Both titles are required: the reader's language orders the list.
    return "title_en" if (get_language() or "fr")[:2] == "en" else "title_fr"


def topics() -> list[Topic]:
    """The library's topics (the diagnostic's dimensions), in the reader's language order."""
    return sorted(Topic.objects.all(), key=lambda topic: fold(topic.tr("name")))


def _search_index() -> dict[int, str]:
    """{resource id: its titles and summaries in both languages, folded}. There is no search
    column on Resource: the library holds a few hundred rows, folded here in Python (so that
    accents and case are ignored alike on PostgreSQL and SQLite) and kept in the cache until
    the library changes (its version is in the key)."""
    key = f"network:library:search:{library_version()}"
    index = cache.get(key)
    if index is None:
        index = {
            pk: fold(" ".join(parts))
            for pk, *parts in Resource.objects.values_list(
                "pk", "title_fr", "title_en", "summary_fr", "summary_en"
            )
        }
        cache.set(key, index, SEARCH_INDEX_SECONDS)
    return index


def matching_ids(q: str) -> list[int]:
    """Ids of the resources whose titles or summaries hold every word of `q`."""
    words = fold(q).split()
    return [pk for pk, text in _search_index().items() if all(word in text for word in words)]


def _with_topics(qs: QuerySet) -> QuerySet:
    return qs.prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("code")))


def public_resources(
    *, q: str = "", topic: str = "", kind: str = "", language: str = ""
) -> QuerySet[Resource]:
    """Published resources that open something, searched and filtered, with their topics."""
    qs = Resource.objects.published().openable()
    if q:
        qs = qs.filter(pk__in=matching_ids(q))
    if topic:
        qs = qs.filter(topics__code=topic)  # one code: one row per resource at most
    if kind:
        qs = qs.filter(kind=kind)
    if language:
        qs = qs.filter(language=language)
    return _with_topics(qs).order_by(_title_order(), "pk")


def staff_resources(*, q: str = "", status: str = "") -> QuerySet[Resource]:
    """Every resource, published or not, searched like the public list."""
    qs = Resource.objects.all()
    if q:
        qs = qs.filter(pk__in=matching_ids(q))
    if status == "published":
        qs = qs.filter(is_published=True)
    elif status == "unpublished":
        qs = qs.filter(is_published=False)
    return _with_topics(qs).order_by(_title_order(), "pk")
