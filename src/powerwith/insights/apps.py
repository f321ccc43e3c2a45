from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "powerwith.insights"
    label = "insights"

    def ready(self) -> None:
        # The organisation's view across its journeys, on the organisation's page
        # (organisations/panels.py: that app sits below this one and cannot import it).
        from powerwith.organisations import panels

        from . import organisation_present

        panels.register("insights", organisation_present.provide, order=10)
