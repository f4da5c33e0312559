from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def when(value: str | None) -> str:
    """An ISO time from the person's file as ``YYYY-MM-DD HH:MM`` (the JSON keeps it whole)."""
    return (value or "")[:16].replace("T", " ")
