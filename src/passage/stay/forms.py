"""The stay app's forms: an overstay review, and a visa or permit recorded on a traveller."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from passage.accounts.fields import TextField

from .choices import PermitKind

VISA = "visa"


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("confirm", _("Confirm")), ("dismiss", _("Dismiss"))])
    # The service asks for the note (``ProblemError`` naming it), so that the API and pages
    # refuse an empty one with the same words.
    note = TextField(required=False, max_length=2000)


class VisaForm(forms.Form):
    kind = forms.ChoiceField(choices=[(VISA, _("Visa")), *PermitKind.choices])
    number = TextField(required=False, max_length=24)  # Visa.number, Permit.number
    issuing_state = TextField(required=False, max_length=3)
    valid_from = forms.DateField(error_messages={"invalid": _("give dates as YYYY-MM-DD")})
    valid_until = forms.DateField(error_messages={"invalid": _("give dates as YYYY-MM-DD")})
    entries_allowed = forms.IntegerField(required=False, min_value=1, max_value=2)
    duration_days = forms.IntegerField(required=False, min_value=1, max_value=3650)

    def service_fields(self) -> dict[str, Any]:
        """The cleaned values as ``record_visa`` / ``record_permit`` take them."""
        data = self.cleaned_data
        fields: dict[str, Any] = {
            "number": data["number"].strip().upper(),
            "valid_from": data["valid_from"],
            "valid_until": data["valid_until"],
        }
        if data["kind"] == VISA:
            fields["issuing_state_id"] = data["issuing_state"].strip().upper() or None
            fields["entries_allowed"] = data["entries_allowed"]
            fields["duration_days"] = data["duration_days"]
        else:
            fields["kind"] = data["kind"]
        return fields
