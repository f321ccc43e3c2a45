from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "powerwith.demo"
    label = "demo"
