from django.apps import AppConfig


class GatheringsConfig(AppConfig):
    name = "powerwith.gatherings"
    label = "gatherings"
