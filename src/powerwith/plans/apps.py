from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "powerwith.plans"
    label = "plans"

    def ready(self) -> None:
        # Where the group is in its plan, on the journey's front page ("What's next") and on a
        # gathering's page; journeys and gatherings sit below this app and do not import it.
        from powerwith.gatherings import form_extras
        from powerwith.gatherings import panels as gathering_panels
        from powerwith.journeys import next_steps as registry

        from . import gathering_field, next_steps, panels

        registry.register("plans", next_steps.provide, order=next_steps.ORDER)
        gathering_panels.register("plans", panels.gathering_stage, order=5)
        # "Stage of the plan" on the gathering's own form, saved with the gathering.
        form_extras.register("plans", gathering_field.gathering_stage_field, order=10)
