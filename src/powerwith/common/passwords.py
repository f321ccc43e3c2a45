"""Password rules, in our own words. The checks are Django's; only what they say is ours, so
that a person choosing a password is told plainly what to do next."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation as pv
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class _InOurWords:
    """Runs Django's check (the next class along) and says what it found with ``message``,
    which may use the validator's attributes, e.g. ``{min_length}``."""

    message: Any = ""
    code = ""
    help: Any = ""

    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)  # type: ignore[misc]
        except ValidationError:
            raise ValidationError(str(self.message).format(**vars(self)), code=self.code) from None

    def get_help_text(self) -> str:
        return str(self.help).format(**vars(self))


class MinimumLength(_InOurWords, pv.MinimumLengthValidator):
    message = _(
        "Make your password at least {min_length} characters long. A few random words in a "
        "row are easy to remember and hard to guess."
    )
    code = "password_too_short"
    help = _("At least {min_length} characters. A few random words in a row work well.")


class NotCommon(_InOurWords, pv.CommonPasswordValidator):
    message = _("That password is one of the most used, so it is easy to guess. Choose another.")
    code = "password_too_common"
    help = _("Not one of the passwords most people use.")


class NotLikeYou(_InOurWords, pv.UserAttributeSimilarityValidator):
    message = _("That password is too like your name or email address. Choose another.")
    code = "password_too_similar"
    help = _("Not like your name or email address.")


# Words about this site and what it is for: a password made mostly of them is among the first
# an attacker who knows where they are would try (ASVS 6.1.2). Kept short and plain.
CONTEXT_WORDS = (
    "powerwith",
    "power",
    "with",
    "coproduction",
    "codesign",
    "journey",
    "journeys",
    "facilitator",
    "member",
    "observer",
    "gathering",
    "password",
    "welcome",
)


class NotAboutUs:
    """Refuses a password that is little more than words from ``CONTEXT_WORDS`` with digits
    and punctuation around them ("PowerWith2026!"); a passphrase that merely contains one of
    them ("my long journey home by the sea") is fine."""

    min_left = 6  # letters that must remain once the site's words are taken out

    def validate(self, password: str, user: Any = None) -> None:
        letters = "".join(ch for ch in password.lower() if ch.isalpha())
        for word in sorted(CONTEXT_WORDS, key=len, reverse=True):
            letters = letters.replace(word, "")
        if len(letters) < self.min_left:
            raise ValidationError(
                gettext(
                    "That password is mostly words about this site, so it is easy to guess. "
                    "Choose another."
                ),
                code="password_about_us",
            )

    def get_help_text(self) -> str:
        return gettext("Not mostly words about this site, such as its name.")
