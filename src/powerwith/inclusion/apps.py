from django.apps import AppConfig


class InclusionConfig(AppConfig):
    name = "powerwith.inclusion"
    label = "inclusion"
