"""Database pieces shared by the apps: a percentile aggregate and an accent-stripping
function that PostgreSQL computes natively and SQLite (the development default) through
registered functions, and a bulk insert for the services' bulk variants."""

import unicodedata

from django.db import connection
from django.db.models import Aggregate, CharField, FloatField, Func


class Percentile(Aggregate):
    """Continuous percentile (linear interpolation), like PostgreSQL's percentile_cont."""

    function = "PERCENTILE_CONT"
    name = "Percentile"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, fraction: float, **extra):
        if not 0 <= fraction <= 1:
            raise ValueError("fraction must be between 0 and 1")
        super().__init__(expression, fraction=repr(float(fraction)), **extra)

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="digitalees_percentile",
            template="%(function)s(%(expressions)s, %(fraction)s)",
            **extra_context,
        )


def interpolated_percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    position = fraction * (len(values) - 1)
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


class _SQLitePercentile:
    def __init__(self):
        self.values, self.fraction = [], 0.5

    def step(self, value, fraction):
        if value is not None:
            self.values.append(value)
            self.fraction = fraction

    def finalize(self):
        return interpolated_percentile(self.values, self.fraction)


def fold(text: str) -> str:
    """The text without accents, in lower case ("Énergie" -> "energie"): what a search
    compares, in Python as in the database (`Unaccent`, then `Lower`)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _unaccent(value):
    if value is None:
        return None
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Unaccent(Func):
    """The text without its accents: PostgreSQL's unaccent extension (created by a
    migration), on SQLite a registered function that strips them in Python."""

    function = "UNACCENT"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="digitalees_unaccent", **extra_context)


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("digitalees_percentile", 2, _SQLitePercentile)
        connection.connection.create_function(
            "digitalees_unaccent", 1, _unaccent, deterministic=True
        )


def insert_rows(model, rows: list[dict], *, batch_size: int = 2000) -> list[int]:
    """Insert many small rows ({attname: value}, all with the same keys) and return their
    ids in order. PostgreSQL takes them through COPY, ids drawn from the table's sequence
    beforehand (so that answers know their ids for their choices): several times faster
    than INSERT at the bench's volumes. Elsewhere, bulk_create. COPY keeps every value as
    given (auto_now fields included) and runs no field conversion: plain values only."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        objects = model.objects.bulk_create([model(**row) for row in rows], batch_size=batch_size)
        return [o.pk for o in objects]
    table = model._meta.db_table
    columns = {f.attname: f.column for f in model._meta.concrete_fields}
    names = list(rows[0])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [table, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        fields = ", ".join(f'"{columns[n]}"' for n in ["id", *names])
        with cursor.cursor.copy(f'COPY "{table}" ({fields}) FROM STDIN') as copy:
            for pk, row in zip(ids, rows, strict=True):
                copy.write_row((pk, *row.values()))
    return ids


class IdList(Aggregate):
    """The ids of a group as one comma-separated string ("3,7,12"), so that a subquery can
    bring a row's related ids along with the row itself, in the same query."""

    function = "STRING_AGG"
    name = "IdList"
    template = "%(function)s(CAST(%(expressions)s AS text), ',')"
    output_field = CharField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="GROUP_CONCAT",
            template="%(function)s(%(expressions)s, ',')",
            **extra_context,
        )


def parse_id_list(value: str | None) -> list[int]:
    return [int(part) for part in value.split(",")] if value else []
