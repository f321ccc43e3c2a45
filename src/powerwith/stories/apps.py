from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "powerwith.stories"
    label = "stories"
