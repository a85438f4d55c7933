"""The diagnostic's rows of `make bench`: its answering pages, its results, the agency's list,
the PDF report, and the whole self-diagnostic as a user goes through it (`diagnostic.flow`
with autosave, `diagnostic.flow_form` as a plain form).

The flows are plain functions of a client, so that the tests count their queries the same
way (tests/diagnostic/test_answering_queries.py)."""

import itertools
import random

from django.urls import NoReverseMatch, reverse

from bench.measure import FLOW, OPERATION, WRITE, Item
from bench.run import BenchError, check, get

STAFF_LIST_NAMES = ("diagnostic_staff:list", "diagnostic_staff:assessment_list")
PDF_WARMUP, PDF_REPEAT = 2, 10
FLOW_WARMUP, FLOW_REPEAT = 2, 10
DRAFTS_AT_ONCE = 20
# Issue 7, items 17 and 18.
ANSWER_MAX_QUERIES = 5
PART_FORM_MAX_QUERIES = 10
FLOW_MAX_QUERIES, FLOW_MAX_RATIO = 150, 40
PDF_MAX_MS = 300


# --- what a user does ---------------------------------------------------------------------


def part_url(assessment, position):
    return reverse("diagnostic:dimension", kwargs={"uuid": assessment.uuid, "position": position})


def autosave_flow(client, assessment, structure, answers) -> None:
    """The whole self-diagnostic as a browser with JavaScript answers it: open each part,
    save each answer shown as it is given (htmx), review, submit, read the results.
    `answers`: {question id: [choice ids]}, those of the questions shown are given."""
    from diagnostic.selectors import visible_question_ids

    given: dict[int, list[int]] = {}
    for dimension in structure.dimensions:
        check(client.get(part_url(assessment, dimension.position)), 200)
        for question in structure.questions_of[dimension.id]:
            if question.id not in answers or question.id not in visible_question_ids(
                structure, given
            ):
                continue
            url = reverse(
                "diagnostic:answer", kwargs={"uuid": assessment.uuid, "code": question.code}
            )
            codes = [structure.choices[c].code for c in answers[question.id]]
            check(client.post(url, {question.code: codes}, HTTP_HX_REQUEST="true"), 200)
            given[question.id] = answers[question.id]
    _review_submit_results(client, assessment)


def form_flow(client, assessment, structure, answers) -> None:
    """The same as a plain form, without JavaScript: open each part and post it once (again
    when the answers open new questions on it), review, submit, read the results."""
    for dimension in structure.dimensions:
        url = part_url(assessment, dimension.position)
        while True:
            check(client.get(url), 200)
            response = check(client.post(url, part_data(structure, dimension, answers)), 302)
            if response["Location"] != url:
                break
    _review_submit_results(client, assessment)


def part_data(structure, dimension, answers) -> dict[str, list[str]]:
    return {
        question.code: [structure.choices[c].code for c in answers[question.id]]
        for question in structure.questions_of[dimension.id]
        if question.id in answers
    }


def _review_submit_results(client, assessment) -> None:
    url = reverse("diagnostic:review", kwargs={"uuid": assessment.uuid})
    check(client.get(url), 200)
    response = check(client.post(url), 302)
    if not response["Location"].endswith(f"/{assessment.uuid}/results/"):
        raise BenchError(f"submitting went to {response['Location']}")
    check(client.get(response["Location"]), 200)


# --- the rows -----------------------------------------------------------------------------


def items(bench) -> list[Item]:
    return _Rows(bench).items()


