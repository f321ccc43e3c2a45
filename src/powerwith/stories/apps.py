from django.apps import AppConfig
from django.db.models.signals import post_delete


class StoriesConfig(AppConfig):
    name = "powerwith.stories"
    label = "stories"

    def ready(self) -> None:
        from .cleanup import discard_file_of
        from .models import StoryFile

        post_delete.connect(
            discard_file_of, sender=StoryFile, dispatch_uid="powerwith.stories.discard_file"
        )
