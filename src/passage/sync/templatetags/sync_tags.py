"""A post's sync state on every page: ``{% sync_footer %}`` (backlog, last successful
sync, a failing pull) and ``{% sync_clock_banner %}`` (a clock that disagrees with HQ's);
``offset_text`` says a clock offset in words; ``|sync_error`` a stored sync error in the
reader's language."""

from __future__ import annotations

import datetime as dt

from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from passage.core.text import translate

from ..errors import recognised
from ..models import PostLink
from ..registry import dataset
from ..services import post_status

register = template.Library()


@register.filter
def sync_error(message: str) -> str:
    """A stored sync error in the reader's language (``sync.errors``)."""
    return translate(recognised(message), gettext) if message else ""


@register.filter
def dataset_title(name: str) -> str:
    """A dataset's short name in the reader's language (its code when it is unknown)."""
    found = dataset(name)
    return gettext(found.title or found.label) if found else name


def _may_see(context: template.Context) -> bool:
    user = getattr(context.get("request"), "user", None)
    return bool(user is not None and getattr(user, "is_authenticated", False))


@register.simple_tag(takes_context=True)
def sync_footer(context: template.Context) -> str:
    if settings.PASSAGE_ROLE != "node":
        return ""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.has_perm("sync.view_sync_status"):
        return ""
    status = post_status()
    last = (
        _("%(ago)s ago") % {"ago": timesince(status.last_success_at)}
        if status.last_success_at
        else _("never")
    )
    text = _("HQ sync: %(n)s waiting, last success %(last)s") % {
        "n": status.backlog,
        "last": last,
    }
    if status.last_pull_error:
        text = f"{text} · {_('receiving from HQ fails')}"
    return format_html(' · <a href="{}">{}</a>', reverse("sync:status"), text)


@register.filter
def offset_text(seconds: float | None) -> str:
    """ "3 hours ahead of HQ" / "1 day behind HQ" (Django's own words for the amount)."""
    if seconds is None:
        return ""
    now = timezone.now()
    size = abs(seconds)
    if size < 60:
        amount = _("%(n)s s") % {"n": round(size)}
    else:
        # To the minute: a day measured as 86,395 s is "1 day", not "23 hours, 59 minutes".
        amount = timesince(now - dt.timedelta(seconds=round(size / 60) * 60), now)
    if seconds > 0:
        return _("%(amount)s ahead of headquarters") % {"amount": amount}
    return _("%(amount)s behind headquarters") % {"amount": amount}


@register.simple_tag(takes_context=True)
def sync_clock_banner(context: template.Context) -> str:
    """At a post whose clock is off by more than ``PASSAGE_SYNC_CLOCK_MARGIN``: a banner
    for everyone signed in, the counter's officers first (their records carry the time)."""
    if settings.PASSAGE_ROLE != "node" or not _may_see(context):
        return ""
    link = PostLink.objects.filter(pk=1).only("clock_offset", "clock_checked_at").first()
    if link is None or not link.clock_off:
        return ""
    return render_to_string(
        "sync/partials/clock_banner.html",
        {"offset": link.clock_offset, "checked_at": link.clock_checked_at},
    )
