from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "powerwith.rights"
    label = "rights"
    verbose_name = "People's rights"
