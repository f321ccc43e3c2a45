from typing import Any

from django.apps import AppConfig


def _is_admin(user: Any) -> bool:
    from .models import OrganisationRole
    from .vocab import ADMIN

    return OrganisationRole.objects.filter(user=user, role=ADMIN).exists()


class OrganisationsConfig(AppConfig):
    name = "powerwith.organisations"
    label = "organisations"

    def ready(self) -> None:
        from powerwith.common.twostep import register_required

        # An organisation's admins must use two-step sign-in (POWERWITH_REQUIRE_TWO_STEP).
        register_required(_is_admin)
