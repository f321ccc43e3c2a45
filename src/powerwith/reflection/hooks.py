"""Who may answer a round, as apps above reflection say.

Some rounds belong to something an app above reflection records: a training session's "before"
and "after" questions are for the people taking part in that session, not for everyone in the
journey. reflection must not import those apps, so each registers a check here from its
``AppConfig.ready()``::

    from powerwith.reflection import hooks
    hooks.on_who_answers("training", my_check)

A check is ``check(round, person) -> str | None``: ``None`` when the check has nothing to say
(the round is not one of its own, or the person may answer), otherwise the plain sentence that
tells the person why they cannot. ``answers_submit`` and ``answers_enter`` (for a named person)
refuse with it, and the round's page shows it instead of the questions.

An app may also say, with ``people=``, which people its check lets answer a round:
``people(round) -> set of person ids | None`` (None: not one of its rounds). Forms that choose
a person for a round (typing in paper answers) offer only those (``only_people``), in one
query per app rather than one check per person; the check still refuses anyone else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from powerwith.people.models import Person

    from .models import Round

WhoAnswers = Callable[["Round", "Person"], "str | None"]
WhoMay = Callable[["Round"], "set[int] | None"]

_CHECKS: dict[str, WhoAnswers] = {}
_PEOPLE: dict[str, WhoMay] = {}


def on_who_answers(key: str, check: WhoAnswers, *, people: WhoMay | None = None) -> None:
    """Add (or replace, so reloading an app is harmless) the check called ``key``, and the
    people it lets answer, if the app says."""
    _CHECKS[key] = check
    if people is None:
        _PEOPLE.pop(key, None)
    else:
        _PEOPLE[key] = people


def only_people(rnd: Round) -> set[int] | None:
    """The ids of the only people the checks let answer ``rnd``, or None if anyone may."""
    found: set[int] | None = None
    for people in list(_PEOPLE.values()):
        allowed = people(rnd)
        if allowed is not None:
            found = allowed if found is None else found & allowed
    return found


def refusal(rnd: Round, person: Person) -> str | None:
    """The first check's reason why ``person`` may not answer ``rnd``, or None if they may."""
    for check in list(_CHECKS.values()):
        reason = check(rnd, person)
        if reason:
            return reason
    return None
