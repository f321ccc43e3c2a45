from django.apps import AppConfig


class TrialsConfig(AppConfig):
    name = "powerwith.trials"
    label = "trials"
