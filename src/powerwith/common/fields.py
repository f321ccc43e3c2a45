"""Reusable model pieces."""

from __future__ import annotations

from django.db import models

from powerwith.people import vocab as people_vocab


class RoleSnapshot(models.Model):
    """The role and side a person held on the date of the record (see people.services)."""

    role = models.CharField(max_length=24, choices=people_vocab.ROLES.choices, blank=True)
    side = models.CharField(max_length=12, choices=people_vocab.SIDES.choices, blank=True)

    class Meta:
        abstract = True
