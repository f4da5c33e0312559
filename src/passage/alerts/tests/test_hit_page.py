"""The hit page as a supervisor reads it in Arabic: the summary counts name parts as
Arabic counts them, and a Latin list name keeps its brackets in a right-to-left heading.

Found by the Chromium walk at 1366x768: the summary read "2 من 2 أجزاء" (a plural after
two, where Arabic says the dual "جزأين"), and the listed entry's heading showed the
list's version as "(demo) (v3" with its brackets out of order.
"""

from __future__ import annotations

import pytest
from django.utils import translation

from passage.alerts.models import ScreeningHit
from passage.alerts.templatetags.alerts import hit_summary
from passage.crossings.models import Crossing

from .lists import import_lines, make_list, passport, post

pytestmark = pytest.mark.django_db


def _explanation(total: int, matched: int) -> dict[str, object]:
    parts = [{"query": f"Q{i}", "entry": f"E{i}", "similarity": 1.0} for i in range(matched)]
    unmatched = [f"U{i}" for i in range(total - matched)]
    return {
        "name": {"score": 1.0, "parts": parts, "unmatched_query": unmatched},
        "birth_date": {"evidence": "exact"},
    }


@pytest.mark.parametrize(
    ("total", "matched", "words"),
    [
        # Arabic's six plural forms (the catalogue's Plural-Forms), counted on the total.
        (1, 1, "يتطابق 1 من جزء واحد"),
        (2, 2, "يتطابق 2 من جزأين"),
        (2, 1, "يتطابق 1 من جزأين"),
        (3, 2, "يتطابق 2 من 3 أجزاء"),
        (10, 9, "يتطابق 9 من 10 أجزاء"),
        (11, 11, "يتطابق 11 من 11 جزءًا"),
        (100, 99, "يتطابق 99 من 100 جزء"),
    ],
)
def test_the_summary_counts_name_parts_as_arabic_counts_them(total, matched, words):
    with translation.override("ar"):
        summary = hit_summary(_explanation(total, matched))
    assert summary == f"الاسم 100%: {words}؛ تاريخ الميلاد نفسه."


@pytest.mark.parametrize(
    ("language", "total", "words"),
    [
        ("en", 1, "Name 100%: 1 of 1 part matches; same birth date."),
        ("en", 2, "Name 100%: 2 of 2 parts match; same birth date."),
        ("fr", 1, "Nom 100 % : 1 partie sur 1 concorde ; même date de naissance."),
        ("fr", 2, "Nom 100 % : 2 parties sur 2 concordent ; même date de naissance."),
        ("es", 1, "Nombre 100 %: coincide 1 de 1 parte; misma fecha de nacimiento."),
        ("es", 2, "Nombre 100 %: coinciden 2 de 2 partes; misma fecha de nacimiento."),
    ],
)
def test_the_summary_counts_name_parts_in_each_language(language, total, words):
    with translation.override(language):
        assert hit_summary(_explanation(total, total)) == words


@pytest.fixture
def refused(reference_data):
    """A refusal list, named in Latin letters with brackets, holding a two-part name."""
    alert_list = make_list("Refused persons (demo)", action="refuse")
    import_lines(
        alert_list,
        [{"reference": "R-1", "names": ["Anna Eriksson"], "birth_dates": ["1974-08-12"]}],
    )
    return alert_list


def _hit_page(client, personas, language: str) -> str:
    client.force_login(personas.officer)
    post(client, passport(given="ANNA"))
    hit = ScreeningHit.objects.get(crossing=Crossing.objects.get())
    client.force_login(personas.supervisor)
    client.cookies["django_language"] = language
    return client.get(f"/alerts/hits/{hit.pk}/").content.decode()


def test_the_arabic_hit_page_says_two_parts_in_the_dual(client, personas, refused):
    page = _hit_page(client, personas, "ar")
    article = page[page.index('<article class="hit">') :]
    summary = article[article.index("<p><strong>") : article.index("</strong></p>")]
    assert "يتطابق 2 من جزأين" in summary and "أجزاء" not in summary


def test_a_latin_list_name_is_isolated_in_the_arabic_headings(client, personas, refused):
    """The list's name and version are isolated (``<bdi>``) wherever the hit page puts
    them among Arabic words, the brackets around the version outside the isolate; so is
    the traveller's name in the page's title."""
    page = _hit_page(client, personas, "ar")
    listed = page[page.index("<h2>القيد المدرج") :]
    listed = listed[: listed.index("</h2>")]
    assert listed.endswith("<small>(<bdi>Refused persons (demo) v1</bdi>)</small>")
    assert "<bdi>ANNA ERIKSSON</bdi></h1>" in page
    banner = page[page.index('id="hit-status"') :]
    assert "<bdi>Refused persons (demo)</bdi>" in banner[: banner.index("</div>")]
    fields = page[page.index('<dl class="entry">') :]
    assert "<dd><bdi>Refused persons (demo)</bdi> · " in fields
