"""Every change to a journey, its agreement (definition, values, limits) and its members."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import dateformat, timezone
from django.utils.crypto import constant_time_compare
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerwith.common.access import require
from powerwith.common.services import audit, invalid
from powerwith.organisations.access import is_admin
from powerwith.organisations.models import Organisation
from powerwith.organisations.selectors import sole_admin_of

from . import hooks, vocab
from .models import (
    DefinitionVersion,
    Invitation,
    Journey,
    JourneyValue,
    Limit,
    Membership,
    token_hash,
)

INVITATION_DAYS = 14


def _unique_slug(title: str) -> str:
    base = slugify(title)[:50] or "journey"
    slug, n = base, 2
    while Journey.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


HOST_NOT_YOURS = gettext_lazy(
    "Choose an organisation you are an admin of, or no host organisation."
)


def _check_host(actor: Any, host: Organisation | None, current: Organisation | None = None) -> None:
    """Only an organisation's admins may make it a journey's host: its journeys share its
    question banks. A journey may keep the host it has."""
    if host is None or (current is not None and host.pk == current.pk):
        return
    if not is_admin(actor, host):
        raise invalid("host", str(HOST_NOT_YOURS))


def _check_agreement(stages: list[str], level: str) -> None:
    bad = [s for s in stages if s not in vocab.STAGES]
    if bad:
        raise invalid("stages", _("Choose stages from the list."))
    if level and level not in vocab.LEVELS:
        raise invalid("level", _("Choose community, service or policy."))


@transaction.atomic
def journey_create(
    *,
    actor: Any,
    title: str,
    purpose: str = "",
    host: Organisation | None = None,
    stages: list[str] | None = None,
    level: str = "",
    started_on: datetime.date | None = None,
    slug: str | None = None,
) -> Journey:
    """Create a journey; its creator becomes its first facilitator. ``host`` must be an
    organisation the creator is an admin of."""
    if not getattr(actor, "is_authenticated", False):
        raise invalid(None, _("Sign in to create a journey."))
    _check_host(actor, host)
    title = title.strip()
    if not title:
        raise invalid("title", _("Enter a name for the journey."))
    stages = list(dict.fromkeys(stages or []))
    _check_agreement(stages, level)
    if slug:
        slug = slugify(slug)
        if Journey.objects.filter(slug=slug).exists():
            raise invalid("slug", _("That short name is taken."))
    journey = Journey.objects.create(
        slug=slug or _unique_slug(title),
        title=title,
        purpose=purpose.strip(),
        host=host,
        stages=stages,
        level=level,
        started_on=started_on or timezone.localdate(),
        created_by=actor,
    )
    Membership.objects.create(journey=journey, user=actor, role=vocab.FACILITATOR)
    audit(journey=journey, actor=actor, action="journey_create", obj=journey, summary=title)
    if journey.purpose:
        hooks.purpose_changed(
            journey=journey, actor=actor, text=journey.purpose, on=journey.started_on
        )
    return journey


@transaction.atomic
def journey_update(
    *,
    actor: Any,
    journey: Journey,
    title: str,
    purpose: str,
    host: Organisation | None,
    stages: list[str],
    level: str,
    started_on: datetime.date | None,
    ended_on: datetime.date | None,
    public_you_said: bool,
) -> Journey:
    """Change what the group agreed about itself (purpose, stages, level), its host
    organisation (one its admins chose: the new one must be the actor's) and sharing."""
    require(actor, journey, "manage")
    _check_host(actor, host, journey.host)
    title = title.strip()
    if not title:
        raise invalid("title", _("Enter a name for the journey."))
    stages = list(dict.fromkeys(stages))
    _check_agreement(stages, level)
    if started_on and ended_on and ended_on < started_on:
        raise invalid("ended_on", _("The end date must be on or after the start date."))
    host_changed = journey.host_id != (host.pk if host else None)
    purpose_changed = journey.purpose != purpose.strip()
    journey.title, journey.purpose, journey.host = title, purpose.strip(), host
    journey.stages, journey.level = stages, level
    journey.started_on, journey.ended_on, journey.public_you_said = (
        started_on,
        ended_on,
        public_you_said,
    )
    journey.save()
    summary = title
    if host_changed:
        summary += f"; hosted by {host.name}" if host else "; no host organisation now"
    audit(journey=journey, actor=actor, action="journey_update", obj=journey, summary=summary)
    if purpose_changed and journey.purpose:
        # Apps above keep the purpose's history (groundrules: each wording, when agreed).
        hooks.purpose_changed(journey=journey, actor=actor, text=journey.purpose, on=None)
    return journey


@transaction.atomic
def definition_add(
    *, actor: Any, journey: Journey, text: str, agreed_on: datetime.date
) -> DefinitionVersion:
    """Record a new version of the group's definition of co-production. Earlier ones are kept."""
    require(actor, journey, "manage")
    text = text.strip()
    if not text:
        raise invalid("text", _("Write the definition the group agreed."))
    latest = journey.definitions.first()
    if latest is not None and latest.text == text:
        raise invalid(
            "text",
            _("This is the same as the current definition. Change the text to add a new version."),
        )
    version = DefinitionVersion.objects.create(
        journey=journey, text=text, agreed_on=agreed_on, recorded_by=actor
    )
    audit(journey=journey, actor=actor, action="definition_add", obj=version, summary=text[:200])
    return version


@transaction.atomic
def value_add(
    *,
    actor: Any,
    journey: Journey,
    code: str = "",
    name: str = "",
    meaning: str = "",
    chosen_on: datetime.date | None = None,
) -> JourneyValue:
    """Add a value the group chose: one from the list (``code``) or its own (``name``)."""
    require(actor, journey, "manage")
    if code:
        if code not in vocab.VALUES:
            raise invalid("code", _("Choose a value from the list, or write your own."))
        name = name.strip() or vocab.VALUES.label(code)
        meaning = meaning.strip() or vocab.VALUES.explain(code)
    name = name.strip()
    if not name:
        raise invalid("name", _("Choose a value from the list, or write your own."))
    if JourneyValue.objects.filter(journey=journey, name__iexact=name).exists():
        raise invalid("name", _("The group has already chosen “%(name)s”.") % {"name": name})
    value = JourneyValue.objects.create(
        journey=journey,
        code=code,
        name=name,
        meaning=meaning.strip(),
        chosen_on=chosen_on or timezone.localdate(),
    )
    audit(journey=journey, actor=actor, action="value_add", obj=value, summary=name)
    return value


@transaction.atomic
def value_remove(*, actor: Any, value: JourneyValue) -> None:
    require(actor, value.journey, "manage")
    audit(journey=value.journey, actor=actor, action="value_remove", obj=value, summary=value.name)
    value.delete()


def _check_limit(text: str, set_by: str, why: str, table: str) -> tuple[str, str]:
    text, why = text.strip(), why.strip()
    if not text:
        raise invalid("text", _("Say what is on or off the table."))
    if table not in vocab.TABLE_SIDES:
        raise invalid("table", _("Say whether this is on the table or not."))
    if set_by not in vocab.LIMIT_SETTERS:
        raise invalid(
            "set_by", _("Say who set this: the funder, the law, the organisation or the group.")
        )
    if not why:
        raise invalid("why", _("Explain why. People find unexplained limits frustrating."))
    return text, why


@transaction.atomic
def limit_add(
    *,
    actor: Any,
    journey: Journey,
    text: str,
    set_by: str,
    why: str,
    table: str = vocab.OFF_TABLE,
    disclosed_on: datetime.date | None = None,
) -> Limit:
    """Record something on or off the table, who set it and why."""
    require(actor, journey, "manage")
    text, why = _check_limit(text, set_by, why, table)
    limit = Limit.objects.create(
        journey=journey,
        text=text,
        set_by=set_by,
        why=why,
        table=table,
        disclosed_on=disclosed_on,
        shared_by=actor if disclosed_on is not None else None,
        recorded_by=actor,
    )
    audit(journey=journey, actor=actor, action="limit_add", obj=limit, summary=text)
    return limit


@transaction.atomic
def limit_update(
    *,
    actor: Any,
    limit: Limit,
    text: str,
    set_by: str,
    why: str,
    table: str,
    disclosed_on: datetime.date | None,
    withdrawn_on: datetime.date | None,
) -> Limit:
    require(actor, limit.journey, "manage")
    text, why = _check_limit(text, set_by, why, table)
    limit.text, limit.set_by, limit.why, limit.table = text, set_by, why, table
    if disclosed_on is None:
        limit.shared_by = None
    elif disclosed_on != limit.disclosed_on:
        limit.shared_by = actor
    limit.disclosed_on, limit.withdrawn_on = disclosed_on, withdrawn_on
    limit.save()
    audit(journey=limit.journey, actor=actor, action="limit_update", obj=limit, summary=text)
    return limit


@transaction.atomic
def limit_share(*, actor: Any, limit: Limit, on: datetime.date | None = None) -> Limit:
    """Record that a limit has been shared with the whole group (today, unless ``on`` says
    when), and by whom. Until then members and observers do not see it."""
    require(actor, limit.journey, "manage")
    limit = Limit.objects.select_for_update().get(pk=limit.pk)
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise invalid("disclosed_on", _("The date it was shared cannot be in the future."))
    if limit.disclosed_on is not None and limit.disclosed_on <= today:
        raise invalid(
            None,
            _("This was already shared with the group on %(date)s.")
            % {"date": dateformat.format(limit.disclosed_on, "d F Y")},
        )
    limit.disclosed_on, limit.shared_by = on, actor
    limit.save(update_fields=["disclosed_on", "shared_by", "updated_at"])
    audit(
        journey=limit.journey,
        actor=actor,
        action="limit_share",
        obj=limit,
        summary=f"Shared with the group: {limit.text}",
    )
    return limit


@transaction.atomic
def _new_link(inv: Invitation) -> None:
    """A new random token for the invitation's link, valid ``INVITATION_DAYS`` from now: its
    hash to store, and the token itself on ``inv.token`` for the link, now (never stored)."""
    token = secrets.token_urlsafe(32)
    inv.token_hash = token_hash(token)
    inv.expires_at = timezone.now() + datetime.timedelta(days=INVITATION_DAYS)
    inv.token = token


def invitation_create(
    *, actor: Any, journey: Journey, email: str, role: str, person: Any = None
) -> Invitation:
    """Invite someone by email to join with a role. Returns the invitation; its link is shown
    to the facilitator to pass on (and sent by email where email is set up)."""
    require(actor, journey, "manage")
    email = email.strip().lower()
    if "@" not in email:
        raise invalid("email", _("Enter an email address, like name@example.org."))
    if role not in vocab.MEMBERSHIP_ROLES:
        raise invalid("role", _("Choose facilitator, member or observer."))
    if Membership.objects.filter(journey=journey, user__email__iexact=email).exists():
        raise invalid("email", _("This person is already a member of the journey."))
    if person is not None and person.journey_id != journey.pk:
        raise invalid("person", _("Choose a person from this journey."))
    inv = Invitation(journey=journey, email=email, role=role, person=person, invited_by=actor)
    _new_link(inv)
    inv.save()
    audit(
        journey=journey,
        actor=actor,
        action="invitation_create",
        obj=inv,
        summary=f"{email} as {role}",
    )
    return inv


def _open_invitation(actor: Any, invitation: Invitation) -> None:
    """Checks before a change to an invitation, inside the change's transaction: the row is
    read again and locked, as accepting it does (``invitation_accept``), so someone joining at
    the same moment either comes first (then this refuses) or waits for the change."""
    require(actor, invitation.journey, "manage")
    current = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if current is None:
        raise invalid(None, _("That invitation has already been taken back."))
    if current.accepted_at is not None:
        raise invalid(None, _("This invitation has already been used: there is nothing to change."))


@transaction.atomic
def invitation_renew(*, actor: Any, invitation: Invitation) -> Invitation:
    """A new link for an invitation not yet used, valid for another ``INVITATION_DAYS`` from
    now; the old link stops working. The link itself is never stored (only its hash), so a lost
    one cannot be shown again: this is how a facilitator gets one to pass on."""
    _open_invitation(actor, invitation)
    _new_link(invitation)
    invitation.save(update_fields=["token_hash", "expires_at", "updated_at"])
    audit(
        journey=invitation.journey,
        actor=actor,
        action="invitation_renew",
        obj=invitation,
        summary=invitation.email,
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, actor: Any, invitation: Invitation) -> None:
    """Take back an invitation not yet used: its link stops working and it leaves the list."""
    _open_invitation(actor, invitation)
    audit(
        journey=invitation.journey,
        actor=actor,
        action="invitation_withdraw",
        obj=invitation,
        summary=invitation.email,
    )
    invitation.delete()


def invitation_for(token: str, *, lock: bool = False) -> Invitation | None:
    """The invitation a link's token opens, or None. Found by the token's hash; the stored
    hash is then compared in constant time."""
    wanted = token_hash(token)
    found = (
        Invitation.objects.select_for_update()
        if lock
        else Invitation.objects.select_related("journey")
    )
    inv = found.filter(token_hash=wanted).first()
    if inv is None or not constant_time_compare(inv.token_hash, wanted):
        return None
    return inv


def invitation_closed_reason(inv: Invitation) -> str | None:
    """Why an invitation can no longer be used (said to whoever opens its link), or None."""
    if inv.accepted_at is not None:
        return _("This invitation has already been used. Ask the facilitator for a new one.")
    if inv.expires_at < timezone.now():
        return _("This invitation has expired. Ask the facilitator for a new one.")
    return None


@transaction.atomic
def invitation_accept(*, user: Any, token: str) -> Membership:
    """Join the journey an invitation is for. Accepting twice is harmless."""
    inv = invitation_for(token, lock=True)
    if inv is None:
        raise invalid(
            None, _("This invitation link is not valid. Ask the facilitator for a new one.")
        )
    existing = Membership.objects.filter(journey=inv.journey, user=user).first()
    if existing is not None:
        return existing
    closed = invitation_closed_reason(inv)
    if closed:
        raise invalid(None, closed)
    try:
        membership = Membership.objects.create(
            journey=inv.journey, user=user, role=inv.role, person=inv.person
        )
    except IntegrityError as exc:  # pragma: no cover - guarded above
        raise invalid(None, _("You are already a member of this journey.")) from exc
    if inv.person is not None and inv.person.user_id is None:
        inv.person.user = user
        inv.person.save(update_fields=["user"])
    inv.accepted_by, inv.accepted_at = user, timezone.now()
    inv.save(update_fields=["accepted_by", "accepted_at"])
    audit(
        journey=inv.journey,
        actor=user,
        action="invitation_accept",
        obj=membership,
        summary=inv.email,
    )
    return membership


@transaction.atomic
def membership_add(
    *, actor: Any, journey: Journey, user: Any, role: str, person: Any = None
) -> Membership:
    """Give an existing account access to the journey (used by the demo and by admins)."""
    require(actor, journey, "manage")
    if role not in vocab.MEMBERSHIP_ROLES:
        raise invalid("role", _("Choose facilitator, member or observer."))
    membership, _created = Membership.objects.update_or_create(
        journey=journey, user=user, defaults={"role": role, "person": person}
    )
    audit(
        journey=journey,
        actor=actor,
        action="membership_add",
        obj=membership,
        summary=f"{user} as {role}",
    )
    return membership


ONE_FACILITATOR = gettext_lazy(
    "A journey needs at least one facilitator. Make someone else facilitator first."
)


def _sole_facilitator(membership: Membership) -> bool:
    """Whether this is the journey's only facilitator (who cannot step down, be removed, or
    close their account: the group would lose the only person able to manage its record)."""
    return (
        membership.role == vocab.FACILITATOR
        and not Membership.objects.filter(journey_id=membership.journey_id, role=vocab.FACILITATOR)
        .exclude(pk=membership.pk)
        .exists()
    )


@transaction.atomic
def membership_set_role(*, actor: Any, membership: Membership, role: str) -> Membership:
    """Change someone's access. The last facilitator cannot step down."""
    require(actor, membership.journey, "manage")
    if role not in vocab.MEMBERSHIP_ROLES:
        raise invalid("role", _("Choose facilitator, member or observer."))
    if role != vocab.FACILITATOR and _sole_facilitator(membership):
        raise invalid("role", str(ONE_FACILITATOR))
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    audit(
        journey=membership.journey,
        actor=actor,
        action="membership_set_role",
        obj=membership,
        summary=role,
    )
    return membership


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership) -> None:
    require(actor, membership.journey, "manage")
    if _sole_facilitator(membership):
        raise invalid(None, str(ONE_FACILITATOR))
    audit(
        journey=membership.journey,
        actor=actor,
        action="membership_remove",
        obj=membership,
        summary=str(membership.user),
    )
    membership.delete()


