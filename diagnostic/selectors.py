"""Reads of the diagnostic that several views, tasks and other apps need."""

import datetime
import secrets
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Aggregate, Avg, Case, Count, F, Max, OuterRef, Q, Subquery, When
from django.utils.translation import gettext as _

from digitalees.charts import PALETTE, Series, line_svg, radar_svg
from digitalees.db import IdList, Percentile, parse_id_list
from digitalees.figures import Aggregate as GroupAggregate
from digitalees.figures import cached_figures, group_aggregate
from network.models import Province, Resource, Sector, SizeBand
from network.selectors import ORGANISATIONS_DATA, library_version

from . import scoring
from .models import (
    Answer,
    Assessment,
    Campaign,
    Choice,
    Dimension,
    Question,
    Questionnaire,
    Result,
    ResultScore,
)


@dataclass
class Structure:
    """A questionnaire version's dimensions, questions and choices, loaded once.

    A published version never changes, so the structure is cached per process."""

    dimensions: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    questions_of: dict = field(default_factory=dict)  # dimension id -> [Question]
    choices_of: dict = field(default_factory=dict)  # question id -> [choice id]
    choices: dict = field(default_factory=dict)  # choice id -> Choice
    choice_values: dict = field(default_factory=dict)  # choice id -> scoring.ChoiceValue
    dimension_of: dict = field(default_factory=dict)  # question code -> dimension code
    question_by_code: dict = field(default_factory=dict)

    def dimension_at(self, position: int):
        return next((d for d in self.dimensions if d.position == position), None)


@lru_cache(maxsize=16)
def questionnaire_structure(questionnaire_id: int) -> Structure:
    s = Structure()
    s.dimensions = list(
        Dimension.objects.filter(questionnaire_id=questionnaire_id).order_by("position")
    )
    dimensions = {d.id: d for d in s.dimensions}
    s.questions = list(
        Question.objects.filter(questionnaire_id=questionnaire_id).order_by(
            "dimension__position", "position"
        )
    )
    for d in s.dimensions:
        s.questions_of[d.id] = []
    for q in s.questions:
        q.dimension = dimensions[q.dimension_id]
        s.questions_of[q.dimension_id].append(q)
        s.choices_of[q.id] = []
        s.dimension_of[q.code] = dimensions[q.dimension_id].code
        s.question_by_code[q.code] = q
    for c in Choice.objects.filter(question__questionnaire_id=questionnaire_id).order_by(
        "question_id", "position"
    ):
        s.choices[c.id] = c
        s.choices_of[c.question_id].append(c.id)
        s.choice_values[c.id] = scoring.ChoiceValue(c.value, c.exclusive)
    return s


def visible_question_ids(structure: Structure, answers: dict[int, list[int]]) -> set[int]:
    """The questions a respondent is shown, given their answers {question id: [choice ids]}.

    A conditional question shows when the question it depends on is itself shown and one of
    the named choices is selected (no website: no question about the website's tools)."""
    shown: set[int] = set()
    by_id = {q.id: q for q in structure.questions}
    for question in structure.questions:
        parent_id = question.show_if_question_id
        if parent_id is None:
            shown.add(question.id)
            continue
        if parent_id not in shown or parent_id not in by_id:
            continue
        codes = {structure.choices[c].code for c in answers.get(parent_id, [])}
        if codes & set(question.show_if_choices):
            shown.add(question.id)
    return shown


# --- answers and progress ----------------------------------------------------------------


# The attribute that `with_answers` fills: the assessment's choice ids as loaded with it,
# then {question id: [choice ids]} once read, kept up to date by the services that save
# answers on that instance.
ANSWERS_ATTR = "loaded_answers"


def with_answers(queryset=None):
    """Assessments that bring their answers along, in the same query (a subquery of their
    choice ids): each answering page reads an assessment and its answers together."""
    queryset = Assessment.objects.all() if queryset is None else queryset
    choice_ids = (
        Answer.choices.through.objects.filter(answer__assessment=OuterRef("pk"))
        .order_by()
        .values("answer__assessment")
        .annotate(ids=IdList("choice_id"))
        .values("ids")  # type: ignore[misc]  # django-stubs cannot see an annotation here
    )
    return queryset.annotate(**{ANSWERS_ATTR: Subquery(choice_ids)})


