"""The empty English catalogues are taken out of each language's translation (common/i18n.py),
and every message reads as before."""

from __future__ import annotations

import gettext
from collections.abc import Iterator

from django.conf import settings
from django.test import override_settings
from django.utils import translation
from django.utils.translation import trans_real

from powerwith.common.i18n import drop_empty_fallbacks


def chain(code: str) -> Iterator[gettext.NullTranslations]:
    t: gettext.NullTranslations | None = trans_real.translation(code)
    while t is not None:
        yield t
        t = t._fallback  # type: ignore[attr-defined]


def empty(t: gettext.NullTranslations) -> bool:
    return type(t) is gettext.GNUTranslations and set(t._catalog) <= {""}  # type: ignore[attr-defined]


def test_empty_catalogues_are_dropped_and_messages_read_the_same() -> None:
    # A change of LOCALE_PATHS has Django build the translations again, as at start-up.
    with override_settings(LOCALE_PATHS=list(settings.LOCALE_PATHS)):
        assert sum(empty(t) for t in chain("en-gb")) >= 1  # what Django builds
        assert sum(empty(t) for t in chain("cy")) >= 1
        with translation.override("cy"):
            before = [translation.gettext(m) for m in ("Share of voice", "No such message here")]
        drop_empty_fallbacks()
        assert [empty(t) for t in chain("en-gb")] == [False]
        assert [type(t).__name__ for t in chain("cy")] == ["DjangoTranslation"] * 2
        with translation.override("cy"):
            assert translation.gettext("Share of voice") == "Cyfran y llais"
            assert translation.ngettext("%(n)s day", "%(n)s days", 3) % {"n": 3} == "3 diwrnod"
            after = [translation.gettext(m) for m in ("Share of voice", "No such message here")]
        with translation.override("en-gb"):
            assert translation.gettext("Share of voice") == "Share of voice"
        assert before == after == ["Cyfran y llais", "No such message here"]
