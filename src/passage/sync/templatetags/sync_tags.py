"""``{% sync_footer %}``: a post's backlog and last successful sync, in every page's footer."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from ..services import post_status

register = template.Library()


@register.simple_tag(takes_context=True)
def sync_footer(context: template.Context) -> str:
    if settings.PASSAGE_ROLE != "node":
        return ""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.has_perm("sync.view_sync_status"):
        return ""
    from django.urls import reverse

    status = post_status()
    last = (
        _("%(ago)s ago") % {"ago": timesince(status.last_success_at)}
        if status.last_success_at
        else _("never")
    )
    return format_html(
        ' · <a href="{}">{}</a>',
        reverse("sync:status"),
        _("HQ sync: %(n)s waiting, last success %(last)s") % {"n": status.backlog, "last": last},
    )
