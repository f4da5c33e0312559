from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from passage.accounts.fields import TextField

from .services import NOTE_MAX


class SignOffForm(forms.Form):
    note = TextField(
        label=_("Note"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you checked, what you found, and what follows."),
    )


class HoursForm(forms.Form):
    weekdays = forms.CharField(
        label=_("Weekdays"),
        max_length=7,
        initial="12345",
        help_text=_("1 Monday … 7 Sunday, for example 12345"),
    )
    start = forms.TimeField(label=_("From"), initial="08:00")
    end = forms.TimeField(label=_("To"), initial="18:00")
