"""A stand-in demo extension for tests: records that it was called."""

from typing import Any

CALLS: list[Any] = []


def extend(ctx: Any) -> None:
    CALLS.append(ctx)
