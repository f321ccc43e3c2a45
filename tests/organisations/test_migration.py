"""The migration from free-text host names to organisations: journeys that different people
created under one name are not merged (that merge was the attack of issue 13), creators become
admins, and each bank goes to the organisation its author belongs to."""

from __future__ import annotations

from typing import Any

from tests.empty_db import empty_database, migrate_to

BEFORE = [("journeys", "0002_initial"), ("reflection", "0003_anon_no_day_on_anonymous_answers")]
AFTER = [("journeys", "0004_orgs_drop_host_text"), ("reflection", "0005_orgs_drop_bank_owner_text")]


def test_host_names_become_organisations_without_merging_namesakes(
    django_db_setup: None, django_db_blocker: Any
) -> None:
    with django_db_blocker.unblock(), empty_database():
        _check_the_migration()


def _check_the_migration() -> None:
    apps = migrate_to(BEFORE)
    User = apps.get_model("auth", "User")
    Journey = apps.get_model("journeys", "Journey")
    Membership = apps.get_model("journeys", "Membership")
    Bank = apps.get_model("reflection", "QuestionBank")
    a, b, c = (User.objects.create(username=n, email=f"{n}@example.org") for n in "abc")
    made = {
        slug: Journey.objects.create(slug=slug, title=slug, host_organisation=host, created_by=by)
        for slug, host, by in (
            ("j1", "Riverside Trust", a),
            ("j2", " Riverside Trust", b),  # someone else, same name
            ("j3", "Riverside Trust", a),
            ("j4", "Gone Trust", None),  # its creator closed their account
            ("j5", "", a),
        )
    }
    Membership.objects.create(journey=made["j4"], user=c, role="facilitator")
    Membership.objects.create(journey=made["j1"], user=c, role="facilitator")
    for version, by in ((1, a), (2, b), (3, c)):
        Bank.objects.create(
            key="lenses",
            version=version,
            kind="lenses",
            title="L",
            organisation="Riverside Trust",
            created_by=by,
        )
    Bank.objects.create(
        key="own-x", version=1, kind="own", title="X", organisation="Old Name", created_by=c
    )
    apps = migrate_to(AFTER)
    Org = apps.get_model("organisations", "Organisation")
    orgs = {
        o.slug: (
            o.name,
            o.created_by_id and User.objects.get(pk=o.created_by_id).username,
            sorted((r.user.username, r.role) for r in o.roles.all()),
        )
        for o in Org.objects.all()
    }
    assert orgs == {
        "riverside-trust": ("Riverside Trust", "a", [("a", "admin")]),
        "riverside-trust-2": ("Riverside Trust", "b", [("b", "admin")]),
        "gone-trust": ("Gone Trust", None, [("c", "admin")]),
        "old-name": ("Old Name", "c", [("c", "admin")]),
    }
    Journey = apps.get_model("journeys", "Journey")
    hosts = dict(Journey.objects.values_list("slug", "host__slug"))
    assert hosts == {
        "j1": "riverside-trust",
        "j2": "riverside-trust-2",
        "j3": "riverside-trust",
        "j4": "gone-trust",
        "j5": None,
    }
    Bank = apps.get_model("reflection", "QuestionBank")
    owners = list(
        Bank.objects.filter(builtin=False)
        .order_by("key", "version")
        .values_list("key", "version", "organisation__slug")
    )
    # Version 2 was written by someone outside the first organisation: it goes to theirs.
    # Version 3's author facilitates a journey the first one hosts.
    assert owners == [
        ("lenses", 1, "riverside-trust"),
        ("lenses", 2, "riverside-trust-2"),
        ("lenses", 3, "riverside-trust"),
        ("own-x", 1, "old-name"),
    ]
