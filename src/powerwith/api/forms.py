from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from powerwith.common.forms import ModelMultipleChoiceField
from powerwith.journeys.models import Journey

from . import vocab


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("So you can tell your tokens apart, such as the tool that will use it."),
    )
    scope = forms.ChoiceField(
        label=_("What it may do"),
        choices=vocab.SCOPES.choices,
        initial=vocab.READ,
        widget=forms.RadioSelect,
    )
    journeys = ModelMultipleChoiceField(
        label=_("Which journeys it may reach (optional)"),
        queryset=Journey.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick none and it reaches every journey you are in, now and later. "
            "Tick some and it reaches only those."
        ),
    )
    days = forms.IntegerField(
        label=_("Days until it stops working"),
        min_value=1,
        max_value=366,
        initial=90,
        help_text=_("At most 366. You can revoke it sooner."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["journeys"]
        assert isinstance(field, ModelMultipleChoiceField)
        field.queryset = Journey.objects.filter(memberships__user_id=getattr(user, "pk", 0) or 0)
        field.queryset = field.queryset.order_by("title", "slug")
