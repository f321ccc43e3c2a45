"""Every change to inclusion records: profiles, reference populations, recruitment, support
needs, assets and the reciprocity ledger.

Profiles are the most private thing PowerWith keeps. A person fills in and erases their own
(signed in, linked to their entry in the register); a facilitator may do it on their behalf, or
open it, only by giving a reason, which goes into the audit trail. The audit trail never holds
the answers themselves. Erasing deletes the row.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from powerwith.common.access import require
from powerwith.common.services import audit, invalid, user_or_none
from powerwith.gatherings.models import Gathering
from powerwith.journeys.models import Journey
from powerwith.people.models import Organisation, Person

from . import csvimport, vocab
from .models import (
    Asset,
    AssetGap,
    ExpenseClaim,
    NeedCheck,
    Payment,
    Profile,
    RecruitmentAction,
    ReferencePopulation,
    ReferenceShare,
    SupportNeed,
    Task,
    TimeGiven,
    Training,
)
from .selectors import is_self, paid_on

MAX_PENCE = 10_000_000  # £100,000: a typing slip, not a claim


def _today() -> datetime.date:
    return timezone.localdate()


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


# Asked of a facilitator who opens or changes someone's profile: one whole sentence for each.
WHY = {
    "changing the profile": gettext_lazy(
        "Say why you are changing the profile for this person. It is kept in the log."
    ),
    "erasing the profile": gettext_lazy(
        "Say why you are erasing the profile for this person. It is kept in the log."
    ),
}


def _self_or_manage(actor: Any, person: Person, reason: str, doing: str) -> bool:
    """The person themselves (any access to the journey), or a facilitator giving a reason.
    Returns True when the actor is the person."""
    if is_self(actor, person):
        require(actor, person.journey, "view")
        return True
    require(actor, person.journey, "manage")
    if not reason.strip():
        raise invalid("reason", str(WHY[doing]))
    if len(reason) > 500:
        raise invalid("reason", _("Keep the reason under 500 characters."))
    return False


def _self_or_record(actor: Any, person: Person) -> None:
    if is_self(actor, person):
        require(actor, person.journey, "view")
    else:
        require(actor, person.journey, "record")


# --- Profiles ----------------------------------------------------------------------------------


@transaction.atomic
def profile_save(
    *,
    actor: Any,
    person: Person,
    answers: dict[str, str],
    consent: bool,
    ethnicity_text: str = "",
    first_language_text: str = "",
    consent_channel: str = "",
    consent_given_on: datetime.date | None = None,
    reason: str = "",
) -> Profile:
    """Save a person's profile with their consent. The person does it themselves, or a
    facilitator does it on their behalf, saying how the person agreed (channel, date) and why."""
    own = _self_or_manage(actor, person, reason, "changing the profile")
    if not consent:
        raise invalid(
            "consent",
            _("Tick the box to say you agree to us keeping these answers.")
            if own
            else _("Tick the box to confirm the person agreed to us keeping these answers."),
        )
    if own:
        consent_channel, consent_given_on = vocab.SELF_ONLINE, _today()
    else:
        if consent_channel not in vocab.CONSENT_CHANNELS or consent_channel == vocab.SELF_ONLINE:
            raise invalid("consent_channel", _("Choose how the person told you they agree."))
        if consent_given_on is None:
            raise invalid("consent_given_on", _("Enter the date the person agreed."))
        if consent_given_on > _today():
            raise invalid("consent_given_on", _("The date they agreed cannot be in the future."))
    clean: dict[str, str] = {}
    for term in vocab.CHARACTERISTICS:
        value = (answers.get(term.code) or "").strip()
        if value and value not in vocab.categories(term.code):
            raise invalid(
                term.code,
                _("Choose an answer for “%(question)s” from the list.") % {"question": term.label},
            )
        clean[term.code] = value
    ethnicity_text, first_language_text = ethnicity_text.strip(), first_language_text.strip()
    if len(ethnicity_text) > 120:
        raise invalid("ethnicity_text", _("Keep this under 120 characters."))
    if len(first_language_text) > 80:
        raise invalid("first_language_text", _("Keep this under 80 characters."))
    profile, _created = Profile.objects.update_or_create(
        person=person,
        defaults={
            "journey": person.journey,
            "consent_given_on": consent_given_on,
            "consent_channel": consent_channel,
            "consent_recorded_by": user_or_none(actor),
            "ethnicity_text": ethnicity_text,
            "first_language_text": first_language_text,
            **clean,
        },
    )
    audit(
        journey=person.journey,
        actor=actor,
        action="profile_save",
        obj=profile,
        on_behalf_of=person,
        channel=consent_channel,
        summary=(
            "Profile saved by the person themselves."
            if own
            else f"Profile saved on their behalf. Reason: {reason.strip()}"
        ),
    )
    return profile


@transaction.atomic
def profile_erase(*, actor: Any, person: Person, reason: str = "") -> bool:
    """Delete a person's profile and consent outright. Returns False if there was none."""
    own = _self_or_manage(actor, person, reason, "erasing the profile")
    deleted, _count = Profile.objects.filter(person=person).delete()
    audit(
        journey=person.journey,
        actor=actor,
        action="profile_erase",
        on_behalf_of=person,
        summary=(
            "Profile erased by the person themselves."
            if own
            else f"Profile erased on their behalf. Reason: {reason.strip()}"
        ),
    )
    return bool(deleted)


