from __future__ import annotations

from typing import Any

import pytest

from .helpers import VoteWorld, build


@pytest.fixture
def vw(world: Any) -> VoteWorld:
    return build(world)
