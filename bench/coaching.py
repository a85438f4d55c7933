"""Coaching's rows of `make bench`: the coach's and the cohort's dashboards, a plan's board
and list, moving an action on the board, a coach's weekly round, the plan's PDF and the
cohort's action exports.

Filled through coaching's services (bulk variants where volume needs them): first a few
enterprises of the measured cohort with 10 actions (the small count), then, once the
diagnostic's top-up has written every organisation, 10 cohorts of 60 enterprises with
20,000 actions and their sessions (a tenth at BENCH_SCALE=small: one cohort of 60, 2,000
actions).
"""

import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse

from bench.measure import FLOW, OPERATION, WRITE, Item
from bench.run import BenchError, check, get

SEED = 9
# scale -> (cohorts, enterprises per cohort, actions)
VOLUMES = {"full": (10, 60, 20000), "small": (1, 60, 2000)}
# The small count: this many enterprises of the measured cohort, this many actions in all.
FIRST_ENTERPRISES, FIRST_ACTIONS = 5, 10
COACHES_PER_COHORT = 4  # each coaches a quarter of the cohort's enterprises
MEASURED_COACHED_FIRST = 3  # of the first enterprises, the measured coach's
MEASURED_PLAN_ACTIONS = 60  # the board measured: a big plan (the mean is about 33)
SESSIONS_PER_ENTERPRISE = 6
ROUND_ENTERPRISES = 3  # the weekly round visits this many enterprises
# Issue 9, "Speed": a status change in at most 8 queries.
ACTION_STATUS_MAX_QUERIES = 8
FLOW_WARMUP, FLOW_REPEAT = 2, 10
PDF_WARMUP, PDF_REPEAT = 2, 10

STATUSES = ["todo", "todo", "in_progress", "in_progress", "blocked", "done", "done", "dropped"]
DIMENSIONS = ["strategy", "tools", "security", "data", "skills", "communication"]
PRIORITIES = ["high", "medium", "medium", "low"]


@dataclass
class Volume:
    cohorts: int
    per_cohort: int
    actions: int

    def describe(self) -> str:
        enterprises = self.cohorts * self.per_cohort
        return f"{self.cohorts} cohorts, {enterprises} enterprises, {self.actions} actions"


def volume(scale: str) -> Volume:
    return Volume(*VOLUMES[scale])


def actions_per_plan(scale: str, plans: int) -> list[int]:
    """How many actions each plan of the top-up gets (the measured plan, first, gets
    MEASURED_PLAN_ACTIONS), reproducibly, summing to the volume's actions with the first
    fill's."""
    rng = random.Random(SEED)
    total = volume(scale).actions - FIRST_ACTIONS
    counts = [MEASURED_PLAN_ACTIONS] + [0] * (plans - 1)
    left = total - MEASURED_PLAN_ACTIONS
    mean = left / (plans - 1)
    for index in range(1, plans):
        counts[index] = max(1, round(rng.uniform(0.4, 1.6) * mean))
    # Adjust to the exact total, one action at a time, never below one per plan.
    while sum(counts) != total:
        index = rng.randrange(1, plans)
        if sum(counts) > total and counts[index] > 1:
            counts[index] -= 1
        elif sum(counts) < total:
            counts[index] += 1
    return counts


# --- the fill ---------------------------------------------------------------------------


def _action_rows(rng, count, *, owners, today, start=0) -> list[dict]:
    rows = []
    for n in range(count):
        status = rng.choice(STATUSES)
        starts_on = today - datetime.timedelta(days=rng.randint(5, 200))
        due_on = starts_on + datetime.timedelta(days=rng.randint(10, 300))
        rows.append(
            {
                "title": f"Action {start + n + 1}",
                "dimension_code": rng.choice(DIMENSIONS),
                "priority": rng.choice(PRIORITIES),
                "status": status,
                "progress": 100 if status == "done" else rng.randrange(0, 91, 10),
                "owner": rng.choice(owners),
                "starts_on": starts_on,
                "due_on": due_on,
                "estimated_budget": Decimal(rng.randrange(0, 8000, 50)) if n % 3 else None,
                "position": start + n,
            }
        )
    return rows


