"""Reads of the diagnostic that several views, tasks and other apps need."""

from dataclasses import dataclass, field
from functools import lru_cache

from . import scoring
from .models import Choice, Dimension, Question


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
