from django import forms
from django.utils.translation import gettext_lazy as _

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
    days = forms.IntegerField(
        label=_("Days until it stops working"),
        min_value=1,
        max_value=366,
        initial=90,
        help_text=_("At most 366. You can revoke it sooner."),
    )
