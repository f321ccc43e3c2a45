"""Fixed lists of the domain (roles, channels, fates, rungs, levels...) with plain-English words.

Each list is a :class:`Vocabulary` of :class:`Term` items. The code is what the database stores;
the label and explanation are what people read. The same words appear in code, pages and docs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import cast

from django.utils.translation import gettext_lazy, pgettext_lazy

# A label read in the reader's language: Django's gettext_lazy, typed as the str it stands in
# for, so the fixed lists stay lists of str for the code that reads them. Import it as ``_``
# (``from powerwith.common.vocab import lazy_text as _``): makemessages looks for ``_(...)``.
lazy_text = cast(Callable[[str], str], gettext_lazy)
# The same for a word that means two things in English ("Met": a need, a goal, a success measure),
# so each use has its own Welsh: ``lazy_text_ctx(context, text)`` is pgettext_lazy, typed as str.
# Import it as ``pgettext_lazy`` (``from powerwith.common.vocab import lazy_text_ctx as
# pgettext_lazy``): makemessages finds ``pgettext_lazy("context", "text")`` by that name.
lazy_text_ctx = cast(Callable[[str, str], str], pgettext_lazy)


@dataclass(frozen=True)
class Term:
    """One item of a list. ``label_text`` and ``explanation_text`` may be lazy translations;
    ``label`` and ``explanation`` read them as plain text in the active language, so what code
    puts in JSON, CSV or a sentence is always a ``str``."""

    code: str
    label_text: str
    explanation_text: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return str(self.label_text)

    @property
    def explanation(self) -> str:
        return str(self.explanation_text)

    def __getitem__(self, key: str) -> object:
        return self.extra[key]


class Vocabulary:
    """An ordered, immutable list of terms, usable as Django ``choices``."""

    def __init__(self, name: str, terms: list[Term]) -> None:
        self.name = name
        self._terms = list(terms)
        self._by_code = {t.code: t for t in self._terms}
        if len(self._by_code) != len(self._terms):
            raise ValueError(f"duplicate code in vocabulary {name}")

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __len__(self) -> int:
        return len(self._terms)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __getitem__(self, code: str) -> Term:
        return self._by_code[code]

    @property
    def choices(self) -> list[tuple[str, str]]:
        # Lazy labels: choices are often built when a module is imported, and must still be
        # read in each reader's language.
        return [(t.code, t.label_text) for t in self._terms]

    @property
    def codes(self) -> list[str]:
        return [t.code for t in self._terms]

    def label(self, code: str) -> str:
        term = self._by_code.get(code)
        return term.label if term else code

    def explain(self, code: str) -> str:
        term = self._by_code.get(code)
        return term.explanation if term else ""

    def max_length(self) -> int:
        return max(len(c) for c in self._by_code)
