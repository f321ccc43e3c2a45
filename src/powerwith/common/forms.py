"""Form helpers: GOV.UK-style rendering, and service errors mapped back onto form fields."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .inputs import parse_id
from .passwords import MinimumLength

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class DescribedBoundField(BoundField):
    """Links an input to its error message as well as its hint, for screen readers."""

    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        if self.errors and self.auto_id:
            ids = [f"{self.auto_id}_error"]
            if self.help_text:
                ids.append(f"{self.auto_id}_helptext")
            attrs["aria-describedby"] = " ".join(ids)
        return attrs


class Renderer(TemplatesSetting):
    """Renders every form with a label, a hint, a specific error and the value typed kept."""

    form_template_name = "common/forms/form.html"
    field_template_name = "common/forms/field.html"
    bound_field_class = DescribedBoundField


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the named field where the form has it,
    otherwise at the top. The user's input stays in the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                for message in error.messages:
                    form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


# --- Choosing records by id ---------------------------------------------------------------------
# Django hands the value typed to the database: for several ids it asks ``pk__in=[...]``, and
# SQLite cannot hold 10**20 (OverflowError, a server error). These fields refuse anything that
# cannot be an id (``common.inputs.parse_id``) before any query, with the field's own
# "choose from the list" message. Every form in the product uses them instead of Django's.


def _not_an_id(field: forms.ModelChoiceField, value: Any) -> bool:
    """True when ``value`` (a submitted value, not a record) cannot be an id of the field's
    records; fields choosing by another column (``to_field_name``) are left to Django."""
    model = field.queryset.model if field.queryset is not None else None
    if field.to_field_name or (model is not None and isinstance(value, model)):
        return False
    return parse_id(value) is None


class ModelChoiceField(forms.ModelChoiceField):
    """Django's ModelChoiceField, refusing what cannot be an id before asking the database."""

    def to_python(self, value: Any) -> Any:
        if value not in self.empty_values and _not_an_id(self, value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's ModelMultipleChoiceField, refusing what cannot be an id before asking the
    database."""

    def clean(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            for pk in value:
                if _not_an_id(self, pk):
                    raise ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        return super().clean(value)


class LabelledChoicesForm(forms.Form):
    """A form whose choice fields say which question a wrong choice was for ("Choose one of
    the options for “Kind”"), unless a field already has its own "from the list" message."""

    def full_clean(self) -> None:
        # Here rather than in __init__, so fields added by subclasses are covered too.
        for field in self.fields.values():
            if isinstance(field, forms.ChoiceField):
                messages = field.error_messages
                if "from the list" not in str(messages.get("invalid_choice", "")):
                    messages["invalid_choice"] = _("Choose one of the options for “%(label)s”.") % {
                        "label": field.label
                    }
                if isinstance(field, forms.MultipleChoiceField):
                    messages["invalid_list"] = _("Choose options for “%(label)s”.") % {
                        "label": field.label
                    }
        super().full_clean()


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"


# The label in lower case, in the reader's language (a label may be a lazy translation).
_lower = lazy(lambda text: str(text).lower(), str)


def date_field(
    label: StrOrPromise, *, required: bool = True, help_text: StrOrPromise = ""
) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text or _("For example, 27 3 2026 or use the date picker."),
        widget=DateInput(),
        error_messages={
            "invalid": format_lazy(
                _("Enter a real date for “{label}”, like 27/03/2026."),
                label=_lower(label),
            ),
            "required": format_lazy(_("Enter {label}."), label=_lower(label)),
        },
    )


class SignUpForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"), max_length=120, help_text=_("A first name is fine.")
    )
    email = forms.EmailField(label=_("Email address"))
    password = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput,
        min_length=10,
        help_text=_("At least 10 characters. A few random words work well."),
        error_messages={"min_length": _("Your password needs at least 10 characters.")},
    )

    def clean(self) -> dict[str, Any]:
        """The same password rules as changing a password (settings.AUTH_PASSWORD_VALIDATORS),
        checked against the name and email typed here."""
        data = super().clean() or {}
        password = data.get("password")
        if password:
            someone = get_user_model()(email=data.get("email", ""), first_name=data.get("name", ""))
            try:
                password_validation.validate_password(password, someone)
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


# --- Your account: changing a password, and a forgotten one ------------------------------------

_MISMATCH = _("The two new passwords are not the same. Type the same password in both boxes.")


def _length_rule() -> str:
    """The length rule's own help text (settings.AUTH_PASSWORD_VALIDATORS), so the number said
    is the number checked."""
    rules = password_validation.get_default_password_validators()
    return next(r.get_help_text() for r in rules if isinstance(r, MinimumLength))


def _new_password_fields(form: forms.Form) -> None:
    """Our labels and messages on Django's two new-password fields."""
    new1, new2 = form.fields["new_password1"], form.fields["new_password2"]
    new1.label, new2.label = _("New password"), _("New password again")
    new1.help_text = _length_rule()
    new2.help_text = _("The same again, to be sure it is what you meant.")
    new1.error_messages["required"] = _("Enter a new password.")
    new2.error_messages["required"] = _("Enter the new password a second time.")


class SignInForm(auth_forms.AuthenticationForm):
    """Django's sign-in form, not fussy about the case of an email address: sign-up stores
    addresses in lower case, so ``MO@Example.org`` is looked up as ``mo@example.org``. An
    account made in mixed case some other way (``createsuperuser``) is matched exactly as
    before; no lookup ignores case, so two accounts differing only in case can never both
    match (``username`` stays unique and case-sensitive in the database)."""

    def clean_username(self) -> str:
        typed = str(self.cleaned_data.get("username") or "").strip()
        lower = typed.lower()
        if lower != typed and get_user_model().objects.filter(username=lower).exists():
            return lower
        return typed


class ChangePasswordForm(auth_forms.PasswordChangeForm):
    error_messages = {
        **auth_forms.PasswordChangeForm.error_messages,
        "password_incorrect": _("That is not your current password. Check it and try again."),
        "password_mismatch": _MISMATCH,
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        old = self.fields["old_password"]
        old.label = _("Your current password")
        old.error_messages["required"] = _("Enter your current password.")
        _new_password_fields(self)


class NewPasswordForm(auth_forms.SetPasswordForm):
    error_messages = {**auth_forms.SetPasswordForm.error_messages, "password_mismatch": _MISMATCH}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _new_password_fields(self)


class ForgottenPasswordForm(auth_forms.PasswordResetForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.label = _("Email address")
        email.help_text = _("The one you sign in with.")
        email.error_messages.update(
            {
                "required": _("Enter the email address you sign in with."),
                "invalid": _("Enter an email address like name@example.org."),
            }
        )


class CloseAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("To be sure it is you."),
        error_messages={"required": _("Enter your password to close your account.")},
    )


# --- Two-step sign-in -----------------------------------------------------------------------------


class TwoStepCodeForm(forms.Form):
    """A code from an authenticator app (or, where ``recovery`` is allowed, a recovery code)."""

    code = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=40,
        help_text=_("6 digits, for example 123456."),
        error_messages={"required": _("Enter the 6-digit code from your authenticator app.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "input--code",
            }
        ),
    )

    def __init__(self, *args: Any, recovery: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if recovery:
            field = self.fields["code"]
            field.label = _("Code")
            field.help_text = _(
                "The 6 digits your authenticator app shows now, or one of your recovery codes "
                "(10 letters and numbers, like abcde-23456)."
            )
            field.error_messages["required"] = _(
                "Enter the 6-digit code from your app, or a recovery code."
            )
            field.widget.attrs["inputmode"] = "text"
