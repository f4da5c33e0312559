"""Logging filters: the server log keeps what needs someone's attention.

A deliberate refusal (a user without the permission, an officer at another post's page)
is expected and already recorded, with who, where and why, as an ``access_denied``
audit event. Django's request logger would also print it with a full traceback on
every occurrence, burying the errors that do need a look; this filter drops those
records. CSRF failures (``django.security.csrf``) and every 5xx are kept.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied


class DropDeliberateDenials(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) != 403 or not record.exc_info:
            return True
        return not isinstance(record.exc_info[1], PermissionDenied)