class _Rows:
    def __init__(self, bench):
        from diagnostic import demo
        from diagnostic.models import Report, Result

        self.bench = bench
        structure, organisation = bench.structure, bench.organisation
        self.latest = Result.objects.get(organisation=organisation, is_latest=True)
        profile = demo.profile_for(
            structure,
            random.Random(7),
            size_band=organisation.size_band,
            sector=organisation.sector,
        )
        self.full_answers = demo.answers_for(structure, profile)
        # Two drafts of the measured member, answered but for the last part: one to read a
        # page of, one to answer in.
        last_part = {q.id for q in structure.questions_of[structure.dimensions[-1].id]}
        partial = {q: c for q, c in self.full_answers.items() if q not in last_part}
        self.page_draft, self.answer_draft = demo.assessments_create(
            structure,
            bench.questionnaire.id,
            [demo.Item(partial, organisation.pk, bench.admin_id) for _ in range(2)],
        )
        self.pdf_report = Report.objects.create(result=self.latest, language="fr")
        self.drafts: list = []  # submit-ready drafts of the submitter, one per submit

    def items(self) -> list[Item]:
        bench = self.bench
        member, slug = bench.member, bench.organisation.slug
        question = next(q for q in bench.structure.questions if q.type == "scale")
        answer_url = reverse(
            "diagnostic:answer", kwargs={"uuid": self.answer_draft.uuid, "code": question.code}
        )
        values = itertools.cycle(["1", "3"])  # alternate, so that each answer really writes
        items = [
            Item("diagnostic.dimension", get(member, part_url(self.page_draft, 4))),
            Item(
                "diagnostic.answer",
                lambda: check(
                    member.post(answer_url, {question.code: next(values)}, HTTP_HX_REQUEST="true"),
                    200,
                ),
                kind=WRITE,
                max_queries=ANSWER_MAX_QUERIES,
            ),
            self._part_form_item(),
            Item(
                "diagnostic.results",
                get(
                    member,
                    reverse(
                        "diagnostic:organisation_result",
                        kwargs={"slug": slug, "pk": self.latest.pk},
                    ),
                ),
            ),
            Item(
                "diagnostic.history",
                get(member, reverse("diagnostic:organisation_history", kwargs={"slug": slug})),
            ),
            self._submit_item(),
            self._flow_item("diagnostic.flow", autosave_flow, max_queries=FLOW_MAX_QUERIES),
            self._flow_item("diagnostic.flow_form", form_flow),
        ]
        for name in STAFF_LIST_NAMES:
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            items.append(Item("diagnostic.staff_list", get(bench.staff, url)))
            bench.notes.append(f"diagnostic.staff_list is GET {url} ({name}).")
            break
        else:
            bench.notes.append(
                f"diagnostic.staff_list skipped: no URL named {' or '.join(STAFF_LIST_NAMES)}."
            )
        items.extend(self._export_items())
        pdf = self._pdf_item()
        if pdf:
            items.append(pdf)
        bench.notes.append(
            "diagnostic.flow: open each of the 8 parts, save each answer shown through the htmx "
            "endpoint, review, submit, results; diagnostic.flow_form: each part posted once as "
            "a form instead; diagnostic.part_form: one part posted as a form."
        )
        return items

    def _export_items(self) -> list[Item]:
        """The agency downloads every diagnostic, as a workbook and as a CSV (streamed: read
        to its end), in French. A download, measured whole: no page target applies."""
        bench, items = self.bench, []
        for name, url_name in (
            ("diagnostic.export_xlsx", "diagnostic_staff:assessment_export_xlsx"),
            ("diagnostic.export_csv", "diagnostic_staff:assessment_export"),
        ):
            try:
                url = reverse(url_name)
            except NoReverseMatch:
                bench.notes.append(f"{name} skipped: no URL named {url_name}.")
                continue

            def call(url=url):
                response = check(bench.staff.get(url), 200)
                if response.streaming:
                    return b"".join(response.streaming_content)
                return response.content

            items.append(Item(name, call, kind=FLOW, warmup=FLOW_WARMUP, repeat=FLOW_REPEAT))
        bench.notes.append(
            "diagnostic.export_xlsx and diagnostic.export_csv: the agency's download of every "
            "submitted diagnostic (all filters off), read to its last byte."
        )
        return items

    def _part_form_item(self):
        """The first part posted as a form, in the draft that autosave answers in, with two
        sets of answers in turn, so that each post really writes."""
        from diagnostic import demo

        bench = self.bench
        structure, dimension = bench.structure, bench.structure.dimensions[0]
        other = demo.answers_for(
            structure, demo.profile_for(structure, random.Random(8), size_band="", sector="")
        )
        data = itertools.cycle(
            [part_data(structure, dimension, a) for a in (self.full_answers, other)]
        )
        url = part_url(self.answer_draft, 1)

        def call():
            response = check(bench.member.post(url, next(data)), 302)
            if response["Location"] != part_url(self.answer_draft, 2):
                raise BenchError(f"posting the first part went to {response['Location']}")

        return Item("diagnostic.part_form", call, kind=WRITE, max_queries=PART_FORM_MAX_QUERIES)

    def _submit_ready_draft(self):
        from diagnostic import demo

        bench = self.bench
        if not self.drafts:
            self.drafts = demo.assessments_create(
                bench.structure,
                bench.questionnaire.id,
                [
                    demo.Item(self.full_answers, bench.submitter.pk, bench.submitter_id)
                    for _ in range(DRAFTS_AT_ONCE)
                ],
            )
        return self.drafts.pop()

    def _submit_item(self):
        client, state = self.bench.submitter_client, {}

        def before():
            state["draft"] = self._submit_ready_draft()
            # A browser shows the "submitted" message on the next page; drop it here.
            client.cookies.pop("messages", None)

        def call():
            uuid = state["draft"].uuid
            response = check(client.post(reverse("diagnostic:review", kwargs={"uuid": uuid})), 302)
            if not response["Location"].endswith(f"/{uuid}/results/"):
                raise BenchError(f"submitting went to {response['Location']}")

        return Item("diagnostic.submit", call, before=before, kind=WRITE)

    def _flow_item(self, name, flow, *, max_queries=None):
        """A fresh draft of the submitter's organisation per run (so that the measured one
        keeps its results), answered from start to end."""
        from diagnostic import services
        from digitalees.models import User

        bench = self.bench
        client, state = bench.submitter_client, {}
        user = User.objects.get(pk=bench.submitter_id)

        def before():
            state["draft"] = services.assessment_start(
                questionnaire=bench.questionnaire, respondent=user, organisation=bench.submitter
            )
            client.cookies.pop("messages", None)

        return Item(
            name,
            lambda: flow(client, state["draft"], bench.structure, self.full_answers),
            before=before,
            kind=FLOW,
            warmup=FLOW_WARMUP,
            repeat=FLOW_REPEAT,
            max_ratio=FLOW_MAX_RATIO,
            max_queries=max_queries,
        )

    def _pdf_item(self):
        try:
            from diagnostic.reports.services import report_render
        except ImportError:
            self.bench.notes.append(
                "diagnostic.pdf skipped: diagnostic.reports.services.report_render is missing."
            )
            return None
        from diagnostic.models import Report

        state = {}

        def before():
            # As the task finds it: pending, loaded with its result and organisation.
            old = Report.objects.get(pk=self.pdf_report.pk)
            if old.file:
                old.file.storage.delete(old.file.name)
            Report.objects.filter(pk=old.pk).update(
                status=Report.Status.PENDING, file="", ready_at=None
            )
            state["report"] = Report.objects.select_related(
                "assessment__organisation", "result__organisation"
            ).get(pk=old.pk)

        def call():
            if report_render(state["report"]) is None:
                raise BenchError("report_render did not render the report")

        return Item(
            "diagnostic.pdf",
            call,
            before=before,
            kind=OPERATION,
            warmup=PDF_WARMUP,
            repeat=PDF_REPEAT,
            max_ms=PDF_MAX_MS,
        )
