from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .fields import TextField


class TokenForm(forms.Form):
    name = TextField(
        label=_("Name"),
        max_length=100,  # ApiToken.name
        help_text=_("What uses it: a document reader, an e-gate, a script."),
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=settings.PASSAGE_API_TOKEN_DAYS,
        initial=30,
    )
