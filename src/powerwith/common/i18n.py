"""Translation lookups without the empty English catalogues Python's ``gettext`` chains in.

For each app that ships both ``en_GB`` and ``en`` messages (Django and several of its
contrib apps), Python's ``gettext.translation`` finds both files and Django keeps the ``en``
one as a fallback of the language's translation. Those ``en`` catalogues hold nothing but
their header, yet every message that British English does not translate (nearly all of ours:
the product is written in it) walked the whole chain of six of them, each looked up twice:
about 1,000 times for a large journey's dashboard, some 3.5 ms of its rendering (bench/README.md,
"A big journey's dashboard, computed (2026-12-07, eighth session)"). Dropping them changes no
message: a catalogue with no messages can only ever pass the lookup on.
"""

from __future__ import annotations

import gettext

from django.conf import settings
from django.utils.translation import trans_real


def _empty(t: object) -> bool:
    # Exactly Python's own catalogues (not Django's, which merge the apps' messages) holding
    # no message but the header (msgid "").
    return type(t) is gettext.GNUTranslations and not any(t._catalog.keys() - {""})  # type: ignore[attr-defined]


def drop_empty_fallbacks() -> None:
    """Take the empty catalogues out of each site language's chain of fallbacks.

    Django builds each language's translation once per process and keeps it (a change of the
    translation settings, as some tests make, builds them again, with the chain: slower, never
    wrong)."""
    for code, _name in settings.LANGUAGES:
        t: gettext.NullTranslations | None = trans_real.translation(code)
        while t is not None:
            nxt = t._fallback  # type: ignore[attr-defined]
            while nxt is not None and _empty(nxt):
                nxt = nxt._fallback
            t._fallback = nxt  # type: ignore[attr-defined]
            t = nxt
