import pytest

from diagnostic import services
from diagnostic.models import Questionnaire
from diagnostic.selectors import answers_of, questionnaire_structure, visible_question_ids


@pytest.fixture
def questionnaire(db):
    return Questionnaire.current()


def answer_everything(assessment, rank=4):
    """Answer every question shown, choosing the choice at `rank` (clamped) for single-choice
    questions and the first `rank` items for checklists. Returns the assessment."""
    structure = questionnaire_structure(assessment.questionnaire_id)
    for question in structure.questions:
        shown = visible_question_ids(structure, answers_of(assessment))
        if question.id not in shown:
            continue
        choices = [structure.choices[c] for c in structure.choices_of[question.id]]
        if question.type == "checklist":
            plain = [c for c in choices if not c.exclusive]
            codes = [c.code for c in plain[:rank]] or [next(c.code for c in choices if c.exclusive)]
        elif question.type in ("scale", "yesno"):
            ordered = sorted(choices, key=lambda c: c.value)
            codes = [ordered[min(rank, len(ordered) - 1)].code]
        else:
            codes = [choices[0].code]
        services.answer_save(assessment=assessment, question=question, choice_codes=codes)
    return assessment
