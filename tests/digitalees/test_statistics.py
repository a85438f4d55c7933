"""The programme's public statistics (the page, its CSV, the home page's figures): each
figure against data made here through the apps' services, no group of fewer than five
organisations shown, fresh as soon as a write commits, and a bounded number of queries."""

import datetime
import re
from statistics import mean

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.html import escape

from diagnostic import services as diagnostic_services
from diagnostic.models import Questionnaire, Result
from diagnostic.selectors import questionnaire_structure, visible_question_ids
from digitalees import settings as project_settings
from digitalees.charts import Series, bar_svg
from digitalees.figures import MIN_ORGANISATIONS, group_aggregate, group_change
from grants.models import Status
from network import services as network_services
from network.models import Registration
from tests.coaching.factories import enrol, make_cohort
from tests.factories import OrganisationFactory, UserFactory
from tests.grants.factories import make_application, make_call
from tests.network.factories import EventFactory, ExperienceFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

MISSING_FR = "moins de 5 organisations"


# --- Data, through the services -----------------------------------------------------------


def _answers(structure, rank: int) -> dict[int, list[int]]:
    """Every question shown answered at `rank` (as tests.diagnostic's answer_everything)."""
    answers: dict[int, list[int]] = {}
    for question in structure.questions:
        if question.id not in visible_question_ids(structure, answers):
            continue
        choices = [structure.choices[c] for c in structure.choices_of[question.id]]
        if question.type == "checklist":
            plain = [c for c in choices if not c.exclusive]
            picked = plain[:rank] or [next(c for c in choices if c.exclusive)]
        elif question.type in ("scale", "yesno"):
            ordered = sorted(choices, key=lambda c: c.value)
            picked = [ordered[min(rank, len(ordered) - 1)]]
        else:
            picked = [choices[0]]
        answers[question.id] = [c.id for c in picked]
    return answers


def _diagnose(organisations, *, rank=2, days_ago=0.0):
    """A submitted diagnostic for each organisation, at `rank` (0–4), `days_ago`."""
    questionnaire = Questionnaire.current()
    structure = questionnaire_structure(questionnaire.id)
    when = timezone.now() - datetime.timedelta(days=days_ago)
    rows = [
        diagnostic_services.AssessmentRow(
            _answers(structure, rank if isinstance(rank, int) else rank[i]),
            organisation.pk,
            started_at=when - datetime.timedelta(hours=1),
            submitted_at=when,
        )
        for i, organisation in enumerate(organisations)
    ]
    return diagnostic_services.assessments_create_bulk(questionnaire_id=questionnaire.id, rows=rows)


def _latest(organisations) -> list[Result]:
    return list(
        Result.objects.filter(organisation__in=organisations, is_latest=True).prefetch_related(
            "scores"
        )
    )


def _page(client, name="statistics", **kwargs) -> str:
    response = client.get(reverse(name), **kwargs)
    assert response.status_code == 200
    return response.content.decode()


def _section(page: str, key: str) -> str:
    start = page.index(f'id="section-{key}"')
    return page[start : page.index("</section>", start)]


def _row(page: str, group: str) -> list[str]:
    """The cells of the table row headed `group`."""
    match = re.search(rf'<th scope="row">{re.escape(escape(group))}</th>(.*?)</tr>', page, re.S)
    assert match, group
    return [c.strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)]


def _shows(text: str, expected: float) -> bool:
    """Whether `text` is `expected` as the page writes it (one decimal, a decimal comma)."""
    return (
        re.fullmatch(r"\d+,\d", text) is not None
        and abs(float(text.replace(",", ".")) - expected) <= 0.05 + 1e-9
    )


def _fr(value: float) -> str:
    with translation.override("fr"):
        return number_format(round(value, 1), 1)


# --- The rule -----------------------------------------------------------------------------


def test_a_group_of_fewer_than_five_organisations_is_never_shown():
    assert MIN_ORGANISATIONS == 5
    small = group_aggregate(61.25, 4)
    assert small.suppressed and small.value is None and small.organisations is None
    assert group_aggregate(None, 12).suppressed
    shown = group_aggregate(61.25, 5)
    assert not shown.suppressed and (shown.value, shown.organisations) == (61.25, 5)
    assert group_change(40.0, 60.0, 4).suppressed
    assert group_change(40.0, 60.0, 5).difference == 20.0


# --- Diagnostic figures -------------------------------------------------------------------


