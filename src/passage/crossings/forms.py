"""The counter form: document and person (from the MRZ or typed), journey, decision."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from passage.accounts.fields import TextField
from passage.reference.choices import CrossingPointMode
from passage.reference.models import RefusalGround
from passage.travellers.choices import DocumentType, Sex
from passage.travellers.services import Identity

from .choices import Decision, Direction, Purpose, TransportMode

PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_partial_date(value: str) -> tuple[int | None, int | None, int | None]:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` into its known parts.

    >>> parse_partial_date("1985-03")
    (1985, 3, None)
    """
    match = PARTIAL_DATE.match(value.strip())
    if not match:
        raise forms.ValidationError(_("Use YYYY-MM-DD, YYYY-MM or YYYY."))
    year, month, day = (int(g) if g else None for g in match.groups())
    return year, month, day


class IsoDateInput(forms.DateInput):
    """A date typed and shown as YYYY-MM-DD in every language, left to right.

    The browser's own date picker shows the operating system's format (04/15/2012 on
    one machine, 15/04/2012 on the next), which is how dates get misread at a counter.
    """

    input_type = "text"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {
            "placeholder": "YYYY-MM-DD",
            "pattern": r"\d{4}-\d{2}-\d{2}",
            "inputmode": "numeric",
            "dir": "ltr",
            "autocomplete": "off",
            "size": "10",
        }
        super().__init__(attrs={**defaults, **(attrs or {})}, format="%Y-%m-%d")


LTR = {"dir": "ltr", "autocomplete": "off"}


def refusal_ground_choices() -> list[tuple[str, str]]:
    """The active refusal grounds, their reference labels translated as on the refusal
    notice (a country's own grounds, not in the catalogue, stay as loaded)."""
    return [
        (g.code, f"{g.code} — {gettext(g.label)}")
        for g in RefusalGround.objects.filter(active=True)
    ]