class _Fill:
    """Cohorts, enrolments, coaches, plans, actions and sessions, through the services."""

    def __init__(self, bench):
        from django.contrib.auth.models import Group
        from django.utils import timezone

        from digitalees.roles import COACH_GROUP

        self.bench = bench
        self.volume = volume(bench.scale)
        self.rng = random.Random(SEED)
        self.today = timezone.localdate()
        self.coach_group = Group.objects.get(name=COACH_GROUP)
        self.cohorts: list = []
        self.coaches: dict[int, list] = {}  # cohort pk -> its coaches
        self.plans: list = []  # every plan, the measured one first
        self.enrolled: set[int] = set()

    def _coach(self, label: str):
        from digitalees.models import User

        user = User.objects.create(
            email=f"coach.{label}@bench.test", first_name="Coach", last_name=label
        )
        user.groups.add(self.coach_group)
        return user

    def _cohort(self, n: int):
        from coaching import services
        from coaching.models import Cohort

        today = self.today
        cohort = services.cohort_create(
            name=f"Cohorte bench {n + 1}",
            call_opens_on=today - datetime.timedelta(days=150),
            call_closes_on=today - datetime.timedelta(days=120),
            starts_on=today - datetime.timedelta(days=90),
            ends_on=today + datetime.timedelta(days=275),
            capacity=self.volume.per_cohort,
            hours_per_enterprise=Decimal("40"),
            status=Cohort.Status.RUNNING,
        )
        self.cohorts.append(cohort)
        self.coaches[cohort.pk] = [
            self._coach(f"{n + 1}-{c + 1}") for c in range(COACHES_PER_COHORT)
        ]
        return cohort

    def _enrol(self, cohort, organisation, coach, admin_id):
        """Enrol, assign the coach, start the plan from the latest diagnostic, log sessions."""
        from coaching import services
        from network.services import coach_assign

        enrolment = services.enrolment_create(cohort=cohort, organisation=organisation)
        coach_assign(organisation=organisation, coach=coach, assigned_by=None)
        plan = services.plan_create(
            enrolment=enrolment,
            created_by=coach,
            vision="Des outils simples et sûrs, maîtrisés par toute l'équipe.",
            objectives="Sécuriser nos données\nGagner du temps",
        )
        now = self.bench_now()
        services.sessions_create_bulk(
            enrolment=enrolment,
            coach=coach,
            rows=[
                {
                    "starts_at": now - datetime.timedelta(days=7 * (s + 1), hours=s),
                    "duration_minutes": self.rng.choice([60, 90, 120]),
                    "topics": "Suivi du plan",
                }
                for s in range(SESSIONS_PER_ENTERPRISE)
            ],
        )
        self.enrolled.add(organisation.pk)
        self.plans.append((plan, [admin_id, coach.pk], coach))
        return plan

    def bench_now(self):
        from django.utils import timezone

        return timezone.now()

    def _admins(self, organisations) -> dict[int, int]:
        from network.models import Membership

        return dict(
            Membership.objects.filter(
                organisation__in=organisations, role=Membership.Role.ADMIN
            ).values_list("organisation_id", "user_id")
        )

    def first(self):
        """The measured cohort with its first enterprises (the measured organisation first)
        and 10 actions; the measured coach coaches three of them."""
        from coaching import services
        from network.models import Organisation

        cohort = self._cohort(0)
        measured_coach = self.coaches[cohort.pk][0]
        others = Organisation.objects.exclude(pk=self.bench.organisation.pk).order_by("pk")
        organisations = [self.bench.organisation, *others[: FIRST_ENTERPRISES - 1]]
        admins = self._admins(organisations)
        for index, organisation in enumerate(organisations):
            coach = (
                measured_coach
                if index < MEASURED_COACHED_FIRST
                else self.coaches[cohort.pk][1 + index % (COACHES_PER_COHORT - 1)]
            )
            self._enrol(cohort, organisation, coach, admins[organisation.pk])
        per_plan = FIRST_ACTIONS // FIRST_ENTERPRISES
        for plan, owners, coach in self.plans:
            services.actions_create_bulk(
                plan=plan,
                by=coach,
                rows=_action_rows(self.rng, per_plan, owners=owners, today=self.today),
            )
        self.first_counts = {plan.pk: per_plan for plan, _o, _c in self.plans}
        return cohort, measured_coach

    def top_up(self, log=print):
        """Every cohort to its 60 enterprises, and the actions to the volume's."""
        from coaching import services
        from network.models import Organisation

        started = time.perf_counter()
        candidates = list(
            Organisation.objects.exclude(pk__in=self.enrolled).order_by("pk")[
                : self.volume.cohorts * self.volume.per_cohort
            ]
        )
        admins = self._admins(candidates)
        queue = iter(candidates)
        for n in range(self.volume.cohorts):
            cohort = self.cohorts[n] if n < len(self.cohorts) else self._cohort(n)
            coaches = self.coaches[cohort.pk]
            present = cohort.enrolments.count()
            for index in range(present, self.volume.per_cohort):
                organisation = next(queue)
                # The measured coach gets their quarter of the measured cohort too.
                coach = coaches[index * COACHES_PER_COHORT // self.volume.per_cohort]
                self._enrol(cohort, organisation, coach, admins[organisation.pk])
            log(
                f"\r  coaching: {n + 1} of {self.volume.cohorts} cohorts "
                f"({time.perf_counter() - started:.0f} s)",
                end="",
                flush=True,
            )
        counts = actions_per_plan(self.bench.scale, len(self.plans))
        for (plan, owners, coach), count in zip(self.plans, counts, strict=True):
            start = self.first_counts.get(plan.pk, 0)
            services.actions_create_bulk(
                plan=plan,
                by=coach,
                rows=_action_rows(self.rng, count, owners=owners, today=self.today, start=start),
            )
        log(f"\r  coaching: {self.volume.describe()} ({time.perf_counter() - started:.0f} s)")


# --- the rows ---------------------------------------------------------------------------


def items(bench) -> list[Item]:
    rows = _Rows(bench)
    bench.coaching = rows  # top_up() finds it there
    return rows.items()


def top_up(bench) -> None:
    """Called by the runner between the small count and the full one."""
    bench.coaching.fill.top_up()
    from bench import fill

    fill.analyse()


class _Rows:
    def __init__(self, bench):
        self.bench = bench
        self.fill = _Fill(bench)
        self.cohort, self.coach = self.fill.first()
        self.coach_client = bench.client_for(self.coach.pk)
        # The measured plan: the measured organisation's, the measured coach's.
        self.plan = self.fill.plans[0][0]
        self.round_plans = [plan for plan, _o, coach in self.fill.plans if coach == self.coach][
            :ROUND_ENTERPRISES
        ]

    def _url(self, name, **kwargs) -> str:
        return reverse(f"coaching:{name}", kwargs=kwargs)

    def items(self) -> list[Item]:
        bench = self.bench
        items = []
        pages = [
            ("coaching.coach_dashboard", self.coach_client, "coach_dashboard", {}),
            (
                "coaching.cohort_dashboard",
                bench.staff,
                "cohort_dashboard",
                {"slug": self.cohort.slug},
            ),
            ("coaching.plan_board", self.coach_client, "plan_board", {"pk": self.plan.pk}),
            ("coaching.plan_actions", self.coach_client, "plan_actions", {"pk": self.plan.pk}),
        ]
        for row, client, name, kwargs in pages:
            items.append(Item(row, get(client, self._url(name, **kwargs))))
        items.append(self._action_status_item())
        items.append(self._round_item())
        items.append(self._pdf_item())
        items.extend(self._export_items())
        bench.notes.append(
            "coaching: measured at "
            f"{volume(bench.scale).describe()}; queries_small at {FIRST_ENTERPRISES} "
            f"enterprises and {FIRST_ACTIONS} actions. coaching.plan_board and plan_actions: "
            f"a plan of {MEASURED_PLAN_ACTIONS} actions (2 at the small count)."
        )
        return items

    # --- moving an action ---------------------------------------------------------------

    def _mover(self, action_pk: int):
        """(before, post) to move one action back and forth between to do and in progress,
        each post with the version the board would show (read before, outside the timing);
        before also checks that the previous post moved it."""
        from coaching.models import Action

        state: dict = {}

        def before():
            action = Action.objects.only("status", "version").get(pk=action_pk)
            expected = state.get("expected")
            if expected is not None and action.status != expected:
                raise BenchError(f"action {action_pk} was not moved to {expected}")
            target = "in_progress" if action.status == "todo" else "todo"
            state.update(version=action.version, expected=target)

        def data():
            return {"status": state["expected"], "version": state["version"]}

        return before, data

    def _movable(self, plan, *, last: bool = False) -> int:
        """An action of the plan to move back and forth (its first, or its last: the status
        row and the round move different ones), made movable through the service."""
        from coaching import services

        action = plan.actions.order_by("-pk" if last else "pk").first()
        if action.status not in ("todo", "in_progress"):
            services.action_set_status(
                action=action, status="todo", by=None, version=action.version
            )
        return action.pk

    def _post_status(self, client, url, data):
        response = client.post(url, data, HTTP_HX_REQUEST="true")
        if response.status_code not in (200, 204, 302):
            raise BenchError(f"{url}: {response.status_code}")
        return response

    def _action_status_item(self):
        action_pk = self._movable(self.plan)
        url = self._url("action_status", pk=action_pk)
        before, data = self._mover(action_pk)
        client = self.coach_client
        return Item(
            "coaching.action_status",
            lambda: self._post_status(client, url, data()),
            before=before,
            kind=WRITE,
            max_queries=ACTION_STATUS_MAX_QUERIES,
        )

    # --- the weekly round ---------------------------------------------------------------

    def _round_item(self):
        """The coach's weekly round: the dashboard, then for three of their enterprises the
        plan, its board, one action moved, the enterprise's page."""
        steps, movers = [], []
        dashboard = self._url("coach_dashboard")
        for plan in self.round_plans:
            action_pk = self._movable(plan, last=True)
            urls = [
                self._url("plan_detail", pk=plan.pk),
                self._url("plan_board", pk=plan.pk),
                self._url("action_status", pk=action_pk),
                self._url("enrolment_detail", pk=plan.enrolment_id),
            ]
            movers.append(self._mover(action_pk))
            steps.append(urls)
        client = self.coach_client

        def before():
            for prepare, _data in movers:
                prepare()
            client.cookies.pop("messages", None)

        def call():
            check(client.get(dashboard), 200)
            for (detail, board, status, enrolment), (_prepare, data) in zip(
                steps, movers, strict=True
            ):
                check(client.get(detail), 200)
                check(client.get(board), 200)
                self._post_status(client, status, data())
                check(client.get(enrolment), 200)

        self.bench.notes.append(
            "coaching.flow_weekly_round: the coach's dashboard, then for 3 of their "
            "enterprises the plan, its board, one action moved (htmx), the enterprise's page."
        )
        return Item(
            "coaching.flow_weekly_round",
            call,
            before=before,
            kind=FLOW,
            warmup=FLOW_WARMUP,
            repeat=FLOW_REPEAT,
        )

    # --- the PDF and the exports --------------------------------------------------------

    def _pdf_item(self):
        from coaching.exports import services as exports
        from coaching.models import PlanReport

        report = PlanReport.objects.create(plan=self.plan, language="fr", content_stamp="bench")
        state = {}

        def before():
            old = PlanReport.objects.get(pk=report.pk)
            if old.file:
                old.file.storage.delete(old.file.name)
            PlanReport.objects.filter(pk=old.pk).update(
                status=PlanReport.Status.PENDING, file="", ready_at=None, claim_token="bench"
            )
            state["report"] = PlanReport.objects.select_related(
                "plan__organisation", "plan__enrolment__cohort"
            ).get(pk=old.pk)

        def call():
            if exports.plan_report_render(state["report"], token="bench") is None:
                raise BenchError("plan_report_render did not render the plan")

        return Item(
            "coaching.plan_pdf",
            call,
            before=before,
            kind=OPERATION,
            warmup=PDF_WARMUP,
            repeat=PDF_REPEAT,
        )

    def _export_items(self) -> list[Item]:
        bench, items = self.bench, []
        for name, format in (("coaching.export_xlsx", "xlsx"), ("coaching.export_csv", "csv")):
            url = reverse(
                "coaching:cohort_actions_export",
                kwargs={"slug": self.cohort.slug, "format": format},
            )

            def call(url=url):
                response = check(bench.staff.get(url), 200)
                if response.streaming:
                    return b"".join(response.streaming_content)
                return response.content

            items.append(Item(name, call, kind=FLOW, warmup=FLOW_WARMUP, repeat=FLOW_REPEAT))
        bench.notes.append(
            "coaching.export_xlsx and coaching.export_csv: the agency's download of every "
            "action of the measured cohort, read to its last byte; coaching.plan_pdf: the "
            "measured plan's PDF rendered (the task's work, without the queue)."
        )
        return items
