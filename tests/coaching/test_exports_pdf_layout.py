"""The plan's PDF is print-ready and shows the plan: rendered by WeasyPrint for real, every
box of every page lies inside the page's content area (the diagnostic's report's check),
in French and in English, for a plan with long names, titles and an unbreakable word; and
it holds every part the plan's page has."""

import re
from html import unescape

import pytest
from django.utils import translation
from weasyprint import HTML

from coaching.exports import services as exports
from coaching.models import Plan, PlanReport
from digitalees.pdf import pdf_stylesheets
from tests.diagnostic.test_report_layout import MM, _overflows, _with_class

from .exports_data import LONG_WORD, rich_plan

pytestmark = pytest.mark.django_db


def _report(plan, language) -> PlanReport:
    plan = Plan.objects.select_related("organisation", "enrolment__cohort").get(pk=plan.pk)
    return PlanReport(plan=plan, language=language, content_stamp="test")


def _layout(report):
    """Laid out as plan_report_pdf lays it out (same HTML, stylesheet and fonts)."""
    font_config, stylesheets = pdf_stylesheets(exports.STYLESHEET)
    html = HTML(string=exports.plan_report_html(report), base_url=".")
    return html.render(stylesheets=stylesheets, font_config=font_config)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_box_of_the_plans_pdf_overflows_its_page(language):
    plan = rich_plan(long_texts=True, actions_per_status=6)
    document = _layout(_report(plan, language))
    assert len(document.pages) >= 3  # the actions run over pages
    assert _overflows(document) == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_empty_plan_lays_out_too(language, plan):
    document = _layout(_report(plan, language))
    assert _overflows(document) == []


def test_the_progress_bar_has_its_width():
    plan = rich_plan()
    document = _layout(_report(plan, "fr"))
    [bar] = _with_class(document, "bar")
    [fill] = _with_class(document, "fill")
    assert bar.width >= 55 * MM
    progress = float(fill.element.get("data-progress"))
    assert progress > 0
    assert fill.width == pytest.approx(bar.width * progress / 100, abs=1)


def test_the_pdf_shows_every_part_of_the_plan(english):
    plan = rich_plan(long_texts=True)
    html = exports.plan_report_html(_report(plan, "en"))
    text = _text(html)
    assert plan.organisation.name in text and "Cohorte pilote des exports" in text
    assert "Une équipe autonome avec des outils sûrs." in text  # the vision
    assert "Sécuriser nos données" in text and "Gagner du temps" in text  # objectives
    # Actions grouped by status, in the board's order of statuses.
    groups = re.findall(r'<span class="group-label">([^<]+)</span>', html)
    assert groups == ["To do", "In progress", "Blocked", "Done", "Dropped"]
    assert LONG_WORD in text
    # Each with its dimension, owner, dates, budget; an overdue one says so in words.
    coach = plan.organisation.coach_assignments.get().coach
    assert coach.display_name in text
    assert "123,456.78" in text and "overdue" in text
    assert "Cybersecurity" in text  # the dimension, by its title
    # Milestones, the methodology's steps (one done, with its deliverable), the change.
    assert "Outil choisi et équipe formée" in text and "Sauvegardes en place" in text
    assert "Step 1.1: a rather long step title" in text and "Rapport du diagnostic" in text
    assert "1 of 4" in text  # steps done
    assert "Change per dimension" in text
    changes = re.search(r'<table class="changes">.*?</table>', html, re.S).group(0)
    assert re.findall(r'<td class="num">\+\d+</td>', changes)  # rank 1 then rank 3: better


def test_the_pdf_is_in_the_reports_language():
    plan = rich_plan()
    with translation.override("en"):
        french = _text(exports.plan_report_html(_report(plan, "fr")))
    assert "Plan de transformation numérique" in french and "À faire" in french
    english = _text(exports.plan_report_html(_report(plan, "en")))
    assert "Digital transformation plan" in english and "To do" in english