class CounterForm(forms.Form):
    mrz = TextField(
        label=_("Machine readable zone"),
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 3,
                "spellcheck": "false",
                "autocomplete": "off",
                "class": "mrz",
                "dir": "ltr",
            }
        ),
        max_length=400,
    )
    direction = forms.ChoiceField(
        label=_("Direction"), choices=Direction.choices, initial=Direction.ENTRY
    )
    document_type = forms.ChoiceField(
        label=_("Document"),
        choices=DocumentType.choices,
        initial=DocumentType.PASSPORT,
        required=False,
    )
    document_code = forms.CharField(required=False, max_length=2, widget=forms.HiddenInput)
    issuing_state = TextField(
        label=_("Issuing state"), required=False, max_length=3, widget=forms.TextInput(LTR)
    )
    number = TextField(
        label=_("Document number"), required=False, max_length=24, widget=forms.TextInput(LTR)
    )
    expiry_date = forms.DateField(label=_("Expiry date"), required=False, widget=IsoDateInput())
    # Printed on the data page (and in the chip's DG12), not in the MRZ: typed when the
    # page shows it, left empty otherwise (decision 0163).
    issue_date = forms.DateField(
        label=_("Date of issue"),
        required=False,
        widget=IsoDateInput(),
        # YYYY-MM-DD only: Django's default formats read 12/03/2019 as 3 December.
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("give dates as YYYY-MM-DD")},
    )
    primary_name = TextField(label=_("Surname"), required=False, max_length=120)
    secondary_name = TextField(label=_("Given names"), required=False, max_length=120)
    native_primary_name = TextField(label=_("Surname (own script)"), required=False, max_length=120)
    native_secondary_name = TextField(
        label=_("Given names (own script)"), required=False, max_length=120
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    birth_date = TextField(
        label=_("Date of birth"),
        required=False,
        max_length=10,
        help_text=_("YYYY-MM-DD, YYYY-MM or YYYY"),
        widget=forms.TextInput({**LTR, "placeholder": "YYYY-MM-DD"}),
    )
    nationality = TextField(
        label=_("Nationality"), required=False, max_length=3, widget=forms.TextInput(LTR)
    )
    traveller_id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=Purpose.choices, initial=Purpose.UNKNOWN, required=False
    )
    transport_mode = forms.ChoiceField(
        label=_("Transport"), choices=[("", "—"), *TransportMode.choices], required=False
    )
    carrier = TextField(label=_("Carrier"), required=False, max_length=80)
    transport_reference = TextField(
        label=_("Flight, plate, vessel or train"), required=False, max_length=40
    )
    eu_family_of = TextField(
        label=_("Family member of an EU citizen: the citizen's nationality"),
        required=False,
        max_length=3,
        help_text=_(
            "Only when the traveller accompanies or joins a citizen of the EU, the EEA or "
            "Switzerland exercising free movement: the records are kept one year after exit."
        ),
        widget=forms.TextInput(LTR),
    )
    eu_family_document = TextField(
        label=_("The citizen's document number (evidence)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(LTR),
    )
    authorised_until = forms.DateField(
        label=_("Authorised to stay until"), required=False, widget=IsoDateInput()
    )
    document_checked = forms.BooleanField(
        label=_("Document checked by hand"),
        required=False,
        help_text=_("The MRZ fails its checks; I examined the document and admit the traveller."),
    )
    document_override_reason = TextField(
        label=_("What was checked, and why the document is accepted"),
        required=False,
        max_length=500,
    )
    refusal_grounds = forms.MultipleChoiceField(
        label=_("Refusal grounds"), required=False, widget=forms.CheckboxSelectMultiple
    )
    secondary_reason = TextField(
        label=_("Why secondary inspection"), required=False, max_length=500
    )
    notes = TextField(
        label=_("Notes"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    at = forms.DateTimeField(
        label=_("Time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["refusal_grounds"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = refusal_ground_choices()

    def clean_birth_date(self) -> tuple[int | None, int | None, int | None]:
        value = self.cleaned_data.get("birth_date", "")
        return parse_partial_date(value) if value else (None, None, None)

    def identity(self, mrz_format: str = "") -> Identity:
        data = self.cleaned_data
        year, month, day = data.get("birth_date") or (None, None, None)
        expiry = data.get("expiry_date")
        issued = data.get("issue_date")
        return Identity(
            primary_name=data.get("primary_name", ""),
            secondary_name=data.get("secondary_name", ""),
            native_primary_name=data.get("native_primary_name", ""),
            native_secondary_name=data.get("native_secondary_name", ""),
            sex=data.get("sex", ""),
            birth_year=year,
            birth_month=month,
            birth_day=day,
            nationality=data.get("nationality", ""),
            document_type=data.get("document_type") or DocumentType.PASSPORT,
            document_code=data.get("document_code", ""),
            issuing_state=data.get("issuing_state", ""),
            number=data.get("number", ""),
            expiry_date=expiry if isinstance(expiry, dt.date) else None,
            issue_date=issued if isinstance(issued, dt.date) else None,
            mrz=(data.get("mrz") or "").strip().upper(),
            mrz_format=mrz_format,
        )


class AmendmentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices, required=False)
    transport_mode = forms.ChoiceField(
        label=_("Transport"), choices=[("", "—"), *TransportMode.choices], required=False
    )
    carrier = TextField(label=_("Carrier"), required=False, max_length=80)
    transport_reference = TextField(
        label=_("Flight, plate, vessel or train"), required=False, max_length=40
    )
    authorised_until = forms.DateField(
        label=_("Authorised to stay until"), required=False, widget=IsoDateInput()
    )
    notes = TextField(
        label=_("Notes"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    reason = TextField(label=_("Reason for the correction"), max_length=500)


class InspectionDecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        # No decision is preselected: a supervisor chooses one, with a hit pending or not.
        choices=[
            ("", _("Choose…")),
            (Decision.ADMITTED, _("Admit")),
            (Decision.REFUSED, _("Refuse")),
        ],
    )
    grounds = forms.MultipleChoiceField(
        label=_("Refusal grounds"), required=False, widget=forms.CheckboxSelectMultiple
    )
    authorised_until = forms.DateField(
        label=_("Authorised to stay until"), required=False, widget=IsoDateInput()
    )
    notes = TextField(
        label=_("Notes"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["grounds"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = refusal_ground_choices()


class ModeForm(forms.Form):
    mode = forms.ChoiceField(label=_("Mode"), choices=[])
    reason = TextField(label=_("Reason"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:

        super().__init__(*args, **kwargs)
        field = self.fields["mode"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = CrossingPointMode.choices


class OverrideReviewForm(forms.Form):
    review_note = TextField(
        label=_("Review note"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
