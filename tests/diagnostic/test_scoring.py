"""Scoring is pure: unit tests and property tests (hypothesis)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from diagnostic import scoring
from diagnostic.scoring import ChoiceValue as C

SCALE = [C(v) for v in range(5)]
YESNO = [C(2), C(1), C(0)]
CHECKLIST = [C(1), C(2), C(1), C(1), C(0, exclusive=True)]


def test_question_scores_by_type():
    assert scoring.question_score("scale", [C(3)], SCALE) == 7.5
    assert scoring.question_score("yesno", [C(1)], YESNO) == 5.0
    assert scoring.question_score("checklist", [C(1), C(2)], CHECKLIST) == 6.0
    assert scoring.question_score("checklist", [C(0, exclusive=True)], CHECKLIST) == 0.0
    assert scoring.question_score("context", [C(0)], [C(0), C(0)]) is None
    assert scoring.question_score("scale", [], SCALE) is None


def test_single_choice_types_take_one_choice():
    with pytest.raises(ValueError):
        scoring.question_score("scale", [C(1), C(2)], SCALE)


def test_dimension_is_mean_of_answered_questions_and_overall_mean_of_dimensions():
    assert scoring.dimension_score([10.0, 5.0, None]) == 75.0
    assert scoring.dimension_score([None, None]) is None
    assert scoring.overall_score([75.0, 25.0, None]) == 50.0


def test_dimension_scores_group_by_dimension():
    scores = scoring.dimension_scores(
        {"a.1": 10.0, "a.2": 0.0, "b.1": None}, {"a.1": "a", "a.2": "a", "b.1": "b"}
    )
    assert scores == {"a": 50.0, "b": None}


@pytest.mark.parametrize(
    "score,level", [(0, 1), (24.9, 1), (25, 2), (49.9, 2), (50, 3), (74.9, 3), (75, 4), (100, 4)]
)
def test_levels(score, level):
    assert scoring.level_for(score).number == level
    assert scoring.level_for(score).description


def test_at_least_four_levels_from_zero():
    assert len(scoring.LEVELS) >= 4
    assert scoring.LEVELS[0].minimum == 0


def test_campaign_mean_and_change_on_shared_questions():
    mean = scoring.mean_scores([{"a.1": 10.0, "a.2": None}, {"a.1": 5.0, "a.2": 5.0}])
    assert mean == {"a.1": 7.5, "a.2": 5.0}
    dimension_of = {"a.1": "a", "a.2": "a", "a.3": "a", "b.1": "b"}
    before = {"a.1": 5.0, "a.2": 0.0, "b.1": 5.0}
    after = {"a.1": 10.0, "a.3": 10.0, "b.1": None}  # a.2 dropped, a.3 new, b.1 unanswered
    assert scoring.shared_change(before, after, dimension_of) == {"a": 50.0, "b": None}


# --- properties --------------------------------------------------------------------------

scale_answer = st.one_of(st.none(), st.integers(0, 4))
checklist_answer = st.one_of(
    st.none(), st.just("none"), st.sets(st.integers(0, 3), min_size=1, max_size=4)
)
questionnaire_answers = st.lists(
    st.tuples(st.sampled_from(["d1", "d2", "d3"]), st.one_of(scale_answer, checklist_answer)),
    min_size=1,
    max_size=20,
)


def _score_one(answer):
    if answer is None:
        return None
    if isinstance(answer, int):
        return scoring.question_score("scale", [SCALE[answer]], SCALE)
    if answer == "none":
        return scoring.question_score("checklist", [CHECKLIST[4]], CHECKLIST)
    return scoring.question_score("checklist", [CHECKLIST[i] for i in answer], CHECKLIST)


def _overall(answers):
    question_scores = {f"q{i}": _score_one(a) for i, (_d, a) in enumerate(answers)}
    dimension_of = {f"q{i}": d for i, (d, _a) in enumerate(answers)}
    by_dimension = scoring.dimension_scores(question_scores, dimension_of)
    return by_dimension, scoring.overall_score(by_dimension.values())


@given(questionnaire_answers)
def test_scores_stay_within_0_and_100(answers):
    by_dimension, overall = _overall(answers)
    for score in [*by_dimension.values(), overall]:
        assert score is None or 0 <= score <= 100


def _better(answer):
    """A strictly better answer to the same question, or None when there is none."""
    if isinstance(answer, int):
        return answer + 1 if answer < 4 else None
    if answer == "none":
        return {0}
    if isinstance(answer, set) and len(answer) < 4:
        return answer | {min(set(range(4)) - answer)}
    return None


@given(questionnaire_answers, st.data())
def test_a_better_answer_never_lowers_a_score(answers, data):
    index = data.draw(st.integers(0, len(answers) - 1))
    dimension, answer = answers[index]
    better = _better(answer)
    if better is None:
        return
    improved = list(answers)
    improved[index] = (dimension, better)
    before_dims, before = _overall(answers)
    after_dims, after = _overall(improved)
    assert after >= before
    for code, score in before_dims.items():
        assert score is None or after_dims[code] >= score


@pytest.mark.parametrize(
    ("spread", "gap"),
    [(None, False), (0.0, False), (24.9, False), (25.0, True), (25.1, True), (100.0, True)],
)
def test_a_perception_gap_starts_at_the_threshold(spread, gap):
    assert scoring.PERCEPTION_GAP_FROM == 25
    assert scoring.is_perception_gap(spread) is gap


def test_the_spread_is_highest_minus_lowest_of_several_respondents():
    assert scoring.spread([]) is None
    assert scoring.spread([40.0]) is None  # one respondent: no gap to speak of
    assert scoring.spread([40.0, 65.04, 52.0]) == 25.0
    assert scoring.is_perception_gap(scoring.spread([40.0, 64.9])) is False
