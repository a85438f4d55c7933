"""Reads behind the agency's view of every submitted diagnostic: the filtered list, the
aggregates per dimension and the exports. A row is a result, counted once: an organisation's
diagnostic, a campaign's aggregate (never its respondents one by one), a visitor's, or one
kept by its owner. Each read is a fixed number of queries, whatever the number of rows."""

import datetime
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID
from zoneinfo import ZoneInfo

from django.core.cache import cache
from django.db import connection, models
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    UUIDField,
    Value,
    When,
)
from django.db.models.functions import Lower
from django.db.models.lookups import Contains
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from digitalees.db import Unaccent, fold
from network.models import Organisation

from ..models import (
    Assessment,
    Campaign,
    Dimension,
    DimensionScore,
    Questionnaire,
    Result,
    ResultScore,
)
from ..scoring import LEVELS

# The programme runs in Wallonia: a period "from 1 to 31 March" means Brussels days,
# whatever the server's or the browser's time zone.
BRUSSELS = ZoneInfo("Europe/Brussels")


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=BRUSSELS)


class Kind(models.TextChoices):
    """What a row of the agency's list is: each result counts once, whoever answered."""

    ORGANISATION = "organisation", _("Organisation")
    CAMPAIGN = "campaign", _("Campaign")
    OWN = "own", _("Personal, kept in an account")
    VISITOR = "visitor", _("Visitor")


def _conditions(
    *,
    prefix: str,
    date: str,
    search: str = "",
    sector: str = "",
    province: str = "",
    legal_form: str = "",
    level: int | None = None,
    submitted_from: datetime.date | None = None,
    submitted_until: datetime.date | None = None,
) -> Q:
    """The agency's filters as one Q on a row's source (an Assessment or a Result, named
    from a model that points to it by `prefix`), its date in the field `date`."""
    conditions: dict[str, object] = {}
    if sector:
        conditions[f"{prefix}organisation__sector"] = sector
    if province:
        conditions[f"{prefix}organisation__province"] = province
    if legal_form:
        conditions[f"{prefix}organisation__legal_form"] = legal_form
    if level is not None:
        conditions[f"{prefix}level"] = level
    if submitted_from:
        conditions[f"{prefix}{date}__gte"] = _start_of(submitted_from)
    if submitted_until:
        # The end date is included: everything before the next Brussels midnight.
        conditions[f"{prefix}{date}__lt"] = _start_of(submitted_until + datetime.timedelta(days=1))
    condition = Q(**conditions)
    if search.strip():
        # Accents and case ignored on both sides: "energie" finds "Énergie".
        name = Lower(Unaccent(F(f"{prefix}organisation__name")))
        condition &= Q(Contains(name, fold(search.strip())))
    return condition


def assessment_filter(*, prefix: str = "", **filters) -> Q:
    """The rows that are one respondent's assessment: submitted outside a campaign (an
    organisation's, a visitor's or one kept by its owner), matching the filters."""
    return Q(
        _conditions(prefix=prefix, date="submitted_at", **filters),
        **{f"{prefix}status": Assessment.Status.SUBMITTED, f"{prefix}campaign__isnull": True},
    )


def campaign_result_filter(*, prefix: str = "", **filters) -> Q:
    """The rows that are a campaign's result (the aggregate of its respondents), dated by
    its latest submission, matching the filters."""
    return Q(
        _conditions(prefix=prefix, date="created_at", **filters),
        **{f"{prefix}campaign__isnull": False},
    )


ROW_COLUMNS = (
    "row_kind",
    "row_pk",
    "row_result",
    "row_uuid",
    "row_date",
    "row_name",
    "row_slug",
    "row_enterprise_number",
    "row_sector",
    "row_province",
    "row_legal_form",
    "row_size_band",
    "row_respondents",
    "row_score",
    "row_level",
)


def _organisation_columns() -> dict:
    return {
        "row_name": F("organisation__name"),
        "row_slug": F("organisation__slug"),
        "row_enterprise_number": F("organisation__enterprise_number"),
        "row_sector": F("organisation__sector"),
        "row_province": F("organisation__province"),
        "row_legal_form": F("organisation__legal_form"),
        "row_size_band": F("organisation__size_band"),
    }


def _assessment_rows(extra: dict | None = None, **filters) -> QuerySet:
    # Every column is an annotation, in the same order in both parts of the union.
    return (
        Assessment.objects.filter(assessment_filter(**filters))
        .annotate(
            row_kind=Case(
                When(organisation__isnull=False, then=Value(Kind.ORGANISATION.value)),
                When(respondent__isnull=False, then=Value(Kind.OWN.value)),
                default=Value(Kind.VISITOR.value),
                output_field=CharField(),
            ),
            row_pk=F("pk"),
            row_result=F("result__pk"),
            row_uuid=F("uuid"),
            row_date=F("submitted_at"),
            **_organisation_columns(),
            row_respondents=Value(1, output_field=IntegerField()),
            row_score=F("overall_score"),
            row_level=F("level"),
            **(extra or {}),
        )
        .order_by()
        .values_list(*ROW_COLUMNS, *(extra or {}))
    )


