"""Finding records outside the counter: a traveller by document or by name and birth
date, and a post's crossings.

Every search reads personal data, so each is audited with the purpose the user states
(GDPR Art. 5(1)(b): a read needs a reason someone can check later). Name searches use
the counter's own rule (``travellers.queries.possible_matches``): candidates are shown,
never merged.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, requires
from passage.core.mrz import parse_mrz
from passage.reference.access import access_crossing_point
from passage.travellers.models import Traveller
from passage.travellers.queries import possible_matches, recognise

from .access import reachable_travellers
from .choices import Decision, Direction
from .models import Crossing

PAGE = 50


class TravellerSearchForm(forms.Form):
    purpose = forms.CharField(
        label=_("Purpose of this search"),
        min_length=4,
        max_length=200,
        help_text=_("Recorded in the audit trail with what you searched for."),
    )
    issuing_state = forms.CharField(label=_("Issuing state"), max_length=3, required=False)
    number = forms.CharField(label=_("Document number"), max_length=40, required=False)
    mrz = forms.CharField(
        label=_("Or scan the MRZ"), max_length=400, required=False, widget=forms.Textarea
    )
    surname = forms.CharField(label=_("Surname"), max_length=120, required=False)
    given_names = forms.CharField(label=_("Given names"), max_length=120, required=False)
    birth_date = forms.CharField(
        label=_("Date of birth"),
        max_length=10,
        required=False,
        help_text=_("YYYY-MM-DD, YYYY-MM or YYYY"),
    )

    def clean_birth_date(self) -> tuple[int | None, int | None, int | None]:
        value = self.cleaned_data["birth_date"].strip()
        if not value:
            return (None, None, None)
        parts = value.split("-")
        if len(parts) > 3 or not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
            raise forms.ValidationError(_("Write the date as YYYY-MM-DD, YYYY-MM or YYYY."))
        numbers = [int(p) for p in parts] + [0] * (3 - len(parts))
        year, month, day = numbers
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError as exc:
            raise forms.ValidationError(_("This date does not exist.")) from exc
        return (year, month or None, day or None)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        mrz = (data.get("mrz") or "").strip()
        if mrz:
            result = parse_mrz(mrz, reference=timezone.localdate(), repair=False)
            if not (result.issuing_state and result.document_number):
                self.add_error("mrz", _("No issuing state and document number could be read."))
            else:
                data["issuing_state"] = result.issuing_state.rstrip("<")
                data["number"] = result.document_number
        by_document = bool(data.get("issuing_state") and data.get("number"))
        by_name = bool(data.get("surname") and (data.get("birth_date") or (None,))[0])
        if not self.errors and not (by_document or by_name):
            raise forms.ValidationError(
                _(
                    "Give the issuing state and document number (or scan the MRZ), or the "
                    "surname with at least the year of birth."
                )
            )
        data["by"] = "document" if by_document else "name"
        return data


@requires("travellers.view_traveller_history")
def traveller_search(request: SignedInRequest) -> HttpResponse:
    form = TravellerSearchForm(request.GET if "purpose" in request.GET else None)
    results: list[Traveller] = []
    searched = False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        searched = True
        if data["by"] == "document":
            document = recognise(data["issuing_state"], data["number"])
            results = [document.traveller] if document is not None else []
            query = {"issuing_state": data["issuing_state"].upper(), "number": data["number"]}
        else:
            year, month, day = data["birth_date"]
            results = list(
                possible_matches(data["surname"], data["given_names"], year, month, day, limit=PAGE)
            )
            query = {
                "surname": data["surname"].upper(),
                "given_names": data["given_names"].upper(),
                "birth_date": "-".join(str(p) for p in (year, month, day) if p),
            }
        # Only travellers the user may open (decision 0033): a search reveals no one else.
        reachable = set(
            reachable_travellers(request.user)
            .filter(pk__in=[t.pk for t in results])
            .values_list("pk", flat=True)
        )
        results = [t for t in results if t.pk in reachable]
        audit.record_now(
            request.user,
            "read",
            object_type="travellers.traveller",
            object_id=",".join(str(t.pk) for t in results)[:200],
            details={"by": data["by"], "query": query, "found": len(results)},
            message=f"traveller search ({data['by']}): {data['purpose']}",
        )
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "crossings/traveller_search.html",
        {"form": form, "results": results, "searched": searched},
        status=status,
    )


class CrossingFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False)
    date_to = forms.DateField(label=_("To"), required=False)
    direction = forms.ChoiceField(
        label=_("Direction"), choices=[("", _("All")), *Direction.choices], required=False
    )
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("", _("All")), *Decision.choices], required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("Ends before it starts."))
        return data


@requires("crossings.view_crossing")
def crossing_list(request: SignedInRequest, code: str) -> HttpResponse:
    """A post's crossings, newest first: officers see only the posts they act at."""
    point = access_crossing_point(request, code, "view")
    form = CrossingFilterForm(request.GET or None)
    crossings = Crossing.objects.filter(crossing_point=point)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["date_from"]:
            crossings = crossings.filter(at__date__gte=data["date_from"])
        if data["date_to"]:
            crossings = crossings.filter(at__date__lte=data["date_to"])
        if data["direction"]:
            crossings = crossings.filter(direction=data["direction"])
        if data["decision"]:
            crossings = crossings.filter(decision=data["decision"])
    elif form.is_bound:
        crossings = crossings.none()
    crossings = crossings.select_related(
        "traveller", "traveller__nationality", "document", "officer"
    ).order_by("-at", "-pk")
    page = Paginator(crossings, PAGE).get_page(request.GET.get("page"))
    invalid = form.is_bound and not form.is_valid()
    if not invalid:
        _audit_list(request, point, form, page)
    return render(
        request,
        "crossings/crossing_list.html",
        {"point": point, "form": form, "page": page},
        status=400 if invalid else 200,
    )


def _audit_list(request: SignedInRequest, point: Any, form: CrossingFilterForm, page: Any) -> None:
    filters = form.cleaned_data if form.is_bound else {}
    audit.record_now(
        request.user,
        "read",
        obj=point,
        details={
            "list": "crossings at a post",
            "filters": {k: str(v) for k, v in filters.items() if v},
            "page": page.number,
            "crossings": [str(c.pk) for c in page.object_list],
        },
        message=f"crossings at {point.code} listed",
    )
