"""Password rules, in our own words. The checks are Django's; only what they say is ours, so
that a person choosing a password is told plainly what to do next."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation as pv
from django.core.exceptions import ValidationError


class MinimumLength(pv.MinimumLengthValidator):
    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                f"Make your password at least {self.min_length} characters long. A few "
                "random words in a row are easy to remember and hard to guess.",
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        return f"At least {self.min_length} characters. A few random words in a row work well."


class NotCommon(pv.CommonPasswordValidator):
    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "That password is one of the most used, so it is easy to guess. Choose another.",
                code="password_too_common",
            ) from None

    def get_help_text(self) -> str:
        return "Not one of the passwords most people use."


class NotLikeYou(pv.UserAttributeSimilarityValidator):
    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError:
            raise ValidationError(
                "That password is too like your name or email address. Choose another.",
                code="password_too_similar",
            ) from None

    def get_help_text(self) -> str:
        return "Not like your name or email address."
