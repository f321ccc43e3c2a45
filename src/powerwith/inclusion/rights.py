"""What inclusion holds about a person (their profile, needs, assets, the time and money in
the reciprocity ledger), and erasing it (see ``powerwith.rights``).

Erasure deletes their profile (consent and characteristics) and their support needs, with the
checks made at gatherings: these are the most sensitive things PowerWith holds, and the
figures made from them (representation, needs met) lose this person. The ledger keeps its
figures (hours, amounts, dates) so the group's accounts still add up; the words that describe
each line go. Assets, training and tasks stay on the pseudonymised entry without their name.
"""

from __future__ import annotations

from typing import Any

from powerwith.common.redact import pseudonym_for, scrub_rows
from powerwith.people.models import Person

from . import vocab
from .models import (
    Asset,
    AssetGap,
    ExpenseClaim,
    NeedCheck,
    Payment,
    Profile,
    RecruitmentAction,
    SupportNeed,
    Task,
    TimeGiven,
    Training,
)

Rows = list[dict[str, object]]


def _money(pence: int) -> str:
    return f"£{pence / 100:.2f}"


def held(person: Person) -> dict[str, Rows]:
    tables: dict[str, Rows] = {}
    profile = Profile.objects.filter(person=person).first()
    rows: Rows = []
    if profile is not None:
        rows.append({"About": "Consent given on", "Answer": profile.consent_given_on})
        rows.append(
            {
                "About": "How consent was given",
                "Answer": vocab.CONSENT_CHANNELS.label(profile.consent_channel),
            }
        )
        for term in vocab.CHARACTERISTICS:
            code = getattr(profile, term.code)
            answer = vocab.categories(term.code).label(code) if code else "Not answered"
            rows.append({"About": term.label, "Answer": answer})
        rows.append({"About": "Ethnic group in their words", "Answer": profile.ethnicity_text})
        rows.append(
            {"About": "First language in their words", "Answer": profile.first_language_text}
        )
    tables["profile"] = rows
    tables["support needs"] = [
        {"Need": vocab.NEEDS.label(n.kind), "Notes": n.notes, "Since": n.since, "Until": n.ended_on}
        for n in SupportNeed.objects.filter(person=person).order_by("since", "id")
    ]
    tables["needs checked at gatherings"] = [
        {
            "Gathering": c.gathering.title,
            "Need": vocab.NEEDS.label(c.need.kind),
            "Arranged": c.arranged,
            "Outcome": vocab.NEED_OUTCOMES.label(c.outcome) if c.outcome else "",
            "Note": c.note,
        }
        for c in NeedCheck.objects.filter(person=person).select_related("gathering", "need")
    ]
    tables["assets"] = [
        {
            "Kind": vocab.ASSET_KINDS.label(a.kind),
            "Description": a.description,
            "Lived experience": a.lived,
        }
        for a in Asset.objects.filter(person=person).order_by("id")
    ]
    tables["time given"] = [
        {"On": t.on, "Hours": str(t.hours), "Paid": t.paid, "Description": t.description}
        for t in TimeGiven.objects.filter(person=person).order_by("on", "id")
    ]
    tables["expenses"] = [
        {
            "Claimed on": e.claimed_on,
            "Description": e.description,
            "Amount": _money(e.amount_pence),
            "Paid back on": e.reimbursed_on,
        }
        for e in ExpenseClaim.objects.filter(person=person).order_by("claimed_on", "id")
    ]
    tables["payments"] = [
        {
            "Paid on": p.paid_on,
            "Kind": vocab.PAYMENT_KINDS.label(p.kind),
            "Hours": str(p.hours),
            "Amount": _money(p.amount_pence),
            "Description": p.description,
        }
        for p in Payment.objects.filter(person=person).order_by("paid_on", "id")
    ]
    tables["training"] = [
        {"Title": t.title, "Received on": t.received_on, "Provider": t.provider}
        for t in Training.objects.filter(person=person).order_by("received_on", "id")
    ]
    tables["tasks"] = [
        {"Task": t.description, "Since": t.since}
        for t in Task.objects.filter(person=person).order_by("since", "id")
    ]
    return tables


def erase(person: Person, *, actor: Any, remove_words: bool = False) -> dict[str, int]:
    label = pseudonym_for(person.pk)
    journey = person.journey_id
    name = person.name
    profiles, _ = Profile.objects.filter(person=person).delete()
    needs = SupportNeed.objects.filter(person=person).count()
    SupportNeed.objects.filter(person=person).delete()  # with their checks at gatherings
    ledger = (
        TimeGiven.objects.filter(person=person).exclude(description="").update(description="")
        + ExpenseClaim.objects.filter(person=person).exclude(description="").update(description="")
        + Payment.objects.filter(person=person).exclude(description="").update(description="")
    )
    return {
        "profiles deleted": min(profiles, 1),
        "support needs deleted": needs,
        "ledger descriptions removed": ledger,
        "assets, training and tasks naming them": (
            scrub_rows(Asset.objects.filter(journey_id=journey), ["description"], name, label)
            + scrub_rows(
                Training.objects.filter(journey_id=journey), ["title", "provider"], name, label
            )
            + scrub_rows(Task.objects.filter(journey_id=journey), ["description"], name, label)
        ),
        "other inclusion notes naming them": (
            scrub_rows(
                AssetGap.objects.filter(journey_id=journey),
                ["description", "found_note"],
                name,
                label,
            )
            + scrub_rows(
                RecruitmentAction.objects.filter(journey_id=journey),
                ["target", "networks", "actions", "outcome_notes"],
                name,
                label,
            )
            + scrub_rows(NeedCheck.objects.filter(need__journey_id=journey), ["note"], name, label)
            + scrub_rows(SupportNeed.objects.filter(journey_id=journey), ["notes"], name, label)
        ),
    }
