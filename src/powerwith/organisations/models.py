"""An organisation as one identity across the site, and the people who act for it.

Not the same thing as ``people.Organisation``, which is an entry in one journey's register of
organisations taking part. This one hosts journeys and owns the question banks they share, so
it is found by its id, never by its name: two organisations may have the same name."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from powerwith.common.models import TimeStamped

from . import vocab


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    kind = models.CharField(max_length=16, choices=vocab.KINDS.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["name", "slug"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("organisations:detail", kwargs={"org_slug": self.slug})


class OrganisationRole(TimeStamped):
    """A user's role in an organisation: the one source of truth for organisation access."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    role = models.CharField(max_length=16, choices=vocab.ROLES.choices)

    class Meta:
        ordering = ["organisation", "role", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="one_role_per_user_per_organisation"
            ),
            models.CheckConstraint(
                condition=models.Q(role__in=[vocab.ADMIN, vocab.VIEWER]),
                name="organisation_role_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.organisation} as {self.role}"