@transaction.atomic
def profile_open(*, actor: Any, person: Person, reason: str) -> Profile | None:
    """A facilitator opens someone's profile. The reason is written to the audit trail."""
    require(actor, person.journey, "manage")
    reason = reason.strip()
    if not reason:
        raise invalid("reason", _("Say why you need to see this profile. It is kept in the log."))
    if len(reason) > 500:
        raise invalid("reason", _("Keep the reason under 500 characters."))
    audit(
        journey=person.journey,
        actor=actor,
        action="profile_view",
        on_behalf_of=person,
        summary=f"Opened the profile. Reason: {reason}",
    )
    return Profile.objects.filter(person=person).first()


# --- Reference populations ---------------------------------------------------------------------


def _check_population(journey: Journey, name: str, source: str, compare_with: str, pk: Any) -> None:
    if not name:
        raise invalid("name", _("Enter a name, like “People living in the borough”."))
    if len(name) > 200:
        raise invalid("name", _("Keep the name under 200 characters."))
    if not source:
        raise invalid(
            "source", _("Say where the figures come from, like “Census 2021, table TS001”.")
        )
    if len(source) > 500:
        raise invalid("source", _("Keep the source under 500 characters."))
    if compare_with not in vocab.COMPARE_WITH:
        raise invalid("compare_with", _("Choose who to compare these figures with."))
    if (
        ReferencePopulation.objects.filter(journey=journey, name__iexact=name)
        .exclude(pk=pk)
        .exists()
    ):
        raise invalid(
            "name", _("There is already a reference population called “%(name)s”.") % {"name": name}
        )


@transaction.atomic
def reference_create(
    *,
    actor: Any,
    journey: Journey,
    name: str,
    source: str,
    compare_with: str = vocab.COMPARE_LIVED,
) -> ReferencePopulation:
    require(actor, journey, "manage")
    name, source = name.strip(), source.strip()
    _check_population(journey, name, source, compare_with, None)
    population = ReferencePopulation.objects.create(
        journey=journey,
        name=name,
        source=source,
        compare_with=compare_with,
        created_by=user_or_none(actor),
    )
    audit(journey=journey, actor=actor, action="reference_create", obj=population, summary=name)
    return population


@transaction.atomic
def reference_update(
    *, actor: Any, population: ReferencePopulation, name: str, source: str, compare_with: str
) -> ReferencePopulation:
    require(actor, population.journey, "manage")
    name, source = name.strip(), source.strip()
    _check_population(population.journey, name, source, compare_with, population.pk)
    population.name, population.source, population.compare_with = name, source, compare_with
    population.save()
    audit(
        journey=population.journey,
        actor=actor,
        action="reference_update",
        obj=population,
        summary=name,
    )
    return population


