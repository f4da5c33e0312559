"""Alert panels on the counter and secondary-inspection pages (crossings' templates)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext

from passage.alerts import conf
from passage.alerts.choices import STOPPING_ACTIONS, HitStatus, ScreeningOutcome
from passage.alerts.models import ScreeningHit, ScreeningResult
from passage.alerts.screening import active_versions
from passage.crossings.referrals import localized_line

register = template.Library()

# The words of a hit's explanation (``passage.core.screening`` stores codes and an
# English sentence; the supervisor reads them in the page's language).
HOW = {
    "exact": _("same spelling"),
    "spelling": _("spelt alike"),
    "phonetic": _("sounds alike"),
    "skeleton": _("same consonants"),
    "shape": _("same letter shapes"),
    "reading": _("read as the other script writes it"),
    "frame": _("written with the spelling's consonants and long vowels"),
    "romanised": _("two romanisations of one name"),
    "joined": _("written joined in one name, apart in the other"),
}
BIRTH = {
    "exact": _("same birth date"),
    "day_month_swapped": _("birth date with day and month swapped"),
    "year_match": _("same birth year"),
    "same_month": _("birth date in the same month"),
    "same_year": _("birth date in the same year"),
    "one_year_off": _("birth date one year off"),
    "one_year_apart": _("birth year one off"),
    "year_off_partial": _("birth year one off (partial date)"),
    "near": _("birth dates two or three years apart"),
    "far_apart": _("birth dates far apart"),
    "unknown": _("no birth date to compare"),
}
NATIONALITY = {
    "same": _("same nationality"),
    "different": _("different nationality"),
    "unknown": _("no nationality to compare"),
}
DOCUMENT = {
    "exact": _("identical document number"),
    "ocr_variant": _("document number differs only by characters a reader confuses"),
    "different": _("different document number"),
    "unknown": _("no document number to compare"),
}
_WORDS = {"how": HOW, "birth": BIRTH, "nationality": NATIONALITY, "document": DOCUMENT}


@register.filter
def hit_word(code: Any, kind: str) -> str:
    """One code of a hit's explanation in words (the code itself if it is new)."""
    return str(_WORDS[kind].get(code, code))


@register.filter
def hit_summary(explanation: Any) -> str:
    """The explanation's one-line account, in the page's language."""
    if not isinstance(explanation, dict) or not isinstance(explanation.get("name"), dict):
        return ""
    name = explanation["name"]
    matched = len(name.get("parts") or [])
    total = matched + len(name.get("unmatched_query") or [])
    # The noun agrees with the total: Arabic has six forms ("2 من 2 أجزاء" read wrong).
    text = ngettext(
        "Name %(percent)s%%: %(matched)s of %(total)s part matches",
        "Name %(percent)s%%: %(matched)s of %(total)s parts match",
        total,
    ) % {
        "percent": round(float(name.get("score") or 0) * 100),
        "matched": matched,
        "total": total,
    }
    words = [hit_word((explanation.get("birth_date") or {}).get("evidence", "unknown"), "birth")]
    nationality = (explanation.get("nationality") or {}).get("evidence")
    if nationality and nationality != "unknown":
        words.append(hit_word(nationality, "nationality"))
    document = (explanation.get("document") or {}).get("evidence")
    if document in ("exact", "ocr_variant"):
        words.append(hit_word(document, "document"))
    # The clauses' separator is the language's own (Arabic ؛, French " ; ").
    return pgettext("clauses of a sentence", "; ").join([text, *words]) + "."


@register.inclusion_tag("alerts/partials/active_lists.html")
def active_alert_lists() -> dict[str, Any]:
    """The list versions in force and their age (sync will keep posts' lists fresh)."""
    stale = timezone.now() - dt.timedelta(days=conf.stale_days())
    lists = [
        {
            "name": al.name,
            "number": al.active_version.number,
            "created_at": al.active_version.created_at,
            "stale": al.active_version.created_at < stale,
        }
        for al in active_versions()
        if al.active_version is not None
    ]
    return {"lists": lists}


@register.simple_tag
def screening_of(crossing: Any) -> ScreeningResult | None:
    return ScreeningResult.objects.filter(crossing=crossing).first()


@register.inclusion_tag("alerts/partials/hit_banner.html")
def last_hit_banner(crossing: Any) -> dict[str, Any]:
    """The counter's banner over the crossing it has just recorded, when screening
    referred it: the action and the list, red when a list asks to keep the traveller out
    (decision 0251). It stands in for the amber message the referral was before."""
    result = ScreeningResult.objects.filter(
        crossing=crossing, outcome=ScreeningOutcome.REFERRED
    ).first()
    if result is None:
        return {}
    actions = (
        ScreeningHit.objects.filter(crossing=crossing)
        .exclude(status=HitStatus.SUPPRESSED)
        .values_list("action", flat=True)
    )
    return {
        "id": "banner-referral",
        "message": localized_line(result.message, html=True),
        "stops": any(a in STOPPING_ACTIONS for a in actions),
        "direction": crossing.direction,
        "recorded": True,
    }


@register.inclusion_tag("alerts/partials/inspection_hits.html", takes_context=True)
def inspection_hits(context: Any, crossing: Any) -> dict[str, Any]:
    hits = list(
        ScreeningHit.objects.filter(crossing=crossing)
        .exclude(status=HitStatus.SUPPRESSED)
        .select_related("entry__alert_list")
    )
    user = context["request"].user
    return {
        "hits": hits,
        "pending": any(h.status == HitStatus.PENDING for h in hits),
        "can_review": user.has_perm("alerts.review_hit"),
    }
