from django.apps import AppConfig


class CommongroundConfig(AppConfig):
    name = "powerwith.commonground"
    label = "commonground"
    verbose_name = "Common ground"
