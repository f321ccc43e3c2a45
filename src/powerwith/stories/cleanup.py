"""Storage housekeeping, not domain logic: when a story's file row is deleted by any route (a
journey deleted with everything in it, from the admin or the demo's reset; erasure; a
withdrawal), its file in storage is deleted too, once the deletion is committed. A rolled-back
deletion keeps its file, so a row never points at a file that is gone."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from powerwith.common import files


def discard_file_of(sender: Any, instance: Any, **kwargs: Any) -> None:
    """``post_delete`` of a ``StoryFile``: delete its stored file after the commit."""
    name = instance.name
    transaction.on_commit(lambda: files.discard(name), using=kwargs.get("using"))
