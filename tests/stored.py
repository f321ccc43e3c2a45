"""How rows lie in the database, as someone reading the database file or server would see them.

Tables with a random (UUID) primary key still have an order of storage: SQLite's hidden
``rowid`` and PostgreSQL's ``ctid`` (where the row lies in the table's file). A plain
``SELECT`` with no ``ORDER BY`` returns rows in about that order. PostgreSQL also stamps every
row with ``xmin``, the transaction that wrote it.
"""

from __future__ import annotations

from typing import Any

from django.db import connection


def _sql(model: Any, fields: tuple[str, ...], extra: str = "") -> str:
    q = connection.ops.quote_name
    columns = ", ".join(q(model._meta.get_field(f).column) for f in fields)
    return f"SELECT {columns}{extra} FROM {q(model._meta.db_table)}"


def stored(model: Any, *fields: str) -> list[tuple[Any, ...]]:
    """``fields`` of every row of ``model``'s table, in the order the rows are stored."""
    place = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"{_sql(model, fields)} ORDER BY {place}")
        return [tuple(row) for row in cursor.fetchall()]


def xmins(model: Any, *fields: str) -> list[tuple[Any, ...]]:
    """PostgreSQL only: ``fields`` and then ``xmin`` of every row of ``model``'s table."""
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(_sql(model, fields, ", xmin::text"))
        return [tuple(row) for row in cursor.fetchall()]


def fixed_points(a: list[Any], b: list[Any]) -> int:
    """How many places hold the same thing in both lists: pairing by position gets this many
    right. Two independent random orders of n things share about one."""
    return sum(1 for x, y in zip(a, b, strict=True) if x == y)
