"""The REST API, version 1, under /api/v1/ (django-ninja; docs/api.md): the API object of
``core`` with every call registered on it. What every call does at the gate (tokens, limits,
access, the one error shape) is written in ``core``'s docstring; the calls are in ``routes/``.
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
    "prepare",
)
for _name in ROUTES:
    importlib.import_module(f"powerwith.api.routes.{_name}")

__all__ = ["api"]
