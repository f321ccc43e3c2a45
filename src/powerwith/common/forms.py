"""Form helpers: GOV.UK-style rendering, and service errors mapped back onto form fields."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


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


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"


def date_field(label: str, *, required: bool = True, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text or "For example, 27 3 2026 or use the date picker.",
        widget=DateInput(),
        error_messages={
            "invalid": f"Enter a real date for \u201c{label.lower()}\u201d, like 27/03/2026.",
            "required": f"Enter {label.lower()}.",
        },
    )


class SignUpForm(forms.Form):
    name = forms.CharField(label="Your name", max_length=120, help_text="A first name is fine.")
    email = forms.EmailField(label="Email address")
    password = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput,
        min_length=10,
        help_text="At least 10 characters. A few random words work well.",
        error_messages={"min_length": "Your password needs at least 10 characters."},
    )
