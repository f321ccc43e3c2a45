"""Form widgets shared by the foundation apps."""

from __future__ import annotations

from typing import Any

from django import forms

from .vocab import Vocabulary


class ExplainedRadioSelect(forms.RadioSelect):
    """Radios where each choice shows its plain-English explanation under its label
    (the GOV.UK "radio with hint" pattern). Explanations come from a vocabulary, or a dict."""

    option_template_name = "common/forms/explained_radio_option.html"

    def __init__(
        self,
        vocabulary: Vocabulary | dict[str, str] | None = None,
        attrs: dict[str, Any] | None = None,
        choices: Any = (),
    ) -> None:
        super().__init__(attrs=attrs, choices=choices)
        if isinstance(vocabulary, Vocabulary):
            self.explanations = {t.code: t.explanation_text for t in vocabulary}
        else:
            self.explanations = dict(vocabulary or {})

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: Any,
        index: int,
        subindex: int | None = None,
        attrs: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        explanation = self.explanations.get(str(value), "")
        option["explanation"] = explanation
        if explanation and option["attrs"].get("id"):
            hint = f"{option['attrs']['id']}_hint"
            existing = option["attrs"].get("aria-describedby", "")
            option["attrs"]["aria-describedby"] = f"{existing} {hint}".strip()
        return option

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        # The error summary links to the first radio, so the link lands on the question.
        if index is None:
            return f"{id_}_0" if id_ else ""
        return super().id_for_label(id_, index)
