from django.apps import AppConfig


class LeavingConfig(AppConfig):
    name = "powerwith.leaving"
    label = "leaving"

    def ready(self) -> None:
        # Follow-up reviews due and a legacy plan still to make, in the journey's
        # "What's next" panel (journeys/next_steps.py): journeys cannot import this app.
        from powerwith.journeys import next_steps as registry

        from . import next_steps

        registry.register("leaving", next_steps.provide, order=next_steps.ORDER)