def loaded_answers(assessment) -> dict[int, list[int]] | None:
    """The answers loaded with the assessment (`with_answers`), without a query; None when
    it was loaded without them."""
    if not hasattr(assessment, ANSWERS_ATTR):
        return None
    loaded = getattr(assessment, ANSWERS_ATTR)
    if not isinstance(loaded, dict):
        structure = questionnaire_structure(assessment.questionnaire_id)
        answers: dict[int, list[int]] = {}
        for choice_id in parse_id_list(loaded):
            answers.setdefault(structure.choices[choice_id].question_id, []).append(choice_id)
        loaded = answers
        setattr(assessment, ANSWERS_ATTR, loaded)
    return loaded


def answers_of(assessment) -> dict[int, list[int]]:
    """{question id: [choice ids]} of an assessment: those loaded with it (`with_answers`),
    or read in one query."""
    loaded = loaded_answers(assessment)
    if loaded is not None:
        return loaded
    answers: dict[int, list[int]] = {}
    rows = Answer.choices.through.objects.filter(answer__assessment=assessment).values_list(
        "answer__question_id", "choice_id"
    )
    for question_id, choice_id in rows:
        answers.setdefault(question_id, []).append(choice_id)
    return answers


@dataclass
class Progress:
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.answered == self.total


def progress_of(structure: Structure, answers: dict, shown: set[int]) -> Progress:
    return Progress(answered=sum(1 for q in shown if answers.get(q)), total=len(shown))


@dataclass
class ReviewPart:
    dimension: Dimension
    answered: int
    total: int
    # One per question shown: {"question", "choices" (the chosen Choice rows), "answered"}
    items: list[dict]


def review_parts(structure: Structure, answers: dict, shown: set[int]) -> list[ReviewPart]:
    """Per part, each question shown with the choices given (none: unanswered), for the
    review before submitting; from the structure and the answers, without a query."""
    parts = []
    for dimension in structure.dimensions:
        items = [
            {
                "question": q,
                "choices": sorted(
                    (structure.choices[c] for c in answers.get(q.id, [])),
                    key=lambda c: c.position,
                ),
                "answered": bool(answers.get(q.id)),
            }
            for q in structure.questions_of[dimension.id]
            if q.id in shown
        ]
        answered = sum(1 for item in items if item["answered"])
        parts.append(ReviewPart(dimension, answered, len(items), items))
    return parts


# --- results, benchmarks, progress over time -------------------------------------------

MIN_PEER_GROUP = 5  # no group of fewer than five organisations is ever shown

# The peer groups a benchmark may be drawn from, narrowest first, with the profile fields
# that make each: when fewer than five other organisations of one have a result, the next
# is shown (every EES is in Wallonia: dropping the province compares with all of it).
PEER_SCOPES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("exact", ("sector", "size_band", "province")),
    ("wallonia", ("sector", "size_band")),
    ("sector", ("sector",)),
    ("all", ()),
)


@dataclass(frozen=True)
class PeerProfile:
    """What a benchmark depends on: the profile recorded with the result (none for a
    personal diagnostic, compared with all EES) and the organisation that is never its own
    peer (none for a personal diagnostic, which is never a result: nothing to leave out)."""

    sector: str = ""
    size_band: str = ""
    province: str = ""
    organisation_id: int | None = None

    @classmethod
    def of_result(cls, result) -> "PeerProfile":
        return cls(result.sector, result.size_band, result.province, result.organisation_id)

    @classmethod
    def of_organisation(cls, organisation) -> "PeerProfile":
        """The organisation's profile now (for a result it has not recorded yet)."""
        return cls(
            organisation.sector, organisation.size_band, organisation.province, organisation.pk
        )

    @property
    def scopes(self):
        return PEER_SCOPES if self.sector else PEER_SCOPES[-1:]

    def peers_filter(self, fields, prefix: str = "") -> Q:
        """The organisations of the group made by `fields`, by their profile now."""
        return Q(**{f"{prefix}organisation__{name}": getattr(self, name) for name in fields})


