"""The bench's course: database, fills, measures, table, var/bench.json, clean-up."""

import contextlib
import itertools
import json
import logging
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

PDF_WARMUP, PDF_REPEAT = 2, 10
PAGE_RATIO_TARGET = 3.0
PDF_TARGET_MS = 1500
# A read at least this slow, or this share of its page, is worth an EXPLAIN ANALYZE.
SLOW_QUERY_MS, SLOW_QUERY_SHARE = 5.0, 0.2
STAFF_LIST_NAMES = ("diagnostic_staff:list", "diagnostic_staff:assessment_list")
HOST = "localhost"  # in ALLOWED_HOSTS by default


class BenchError(Exception):
    pass


def main() -> int:
    scale = os.environ.get("BENCH_SCALE", "full")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digitalees.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import OperationalError

    from bench import fill

    if scale not in fill.VOLUMES:
        print(f"BENCH_SCALE must be one of {', '.join(fill.VOLUMES)}, not {scale!r}.")
        return 2
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        print(
            "make bench measures PostgreSQL, the production database; DATABASE_URL points to "
            f"{engine.rsplit('.', 1)[-1]}.\nRun `make bench` (it defaults to "
            "postgres://postgres@127.0.0.1:5432/postgres) or set "
            "DATABASE_URL=postgres://user@host:5432/dbname."
        )
        return 2
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _interrupt)
    # WeasyPrint tells every step of every PDF at INFO level; a page that fails is reported
    # in the table's notes, without its traceback.
    for name in ("weasyprint", "fontTools"):
        logging.getLogger(name).setLevel(logging.WARNING)
    logging.getLogger("django.request").setLevel(logging.CRITICAL)
    # WhiteNoise looks for collected static files, which the bench does not need.
    warnings.filterwarnings("ignore", "No directory at", UserWarning)
    media = tempfile.mkdtemp(prefix="digitalees-bench-media-")
    try:
        with _OwnDatabase(), _bench_settings(media):
            report = Bench(scale).run()
        path = Path(settings.BASE_DIR) / "var" / "bench.json"
        path.parent.mkdir(exist_ok=True)
        path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(f"\nWritten {path.relative_to(settings.BASE_DIR)}.")
        return 0
    except OperationalError as error:
        print(f"PostgreSQL is out of reach or refused: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nInterrupted: the bench database is dropped.", file=sys.stderr)
        return 130
    finally:
        shutil.rmtree(media, ignore_errors=True)


def _interrupt(signum, frame):
    raise KeyboardInterrupt


def _say(text: str) -> None:
    """Print to stderr, never failing: a closed pipe must not keep the database alive."""
    with contextlib.suppress(OSError):
        print(text, file=sys.stderr, flush=True)


class _OwnDatabase:
    """A database of the bench's own, created and migrated with Django's test-database
    machinery, and dropped at the end whatever happens."""

    def __enter__(self):
        from django.db import connection
        from django.test.utils import setup_databases

        self.name = f"digitalees_bench_{os.getpid()}"
        connection.settings_dict.setdefault("TEST", {})["NAME"] = self.name
        print(f"Creating database {self.name} and migrating…", flush=True)
        try:
            self.old = setup_databases(
                verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set()
            )
        except BaseException:
            self._force_drop()
            raise
        return self

    def __exit__(self, *exc):
        from django.test.utils import teardown_databases

        _say(f"Dropping database {self.name}.")
        try:
            teardown_databases(self.old, verbosity=0)
        except Exception as error:  # a connection left busy by an interrupted query
            _say(f"  ({error}; dropping it by force)")
            self._force_drop()
        return False

    def _force_drop(self):
        from django.db import connection

        connection.close()
        try:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        except Exception as error:
            _say(f"Could not drop {self.name}: {error}. Drop it by hand.")


def _bench_settings(media):
    from django.test.utils import override_settings

    return override_settings(
        # As in production: no debug cursor, no debug-only work.
        DEBUG=False,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=media,
    )


@dataclass
class Row:
    name: str
    kind: str
    queries_small: int | None = None
    queries: int | None = None
    median_ms: float | None = None
    p95_ms: float | None = None
    detail: object = None  # measure.Queries of the full-volume count


