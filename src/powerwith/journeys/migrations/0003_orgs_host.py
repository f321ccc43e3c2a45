"""A journey's host becomes an organisation (an identity), no longer a free-text name.

Each distinct host name becomes one organisation per (name, creator of the journey): journeys
that different people created under the same name are NOT merged, since a shared name is not
proof of a shared organisation (merging them is what let anyone reach another organisation's
question banks). The creator becomes the organisation's admin. A journey whose creator's
account is gone gets an organisation of its own, with the journey's facilitators as admins.
Organisations with the same name get distinct slugs. The text field goes in the next migration
(PostgreSQL cannot alter a table with row changes still pending in the same transaction)."""

from typing import Any

import django.db.models.deletion
from django.db import migrations, models
from django.utils.text import slugify


def _slug(Organisation: Any, name: str) -> str:
    base = slugify(name)[:50] or "organisation"
    slug, n = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def hosts_from_names(apps: Any, schema_editor: Any) -> None:
    Journey = apps.get_model("journeys", "Journey")
    Membership = apps.get_model("journeys", "Membership")
    Organisation = apps.get_model("organisations", "Organisation")
    Role = apps.get_model("organisations", "OrganisationRole")
    made: dict[tuple[Any, ...], Any] = {}
    for journey in Journey.objects.exclude(host_organisation="").order_by("pk"):
        name = journey.host_organisation.strip()[:200]
        if not name:
            continue
        creator = journey.created_by_id
        key = (name, creator) if creator else (name, "journey", journey.pk)
        org = made.get(key)
        if org is None:
            org = made[key] = Organisation.objects.create(
                name=name, slug=_slug(Organisation, name), created_by_id=creator
            )
            admins = (
                [creator]
                if creator
                else Membership.objects.filter(journey=journey, role="facilitator")
                .order_by("pk")
                .values_list("user_id", flat=True)
            )
            for user_id in admins:
                Role.objects.get_or_create(
                    organisation=org, user_id=user_id, defaults={"role": "admin"}
                )
        journey.host = org
        journey.save(update_fields=["host"])


def names_from_hosts(apps: Any, schema_editor: Any) -> None:
    Journey = apps.get_model("journeys", "Journey")
    for journey in Journey.objects.filter(host__isnull=False).select_related("host"):
        journey.host_organisation = journey.host.name
        journey.save(update_fields=["host_organisation"])


class Migration(migrations.Migration):
    dependencies = [
        ("journeys", "0002_initial"),
        ("organisations", "0001_orgs_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="journey",
            name="host",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="hosted_journeys",
                to="organisations.organisation",
            ),
        ),
        migrations.RunPython(hosts_from_names, names_from_hosts),
    ]
