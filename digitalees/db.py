"""Database pieces shared by the apps: a percentile aggregate that PostgreSQL computes
natively and SQLite (the development default) through a registered aggregate."""

from django.db.models import Aggregate, CharField, FloatField


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


def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("digitalees_percentile", 2, _SQLitePercentile)


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
