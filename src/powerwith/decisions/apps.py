from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "powerwith.decisions"
    label = "decisions"

    def ready(self) -> None:
        # This app's part of the journey's "What's next" panel (journeys/next_steps.py).
        from powerwith.journeys import next_steps as registry

        from . import next_steps

        registry.register("decisions", next_steps.provide, order=next_steps.ORDER)
