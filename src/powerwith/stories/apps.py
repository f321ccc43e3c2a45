from django.apps import AppConfig
from django.db.models.signals import post_delete


class StoriesConfig(AppConfig):
    name = "powerwith.stories"
    label = "stories"

    def ready(self) -> None:
        # The films shown at a gathering, on its page; gatherings sits below this app.
        from powerwith.gatherings import panels as gathering_panels

        from . import panels
        from .cleanup import discard_file_of
        from .models import StoryFile

        gathering_panels.register("stories", panels.gathering_films, order=15)

        post_delete.connect(
            discard_file_of, sender=StoryFile, dispatch_uid="powerwith.stories.discard_file"
        )
