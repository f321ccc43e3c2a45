"""The report's period: the dashboard's own chooser (the same choices, checks and messages),
without "compare", which a report does not do."""

from __future__ import annotations

from typing import Any

from powerwith.insights.forms import PeriodForm


class ReportPeriodForm(PeriodForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["compare"]
