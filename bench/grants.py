"""Grants' rows of `make bench`: the agency's pipeline (first page, and filtered by a
status), the biggest call's page, an application's page with its budget and reviews, a
member saving the "project" step of a draft (≤ 10 queries), and a member's application
from the first step to the submission (`grants.flow_application`).

Filled in two steps, like coaching's: first 50 applications (the small count), then, once
the other apps have topped up every organisation, 5,000 over four calls (a tenth at
BENCH_SCALE=small), each with 3 to 6 budget lines, its status changes along the workflow,
2 reviews with their scores on each application in review or decided, and the advance paid
on each signed agreement. The measured applications are written through grants' services
(grants.demo's content, as the demo's); the volume through bulk variants of the same rows
(`digitalees.db.insert_rows`), with the amounts computed by grants.amounts' and
services.weighted_score's functions. The volume leaves out final reports and their files
(statuses up to the signed agreement): none of the measured pages reads them.
"""

import datetime
import json
import random
import re
import time
from dataclasses import dataclass
from decimal import Decimal
from html.parser import HTMLParser

from django.urls import reverse

from bench.measure import FLOW, WRITE, Item
from bench.run import BenchError, check, get

SEED = 10
# scale -> applications in all
VOLUMES = {"full": 5000, "small": 500}
FIRST_APPLICATIONS = 50  # the small count
CALL_SHARES = (0.5, 0.2, 0.2, 0.1)  # the first call is the biggest, the one measured
REVIEWERS = 12
# Issue 10, "Speed": saving a step in at most 10 queries.
STEP_SAVE_MAX_QUERIES = 10
FLOW_WARMUP, FLOW_REPEAT = 2, 10
PIPELINE_STATUS = "in_review"

# The statuses of the volume, weighted as a call's applications spread after a while.
STATUS_WEIGHTS = {
    "draft": 10,
    "submitted": 12,
    "screening": 10,
    "info_requested": 5,
    "resubmitted": 4,
    "in_review": 15,
    "approved": 10,
    "rejected": 14,
    "signed": 12,
    "withdrawn": 4,
}
# The moves that bring an application to each status (grants.workflow's table).
PATHS = {
    "draft": [],
    "submitted": ["submitted"],
    "screening": ["submitted", "screening"],
    "info_requested": ["submitted", "screening", "info_requested"],
    "resubmitted": ["submitted", "screening", "info_requested", "resubmitted"],
    "in_review": ["submitted", "screening", "in_review"],
    "approved": ["submitted", "screening", "in_review", "approved"],
    "rejected": ["submitted", "screening", "in_review", "rejected"],
    "signed": ["submitted", "screening", "in_review", "approved", "signed"],
    "withdrawn": ["submitted", "withdrawn"],
}
REVIEWED = {"in_review", "approved", "rejected", "signed"}
DECIDED = {"approved", "rejected", "signed"}
RECOMMENDATIONS = ["approve", "approve_changes", "reject"]


# --- the fill ---------------------------------------------------------------------------


@dataclass
class _Calls:
    calls: list
    criteria: dict  # call pk -> [Criterion]
    eligible: dict  # call pk -> {category pk}


