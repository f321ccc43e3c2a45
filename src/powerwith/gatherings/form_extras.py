"""Fields of the gathering's own form that apps above gatherings provide.

gatherings sits below the apps whose choices belong on its form (plans: the stage of the plan a
gathering is in), so it must not import them. Each registers a *provider* from its
``AppConfig.ready()``::

    from powerwith.gatherings import form_extras
    form_extras.register("plans", my_provider, order=10)

A provider is ``provider(access, gathering) -> Extra | None`` (``gathering`` None on the form
that records a new one; None when it has nothing to offer, for example to someone who may not
make that choice). The extra's ``save(actor, gathering, value)`` writes the cleaned value
through that app's own service; the gathering's page runs every save in the same transaction
as the gathering's service (``save_with_extras``), so a refused value saves nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction

from powerwith.common.access import Access

from .models import Gathering


@dataclass(frozen=True)
class Extra:
    name: str  # the form field's name; it must not be one of the gathering form's own
    field: forms.Field
    initial: object
    save: Callable[[Any, Gathering, Any], None]


Provider = Callable[[Access, "Gathering | None"], "Extra | None"]

_PROVIDERS: dict[str, tuple[int, Provider]] = {}


def register(key: str, provider: Provider, *, order: int) -> None:
    """Add (or replace, so reloading an app is harmless) the provider called ``key``."""
    _PROVIDERS[key] = (order, provider)


def unregister(key: str) -> None:
    _PROVIDERS.pop(key, None)


def extras(access: Access, gathering: Gathering | None) -> list[Extra]:
    """Every registered app's extra field for this form, in the providers' order."""
    out = []
    for _, (_, provider) in sorted(_PROVIDERS.items(), key=lambda kv: (kv[1][0], kv[0])):
        extra = provider(access, gathering)
        if extra is not None:
            out.append(extra)
    return out


def add_to(form: forms.Form, found: list[Extra]) -> None:
    """Put the extras' fields at the end of ``form``, each with its initial value."""
    for extra in found:
        if extra.name in form.fields:
            raise ValueError(f"The gathering form already has a field called {extra.name!r}.")
        form.fields[extra.name] = extra.field
        form.initial.setdefault(extra.name, extra.initial)


@transaction.atomic
def save_with_extras(
    save_gathering: Callable[[dict[str, Any]], Gathering],
    *,
    actor: Any,
    cleaned: dict[str, Any],
    found: list[Extra],
) -> Gathering:
    """Run the gathering's service with its own fields, then each extra's save, all in one
    transaction: a ValidationError from any of them undoes everything. An extra's errors are
    put under its own field's name, whatever name its service gave them."""
    names = {e.name for e in found}
    gathering = save_gathering({k: v for k, v in cleaned.items() if k not in names})
    for extra in found:
        try:
            extra.save(actor, gathering, cleaned.get(extra.name))
        except ValidationError as exc:
            raise ValidationError({extra.name: exc.messages}) from exc
    return gathering
