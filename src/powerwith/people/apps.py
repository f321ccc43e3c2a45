from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "powerwith.people"
    label = "people"