class _Fill:
    def __init__(self, bench):
        from django.contrib.auth.models import Group
        from django.utils import timezone

        from digitalees.models import User
        from digitalees.roles import REVIEWER_GROUP
        from grants.models import CostCategory, DocumentType

        self.bench = bench
        self.rng = random.Random(SEED)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.staff = User.objects.get(email="agence@bench.test")
        group = Group.objects.get(name=REVIEWER_GROUP)
        self.reviewers = []
        for n in range(REVIEWERS):
            user = User.objects.create(
                email=f"expert{n + 1}@bench.test", first_name="Expert", last_name=str(n + 1)
            )
            user.groups.add(group)
            self.reviewers.append(user)
        self.categories = {c.code: c.pk for c in CostCategory.objects.all()}
        self.quote = DocumentType.objects.get(code="quote")
        self.calls = self._calls()
        # Organisations already applied to each call (one application per call each).
        self.used: dict[int, set[int]] = {c.pk: set() for c in self.calls.calls}
        # The measured organisations apply through the services only.
        self.reserved = {bench.organisation.pk, bench.submitter.pk}
        self.written = 0

    def _calls(self) -> _Calls:
        from grants import services
        from grants.demo import CRITERIA

        calls = []
        for n, share in enumerate(CALL_SHARES):
            envelope = Decimal(int(VOLUMES["full"] * share * 15000))
            call = services.call_create(
                created_by=self.staff,
                categories=self._eligible_categories(),
                required_documents=[self.quote],
                criteria=CRITERIA[: 3 + n % 2],
                title_fr=f"Bourse de digitalisation bench {n + 1}",
                title_en=f"Digitalisation grant bench {n + 1}",
                summary_fr="Financer les outils numériques des EES.",
                summary_en="Fund the digital tools of EES.",
                eligibility_fr="Les EES wallonnes ayant réalisé l'autodiagnostic.",
                eligibility_en="Walloon EES that completed the self-diagnostic.",
                opens_at=self.now - datetime.timedelta(days=200),
                deadline=self.now + datetime.timedelta(days=60),
                envelope=envelope,
                max_grant=Decimal("15000.00"),
                cofinancing_rate=Decimal("80"),
            )
            services.call_publish(call, by=self.staff)
            calls.append(call)
        return _Calls(
            calls=calls,
            criteria={c.pk: list(c.criteria.order_by("position")) for c in calls},
            eligible={c.pk: set(c.categories.values_list("pk", flat=True)) for c in calls},
        )

    def _eligible_categories(self):
        from grants.models import CostCategory

        return CostCategory.objects.exclude(code="staff")

    # --- the volume, in bulk ----------------------------------------------------------

    def bulk(self, count: int, organisations: list[int], log=print) -> None:
        """`count` applications more, of `organisations` (ids) not yet applied to the
        call drawn for each, with their lines, moves, reviews and payments."""
        from grants import amounts
        from grants.demo.content import LINES, PROJECTS
        from grants.models import Application

        started = time.perf_counter()
        rng = self.rng
        statuses = list(STATUS_WEIGHTS)
        weights = list(STATUS_WEIGHTS.values())
        cursors = {c.pk: iter(organisations) for c in self.calls.calls}
        batch: list[dict] = []
        for _ in range(count):
            call = rng.choices(self.calls.calls, weights=CALL_SHARES)[0]
            organisation_id = self._next_organisation(call, cursors)
            if organisation_id is None:  # every organisation applied to this call
                call = next(c for c in self.calls.calls if c.pk != call.pk)
                organisation_id = self._next_organisation(call, cursors)
                if organisation_id is None:
                    raise BenchError("grants: not enough organisations for the volume")
            status = rng.choices(statuses, weights=weights)[0]
            project = rng.choice(PROJECTS)
            keys = list(LINES)
            lines = [LINES[k] for k in rng.sample(keys, rng.randint(3, 6))]
            batch.append(
                {
                    "call": call,
                    "organisation_id": organisation_id,
                    "status": status,
                    "project": project,
                    "lines": lines,
                    "days_ago": rng.uniform(5, 190),
                }
            )
        admins = self._admins({row["organisation_id"] for row in batch})
        rows = []
        for row in batch:
            call, lines = row["call"], row["lines"]
            totals = amounts.budget_totals(
                call,
                [self._line_row(line) for line in lines],
                self.calls.eligible[call.pk],
            )
            row["totals"] = totals
            created = self.now - datetime.timedelta(days=row["days_ago"])
            row["created"] = created
            row["moves"] = [
                (to, created + datetime.timedelta(days=1 + 2 * i))
                for i, to in enumerate(PATHS[row["status"]])
            ]
            changed = row["moves"][-1][1] if row["moves"] else created
            submitted = row["moves"][0][1] if row["moves"] else None
            decided = next((at for to, at in row["moves"] if to in ("approved", "rejected")), None)
            approved = totals.max_request if row["status"] in ("approved", "signed") else None
            self.written += 1
            rows.append(
                {
                    "call_id": call.pk,
                    "organisation_id": row["organisation_id"],
                    "reference": f"BB-{self.written:07d}",
                    "status": row["status"],
                    "version": 5 + len(row["moves"]),
                    "steps_done": json.dumps(
                        ["project", "budget"]
                        if row["status"] == "draft"
                        else ["project", "budget", "documents", "de_minimis"]
                    ),
                    "title": row["project"].title,
                    "summary": row["project"].summary,
                    "objectives": row["project"].objectives,
                    "expected_results": row["project"].expected_results,
                    "starts_on": created.date() + datetime.timedelta(days=60),
                    "ends_on": created.date() + datetime.timedelta(days=300),
                    "plan_id": None,
                    "total_cost": totals.total_cost,
                    "eligible_total": totals.eligible_total,
                    "requested_amount": totals.max_request,
                    "de_minimis_declared_at": submitted,
                    "approved_amount": approved,
                    "decision_reasons": "Décision du comité." if decided else "",
                    "decided_at": decided,
                    "decided_by_id": self.staff.pk if decided else None,
                    "signed_on": (
                        (decided + datetime.timedelta(days=2)).date()
                        if row["status"] == "signed"
                        else None
                    ),
                    "created_by_id": admins.get(row["organisation_id"]),
                    "created_at": created,
                    "updated_at": changed,
                    "submitted_at": submitted,
                    "status_changed_at": changed,
                }
            )
        from digitalees.db import insert_rows

        ids = insert_rows(Application, rows)
        self._children(batch, ids, admins)
        log(
            f"\r  grants: {self.written} applications in bulk "
            f"({time.perf_counter() - started:.0f} s)"
        )

    def _next_organisation(self, call, cursors):
        used = self.used[call.pk]
        for organisation_id in cursors[call.pk]:
            if organisation_id not in used and organisation_id not in self.reserved:
                used.add(organisation_id)
                return organisation_id
        return None

    def _admins(self, organisation_ids) -> dict[int, int]:
        from network.models import Membership

        return dict(
            Membership.objects.filter(
                organisation_id__in=organisation_ids, role=Membership.Role.ADMIN
            ).values_list("organisation_id", "user_id")
        )

    def _line_row(self, line):
        from grants.services import LineInput

        return LineInput(
            category_id=self.categories[line.category],
            description=line.description,
            supplier=line.supplier,
            amount_excl_vat=line.amount_excl_vat,
            vat=line.vat,
            vat_recoverable=line.vat_recoverable,
        )

    def _children(self, batch, ids, admins) -> None:
        """Budget lines, status changes, reviews and payments of the applications
        just written (`ids`, in `batch`'s order)."""
        from digitalees.db import insert_rows
        from grants.models import (
            BudgetLine,
            Payment,
            Review,
            ReviewerAssignment,
            ReviewScore,
            StatusChange,
        )
        from grants.services import weighted_score

        rng = self.rng
        lines, changes, assignments, reviews, payments = [], [], [], [], []
        review_scores: list[list[tuple[int, int]]] = []
        for row, pk in zip(batch, ids, strict=True):
            for position, line in enumerate(row["lines"]):
                lines.append(
                    {
                        "application_id": pk,
                        "category_id": self.categories[line.category],
                        "description": line.description,
                        "supplier": line.supplier,
                        "amount_excl_vat": line.amount_excl_vat,
                        "vat": line.vat,
                        "vat_recoverable": line.vat_recoverable,
                        "action_id": None,
                        "position": position,
                    }
                )
            applicant = admins.get(row["organisation_id"])
            previous = "draft"
            for to, at in row["moves"]:
                by = applicant if to in ("submitted", "resubmitted", "withdrawn") else self.staff.pk
                changes.append(
                    {
                        "application_id": pk,
                        "from_status": previous,
                        "to_status": to,
                        "by_id": by,
                        "at": at,
                        "comment": "Joignez un second devis." if to == "info_requested" else "",
                        "internal_comment": "",
                    }
                )
                previous = to
            if row["status"] in REVIEWED:
                criteria = self.calls.criteria[row["call"].pk]
                at = dict(row["moves"])["in_review"]
                for reviewer in rng.sample(self.reviewers, 2):
                    scores = {c.pk: rng.randint(1, 5) for c in criteria}
                    assignments.append(
                        {
                            "application_id": pk,
                            "reviewer_id": reviewer.pk,
                            "declaration": ReviewerAssignment.Declaration.NO_CONFLICT,
                            "conflict_details": "",
                            "declared_at": at,
                            "assigned_by_id": self.staff.pk,
                            "assigned_at": at,
                        }
                    )
                    reviews.append(
                        {
                            "recommendation": rng.choice(RECOMMENDATIONS),
                            "comment": "Un projet clair ; le budget est cohérent.",
                            "comment_shared": rng.random() < 0.5,
                            "weighted_score": weighted_score(scores, criteria),
                            "submitted_at": at + datetime.timedelta(hours=20),
                            "updated_at": at + datetime.timedelta(hours=20),
                        }
                    )
                    review_scores.append(list(scores.items()))
            if row["status"] == "signed":
                approved = row["totals"].max_request
                advance = (approved * row["call"].advance_rate / 100).quantize(Decimal("0.01"))
                signed_at = row["moves"][-1][1]
                payments.append(
                    {
                        "application_id": pk,
                        "kind": Payment.Kind.ADVANCE,
                        "amount": advance,
                        "paid_on": min(signed_at.date(), self.today),
                        "reference": f"VIR-{pk}-A",
                        "recorded_by_id": self.staff.pk,
                        "recorded_at": signed_at,
                    }
                )
        insert_rows(BudgetLine, lines)
        insert_rows(StatusChange, changes)
        assignment_ids = insert_rows(ReviewerAssignment, assignments)
        for review, assignment_id in zip(reviews, assignment_ids, strict=True):
            review["assignment_id"] = assignment_id
        review_ids = insert_rows(Review, reviews)
        insert_rows(
            ReviewScore,
            [
                {"review_id": review_id, "criterion_id": criterion_id, "score": score}
                for review_id, scores in zip(review_ids, review_scores, strict=True)
                for criterion_id, score in scores
            ],
        )
        insert_rows(Payment, payments)

    # --- the measured applications, through the services --------------------------

    def measured(self):
        """An application of the measured organisation in the biggest call, in review with
        5 budget lines and 3 reviews; a draft of the same organisation in the second call
        for the step's save."""
        from grants import services
        from grants.demo.content import LINES
        from grants.demo.pdf import pdf_upload
        from grants.models import ReviewerAssignment
        from grants.services import AidInput

        organisation, admin_id = self.bench.organisation, self.bench.admin_id
        from digitalees.models import User

        admin = User.objects.get(pk=admin_id)
        call = self.calls.calls[0]
        application = services.application_create(
            call=call, organisation=organisation, by=admin, title="Un CRM et des postes sûrs"
        )
        services.application_save_project(
            application,
            version=application.version,
            title=application.title,
            summary="Un outil partagé pour nos bénévoles, des postes sûrs pour l'équipe.",
            objectives="Gagner du temps.\nSécuriser nos données.",
            expected_results="Un CRM en service, six postes, une sauvegarde.",
            starts_on=self.today + datetime.timedelta(days=30),
            ends_on=self.today + datetime.timedelta(days=300),
        )
        keys = ["crm", "training", "reconditioned", "backup", "website"]
        services.application_save_budget(
            application,
            version=application.version,
            lines=[self._line_row(LINES[k]) for k in keys],
        )
        services.attachment_add(
            application,
            by=admin,
            file=pdf_upload("devis.pdf", "Devis", ["Coopérative du Code", "1 800,00 EUR"]),
            document_type=self.quote,
        )
        services.application_save_de_minimis(
            application,
            version=application.version,
            aids=[
                AidInput(
                    granting_body="Région wallonne",
                    granted_on=self.today - datetime.timedelta(days=400),
                    amount=Decimal("5000.00"),
                )
            ],
        )
        services.application_submit(application, by=admin)
        services.screening_start(application, by=self.staff)
        services.review_start(application, by=self.staff)
        criteria = self.calls.criteria[call.pk]
        for n, reviewer in enumerate(self.reviewers[:3]):
            assignment = services.reviewer_assign(application, reviewer=reviewer, by=self.staff)
            services.conflict_declare(assignment, conflict=False)
            services.review_save(
                ReviewerAssignment.objects.get(pk=assignment.pk),
                scores={c.pk: 3 + (n + c.position) % 3 for c in criteria},
                recommendation=RECOMMENDATIONS[n],
                comment="Projet clair, devis cohérents.",
                comment_shared=n == 0,
            )
        self.used[call.pk].add(organisation.pk)
        draft = services.application_create(
            call=self.calls.calls[1], organisation=organisation, by=admin, title="Un site web"
        )
        self.used[self.calls.calls[1].pk].add(organisation.pk)
        return application, draft


