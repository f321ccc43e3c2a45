"""Invitation tokens are stored as their SHA-256 hash. Links already sent keep working: the
token in the link hashes to what is stored. Going back cannot recover the tokens (that is the
point), so links made before going back stop working then."""

import hashlib
from typing import Any

from django.db import migrations


def hash_tokens(apps: Any, schema_editor: Any) -> None:
    Invitation = apps.get_model("journeys", "Invitation")
    for inv in Invitation.objects.only("pk", "token_hash").iterator():
        inv.token_hash = hashlib.sha256(inv.token_hash.encode()).hexdigest()
        inv.save(update_fields=["token_hash"])


class Migration(migrations.Migration):
    dependencies = [("journeys", "0005_voteux_limit_shared_by")]

    operations = [
        migrations.RenameField("invitation", "token", "token_hash"),
        migrations.RunPython(hash_tokens, migrations.RunPython.noop),
    ]
