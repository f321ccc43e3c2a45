from django.apps import AppConfig


class GroundRulesConfig(AppConfig):
    name = "powerwith.groundrules"
    label = "groundrules"

    def ready(self) -> None:
        # What this app shows on pages of the apps below it (the agreement page, a gathering's
        # page) and what it does when the journey's purpose is changed on its settings page:
        # registered there, so they never import this app.
        from powerwith.gatherings import panels as gathering_panels
        from powerwith.journeys import hooks as journey_hooks
        from powerwith.journeys import panels as journey_panels

        from . import panels, services

        journey_panels.register("framing", panels.framing_panel, order=10, place="top")
        journey_panels.register("groundrules", panels.agreement_panel, order=10, place="bottom")
        gathering_panels.register("groundrules", panels.gathering_panel, order=10)
        journey_hooks.on_purpose_change("groundrules", services.purpose_from_settings)
