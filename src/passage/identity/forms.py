from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import Decision


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class UndoForm(forms.Form):
    reason = forms.CharField(label=_("Why undo this decision?"), max_length=2000)
    version = forms.IntegerField(widget=forms.HiddenInput)
