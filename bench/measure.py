"""Timing and query counting, the same way for every item and for the reference."""

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.test.utils import CaptureQueriesContext

WARMUP = 5
REPEAT = 50  # BENCH.md: at least 30 requests for a page

PAGE = "page"  # a GET through the test client: its target is a ratio to `bare`
WRITE = "write"  # a POST through the test client (autosave, submit): ratio shown, no target
FLOW = "flow"  # what a user does from start to end, many requests: its total time
OPERATION = "operation"  # not a request (a PDF): its own time


@dataclass
class Item:
    """One measured page, flow or operation. `call` runs it once (and checks its outcome);
    `before` prepares each run outside the timing (a fresh draft, a pending report). Its
    targets, where the issues name them: a ratio to `bare`, a number of queries, a median."""

    name: str
    call: Callable[[], object]
    before: Callable[[], object] | None = None
    kind: str = PAGE
    warmup: int = WARMUP
    repeat: int = REPEAT
    max_ratio: float | None = None
    max_queries: int | None = None
    max_ms: float | None = None

    @property
    def through_client(self) -> bool:
        return self.kind in (PAGE, WRITE, FLOW)


@dataclass
class Timing:
    samples_ms: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]  # nearest rank


@dataclass
class Queries:
    """The queries of one run: how many, and each one's SQL and time."""

    count: int
    total_ms: float  # time spent in the database driver
    run_ms: float  # time of the whole run
    queries: list[tuple[float, str]]  # (ms, sql with its values), in order


def run_once(item: Item) -> float:
    if item.before:
        item.before()
    start = time.perf_counter()
    item.call()
    return (time.perf_counter() - start) * 1000


def time_item(item: Item) -> Timing:
    for _ in range(item.warmup):
        run_once(item)
    return Timing([run_once(item) for _ in range(item.repeat)])


def count_queries(item: Item) -> Queries:
    """Queries of one warmed-up run, counted with CaptureQueriesContext and timed with an
    execute wrapper (finer than the debug log's milliseconds)."""
    run_once(item)
    if item.before:
        item.before()
    durations: list[float] = []

    def timed(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            durations.append((time.perf_counter() - start) * 1000)

    with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timed):
        start = time.perf_counter()
        item.call()
        run_ms = (time.perf_counter() - start) * 1000
    sqls = [q["sql"] for q in captured.captured_queries]
    if len(durations) != len(sqls):  # should not happen; keep the count right regardless
        durations = [float(q["time"]) * 1000 for q in captured.captured_queries]
    return Queries(
        count=len(sqls),
        total_ms=sum(durations),
        run_ms=run_ms,
        queries=list(zip(durations, sqls, strict=True)),
    )


def explain(sql: str) -> str:
    """EXPLAIN ANALYZE of one read."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql)
        return "\n".join(row[0] for row in cursor.fetchall())


def is_read(sql: str) -> bool:
    head = sql.lstrip().upper()
    return head.startswith("SELECT") and " FOR UPDATE" not in head