def _campaign_rows(extra: dict | None = None, **filters) -> QuerySet:
    return (
        Result.objects.filter(campaign_result_filter(**filters))
        .annotate(
            row_kind=Value(Kind.CAMPAIGN.value, output_field=CharField()),
            row_pk=F("pk"),
            row_result=F("pk"),
            row_uuid=Value(None, output_field=UUIDField()),
            row_date=F("created_at"),
            **_organisation_columns(),
            row_respondents=F("respondents"),
            row_score=F("overall_score"),
            row_level=F("level"),
            **(extra or {}),
        )
        .order_by()
        .values_list(*ROW_COLUMNS, *(extra or {}))
    )


@dataclass(frozen=True)
class DiagnosticRow:
    """One row of the agency's list: a result, labelled for the reader."""

    kind: str
    pk: int
    result_pk: int | None
    uuid: UUID | None
    date: datetime.datetime
    organisation_name: str | None
    organisation_slug: str | None
    enterprise_number: str | None
    sector: str | None
    province: str | None
    legal_form: str | None
    size_band: str | None
    respondents: int
    overall_score: float
    level: int

    @property
    def kind_label(self) -> str:
        return str(Kind(self.kind).label)

    @property
    def sector_label(self) -> str:
        return str(Organisation.Sector(self.sector).label) if self.sector else ""

    @property
    def province_label(self) -> str:
        return str(Organisation.Province(self.province).label) if self.province else ""

    @property
    def legal_form_label(self) -> str:
        return str(Organisation.LegalForm(self.legal_form).label) if self.legal_form else ""

    @property
    def size_band_label(self) -> str:
        return str(Organisation.SizeBand(self.size_band).label) if self.size_band else ""

    @property
    def level_label(self) -> str:
        level = next((lv for lv in LEVELS if lv.number == self.level), None)
        return f"{level.number} – {level.name}" if level else "—"

    @property
    def url(self) -> str:
        """The result's page: an organisation's result, or (for a diagnostic of no
        organisation) the agency's read-only view of it."""
        if self.result_pk is not None and self.organisation_slug:
            return reverse(
                "diagnostic:organisation_result",
                kwargs={"slug": self.organisation_slug, "pk": self.result_pk},
            )
        return reverse("diagnostic_staff:assessment_result", kwargs={"uuid": self.uuid})


ROW_ORDER = ("-row_date", "-row_pk", "row_kind")  # newest first, then a stable order


class StaffRows:
    """The filtered rows, newest first, for a paginator: counted and sliced by the
    database (one union of assessments and campaign results), each slice one query."""

    def __init__(self, **filters):
        self._filters = filters
        self._count: int | None = None

    def _union(self, top: int | None = None) -> QuerySet:
        assessments = _assessment_rows(**self._filters)
        campaigns = _campaign_rows(**self._filters)
        if top is not None and connection.features.supports_slicing_ordering_in_compound:
            # Each part brings only its newest rows (PostgreSQL reads the assessments'
            # index by date): the union sorts a page's worth, not every result.
            assessments = assessments.order_by(*ROW_ORDER)[:top]
            campaigns = campaigns.order_by(*ROW_ORDER)[:top]
        return assessments.union(campaigns, all=True).order_by(*ROW_ORDER)

    def __len__(self) -> int:
        # Two plain counts: cheaper than counting the union, whose parts join the
        # organisation and the result of every row.
        if self._count is None:
            self._count = (
                Assessment.objects.filter(assessment_filter(**self._filters)).count()
                + Result.objects.filter(campaign_result_filter(**self._filters)).count()
            )
        return self._count

    def count(self) -> int:
        return len(self)

    def __getitem__(self, index: slice) -> list["DiagnosticRow"]:
        top = index.stop if index.stop is not None else None
        if top is not None and top <= (index.start or 0):
            return []  # an empty page (the paginator asks for [0:0] when nothing matches)
        return [DiagnosticRow(*row) for row in self._union(top)[index]]


def staff_diagnostic_rows(**filters) -> StaffRows:
    """One row per result matching the filters: an organisation's diagnostic, a campaign's
    aggregate (its respondents count once), a visitor's, or one kept by its owner."""
    return StaffRows(**filters)


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


def _percentile_sql(column: str, fraction: float) -> str:
    if connection.vendor == "postgresql":
        return f"PERCENTILE_CONT({fraction!r}) WITHIN GROUP (ORDER BY {column})"
    return f"digitalees_percentile({column}, {fraction!r})"


