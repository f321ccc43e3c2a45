"""Password rules, in our own words. The checks are Django's; only what they say is ours, so
that a person choosing a password is told plainly what to do next."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation as pv
from django.core.exceptions import ValidationError


class _InOurWords:
    """Runs Django's check (the next class along) and says what it found with ``message``,
    which may use the validator's attributes, e.g. ``{min_length}``."""

    message = ""
    code = ""
    help = ""

    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)  # type: ignore[misc]
        except ValidationError:
            raise ValidationError(self.message.format(**vars(self)), code=self.code) from None

    def get_help_text(self) -> str:
        return self.help.format(**vars(self))


class MinimumLength(_InOurWords, pv.MinimumLengthValidator):
    message = (
        "Make your password at least {min_length} characters long. A few random words in a "
        "row are easy to remember and hard to guess."
    )
    code = "password_too_short"
    help = "At least {min_length} characters. A few random words in a row work well."


class NotCommon(_InOurWords, pv.CommonPasswordValidator):
    message = "That password is one of the most used, so it is easy to guess. Choose another."
    code = "password_too_common"
    help = "Not one of the passwords most people use."


class NotLikeYou(_InOurWords, pv.UserAttributeSimilarityValidator):
    message = "That password is too like your name or email address. Choose another."
    code = "password_too_similar"
    help = "Not like your name or email address."
