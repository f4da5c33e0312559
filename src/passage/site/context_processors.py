from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from passage import __version__


def passage(request: HttpRequest) -> dict[str, Any]:
    return {"passage_version": __version__, "passage_role": settings.PASSAGE_ROLE}
