from django.apps import AppConfig


class JourneysConfig(AppConfig):
    name = "powerwith.journeys"
    label = "journeys"
