from powerwith.reflection import selectors
from powerwith.reflection.models import AnonymousAnswerSet

from .helpers import builtin, enter, open_round, people, question, rate


def test_anonymous_round_end_to_end(world):
    bank = builtin("power_audit")
    rnd = open_round(world, bank)
    q = question(bank, "speak_freely")
    staff = people(world, "frontline_staff", 5)
    users = people(world, "service_user", 5)
    for p in staff:
        enter(world, rnd, rate(q, 5), person=p)
    for p in users:
        enter(world, rnd, rate(q, 2), person=p)
    assert AnonymousAnswerSet.objects.filter(round=rnd).count() == 10
    res = selectors.round_results(rnd)
    assert res.hidden
    from powerwith.reflection import services

    services.round_close(actor=world.facilitator, round=rnd)
    rnd.refresh_from_db()
    res = selectors.round_results(rnd)
    assert not res.hidden
    top = res.ranked[0]
    assert top.question == q
    assert top.divergence == 3.0
    assert top.higher == "professional"