def share_field(characteristic: str, category: str) -> str:
    return f"{characteristic}__{category}"


@transaction.atomic
def reference_set_shares(
    *,
    actor: Any,
    population: ReferencePopulation,
    shares: dict[tuple[str, str], Decimal | None],
) -> list[str]:
    """Replace the population's shares (per cent; None leaves a group out). Shares for one
    characteristic may not add up to more than 100.5%; under 99.5% is saved with a warning.
    Returns the warnings."""
    require(actor, population.journey, "manage")
    totals: dict[str, Decimal] = {}
    rows = []
    for (characteristic, category), share in shares.items():
        if characteristic not in vocab.CHARACTERISTICS or category not in {
            t.code for t in vocab.reference_categories(characteristic)
        }:
            raise invalid(None, _("One of the groups is not one we know. Reload the page."))
        if share is None:
            continue
        if not share.is_finite() or share < 0 or share > 100:
            raise invalid(
                share_field(characteristic, category),
                _("Enter a share between 0 and 100 per cent."),
            )
        share = share.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        totals[characteristic] = totals.get(characteristic, Decimal(0)) + share
        rows.append(
            ReferenceShare(
                population=population, characteristic=characteristic, category=category, share=share
            )
        )
    warnings = []
    for characteristic, total in totals.items():
        message = csvimport.check_total(characteristic, total)
        if message is None:
            continue
        if total > 100:
            first = next(k for k in shares if k[0] == characteristic and shares[k] is not None)
            raise invalid(share_field(*first), message)
        warnings.append(message)
    population.shares.all().delete()
    ReferenceShare.objects.bulk_create(rows)
    audit(
        journey=population.journey,
        actor=actor,
        action="reference_set_shares",
        obj=population,
        summary=f"{len(rows)} shares for {population.name}",
    )
    return warnings


@transaction.atomic
def reference_import_csv(
    *,
    actor: Any,
    journey: Journey,
    name: str,
    source: str,
    data: bytes,
    compare_with: str = vocab.COMPARE_LIVED,
) -> tuple[ReferencePopulation, list[str]]:
    """Create a reference population from a CSV file (format in ``csvimport``). Every row is
    checked first; if any is wrong, every error is reported (line and column) and nothing is
    saved. Returns the population and any warnings."""
    require(actor, journey, "manage")
    name, source = name.strip(), source.strip()
    _check_population(journey, name, source, compare_with, None)
    text, error = csvimport.decode(data)
    if error is not None or text is None:
        raise invalid("file", str(error))
    parsed = csvimport.parse(text)
    if parsed.errors:
        raise ValidationError({"file": [str(e) for e in parsed.errors]})
    population = ReferencePopulation.objects.create(
        journey=journey,
        name=name,
        source=source,
        compare_with=compare_with,
        created_by=user_or_none(actor),
    )
    ReferenceShare.objects.bulk_create(
        ReferenceShare(
            population=population,
            characteristic=s.characteristic,
            category=s.category,
            share=s.share,
            count=s.count,
        )
        for s in parsed.shares
    )
    audit(
        journey=journey,
        actor=actor,
        action="reference_import_csv",
        obj=population,
        summary=f"{name}: {len(parsed.shares)} rows imported",
    )
    return population, parsed.warnings


@transaction.atomic
def reference_delete(*, actor: Any, population: ReferencePopulation) -> None:
    require(actor, population.journey, "manage")
    audit(
        journey=population.journey,
        actor=actor,
        action="reference_delete",
        obj=population,
        summary=population.name,
    )
    population.delete()


# --- Recruitment -------------------------------------------------------------------------------


def _check_recruitment(
    characteristic: str,
    category: str,
    target: str,
    channels: list[str],
    actions: str,
) -> None:
    if characteristic not in vocab.CHARACTERISTICS:
        raise invalid("group", _("Choose the group you want to reach."))
    if category not in {t.code for t in vocab.reference_categories(characteristic)}:
        raise invalid("group", _("Choose the group you want to reach."))
    if not target:
        raise invalid("target", _("Describe who you want to reach, in your own words."))
    if not channels:
        raise invalid("channels", _("Choose at least one way you will reach people."))
    if any(c not in vocab.CHANNELS for c in channels):
        raise invalid("channels", _("Choose ways of reaching people from the list."))
    if not actions:
        raise invalid("actions", _("Say what you will do."))


