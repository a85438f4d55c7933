import copy

import pytest
from django.core.management import call_command

from diagnostic import loader
from diagnostic.models import Choice, Dimension, Question, Questionnaire
from diagnostic.questionnaire import check

MODELS = {
    "Questionnaire": Questionnaire,
    "Dimension": Dimension,
    "Question": Question,
    "Choice": Choice,
}


def test_questionnaire_files_follow_the_content_rules():
    assert check.main(["check.py"]) == 0


@pytest.mark.django_db
def test_version_1_is_published_by_the_migrations():
    questionnaire = Questionnaire.current()
    assert questionnaire.version == 1
    assert 30 <= questionnaire.questions.count() <= 45
    assert questionnaire.dimensions.count() == 8
    codes = set(questionnaire.dimensions.values_list("code", flat=True))
    assert {"strategy", "equipment", "skills", "data", "security", "tools"} <= codes
    assert set(questionnaire.questions.values_list("type", flat=True)) == {
        "scale",
        "checklist",
        "yesno",
        "context",
    }
    website_tools = questionnaire.questions.filter(show_if_question__code="communication.website")
    assert website_tools.count() >= 1


@pytest.mark.django_db
def test_a_published_version_never_changes(capsys):
    before = Question.objects.count()
    call_command("load_questionnaire", str(loader.QUESTIONNAIRE_DIR / "v1.json"))
    assert Question.objects.count() == before
    assert "already published" in capsys.readouterr().out


@pytest.mark.django_db
def test_a_new_version_gets_new_rows_and_keeps_codes():
    data = copy.deepcopy(loader.read(loader.QUESTIONNAIRE_DIR / "v1.json"))
    data["version"] = 2
    data["dimensions"][0]["questions"].pop()
    v1 = Questionnaire.objects.get(version=1)
    v1_texts = list(v1.questions.values_list("text_fr", flat=True))
    v2, created = loader.load(data, **MODELS)
    assert created
    assert Questionnaire.current() == v2
    assert v2.questions.count() == v1.questions.count() - 1
    shared = set(v1.questions.values_list("code", flat=True)) & set(
        v2.questions.values_list("code", flat=True)
    )
    assert len(shared) == v2.questions.count()
    assert list(v1.questions.values_list("text_fr", flat=True)) == v1_texts