class Bench:
    def __init__(self, scale):
        from bench import fill
        from diagnostic.models import Questionnaire
        from diagnostic.selectors import questionnaire_structure

        self.scale = scale
        self.plan = fill.plan(scale)
        self.questionnaire = Questionnaire.current()
        self.structure = questionnaire_structure(self.questionnaire.id)
        self.rows: dict[str, Row] = {}
        self.notes: list[str] = []
        self.drafts: list = []  # submit-ready drafts, one used per submit

    # --- the course ------------------------------------------------------------------------

    def run(self) -> dict:
        from django.core.cache import cache

        from bench import fill

        plan = self.plan
        organisations, assessments = fill.VOLUMES[self.scale]
        self.small_volume = f"{plan.volume(plan.first)} assessments"
        self.volume = f"{plan.volume(plan.first) + plan.volume(plan.rest)} assessments"
        print(
            f"Scale {self.scale}: {organisations} organisations, {assessments} submitted "
            f"assessments; first {len(plan.first)} organisations, {self.small_volume}.",
            flush=True,
        )
        start = time.perf_counter()
        written = fill.write(
            plan, plan.first, structure=self.structure, questionnaire_id=self.questionnaire.id
        )
        # Bulk writes bypass the services that invalidate cached benchmarks and aggregates.
        cache.clear()
        self.setup(written)
        items = self.items()
        print(f"Counting queries at {self.small_volume}…", flush=True)
        for item in list(items):
            try:
                self.rows[item.name].queries_small = self.count(item).count
            except Exception as error:
                # One page broken by work in progress should not cost the others their
                # measure: say why, and go on without it.
                items.remove(item)
                del self.rows[item.name]
                self.notes.append(f"{item.name} skipped: it fails with {_describe(error)}")
                print(f"  {item.name} fails: {_describe(error)}", flush=True)

        print(f"Topping up to {self.volume}…", flush=True)
        fill.write(
            plan, plan.rest, structure=self.structure, questionnaire_id=self.questionnaire.id
        )
        cache.clear()
        print(f"  filled in {time.perf_counter() - start:.0f} s.", flush=True)
        print(f"Counting queries and timing at {self.volume}…", flush=True)
        for item in items:
            detail = self.count(item)
            self.rows[item.name].queries = detail.count
            self.rows[item.name].detail = detail
        self.time(items)
        return self.report()

    def count(self, item):
        from bench.measure import count_queries

        self.prepare(item)
        return count_queries(item)

    def prepare(self, item):
        if item.name == "diagnostic.submit":
            self.submit_drafts(item.warmup + item.repeat + 2)

    def time(self, items):
        """Requests run in rounds, one of each item per round, so that a busy machine slows
        the items and the reference alike; operations (PDFs) run apart."""
        from bench.measure import Timing, run_once, time_item

        requests = [i for i in items if i.through_client]
        for item in items:
            self.prepare(item)
        rounds = max(i.repeat for i in requests)
        print(f"  {len(requests)} requests × {rounds} rounds…", flush=True)
        for item in requests:
            for _ in range(item.warmup):
                run_once(item)
        samples = {item.name: Timing() for item in requests}
        for _ in range(rounds):
            for item in requests:
                samples[item.name].samples_ms.append(run_once(item))
        for item in items:
            if not item.through_client:
                print(f"  {item.name}: {item.repeat} runs…", flush=True)
                samples[item.name] = time_item(item)
        for name, timing in samples.items():
            self.rows[name].median_ms = timing.median
            self.rows[name].p95_ms = timing.p95

    # --- who, what -------------------------------------------------------------------------

    def setup(self, written):
        from django.contrib.auth.models import Group
        from django.test import Client

        from diagnostic import demo
        from diagnostic.models import Report, Result
        from digitalees.models import User
        from digitalees.roles import AGENCY_GROUP

        self.organisation, admin_id = written[self.plan.target]
        self.latest = Result.objects.get(organisation=self.organisation, is_latest=True)
        # Another organisation submits, so that the measured one keeps its results.
        self.submitter, self.submitter_id = next(
            written[i] for i in self.plan.first if i != self.plan.target
        )

        def client_for(user_id):
            client = Client(raise_request_exception=True, HTTP_HOST=HOST)
            client.force_login(User.objects.get(pk=user_id))
            return client

        self.member = client_for(admin_id)
        self.submitter_client = client_for(self.submitter_id)
        staff = User.objects.create(email="agence@bench.test", first_name="Agence")
        staff.groups.add(Group.objects.get(name=AGENCY_GROUP))
        self.staff = client_for(staff.pk)

        # Two drafts of the measured member, answered but for the last part: one to read a
        # page of, one to answer in.
        profile = demo.profile_for(
            self.structure,
            random.Random(7),
            size_band=self.organisation.size_band,
            sector=self.organisation.sector,
        )
        self.full_answers = demo.answers_for(self.structure, profile)
        last_part = {q.id for q in self.structure.questions_of[self.structure.dimensions[-1].id]}
        partial = {q: c for q, c in self.full_answers.items() if q not in last_part}
        self.page_draft, self.answer_draft = demo.assessments_create(
            self.structure,
            self.questionnaire.id,
            [demo.Item(partial, self.organisation.pk, admin_id) for _ in range(2)],
        )
        self.pdf_report = Report.objects.create(result=self.latest, language="fr")

    def submit_drafts(self, count):
        from diagnostic import demo

        missing = count - len(self.drafts)
        if missing > 0:
            self.drafts += demo.assessments_create(
                self.structure,
                self.questionnaire.id,
                [
                    demo.Item(self.full_answers, self.submitter.pk, self.submitter_id)
                    for _ in range(missing)
                ],
            )

    def items(self):
        from django.urls import NoReverseMatch, reverse

        from bench.measure import WRITE, Item

        member, slug = self.member, self.organisation.slug
        dimension_url = reverse(
            "diagnostic:dimension", kwargs={"uuid": self.page_draft.uuid, "position": 4}
        )
        question = next(q for q in self.structure.questions if q.type == "scale")
        answer_url = reverse(
            "diagnostic:answer", kwargs={"uuid": self.answer_draft.uuid, "code": question.code}
        )
        values = itertools.cycle(["1", "3"])  # alternate, so that each answer really writes
        items = [
            Item("bare", _get(member, reverse("bare"))),
            Item("diagnostic.dimension", _get(member, dimension_url)),
            Item(
                "diagnostic.answer",
                lambda: _check(
                    member.post(answer_url, {question.code: next(values)}, HTTP_HX_REQUEST="true"),
                    200,
                ),
                kind=WRITE,
            ),
            Item(
                "diagnostic.results",
                _get(
                    member,
                    reverse(
                        "diagnostic:organisation_result",
                        kwargs={"slug": slug, "pk": self.latest.pk},
                    ),
                ),
            ),
            Item(
                "diagnostic.history",
                _get(member, reverse("diagnostic:organisation_history", kwargs={"slug": slug})),
            ),
            self._submit_item(),
        ]
        for name in STAFF_LIST_NAMES:
            try:
                url = reverse(name)
            except NoReverseMatch:
                continue
            items.append(Item("diagnostic.staff_list", _get(self.staff, url)))
            self.notes.append(f"diagnostic.staff_list is GET {url} ({name}).")
            break
        else:
            self.notes.append(
                f"diagnostic.staff_list skipped: no URL named {' or '.join(STAFF_LIST_NAMES)}."
            )
        pdf = self._pdf_item()
        if pdf:
            items.append(pdf)
        for item in items:
            self.rows[item.name] = Row(item.name, item.kind)
        return items

    def _submit_item(self):
        from django.urls import reverse

        from bench.measure import WRITE, Item

        client, state = self.submitter_client, {}

        def before():
            state["draft"] = self.drafts.pop()
            # A browser shows the "submitted" message on the next page; drop it here.
            client.cookies.pop("messages", None)

        def call():
            uuid = state["draft"].uuid
            response = _check(client.post(reverse("diagnostic:review", kwargs={"uuid": uuid})), 302)
            if not response["Location"].endswith(f"/{uuid}/results/"):
                raise BenchError(f"submitting went to {response['Location']}")

        return Item("diagnostic.submit", call, before=before, kind=WRITE)

    def _pdf_item(self):
        from bench.measure import OPERATION, Item

        try:
            from diagnostic.reports.services import report_render
        except ImportError:
            self.notes.append(
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
        )

    # --- the report ------------------------------------------------------------------------

    def report(self) -> dict:
        bare = self.rows["bare"].median_ms
        rows = []
        for row in self.rows.values():
            entry = {
                "name": row.name,
                "median_ms": round(row.median_ms, 1),
                "p95_ms": round(row.p95_ms, 1),
                "queries": row.queries,
                "queries_small": row.queries_small,
            }
            if row.name != "bare":
                if row.kind != "operation":
                    entry["ratio_to_bare"] = round(row.median_ms / bare, 2)
                entry["volume"] = self.volume
            rows.append(entry)
        self.print_table(bare)
        self.print_diagnosis(bare)
        return {"scale": self.scale, "database": "postgresql", "rows": rows}

    def verdicts(self, row, bare) -> list[tuple[bool, str]]:
        """[(met, text)] of the targets that apply to the row."""
        verdicts = []
        ratio = row.median_ms / bare
        if row.kind == "page" and row.name != "bare":
            verdicts.append((ratio <= PAGE_RATIO_TARGET, f"{ratio:.1f}× bare (≤ 3×)"))
        if row.name == "diagnostic.pdf":
            verdicts.append((row.median_ms < PDF_TARGET_MS, f"median < {PDF_TARGET_MS} ms"))
        verdicts.append((row.queries == row.queries_small, "queries stable"))
        return verdicts

    def print_table(self, bare):
        print(f"\nscale {self.scale}, {self.volume} (queries_small at {self.small_volume})\n")
        header = (
            f"{'name':<23}{'median ms':>10}{'p95 ms':>9}{'sql ms':>8}{'queries':>9}"
            f"{'small':>7}{'× bare':>8}  targets"
        )
        print(header)
        print("-" * (len(header) + 40))
        for row in self.rows.values():
            ratio = f"{row.median_ms / bare:.2f}" if row.kind != "operation" else ""
            verdicts = ", ".join(
                ("met: " if met else "MISSED: ") + text for met, text in self.verdicts(row, bare)
            )
            print(
                f"{row.name:<23}{row.median_ms:>10.1f}{row.p95_ms:>9.1f}"
                f"{row.detail.total_ms:>8.1f}{row.queries:>9}{row.queries_small:>7}{ratio:>8}"
                f"  {verdicts}"
            )
        print(
            "\nsql ms: time in the database driver during one counted run. Targets: pages "
            f"(GET) ≤ {PAGE_RATIO_TARGET:.0f}× bare; writes (answer, submit) show their ratio "
            f"without a target; PDF median < {PDF_TARGET_MS} ms; the same queries at both "
            "volumes."
        )
        for note in self.notes:
            print(f"note: {note}")

    def print_diagnosis(self, bare):
        """Why a slow request is slow: its share of SQL, its slowest reads, explained."""
        from bench.measure import explain, is_read

        for row in self.rows.values():
            if row.kind == "operation" or row.median_ms <= PAGE_RATIO_TARGET * bare:
                continue
            detail = row.detail
            print(
                f"\n{row.name}: {row.median_ms / bare:.1f}× bare; in one run of "
                f"{detail.run_ms:.1f} ms, {detail.count} queries took {detail.total_ms:.1f} ms."
            )
            slowest = sorted(detail.queries, key=lambda q: -q[0])[:3]
            for ms, sql in slowest:
                print(f"  {ms:6.1f} ms  {_shorten(sql)}")
            ms, sql = slowest[0] if slowest else (0.0, "")
            if is_read(sql) and (ms >= SLOW_QUERY_MS or ms >= SLOW_QUERY_SHARE * detail.run_ms):
                print("  EXPLAIN ANALYZE of the slowest:")
                print("    " + explain(sql).replace("\n", "\n    "))
            else:
                print("  No slow query: the time goes to Python (ORM, templates, charts).")


def _shorten(sql: str, width: int = 160) -> str:
    sql = re.sub(r"^SELECT .{40,}? FROM ", "SELECT … FROM ", " ".join(sql.split()))
    return sql if len(sql) <= width else sql[: width - 1] + "…"


def _describe(error: Exception) -> str:
    return f"{type(error).__name__}: {str(error)[:300]}"


def _check(response, status):
    if response.status_code != status:
        raise BenchError(f"{response.request['PATH_INFO']}: {response.status_code}, not {status}")
    return response


def _get(client, url):
    return lambda: _check(client.get(url), 200)