def test_mean_maturity_per_dimension_and_per_sector_from_five_organisations(client):
    food = [OrganisationFactory(sector="food") for _ in range(5)]
    culture = [OrganisationFactory(sector="culture") for _ in range(4)]
    _diagnose(food[:1], rank=4, days_ago=30)  # an older result: only the latest counts
    _diagnose(food, rank=[0, 1, 2, 3, 4])
    _diagnose(culture, rank=3)
    latest_food, latest_all = _latest(food), _latest(food + culture)

    page = _page(client)
    sectors = _section(page, "sectors")
    food_mean = mean(r.overall_score for r in latest_food)
    shown, counted = _row(sectors, "Alimentation et circuits courts")
    assert _shows(shown, food_mean) and counted == "5"
    # Four organisations: their mean is absent, in the table and in the chart.
    culture_mean = _fr(mean(r.overall_score for r in _latest(culture)))
    assert _row(sectors, "Culture, sport et loisirs") == [MISSING_FR, MISSING_FR]
    assert culture_mean not in sectors
    # The eleven other sectors alike: two cells and a bar each.
    assert sectors.count(MISSING_FR) == 3 * 11
    # Every diagnosed organisation, per dimension.
    dimensions = _section(page, "dimensions")
    for dimension in Questionnaire.current().dimensions.all():
        scores = [
            s.score
            for r in latest_all
            for s in r.scores.all()
            if s.dimension_code == dimension.code
        ]
        shown, counted = _row(dimensions, dimension.title_fr)
        assert _shows(shown, mean(scores)) and counted == "9"
    # Headline figures: 10 diagnostics, 9 organisations diagnosed.
    assert re.search(r'id="figure-diagnostics">\s*<dt[^>]*>10</dt>', page)
    assert re.search(r'id="figure-diagnosed">\s*<dt[^>]*>9</dt>', page)


def test_a_fifth_organisation_makes_its_sector_show_at_once(
    client, django_capture_on_commit_callbacks
):
    culture = [OrganisationFactory(sector="culture") for _ in range(4)]
    _diagnose(culture, rank=3)
    assert _row(_section(_page(client), "sectors"), "Culture, sport et loisirs")[0] == MISSING_FR

    fifth = OrganisationFactory(sector="culture")
    with django_capture_on_commit_callbacks(execute=True):
        _diagnose([fifth], rank=1)
    expected = mean(r.overall_score for r in _latest([*culture, fifth]))
    shown, counted = _row(_section(_page(client), "sectors"), "Culture, sport et loisirs")
    assert _shows(shown, expected) and counted == "5"


def test_a_diagnostic_submitted_one_by_one_refreshes_the_figures(
    client, django_capture_on_commit_callbacks
):
    from tests.diagnostic.conftest import answer_everything
    from tests.factories import MembershipFactory

    assert re.search(r'id="figure-diagnostics">\s*<dt[^>]*>0</dt>', _page(client))
    membership = MembershipFactory(role="admin")
    with django_capture_on_commit_callbacks(execute=True):
        draft = diagnostic_services.assessment_start(
            respondent=membership.user, organisation=membership.organisation
        )
        diagnostic_services.assessment_submit(assessment=answer_everything(draft))
    page = _page(client)
    assert re.search(r'id="figure-diagnostics">\s*<dt[^>]*>1</dt>', page)
    assert re.search(r'id="figure-diagnosed">\s*<dt[^>]*>1</dt>', page)


# --- Coaching -----------------------------------------------------------------------------


def _coached(organisations, *, before_rank=1, after_rank=3):
    """Each organisation diagnosed 90 and 60 days ago, in a cohort that started 20 days ago
    (enrolled today: coaching counts from the cohort's start), diagnosed again since."""
    _diagnose(organisations, rank=0, days_ago=90)  # the first before: this one counts
    _diagnose(organisations, rank=before_rank, days_ago=60)
    cohort = make_cohort(starts_on=timezone.localdate() - datetime.timedelta(days=20))
    for organisation in organisations:
        enrol(organisation, cohort)
    _diagnose(organisations, rank=2, days_ago=10)
    _diagnose(organisations, rank=after_rank, days_ago=1)  # the latest since: this one


def test_maturity_of_coached_enterprises_before_and_after(client):
    organisations = [OrganisationFactory() for _ in range(5)]
    _coached(organisations)
    enrol(OrganisationFactory())  # coached, without a diagnostic: not in the change
    first = [
        Result.objects.filter(organisation=o).order_by("created_at").first() for o in organisations
    ]
    latest = _latest(organisations)
    before, after = mean(r.overall_score for r in first), mean(r.overall_score for r in latest)

    page = _page(client)
    assert re.search(r'id="figure-coached">\s*<dt[^>]*>6</dt>', page)
    section = _section(page, "coaching")
    shown_before, shown_after, change, counted = _row(section, "Score global")
    assert _shows(shown_before, before) and _shows(shown_after, after)
    assert _shows(change, after - before) and counted == "5"


