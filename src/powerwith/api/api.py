"""The REST API, version 1, under /api/v1/ (django-ninja; docs/api.md).

Every call carries a personal access token (``Authorization: Bearer pw_…``), is counted by
``common.ratelimit.ApiThrottle``, and reaches a journey only through ``common.access`` (the
same gate and the same rules as the pages: someone who is not a member gets 404, a role too
low for a change gets 403). A token limited to some journeys answers for any other journey
exactly as for one its owner is not in (404). Reads show what the journey's pages show a
member; every write goes through the service the page uses (``<app>.services``), with its
checks and its log line, as the token's owner. Errors are JSON in one shape,
``{"detail": "...", "errors": {field: [messages]}}`` (``errors`` empty except on 400).
"""

from __future__ import annotations

import importlib

from powerwith.api.core import api

# Each module registers its calls on ``api`` when imported, in this order: the order of the
# operations in the OpenAPI document and on the docs page.
ROUTES = (
    "journeys",
    "gatherings",
    "contributions",
    "votes",
    "statements",
    "reflection",
    "figures",
    "manage",
    "records",
)
for _name in ROUTES:
    importlib.import_module(f"powerwith.api.routes.{_name}")

__all__ = ["api"]
