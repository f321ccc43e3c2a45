from django.apps import AppConfig


class ReflectionConfig(AppConfig):
    name = "powerwith.reflection"
    label = "reflection"
