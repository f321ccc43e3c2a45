"""Ground rules, words and wordings through the services: bad input refused with a message
on the right field, permissions, the journey's purpose kept as the current agreed one, the
export and a person's rights."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from powerwith.exports import all_tables
from powerwith.groundrules import rights
from powerwith.groundrules import services as s
from powerwith.groundrules.models import Wording
from powerwith.journeys import services as js
from powerwith.journeys.models import Journey
from tests.conftest import build_world
from tests.people.builders import person

D = datetime.date


def fields(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_bad_ground_rules_are_refused(world):
    f, j = world.facilitator, world.journey
    with pytest.raises(ValidationError) as e:
        s.ground_rule_propose(actor=f, journey=j, text="   ")
    assert fields(e) == {"text": ["Write the ground rule."]}
    with pytest.raises(ValidationError) as e:
        s.ground_rule_propose(actor=f, journey=j, text="x" * 301)
    assert fields(e) == {"text": ["Keep the ground rule to 300 characters or fewer."]}
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as e:
        s.ground_rule_propose(actor=f, journey=j, text="Listen", proposed_on=tomorrow)
    assert fields(e) == {"proposed_on": ["The date cannot be in the future."]}
    other = build_world("2", "Another journey")
    stranger = person(other, "Zed")
    with pytest.raises(ValidationError) as e:
        s.ground_rule_propose(actor=f, journey=j, text="Listen", proposed_by=stranger)
    assert fields(e) == {"proposed_by": ["Choose a person from this journey."]}
    rule = s.ground_rule_propose(
        actor=f, journey=j, text="Listen  to  each other", proposed_on=D(2025, 2, 4)
    )
    assert rule.text == "Listen to each other"
    with pytest.raises(ValidationError) as e:
        s.ground_rule_propose(actor=f, journey=j, text="listen to each other")
    assert fields(e) == {"text": ["The group already has this ground rule."]}
    with pytest.raises(ValidationError) as e:
        s.ground_rule_agree(actor=f, rule=rule, agreed_on=D(2025, 2, 3))
    assert fields(e) == {"agreed_on": ["The group cannot agree it before it was proposed."]}
    s.ground_rule_agree(actor=f, rule=rule, agreed_on=D(2025, 2, 4))
    with pytest.raises(ValidationError) as e:
        s.ground_rule_agree(actor=f, rule=rule, agreed_on=D(2025, 2, 5))
    assert e.value.messages == ["The group has already agreed this ground rule."]
    with pytest.raises(ValidationError) as e:
        s.ground_rule_retire(actor=f, rule=rule, retired_on=D(2025, 2, 3))
    assert fields(e) == {"retired_on": ["It cannot be retired before it was agreed."]}
    s.ground_rule_retire(actor=f, rule=rule, retired_on=D(2025, 3, 1))
    with pytest.raises(ValidationError):
        s.ground_rule_retire(actor=f, rule=rule, retired_on=D(2025, 3, 2))
    # retired, it can be proposed again
    s.ground_rule_propose(actor=f, journey=j, text="Listen to each other")


def test_who_may_do_what(world):
    j = world.journey
    with pytest.raises(PermissionDenied):
        s.ground_rule_propose(actor=world.observer, journey=j, text="Listen")
    rule = s.ground_rule_propose(actor=world.member, journey=j, text="Listen")
    assert rule.recorded_by == world.member
    with pytest.raises(PermissionDenied):
        s.ground_rule_agree(actor=world.member, rule=rule, agreed_on=timezone.localdate())
    with pytest.raises(PermissionDenied):  # agreeing at once is a facilitator's too
        s.ground_rule_propose(
            actor=world.member, journey=j, text="Breaks", agreed_on=timezone.localdate()
        )
    word = s.word_add(actor=world.member, journey=j, term="MDT", meaning="The team.")
    with pytest.raises(PermissionDenied):
        s.word_remove(actor=world.member, word=word)
    with pytest.raises(PermissionDenied):
        s.wording_propose(actor=world.observer, journey=j, kind="problem", text="Waits")


def test_bad_words_are_refused(world):
    f, j = world.facilitator, world.journey
    with pytest.raises(ValidationError) as e:
        s.word_add(actor=f, journey=j, term=" ", meaning="x")
    assert fields(e) == {"term": ["Write the word or phrase."]}
    with pytest.raises(ValidationError) as e:
        s.word_add(actor=f, journey=j, term="MDT", meaning="  ")
    assert fields(e) == {"meaning": ["Write what it means, in plain words."]}
    with pytest.raises(ValidationError) as e:
        s.word_add(actor=f, journey=j, term="M" * 81, meaning="x")
    assert fields(e) == {"term": ["Keep the word or phrase to 80 characters or fewer."]}
    w = s.word_add(actor=f, journey=j, term="MDT", meaning="The team.")
    with pytest.raises(ValidationError) as e:
        s.word_add(actor=f, journey=j, term="mdt", meaning="Again.")
    assert fields(e) == {"term": ["“mdt” is already in the list."]}
    s.word_update(actor=f, word=w, term="MDT meeting", meaning="The weekly meeting.")
    w.refresh_from_db()
    assert (w.term, w.meaning) == ("MDT meeting", "The weekly meeting.")
    s.word_remove(actor=f, word=w)
    assert not j.words.exists()


def test_the_purpose_is_the_current_agreed_wording(world):
    f, j = world.facilitator, world.journey
    # build_world made the journey with a purpose: the first wording, by the group.
    [first] = Wording.objects.filter(journey=j)
    assert (first.kind, first.from_settings, first.agreed_on) == ("purpose", True, D(2025, 1, 6))
    ann = person(world, "Ann Lee")
    new = s.wording_propose(
        actor=f,
        journey=j,
        kind="purpose",
        text="Make care clear.",
        proposed_by=ann,
        proposed_on=D(2025, 2, 1),
    )
    j.refresh_from_db()
    assert j.purpose == "Improve the breast care service together."  # not agreed yet
    assert (new.proposer_role, new.proposer_side) == ("service_user", "lived")
    s.wording_agree(actor=f, wording=new, agreed_on=D(2025, 2, 4))
    assert Journey.objects.get(pk=j.pk).purpose == "Make care clear."
    with pytest.raises(ValidationError) as e:
        s.wording_propose(actor=f, journey=j, kind="purpose", text="Make care clear.")
    assert "text" in fields(e)
    with pytest.raises(ValidationError) as e:
        s.wording_propose(actor=f, journey=j, kind="vision", text="x")
    assert fields(e) == {"kind": ["Choose the purpose or the problem statement."]}
    # An older wording agreed later, but with an earlier date, does not replace it.
    old = s.wording_propose(
        actor=f, journey=j, kind="purpose", text="Older words.", proposed_on=D(2025, 1, 20)
    )
    s.wording_agree(actor=f, wording=old, agreed_on=D(2025, 1, 25))
    assert Journey.objects.get(pk=j.pk).purpose == "Make care clear."
    # Changing the purpose on the settings page records a wording by the group, agreed today.
    j = Journey.objects.get(pk=j.pk)
    js.journey_update(
        actor=f,
        journey=j,
        title=j.title,
        purpose="Typed on the settings page.",
        host=None,
        stages=j.stages,
        level=j.level,
        started_on=j.started_on,
        ended_on=None,
        public_you_said=False,
    )
    latest = Wording.objects.filter(journey=j, kind="purpose").order_by("-id").first()
    assert latest is not None and latest.from_settings and latest.proposed_by is None
    assert latest.agreed_on == timezone.localdate()
    assert s.current(j, "purpose") == latest


def test_export_and_rights(world):
    f, j = world.facilitator, world.journey
    ann = person(world, "Ann Lee")
    s.ground_rule_propose(
        actor=f,
        journey=j,
        text="Ann Lee's rule: listen",
        proposed_by=ann,
        proposed_on=D(2025, 2, 4),
    )
    s.word_add(
        actor=f, journey=j, term="MDT", meaning="The team.", asked_by=ann, asked_on=D(2025, 2, 4)
    )
    s.wording_propose(
        actor=f,
        journey=j,
        kind="problem",
        text="Waits.",
        proposed_by=ann,
        proposed_on=D(2025, 2, 4),
    )
    tables, descriptions = all_tables(j)
    assert {"groundrules_rules", "groundrules_words", "groundrules_framing"} <= set(descriptions)
    code = "P001"
    assert tables["groundrules_rules"][0]["proposed_by"] == code
    assert tables["groundrules_rules"][0]["proposer_side"] == "lived"
    assert tables["groundrules_words"][0]["asked_by"] == code
    assert [r["kind"] for r in tables["groundrules_framing"]] == ["problem", "purpose"]
    assert "Ann" not in json.dumps(tables["groundrules_framing"], default=str)
    held = rights.held(ann)
    assert held["ground rules they proposed"][0]["Ground rule"] == "Ann Lee's rule: listen"
    assert held["words they asked about"][0]["Word"] == "MDT"
    assert held["wordings of the purpose or problem they proposed"][0]["Wording"] == "Waits."
    out = rights.erase(ann, actor=f, remove_words=True)
    assert out == {
        "proposals' words removed (never agreed)": 2,
        "ground rules, words and wordings naming them": 0,
    }
