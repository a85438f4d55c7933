"""Reads behind the agency's view of every submitted diagnostic: the filtered list, the
aggregates per dimension and the CSV export. Each is a fixed number of queries, whatever the
number of assessments."""

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db.models import Avg, Case, Count, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import get_language

from digitalees.db import Percentile

from ..models import Assessment, Dimension, DimensionScore, Questionnaire

# The programme runs in Wallonia: a period "from 1 to 31 March" means Brussels days,
# whatever the server's or the browser's time zone.
BRUSSELS = ZoneInfo("Europe/Brussels")


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=BRUSSELS)


def assessment_filter(
    *,
    prefix: str = "",
    sector: str = "",
    province: str = "",
    legal_form: str = "",
    level: int | None = None,
    submitted_from: datetime.date | None = None,
    submitted_until: datetime.date | None = None,
) -> Q:
    """The agency's filters as one Q, on Assessment (prefix "") or on a model that points to
    it (prefix "assessment__"), so that the list and the aggregates select the same set."""
    conditions: dict[str, object] = {f"{prefix}status": Assessment.Status.SUBMITTED}
    if sector:
        conditions[f"{prefix}organisation__sector"] = sector
    if province:
        conditions[f"{prefix}organisation__province"] = province
    if legal_form:
        conditions[f"{prefix}organisation__legal_form"] = legal_form
    if level is not None:
        conditions[f"{prefix}level"] = level
    if submitted_from:
        conditions[f"{prefix}submitted_at__gte"] = _start_of(submitted_from)
    if submitted_until:
        # The end date is included: everything before the next Brussels midnight.
        conditions[f"{prefix}submitted_at__lt"] = _start_of(
            submitted_until + datetime.timedelta(days=1)
        )
    return Q(**conditions)


def staff_assessment_list(**filters) -> QuerySet[Assessment]:
    """Submitted assessments matching the filters, newest first, with their organisation."""
    return (
        Assessment.objects.filter(assessment_filter(**filters))
        .select_related("organisation")
        .order_by("-submitted_at", "-pk")
    )


@dataclass(frozen=True)
class DimensionAggregate:
    code: str
    title: str
    count: int
    mean: float | None
    median: float | None


def current_dimensions() -> list[Dimension]:
    """The dimensions of the current questionnaire version, in one query."""
    current = Questionnaire.objects.order_by("-version").values("pk")[:1]
    return list(Dimension.objects.filter(questionnaire=Subquery(current)).order_by("position"))


def overall_aggregate(**filters) -> dict:
    """{count, mean, median} of the overall score of the filtered assessments."""
    return Assessment.objects.filter(assessment_filter(**filters)).aggregate(
        count=Count("id"),
        mean=Avg("overall_score"),
        median=Percentile("overall_score", 0.5),
    )


def dimension_aggregates(*, dimensions: list[Dimension], **filters) -> list[DimensionAggregate]:
    """Count, mean and median score per dimension of the filtered assessments, in one grouped
    query. Dimensions are grouped by code, so that questionnaire versions add up; they come in
    the order of `dimensions` (the current questionnaire's), then any older code."""
    scores = DimensionScore.objects.all()
    if filters:
        # Dimension scores exist only for submitted assessments: without filters every row
        # counts, and the join to every assessment is spared.
        scores = scores.filter(assessment_filter(prefix="assessment__", **filters))
    rows = (
        scores.values("dimension__code")
        .annotate(count=Count("id"), mean=Avg("score"), median=Percentile("score", 0.5))
        .order_by()
    )
    by_code = {row["dimension__code"]: row for row in rows}
    titles = {d.code: d.tr("title") for d in dimensions}
    codes = [d.code for d in dimensions if d.code in by_code]
    codes += sorted(code for code in by_code if code not in titles)
    return [
        DimensionAggregate(
            code=code,
            title=titles.get(code, code),
            count=by_code[code]["count"],
            mean=by_code[code]["mean"],
            median=by_code[code]["median"],
        )
        for code in codes
    ]


EXPORT_COLUMNS = (
    "submitted_at",
    "organisation",
    "enterprise_number",
    "sector",
    "province",
    "legal_form",
    "size_band",
    "respondent_type",
    "overall_score",
    "level",
)


def export_header(dimension_codes: list[str]) -> list[str]:
    return [*EXPORT_COLUMNS, *dimension_codes]


def export_rows(*, dimension_codes: list[str], **filters) -> Iterator[tuple]:
    """One tuple per filtered assessment, in the order of `export_header`, read in chunks
    from one query: each dimension's score is a correlated subquery on its unique index."""
    scores = {
        f"dimension_{i}": Subquery(
            DimensionScore.objects.filter(assessment=OuterRef("pk"), dimension__code=code)
            .order_by()
            .values("score")[:1]
        )
        for i, code in enumerate(dimension_codes)
    }
    rows = (
        Assessment.objects.filter(assessment_filter(**filters))
        .annotate(
            respondent_type=Case(
                When(campaign__isnull=False, then=Value("campaign")),
                When(organisation__isnull=False, then=Value("member")),
                default=Value("visitor"),
            ),
            **scores,
        )
        .order_by("-submitted_at", "-pk")
        .values_list(
            "submitted_at",
            "organisation__name",
            "organisation__enterprise_number",
            "organisation__sector",
            "organisation__province",
            "organisation__legal_form",
            "organisation__size_band",
            "respondent_type",
            "overall_score",
            "level",
            *scores,
        )
    )
    for submitted_at, *rest in rows.iterator(chunk_size=2000):
        yield (submitted_at.astimezone(BRUSSELS).date().isoformat(), *rest)


# The aggregates read every submitted assessment (a median over 160,000 scores at the
# programme's volume): they are computed at most every two minutes per filter and language,
# and the page says when. The list itself is always live.
AGGREGATES_CACHE_SECONDS = 2 * 60


@dataclass(frozen=True)
class Aggregates:
    overall: dict
    dimensions: list
    computed_at: datetime.datetime


def aggregates_key(**filters) -> str:
    """The cache key of these filters' aggregates in the active language."""
    fingerprint = hashlib.sha256(repr(sorted(filters.items())).encode()).hexdigest()[:32]
    return f"diagnostic:staff-aggregates:{get_language()}:{fingerprint}"


def cached_aggregates(**filters) -> Aggregates:
    """The aggregates of the filtered assessments, from the cache when they are fresh (the
    current dimensions, which name the rows, are read only to compute them)."""
    key = aggregates_key(**filters)
    aggregates = cache.get(key)
    if aggregates is None:
        aggregates = Aggregates(
            overall=overall_aggregate(**filters),
            dimensions=dimension_aggregates(dimensions=current_dimensions(), **filters),
            computed_at=timezone.now(),
        )
        cache.set(key, aggregates, timeout=AGGREGATES_CACHE_SECONDS)
    return aggregates
