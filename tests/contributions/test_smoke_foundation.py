import datetime

import pytest
from django.core.exceptions import ValidationError

from powerwith.contributions import services as cs
from powerwith.gatherings import services as gs
from powerwith.people import services as ps


def test_record_flow(world):
    j, f = world.journey, world.facilitator
    ann = ps.person_create(
        actor=f, journey=j, name="Ann", role="service_user", joined_on=datetime.date(2025, 1, 6)
    )
    g = gs.gathering_create(
        actor=f,
        journey=j,
        title="Café",
        kind="informal_session",
        held_on=datetime.date(2025, 2, 1),
        venue_kind="community",
    )
    t1, created = gs.turn_record(actor=f, gathering=g, person=ann, client_token="abc")
    t2, created2 = gs.turn_record(actor=f, gathering=g, person=ann, client_token="abc")
    assert created and not created2 and t1.pk == t2.pk
    ps.person_change_role(
        actor=f, person=ann, role="peer_worker", paid=True, from_date=datetime.date(2025, 1, 20)
    )
    t1.refresh_from_db()
    assert t1.role == "peer_worker" and t1.side == "lived"
    c = cs.contribution_create(
        actor=f,
        journey=j,
        text="Longer hours",
        channel="paper",
        raised_by=ann,
        raised_on=datetime.date(2025, 2, 2),
    )
    with pytest.raises(ValidationError):
        cs.contribution_set_fate(actor=f, contribution=c, fate="not_possible")
    cs.contribution_set_fate(
        actor=f, contribution=c, fate="done", change_level="organisational_service"
    )
    c.refresh_from_db()
    assert c.fate == "done" and c.history.count() == 2