@dataclass
class Benchmark:
    # Organisations of the group shown (their latest result each, a campaign's once);
    # with no group shown, those of the widest group.
    count: int
    overall: tuple | None  # (q1, median, q3)
    dimensions: dict  # dimension code -> (q1, median, q3)
    scope: str | None = None  # the group shown (a PEER_SCOPES name), None when none is
    profile: PeerProfile = field(default_factory=PeerProfile)

    @property
    def criteria(self) -> str:
        """What the group shown shares, in the reader's language ("Culture · 5 to 9 staff")."""
        fields = dict(PEER_SCOPES).get(self.scope or "all", ())
        labels = {"sector": Sector, "size_band": SizeBand, "province": Province}
        return " · ".join(str(labels[name](getattr(self.profile, name)).label) for name in fields)

    @property
    def group(self) -> str:
        """The group shown, briefly: what its organisations share, or all of Wallonia."""
        return self.criteria or _("every EES in Wallonia")

    @property
    def note(self) -> str:
        """Which group the figures come from and how many organisations it holds."""
        values = {"count": self.count, "group": self.criteria}
        if self.scope is None:
            return _(
                "The comparison with other EES appears once at least five organisations "
                "have a result."
            )
        if self.scope == "exact":
            return (
                _(
                    "Compared with the latest result of %(count)s EES of the same sector, "
                    "size and province (%(group)s)."
                )
                % values
            )
        if self.scope == "wallonia":
            return (
                _(
                    "Fewer than five other EES of the same sector, size and province have a "
                    "result: compared with the latest result of %(count)s EES of the same "
                    "sector and size in Wallonia (%(group)s)."
                )
                % values
            )
        if self.scope == "sector":
            return (
                _(
                    "Fewer than five other EES of the same sector and size have a result: "
                    "compared with the latest result of %(count)s EES of the same sector in "
                    "Wallonia (%(group)s)."
                )
                % values
            )
        if self.profile.sector:
            return (
                _(
                    "Fewer than five other EES of the same sector have a result: compared "
                    "with the latest result of %(count)s EES of every sector in Wallonia."
                )
                % values
            )
        return (
            _(
                "Compared with the latest result of %(count)s EES of every sector in "
                "Wallonia: a personal diagnostic has no sector, size or province to narrow "
                "the group."
            )
            % values
        )


BENCHMARK_CACHE_SECONDS = 15 * 60
# A benchmark depends on the results of the group it shows, the widest it looked at (the
# narrower ones are inside it). Each group has a generation in the cache, renewed by every
# write that may change it (a result of one of its organisations, an organisation joining
# or leaving it); a cached benchmark is read only while its group's generation is the one
# it was computed in.
_GENERATION = "diagnostic:benchmark:generation:"


def _generation_keys(sector: str, size_band: str, province: str) -> dict[str, str]:
    """{scope name: the cache key of the generation of that group}, for a profile."""
    values = {"sector": sector, "size_band": size_band, "province": province}
    return {
        name: _GENERATION
        + ":".join(values[f] if f in fields else "*" for f in ("sector", "size_band", "province"))
        for name, fields in PEER_SCOPES
    }


def _benchmark_key(profile: PeerProfile) -> str:
    group = f"{profile.sector}:{profile.size_band}:{profile.province}"
    return f"diagnostic:benchmark:{group}:{profile.organisation_id or ''}"


def benchmarks_forget(organisations) -> None:
    """Results of these organisations changed, or they joined their group (`organisations`:
    anything with a sector, a size band and a province, as their profile is now or was):
    no benchmark cached before of a group that holds them is read again. Run it after the
    change commits."""
    keys = {
        key
        for o in organisations
        for key in _generation_keys(o.sector, o.size_band, o.province).values()
    }
    generation = secrets.token_hex(8)
    cache.set_many(dict.fromkeys(keys, generation), None)


def benchmark_for(profile: PeerProfile) -> Benchmark:
    """Quartiles of the latest result of each other organisation of the same sector, size
    band and province, or of the next wider group when that one has fewer than five
    (PEER_SCOPES), computed by the database and kept in the cache until a write changes
    the group shown (the benchmark and the generations read in one round trip)."""
    key = _benchmark_key(profile)
    generations = {
        name: cache_key
        for name, cache_key in _generation_keys(
            profile.sector, profile.size_band, profile.province
        ).items()
        if name in dict(profile.scopes)
    }
    found = cache.get_many([key, *generations.values()])
    cached = found.get(key)
    if cached is not None:
        scope, generation, benchmark = cached
        if found.get(generations[scope]) == generation:
            return benchmark
    missing = [k for k in generations.values() if k not in found]
    if missing:
        # Before computing: a write that commits meanwhile renews the generation read here.
        for cache_key in missing:
            cache.add(cache_key, secrets.token_hex(8), None)
        found |= cache.get_many(missing)
    benchmark = _compute_benchmark(profile)
    scope = benchmark.scope or profile.scopes[-1][0]
    generation = found.get(generations[scope])
    if generation is not None:  # None: the cache is down
        cache.set(key, (scope, generation, benchmark), BENCHMARK_CACHE_SECONDS)
    return benchmark


