"""The programme's evaluation (participants' verdicts per theme, results never by name, the
themes staff keep) and closing a cohort with each enterprise's closing diagnostic."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from coaching.evaluation import services
from coaching.models import Cohort, Evaluation, EvaluationAnswer, EvaluationTheme, Phase
from diagnostic.services import assessment_start, assessment_submit
from tests.coaching.factories import enrol, make_cohort, make_plan
from tests.conftest import agency_with_mfa
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def themes(db):
    EvaluationTheme.objects.all().delete()  # the themes' data migration's, if it ran
    return [
        services.evaluation_theme_create(title_fr="Les outils", title_en="The tools"),
        services.evaluation_theme_create(title_fr="Les intervisions", title_en="Intervisions"),
    ]


@pytest.fixture
def phase(db):
    return Phase.objects.create(position=90, title_fr="Évaluation", title_en="Evaluation")


def _answers(themes, verdict="keep", comment=""):
    return {t.pk: {"verdict": verdict, "comment": comment} for t in themes}


def _form(themes, verdict="keep", comment="", phase=""):
    data = {"phase": phase}
    for theme in themes:
        data[f"verdict_{theme.pk}"] = verdict
        data[f"comment_{theme.pk}"] = comment
    return data


def _url(cohort, name="coaching:evaluation_form"):
    return reverse(name, kwargs={"slug": cohort.slug})


# --- the service -----------------------------------------------------------------------


def test_a_participant_evaluates_and_a_second_time_replaces_the_answers(enrolment, roles, themes):
    member = roles["member"]
    kwargs = {"cohort": enrolment.cohort, "enrolment": enrolment, "respondent": member}
    services.evaluation_submit(**kwargs, phase=None, answers=_answers(themes, "keep", "Bien"))
    services.evaluation_submit(**kwargs, phase=None, answers=_answers(themes, "remove"))

    evaluation = Evaluation.objects.get()
    assert sorted(evaluation.answers.values_list("verdict", flat=True)) == ["remove", "remove"]
    assert not evaluation.answers.exclude(comment="").exists()


@pytest.mark.parametrize(
    "case",
    ["stranger", "unknown verdict", "theme not asked", "theme missing", "not running"],
)
def test_bad_evaluations_are_refused_and_save_nothing(case, enrolment, roles, themes):
    respondent = roles["member"]
    answers = _answers(themes)
    cohort = enrolment.cohort
    if case == "stranger":
        respondent = roles["other_org_member"]
    elif case == "unknown verdict":
        answers[themes[0].pk]["verdict"] = "burn"
    elif case == "theme not asked":
        hidden = services.evaluation_theme_create(title_fr="Caché", title_en="Hidden")
        services.evaluation_theme_update(
            theme=hidden, title_fr="Caché", title_en="Hidden", is_active=False
        )
        answers[hidden.pk] = {"verdict": "keep", "comment": ""}
    elif case == "theme missing":
        del answers[themes[1].pk]
    elif case == "not running":
        Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.SELECTION)
        cohort.refresh_from_db()
    with pytest.raises(ValidationError):
        services.evaluation_submit(
            cohort=cohort, enrolment=enrolment, respondent=respondent, phase=None, answers=answers
        )
    assert not Evaluation.objects.exists()
    assert not EvaluationAnswer.objects.exists()


# --- the form --------------------------------------------------------------------------


def test_the_form_saves_one_evaluation_per_phase_and_says_when_it_edits(
    english, enrolment, roles, themes, phase
):
    english.force_login(roles["member"])
    url = _url(enrolment.cohort)

    assert english.post(url, _form(themes, "keep")).status_code == 302
    assert english.post(url, _form(themes, "improve", phase=phase.pk)).status_code == 302
    assert Evaluation.objects.filter(phase=None).count() == 1
    assert Evaluation.objects.filter(phase=phase).count() == 1

    content = english.get(url, {"phase": phase.pk}).content.decode()
    assert "sending the form again replaces them" in content
    assert "Update my evaluation" in content
    response = english.post(url, _form(themes, "modify", phase=phase.pk), follow=True)
    assert "Your evaluation is updated." in response.content.decode()
    answers = EvaluationAnswer.objects.filter(evaluation__phase=phase)
    assert set(answers.values_list("verdict", flat=True)) == {"modify"}
    assert Evaluation.objects.count() == 2


def test_the_form_refuses_an_unknown_verdict(english, enrolment, roles, themes):
    english.force_login(roles["member"])
    response = english.post(_url(enrolment.cohort), _form(themes, "burn"))
    assert response.status_code == 200
    assert "Choose improve, modify, keep or remove." in response.content.decode()
    assert not Evaluation.objects.exists()


def test_the_form_ignores_a_theme_not_asked(english, enrolment, roles, themes):
    hidden = services.evaluation_theme_create(title_fr="Caché", title_en="Hidden")
    services.evaluation_theme_update(
        theme=hidden, title_fr="Caché", title_en="Hidden", is_active=False
    )
    english.force_login(roles["member"])
    assert "Hidden" not in english.get(_url(enrolment.cohort)).content.decode()
    data = {**_form(themes), f"verdict_{hidden.pk}": "remove"}
    assert english.post(_url(enrolment.cohort), data).status_code == 302
    assert not EvaluationAnswer.objects.filter(theme=hidden).exists()


def test_an_unknown_phase_is_refused(english, enrolment, roles, themes):
    english.force_login(roles["member"])
    response = english.post(_url(enrolment.cohort), _form(themes, phase="999999"))
    assert response.status_code == 400
    assert "This phase does not exist." in response.content.decode()
    assert not Evaluation.objects.exists()


def test_a_cohort_not_yet_under_way_is_not_evaluated(english, organisation, roles, themes):
    cohort = enrol(organisation, make_cohort(status=Cohort.Status.SELECTION)).cohort
    english.force_login(roles["member"])
    response = english.post(_url(cohort), _form(themes))
    assert "The evaluation opens once the coaching is under way." in response.content.decode()
    assert not Evaluation.objects.exists()


# --- the results -----------------------------------------------------------------------


def test_results_count_each_verdict_and_show_comments_without_names(
    english, enrolment, roles, themes
):
    cohort = enrolment.cohort
    people = [
        roles["member"],
        roles["org_admin"],
        MembershipFactory(organisation=enrolment.organisation).user,
    ]
    verdicts = ["keep", "keep", "remove"]
    for person, verdict in zip(people, verdicts, strict=True):
        answers = _answers(themes, verdict)
        answers[themes[0].pk]["comment"] = f"Avis {verdict} de test"
        services.evaluation_submit(
            cohort=cohort, enrolment=enrolment, respondent=person, phase=None, answers=answers
        )
    english.force_login(roles["coach"])

    response = english.get(_url(cohort, "coaching:evaluation_results"))

    assert response.context["respondents"] == 3
    tools = next(r for r in response.context["results"] if r.theme == themes[0])
    shares = {v["value"]: (v["count"], v["share"]) for v in tools.verdicts()}
    assert shares["keep"] == (2, 67) and shares["remove"] == (1, 33) and shares["improve"] == (0, 0)
    # The chart's segments: "keep" from 0 to two thirds, "remove" after it.
    segments = {v["value"]: (v["offset"], v["width"]) for v in tools.verdicts()}
    assert segments["keep"] == ("0.00", "66.67") and segments["remove"] == ("66.67", "33.33")
    content = response.content.decode()
    assert "Avis remove de test" in content
    for person in people:
        assert person.email not in content
        assert person.last_name not in content


def test_results_are_read_per_phase(client, enrolment, roles, themes, phase):
    kwargs = {"cohort": enrolment.cohort, "enrolment": enrolment, "answers": _answers(themes)}
    services.evaluation_submit(**kwargs, respondent=roles["member"], phase=phase)
    services.evaluation_submit(**kwargs, respondent=roles["org_admin"], phase=phase)
    services.evaluation_submit(**kwargs, respondent=roles["member"], phase=None)
    client.force_login(roles["agency"])
    url = _url(enrolment.cohort, "coaching:evaluation_results")

    assert client.get(url).context["evaluated"] == [(None, 1), (phase, 2)]
    assert client.get(url, {"phase": phase.pk}).context["respondents"] == 2
    assert client.get(url).context["respondents"] == 1


def test_results_open_on_the_first_part_evaluated(client, enrolment, roles, themes, phase):
    """Nobody evaluated the whole accompaniment yet: the page opens on the phase that was,
    rather than on an empty table."""
    services.evaluation_submit(
        cohort=enrolment.cohort,
        enrolment=enrolment,
        respondent=roles["member"],
        phase=phase,
        answers=_answers(themes),
    )
    client.force_login(roles["agency"])
    url = _url(enrolment.cohort, "coaching:evaluation_results")
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(f"{url}?phase={phase.pk}", 302)]
    assert response.context["respondents"] == 1
    # Asked for explicitly, the whole accompaniment shows (empty).
    assert client.get(url, {"phase": ""}).context["respondents"] == 0


def test_a_participant_does_not_read_the_results(client, enrolment, roles):
    client.force_login(roles["member"])
    assert client.get(_url(enrolment.cohort, "coaching:evaluation_results")).status_code == 403


# --- the themes ------------------------------------------------------------------------


def test_the_agency_adds_renames_and_stops_asking_a_theme(english, themes):
    english.force_login(agency_with_mfa())
    url = reverse("coaching:evaluation_themes")

    response = english.post(url, {"new-title_fr": "Le site", "new-title_en": "The website"})
    assert response.status_code == 302
    added = EvaluationTheme.objects.get(title_en="The website")
    assert added.is_active and added.position == 3

    edit = reverse("coaching:evaluation_theme_edit", kwargs={"pk": added.pk})
    english.post(edit, {"title_fr": "Le site web", "title_en": "The website"})  # unticked
    added.refresh_from_db()
    assert (added.title_fr, added.is_active) == ("Le site web", False)


def test_a_theme_needs_both_titles(english, themes):
    english.force_login(agency_with_mfa())
    response = english.post(
        reverse("coaching:evaluation_themes"), {"new-title_fr": "Le site", "new-title_en": " "}
    )
    assert response.status_code == 200
    assert EvaluationTheme.objects.count() == 2


# --- closing a cohort ------------------------------------------------------------------


def _result(organisation, admin):
    assessment = assessment_start(respondent=admin, organisation=organisation)
    return assessment_submit(assessment=answer_everything(assessment)).result


def test_closing_keeps_each_plans_closing_diagnostic_and_invites_the_others_once(
    roles, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    admin = roles["org_admin"]
    cohort = make_cohort()
    baseline = _result(organisation, admin)
    measured = make_plan(organisation, cohort=cohort, baseline_result=baseline)
    closing = _result(organisation, admin)
    waiting_admin = MembershipFactory(role="admin", organisation__name="Pas Encore")
    waiting = make_plan(waiting_admin.organisation, cohort=cohort)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        outcome = services.cohort_close(cohort=cohort, by=roles["agency"])

    measured.refresh_from_db()
    waiting.refresh_from_db()
    cohort.refresh_from_db()
    assert measured.final_result == closing
    assert waiting.final_result is None
    assert [p.pk for p in outcome.awaiting] == [waiting.pk]
    assert cohort.status == Cohort.Status.CLOSED and cohort.closed_at is not None
    assert [m.to for m in mailoutbox] == [[waiting_admin.user.email]]
    assert "Pas Encore" in mailoutbox[0].subject

    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        services.cohort_close(cohort=cohort, by=roles["agency"])
    assert len(mailoutbox) == 1


def test_the_baseline_is_not_a_closing_diagnostic(roles, organisation):
    cohort = make_cohort()
    baseline = _result(organisation, roles["org_admin"])
    plan = make_plan(organisation, cohort=cohort, baseline_result=baseline)
    outcome = services.cohort_close(cohort=cohort, by=None)
    plan.refresh_from_db()
    assert plan.final_result is None and outcome.awaiting == [plan]


def test_only_a_running_cohort_closes(english, organisation, roles):
    cohort = enrol(organisation, make_cohort(status=Cohort.Status.SELECTION)).cohort
    english.force_login(roles["agency"])
    confirm = english.get(reverse("coaching:cohort_close_confirm", kwargs={"slug": cohort.slug}))
    assert "Only a cohort whose coaching is under way can be closed." in confirm.content.decode()
    response = english.post(
        reverse("coaching:cohort_close", kwargs={"slug": cohort.slug}), follow=True
    )
    assert "Only a cohort whose coaching is under way can be closed" in response.content.decode()
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.SELECTION


def test_the_agency_sees_who_still_has_to_run_a_closing_diagnostic(
    english, organisation, roles, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = make_cohort()
    make_plan(organisation, cohort=cohort)
    english.force_login(roles["agency"])
    slug = {"slug": cohort.slug}

    confirm = english.get(reverse("coaching:cohort_close_confirm", kwargs=slug)).content.decode()
    assert f"No closing diagnostic yet for: {organisation.name}" in confirm

    with django_capture_on_commit_callbacks(execute=True):
        response = english.post(reverse("coaching:cohort_close", kwargs=slug), follow=True)
    content = response.content.decode()
    assert "waiting for one: 1" in content
    assert "No closing diagnostic yet" in content  # the closed cohort's dashboard column
    assert len(mailoutbox) == 1
    assert [m.to for m in mailoutbox] == [[roles["org_admin"].email]]
    assert reverse("diagnostic:start") in mailoutbox[0].body
    assert "run the self-diagnostic of digital maturity again" in mailoutbox[0].body


# --- query counts ----------------------------------------------------------------------
# Measured with 1 and 5 enterprises (each with a plan and a respondent, half with a closing
# diagnostic) and 3 and 7 themes: results 8/8, themes 3/3, close confirmation 4/4; plus a
# margin of three.
MOST = {"results": 11, "themes": 6, "close": 7}


@pytest.mark.parametrize("size", [1, 5])
def test_evaluation_pages_cost_the_same_queries_with_one_enterprise_or_several(
    client, size, themes, django_assert_max_num_queries
):
    cohort = make_cohort()
    for n in range(size):
        admin = MembershipFactory(role="admin")
        enrolment = make_plan(admin.organisation, cohort=cohort).enrolment
        if n % 2:
            _result(admin.organisation, admin.user)
        services.evaluation_submit(
            cohort=cohort,
            enrolment=enrolment,
            respondent=admin.user,
            phase=None,
            answers=_answers(themes, "keep", f"Commentaire {n}"),
        )
    for n in range(size):
        services.evaluation_theme_create(title_fr=f"Thème {n}", title_en=f"Theme {n}")
    client.force_login(agency_with_mfa())
    slug = {"slug": cohort.slug}
    pages = {
        "results": reverse("coaching:evaluation_results", kwargs=slug),
        "themes": reverse("coaching:evaluation_themes"),
        "close": reverse("coaching:cohort_close_confirm", kwargs=slug),
    }
    for name, url in pages.items():
        with django_assert_max_num_queries(MOST[name]):
            response = client.get(url)
        assert response.status_code == 200
