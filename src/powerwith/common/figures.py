"""The dashboard cache's invalidation: one generation per journey in the shared cache.

A journey's computed figures (the insights document) are cached under a key that includes the
journey's current *generation*, a random token kept in the shared cache. Every write that can
change the figures calls :func:`figures_changed`, which gives the journey a new token; readers
then look under a key nobody has filled yet, and compute afresh. Old entries are never read
again and expire by themselves.

Why a random token and not a counter: if the cache loses the generation (evicted, culled,
restarted), a counter would start again from 1 and could meet a document cached long ago under
the same number. A fresh random token never does.

When the token changes, for a write inside a transaction (every service's): at once, inside
the transaction. With the database cache (the default) the cache table is in the same
database, so the token is committed together with the write, or rolled back with it: a reader
sees the new rows and the new token at the same moment. It does not wait: if another
transaction is changing the same journey's token (PostgreSQL), this one leaves it
(``skip_busy``), so writes to a busy journey do not queue behind each other's commits and
cannot deadlock on the token. Then, and with Valkey/Redis (whose token would be visible before
the write is), the token changes again right after the commit (``transaction.on_commit``, once
per journey per transaction), before the writer's response is sent: a reader who computed from
the old rows in between stored them under a token nobody reads any more. Outside a transaction
the token changes at once.

Only this module and ``common.services.audit`` (which every service's write goes through)
call it in ``common``; writes that do not audit (the speaking-turn tally, the demo loader, the
benchmark's generator) call it themselves.

With the database cache the token is part of the writer's transaction: if the database cannot
write it (say the cache table is missing: ``migrate`` makes it), the write fails with it, as it
would for any of its rows. Otherwise a cache that fails must never break a page or a write: failures are logged and the caller
computes as if nothing were cached.
"""

from __future__ import annotations

import logging
import secrets
from typing import Any

from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, router, transaction

log = logging.getLogger(__name__)

# How long a generation and a cached document live. The generation outlives any document, so a
# document is always found under its own journey's current token or not at all.
GENERATION_SECONDS = 30 * 24 * 3600
DOCUMENT_SECONDS = 24 * 3600


EPOCH_KEY = "figures:epoch"
JOURNEY_MODEL = "journeys.Journey"  # by name: common knows no domain app
AUDIT_MODEL = "common.AuditEntry"


def _generation_key(journey_id: int) -> str:
    return f"figures:gen:{journey_id}"


def _bump(journey_id: int, *, in_transaction: bool = False) -> bool:
    """Give the journey a new token. True when it was written inside the current transaction
    of the default database (the database cache, not busy): then it commits with the write."""
    key, token = _generation_key(journey_id), secrets.token_hex(8)
    try:
        put = getattr(cache, "put", None)
        if put is None:  # Valkey/Redis, or a test's cache
            cache.set(key, token, GENERATION_SECONDS)
            return False
        # The database cache: without counting the whole table.
        done = bool(put(key, token, GENERATION_SECONDS, skip_busy=in_transaction))
        alias = router.db_for_write(getattr(cache, "cache_model_class"))  # noqa: B009
        return done and alias == DEFAULT_DB_ALIAS
    except Exception:  # the cache being down must not undo the write
        log.warning("Could not mark journey %s's figures as changed", journey_id, exc_info=True)
        return False


class _BumpAfterCommit:
    """The callback that gives a journey a new token after the commit (one per transaction:
    equal callbacks are recognised in the pending list)."""

    def __init__(self, journey_id: int) -> None:
        self.journey_id = journey_id

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _BumpAfterCommit) and other.journey_id == self.journey_id

    def __hash__(self) -> int:
        return hash(self.journey_id)

    def __call__(self) -> None:
        _bump(self.journey_id)


def figures_changed(journey: Any) -> None:
    """Mark ``journey``'s (a Journey or its id) computed figures as out of date: the next
    dashboard computes them again. Call it in the same transaction as the write."""
    journey_id = getattr(journey, "pk", journey)
    if journey_id is None:
        return
    connection = transaction.get_connection(DEFAULT_DB_ALIAS)
    if not connection.in_atomic_block:
        _bump(journey_id)
        return
    # Every time, so that a reader later in the same transaction sees its own writes too.
    if _bump(journey_id, in_transaction=True):
        return  # committed with the write, or not at all
    callback = _BumpAfterCommit(journey_id)
    if not any(pending[1] == callback for pending in connection.run_on_commit):
        transaction.on_commit(callback)


def row_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    """``post_save``/``post_delete`` of any model: a row of a journey (it has ``journey_id``),
    or a journey itself, changed outside the services too (a script, a test, the shell). Marked
    at most once per journey per transaction, so services pay nothing more."""
    label = sender._meta.label
    if label == JOURNEY_MODEL:
        figures_changed(instance.pk)
    elif label != AUDIT_MODEL:  # ``audit`` marks the journey itself
        journey_id = getattr(instance, "journey_id", None)
        if isinstance(journey_id, int):
            figures_changed(journey_id)


def everything_changed() -> None:
    """Mark every journey's cached figures out of date (after ``migrate``: a data migration
    changes rows without any service, and new code may compute differently)."""
    try:
        cache.set(EPOCH_KEY, secrets.token_hex(8), GENERATION_SECONDS)
    except Exception:
        log.warning("Could not mark all figures as changed", exc_info=True)


def generation(journey_id: int) -> str | None:
    """The journey's current generation (the site's epoch and the journey's own token, each
    made if missing), or None if the cache fails."""
    keys = [EPOCH_KEY, _generation_key(journey_id)]
    try:
        found = cache.get_many(keys)
        for key in keys:
            if key not in found:
                # ``add`` keeps a token another process made at the same moment.
                cache.add(key, secrets.token_hex(8), GENERATION_SECONDS)
                found[key] = cache.get(key)
        if any(found.get(key) is None for key in keys):
            return None  # a cache that keeps nothing (the dummy cache): no caching
        return ".".join(str(found[key]) for key in keys)
    except Exception:
        log.warning("Could not read journey %s's figures generation", journey_id, exc_info=True)
        return None


def cached_get(key: str) -> Any:
    """The cached value at ``key``, or None (also when the cache fails)."""
    try:
        return cache.get(key)
    except Exception:
        log.warning("Could not read cached figures %s", key, exc_info=True)
        return None


def cached_set(key: str, value: Any) -> None:
    """Keep ``value`` at ``key`` for a day; a failing cache is logged and ignored."""
    try:
        cache.set(key, value, DOCUMENT_SECONDS)
    except Exception:
        log.warning("Could not cache figures %s", key, exc_info=True)
