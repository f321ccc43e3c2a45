from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "powerwith.plans"
    label = "plans"

    def ready(self) -> None:
        # Where the group is in its plan, on the journey's front page ("What's next") and on a
        # gathering's page; journeys and gatherings sit below this app and do not import it.
        from powerwith.gatherings import panels as gathering_panels
        from powerwith.journeys import next_steps as registry

        from . import next_steps, panels

        registry.register("plans", next_steps.provide, order=next_steps.ORDER)
        gathering_panels.register("plans", panels.gathering_stage, order=5)
