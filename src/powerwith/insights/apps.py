from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "powerwith.insights"
    label = "insights"