def user_create(*, email: str, password: str, display_name: str = "") -> Any:
    """Create an account (sign-up through an invitation, the demo, tests)."""
    User = get_user_model()
    email = email.strip().lower()
    if User.objects.filter(username=email).exists():
        raise invalid(
            "email", _("There is already an account with this email address. Sign in instead.")
        )
    return User.objects.create_user(
        username=email, email=email, password=password, first_name=display_name.strip()
    )


def account_close_blockers(user: Any) -> list[Journey]:
    """The journeys this account is the only facilitator of: it cannot close while any are
    left, or a group would lose the only person able to manage its record."""
    facilitating = Membership.objects.filter(user=user, role=vocab.FACILITATOR)
    sole = [m.journey for m in facilitating.select_related("journey") if _sole_facilitator(m)]
    return sorted(sole, key=lambda j: j.title)


@transaction.atomic
def account_close(*, user: Any, password: str) -> int:
    """Close someone's own account, at their request: their access to every journey ends and
    the account is deleted. What they recorded stays in each group's record, no longer saying
    who typed it in; their entry in a journey's register of people (if any) is the group's,
    and stays until a facilitator changes it. Returns how many journeys they were part of."""
    if not user.is_authenticated or not user.check_password(password):
        raise invalid("password", _("That is not your password. Check it and try again."))
    sole = account_close_blockers(user)
    if sole:
        names = ", ".join(f"“{j.title}”" for j in sole)
        raise invalid(
            None,
            _(
                "You are the only facilitator of %(names)s. Make someone else facilitator there "
                "first, so the group can still look after its record."
            )
            % {"names": names},
        )
    orgs = sole_admin_of(user)
    if orgs:
        names = ", ".join(f"“{o.name}”" for o in orgs)
        raise invalid(
            None,
            _(
                "You are the only admin of %(names)s. Make someone else an admin there first, so "
                "the organisation can still be looked after."
            )
            % {"names": names},
        )
    memberships = list(Membership.objects.filter(user=user).select_related("journey"))
    for m in memberships:
        audit(
            journey=m.journey,
            actor=None,
            action="account_close",
            summary=f"An account closed; its access here was: {m.get_role_display().lower()}",
        )
    user.delete()
    return len(memberships)
