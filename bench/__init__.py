"""`make bench`: measure the pages and operations the issues name, on PostgreSQL, at a
realistic volume, beside a reference page (see /work/shared/BENCH.md).

    DATABASE_URL=postgres://... BENCH_SCALE=full|small python -m bench

It creates a database of its own (benchrun_<pid>_<random>), fills it reproducibly, counts
queries at a small volume, tops it up to the full volume, measures, prints a table, writes
var/bench.json and drops the database, also on error or Ctrl-C. It never fails the tests.
"""
