"""The shared cache's default home: a table in the site's own database.

Django's database cache, with counting made atomic. Django's own ``incr`` reads the value and
writes it back with the default timeout, so two requests at once can both count from the same
number (a rate limit hit by many requests in parallel would let them all through), and a count
meant to last an hour would vanish after five minutes. Here the entry's row is locked while it
is counted (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite takes its write lock when the
transaction begins, see ``transaction_mode`` in the settings), and only its value changes.
Valkey/Redis count atomically by themselves.

``count_up(key, timeout)`` adds one to a count, making it if it is missing or expired, in one
transaction of two statements: what every rate-limited request costs.
"""

from __future__ import annotations

import base64
import datetime
import pickle
import random
from typing import Any

from django.conf import settings
from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import IntegrityError, connections, models, router, transaction
from django.utils.timezone import now as tz_now

# One new count in this many also clears out expired entries (Django does it on every ``set``
# or ``add``, after counting the whole table, but only once the table is over its maximum).
CLEAR_EXPIRED_ONE_IN = 200


class DatabaseCache(DjangoDatabaseCache):
    _table: str  # set by Django's __init__ (the table's name)

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        key = self.make_and_validate_key(key, version=version)
        found = self._count(key, delta, timeout=None)
        if found is None:
            raise ValueError(f"Key '{key}' not found")
        return found

    def decr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        return self.incr(key, -delta, version=version)

    def count_up(self, key: Any, timeout: int, version: int | None = None) -> int:
        """Add one to the count at ``key`` (made, at 1, for ``timeout`` seconds if it is
        missing or expired) and return it."""
        key = self.make_and_validate_key(key, version=version)
        for _ in range(3):
            try:
                found = self._count(key, 1, timeout=timeout)
            except IntegrityError:  # another request made it first: count on theirs
                continue
            assert found is not None  # with a timeout, a missing count is made
            return found
        raise RuntimeError(f"Could not count {key!r}")  # pragma: no cover: never seen

    def put(
        self, key: Any, value: Any, timeout: int, *, skip_busy: bool = False, version: Any = None
    ) -> bool:
        """Set ``key`` without Django's count of the whole table (``set`` counts it every time,
        to cull), in one statement when the entry exists: what every write's mark on the
        dashboard cache costs (common/figures.py). Inside a transaction it is part of it.

        With ``skip_busy``, do nothing and return False when another transaction is changing
        the same entry (PostgreSQL's ``SKIP LOCKED``) instead of waiting for it to commit.
        Returns True when this call wrote the value."""
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        q = connection.ops.quote_name
        table = q(self._table)
        tz = datetime.UTC if settings.USE_TZ else None
        ends = datetime.datetime.fromtimestamp(tz_now().timestamp() + timeout, tz=tz)
        expires = connection.ops.adapt_datetimefield_value(ends.replace(microsecond=0))
        encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
        where = f"{q('cache_key')} = %s"
        if skip_busy and connection.features.has_select_for_update_skip_locked:
            where = (
                f"{q('cache_key')} IN (SELECT {q('cache_key')} FROM {table} "
                f"WHERE {q('cache_key')} = %s FOR UPDATE SKIP LOCKED)"
            )
        with transaction.atomic(using=db, savepoint=False), connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {q('value')} = %s, {q('expires')} = %s WHERE {where}",
                [encoded, expires, key],
            )
            if cursor.rowcount:
                return True
            if skip_busy:
                cursor.execute(f"SELECT 1 FROM {table} WHERE {q('cache_key')} = %s", [key])
                if cursor.fetchone() is not None:
                    return False  # there, but being changed by another transaction
        try:
            with transaction.atomic(using=db), connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} ({q('cache_key')}, {q('value')}, {q('expires')}) "
                    "VALUES (%s, %s, %s)",
                    [key, encoded, expires],
                )
        except IntegrityError:  # made by another process at the same moment
            return False
        return True

    def _count(self, key: str, delta: int, *, timeout: int | None) -> int | None:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        q = connection.ops.quote_name
        table = q(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = tz_now()
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {q('value')}, {q('expires')} FROM {table} "
                f"WHERE {q('cache_key')} = %s{lock}",
                [key],
            )
            row = cursor.fetchone()
            live = row is not None and self._expires(row[1], connection) >= now
            if live:
                value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode()))
                count: int = value + delta
                cursor.execute(
                    f"UPDATE {table} SET {q('value')} = %s WHERE {q('cache_key')} = %s",
                    [self._encode(count), key],
                )
                return count
            if timeout is None:
                return None
            tz = datetime.UTC if settings.USE_TZ else None
            ends = datetime.datetime.fromtimestamp(now.timestamp() + timeout, tz=tz)
            expires = connection.ops.adapt_datetimefield_value(ends.replace(microsecond=0))
            if row is None:
                cursor.execute(
                    f"INSERT INTO {table} ({q('cache_key')}, {q('value')}, {q('expires')}) "
                    "VALUES (%s, %s, %s)",
                    [key, self._encode(delta), expires],
                )
            else:
                cursor.execute(
                    f"UPDATE {table} SET {q('value')} = %s, {q('expires')} = %s "
                    f"WHERE {q('cache_key')} = %s",
                    [self._encode(delta), expires, key],
                )
            if random.randrange(CLEAR_EXPIRED_ONE_IN) == 0:
                cursor.execute(
                    f"DELETE FROM {table} WHERE {q('expires')} < %s",
                    [connection.ops.adapt_datetimefield_value(now.replace(microsecond=0))],
                )
            return delta

    def _encode(self, value: int) -> str:
        return base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")

    @staticmethod
    def _expires(value: Any, connection: Any) -> datetime.datetime:
        expression = models.Expression(output_field=models.DateTimeField())
        converters = connection.ops.get_db_converters(expression)
        for converter in converters + expression.get_db_converters(connection):
            value = converter(value, expression, connection)
        result: datetime.datetime = value
        return result
