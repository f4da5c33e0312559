"""The alert-list pages in words a supervisor reads at once, in English and Arabic.

A review found that a list without validity dates read "valid …" then an en dash then
"…" again, which says nothing (in Arabic "الصلاحية" for "valid"). The page now says the
list has no start or end date, or gives the dates it has, each left to right. On the
import page the Arabic labelled two fields "الملف": the file to choose ("File") and the
subject of the sentence its choice completes ("The file" replaces / adds to the list).
"""

from __future__ import annotations

import datetime as dt

import pytest

from passage.alerts.models import AlertList

from .lists import make_list

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("language", "dates", "words"),
    [
        ("en", (None, None), "valid with no start or end date"),
        ("en", (START, None), 'valid from <span dir="ltr">2026-01-01</span>'),
        ("en", (None, END), 'valid until <span dir="ltr">2026-12-31</span>'),
        (
            "en",
            (START, END),
            'valid from <span dir="ltr">2026-01-01</span> to <span dir="ltr">2026-12-31</span>',
        ),
        ("ar", (None, None), "صالحة بلا تاريخ بدء أو انتهاء"),
        ("ar", (START, None), 'صالحة من <span dir="ltr">2026-01-01</span>'),
        ("ar", (None, END), 'صالحة حتى <span dir="ltr">2026-12-31</span>'),
        (
            "ar",
            (START, END),
            'صالحة من <span dir="ltr">2026-01-01</span> إلى <span dir="ltr">2026-12-31</span>',
        ),
    ],
)
def test_the_list_page_says_when_the_list_is_valid(
    client, personas, reference_data, language, dates, words
):
    alert_list = make_list("Wanted")
    AlertList.objects.filter(pk=alert_list.pk).update(valid_from=dates[0], valid_until=dates[1])
    client.force_login(personas.supervisor)
    client.cookies["django_language"] = language
    page = client.get(f"/alerts/{alert_list.pk}/").content.decode()
    assert words in page
    assert "…" not in page and " \u2013 " not in page  # no ellipsis, no en dash


def test_the_import_pages_two_file_labels_differ_in_arabic_and_read_as_a_sentence(
    client, personas, reference_data
):
    alert_list = make_list("Wanted")
    client.force_login(personas.administrator)
    client.cookies["django_language"] = "ar"
    page = client.get(f"/alerts/{alert_list.pk}/import/").content.decode()
    form = page[page.index('<form method="post"') :]

    def label_before(control: str) -> str:
        end = form.index(control)
        return form[form.rindex("<label>", 0, end) + len("<label>") : end].strip()

    assert label_before('<input type="file"') == "الملف"
    # "This file" + "replaces the list (a full list)" / "adds to the list": one sentence.
    assert label_before('<select name="replace"') == "هذا الملف"
    assert ">يستبدل القائمة (قائمة كاملة)</option>" in form
    assert ">يُضيف إلى القائمة</option>" in form
