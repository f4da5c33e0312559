from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rapidfuzz import fuzz

from passage.accounts import audit
from passage.accounts.access import SignedInRequest, holds_nationally, requires
from passage.accounts.choices import AuditAction
from passage.core.problems import ProblemError, show_on_form

from . import services
from .access import access_link
from .choices import LinkColour, LinkState
from .forms import DecisionForm, UndoForm
from .models import REVIEW_ORDER, Link

FIELD_LABELS = {
    "name": gettext_lazy("Name"),
    "birth_date": gettext_lazy("Date of birth"),
    "sex": gettext_lazy("Sex"),
    "nationality": gettext_lazy("Nationality"),
    "document": gettext_lazy("Document"),
}
# The engine's level and reason labels (English, framework-free), as reviewers read them.
LABELS = {
    "exact": gettext_lazy("exact"),
    "same words, swapped": gettext_lazy("same words, swapped"),
    "same sounds (transliteration)": gettext_lazy("same sounds (transliteration)"),
    "same sounds, swapped": gettext_lazy("same sounds, swapped"),
    "one typo in given names": gettext_lazy("one typo in given names"),
    "one typo in surname": gettext_lazy("one typo in surname"),
    "two typos": gettext_lazy("two typos"),
    "same surname, other given names": gettext_lazy("same surname, other given names"),
    "different": gettext_lazy("different"),
    "day and month swapped": gettext_lazy("day and month swapped"),
    "partial, agrees": gettext_lazy("partial, agrees"),
    "same given names, surname alike": gettext_lazy("same given names, surname alike"),
    "same surname, given names alike": gettext_lazy("same surname, given names alike"),
    "year and month agree, a day unknown": gettext_lazy("year and month agree, a day unknown"),
    "year agrees, a month unknown": gettext_lazy("year agrees, a month unknown"),
    "one digit off": gettext_lazy("one digit off"),
    "same year only": gettext_lazy("same year only"),
    "same": gettext_lazy("same"),
    "one's nationality issued the other's document": gettext_lazy(
        "one's nationality issued the other's document"
    ),
    "same document": gettext_lazy("same document"),
    "same issuer, number one character off": gettext_lazy("same issuer, number one character off"),
    "same issuer, other number": gettext_lazy("same issuer, other number"),
    "same issuer, issued as the other expired": gettext_lazy(
        "same issuer, issued as the other expired"
    ),
    "same issuer, other document": gettext_lazy("same issuer, other document"),
    "other issuer": gettext_lazy("other issuer"),
    "same nationality and issuer": gettext_lazy("same nationality and issuer"),
    "same nationality, other issuer": gettext_lazy("same nationality, other issuer"),
    "same issuer, other nationality": gettext_lazy("same issuer, other nationality"),
    "other document": gettext_lazy("other document"),
    "unknown": gettext_lazy("unknown"),
    "probably one person": gettext_lazy("probably one person"),
    "to verify": gettext_lazy("to verify"),
    "one document, two identities": gettext_lazy("one document, two identities"),
    "two documents of one issuer valid at once for one identity": gettext_lazy(
        "two documents of one issuer valid at once for one identity"
    ),
}