# --- the rows ---------------------------------------------------------------------------


def items(bench) -> list[Item]:
    rows = _Rows(bench)
    bench.grants = rows  # top_up() finds it there
    return rows.items()


def top_up(bench) -> None:
    """Called by the runner between the small count and the full one."""
    from network.models import Organisation

    rows = bench.grants
    organisations = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
    rows.fill.bulk(VOLUMES[bench.scale] - rows.fill.written - 1, organisations)
    from bench import fill

    fill.analyse()


class _Rows:
    def __init__(self, bench):
        from network.models import Organisation

        self.bench = bench
        self.fill = _Fill(bench)
        self.application, self.draft = self.fill.measured()
        first = list(Organisation.objects.order_by("pk").values_list("pk", flat=True))
        # 50 in all with the measured one (the draft and the flow's aside).
        self.fill.bulk(FIRST_APPLICATIONS - 1, first)

    def items(self) -> list[Item]:
        bench = self.bench
        pipeline = reverse("grants:pipeline")
        call = self.fill.calls.calls[0]
        items = [
            Item("grants.pipeline", get(bench.staff, pipeline)),
            Item(
                "grants.pipeline_status",
                get(bench.staff, f"{pipeline}?status={PIPELINE_STATUS}"),
            ),
            Item(
                "grants.call_overview",
                get(bench.staff, reverse("grants:call_overview", kwargs={"pk": call.pk})),
            ),
            Item(
                "grants.application_detail",
                get(
                    bench.staff,
                    reverse("grants:application_detail", kwargs={"pk": self.application.pk}),
                ),
            ),
            self._step_save_item(),
            self._flow_item(),
        ]
        volume = VOLUMES[bench.scale]
        bench.notes.append(
            f"grants: measured at {volume} applications over {len(CALL_SHARES)} calls (3–6 "
            "budget lines each, 2 reviews on those in review or decided); queries_small at "
            f"{FIRST_APPLICATIONS}. grants.pipeline_status: filtered by status "
            f"“{PIPELINE_STATUS}”; grants.call_overview: the biggest call; "
            "grants.application_detail: an application with 5 budget lines and 3 reviews, "
            "as agency staff. A row whose page is not built yet answers 404 and is skipped."
        )
        return items

    # --- saving the project step ------------------------------------------------------

    def _step_save_item(self):
        from grants.models import Application

        url = reverse("grants:application_step", kwargs={"pk": self.draft.pk, "step": "project"})
        client = self.bench.member
        state: dict = {}

        def before():
            version = Application.objects.values_list("version", flat=True).get(pk=self.draft.pk)
            expected = state.get("expected")
            if expected is not None and version != expected:
                raise BenchError(f"{url}: the step was not saved (version {version})")
            state.update(version=version, expected=version + 1, n=state.get("n", 0) + 1)

        def call():
            response = client.post(
                url,
                {
                    "version": state["version"],
                    "title": "Un site web",
                    "summary": f"Un site accessible, qui reçoit des dons (version {state['n']}).",
                    "objectives": "Faire connaître nos activités.",
                    "expected_results": "Un site en ligne, deux personnes formées.",
                    "starts_on": "2027-02-01",
                    "ends_on": "2027-10-31",
                    "action": "save",
                },
            )
            if response.status_code not in (200, 302):
                raise BenchError(f"{url}: {response.status_code}")
            return response

        self.bench.notes.append(
            "grants.step_save: a member posts the project step of a draft (fields version, "
            "title, summary, objectives, expected_results, starts_on, ends_on, action=save)."
        )
        return Item(
            "grants.step_save",
            call,
            before=before,
            kind=WRITE,
            max_queries=STEP_SAVE_MAX_QUERIES,
        )

    # --- the applicant's whole course -------------------------------------------------

    def _flow_item(self):
        """The submitter's application to the third call: create it, save every step (the
        forms read from each step's page, as a browser would send them), upload a quote,
        open the pre-check, submit. Before each run, the previous run's application is
        withdrawn through the service (an organisation applies once per call)."""
        from digitalees.models import User
        from grants import services
        from grants.models import Application, Status

        bench = self.bench
        call = self.fill.calls.calls[2]
        organisation = bench.submitter
        user = User.objects.get(pk=bench.submitter_id)
        client = bench.submitter_client
        start_url = reverse("grants:application_start", kwargs={"slug": call.slug})

        def before():
            for application in Application.objects.filter(
                call=call, organisation=organisation
            ).exclude(status=Status.WITHDRAWN):
                services.application_withdraw(application, by=user)
            client.cookies.pop("messages", None)

        def run():
            form = _form(check(client.get(start_url), 200))
            form.fill(title="Des outils pour nos bénévoles", organisation=str(organisation.pk))
            _posted(client, start_url, form.data)
            application = (
                Application.objects.filter(call=call, organisation=organisation)
                .exclude(status=Status.WITHDRAWN)
                .first()
            )
            if application is None:
                raise BenchError(f"{start_url}: no draft was created")
            for step, values in _STEP_VALUES.items():
                url = reverse(
                    "grants:application_step", kwargs={"pk": application.pk, "step": step}
                )
                form = _form(check(client.get(url), 200))
                form.fill(**values)
                files = {}
                if step == "documents":
                    from grants.demo.pdf import pdf_upload

                    files[form.file_field or "file"] = pdf_upload(
                        "devis.pdf", "Devis", ["Atelier Web Coopératif", "4 500,00 EUR"]
                    )
                    form.choose("document_type", str(self.fill.quote.pk))
                _posted(client, url, {**form.data, **files, "action": "save"})
            submit_url = reverse("grants:application_submit", kwargs={"pk": application.pk})
            form = _form(check(client.get(submit_url), 200))
            _posted(client, submit_url, form.data)
            if Application.objects.get(pk=application.pk).status != Status.SUBMITTED:
                raise BenchError(f"{submit_url}: the application was not submitted")

        self.bench.notes.append(
            "grants.flow_application: a member's application from the first step to the "
            "submission: the call's apply page and its post, each of the five steps opened "
            "and saved (project, actions, budget with two lines, a quote uploaded, the de "
            "minimis declaration), the pre-check page, the submission."
        )
        return Item(
            "grants.flow_application",
            run,
            before=before,
            kind=FLOW,
            warmup=FLOW_WARMUP,
            repeat=FLOW_REPEAT,
        )


