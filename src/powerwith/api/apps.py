from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "powerwith.api"
    label = "api"
