"""What a results page and a PDF report show: the same figures, built once here."""

from django.utils.translation import gettext as _

from digitalees.charts import PALETTE, Series, radar_svg

from . import scoring, selectors

# Dimensions scoring below this get recommendations, the weakest first.
RECOMMEND_BELOW = 70
MAX_RECOMMENDATIONS = 3


def results_summary(
    *, structure, scores, overall, organisation, benchmark, spreads=None, change=None
) -> dict:
    """Rows per dimension (score, gap between respondents, peers' quartiles, change), the
    radar, the level and the recommendations with their resources. Call it in the reader's
    language: titles, recommendations and chart labels are translated here."""
    dimensions = structure.dimensions
    spreads, change = spreads or {}, change or {}
    weakest = sorted(
        (
            d
            for d in dimensions
            if scores.get(d.code) is not None and scores[d.code] < RECOMMEND_BELOW
        ),
        key=lambda d: scores[d.code],
    )[:MAX_RECOMMENDATIONS]
    resources = selectors.resources_for_dimensions([d.code for d in weakest])
    rows = [
        {
            "dimension": d,
            "score": scores.get(d.code),
            "spread": spreads.get(d.code),
            "peers": benchmark.dimensions.get(d.code) if benchmark else None,
            "change": change.get(d.code),
        }
        for d in dimensions
    ]
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
    radar = radar_svg(
        labels=[d.tr("title") for d in dimensions],
        series=series,
        title=_("Digital maturity by dimension"),
        description=_(
            "Radar chart of the score of each dimension, from 0 to 100. "
            "The table that follows gives the same figures."
        ),
    )
    return {
        "overall": overall,
        "level": scoring.level_for(overall),
        "levels": scoring.LEVELS,
        "rows": rows,
        "radar": radar,
        "benchmark": benchmark,
        "organisation": organisation,
        "has_change": any(v is not None for v in change.values()),
        "recommend_below": RECOMMEND_BELOW,
        "recommendations": [
            {
                "dimension": d,
                "score": scores[d.code],
                "text": d.recommendation_for(scores[d.code]),
                "resources": resources.get(d.code, []),
            }
            for d in weakest
        ],
    }
