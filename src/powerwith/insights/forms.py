"""The dashboard's period chooser and the facilitator's warning-threshold settings."""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from powerwith.common.forms import date_field

from . import thresholds as th
from .period import Period

PRESETS = [
    ("all", "All time"),
    ("3m", "Last 3 months"),
    ("12m", "Last 12 months"),
    ("dates", "Between these dates"),
]


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` months earlier (the last day of that month if it is shorter)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(y, m + 1)[1]
    return datetime.date(y, m + 1, min(day.day, last))


def preset_period(preset: str, today: datetime.date) -> Period:
    if preset == "3m":
        return Period(start=months_before(today, 3) + datetime.timedelta(days=1), end=today)
    if preset == "12m":
        return Period(start=months_before(today, 12) + datetime.timedelta(days=1), end=today)
    return Period()


class PeriodForm(forms.Form):
    """A GET form: ``?period=3m`` or ``?from=2025-01-01&to=2025-03-31``, and ``compare``."""

    period = forms.ChoiceField(
        label="Period",
        choices=PRESETS,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose a period from the list."},
    )
    compare = forms.BooleanField(
        label="Compare with the period of the same length just before",
        required=False,
        help_text="Needs a start date.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these two fields are added by name.
        self.fields["from"] = date_field(
            "From",
            required=False,
            help_text="The first day to count. For example, 31 January 2025.",
        )
        self.fields["to"] = date_field(
            "To", required=False, help_text="The last day to count. Leave empty for up to today."
        )
        self.order_fields(["period", "from", "to", "compare"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        today = timezone.localdate()
        preset = data.get("period") or ("dates" if (start or end) else "all")
        data["period"] = preset
        if preset == "dates":
            if start and start > today:
                self.add_error("from", "The start date cannot be in the future.")
            if start and end and end < start:
                self.add_error("to", "The end date must be the same as or after the start date.")
            if not start and not end and not self.has_error("from") and not self.has_error("to"):
                self.add_error("from", "Enter a start date, an end date or both.")
        if data.get("compare") and preset == "dates" and not start and not self.errors:
            self.add_error(
                "compare", "To compare with the period before, enter a start date as well."
            )
        if data.get("compare") and preset == "all":
            self.add_error(
                "compare",
                "All time has no period before it. Choose a period with a start date to compare.",
            )
        return data

    def chosen(self) -> Period:
        """The period asked for (call after ``is_valid()``)."""
        data = self.cleaned_data
        if data["period"] == "dates":
            return Period(start=data.get("from"), end=data.get("to"))
        return preset_period(data["period"], timezone.localdate())


def _field_for(code: str, name: str, default: Any, value: Any) -> tuple[forms.Field, Any]:
    info = th.info(code, name, default)
    hint = info.hint + (f" Default: {_show(info.kind, default)}." if info.hint else "")
    if not info.hint:
        hint = f"Default: {_show(info.kind, default)}."
    label = info.label
    if info.kind == "share":
        field: forms.Field = forms.DecimalField(
            label=f"{label} (%)",
            help_text=hint,
            min_value=Decimal(0),
            max_value=Decimal(100),
            decimal_places=1,
            error_messages={
                "required": f"Enter a percentage for \u201c{label.lower()}\u201d.",
                "invalid": f"Enter a percentage from 0 to 100 for \u201c{label.lower()}\u201d, like 60.",
                "min_value": f"\u201c{label}\u201d must be 0%% or more.",
                "max_value": f"\u201c{label}\u201d must be 100%% or less.",
                "max_decimal_places": f"Use at most one decimal place for \u201c{label.lower()}\u201d.",
                "max_digits": f"Enter a percentage from 0 to 100 for \u201c{label.lower()}\u201d.",
            },
        )
        return field, round(float(value) * 100, 1)
    if info.kind == "ratio":
        top = info.maximum if info.maximum is not None else 1000
        field = forms.DecimalField(
            label=label,
            help_text=hint,
            min_value=Decimal(str(info.minimum)),
            max_value=Decimal(str(top)),
            decimal_places=2,
            error_messages={
                "required": f"Enter a number for \u201c{label.lower()}\u201d.",
                "invalid": f"Enter a number for \u201c{label.lower()}\u201d, like 0.5.",
                "min_value": f"\u201c{label}\u201d must be {info.minimum:g} or more.",
                "max_value": f"\u201c{label}\u201d must be {top:g} or less.",
                "max_decimal_places": f"Use at most two decimal places for \u201c{label.lower()}\u201d.",
                "max_digits": f"Enter a number for \u201c{label.lower()}\u201d, like 0.5.",
            },
        )
        return field, value
    top_i = int(info.maximum) if info.maximum is not None else 10000
    unit = "days" if info.kind == "days" else "a whole number"
    field = forms.IntegerField(
        label=label,
        help_text=hint,
        min_value=int(info.minimum),
        max_value=top_i,
        error_messages={
            "required": f"Enter {unit} for \u201c{label.lower()}\u201d.",
            "invalid": f"Enter a whole number for \u201c{label.lower()}\u201d, like 3.",
            "min_value": f"\u201c{label}\u201d must be {int(info.minimum)} or more.",
            "max_value": f"\u201c{label}\u201d must be {top_i} or less.",
        },
    )
    return field, value


def _show(kind: str, value: Any) -> str:
    if kind == "share":
        return f"{round(float(value) * 100, 1):g}%"
    if kind == "days":
        return f"{value} days"
    return f"{value}"


def field_name(code: str, name: str) -> str:
    return f"{code}__{name}"


class ThresholdsForm(forms.Form):
    """One field per threshold of every section, grouped by warning sign in the template."""

    def __init__(self, *args: Any, journey: Any, **kwargs: Any) -> None:
        current = th.thresholds_for(journey)
        self.defaults = th.defaults()
        initial = {}
        fields: dict[str, forms.Field] = {}
        self.groups: list[tuple[str, list[str]]] = []
        for code, values in self.defaults.items():
            names = []
            for name, default in values.items():
                field, shown = _field_for(code, name, default, current[code][name])
                key = field_name(code, name)
                fields[key] = field
                initial[key] = shown
                names.append(key)
            self.groups.append((code, names))
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields.update(fields)

    def values(self) -> dict[str, dict[str, Any]]:
        """The cleaned values in the stored form: shares as fractions, whole numbers as int."""
        out: dict[str, dict[str, Any]] = {}
        for code, values in self.defaults.items():
            for name, default in values.items():
                raw = self.cleaned_data[field_name(code, name)]
                kind = th.info(code, name, default).kind
                if kind == "share":
                    value: Any = round(float(raw) / 100, 4)
                elif kind == "ratio":
                    value = float(raw)
                else:
                    value = int(raw)
                out.setdefault(code, {})[name] = value
        return out

    def grouped(self) -> list[tuple[str, list[Any]]]:
        return [(code, [self[name] for name in names]) for code, names in self.groups]