@transaction.atomic
def recruitment_create(
    *,
    actor: Any,
    journey: Journey,
    characteristic: str,
    category: str,
    target: str,
    channels: list[str],
    actions: str,
    planned_on: datetime.date,
    networks: str = "",
) -> RecruitmentAction:
    """Plan how to reach a group that is missing or under-represented."""
    require(actor, journey, "record")
    target, actions, networks = target.strip(), actions.strip(), networks.strip()
    channels = list(dict.fromkeys(channels))
    _check_recruitment(characteristic, category, target, channels, actions)
    action = RecruitmentAction.objects.create(
        journey=journey,
        characteristic=characteristic,
        category=category,
        target=target,
        channels=channels,
        networks=networks,
        actions=actions,
        planned_on=planned_on,
        recorded_by=user_or_none(actor),
    )
    audit(journey=journey, actor=actor, action="recruitment_create", obj=action, summary=target)
    return action


@transaction.atomic
def recruitment_update(
    *,
    actor: Any,
    action: RecruitmentAction,
    characteristic: str,
    category: str,
    target: str,
    channels: list[str],
    actions: str,
    planned_on: datetime.date,
    networks: str = "",
    outcome: str = vocab.OUTCOME_PENDING,
    outcome_on: datetime.date | None = None,
    outcome_notes: str = "",
) -> RecruitmentAction:
    """Change a recruitment plan, or record whether it worked (an outcome needs a date)."""
    require(actor, action.journey, "record")
    target, actions, networks = target.strip(), actions.strip(), networks.strip()
    channels = list(dict.fromkeys(channels))
    _check_recruitment(characteristic, category, target, channels, actions)
    if outcome not in vocab.OUTCOMES:
        raise invalid("outcome", _("Choose whether it worked."))
    if outcome == vocab.OUTCOME_PENDING:
        outcome_on = None
    elif outcome_on is None:
        raise invalid("outcome_on", _("Enter the date you judged whether it worked."))
    elif outcome_on < planned_on:
        raise invalid("outcome_on", _("The outcome date cannot be before the plan was made."))
    action.characteristic, action.category, action.target = characteristic, category, target
    action.channels, action.networks, action.actions = channels, networks, actions
    action.planned_on, action.outcome, action.outcome_on = planned_on, outcome, outcome_on
    action.outcome_notes = outcome_notes.strip()
    action.save()
    audit(
        journey=action.journey,
        actor=actor,
        action="recruitment_update",
        obj=action,
        summary=f"{target}: {vocab.OUTCOMES.label(outcome)}",
    )
    return action


# --- Support needs -----------------------------------------------------------------------------


@transaction.atomic
def need_add(
    *,
    actor: Any,
    person: Person,
    kind: str,
    since: datetime.date,
    notes: str = "",
) -> SupportNeed:
    """Record something a person needs to take part (they can add their own)."""
    _self_or_record(actor, person)
    notes = notes.strip()
    if kind not in vocab.NEEDS:
        raise invalid("kind", _("Choose what they need from the list."))
    if kind == "other" and not notes:
        raise invalid("notes", _("Say what the need is."))
    if len(notes) > 500:
        raise invalid("notes", _("Keep the notes under 500 characters."))
    if (
        SupportNeed.objects.filter(person=person, kind=kind, ended_on__isnull=True)
        .exclude(kind="other")
        .exists()
    ):
        raise invalid("kind", f"“{vocab.NEEDS.label(kind)}” is already on the list.")
    need = SupportNeed.objects.create(
        journey=person.journey,
        person=person,
        kind=kind,
        notes=notes,
        since=since,
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=person.journey,
        actor=actor,
        action="need_add",
        obj=need,
        on_behalf_of=person,
        summary=vocab.NEEDS.label(kind),
    )
    return need


