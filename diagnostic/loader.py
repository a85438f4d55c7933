"""Load a questionnaire version from its JSON file (diagnostic/questionnaire/v<N>.json).

Used by a data migration (with historical models) and by `manage.py load_questionnaire`.
A version that is already loaded is never changed: loading it again does nothing.
"""

import json
from pathlib import Path

from . import scoring

QUESTIONNAIRE_DIR = Path(__file__).resolve().parent / "questionnaire"
YESNO_VALUES = {"yes": 2, "partly": 1, "no": 0}


class QuestionnaireError(ValueError):
    pass


def read(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _choice_value(question_type: str, choice: dict) -> int:
    if question_type == scoring.SCALE:
        return int(choice["code"])
    if question_type == scoring.YESNO:
        return YESNO_VALUES[choice["code"]]
    if question_type == scoring.CHECKLIST:
        return int(choice.get("weight", 1))
    return 0


def load(data: dict, *, Questionnaire, Dimension, Question, Choice):  # noqa: N803
    """Create the rows of one version. Model classes are passed in so that a migration can
    give its historical models. Returns (questionnaire, created)."""
    existing = Questionnaire.objects.filter(version=data["version"]).first()
    if existing is not None:
        return existing, False
    questionnaire = Questionnaire.objects.create(
        version=data["version"],
        title_fr=data["title"]["fr"],
        title_en=data["title"]["en"],
        intro_fr=data.get("intro", {}).get("fr", ""),
        intro_en=data.get("intro", {}).get("en", ""),
    )
    by_code = {}
    for d_pos, dim in enumerate(data["dimensions"], start=1):
        dimension = Dimension.objects.create(
            questionnaire=questionnaire,
            code=dim["code"],
            position=d_pos,
            dma=dim.get("dma") or "",
            title_fr=dim["title"]["fr"],
            title_en=dim["title"]["en"],
            description_fr=dim.get("description", {}).get("fr", ""),
            description_en=dim.get("description", {}).get("en", ""),
            recommendations=dim.get("recommendations", []),
        )
        for q_pos, q in enumerate(dim["questions"], start=1):
            show_if = q.get("show_if")
            if show_if and show_if["question"] not in by_code:
                raise QuestionnaireError(f"{q['code']}: show_if names a later or unknown question")
            question = Question.objects.create(
                questionnaire=questionnaire,
                dimension=dimension,
                code=q["code"],
                position=q_pos,
                type=q["type"],
                text_fr=q["text"]["fr"],
                text_en=q["text"]["en"],
                help_fr=q.get("help", {}).get("fr", ""),
                help_en=q.get("help", {}).get("en", ""),
                show_if_question=by_code[show_if["question"]] if show_if else None,
                show_if_choices=show_if["in"] if show_if else [],
            )
            by_code[q["code"]] = question
            Choice.objects.bulk_create(
                Choice(
                    question=question,
                    code=c["code"],
                    position=c_pos,
                    label_fr=c["label"]["fr"],
                    label_en=c["label"]["en"],
                    value=_choice_value(q["type"], c),
                    exclusive=bool(c.get("exclusive", False)),
                )
                for c_pos, c in enumerate(q["choices"], start=1)
            )
    return questionnaire, True


def load_file(path: Path, **models):
    return load(read(path), **models)
