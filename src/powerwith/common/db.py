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