@transaction.atomic
def need_end(*, actor: Any, need: SupportNeed, ended_on: datetime.date) -> SupportNeed:
    """The need no longer applies (kept for the figures of the gatherings it covered)."""
    _self_or_record(actor, need.person)
    if ended_on < need.since:
        raise invalid(
            "ended_on", _("It cannot end before it began (%(day)s).") % {"day": _day(need.since)}
        )
    need.ended_on = ended_on
    need.save(update_fields=["ended_on", "updated_at"])
    audit(
        journey=need.journey,
        actor=actor,
        action="need_end",
        obj=need,
        on_behalf_of=need.person,
        summary=vocab.NEEDS.label(need.kind),
    )
    return need


@transaction.atomic
def need_checks_save(
    *,
    actor: Any,
    gathering: Gathering,
    arranged: dict[int, bool],
    outcomes: dict[int, str],
    notes: dict[int, str] | None = None,
) -> int:
    """Save the checklist of a gathering: for each need (by id), whether it was arranged
    beforehand and, afterwards, whether it was met. Only needs of people expected at the
    gathering can be checked. Returns how many needs were saved."""
    from .selectors import gathering_needs

    require(actor, gathering.journey, "record")
    notes = notes or {}
    expected = {row.need.pk: row.need for row in gathering_needs(gathering)}
    ids = set(arranged) | set(outcomes) | set(notes)
    if ids - set(expected):
        raise invalid(
            None, _("One of the needs is not expected at this gathering. Reload the page.")
        )
    for need_id, outcome in outcomes.items():
        if outcome and outcome not in vocab.NEED_OUTCOMES:
            raise invalid(f"outcome_{need_id}", _("Choose met or not met."))
    for need_id, note in notes.items():
        if len(note.strip()) > 300:
            raise invalid(f"note_{need_id}", _("Keep the note under 300 characters."))
    existing = {c.need_id: c for c in NeedCheck.objects.filter(gathering=gathering)}
    saved = 0
    for need_id in ids:
        need = expected[need_id]
        check = existing.get(need_id) or NeedCheck(
            gathering=gathering, need=need, person_id=need.person_id
        )
        check.arranged = bool(arranged.get(need_id, False))
        check.outcome = outcomes.get(need_id, "") or ""
        check.note = notes.get(need_id, "").strip()
        check.save()
        saved += 1
    audit(
        journey=gathering.journey,
        actor=actor,
        action="need_checks_save",
        obj=gathering,
        summary=f"{saved} needs checked",
    )
    return saved


# --- Assets ------------------------------------------------------------------------------------


@transaction.atomic
def asset_add(
    *,
    actor: Any,
    journey: Journey,
    kind: str,
    description: str,
    person: Person | None = None,
    organisation: Organisation | None = None,
    lived: bool = False,
    gained_on: datetime.date | None = None,
) -> Asset:
    """Record something a person or an organisation brings (or gained during the journey)."""
    require(actor, journey, "record")
    description = description.strip()
    if (person is None) == (organisation is None):
        raise invalid("holder", _("Choose one person or one organisation."))
    if person is not None and person.journey_id != journey.pk:
        raise invalid("holder", _("Choose a person from this journey."))
    if organisation is not None and organisation.journey_id != journey.pk:
        raise invalid("holder", _("Choose an organisation from this journey."))
    if kind not in vocab.ASSET_KINDS:
        raise invalid("kind", _("Choose knowledge, skills, experience or resources."))
    if not description:
        raise invalid("description", _("Describe what they bring."))
    if len(description) > 300:
        raise invalid("description", _("Keep the description under 300 characters."))
    if lived and kind != "experience":
        raise invalid("lived", _("Only experience can be lived experience. Choose “Experience”."))
    if lived and person is None:
        raise invalid("lived", _("Lived experience belongs to a person, not an organisation."))
    if gained_on is not None:
        if person is None:
            raise invalid("gained_on", _("Only people gain skills during the journey."))
        if gained_on > _today():
            raise invalid("gained_on", _("The date cannot be in the future."))
        if journey.started_on and gained_on < journey.started_on:
            raise invalid(
                "gained_on",
                _("Gained during the journey means on or after %(day)s.")
                % {"day": _day(journey.started_on)},
            )
    asset = Asset.objects.create(
        journey=journey,
        person=person,
        organisation=organisation,
        kind=kind,
        description=description,
        lived=lived,
        gained_on=gained_on,
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="asset_add",
        obj=asset,
        on_behalf_of=person,
        summary=description,
    )
    return asset