def benchmark_of_result(result) -> Benchmark:
    return benchmark_for(PeerProfile.of_result(result))


def _compute_benchmark(profile: PeerProfile) -> Benchmark:
    latest = Result.objects.latest_per_organisation()
    if profile.organisation_id is not None:
        latest = latest.exclude(organisation_id=profile.organisation_id)
    # How many other organisations each group holds, and the quartiles of each, in one
    # query: the narrowest with five is shown (one query fewer than asking for the counts
    # first; each group is a few thousand results at most).
    aggregates: dict[str, Aggregate] = {}
    for name, fields in profile.scopes:
        peers = profile.peers_filter(fields)
        aggregates[f"{name}_count"] = Count("id", filter=peers)
        # The group's scores, NULL for the others (which percentiles leave out).
        scores = Case(When(peers, then=F("overall_score"))) if fields else F("overall_score")
        for quartile, fraction in (("q1", 0.25), ("median", 0.5), ("q3", 0.75)):
            aggregates[f"{name}_{quartile}"] = Percentile(scores, fraction)
    found = latest.aggregate(**aggregates)
    scope = next(
        (name for name, _f in profile.scopes if found[f"{name}_count"] >= MIN_PEER_GROUP), None
    )
    if scope is None:
        widest = profile.scopes[-1][0]
        return Benchmark(
            count=found[f"{widest}_count"], overall=None, dimensions={}, profile=profile
        )
    fields = dict(PEER_SCOPES)[scope]
    peer_scores = ResultScore.objects.filter(
        profile.peers_filter(fields, prefix="result__"),
        is_latest=True,
        # Lets PostgreSQL reach the peers' latest results through result_one_latest_per_org
        # instead of all their results (4.6 → 2.3 ms at 20,000 assessments).
        result__is_latest=True,
    )
    if profile.organisation_id is not None:
        peer_scores = peer_scores.exclude(result__organisation_id=profile.organisation_id)
    rows = (
        peer_scores.values("dimension_code")
        .annotate(
            count=Count("id"),
            q1=Percentile("score", 0.25),
            median=Percentile("score", 0.5),
            q3=Percentile("score", 0.75),
        )
        .order_by()
    )
    dimensions = {
        r["dimension_code"]: (r["q1"], r["median"], r["q3"])
        for r in rows
        if r["count"] >= MIN_PEER_GROUP
    }
    return Benchmark(
        count=found[f"{scope}_count"],
        overall=tuple(found[f"{scope}_{quartile}"] for quartile in ("q1", "median", "q3")),
        dimensions=dimensions,
        scope=scope,
        profile=profile,
    )


def previous_assessment(assessment):
    """The same account's submitted diagnostic before this one, for "change since"."""
    if assessment.respondent_id is None:
        return None
    return (
        Assessment.objects.submitted()
        .filter(respondent_id=assessment.respondent_id, submitted_at__lt=assessment.submitted_at)
        .order_by("-submitted_at")
        .first()
    )


def previous_result(result):
    return (
        Result.objects.filter(
            organisation_id=result.organisation_id, created_at__lt=result.created_at
        )
        .order_by("-created_at")
        .first()
    )


def change_since(before_scores: dict, after_scores: dict, structure: Structure) -> dict:
    """{dimension code: change in points}, on the questions both results share."""
    return scoring.shared_change(before_scores, after_scores, structure.dimension_of)


def results_history(organisation, *, until=None):
    """The organisation's results, oldest first; up to `until` (a result's date) if given."""
    results = Result.objects.filter(organisation=organisation)
    if until is not None:
        results = results.filter(created_at__lte=until)
    return list(results.order_by("created_at"))


