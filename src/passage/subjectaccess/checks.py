"""System checks: the person's file needs its font to draw a PDF (decision 0125)."""

from __future__ import annotations

from typing import Any

from django.core import checks

from . import pdf


@checks.register()
def pdf_font(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    problems: list[checks.CheckMessage] = []
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        try:
            pdf.font_path(name)
        except FileNotFoundError as exc:
            problems.append(
                checks.Warning(
                    str(exc),
                    hint="apt-get install fonts-dejavu-core, or set PASSAGE_PDF_FONT_DIR",
                    id="subjectaccess.W001",
                )
            )
    return problems