@transaction.atomic
def asset_remove(*, actor: Any, asset: Asset) -> None:
    require(actor, asset.journey, "record")
    audit(
        journey=asset.journey,
        actor=actor,
        action="asset_remove",
        obj=asset,
        summary=asset.description,
    )
    asset.delete()


@transaction.atomic
def asset_gap_add(*, actor: Any, journey: Journey, kind: str, description: str) -> AssetGap:
    """Something the group knows it lacks and should look for."""
    require(actor, journey, "record")
    description = description.strip()
    if kind not in vocab.ASSET_KINDS:
        raise invalid("kind", _("Choose knowledge, skills, experience or resources."))
    if not description:
        raise invalid("description", _("Describe what the group lacks."))
    if len(description) > 300:
        raise invalid("description", _("Keep the description under 300 characters."))
    gap = AssetGap.objects.create(journey=journey, kind=kind, description=description)
    audit(journey=journey, actor=actor, action="asset_gap_add", obj=gap, summary=description)
    return gap


@transaction.atomic
def asset_gap_found(
    *, actor: Any, gap: AssetGap, found_on: datetime.date, note: str = ""
) -> AssetGap:
    require(actor, gap.journey, "record")
    if found_on > _today():
        raise invalid("found_on", _("The date cannot be in the future."))
    note = note.strip()
    if len(note) > 300:
        raise invalid("found_note", _("Keep the note under 300 characters."))
    gap.found_on, gap.found_note = found_on, note
    gap.save(update_fields=["found_on", "found_note", "updated_at"])
    audit(
        journey=gap.journey, actor=actor, action="asset_gap_found", obj=gap, summary=gap.description
    )
    return gap


@transaction.atomic
def asset_gap_remove(*, actor: Any, gap: AssetGap) -> None:
    require(actor, gap.journey, "record")
    audit(
        journey=gap.journey,
        actor=actor,
        action="asset_gap_remove",
        obj=gap,
        summary=gap.description,
    )
    gap.delete()


# --- The reciprocity ledger --------------------------------------------------------------------


def _ledger_person(actor: Any, journey: Journey, person: Person) -> None:
    require(actor, journey, "record")
    if person.journey_id != journey.pk:
        raise invalid("person", _("Choose a person from this journey."))


def _gathering_in(journey: Journey, gathering: Gathering | None) -> None:
    if gathering is not None and gathering.journey_id != journey.pk:
        raise invalid("gathering", _("Choose a gathering from this journey."))


def _not_future(field: str, day: datetime.date) -> None:
    if day > _today():
        raise invalid(field, _("The date cannot be in the future."))


def _hours(field: str, hours: Decimal, most: int) -> Decimal:
    if not hours.is_finite() or hours <= 0:
        raise invalid(field, _("Enter a number of hours more than 0, like 2.5."))
    if hours > most:
        raise invalid(field, _("Enter at most %(most)s hours.") % {"most": most})
    if hours != hours.quantize(Decimal("0.01")):
        raise invalid(field, _("Enter hours to at most two decimal places, like 1.25."))
    return hours


@transaction.atomic
def time_record(
    *,
    actor: Any,
    person: Person,
    on: datetime.date,
    hours: Decimal,
    paid: bool | None = None,
    gathering: Gathering | None = None,
    description: str = "",
) -> TimeGiven:
    """Time someone gave. ``paid`` defaults to whether they were paid to take part that day."""
    journey = person.journey
    _ledger_person(actor, journey, person)
    _gathering_in(journey, gathering)
    _not_future("on", on)
    hours = _hours("hours", hours, 24)
    if paid is None:
        paid = paid_on(person, on)
    entry = TimeGiven.objects.create(
        journey=journey,
        person=person,
        gathering=gathering,
        on=on,
        hours=hours,
        paid=paid,
        description=description.strip()[:300],
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="time_record",
        obj=entry,
        on_behalf_of=person,
        summary=f"{hours} hours ({'paid' if paid else 'unpaid'})",
    )
    return entry


