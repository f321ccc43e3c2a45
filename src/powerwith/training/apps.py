from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "powerwith.training"
    label = "training"
