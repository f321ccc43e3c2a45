from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "powerwith.notices"
    label = "notices"

    def ready(self) -> None:
        # A fate change writes its notices in the same transaction (contributions/hooks.py),
        # and failed notices show on the journey's "What's next" panel (journeys/next_steps.py).
        from powerwith.contributions import hooks
        from powerwith.journeys import next_steps as registry

        from . import next_steps, services

        hooks.on_fate_change("notices", services.notices_for_fate_change)
        registry.register("notices", next_steps.provide, order=next_steps.ORDER)
