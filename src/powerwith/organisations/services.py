"""Every change to an organisation and the people who act for it.

Organisation lines in the audit trail belong to no journey: they are written with the
organisation as their object, and its admins read them on the organisation's page."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from powerwith.common.services import audit, invalid

from . import vocab
from .access import require_organisation
from .models import Organisation, OrganisationRole


def unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _log(*, actor: Any, organisation: Organisation, action: str, summary: str) -> None:
    audit(journey=None, actor=actor, action=action, obj=organisation, summary=summary)


def _check_role(role: str) -> None:
    if role not in vocab.ROLES:
        raise invalid("role", _("Choose admin or viewer."))


def _last_admin(role: OrganisationRole) -> bool:
    # Lock the organisation's admins first, so two admins demoting each other at the same
    # moment cannot leave it with none.
    list(
        OrganisationRole.objects.select_for_update()
        .filter(organisation=role.organisation, role=vocab.ADMIN)
        .order_by("pk")
    )
    return (
        role.role == vocab.ADMIN
        and not OrganisationRole.objects.filter(organisation=role.organisation, role=vocab.ADMIN)
        .exclude(pk=role.pk)
        .exists()
    )


@transaction.atomic
def organisation_create(*, actor: Any, name: str, kind: str = "") -> Organisation:
    """Create an organisation; the person who creates it becomes its first admin."""
    if not getattr(actor, "is_authenticated", False):
        raise invalid(None, _("Sign in to add an organisation."))
    name = name.strip()
    if not name:
        raise invalid("name", _("Enter the name of the organisation."))
    if len(name) > 200:
        raise invalid("name", _("Keep the name under 200 characters."))
    if kind and kind not in vocab.KINDS:
        raise invalid("kind", _("Choose a kind of organisation from the list, or leave it empty."))
    organisation = Organisation.objects.create(
        name=name, slug=unique_slug(name), kind=kind, created_by=actor
    )
    OrganisationRole.objects.create(organisation=organisation, user=actor, role=vocab.ADMIN)
    _log(
        actor=actor,
        organisation=organisation,
        action="organisation_create",
        summary=f"Organisation added: {name}",
    )
    return organisation


@transaction.atomic
def organisation_add_member(
    *, actor: Any, organisation: Organisation, email: str, role: str
) -> OrganisationRole:
    """Give someone who already has an account a role in the organisation (admins only)."""
    require_organisation(actor, organisation, "manage")
    _check_role(role)
    email = email.strip()
    if not email:
        raise invalid("email", _("Enter the email address of the person's account."))
    user = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
    if user is None:
        raise invalid(
            "email",
            _(
                "No account uses this email address. The person needs an account first: they get "
                "one when they accept an invitation to a journey."
            ),
        )
    if OrganisationRole.objects.filter(organisation=organisation, user=user).exists():
        raise invalid("email", _("This person is already in the organisation. Change their role."))
    added = OrganisationRole.objects.create(organisation=organisation, user=user, role=role)
    _log(
        actor=actor,
        organisation=organisation,
        action="organisation_member_add",
        summary=f"{user} added as {vocab.ROLES.label(role).lower()}",
    )
    return added


@transaction.atomic
def organisation_change_role(
    *, actor: Any, role: OrganisationRole, new_role: str
) -> OrganisationRole:
    """Make someone an admin or a viewer (admins only). The last admin stays an admin."""
    require_organisation(actor, role.organisation, "manage")
    _check_role(new_role)
    role = (
        OrganisationRole.objects.select_for_update()
        .select_related("user", "organisation")
        .get(pk=role.pk)
    )
    if role.role == new_role:
        return role
    if _last_admin(role):
        raise invalid(
            "role",
            _("This is the organisation's only admin. Make someone else an admin first."),
        )
    role.role = new_role
    role.save(update_fields=["role", "updated_at"])
    _log(
        actor=actor,
        organisation=role.organisation,
        action="organisation_role_change",
        summary=f"{role.user} is now {vocab.ROLES.label(new_role).lower()}",
    )
    return role


@transaction.atomic
def organisation_remove_member(*, actor: Any, role: OrganisationRole) -> None:
    """Take someone out of the organisation (admins only). The last admin cannot be removed."""
    require_organisation(actor, role.organisation, "manage")
    role = (
        OrganisationRole.objects.select_for_update()
        .select_related("user", "organisation")
        .get(pk=role.pk)
    )
    if _last_admin(role):
        raise invalid(
            None, _("This is the organisation's only admin. Make someone else an admin first.")
        )
    who, organisation = str(role.user), role.organisation
    role.delete()
    _log(
        actor=actor,
        organisation=organisation,
        action="organisation_member_remove",
        summary=f"{who} removed",
    )
