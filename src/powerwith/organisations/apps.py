from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "powerwith.organisations"
    label = "organisations"