@requires("identity.review_link")
def queue(request: SignedInRequest) -> HttpResponse:
    """Proposed links, possible fraud first, then those to verify, then likely same."""
    colour = request.GET.get("colour", "")
    links = Link.objects.restrict(request.user).filter(state=LinkState.PROPOSED)
    if colour in LinkColour.values:
        links = links.filter(colour=colour)
    page = Paginator(
        links.select_related("left__traveller", "right__traveller").review_order(),
        QUEUE_PER_PAGE,
    ).get_page(request.GET.get("page"))
    if page.object_list:  # names, birth dates and documents: an audited read of each shown
        audit.record_now(
            request.user,
            AuditAction.READ,
            object_type="identity.link",
            details={
                "links": [str(link.pk) for link in page],
                "travellers": list(
                    dict.fromkeys(
                        str(t)
                        for link in page
                        for t in (link.left.traveller_id, link.right.traveller_id)
                    )
                ),
            },
            message="identity link queue viewed",
        )
    counts = {c: 0 for c in REVIEW_ORDER}
    for value, n in (
        Link.objects.restrict(request.user)
        .filter(state=LinkState.PROPOSED)
        .values_list("colour")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[LinkColour(value)] = n
    return render(
        request,
        "identity/queue.html",
        {
            "links": page,
            "page": page,
            "colour": colour,
            "counts": counts.items(),
            # Links join documents of any post: a supervisor without national scope sees
            # none, and the page says why rather than "nothing to review".
            "national": holds_nationally(request.user, "identity.review_link"),
        },
    )


QUEUE_PER_PAGE = 50


def _side(doc: Any) -> dict[str, Any]:
    t = doc.traveller
    # Validity as the red rule reads it (two documents of one issuer valid at once):
    # from the issue date, or, without one, from the day it was first recorded.
    issued = f"{doc.issue_date:%Y-%m-%d} \u2013 " if doc.issue_date else ""
    expiry = f" · {issued}{doc.expiry_date:%Y-%m-%d}" if doc.expiry_date else ""
    first_seen = (
        ""
        if doc.issue_date
        else format_html(
            "<br><small>{}</small>",
            _("first recorded %(day)s") % {"day": f"{doc.created_at:%Y-%m-%d}"},
        )
    )
    return {
        "name": f"{t.primary_name}, {t.secondary_name}".strip(", ")
        + (f" ({t.native_name})" if t.native_name else ""),
        "birth_date": t.birth_date_display or "—",
        "sex": t.get_sex_display() if t.sex else "—",
        "nationality": t.nationality_id or "—",
        # The code, number and expiry read left to right inside an Arabic label (else
        # the date's digits, after Arabic letters, are laid out in reverse groups).
        "document": format_html(
            '{} <span dir="ltr">{} {}{}</span>{}',
            doc.get_document_type_display(),
            doc.issuing_state_id or "?",
            doc.number,
            expiry,
            first_seen,
        ),
    }


# Below this (rapidfuzz token_sort_ratio, 0-100, of the surnames and of the given names
# as written, the less alike of the two, either way round) two names are shown as spelt
# differently. Seen in the demo's white proposals: strangers POLAT / YARED 20, OMONDI /
# OSMAN 55, TESHOME / SEIFU 33; one person JANSEN / JOHANSSON 67, MOHAMED / MUHAMMAD 67,
# TCHAIKOVSKY / CHAIKOVSKII 82. The whole name would hide a differing surname behind a
# shared given name (DENNIS ADEN / DENNIS OMAR: 55 whole, 25 by part).
WRITTEN_ALIKE = 60


def _written_alike(left: Any, right: Any) -> int:
    """How alike two travellers' names are as written, part by part: the surnames and
    the given names each compared (a part missing on one side is not compared), the
    less alike pair counting, straight or with surname and given names swapped."""

    def alike(a: str, b: str) -> float:
        return 100.0 if not a or not b else fuzz.token_sort_ratio(a.upper(), b.upper())

    s1, g1 = left.primary_name, left.secondary_name
    s2, g2 = right.primary_name, right.secondary_name
    straight = min(alike(s1, s2), alike(g1, g2))
    swapped = min(alike(s1, g2), alike(g1, s2))
    return round(max(straight, swapped))


def _form_for(link: Link) -> DecisionForm | UndoForm:
    """The form a link takes now: a decision on a proposal, an undo of a decision."""
    if link.state == LinkState.DECIDED:
        return UndoForm(initial={"version": link.version})
    return DecisionForm(initial={"version": link.version})


@requires("identity.review_link")
def link_detail(request: SignedInRequest, pk: str) -> HttpResponse:
    link = access_link(request.user, pk)
    form: DecisionForm | UndoForm
    stale = False
    if request.method == "POST":
        undoing = request.POST.get("action") == "undo"
        form = UndoForm(request.POST) if undoing else DecisionForm(request.POST)
        if form.is_valid():
            try:
                if isinstance(form, UndoForm):
                    services.undo(
                        request.user,
                        link.pk,
                        version=form.cleaned_data["version"],
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Decision undone: the link is back in the queue."))
                else:
                    services.decide(
                        request.user,
                        link.pk,
                        version=form.cleaned_data["version"],
                        decision=form.cleaned_data["decision"],
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("Decision recorded."))
                return HttpResponseRedirect(reverse("identity:link_queue"))
            except ProblemError as error:
                if "version" in error.problems:
                    # the version is a hidden field: its message goes above the form
                    form.add_error(None, error.problems.pop("version"))
                    stale = True
                if error.problems:
                    show_on_form(form, ProblemError(error.problems))
        status = 409 if stale else 422
        # Kept before a stale link's form is replaced by the one it takes now.
        refused: list[Any] | None = list(form.non_field_errors())
        if stale:
            # The link changed (decided, undone, or its records): offer what it is now.
            link = access_link(request.user, pk)
            form = _form_for(link)
    else:
        status = 200
        refused = None
        form = _form_for(link)
    audit.record_now(
        request.user,
        AuditAction.READ,
        object_type="identity.link",
        object_id=str(link.pk),
        object_repr=str(link),
        message="identity link viewed: two records side by side",
    )
    left, right = _side(link.left), _side(link.right)
    rows = []
    for name, label in FIELD_LABELS.items():
        field = link.fields.get(name, {})
        weight = float(field.get("weight", 0.0))
        rows.append(
            {
                "key": name,
                "label": label,
                # Dates do not break at their hyphens (the document's code, number and
                # dates are kept together in ``_side``).
                "nowrap": name == "birth_date",
                "left": left[name],
                "right": right[name],
                "level": LABELS.get(field.get("level", ""), field.get("level", "")),
                "weight": weight,
                "agrees": weight > 0,
                "differs": weight < 0,
            }
        )
    # The model compares names by their sounds, and short sound keys meet by chance
    # (POLAT and YARED, OGUZ and HAGOS): where the names as written are far apart, the
    # page says the sounds alone agreed, so no one confirms strangers on a green tick.
    names = next(row for row in rows if row["key"] == "name")
    written = _written_alike(link.left.traveller, link.right.traveller)
    if names["agrees"] and written < WRITTEN_ALIKE:
        names.update(agrees=False, sounds_only=written)
    return render(
        request,
        "identity/link_detail.html",
        {
            "link": link,
            "rows": rows,
            "form": form,
            "undo": isinstance(form, UndoForm),
            "refused": refused,
            "reason": LABELS.get(link.reason, link.reason),
            # The match weight is this plus the fields' weights (the model's prior).
            "prior": link.weight - sum(row["weight"] for row in rows),
        },
        status=status,
    )
