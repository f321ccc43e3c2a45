"""Small database expressions that Django does not provide, for both SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from django.db.models import Func, IntegerField


class DaysBetween(Func):
    """Whole days from the first date to the second (``later - earlier``), computed by the
    database: date subtraction on PostgreSQL, ``julianday`` on SQLite (Django's generic date
    difference calls back into Python for every row there)."""

    arity = 2
    output_field = IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def __init__(self, later: Any, earlier: Any, **extra: Any) -> None:
        super().__init__(later, earlier, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def refresh_statistics(*models: Any) -> None:
    """After a bulk load, have PostgreSQL look at the tables again (``ANALYZE``), so that the
    next reads are planned for the rows that are there now, not for the empty tables it last
    saw. Without it, a read joining tens of thousands of fresh rows can be planned as a loop
    that scans one table once per row of the other (seen: 8 to 24 s for a 50,000-vote
    round's votes, instead of a few tens of ms) until autovacuum gets round to the tables.
    ``ANALYZE`` is allowed inside a transaction and samples the rows that transaction wrote.
    SQLite needs nothing: its planner does not rely on such counts for these reads."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cur:
        for model in models:
            cur.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
