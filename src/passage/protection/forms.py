from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from passage.accounts.fields import TextField
from passage.crossings.forms import parse_partial_date
from passage.travellers.choices import DocumentType, Sex

from .choices import AgeBand, Consent, HouseholdDocument, ReferralStatus, Urgency
from .models import Indicator, ServiceProvider

SEXES = [("F", _("Female")), ("M", _("Male"))]


def indicator_choices() -> list[tuple[str, str]]:
    # The reference file's labels in the reader's language (Indicator.shown_label).
    return [(i.code, f"{i.code} — {i.shown_label}") for i in Indicator.objects.filter(active=True)]


class ReferralForm(forms.Form):
    service = forms.ChoiceField(label=_("Service"), choices=[])
    provider = forms.ChoiceField(label=_("Provider"), choices=[])
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    consent = forms.ChoiceField(
        label=_("Consent"),
        choices=[("", "—"), *Consent.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    consent_override_reason = TextField(
        label=_("Why refer without consent"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up_on = forms.DateField(
        label=_("Follow up on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    note = TextField(label=_("Note"), required=False, max_length=1000)

    def __init__(self, *args: Any, services: list[Any] = (), **kwargs: Any) -> None:  # type: ignore[assignment]
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        assert isinstance(service, forms.ChoiceField)
        service.choices = [(s.code, s.label) for s in services]
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ChoiceField)
        provider.choices = [
            (str(p.pk), p.organisation) for p in ServiceProvider.objects.filter(active=True)
        ]


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ReferralStatus.choices)
    provider = forms.ChoiceField(label=_("Provider"), required=False, choices=[])
    note = TextField(
        label=_("Note"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ChoiceField)
        provider.choices = [
            ("", "—"),
            *((str(p.pk), p.organisation) for p in ServiceProvider.objects.filter(active=True)),
        ]


class NoteForm(forms.Form):
    text = TextField(
        label=_("Case note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up_on = forms.DateField(
        label=_("Next follow-up"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CloseForm(forms.Form):
    note = TextField(
        label=_("Why the flag can be closed"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HouseholdForm(forms.Form):
    """One screen, one submit: the head by name, the others counted by sex and age band."""

    head_primary_name = TextField(label=_("Surname"), max_length=120, required=False)
    head_secondary_name = TextField(label=_("Given names"), max_length=120, required=False)
    head_sex = forms.ChoiceField(label=_("Sex"), choices=[*SEXES, ("X", _("Other"))])
    head_age_band = forms.ChoiceField(
        label=_("Age"), choices=AgeBand.choices, initial=AgeBand.A18_59
    )
    head_document_type = forms.ChoiceField(
        label=_("Document"), choices=HouseholdDocument.choices, initial=HouseholdDocument.NONE
    )
    head_document_number = TextField(label=_("Number"), max_length=24, required=False)
    place_of_origin = TextField(label=_("Place of origin"), max_length=160)
    intended_destination = TextField(label=_("Intended destination"), max_length=160)
    indicators = forms.MultipleChoiceField(
        label=_("Vulnerability indicators"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[],
    )
    note = TextField(label=_("Note for the protection officer"), required=False, max_length=1000)
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["indicators"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = indicator_choices()
        for sex, _label in SEXES:
            for band in AgeBand.values:
                self.fields[count_field(sex, band)] = forms.IntegerField(
                    min_value=0, max_value=40, required=False, initial=0
                )

    def grid(self) -> list[tuple[str, list[Any]]]:
        return [
            (str(label), [self[count_field(sex, band)] for sex, _l in SEXES])
            for band, label in AgeBand.choices
        ]


def count_field(sex: str, band: str) -> str:
    return f"count_{sex}_{band.replace('-', '_').replace('+', 'plus')}"


class MemberForm(forms.Form):
    primary_name = TextField(label=_("Surname"), max_length=120)
    secondary_name = TextField(label=_("Given names"), max_length=120, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    birth_date = TextField(
        label=_("Date of birth"),
        required=False,
        max_length=10,
        help_text=_("YYYY-MM-DD, YYYY-MM or YYYY"),
    )
    nationality = TextField(label=_("Nationality"), max_length=3, required=False)
    document_type = forms.ChoiceField(
        label=_("Document"),
        choices=[
            (DocumentType.NATIONAL_ID, DocumentType.NATIONAL_ID.label),
            (DocumentType.BIRTH_CERTIFICATE, DocumentType.BIRTH_CERTIFICATE.label),
            (DocumentType.PASSPORT, DocumentType.PASSPORT.label),
            (DocumentType.NONE, DocumentType.NONE.label),
        ],
    )
    issuing_state = TextField(label=_("Issuing state"), max_length=3, required=False)
    number = TextField(label=_("Document number"), max_length=24, required=False)

    def clean_birth_date(self) -> tuple[int | None, int | None, int | None]:

        value = self.cleaned_data.get("birth_date", "")
        return parse_partial_date(value) if value else (None, None, None)
