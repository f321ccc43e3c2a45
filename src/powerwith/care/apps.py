from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "powerwith.care"
    label = "care"