@transaction.atomic
def expense_claim(
    *,
    actor: Any,
    person: Person,
    description: str,
    amount_pence: int,
    claimed_on: datetime.date,
    paid_in_advance: bool = False,
    gathering: Gathering | None = None,
) -> ExpenseClaim:
    """An expense someone claimed (in whole pence). Paid in advance means they were never
    out of pocket."""
    journey = person.journey
    _ledger_person(actor, journey, person)
    _gathering_in(journey, gathering)
    description = description.strip()
    if not description:
        raise invalid("description", _("Say what the expense was for, like “bus fare”."))
    if len(description) > 300:
        raise invalid("description", _("Keep the description under 300 characters."))
    if not isinstance(amount_pence, int) or isinstance(amount_pence, bool):
        raise invalid("amount", _("Enter an amount in pounds and pence, like 4.50."))
    if amount_pence <= 0:
        raise invalid("amount", _("Enter an amount more than £0."))
    if amount_pence > MAX_PENCE:
        raise invalid("amount", _("That is more than £100,000. Check the amount."))
    _not_future("claimed_on", claimed_on)
    claim = ExpenseClaim.objects.create(
        journey=journey,
        person=person,
        gathering=gathering,
        description=description,
        amount_pence=amount_pence,
        claimed_on=claimed_on,
        paid_in_advance=paid_in_advance,
        claimant_paid=paid_on(person, claimed_on),
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="expense_claim",
        obj=claim,
        on_behalf_of=person,
        summary=f"{description}: {amount_pence} pence{' (paid in advance)' if paid_in_advance else ''}",
    )
    return claim


@transaction.atomic
def expense_reimburse(
    *, actor: Any, claim: ExpenseClaim, reimbursed_on: datetime.date
) -> ExpenseClaim:
    """Record the day the money reached the person."""
    require(actor, claim.journey, "record")
    if claim.paid_in_advance:
        raise invalid(None, _("This claim was paid in advance, so there is nothing to pay back."))
    if reimbursed_on < claim.claimed_on:
        raise invalid(
            "reimbursed_on",
            _("It cannot be paid back before it was claimed (%(day)s).")
            % {"day": _day(claim.claimed_on)},
        )
    _not_future("reimbursed_on", reimbursed_on)
    claim.reimbursed_on = reimbursed_on
    claim.save(update_fields=["reimbursed_on", "updated_at"])
    audit(
        journey=claim.journey,
        actor=actor,
        action="expense_reimburse",
        obj=claim,
        on_behalf_of=claim.person,
        summary=f"Paid back after {(reimbursed_on - claim.claimed_on).days} days",
    )
    return claim


