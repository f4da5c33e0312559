"""The PDF's text pass: Arabic joined, lines in display order, brackets mirrored, dates
left to right, and wrapping done before reordering (decision 0125)."""

from __future__ import annotations

import arabic_reshaper
import pytest
from django.utils import translation

from passage.subjectaccess import pdf


def test_latin_text_in_a_left_to_right_page_is_left_alone():
    assert pdf._visual("ERIKSSON (UTO) 2026-11-13", rtl=False) == "ERIKSSON (UTO) 2026-11-13"


def test_a_date_without_letters_reads_as_written_in_arabic_pages():
    assert pdf._visual("2026-11-13 04:15", rtl=True) == "2026-11-13 04:15"


def test_arabic_is_joined_reversed_and_its_brackets_mirrored():
    line = pdf._visual("اسم (بالكتابة)", rtl=True)
    joined = arabic_reshaper.reshape("اسم (بالكتابة)")
    # Display order is the reverse of the logical order for a right-to-left run, with
    # each bracket drawn as its mirror (UBA L4) so the pair still encloses the word.
    assert line == joined[::-1].translate(str.maketrans("()", ")("))
    assert line.startswith("(") and joined != "اسم (بالكتابة)"  # letters took joined forms


def test_a_date_inside_arabic_text_keeps_its_order():
    line = pdf._visual("وصل 2026-11-13 04:15", rtl=True)
    assert "2026-11-13 04:15" in line


def test_wrapping_keeps_the_first_words_on_the_first_line():
    text = " ".join(["كلمة"] * 40)
    lines = pdf._wrap(text, 120)
    assert len(lines) > 3
    assert " ".join(lines) == text  # broken in logical order, nothing lost


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr", "es", "ar"])
def test_the_no_such_person_answer_renders_in_every_language(language):
    from passage.subjectaccess.personfile import no_such_person

    with translation.override(language):
        body = pdf.render(no_such_person({"document": "UTO:X1"}, None))
    assert body.startswith(b"%PDF-") and b"DejaVuSans" in body
