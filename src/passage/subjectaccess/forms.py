from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from passage.accounts.fields import TextField
from passage.travellers.choices import Sex

from .choices import Outcome, RequestKind


class RequestForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RequestKind.choices)
    document = TextField(
        label=_("Document (STATE:NUMBER)"),
        max_length=30,
        required=False,
        help_text=_("For example UTO:L898902C3. Or give the name and date of birth."),
    )
    surname = TextField(label=_("Surname"), max_length=120, required=False)
    given_names = TextField(label=_("Given names"), max_length=120, required=False)
    birth_date = TextField(
        label=_("Date of birth"), max_length=10, required=False, help_text="YYYY-MM-DD"
    )
    requester = TextField(label=_("Requested by"), max_length=200, required=False)
    received_on = forms.DateField(
        label=_("Received on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    details = TextField(
        label=_("What the person asks"), max_length=2000, required=False, widget=forms.Textarea
    )
    # Rectification: the corrected values (blank: unchanged).
    new_primary_name = TextField(label=_("Corrected surname"), max_length=120, required=False)
    new_secondary_name = TextField(label=_("Corrected given names"), max_length=120, required=False)
    new_birth_date = TextField(label=_("Corrected date of birth"), max_length=10, required=False)
    new_sex = forms.ChoiceField(
        label=_("Corrected sex"), choices=[("", "—"), *Sex.choices], required=False
    )
    new_nationality = TextField(label=_("Corrected nationality"), max_length=3, required=False)

    def changes(self) -> dict[str, str]:
        return {
            name[4:]: value
            for name, value in self.cleaned_data.items()
            if name.startswith("new_") and value
        }


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Outcome.GRANTED, Outcome.GRANTED.label),
            (Outcome.REFUSED, Outcome.REFUSED.label),
        ],
        widget=forms.RadioSelect,
    )
    reason = TextField(label=_("Reason"), max_length=2000, widget=forms.Textarea)


class AnswerForm(forms.Form):
    answered_on = forms.DateField(
        label=_("Answered on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class ReleaseForm(forms.Form):
    released = forms.ChoiceField(
        label=_("Protection records"),
        choices=[("yes", _("Release into the person's file")), ("no", _("Withhold"))],
        widget=forms.RadioSelect,
    )
    note = TextField(label=_("Note"), max_length=2000, widget=forms.Textarea)