def _posted(client, url, data):
    """A form's post: saved and redirected, or the page shown again (200)."""
    response = client.post(url, data)
    if response.status_code not in (200, 302):
        raise BenchError(f"{url}: {response.status_code}")
    return response


# What each step's form is given, by the end of its fields' names (formsets' rows are
# prefixed: "lines-0-description"); every other field keeps what the page shows.
_STEP_VALUES = {
    "project": {
        "title": "Des outils pour nos bénévoles",
        "summary": "Remplacer les tableurs par un outil partagé.",
        "objectives": "Gagner deux heures par semaine de coordination.",
        "expected_results": "Un planning en ligne.",
        "starts_on": "2027-02-01",
        "ends_on": "2027-09-30",
    },
    "actions": {},
    "budget": {
        "0-category": "software",
        "0-description": "Abonnement à un outil de planning des bénévoles (2 ans)",
        "0-supplier": "Bénévolat Facile SRL",
        "0-amount_excl_vat": "960.00",
        "0-vat": "201.60",
        "1-category": "training",
        "1-description": "Formation de l'équipe au nouvel outil (2 jours)",
        "1-supplier": "Formanum ASBL",
        "1-amount_excl_vat": "1200.00",
        "1-vat": "0",
    },
    "documents": {},
    "de_minimis": {
        "0-granting_body": "Région wallonne",
        "0-description": "Aide à l'investissement",
        "0-purpose": "Aide à l'investissement",
        "0-granted_on": "2025-06-01",
        "0-amount": "5000.00",
    },
}


