from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "powerwith.common"
    label = "common"
    verbose_name = "Common"
