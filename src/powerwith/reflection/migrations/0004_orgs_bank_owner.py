"""An organisation's question bank belongs to an organisation (an identity), not to a name.

Each bank that named an organisation goes to an organisation with that name, made by the
journeys migration before this one (one per name and journey creator). Where several have the
name, the bank goes to the one its author is an admin of; failing that, one hosting a journey
the author facilitates; failing that, the earliest. So versions that someone outside an
organisation wrote under its name go to that person's own organisation, not to the one they
imitated. A name no journey uses any more gets an organisation of its own, with the bank's
author as admin. The old text column goes in the next migration."""

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


def owners_from_names(apps: Any, schema_editor: Any) -> None:
    QuestionBank = apps.get_model("reflection", "QuestionBank")
    Organisation = apps.get_model("organisations", "Organisation")
    Role = apps.get_model("organisations", "OrganisationRole")
    Membership = apps.get_model("journeys", "Membership")
    for bank in QuestionBank.objects.exclude(organisation_name="").order_by("pk"):
        name = bank.organisation_name.strip()[:200]
        candidates = list(Organisation.objects.filter(name=name).order_by("pk"))
        author = bank.created_by_id
        chosen = None
        if author and candidates:
            admin_of = set(
                Role.objects.filter(user_id=author, role="admin").values_list(
                    "organisation_id", flat=True
                )
            )
            hosts_of = set(
                Membership.objects.filter(user_id=author, role="facilitator")
                .exclude(journey__host__isnull=True)
                .values_list("journey__host_id", flat=True)
            )
            chosen = next((o for o in candidates if o.pk in admin_of), None) or next(
                (o for o in candidates if o.pk in hosts_of), None
            )
        if chosen is None and candidates:
            chosen = candidates[0]
        if chosen is None:
            chosen = Organisation.objects.create(
                name=name, slug=_slug(Organisation, name), created_by_id=author
            )
            if author:
                Role.objects.create(organisation=chosen, user_id=author, role="admin")
        bank.organisation = chosen
        bank.save(update_fields=["organisation"])


def names_from_owners(apps: Any, schema_editor: Any) -> None:
    QuestionBank = apps.get_model("reflection", "QuestionBank")
    for bank in QuestionBank.objects.filter(organisation__isnull=False).select_related(
        "organisation"
    ):
        bank.organisation_name = bank.organisation.name
        bank.save(update_fields=["organisation_name"])


class Migration(migrations.Migration):
    dependencies = [
        ("reflection", "0003_anon_no_day_on_anonymous_answers"),
        ("journeys", "0003_orgs_host"),
        ("organisations", "0001_orgs_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="questionbank", name="reflection_org_bank_version_unique"
        ),
        migrations.RemoveConstraint(model_name="questionbank", name="reflection_bank_has_one_owner"),
        migrations.RenameField(
            model_name="questionbank", old_name="organisation", new_name="organisation_name"
        ),
        migrations.AddField(
            model_name="questionbank",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="question_banks",
                to="organisations.organisation",
            ),
        ),
        migrations.RunPython(owners_from_names, names_from_owners),
    ]