def history_chart(history) -> str:
    """The overall score of each result over time: the same SVG on the history page and in
    the PDF. Call it in the reader's language (its dates)."""
    return line_svg(
        points=[(r.created_at, r.overall_score) for r in history],
        title=_("Overall score over time"),
        description=_(
            "Line chart of the overall score of each result, from 0 to 100. "
            "The table that follows gives the same figures."
        ),
    )


RESOURCES_CACHE_SECONDS = 60 * 60


def resources_for_dimensions(codes: list[str]) -> dict[str, list]:
    """Published resources tagged with each dimension code, in one query, kept in the cache
    until the library changes: it changes seldom and every results page reads it."""
    key = f"diagnostic:resources:{library_version()}:" + ",".join(sorted(codes))
    by_code = cache.get(key)
    if by_code is None:
        by_code = _resources_for_dimensions(codes)
        cache.set(key, by_code, RESOURCES_CACHE_SECONDS)
    return by_code


def _resources_for_dimensions(codes: list[str]) -> dict[str, list]:
    by_code: dict[str, list] = {code: [] for code in codes}
    resources = (
        Resource.objects.published()
        .openable()  # a resource that opens nothing is not recommended
        .filter(topics__code__in=codes)
        .annotate(topic_code=F("topics__code"))
        .order_by("kind", "title_fr")
    )
    for resource in resources:
        by_code[resource.topic_code].append(resource)
    return by_code


# --- the figures of a result: what its page and its PDF show ----------------------------

# Dimensions scoring below this get recommendations, the weakest first.
RECOMMEND_BELOW = 70
MAX_RECOMMENDATIONS = 3


@dataclass
class ResultFigures:
    """The figures of one result, as its page and its PDF report show them."""

    organisation: object  # None for a personal diagnostic
    date: datetime.datetime  # when it was submitted, or when the campaign's result was made
    respondents: int
    overall: float | None
    level: scoring.Level | None
    # One per dimension: {"dimension", "score", "spread", "peers" (q1, median, q3), "change",
    # "perception_gap" (the respondents see it very differently)}
    rows: list[dict]
    benchmark: Benchmark
    previous_date: datetime.datetime | None  # of the result the change is measured from
    radar: str
    # {"dimension", "score", "text", "gap_text", "perception_gap", "spread", "resources"}:
    # the weakest first, then the other dimensions with a perception gap.
    recommendations: list[dict]

    @property
    def has_change(self) -> bool:
        return any(row["change"] is not None for row in self.rows)

    @property
    def show_spread(self) -> bool:
        return self.respondents > 1

    @property
    def has_perception_gap(self) -> bool:
        return any(row["perception_gap"] for row in self.rows)

    @property
    def strongest(self) -> list[dict]:
        return self._scored()[:2]

    @property
    def weakest(self) -> list[dict]:
        scored = self._scored()
        return scored[-2:][::-1] if len(scored) >= 4 else []

    @property
    def below_count(self) -> int:
        """How many dimensions score under RECOMMEND_BELOW: the recommendations show the
        weakest MAX_RECOMMENDATIONS of them, and the report's sentence says which."""
        return sum(1 for r in self.rows if r["score"] is not None and r["score"] < RECOMMEND_BELOW)

    def _scored(self) -> list[dict]:
        return sorted((r for r in self.rows if r["score"] is not None), key=lambda r: -r["score"])

    def as_context(self) -> dict:
        """The figures as template variables (the page's body and the PDF read these)."""
        return {
            **{name: getattr(self, name) for name in self.__dataclass_fields__},
            "has_change": self.has_change,
            "show_spread": self.show_spread,
            "strongest": self.strongest,
            "weakest": self.weakest,
            "below_count": self.below_count,
            "levels": scoring.LEVELS,
            "recommend_below": RECOMMEND_BELOW,
            "perception_gap_from": scoring.PERCEPTION_GAP_FROM,
            "has_perception_gap": self.has_perception_gap,
        }


