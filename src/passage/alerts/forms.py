from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from passage.accounts.fields import TextField
from passage.core import freetext

from .choices import AlertAction, DocumentStatus, ImportFormat, ListStatus
from .models import AlertList


class AlertListForm(forms.ModelForm):  # type: ignore[type-arg]
    name = TextField(label=_("name"), max_length=120)
    source = TextField(label=_("source"), max_length=200, required=False)
    authority = TextField(label=_("issuing authority"), max_length=200, required=False)

    class Meta:
        model = AlertList
        fields = [
            "name",
            "kind",
            "source",
            "authority",
            "default_action",
            "valid_from",
            "valid_until",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
        }


class ImportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=ImportFormat.choices)
    file = forms.FileField(label=_("File"))
    replace = forms.TypedChoiceField(
        label=_("The file"),
        choices=[("1", _("replaces the list (a full list)")), ("0", _("adds to the list"))],
        coerce=lambda v: v == "1",
        initial="1",
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ListStatus.choices)


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class EntryForm(forms.Form):
    """One entry; for persons or documents according to the list (docs/alerts.md)."""

    reference = TextField(label=_("Reference"), max_length=100, required=False)
    # The entry's lists are JSON columns: the lengths bound what one entry may carry.
    names = TextField(
        label=_("Names, one per line (any script)"),
        max_length=freetext.SHORT_NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    birth_dates = TextField(
        label=_("Dates of birth, one per line (YYYY, YYYY-MM or YYYY-MM-DD)"),
        max_length=freetext.SHORT_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    nationalities = TextField(
        label=_("Nationalities (codes, spaces between)"), max_length=200, required=False
    )
    documents = TextField(
        label=_("Documents, one per line: STATE:NUMBER"),
        max_length=freetext.SHORT_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    issuing_state = TextField(label=_("Issuing state"), max_length=3, required=False)
    document_number = TextField(label=_("Document number"), max_length=40, required=False)
    document_type = TextField(label=_("Document type"), max_length=40, required=False)
    status = forms.ChoiceField(
        label=_("Document status"), choices=[("", "—"), *DocumentStatus.choices], required=False
    )
    action = forms.ChoiceField(
        label=_("Action (empty: the list's default)"),
        choices=[("", "—"), *AlertAction.choices],
        required=False,
    )
    reason = TextField(
        label=_("Reason"),
        max_length=freetext.SHORT_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    expires_on = forms.DateField(
        label=_("Expires on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def raw(self) -> dict[str, object]:
        d = self.cleaned_data
        return {
            "reference": d["reference"],
            "names": _lines(d["names"]),
            "birth_dates": _lines(d["birth_dates"]),
            "nationalities": d["nationalities"].split(),
            "documents": "|".join(_lines(d["documents"])),
            "issuing_state": d["issuing_state"],
            "document_number": d["document_number"],
            "document_type": d["document_type"],
            "status": d["status"],
            "action": d["action"],
            "reason": d["reason"],
            "expires_on": d["expires_on"].isoformat() if d["expires_on"] else "",
        }


class WithdrawForm(forms.Form):
    reason = TextField(
        label=_("Why is the entry withdrawn?"),
        max_length=freetext.SHORT_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HitDecisionForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Verdict"),
        choices=[("true_match", _("True match")), ("false_positive", _("False positive"))],
        widget=forms.RadioSelect,
    )
    reason = TextField(
        label=_("Reason (what was compared)"),
        max_length=freetext.SHORT_NOTE,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
