from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "powerwith.reports"
    label = "reports"
