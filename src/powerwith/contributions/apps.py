from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "powerwith.contributions"
    label = "contributions"

    def ready(self) -> None:
        # This app's part of the journey's "What's next" panel (journeys/next_steps.py).
        from powerwith.journeys import next_steps as registry

        from . import next_steps

        registry.register("contributions", next_steps.provide, order=next_steps.ORDER)
