"""Reads of the programme's evaluation: a participant's own answers, and a cohort's
results per theme, never by name."""

from dataclasses import dataclass, field

from django.db.models import Count

from diagnostic.models import Result

from ..models import Evaluation, EvaluationAnswer, EvaluationTheme, Phase, Plan, Verdict


def own_evaluation(*, cohort, respondent, phase) -> Evaluation | None:
    """The respondent's evaluation of the cohort (or of the phase), with its answers."""
    return (
        Evaluation.objects.filter(cohort=cohort, respondent=respondent, phase=phase)
        .prefetch_related("answers")
        .first()
    )


@dataclass
class ThemeResult:
    theme: EvaluationTheme
    counts: dict[str, int] = field(default_factory=dict)
    comments: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def verdicts(self) -> list[dict]:
        """Each verdict with its count and its share of the answers (a whole percentage)."""
        total = self.total
        rows, offset = [], 0.0
        for value, label in Verdict.choices:
            count = self.counts.get(value, 0)
            exact = 100 * count / total if total else 0.0
            # `offset` and `width`: where the verdict's segment sits in the results' chart.
            rows.append(
                {
                    "value": value,
                    "label": label,
                    "count": count,
                    "share": round(exact),
                    "offset": f"{offset:.2f}",
                    "width": f"{exact:.2f}",
                }
            )
            offset += exact
        return rows


def respondents_by_phase(cohort) -> list[tuple[object, int]]:
    """(phase or None, respondents) for each part of the cohort's accompaniment evaluated so
    far, the whole accompaniment first, in one query: where the results are to be read."""
    rows = (
        Evaluation.objects.filter(cohort=cohort).values("phase").annotate(n=Count("pk")).order_by()
    )
    counts = {row["phase"]: row["n"] for row in rows}
    phases = {p.pk: p for p in Phase.objects.filter(pk__in=[pk for pk in counts if pk])}
    ordered = sorted(counts, key=lambda pk: (pk is not None, phases[pk].position if pk else 0))
    return [(phases.get(pk), counts[pk]) for pk in ordered]


def evaluation_results(*, cohort, phase) -> tuple[int, list[ThemeResult]]:
    """(respondents, one result per theme) for the cohort's evaluations of `phase` (None:
    the whole accompaniment), in four queries. Themes no longer asked still show with the
    answers they had. Comments are sorted by their text, not by when they came in: read
    side by side across themes, an order would tell which comments one person wrote."""
    evaluations = Evaluation.objects.filter(cohort=cohort, phase=phase)
    respondents = evaluations.count()
    answers = EvaluationAnswer.objects.filter(evaluation__in=evaluations)
    counts = answers.values("theme_id", "verdict").annotate(n=Count("pk")).order_by()
    results: dict[int, ThemeResult] = {}
    answered = {row["theme_id"] for row in counts}
    for theme in EvaluationTheme.objects.all():
        if theme.is_active or theme.pk in answered:
            results[theme.pk] = ThemeResult(theme=theme)
    for row in counts:
        results[row["theme_id"]].counts[row["verdict"]] = row["n"]
    for theme_id, comment in (
        answers.exclude(comment="").order_by("comment").values_list("theme_id", "comment")
    ):
        results[theme_id].comments.append(comment)
    return respondents, list(results.values())


def closing_results(plans: list[Plan]) -> dict[int, Result | None]:
    """Plan id → its enterprise's latest diagnostic made since the plan began, other than
    the one that started it (None if there is none yet), for all the plans in one query."""
    if not plans:
        return {}
    results = Result.objects.filter(
        organisation_id__in={plan.organisation_id for plan in plans},
        created_at__gte=min(plan.created_at for plan in plans),
    ).order_by("-created_at", "-pk")
    by_organisation: dict[int, list[Result]] = {}
    for result in results:
        by_organisation.setdefault(result.organisation_id, []).append(result)
    return {
        plan.pk: next(
            (
                result
                for result in by_organisation.get(plan.organisation_id, [])
                if result.created_at >= plan.created_at and result.pk != plan.baseline_result_id
            ),
            None,
        )
        for plan in plans
    }
