from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "powerwith.outreach"
    label = "outreach"

    def ready(self) -> None:
        # The organisation's page shows the network of groups its journeys work with
        # (organisations/panels.py: that app sits below this one and cannot import it).
        from powerwith.organisations import panels

        from . import network

        panels.register("outreach", network.provide, order=20)
