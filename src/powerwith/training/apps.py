from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "powerwith.training"
    label = "training"

    def ready(self) -> None:
        # A session's before and after questions are for its own people (reflection/hooks.py).
        from powerwith.reflection import hooks as reflection_hooks

        from . import hooks

        reflection_hooks.on_who_answers("training", hooks.who_answers, people=hooks.trainees)