def test_the_change_over_four_coached_enterprises_is_suppressed(client):
    _coached([OrganisationFactory() for _ in range(4)])
    assert _row(_section(_page(client), "coaching"), "Score global") == [MISSING_FR] * 4


def test_an_enrolment_shows_at_once(client, django_capture_on_commit_callbacks):
    assert re.search(r'id="figure-coached">\s*<dt[^>]*>0</dt>', _page(client))
    with django_capture_on_commit_callbacks(execute=True):
        enrol(OrganisationFactory())
    assert re.search(r'id="figure-coached">\s*<dt[^>]*>1</dt>', _page(client))


# --- Grants -------------------------------------------------------------------------------


def test_grants_awarded_and_paid_from_five_organisations(
    client, django_capture_on_commit_callbacks
):
    call = make_call()
    approved = [
        make_application(OrganisationFactory(), Status.APPROVED, call=call) for _ in range(4)
    ]
    make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)  # not decided
    page = _page(client)
    assert re.search(r'id="figure-grants">\s*<dt[^>]*>4</dt>', page)
    # Four grants: their total is not shown.
    assert re.search(rf'id="figure-awarded">\s*<dt[^>]*>{MISSING_FR}</dt>', page)

    with django_capture_on_commit_callbacks(execute=True):
        approved.append(make_application(OrganisationFactory(), Status.SIGNED, call=call))
    page = _page(client)
    total = sum(a.approved_amount for a in approved)
    assert re.search(r'id="figure-grants">\s*<dt[^>]*>5</dt>', page)
    with translation.override("fr"):
        from digitalees.money import euros

        assert f">{euros(total)}</dt>" in page
    # One advance paid (the signed one): one organisation, suppressed.
    assert re.search(rf'id="figure-paid">\s*<dt[^>]*>{MISSING_FR}</dt>', page)


# --- Network ------------------------------------------------------------------------------


def test_organisations_experiences_events_and_attendance(
    client, django_capture_on_commit_callbacks
):
    OrganisationFactory.create_batch(3)
    ExperienceFactory.create_batch(2)  # two more organisations
    ExperienceFactory(status="submitted", published_at=None)  # and one, not published
    past = timezone.now() - datetime.timedelta(days=3)
    held = EventFactory(is_published=True, starts_at=past)
    RegistrationFactory.create_batch(3, event=held, attendance=Registration.Attendance.PRESENT)
    RegistrationFactory(event=held, attendance=Registration.Attendance.ABSENT)
    EventFactory(is_published=True)  # to come
    EventFactory(is_published=True, starts_at=past, cancelled_at=past)  # cancelled
    EventFactory(is_published=False, starts_at=past)  # never published

    page = _page(client)
    for key, value in {"organisations": 6, "experiences": 2, "events": 1, "attendance": 3}.items():
        assert re.search(rf'id="figure-{key}">\s*<dt[^>]*>{value}</dt>', page), key

    with django_capture_on_commit_callbacks(execute=True):
        network_services.organisation_create(
            user=UserFactory(),
            name="Coopérative Nouvelle",
            enterprise_number="0417497106",
            legal_form="asbl",
            social_purpose="Une épicerie sociale.",
            sector="food",
            province="NA",
            postcode="5000",
            municipality="Namur",
            size_band="1-4",
        )
        ExperienceFactory()
    page = _page(client)
    assert re.search(r'id="figure-organisations">\s*<dt[^>]*>8</dt>', page)
    assert re.search(r'id="figure-experiences">\s*<dt[^>]*>3</dt>', page)


# --- The CSV, the charts, the home page ---------------------------------------------------


def test_the_csv_has_the_same_figures_in_the_readers_conventions(client):
    food = [OrganisationFactory(sector="food") for _ in range(5)]
    _diagnose(food, rank=[0, 1, 2, 3, 4])
    _diagnose([OrganisationFactory(sector="culture")], rank=3)
    food_mean = mean(r.overall_score for r in _latest(food))

    response = client.get(reverse("statistics_csv"))
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "chiffre;groupe;valeur;organisations comptées"
    assert "organisations inscrites;;6;" in lines
    [food_row] = [line for line in lines if ";Alimentation et circuits courts;" in line]
    figure, _group, value, counted = food_row.split(";")
    assert figure == "Maturité numérique moyenne par secteur" and counted == "5"
    assert _shows(value, food_mean)
    assert (
        f"Maturité numérique moyenne par secteur;Culture, sport et loisirs;{MISSING_FR};" in lines
    )

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("statistics_csv"))
    english = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert english[0] == "figure,group,value,organisations counted"
    [food_row] = [line for line in english if ",Food and short supply chains," in line]
    assert food_row.startswith("Mean digital maturity per sector,") and food_row.endswith(",5")
    assert _shows(food_row.split(",")[2].replace(".", ","), food_mean)
    assert (
        'Mean digital maturity per sector,"Culture, sport and leisure",fewer than 5 organisations,'
        in english
    )