def amount_for(hours: Decimal, rate_pence: int) -> int:
    """Hours times an hourly rate in pence, rounded to the nearest penny (halves up)."""
    return int((hours * rate_pence).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@transaction.atomic
def payment_record(
    *,
    actor: Any,
    person: Person,
    kind: str,
    hours: Decimal,
    rate_pence: int,
    paid_on: datetime.date,
    description: str = "",
) -> Payment:
    """A payment or voucher for someone's time at a stated hourly rate."""
    journey = person.journey
    _ledger_person(actor, journey, person)
    if kind not in vocab.PAYMENT_KINDS:
        raise invalid("kind", _("Choose payment or voucher."))
    hours = _hours("hours", hours, 1000)
    if rate_pence <= 0:
        raise invalid("rate", _("Enter the hourly rate, more than £0, like 12.21."))
    if rate_pence > 100_000:
        raise invalid("rate", _("That is more than £1,000 an hour. Check the rate."))
    _not_future("paid_on", paid_on)
    payment = Payment.objects.create(
        journey=journey,
        person=person,
        kind=kind,
        hours=hours,
        rate_pence=rate_pence,
        amount_pence=amount_for(hours, rate_pence),
        paid_on=paid_on,
        description=description.strip()[:300],
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="payment_record",
        obj=payment,
        on_behalf_of=person,
        summary=f"{vocab.PAYMENT_KINDS.label(kind)}: {payment.amount_pence} pence",
    )
    return payment


@transaction.atomic
def training_record(
    *,
    actor: Any,
    person: Person,
    title: str,
    received_on: datetime.date,
    hours: Decimal | None = None,
    provider: str = "",
) -> Training:
    journey = person.journey
    _ledger_person(actor, journey, person)
    title = title.strip()
    if not title:
        raise invalid("title", _("Enter what the training was, like “Chairing meetings”."))
    if len(title) > 200:
        raise invalid("title", _("Keep the title under 200 characters."))
    if hours is not None:
        hours = _hours("hours", hours, 1000)
    _not_future("received_on", received_on)
    training = Training.objects.create(
        journey=journey,
        person=person,
        title=title,
        received_on=received_on,
        hours=hours,
        provider=provider.strip()[:200],
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="training_record",
        obj=training,
        on_behalf_of=person,
        summary=title,
    )
    return training


@transaction.atomic
def task_record(
    *,
    actor: Any,
    person: Person,
    description: str,
    since: datetime.date,
    replaces_paid_role: bool = False,
    paid_role: str = "",
) -> Task:
    """A task someone does for the journey. Flag it when it used to be a paid job, and say
    which: unpaid people doing work staff used to be paid for is a warning sign."""
    journey = person.journey
    _ledger_person(actor, journey, person)
    description, paid_role = description.strip(), paid_role.strip()
    if not description:
        raise invalid("description", _("Describe the task."))
    if len(description) > 300:
        raise invalid("description", _("Keep the description under 300 characters."))
    if replaces_paid_role and not paid_role:
        raise invalid("paid_role", _("Say which paid role this used to be part of."))
    if len(paid_role) > 300:
        raise invalid("paid_role", _("Keep this under 300 characters."))
    _not_future("since", since)
    task = Task.objects.create(
        journey=journey,
        person=person,
        description=description,
        since=since,
        replaces_paid_role=replaces_paid_role,
        paid_role=paid_role if replaces_paid_role else "",
        person_paid=paid_on(person, since),
        recorded_by=user_or_none(actor),
    )
    audit(
        journey=journey,
        actor=actor,
        action="task_record",
        obj=task,
        on_behalf_of=person,
        summary=description + (" (used to be a paid role)" if replaces_paid_role else ""),
    )
    return task


@transaction.atomic
def task_mark_done(*, actor: Any, task: Task, done_on: datetime.date) -> Task:
    """Mark a task done: ``done_on`` is the last day the person did it (finished, or no longer
    theirs). From then on it is not counted as still being done, and a handover no longer
    offers it."""
    require(actor, task.journey, "record")
    task = Task.objects.select_for_update().select_related("person").get(pk=task.pk)
    if task.done_on is not None:
        raise invalid(
            None,
            _("This task is already marked done (%(day)s).") % {"day": _day(task.done_on)},
        )
    if done_on < task.since:
        raise invalid(
            "done_on",
            _("It cannot be done before it started (%(day)s).") % {"day": _day(task.since)},
        )
    _not_future("done_on", done_on)
    task.done_on, task.done_by = done_on, user_or_none(actor)
    task.save(update_fields=["done_on", "done_by", "updated_at"])
    audit(
        journey=task.journey,
        actor=actor,
        action="task_done",
        obj=task,
        on_behalf_of=task.person,
        summary=f"{task.description}: done on {done_on.isoformat()}",
    )
    return task


@transaction.atomic
def ledger_remove(
    *, actor: Any, entry: TimeGiven | ExpenseClaim | Payment | Training | Task
) -> None:
    """Remove a ledger line entered by mistake (the audit trail keeps that it was removed)."""
    require(actor, entry.journey, "record")
    audit(
        journey=entry.journey,
        actor=actor,
        action=f"{type(entry).__name__.lower()}_remove",
        obj=entry,
        on_behalf_of=entry.person,
        summary=str(entry),
    )
    entry.delete()