def result_figures(*, assessment=None, result=None) -> ResultFigures:
    """The figures of a submitted assessment or of an organisation's result: scores per
    dimension, the gap between respondents, the peers' quartiles, the change since the
    previous result, the radar and the recommendations with their resources. Call it in the
    reader's language: titles, recommendations and chart labels are translated here."""
    if (assessment is None) == (result is None):
        raise ValueError("The figures are of an assessment or of a result, not both.")
    if assessment is not None:
        structure = questionnaire_structure(assessment.questionnaire_id)
        # The stored question scores give the dimension scores (the rule that submitting
        # applied and stored): no need to read those back.
        scores = scoring.dimension_scores(assessment.question_scores, structure.dimension_of)
        spreads: dict = {}
        source, organisation = assessment, assessment.organisation
        date, respondents = assessment.submitted_at, 1
        previous = previous_assessment(assessment)
        previous_date = previous.submitted_at if previous else None
        profile = _profile_of_assessment(assessment)
    else:
        structure = questionnaire_structure(result.questionnaire_id)
        rows = list(result.scores.all())
        scores = {s.dimension_code: s.score for s in rows}
        spreads = {s.dimension_code: s.spread for s in rows}
        source, organisation = result, result.organisation
        date, respondents = result.created_at, result.respondents
        previous = previous_result(result)
        previous_date = previous.created_at if previous else None
        profile = PeerProfile.of_result(result)
    change = (
        change_since(previous.question_scores, source.question_scores, structure)
        if previous
        else {}
    )
    benchmark = benchmark_for(profile)
    return ResultFigures(
        organisation=organisation,
        date=date,
        respondents=respondents,
        overall=source.overall_score,
        level=scoring.level_for(source.overall_score),
        rows=[
            {
                "dimension": d,
                "score": scores.get(d.code),
                "spread": spreads.get(d.code),
                "peers": benchmark.dimensions.get(d.code),
                "change": change.get(d.code),
                "perception_gap": scoring.is_perception_gap(spreads.get(d.code)),
            }
            for d in structure.dimensions
        ],
        benchmark=benchmark,
        previous_date=previous_date,
        radar=_radar(structure.dimensions, scores, benchmark),
        recommendations=_recommendations(structure.dimensions, scores, spreads),
    )


def _profile_of_assessment(assessment) -> PeerProfile:
    """The peer profile of an assessment's page: the one recorded with the result it made
    (its campaign's for a campaign respondent; `with_result` loads it along), the
    organisation's now before there is one, none for a personal diagnostic."""
    if assessment.organisation_id is None:
        return PeerProfile()
    source = assessment.campaign if assessment.campaign_id else assessment
    try:
        return PeerProfile.of_result(source.result)
    except Result.DoesNotExist:
        return PeerProfile.of_organisation(assessment.organisation)


def with_result(queryset=None):
    """Assessments that bring the result they made along (their campaign's for a campaign
    respondent), for their results page: its benchmark is the result's peer group."""
    queryset = Assessment.objects.all() if queryset is None else queryset
    return queryset.select_related("result", "campaign__result")


def _radar(dimensions, scores: dict, benchmark: Benchmark) -> str:
    series = [Series(_("Your score"), [scores.get(d.code) for d in dimensions], PALETTE[0])]
    if benchmark.dimensions:
        series.append(
            Series(
                _("Median of similar EES"),
                [(benchmark.dimensions.get(d.code) or (None, None, None))[1] for d in dimensions],
                PALETTE[1],
                dashed=True,
            )
        )
    return radar_svg(
        labels=[d.tr("title") for d in dimensions],
        series=series,
        title=_("Digital maturity by dimension"),
        description=_(
            "Radar chart of the score of each dimension, from 0 to 100. "
            "The table that follows gives the same figures."
        ),
    )


def _recommendations(dimensions, scores: dict, spreads: dict) -> list[dict]:
    """The weakest dimensions' recommendations with their resources, then one for each
    other dimension the respondents see very differently (a perception gap), the widest
    gap first. Each with a perception gap says so ("gap_text": talk about it)."""
    weakest = sorted(
        (
            d
            for d in dimensions
            if scores.get(d.code) is not None and scores[d.code] < RECOMMEND_BELOW
        ),
        key=lambda d: scores[d.code],
    )[:MAX_RECOMMENDATIONS]
    gaps = sorted(
        (
            d
            for d in dimensions
            if d not in weakest
            and scores.get(d.code) is not None
            and scoring.is_perception_gap(spreads.get(d.code))
        ),
        key=lambda d: -spreads[d.code],
    )
    resources = resources_for_dimensions([d.code for d in weakest])
    items = []
    for d in weakest + gaps:
        gap = scoring.is_perception_gap(spreads.get(d.code))
        gap_text = (
            _(
                "Your team does not see this dimension the same way (%(spread)s points "
                "between the highest and the lowest score): talk about it together."
            )
            % {"spread": f"{spreads[d.code]:.0f}"}
            if gap
            else ""
        )
        items.append(
            {
                "dimension": d,
                "score": scores[d.code],
                "text": d.recommendation_for(scores[d.code]) if d in weakest else "",
                "gap_text": gap_text,
                "perception_gap": gap,
                "spread": spreads.get(d.code),
                "resources": resources.get(d.code, []),
            }
        )
    return items


