"""Scoring: pure functions, no database.

- A question's answer is normalised to 0–10 by its type.
- A dimension scores 0–100: the mean of its answered, scored questions, times ten.
- The overall score is the mean of the dimensions that have a score.
- The overall score falls in one of four maturity levels.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SCALE = "scale"
CHECKLIST = "checklist"
YESNO = "yesno"
CONTEXT = "context"
SCORED_TYPES = (SCALE, CHECKLIST, YESNO)

# Points of the single-choice types; a choice's value is its rank.
MAX_VALUE = {SCALE: 4, YESNO: 2}


@dataclass(frozen=True)
class ChoiceValue:
    """What scoring needs of a choice: its value (scale rank, yes/partly/no rank or
    checklist weight) and whether it excludes the others ("none of these")."""

    value: int
    exclusive: bool = False


def question_score(
    question_type: str, selected: Sequence[ChoiceValue], all_choices: Sequence[ChoiceValue]
) -> float | None:
    """0–10 for an answered scored question; None for context questions or no answer."""
    if question_type == CONTEXT or not selected:
        return None
    if question_type in MAX_VALUE:
        if len(selected) != 1:
            raise ValueError(f"a {question_type} question takes exactly one choice")
        return 10.0 * selected[0].value / MAX_VALUE[question_type]
    if question_type == CHECKLIST:
        if any(c.exclusive for c in selected):
            return 0.0
        total = sum(c.value for c in all_choices if not c.exclusive)
        return 10.0 * sum(c.value for c in selected) / total if total else 0.0
    raise ValueError(f"unknown question type {question_type!r}")


def dimension_score(question_scores: Iterable[float | None]) -> float | None:
    """0–100: the mean of the answered questions' 0–10 scores, times ten."""
    answered = [s for s in question_scores if s is not None]
    return round(10.0 * fmean(answered), 1) if answered else None


def overall_score(dimension_scores: Iterable[float | None]) -> float | None:
    scored = [s for s in dimension_scores if s is not None]
    return round(fmean(scored), 1) if scored else None


def dimension_scores(
    question_scores: Mapping[str, float | None], dimension_of: Mapping[str, str]
) -> dict[str, float | None]:
    """{dimension code: 0–100} from {question code: 0–10} and {question code: dimension}."""
    grouped: dict[str, list[float | None]] = {d: [] for d in dimension_of.values()}
    for code, score in question_scores.items():
        if code in dimension_of:
            grouped[dimension_of[code]].append(score)
    return {dimension: dimension_score(scores) for dimension, scores in grouped.items()}


@dataclass(frozen=True)
class Level:
    number: int
    minimum: float
    name: str | Promise  # translated lazily, in the reader's language
    description: str | Promise


LEVELS = (
    Level(
        1,
        0,
        _("Starting out"),
        _(
            "Digital tools are used here and there, without a shared plan. The basics "
            "(equipment, security, data protection) are the first things to put in order."
        ),
    ),
    Level(
        2,
        25,
        _("Exploring"),
        _(
            "Some practices are in place and the team sees what digital can bring. "
            "Choosing priorities and writing them down is the next step."
        ),
    ),
    Level(
        3,
        50,
        _("Structured"),
        _(
            "Digital is organised: tools are chosen, people trained, data protected. "
            "The next step is to connect tools and measure what they bring to your social purpose."
        ),
    ),
    Level(
        4,
        75,
        _("Integrated"),
        _(
            "Digital serves your social purpose and is steered as part of your strategy. "
            "Share your experience with other EES and keep reviewing your practices."
        ),
    ),
)


def level_for(score: float | None) -> Level | None:
    if score is None:
        return None
    return next(level for level in reversed(LEVELS) if score >= level.minimum)


# A campaign's respondents see a dimension very differently when their scores on it are
# this many points apart or more (highest minus lowest, out of 100): the results page
# points it out and recommends talking about it.
PERCEPTION_GAP_FROM = 25.0


def spread(scores: Sequence[float]) -> float | None:
    """Highest minus lowest of several respondents' scores on a dimension; None for one."""
    return round(max(scores) - min(scores), 1) if len(scores) > 1 else None


def is_perception_gap(spread: float | None) -> bool:
    return spread is not None and spread >= PERCEPTION_GAP_FROM


def mean_scores(per_respondent: Sequence[Mapping[str, float | None]]) -> dict[str, float | None]:
    """Per-question mean over several respondents' 0–10 scores (a campaign's result)."""
    codes = {code for scores in per_respondent for code in scores}
    result: dict[str, float | None] = {}
    for code in codes:
        values = [v for s in per_respondent if (v := s.get(code)) is not None]
        result[code] = fmean(values) if values else None
    return result


def shared_change(
    before: Mapping[str, float | None],
    after: Mapping[str, float | None],
    dimension_of: Mapping[str, str],
) -> dict[str, float | None]:
    """Change per dimension (points out of 100) computed on the questions answered in both
    results only, so that a new questionnaire version does not distort the comparison."""
    shared = {
        code
        for code in before.keys() & after.keys()
        if before[code] is not None and after[code] is not None and code in dimension_of
    }
    old = dimension_scores({c: before[c] for c in shared}, dimension_of)
    new = dimension_scores({c: after[c] for c in shared}, dimension_of)
    return {
        dimension: (
            round(after_score - before_score, 1)
            if (before_score := old[dimension]) is not None
            and (after_score := new[dimension]) is not None
            else None
        )
        for dimension in old
    }
