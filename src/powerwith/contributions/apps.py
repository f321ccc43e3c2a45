from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "powerwith.contributions"
    label = "contributions"