# --- what the dashboard shows -------------------------------------------------------------


def latest_results_by_organisation(organisation_ids) -> dict:
    return {
        r.organisation_id: r
        for r in Result.objects.filter(organisation_id__in=organisation_ids, is_latest=True)
    }


def open_campaigns_by_organisation(organisation_ids) -> dict:
    return {
        c.organisation_id: c
        for c in Campaign.objects.filter(organisation_id__in=organisation_ids, closed_at=None)
    }


@dataclass(frozen=True)
class OrganisationDiagnostics:
    """Where an organisation stands in the diagnostic, as a coach follows it."""

    latest_result: "Result | None"
    open_campaign: "Campaign | None"
    last_activity: datetime.datetime | None  # its latest answer saved or submitted


def diagnostics_by_organisation(organisation_ids) -> dict[int, OrganisationDiagnostics]:
    """{organisation id: its diagnostics at a glance} in three queries, whatever the number
    of organisations."""
    ids = list(organisation_ids)
    latest = latest_results_by_organisation(ids)
    campaigns = open_campaigns_by_organisation(ids)
    activity = dict(
        Assessment.objects.filter(organisation_id__in=ids)
        .order_by()
        .values("organisation_id")
        .annotate(last=Max("updated_at"))
        .values_list("organisation_id", "last")
    )
    return {
        pk: OrganisationDiagnostics(latest.get(pk), campaigns.get(pk), activity.get(pk))
        for pk in ids
    }


def drafts_of(user, visitor_keys=()):
    """Drafts the person may resume: their own, and those started in this browser."""
    condition = Q(visitor_key__in=list(visitor_keys)) if visitor_keys else Q(pk__in=[])
    if user.is_authenticated:
        condition |= Q(respondent=user)
    return (
        Assessment.objects.drafts()
        .filter(condition)
        .filter(Q(campaign=None) | Q(campaign__closed_at=None))
        .select_related("organisation")
        .order_by("-updated_at")
    )


@dataclass
class DraftProgress:
    draft: Assessment
    progress: Progress
    resume_at: int  # the first part with a question left unanswered (or the last)
    can_delete: bool = False  # the view sets it, from the rules


def drafts_with_progress(user, visitor_keys=(), *, limit: int = 10) -> list[DraftProgress]:
    """The person's drafts, newest save first, each with how far it went: their answers come
    in the same query, so the list costs one query whatever its length."""
    drafts = list(with_answers(drafts_of(user, visitor_keys))[:limit])
    rows = []
    for draft in drafts:
        structure = questionnaire_structure(draft.questionnaire_id)
        answers = answers_of(draft)
        shown = visible_question_ids(structure, answers)
        missing = {q.id for q in structure.questions if q.id in shown and not answers.get(q.id)}
        resume_at = next(
            (d.position for d in structure.dimensions if missing & _ids(structure, d)),
            len(structure.dimensions) or 1,
        )
        rows.append(DraftProgress(draft, progress_of(structure, answers, shown), resume_at))
    return rows


def _ids(structure: Structure, dimension) -> set[int]:
    return {q.id for q in structure.questions_of[dimension.id]}


def unclaimed_results(visitor_keys):
    """Submitted diagnostics started in this browser before logging in."""
    if not visitor_keys:
        return Assessment.objects.none()
    return Assessment.objects.submitted().filter(
        visitor_key__in=list(visitor_keys), respondent=None, organisation=None, campaign=None
    )


def own_assessments(user):
    """The user's own submitted diagnostics, newest first: those kept for themselves, those
    answered for an organisation and their answers in campaigns (they see only their own)."""
    if not getattr(user, "is_authenticated", False):
        return Assessment.objects.none()
    return (
        Assessment.objects.submitted()
        .filter(respondent=user)
        .select_related("organisation", "campaign")
        .order_by("-submitted_at", "-pk")
    )


