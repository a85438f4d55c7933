"""Reads of the public directory: the search, the filters' queries, the counts by province,
a public profile's themes and experiences."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import Lower

from digitalees.db import Unaccent
from network.models import Experience, Organisation, Topic
from network.text import fold

PAGE_SIZE = 24
# A search of more words than this keeps the first ones: each word is one more condition.
MAX_WORDS = 8

# What a card of the list shows (and what decides it): the rest of the row (the search
# text, the private fields) is not read.
CARD_FIELDS = (
    "name",
    "slug",
    "legal_form",
    "sector",
    "province",
    "municipality",
    "social_purpose",
    "logo",
    "public_logo",
    "public_municipality",
    "public_social_purpose",
)


def themes() -> list[Topic]:
    """The digital themes (the diagnostic's dimensions, as topics), by name in the reader's
    language."""
    return sorted(Topic.objects.all(), key=lambda topic: fold(topic.tr("name")))


def public_organisations() -> QuerySet[Organisation]:
    return Organisation.objects.public()


def _word_condition(word: str) -> Q:
    """The organisation shows `word` publicly: in its name, or in its municipality or social
    purpose if it shows them. search_text folds the three together; an organisation that
    hides one is searched in the others alone, so that a search never reveals hidden text."""
    shows_all = Q(public_social_purpose=True, public_municipality=True)
    in_shown_parts = (
        Q(folded_name__contains=word)
        | Q(public_municipality=True, folded_municipality__contains=word)
        | Q(public_social_purpose=True, folded_purpose__contains=word)
    )
    return (shows_all & Q(search_text__contains=word)) | (~shows_all & in_shown_parts)


def search(queryset: QuerySet[Organisation], text: str) -> QuerySet[Organisation]:
    """Organisations that show every word of `text`, accents and case ignored."""
    words = fold(text).split()[:MAX_WORDS]
    if not words:
        return queryset
    queryset = queryset.alias(
        folded_name=Lower(Unaccent(F("name"))),
        folded_municipality=Lower(Unaccent(F("municipality"))),
        folded_purpose=Lower(Unaccent(F("social_purpose"))),
    )
    for word in words:
        queryset = queryset.filter(_word_condition(word))
    return queryset


def with_theme(queryset: QuerySet[Organisation], code: str) -> QuerySet[Organisation]:
    """Organisations that chose the theme, or whose published experiences concern it."""
    chosen = Organisation.themes.through.objects.filter(
        organisation=OuterRef("pk"), topic__code=code
    )
    shared = Experience.topics.through.objects.filter(
        experience__organisation=OuterRef("pk"),
        experience__status=Experience.Status.PUBLISHED,
        topic__code=code,
    )
    return queryset.filter(Exists(chosen) | Exists(shared))


def counts_by_province(queryset: QuerySet[Organisation]) -> dict[str, int]:
    """How many organisations of `queryset` in each province (every province named)."""
    counts = dict.fromkeys(Organisation.Province.values, 0)
    rows = queryset.order_by().values_list("province").annotate(n=Count("pk"))
    for province, n in rows:
        counts[province] = n
    return counts


@dataclass
class DirectoryPage:
    page: Page
    counts: dict[str, int]  # by province, whatever the province filter
    total: int  # the organisations listed (in the chosen province, if any)


def directory_page(
    queryset: QuerySet[Organisation], *, province: str | None, page_number
) -> DirectoryPage:
    """A page of the list: `queryset` filtered by everything but the province, which this
    applies. The total is the province's count (or their sum): no second count."""
    counts = counts_by_province(queryset)
    total = counts.get(province, 0) if province else sum(counts.values())
    if province:
        queryset = queryset.filter(province=province)
    # By name, along org_public_directory_idx: a page costs a few rows read, not a sort of
    # every public organisation (by the folded search_text, 30 ms at 6,600 against 0.1 ms).
    # The order is the database's collation's: a French one sorts "Énergie" with the E's.
    listed = queryset.only(*CARD_FIELDS).order_by("name", "pk")
    paginator = Paginator(listed, PAGE_SIZE)
    paginator.count = total  # a cached property: known already
    return DirectoryPage(page=paginator.get_page(page_number), counts=counts, total=total)


def profile_themes(organisation: Organisation) -> list[Topic]:
    """The themes an organisation chose and those of its published experiences."""
    shared = Experience.topics.through.objects.filter(
        topic=OuterRef("pk"),
        experience__organisation=organisation,
        experience__status=Experience.Status.PUBLISHED,
    )
    chosen = Organisation.themes.through.objects.filter(
        topic=OuterRef("pk"), organisation=organisation
    )
    topics = Topic.objects.filter(Exists(chosen) | Exists(shared))
    return sorted(topics, key=lambda topic: fold(topic.tr("name")))


def published_experiences(organisation: Organisation) -> QuerySet[Experience]:
    return (
        organisation.experiences.published()
        .only("slug", "title", "published_at", "organisation_id")
        .order_by("-published_at", "pk")
    )