def _aggregate(union: QuerySet, *, group_by: str = "") -> list[tuple]:
    """Count, mean and median of the union's `row_score` (per `group_by` column): Django
    aggregates no union, so the union is the subquery of one statement."""
    sql, params = union.query.sql_with_params()
    select = f"COUNT(row_score), AVG(row_score), {_percentile_sql('row_score', 0.5)}"
    if group_by:
        sql = f"SELECT {group_by}, {select} FROM ({sql}) rows GROUP BY {group_by}"
    else:
        sql = f"SELECT {select} FROM ({sql}) rows"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def overall_aggregate(**filters) -> dict:
    """{count, mean, median} of the overall score of the filtered rows (the list's)."""
    union = (
        Assessment.objects.filter(assessment_filter(**filters))
        .annotate(row_score=F("overall_score"))
        .order_by()
        .values_list("row_score")
        .union(
            Result.objects.filter(campaign_result_filter(**filters))
            .annotate(row_score=F("overall_score"))
            .order_by()
            .values_list("row_score"),
            all=True,
        )
    )
    ((count, mean, median),) = _aggregate(union)
    return {"count": count, "mean": mean, "median": median}


def dimension_aggregates(*, dimensions: list[Dimension], **filters) -> list[DimensionAggregate]:
    """Count, mean and median score per dimension of the filtered rows (a campaign's row
    is its result's scores), in one grouped query. Dimensions are grouped by code, so that
    questionnaire versions add up; they come in the order of `dimensions` (the current
    questionnaire's), then any older code."""
    union = (
        DimensionScore.objects.filter(assessment_filter(prefix="assessment__", **filters))
        .annotate(row_code=F("dimension__code"), row_score=F("score"))
        .order_by()
        .values_list("row_code", "row_score")
        .union(
            ResultScore.objects.filter(campaign_result_filter(prefix="result__", **filters))
            .annotate(row_code=F("dimension_code"), row_score=F("score"))
            .order_by()
            .values_list("row_code", "row_score"),
            all=True,
        )
    )
    by_code = {
        code: (count, mean, median)
        for code, count, mean, median in _aggregate(union, group_by="row_code")
    }
    titles = {d.code: d.tr("title") for d in dimensions}
    codes = [d.code for d in dimensions if d.code in by_code]
    codes += sorted(code for code in by_code if code not in titles)
    return [
        DimensionAggregate(
            code=code,
            title=titles.get(code, code),
            count=by_code[code][0],
            mean=by_code[code][1],
            median=by_code[code][2],
        )
        for code in codes
    ]


def export_rows(*, dimension_codes: list[str], **filters) -> Iterator[tuple[DiagnosticRow, list]]:
    """Each filtered row with its dimension scores (in the order of `dimension_codes`), read
    in chunks from one query: each score is a correlated subquery on a unique index."""
    own_scores = {
        f"row_dimension_{i}": Subquery(
            DimensionScore.objects.filter(assessment=OuterRef("pk"), dimension__code=code)
            .order_by()
            .values("score")[:1]
        )
        for i, code in enumerate(dimension_codes)
    }
    campaign_scores = {
        f"row_dimension_{i}": Subquery(
            ResultScore.objects.filter(result=OuterRef("pk"), dimension_code=code)
            .order_by()
            .values("score")[:1]
        )
        for i, code in enumerate(dimension_codes)
    }
    rows = (
        _assessment_rows(own_scores, **filters)
        .union(_campaign_rows(campaign_scores, **filters), all=True)
        .order_by(*ROW_ORDER)
    )
    width = len(ROW_COLUMNS)
    for values in rows.iterator(chunk_size=2000):
        yield DiagnosticRow(*values[:width]), list(values[width:])


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


@dataclass(frozen=True)
class ProgrammeFigures:
    """The programme's diagnostic figures on the agency's dashboard."""

    results: int  # results counted as the agency's list counts them (a campaign once)
    respondents: int  # submitted diagnostics, each campaign respondent counted
    organisations_diagnosed: int
    mean_latest_score: float | None  # the mean of each organisation's latest result
    open_campaigns: int
    computed_at: datetime.datetime


PROGRAMME_FIGURES_KEY = "diagnostic:programme-figures"


def programme_figures() -> ProgrammeFigures:
    """Counted over every submitted diagnostic: kept for the aggregates' period (the
    dashboard says when they were computed)."""
    figures = cache.get(PROGRAMME_FIGURES_KEY)
    if figures is None:
        latest = Result.objects.latest_per_organisation().aggregate(
            organisations=Count("organisation_id", distinct=True), mean=Avg("overall_score")
        )
        figures = ProgrammeFigures(
            results=len(staff_diagnostic_rows()),
            respondents=Assessment.objects.submitted().count(),
            organisations_diagnosed=latest["organisations"],
            mean_latest_score=latest["mean"],
            open_campaigns=Campaign.objects.filter(closed_at__isnull=True).count(),
            computed_at=timezone.now(),
        )
        cache.set(PROGRAMME_FIGURES_KEY, figures, timeout=AGGREGATES_CACHE_SECONDS)
    return figures