# --- what the questionnaire asks of a respondent: one source for every text that says it --

# A respondent reads and answers a question in about half a minute (the demo's timings, and
# those of the first respondents): the duration every page and e-mail announces.
SECONDS_PER_QUESTION = 30


@dataclass(frozen=True)
class QuestionnaireFacts:
    parts: int
    questions_min: int  # the questions everyone is asked
    questions_max: int  # with every conditional question opened
    minutes: int  # rounded to five minutes

    @property
    def questions_vary(self) -> bool:
        return self.questions_min != self.questions_max


def questionnaire_facts(questionnaire_id: int) -> QuestionnaireFacts:
    """How many parts and questions the version has and how long it takes, from its data."""
    structure = questionnaire_structure(questionnaire_id)
    total = len(structure.questions)
    minutes = total * SECONDS_PER_QUESTION / 60
    return QuestionnaireFacts(
        parts=len(structure.dimensions),
        questions_min=sum(1 for q in structure.questions if q.show_if_question_id is None),
        questions_max=total,
        minutes=max(5, 5 * round(minutes / 5)),
    )


# --- The programme's public figures (digitalees.figures) --------------------------------

# Renewed by every submission and every result recorded (services).
DIAGNOSTIC_DATA = "diagnostic"


@dataclass(frozen=True)
class PublicFigures:
    """Over the latest result of each organisation, by the sector recorded with it (the
    benchmarks' peer group)."""

    diagnostics: int  # submitted diagnostics, each respondent counted
    organisations_diagnosed: int  # with at least one result
    overall: GroupAggregate  # the mean overall score
    # (code, French title, English title) of each dimension, in order: the current
    # questionnaire's, then any other that results still carry.
    dimensions: tuple[tuple[str, str, str], ...]
    by_dimension: dict[str, GroupAggregate]
    by_sector: dict[str, GroupAggregate]  # every sector, its mean overall score
    by_sector_dimension: dict[tuple[str, str], GroupAggregate]


def public_figures() -> PublicFigures:
    """Four queries when a result changed, none otherwise."""
    return cached_figures(
        "diagnostic",
        depends_on=(ORGANISATIONS_DATA, DIAGNOSTIC_DATA),
        compute=_public_figures,
    )


def _weighted(groups) -> tuple[float | None, int]:
    """(mean, organisations) of groups given as (mean, organisations)."""
    groups = list(groups)
    count = sum(n for _mean, n in groups)
    if not count:
        return None, 0
    return sum(mean * n for mean, n in groups) / count, count


def _public_figures() -> PublicFigures:
    latest = Result.objects.latest_per_organisation()
    sectors = {
        row["sector"]: (row["mean"], row["n"])
        for row in latest.values("sector")
        .annotate(mean=Avg("overall_score"), n=Count("pk"))
        .order_by()
    }
    # One latest result per organisation (a constraint): rows count organisations.
    cells = {
        (row["result__sector"], row["dimension_code"]): (row["mean"], row["n"])
        for row in ResultScore.objects.filter(is_latest=True)
        .values("result__sector", "dimension_code")
        .annotate(mean=Avg("score"), n=Count("pk"))
        .order_by()
    }
    current = Dimension.objects.filter(
        questionnaire_id=Subquery(Questionnaire.objects.order_by("-version").values("pk")[:1])
    ).order_by("position")
    dimensions = [(d.code, d.title_fr, d.title_en) for d in current]
    known = {code for code, *_titles in dimensions}
    dimensions += [(code, code, code) for code in sorted({c for _s, c in cells} - known)]
    overall, diagnosed = _weighted(sectors.values())
    return PublicFigures(
        diagnostics=Assessment.objects.submitted().count(),
        organisations_diagnosed=diagnosed,
        overall=group_aggregate(overall, diagnosed),
        dimensions=tuple(dimensions),
        by_dimension={
            code: group_aggregate(*_weighted(v for (_s, c), v in cells.items() if c == code))
            for code, *_titles in dimensions
        },
        by_sector={
            sector: group_aggregate(*sectors.get(sector, (None, 0))) for sector in Sector.values
        },
        by_sector_dimension={
            (sector, code): group_aggregate(*cells.get((sector, code), (None, 0)))
            for sector in Sector.values
            for code, *_titles in dimensions
        },
    )
