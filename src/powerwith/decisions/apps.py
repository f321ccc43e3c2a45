from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "powerwith.decisions"
    label = "decisions"
