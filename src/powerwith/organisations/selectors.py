"""Reads about organisations. This app imports no domain app: what an organisation hosts or
owns (journeys, question banks) is read through those records' foreign keys to it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from powerwith.common.models import AuditEntry

from . import vocab
from .models import Organisation, OrganisationRole


def organisations_for(user: Any) -> QuerySet[Organisation]:
    """Every organisation the user has a role in."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(roles__user=user)


def administered_by(user: Any) -> QuerySet[Organisation]:
    """The organisations the user is an admin of: the ones they may choose as a journey's host."""
    if not getattr(user, "is_authenticated", False):
        return Organisation.objects.none()
    return Organisation.objects.filter(roles__user=user, roles__role=vocab.ADMIN)


def roles_of(organisation: Organisation) -> list[OrganisationRole]:
    return list(
        OrganisationRole.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("role", "user__email")
    )


def admin_count(organisation: Organisation) -> int:
    return OrganisationRole.objects.filter(organisation=organisation, role=vocab.ADMIN).count()


def sole_admin_of(user: Any) -> list[Organisation]:
    """Organisations where ``user`` is the only admin and someone else has a role: they would
    be left with no one able to look after them if this account closed."""
    mine = administered_by(user)
    other_admins = OrganisationRole.objects.filter(role=vocab.ADMIN).exclude(user=user)
    others = OrganisationRole.objects.exclude(user=user)
    return list(
        mine.exclude(pk__in=other_admins.values("organisation_id"))
        .filter(pk__in=others.values("organisation_id"))
        .order_by("name")
    )


def hosted_journeys_for(organisation: Organisation, user: Any) -> tuple[list[Any], int]:
    """The journeys this organisation hosts that ``user`` may open (they are a member), and how
    many others it hosts. Journey access is still only through a journey's own membership."""
    hosted = organisation.hosted_journeys.all()
    mine = list(hosted.filter(memberships__user=user).order_by("title"))
    return mine, hosted.count() - len(mine)


def shared_banks(organisation: Organisation) -> list[Any]:
    """The latest version of each question bank the organisation owns."""
    latest: dict[str, Any] = {}
    for bank in organisation.question_banks.order_by("key", "-version"):
        latest.setdefault(bank.key, bank)
    return sorted(latest.values(), key=lambda b: b.title.casefold())


def organisation_log(organisation: Organisation, limit: int = 30) -> list[AuditEntry]:
    """Lines written about the organisation itself (its people, its shared banks)."""
    return list(
        AuditEntry.objects.filter(
            journey__isnull=True, object_type="Organisation", object_id=organisation.pk
        )
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
