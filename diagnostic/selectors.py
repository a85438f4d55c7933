"""Reads of the diagnostic that several views, tasks and other apps need."""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Count, F, Max, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from digitalees.charts import PALETTE, Series, radar_svg
from digitalees.db import IdList, Percentile, parse_id_list
from network.models import Resource
from network.selectors import library_version

from . import scoring
from .models import (
    Answer,
    Assessment,
    Campaign,
    Choice,
    Dimension,
    Question,
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


def progress_of(structure: Structure, answers: dict, shown: set[int]) -> Progress:
    return Progress(answered=sum(1 for q in shown if answers.get(q)), total=len(shown))


def unanswered_by_dimension(structure: Structure, answers: dict, shown: set[int]):
    """[(dimension, answered count, shown count, [unanswered questions])] for the review."""
    rows = []
    for dimension in structure.dimensions:
        questions = [q for q in structure.questions_of[dimension.id] if q.id in shown]
        missing = [q for q in questions if not answers.get(q.id)]
        rows.append((dimension, len(questions) - len(missing), len(questions), missing))
    return rows


# --- results, benchmarks, progress over time -------------------------------------------

MIN_PEER_GROUP = 5  # no group of fewer than five organisations is ever shown


@dataclass
class Benchmark:
    count: int
    overall: tuple | None  # (q1, median, q3)
    dimensions: dict  # dimension code -> (q1, median, q3)


BENCHMARK_CACHE_SECONDS = 15 * 60


def _benchmark_key(organisation) -> str:
    group = f"{organisation.sector}:{organisation.size_band}:{organisation.province}"
    return f"diagnostic:benchmark:{group}"


def benchmark_refresh(organisation) -> None:
    """A result of this peer group changed: compute its quartiles again now, once, rather
    than in the next page of each reader (a group is read far more often than it changes).
    Run it after the change commits. Two refreshes of one group that overlap may store the
    older figures; they last until the cache period runs out."""
    cache.set(
        _benchmark_key(organisation), _compute_benchmark(organisation), BENCHMARK_CACHE_SECONDS
    )


def benchmarks_forget(organisations) -> None:
    """Results of these organisations' peer groups changed in bulk: drop the groups' cached
    quartiles (computed again on their next reading) rather than compute each now."""
    cache.delete_many(list({_benchmark_key(o) for o in organisations}))


def benchmark_for(organisation) -> Benchmark:
    """Quartiles of the latest result of each organisation of the same sector, size band and
    province, computed by the database and kept in the cache, refreshed when a result of the
    group changes. Empty when the group has fewer than five."""
    key = _benchmark_key(organisation)
    benchmark = cache.get(key)
    if benchmark is None:
        benchmark = _compute_benchmark(organisation)
        cache.set(key, benchmark, BENCHMARK_CACHE_SECONDS)
    return benchmark


def _compute_benchmark(organisation) -> Benchmark:
    peers = Result.objects.latest_per_organisation().peers_of(organisation)
    overall = peers.aggregate(
        count=Count("id"),
        q1=Percentile("overall_score", 0.25),
        median=Percentile("overall_score", 0.5),
        q3=Percentile("overall_score", 0.75),
    )
    if overall["count"] < MIN_PEER_GROUP:
        return Benchmark(count=overall["count"], overall=None, dimensions={})
    rows = (
        ResultScore.objects.filter(
            is_latest=True,
            # Lets PostgreSQL reach the peers' latest results through result_one_latest_per_org
            # instead of all their results (4.6 → 2.3 ms at 20,000 assessments).
            result__is_latest=True,
            result__organisation__sector=organisation.sector,
            result__organisation__size_band=organisation.size_band,
            result__organisation__province=organisation.province,
        )
        .values("dimension_code")
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
        count=overall["count"],
        overall=(overall["q1"], overall["median"], overall["q3"]),
        dimensions=dimensions,
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


def results_history(organisation):
    return list(Result.objects.filter(organisation=organisation).order_by("created_at"))


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
    # One per dimension: {"dimension", "score", "spread", "peers" (q1, median, q3), "change"}
    rows: list[dict]
    benchmark: Benchmark | None
    previous_date: datetime.datetime | None  # of the result the change is measured from
    radar: str
    recommendations: list[dict]  # {"dimension", "score", "text", "resources"}, weakest first

    @property
    def has_change(self) -> bool:
        return any(row["change"] is not None for row in self.rows)

    @property
    def show_spread(self) -> bool:
        return self.respondents > 1

    @property
    def strongest(self) -> list[dict]:
        return self._scored()[:2]

    @property
    def weakest(self) -> list[dict]:
        scored = self._scored()
        return scored[-2:][::-1] if len(scored) >= 4 else []

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
            "levels": scoring.LEVELS,
            "recommend_below": RECOMMEND_BELOW,
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
    else:
        structure = questionnaire_structure(result.questionnaire_id)
        rows = list(result.scores.all())
        scores = {s.dimension_code: s.score for s in rows}
        spreads = {s.dimension_code: s.spread for s in rows}
        source, organisation = result, result.organisation
        date, respondents = result.created_at, result.respondents
        previous = previous_result(result)
        previous_date = previous.created_at if previous else None
    change = (
        change_since(previous.question_scores, source.question_scores, structure)
        if previous
        else {}
    )
    benchmark = benchmark_for(organisation) if organisation else None
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
                "peers": benchmark.dimensions.get(d.code) if benchmark else None,
                "change": change.get(d.code),
            }
            for d in structure.dimensions
        ],
        benchmark=benchmark,
        previous_date=previous_date,
        radar=_radar(structure.dimensions, scores, benchmark),
        recommendations=_recommendations(structure.dimensions, scores),
    )


def _radar(dimensions, scores: dict, benchmark: Benchmark | None) -> str:
    series = [Series(_("Your score"), [scores.get(d.code) for d in dimensions], PALETTE[0])]
    if benchmark and benchmark.dimensions:
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


def _recommendations(dimensions, scores: dict) -> list[dict]:
    weakest = sorted(
        (
            d
            for d in dimensions
            if scores.get(d.code) is not None and scores[d.code] < RECOMMEND_BELOW
        ),
        key=lambda d: scores[d.code],
    )[:MAX_RECOMMENDATIONS]
    resources = resources_for_dimensions([d.code for d in weakest])
    return [
        {
            "dimension": d,
            "score": scores[d.code],
            "text": d.recommendation_for(scores[d.code]),
            "resources": resources.get(d.code, []),
        }
        for d in weakest
    ]


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


def unclaimed_results(visitor_keys):
    """Submitted diagnostics started in this browser before logging in."""
    if not visitor_keys:
        return Assessment.objects.none()
    return Assessment.objects.submitted().filter(
        visitor_key__in=list(visitor_keys), respondent=None, organisation=None, campaign=None
    )
