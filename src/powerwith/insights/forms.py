"""The dashboard's period chooser and the facilitator's warning-threshold settings."""

from __future__ import annotations

import calendar
import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from powerwith.common.forms import date_field

from . import thresholds as th
from .period import Period

PRESETS = [
    ("all", gettext_lazy("All time")),
    ("3m", gettext_lazy("Last 3 months")),
    ("12m", gettext_lazy("Last 12 months")),
    ("dates", gettext_lazy("Between these dates")),
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
        label=gettext_lazy("Period"),
        choices=PRESETS,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": gettext_lazy("Choose a period from the list.")},
    )
    compare = forms.BooleanField(
        label=gettext_lazy("Compare with the period of the same length just before"),
        required=False,
        help_text=gettext_lazy("Needs a start date."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # "from" is a Python keyword, so these two fields are added by name.
        self.fields["from"] = date_field(
            _("From"),
            required=False,
            help_text=_("The first day to count. For example, 31 January 2025."),
        )
        self.fields["to"] = date_field(
            pgettext("end of a date range", "To"),
            required=False,
            help_text=_("The last day to count. Leave empty for up to today."),
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
                self.add_error("from", _("The start date cannot be in the future."))
            if start and end and end < start:
                self.add_error("to", _("The end date must be the same as or after the start date."))
            if not start and not end and not self.has_error("from") and not self.has_error("to"):
                self.add_error("from", _("Enter a start date, an end date or both."))
        if data.get("compare") and preset == "dates" and not start and not self.errors:
            self.add_error(
                "compare", _("To compare with the period before, enter a start date as well.")
            )
        if data.get("compare") and preset == "all":
            self.add_error(
                "compare",
                _(
                    "All time has no period before it. Choose a period with a start date to compare."
                ),
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
    default_words = _("Default: %(value)s.") % {"value": _show(info.kind, default)}
    hint = f"{info.hint} {default_words}" if info.hint else default_words
    label = str(info.label)
    # Django formats these messages with its own %-parameters, so a % of ours is written %%.
    named = {"label": label.lower(), "Label": label}
    if info.kind == "share":
        field: forms.Field = forms.DecimalField(
            label=_("%(label)s (%%)") % {"label": label},
            help_text=hint,
            min_value=Decimal(0),
            max_value=Decimal(100),
            decimal_places=1,
            error_messages={
                "required": _("Enter a percentage for “%(label)s”.") % named,
                "invalid": _("Enter a percentage from 0 to 100 for “%(label)s”, like 60.") % named,
                "min_value": _("“%(Label)s” must be %(limit)s or more.")
                % {**named, "limit": "0%%"},
                "max_value": _("“%(Label)s” must be %(limit)s or less.")
                % {**named, "limit": "100%%"},
                "max_decimal_places": _("Use at most one decimal place for “%(label)s”.") % named,
                "max_digits": _("Enter a percentage from 0 to 100 for “%(label)s”.") % named,
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
                "required": _("Enter a number for “%(label)s”.") % named,
                "invalid": _("Enter a number for “%(label)s”, like 0.5.") % named,
                "min_value": _("“%(Label)s” must be %(limit)s or more.")
                % {**named, "limit": f"{info.minimum:g}"},
                "max_value": _("“%(Label)s” must be %(limit)s or less.")
                % {**named, "limit": f"{top:g}"},
                "max_decimal_places": _("Use at most two decimal places for “%(label)s”.") % named,
                "max_digits": _("Enter a number for “%(label)s”, like 0.5.") % named,
            },
        )
        return field, value
    top_i = int(info.maximum) if info.maximum is not None else 10000
    required = (
        _("Enter days for “%(label)s”.")
        if info.kind == "days"
        else _("Enter a whole number for “%(label)s”.")
    )
    field = forms.IntegerField(
        label=label,
        help_text=hint,
        min_value=int(info.minimum),
        max_value=top_i,
        error_messages={
            "required": required % named,
            "invalid": _("Enter a whole number for “%(label)s”, like 3.") % named,
            "min_value": _("“%(Label)s” must be %(limit)s or more.")
            % {**named, "limit": int(info.minimum)},
            "max_value": _("“%(Label)s” must be %(limit)s or less.") % {**named, "limit": top_i},
        },
    )
    return field, value


def _show(kind: str, value: Any) -> str:
    if kind == "share":
        return f"{round(float(value) * 100, 1):g}%"
    if kind == "days":
        return ngettext("%(n)s day", "%(n)s days", int(value)) % {"n": value}
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
