# Statement rounds get pages: a public link (its own random token each), how each participant's
# responses reached us, and the key of the code to continue on another device.

import secrets
from typing import Any

from django.db import migrations, models

import powerwith.commonground.models


def give_tokens(apps: Any, schema_editor: Any) -> None:
    StatementRound = apps.get_model("commonground", "StatementRound")
    for rnd in StatementRound.objects.filter(link_token__isnull=True):
        rnd.link_token = secrets.token_urlsafe(16)
        rnd.save(update_fields=["link_token"])
    # Imported rounds' participants came from Pol.is.
    Participant = apps.get_model("commonground", "Participant")
    Participant.objects.exclude(round__source="").update(channel="imported")


class Migration(migrations.Migration):
    dependencies = [
        ("commonground", "0001_polis_statement_rounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="statementround",
            name="open_by_link",
            field=models.BooleanField(default=True),
        ),
        migrations.AddField(
            model_name="statementround",
            name="link_token",
            field=models.CharField(max_length=32, null=True),
        ),
        migrations.AddField(
            model_name="participant",
            name="channel",
            field=models.CharField(
                choices=[("online", "Online"), ("paper", "Paper sheet"), ("imported", "Imported")],
                default="online",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="participant",
            name="resume_key",
            field=models.CharField(blank=True, db_index=True, max_length=64),
        ),
        migrations.RunPython(give_tokens, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="statementround",
            name="link_token",
            field=models.CharField(
                default=powerwith.commonground.models.new_link_token, max_length=32, unique=True
            ),
        ),
    ]
