"""One way to page a list: ``{% pages page %}`` under any table that a queue can outgrow."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.paginator import Page
from django.utils.translation import gettext_lazy as _

register = template.Library()


@register.inclusion_tag("site/partials/pages.html", takes_context=True)
def pages(
    context: dict[str, Any],
    page: Page[Any],
    previous: str | None = None,
    following: str | None = None,
    name: str = "page",
    label: str | None = None,
) -> dict[str, Any]:
    """How many rows there are, which page this is, and links to the pages either side,
    keeping the request's other parameters (filters, another list's page). ``label``
    names the navigation for a screen reader when a page has two lists."""
    query = context["request"].GET.copy()
    query.pop(name, None)
    return {
        "page": page,
        "name": name,
        "query": query.urlencode(),
        "previous": previous or _("Previous page"),
        "following": following or _("Next page"),
        "label": label or _("Pages"),
    }
