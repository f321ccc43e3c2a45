"""Small-group suppression (common/privacy.py), the one rule every app imports."""

from __future__ import annotations

from typing import Any

from powerwith.common.privacy import is_small, suppress, suppress_cells


def test_suppress_cells() -> None:
    assert suppress_cells([7, 2]) == [None, None]
    assert suppress_cells([7, 2, 9]) == [None, None, 9]
    assert suppress_cells([3, 4, 9]) == [None, None, 9]
    assert suppress_cells([0, 6, 9]) == [0, 6, 9]
    assert suppress_cells([0, 1]) == [0, None]  # nothing else to hide; n itself is then small


def test_small_groups_and_the_setting(settings: Any) -> None:
    assert [is_small(n) for n in (0, 1, 4, 5)] == [False, True, True, False]
    assert suppress("x", 4) is None and suppress("x", 5) == "x"
    settings.POWERWITH_MIN_GROUP = 10
    assert suppress_cells([9, 12, 30]) == [None, None, 30]


def test_no_app_keeps_its_own_copy() -> None:
    """One definition: no module but common/privacy.py defines suppress_cells."""
    from pathlib import Path

    import powerwith

    root = Path(powerwith.__file__).parent
    defining = sorted(
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "def suppress_cells(" in p.read_text(encoding="utf-8")
    )
    assert defining == ["common/privacy.py"]
