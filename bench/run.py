"""The bench's course: database, fills, measures, table, var/bench.json, clean-up."""

import contextlib
import importlib
import importlib.util
import json
import logging
import os
import re
import secrets
import shutil
import signal
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

PAGE_RATIO_TARGET = 3.0  # a page (GET) with no target of its own: ≤ 3× bare
# A read at least this slow, or this share of its page, is worth an EXPLAIN ANALYZE.
SLOW_QUERY_MS, SLOW_QUERY_SHARE = 5.0, 0.2
HOST = "localhost"  # in ALLOWED_HOSTS by default


class BenchError(Exception):
    pass


def main() -> int:
    scale = os.environ.get("BENCH_SCALE", "full")
    # The project's settings with the reference page `bare/` added to its URLs.
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
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

        # Apart from every digitalees_<name> database (the project's, the tests', other
        # checkouts'), and from a bench that runs at the same time.
        self.name = f"benchrun_{os.getpid()}_{secrets.token_hex(3)}"
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
    from django.conf import settings
    from django.test.utils import override_settings

    # Uploads and the PDF reports it renders (private storage) in the bench's own folder.
    private = Path(media) / "private"
    storages = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": private}},
    }
    return override_settings(
        # As in production: no debug cursor, no debug-only work.
        DEBUG=False,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=media,
        PRIVATE_MEDIA_ROOT=private,
        STORAGES=storages,
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
    """The course, and what every app's module (`bench/<app label>.py`) is given: the
    measured organisation and its admin's client, another organisation that submits (so
    that the measured one keeps its results), an agency staff member's client, the
    questionnaire that the fill answered. Each module's `items(bench)` returns its
    measure.Items; `bench.notes` takes what the table should say about them."""

    def __init__(self, scale):
        from bench import fill
        from diagnostic.models import Questionnaire
        from diagnostic.selectors import questionnaire_structure

        self.scale = scale
        self.plan = fill.plan(scale)
        self.questionnaire = Questionnaire.current()
        self.structure = questionnaire_structure(self.questionnaire.id)
        self.rows: dict[str, Row] = {}
        self.items_of: dict[str, object] = {}
        self.notes: list[str] = []

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
        # Each app's module that fills in two steps tops its own data up now (`top_up`).
        for module in app_modules():
            if hasattr(module, "top_up"):
                module.top_up(self)
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

        return count_queries(item)

    def time(self, items):
        """Requests run in rounds, one of each item per round, so that a busy machine slows
        the items and the reference alike; operations (PDFs) run apart."""
        from bench.measure import Timing, run_once, time_item

        requests = [i for i in items if i.through_client]
        rounds = max(i.repeat for i in requests)
        print(f"  {len(requests)} requests or flows × up to {rounds} rounds…", flush=True)
        for item in requests:
            for _ in range(item.warmup):
                run_once(item)
        samples = {item.name: Timing() for item in requests}
        for round_ in range(rounds):
            for item in requests:
                # A flow of sixty requests runs fewer rounds than a page, spread over them.
                if (
                    round_ % (rounds // item.repeat) == 0
                    and len(samples[item.name].samples_ms) < item.repeat
                ):
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

        from digitalees.models import User
        from digitalees.roles import AGENCY_GROUP

        self.organisation, self.admin_id = written[self.plan.target]
        self.submitter, self.submitter_id = next(
            written[i] for i in self.plan.first if i != self.plan.target
        )
        self.member = self.client_for(self.admin_id)
        self.submitter_client = self.client_for(self.submitter_id)
        staff = User.objects.create(email="agence@bench.test", first_name="Agence")
        staff.groups.add(Group.objects.get(name=AGENCY_GROUP))
        self.staff = self.client_for(staff.pk)

    def client_for(self, user_id):
        from django.test import Client

        from digitalees.models import User

        client = Client(raise_request_exception=True, HTTP_HOST=HOST)
        client.force_login(User.objects.get(pk=user_id))
        return client

    def items(self):
        from django.urls import reverse

        from bench.measure import Item

        items = [Item("bare", get(self.member, reverse("bare")))]
        for module in app_modules():
            items += module.items(self)
        for item in items:
            self.rows[item.name] = Row(item.name, item.kind)
            self.items_of[item.name] = item
        return items

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
            entry["targets"] = [{"target": t, "met": m} for m, t in self.verdicts(row, bare)]
            rows.append(entry)
        self.print_table(bare)
        self.print_diagnosis(bare)
        return {"scale": self.scale, "database": "postgresql", "rows": rows}

    def verdicts(self, row, bare) -> list[tuple[bool, str]]:
        """[(met, text)] of the targets that apply to the row: its item's own, or ≤ 3× bare
        for a page; the same queries at both volumes for every row."""
        item = self.items_of[row.name]
        verdicts = []
        ratio = row.median_ms / bare
        max_ratio = item.max_ratio
        if max_ratio is None and row.kind == "page" and row.name != "bare":
            max_ratio = PAGE_RATIO_TARGET
        if max_ratio is not None:
            verdicts.append((ratio <= max_ratio, f"{ratio:.1f}× bare (≤ {max_ratio:g}×)"))
        if item.max_ms is not None:
            verdicts.append((row.median_ms <= item.max_ms, f"median ≤ {item.max_ms:g} ms"))
        if item.max_queries is not None:
            verdicts.append((row.queries <= item.max_queries, f"≤ {item.max_queries} queries"))
        verdicts.append((row.queries == row.queries_small, "queries stable"))
        return verdicts

    def print_table(self, bare):
        print(f"\nscale {self.scale}, {self.volume} (queries_small at {self.small_volume})\n")
        header = (
            f"{'name':<25}{'median ms':>10}{'p95 ms':>9}{'sql ms':>8}{'queries':>9}"
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
                f"{row.name:<25}{row.median_ms:>10.1f}{row.p95_ms:>9.1f}"
                f"{row.detail.total_ms:>8.1f}{row.queries:>9}{row.queries_small:>7}{ratio:>8}"
                f"  {verdicts}"
            )
        print(
            "\nsql ms: time in the database driver during one counted run. Targets: pages "
            f"(GET) ≤ {PAGE_RATIO_TARGET:.0f}× bare unless they name their own; writes and "
            "flows (a user's whole course, median of its total server time) show their ratio "
            "and the targets of their item; the same queries at both volumes."
        )
        for note in self.notes:
            print(f"note: {note}")

    def print_diagnosis(self, bare):
        """Why a slow request is slow: its share of SQL, its slowest reads, explained."""
        from bench.measure import explain, is_read

        for row in self.rows.values():
            if row.kind == "operation" or all(met for met, _ in self.verdicts(row, bare)):
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


def app_modules():
    """The bench module of each installed app that has one (`bench/<app label>.py`, with
    `items(bench)`), in the order of INSTALLED_APPS; only those named in BENCH_APPS
    ("grants,coaching") when it is set, for a quicker run of one app's rows."""
    from django.apps import apps

    wanted = {label.strip() for label in os.environ.get("BENCH_APPS", "").split(",") if label}
    for config in apps.get_app_configs():
        if wanted and config.label not in wanted:
            continue
        name = f"bench.{config.label}"
        if importlib.util.find_spec(name) is not None:
            module = importlib.import_module(name)
            if hasattr(module, "items"):
                yield module


def check(response, status):
    if response.status_code != status:
        raise BenchError(f"{response.request['PATH_INFO']}: {response.status_code}, not {status}")
    return response


def get(client, url):
    return lambda: check(client.get(url), 200)