class _Form(HTMLParser):
    """The fields of a page's main form (the first that posts back to it), with the values the
    page shows, as a browser would send them; `fill` sets fields by the end of their name,
    a select by the code or label of an option."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path
        self.data: dict[str, str] = {}
        self.options: dict[str, list[tuple[str, str]]] = {}
        self.file_field: str | None = None
        self._in_form = self._done = False
        self._select: str | None = None
        self._option: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self._done:
            return
        # The page's own form: it posts back to the page (the header's language switcher
        # posts elsewhere).
        if (
            tag == "form"
            and (a.get("method") or "").lower() == "post"
            and (a.get("action") or self.path) == self.path
        ):
            self._in_form = True
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                self.file_field = self.file_field or name
            elif kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.data[name] = a.get("value", "on")
            elif kind not in ("submit", "button", "image", "reset"):
                self.data[name] = a.get("value", "")
        elif tag == "select" and name:
            self._select = name
            self.options[name] = []
        elif tag == "option" and self._select:
            self._option = a.get("value", "")
            self.options[self._select].append((self._option, ""))
            if "selected" in a:
                self.data[self._select] = self._option
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data
        elif self._select and self._option is not None:
            value, label = self.options[self._select][-1]
            self.options[self._select][-1] = (value, label + data.strip())

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "option":
            self._option = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True

    def _names(self, end: str) -> list[str]:
        fields = set(self.data) | set(self.options)
        return [n for n in fields if n == end or n.endswith(f"-{end}") or n.endswith(f"_{end}")]

    def fill(self, **values) -> None:
        for end, value in values.items():
            names = self._names(end)
            row = re.fullmatch(r"(\d+)-(.+)", end)
            if not names and row:  # a formset row the page does not show: as its first
                for first in self._names(f"0-{row[2]}"):
                    name = first[: -len(f"0-{row[2]}")] + end
                    if first in self.options:
                        self.options[name] = self.options[first]
                    names.append(name)
            for name in names:
                if name in self.options:
                    self.choose(name, value)
                else:
                    self.data[name] = value

    def choose(self, end: str, value: str) -> None:
        from grants.models import CostCategory

        codes = {c.code: str(c.pk) for c in CostCategory.objects.all()}
        for name in self._names(end) if end not in self.options else [end]:
            wanted = codes.get(value, value)
            options = self.options.get(name, [])
            for option, label in options:
                if option == wanted or label == value:
                    self.data[name] = option
                    break
            else:
                first = next((o for o, _label in options if o), None)
                if first is not None and not self.data.get(name):
                    self.data[name] = first


def _form(response) -> _Form:
    form = _Form(response.request["PATH_INFO"])
    form.feed(response.content.decode())
    # Formsets say how many rows they send: at least those the values fill.
    for name in list(form.data):
        match = re.fullmatch(r"(.+)-TOTAL_FORMS", name)
        if match and int(form.data[name] or 0) < 2:
            form.data[name] = "2"
    return form
