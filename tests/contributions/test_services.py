"""Contributions and their fate: the rules that keep every point traceable to an answer."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from powerwith.common.models import AuditEntry
from powerwith.contributions import selectors
from powerwith.contributions import services as cs
from powerwith.contributions.models import Contribution, FateChange, Tag
from tests.people.builders import D, contribution, gathering, person


def fate(world, c, to, **kw):
    kw.setdefault("on", D(2025, 3, 1))
    return cs.contribution_set_fate(actor=world.facilitator, contribution=c, fate=to, **kw)


def test_raised_on_someones_behalf_keeps_provenance_and_a_first_history_line(world):
    ann = person(world, "Ann", "carer")
    c = contribution(
        world,
        "  The buses stop at six.  ",
        raised_by=ann,
        channel="paper",
        provenance="written on a card at the café",
        tags=["Transport", "transport ", "evenings"],
    )
    assert (c.text, c.raiser_role, c.raiser_side, c.entered_by, c.fate) == (
        "The buses stop at six.",
        "carer",
        "lived",
        world.facilitator,
        "new",
    )
    assert sorted(c.tags.values_list("name", flat=True)) == ["Transport", "evenings"]
    h = c.history.get()
    assert (h.from_fate, h.to_fate, h.on) == ("", "new", D(2025, 2, 4))
    entry = AuditEntry.objects.get(action="contribution_create")
    assert (entry.on_behalf_of, entry.channel) == (ann, "paper")


@pytest.mark.parametrize(
    ("kw", "field", "message"),
    [
        ({"text": " "}, "text", "Write what was raised, in the person's own words if you can."),
        ({"channel": "pigeon"}, "channel", "Choose how it reached us."),
        ({"anonymous": False}, "raised_by", "Choose who raised it, or tick “anonymous”."),
        ({"channel": "gathering"}, "gathering", "Choose the gathering where it was raised."),
        (
            {"raised_on": D(2999, 1, 1)},
            "raised_on",
            "The date it was raised cannot be in the future.",
        ),
    ],
)
def test_contribution_bad_input(world, kw, field, message):
    args = {"text": "X", "channel": "paper", "anonymous": True, "raised_on": D(2025, 1, 1), **kw}
    with pytest.raises(ValidationError) as exc:
        cs.contribution_create(actor=world.facilitator, journey=world.journey, **args)
    assert exc.value.message_dict == {field: [message]}
    assert Contribution.objects.count() == 0 and FateChange.objects.count() == 0


def test_in_a_gathering_the_date_defaults_to_the_gathering(world):
    g = gathering(world, held_on=D(2025, 2, 11))
    c = cs.contribution_create(
        actor=world.facilitator,
        journey=world.journey,
        text="X",
        channel="gathering",
        gathering=g,
        anonymous=True,
    )
    assert c.raised_on == D(2025, 2, 11)


def test_not_possible_needs_a_reason(world):
    c = contribution(world, "Open at weekends")
    with pytest.raises(ValidationError) as exc:
        fate(world, c, "not_possible", reason="  ")
    assert exc.value.message_dict == {
        "reason": ["Explain why it is not possible. People have a right to know."]
    }
    c.refresh_from_db()
    assert c.fate == "new" and c.history.count() == 1
    fate(world, c, "not_possible", reason="The funder pays for weekdays only.")
    c.refresh_from_db()
    assert (c.fate, c.fate_reason) == ("not_possible", "The funder pays for weekdays only.")


def test_done_needs_a_level_of_change(world):
    c = contribution(world, "Chairs hurt")
    with pytest.raises(ValidationError) as exc:
        fate(world, c, "done")
    assert exc.value.message_dict == {"change_level": ["Choose the level at which things changed."]}
    fate(world, c, "done", change_level="organisational_service", response="New chairs.")
    c.refresh_from_db()
    assert (c.fate, c.change_level, c.response, c.first_response_on) == (
        "done",
        "organisational_service",
        "New chairs.",
        D(2025, 3, 1),
    )


def test_history_is_written_on_every_change_and_never_back_to_new(world):
    bob = person(world, "Bob", "manager")
    c = contribution(world, "Signs are confusing")
    fate(world, c, "considering", on=D(2025, 2, 10))
    fate(world, c, "in_progress", on=D(2025, 2, 20), owner=bob)
    fate(world, c, "done", change_level="individual", on=D(2025, 3, 1))
    with pytest.raises(ValidationError) as exc:
        fate(world, c, "new")
    assert exc.value.message_dict == {
        "fate": [
            "Something that has been responded to cannot go back to “new”. Choose “being considered”."
        ]
    }
    rows = list(c.history.order_by("id").values_list("from_fate", "to_fate", "on", "by"))
    f = world.facilitator.pk
    assert rows == [
        ("", "new", D(2025, 2, 4), f),
        ("new", "considering", D(2025, 2, 10), f),
        ("considering", "in_progress", D(2025, 2, 20), f),
        ("in_progress", "done", D(2025, 3, 1), f),
    ]
    c.refresh_from_db()
    assert (c.owner, c.first_response_on, c.last_change.to_fate) == (bob, D(2025, 2, 10), "done")


def test_same_fate_twice_is_refused_unless_something_changes(world):
    bob = person(world, "Bob", "manager")
    c = contribution(world, "X")
    fate(world, c, "considering")
    with pytest.raises(ValidationError) as exc:
        fate(world, c, "considering")
    assert exc.value.message_dict == {"fate": ["It is already “Being considered”."]}
    fate(world, c, "considering", owner=bob)  # a new owner is a change worth a history line
    fate(world, c, "considering", reason="Asked the ward manager.")
    assert c.history.count() == 4


def test_change_before_it_was_raised_is_refused(world):
    c = contribution(world, "X")
    with pytest.raises(ValidationError) as exc:
        fate(world, c, "considering", on=D(2025, 1, 1))
    assert exc.value.message_dict == {
        "on": ["The change cannot be before it was raised (4 February 2025)."]
    }


def test_merged_items_count_once_and_chains_are_repointed(world):
    a = contribution(world, "Parking is impossible")
    b = contribution(world, "Nowhere to park")
    c = contribution(world, "Car park too small")
    d = contribution(world, "Parking costs too much")
    with pytest.raises(ValidationError) as exc:
        fate(world, b, "merged")
    assert exc.value.message_dict == {"merged_into": ["Choose the contribution it is the same as."]}
    with pytest.raises(ValidationError) as exc:
        fate(world, b, "merged", merged_into=b)
    assert exc.value.message_dict == {
        "merged_into": ["A contribution cannot be merged into itself."]
    }
    fate(world, b, "merged", merged_into=a)
    fate(world, c, "merged", merged_into=a)
    with pytest.raises(ValidationError) as exc:
        fate(world, d, "merged", merged_into=b)
    assert exc.value.message_dict == {
        "merged_into": ["That one is itself merged. Choose the contribution it was merged into."]
    }
    # a itself turns out to be the same point as d: b and c move with it, no chain forms.
    fate(world, a, "merged", merged_into=d)
    assert dict(Contribution.objects.values_list("text", "merged_into__text")) == {
        "Parking is impossible": "Parking costs too much",
        "Nowhere to park": "Parking costs too much",
        "Car park too small": "Parking costs too much",
        "Parking costs too much": None,
    }
    b.refresh_from_db()
    assert b.history.order_by("id").last().reason == "Moved with “Parking is impossible”"
    counts = selectors.you_said_counts(world.journey)
    assert counts == {
        "raised": 1,
        "done": 0,
        "not_possible": 0,
        "open": 1,
        "merged": 3,
        "kept_off": 0,
    }
    groups = selectors.you_said(world.journey)["groups"]
    assert [(g["fate"].code, [c.text for c in g["items"]]) for g in groups] == [
        ("new", ["Parking costs too much"])
    ]
    assert sorted(m.text for m in groups[0]["items"][0].merged_from.all()) == [
        "Car park too small",
        "Nowhere to park",
        "Parking is impossible",
    ]


def test_database_refuses_a_fate_without_its_rules(world):
    c = contribution(world, "X")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.filter(pk=c.pk).update(fate="not_possible", fate_reason="")
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.filter(pk=c.pk).update(fate="done", change_level="")


def test_update_corrects_text_tags_owner_provenance(world):
    bob = person(world, "Bob", "manager")
    c = contribution(world, "Txt", tags=["a"])
    cs.contribution_update(
        actor=world.facilitator,
        contribution=c,
        text=" Text ",
        tags=["b", "c"],
        owner=bob,
        provenance="phone",
    )
    c.refresh_from_db()
    assert (c.text, c.owner, c.provenance, c.fate) == ("Text", bob, "phone", "new")
    assert sorted(c.tags.values_list("name", flat=True)) == ["b", "c"]
    assert Tag.objects.count() == 3
    with pytest.raises(ValidationError) as exc:
        cs.contribution_update(
            actor=world.facilitator, contribution=c, text="", tags=[], owner=None, provenance=""
        )
    assert exc.value.message_dict == {"text": ["The contribution cannot be empty."]}


def test_you_said_counts(world):
    items = [contribution(world, f"Point {i}") for i in range(6)]
    fate(world, items[0], "done", change_level="individual")
    fate(world, items[1], "done", change_level="local_community")
    fate(world, items[2], "not_possible", reason="Law")
    fate(world, items[3], "in_progress")
    fate(world, items[4], "merged", merged_into=items[0])
    assert selectors.you_said_counts(world.journey) == {
        "raised": 5,
        "done": 2,
        "not_possible": 1,
        "open": 2,
        "merged": 1,
        "kept_off": 0,
    }