def test_each_chart_draws_the_figures_of_its_table(client):
    food = [OrganisationFactory(sector="food") for _ in range(5)]
    _diagnose(food, rank=[0, 1, 2, 3, 4])
    page = _page(client)
    for key in ("dimensions", "sectors"):
        section = _section(page, key)
        svg = section[section.index("<svg") : section.index("</svg>")]
        table = section[section.index("<table") :]
        drawn = re.findall(
            r'font-size="14"(?: font-style="italic")? fill="#212529">([^<]+)</text>', svg
        )
        rows = re.findall(r'<th scope="row">[^<]+</th>\s*<td[^>]*>([^<]+)</td>', table)
        assert drawn == rows and rows
        assert not re.search(r'\sstyle="', svg) and "<title" in svg and "<desc" in svg


def test_the_bar_chart_escapes_its_labels_and_marks_missing_values():
    svg = bar_svg(
        labels=["<b>Données</b>", "Autre"],
        series=[Series("Score", [42.0, None])],
        title="Titre",
        description="Description",
        missing="moins de 5 organisations",
    )
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert svg.count("<rect") == 1 and svg.count("moins de 5 organisations") == 1
    both = bar_svg(
        labels=["Score global"],
        series=[Series("Avant", [None]), Series("Après", [None])],
        title="Titre",
        description="Description",
        missing="moins de 5 organisations",
    )
    assert both.count("moins de 5 organisations") == 1  # once per group
    assert 'viewBox="0 0 360 ' in svg


def test_the_home_page_shows_the_programmes_own_figures(client):
    OrganisationFactory.create_batch(2)
    ExperienceFactory()
    page = _page(client, "home")
    assert re.search(r'id="home-figure-organisations">\s*<dt>3</dt>', page)
    assert re.search(r'id="home-figure-experiences">\s*<dt>1</dt>', page)
    for key in ("diagnostics", "coached", "grants"):
        assert re.search(rf'id="home-figure-{key}">\s*<dt>0</dt>', page)
    assert f'href="{reverse("statistics")}"' in page
    assert "150 000" not in page and "150,000" not in page


# --- Speed --------------------------------------------------------------------------------


# Computed afresh: a query per figure set (network 3, diagnostic 4, coaching 3, grants 2).
MOST_QUERIES = 12


def test_queries_do_not_grow_with_the_organisations(client, django_assert_num_queries):
    cohort = make_cohort()
    counts = []
    for size in (5, 15):
        organisations = [OrganisationFactory(sector="food") for _ in range(size)]
        _diagnose(organisations, rank=2, days_ago=30)
        for organisation in organisations:
            enrol(organisation, cohort)
        _diagnose(organisations, rank=3)
        ExperienceFactory.create_batch(size)
        RegistrationFactory.create_batch(size, event__is_published=True)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            _page(client)
        counts.append(len(captured))
    assert counts[0] == counts[1] <= MOST_QUERIES
    with django_assert_num_queries(0):  # from the cache: no query at all
        _page(client)
        _page(client, "home")
        b"".join(client.get(reverse("statistics_csv")).streaming_content)


def test_the_page_works_with_the_cache_down(client, settings):
    settings.CACHES = {"default": project_settings.redis_cache("redis://127.0.0.1:1/1")}
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "digitalees.cache"
    OrganisationFactory.create_batch(2)
    assert re.search(r'id="figure-organisations">\s*<dt[^>]*>2</dt>', _page(client))
    OrganisationFactory()  # no version renewed: none is kept either
    assert re.search(r'id="figure-organisations">\s*<dt[^>]*>3</dt>', _page(client))
    assert _page(client, "home")


def test_an_organisation_deleted_leaves_every_figure(client, django_capture_on_commit_callbacks):
    food = [OrganisationFactory(sector="food") for _ in range(5)]
    _diagnose(food, rank=2)
    page = _page(client)
    assert _row(_section(page, "sectors"), "Alimentation et circuits courts")[1] == "5"
    with django_capture_on_commit_callbacks(execute=True):
        food[0].delete()  # the admin's way: no service deletes an organisation
    page = _page(client)
    assert _row(_section(page, "sectors"), "Alimentation et circuits courts") == [MISSING_FR] * 2
    assert re.search(r'id="figure-organisations">\s*<dt[^>]*>4</dt>', page)
