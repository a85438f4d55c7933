"""Reads of experiences: the public list with its search, filters and aggregates, an
experience's page, the moderation queue."""

from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, QuerySet

from network.models import (
    Experience,
    ExperienceItem,
    ExperienceModeration,
    ExperiencePhoto,
    Organisation,
    Topic,
)
from network.text import fold

Kind = ExperienceItem.Kind


@dataclass(frozen=True)
class Filters:
    q: str = ""
    theme: str = ""
    tool: str = ""
    keyword: str = ""
    sector: str = ""

    @property
    def active(self) -> bool:
        return any((self.q, self.theme, self.tool, self.keyword, self.sector))


def _with_item(kind: str, value: str):
    return Exists(
        ExperienceItem.objects.filter(experience=OuterRef("pk"), kind=kind, key=fold(value))
    )


def search(queryset: QuerySet, q: str) -> QuerySet:
    """Experiences matching the words of `q`, best first: French full-text search on
    PostgreSQL (stems, "websearch" syntax: quotes, or, -word), every folded word contained
    in the search text elsewhere."""
    folded = fold(q)
    if not folded:
        return queryset
    if connection.vendor == "postgresql":
        query = SearchQuery(folded, config="french", search_type="websearch")
        # The stored vector (services.search_vectors_refresh), GIN-indexed
        # (experience_search_vector_idx).
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-published_at", "-pk")
        )
    for word in folded.split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def published_experiences(filters: Filters) -> QuerySet:
    """Published experiences for the public list, with what their cards show."""
    experiences = (
        Experience.objects.published()
        .select_related("organisation")
        .prefetch_related(Prefetch("topics", queryset=Topic.objects.order_by("code")))
        .order_by("-published_at", "-pk")
    )
    if filters.theme:
        experiences = experiences.filter(
            Exists(
                Experience.topics.through.objects.filter(
                    experience_id=OuterRef("pk"), topic__code=filters.theme
                )
            )
        )
    if filters.tool:
        experiences = experiences.filter(_with_item(Kind.TOOL, filters.tool))
    if filters.keyword:
        experiences = experiences.filter(_with_item(Kind.KEYWORD, filters.keyword))
    if filters.sector:
        experiences = experiences.filter(organisation__sector=filters.sector)
    return search(experiences, filters.q)


@dataclass(frozen=True)
class Cited:
    key: str
    label: str
    count: int


# The most cited tools and keywords: a GROUP BY over every published experience's items,
# the same for every reader until an experience is published or unpublished (the only moves
# that change the published items: a published experience cannot be edited). Cached as
# data, forgotten by those moves (services._forget_cited).
CITED_TIMEOUT = 6 * 3600
CITED_LIMIT = 10


def cited_cache_key(kind: str) -> str:
    return f"network:experiences:most_cited:{kind}"


def forget_most_cited() -> None:
    cache.delete_many([cited_cache_key(kind) for kind in (Kind.TOOL, Kind.KEYWORD)])


def most_cited(kind: str) -> list[Cited]:
    """The tools (or keywords) cited by the most published experiences, each counted once
    per experience, by its folded key, shown as its first spelling."""
    key = cited_cache_key(kind)
    cited = cache.get(key)
    if cited is None:
        rows = (
            ExperienceItem.objects.filter(kind=kind, experience__status=Experience.Status.PUBLISHED)
            .values("key")
            .annotate(count=Count("experience_id", distinct=True), label=Min("text"))
            .order_by("-count", "key")[:CITED_LIMIT]
        )
        cited = [Cited(key=r["key"], label=r["label"], count=r["count"]) for r in rows]
        cache.set(key, cited, CITED_TIMEOUT)
    return cited


def experience_for_page(**lookup) -> Experience | None:
    """One experience with everything its page shows (items, topics, photos) in a fixed
    number of queries."""
    return (
        Experience.objects.select_related("organisation")
        .prefetch_related(
            Prefetch("items", queryset=ExperienceItem.objects.order_by("kind", "position")),
            Prefetch("topics", queryset=Topic.objects.order_by("code")),
            Prefetch("photos", queryset=ExperiencePhoto.objects.order_by("position", "pk")),
        )
        .filter(**lookup)
        .first()
    )


def items_by_kind(experience: Experience) -> list[tuple]:
    """[(kind, [items])] in the order the page shows them, from the prefetched items."""
    grouped: dict[str, list] = {kind: [] for kind in Kind.values}
    for item in experience.items.all():
        grouped[item.kind].append(item)
    return [(Kind(kind), grouped[kind]) for kind in Kind.values]


def items_initial(experience: Experience) -> dict[str, str]:
    """The form's initial values of the 15 items (`tool_2`...)."""
    return {f"{item.kind}_{item.position}": item.text for item in experience.items.all()}


def organisation_experiences(organisation: Organisation) -> QuerySet:
    return organisation.experiences.order_by("-updated_at", "-pk").select_related("author")


def moderation_history(experience: Experience) -> QuerySet:
    return experience.moderations.select_related("by").order_by("at", "pk")


def moderation_queue() -> QuerySet:
    """Submitted experiences, oldest submission first (index experience_queue_idx)."""
    return (
        Experience.objects.awaiting_moderation()
        .select_related("organisation")
        .order_by("submitted_at", "pk")
    )


def recently_moderated(limit: int = 20) -> QuerySet:
    return (
        ExperienceModeration.objects.exclude(action=ExperienceModeration.Action.SUBMITTED)
        .select_related("experience__organisation", "by")
        .order_by("-at", "-pk")[:limit]
    )


def latest_published(limit: int = 20) -> QuerySet:
    return (
        Experience.objects.published()
        .select_related("organisation")
        .order_by("-published_at", "-pk")[:limit]
    )
