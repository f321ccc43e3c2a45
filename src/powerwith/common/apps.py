from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


def _create_cache_table(using: str = "default", **kwargs: Any) -> None:
    """`migrate` also makes the shared cache's table (when the cache is in the database), so
    no deployment can forget it: every sign-in counts in it. It does nothing if it exists."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


def _figures_changed(**kwargs: Any) -> None:
    """After ``migrate`` no cached dashboard figures are trusted (common/figures.py)."""
    from .figures import everything_changed

    everything_changed()


class CommonConfig(AppConfig):
    name = "powerwith.common"
    label = "common"
    verbose_name = "Common"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from .ratelimit import count_wrong_password
        from .reading import copy_to_session

        post_migrate.connect(_create_cache_table, sender=self)
        post_migrate.connect(_figures_changed, sender=self)
        from .figures import row_changed

        post_save.connect(row_changed, dispatch_uid="powerwith.figures_saved")
        post_delete.connect(row_changed, dispatch_uid="powerwith.figures_deleted")
        # Security plumbing, like django-axes' own receivers: every failed sign-in, through any
        # door, counts towards the "sign_in" limit of its client address.
        user_login_failed.connect(count_wrong_password, dispatch_uid="powerwith.sign_in_limit")
        # An account's reading choice (language, easy read) comes into each new session.
        user_logged_in.connect(copy_to_session, dispatch_uid="powerwith.reading_choice")
        # Where each account is signed in (common/sessions.py), whatever the door.
        from django.contrib.auth.signals import user_logged_out

        from . import sessions

        user_logged_in.connect(sessions.signed_in, dispatch_uid="powerwith.session_start")
        user_logged_out.connect(sessions.signed_out, dispatch_uid="powerwith.session_end")
        # Each language's translation without the empty catalogues chained into it (common/i18n.py).
        from .i18n import drop_empty_fallbacks

        drop_empty_fallbacks()
