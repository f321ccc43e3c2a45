from typing import Any

from django.apps import AppConfig


def _facilitates(user: Any) -> bool:
    from .models import Membership
    from .vocab import FACILITATOR

    return Membership.objects.filter(user=user, role=FACILITATOR).exists()


class JourneysConfig(AppConfig):
    name = "powerwith.journeys"
    label = "journeys"

    def ready(self) -> None:
        from powerwith.common.twostep import register_required

        # Facilitators of any journey must use two-step sign-in (POWERWITH_REQUIRE_TWO_STEP).
        register_required(_facilitates)
