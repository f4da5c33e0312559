"""Messages from ``passage.core`` read in the page's language: the core writes English
``Text`` carrying its template, the page translates the template (decision 0063)."""

from __future__ import annotations

import pytest
from django.utils import translation

from passage.core.mrz import parse_mrz
from passage.core.stay import RollingWindowRule
from passage.site.templatetags.core_text import localized, mrz_field

BAD = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n"
    "L898902C35UTO7408122F1204159ZE184226B<<<<<10"  # document number check digit 5, not 6
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "le chiffre de contrôle 5 ne correspond pas aux données (attendu : 6)"),
        ("es", "el dígito de control 5 no corresponde a los datos (se esperaba 6)"),
        ("ar", "رقم التحقق 5 لا يطابق البيانات (المتوقع 6)"),
    ],
)
def test_an_mrz_check_digit_error_reads_in_the_page_language(language, expected):
    issue = next(i for i in parse_mrz(BAD).errors if i.field == "document_number")
    # The core's own English stays as it was (the JSON contract).
    assert issue.message.startswith("check digit 5 does not match the data (expected 6)")
    with translation.override(language):
        assert localized(issue.message).startswith(expected)
        assert mrz_field(issue.field) != "document_number"


def test_stay_rule_wording_is_translated():
    rule = RollingWindowRule(90, 180)
    assert rule.describe() == "at most 90 days in any 180-day period, entry and exit days counted"
    with translation.override("fr"):
        assert localized(rule.describe()).startswith("au plus 90 jours sur toute période de 180")


def test_an_untranslated_message_stays_english():
    with translation.override("ar"):
        assert localized("no such message anywhere") == "no such message anywhere"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "date de naissance : il n\N{RIGHT SINGLE QUOTATION MARK}y a pas de mois 13"),
        ("ar", "تاريخ الميلاد: لا يوجد شهر 13"),
    ],
)
def test_a_date_finding_reads_in_the_page_language_with_its_field_label(language, expected):
    bad_month = BAD.replace("7408122F", "7413122F")  # month 13 in the date of birth
    issue = next(i for i in parse_mrz(bad_month).errors if i.code == "invalid_date")
    assert issue.message == "date of birth: there is no month 13"
    with translation.override(language):
        assert localized(issue.message) == expected


def test_not_an_mrz_reads_in_arabic():
    issue = parse_mrz("P<UTO").errors[0]
    assert issue.message.endswith("found 1 line (5)")
    with translation.override("ar"):
        text = localized(issue.message)
    assert text.startswith("ليست منطقة مقروءة آليًا") and "(5)" in text


def test_stay_notes_read_in_french_and_arabic():
    from datetime import date

    from passage.core.stay import Stay, assess_entry

    # An earlier stay with no exit: the assessment cannot tell, and says why.
    unsure = assess_entry([Stay(date(2025, 1, 1), None)], date(2025, 3, 1), [])
    reason = unsure.reasons[0]
    assert reason == "the stay entered on 2025-01-01 has no recorded exit: an exit is missing"
    # A rolling-window refusal: the rule's wording nested inside the note.
    full = assess_entry(
        [Stay(date(2025, 1, 1), date(2025, 3, 31))], date(2025, 4, 2), [RollingWindowRule(90, 180)]
    )
    note = full.decided_by.text
    assert note.startswith("90 days of presence in the 180 days before 2025-04-02: at most 90")
    with translation.override("fr"):
        assert localized(reason) == (
            "le séjour commencé le 2025-01-01 n\N{RIGHT SINGLE QUOTATION MARK}a pas de sortie "
            "enregistrée : une sortie manque"
        )
        assert localized(note).startswith("90 jours de présence dans les 180 jours précédant")
        assert "au plus 90 jours sur toute période de 180" in localized(note)
    with translation.override("ar"):
        assert localized(reason).startswith("الإقامة التي بدأت في 2025-01-01")
        assert "Regulation" not in localized(note) and "days" not in localized(note)


def test_a_suggested_repair_reads_in_arabic():
    good = BAD.replace("C35UTO", "C36UTO")
    ocr = good.replace("7408122F", "74O8122F")  # the 0 of the date of birth read as O
    change = parse_mrz(ocr, repair=True).repair.changes[0]
    assert change.reason == "a digit is expected here"
    with translation.override("ar"):
        assert localized(change.reason) == "يُتوقع رقم هنا"
        assert mrz_field(change.field) == "تاريخ الميلاد"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "overstay", "no_history"),
    [
        (
            "fr",
            "Dépassement : 6 jour(s) au-delà du séjour autorisé.",
            "Aucune entrée ouverte pour ce voyageur",
        ),
        (
            "ar",
            "تجاوز الإقامة: 6 يوم/أيام بعد الإقامة المأذون بها.",
            "لا دخول مفتوح لهذا المسافر",
        ),
    ],
)
def test_the_counters_stay_warnings_read_in_the_page_language(
    personas, language, overstay, no_history
):
    """The warnings the counter records with a crossing are English for the API and read
    in the page's language (the counter page shows them translated)."""
    import datetime as dt

    from django.utils import timezone

    from passage.crossings import services
    from passage.stay.models import StayRule
    from passage.travellers.services import Identity

    StayRule.objects.create(name="20 days", max_days=20)
    identity = Identity(
        primary_name="TESFAYE",
        secondary_name="ABEL",
        number="P1234567",
        issuing_state="ETH",
        nationality="ETH",
    )
    today = timezone.localdate()
    services.record_crossing(
        personas.officer,
        personas.post,
        services.CrossingInput(
            "entry",
            identity,
            at=timezone.now() - dt.timedelta(days=25),
            authorised_until=today - dt.timedelta(days=6),
        ),
    )
    exit_ = services.record_crossing(
        personas.officer, personas.post, services.CrossingInput("exit", identity, assess_stay=True)
    )
    assert "Overstay: 6 day(s) beyond the authorised stay." in exit_.warnings  # the API's text
    other = Identity(
        primary_name="ALI", secondary_name="SARA", number="P7654321", issuing_state="ETH"
    )
    lone = services.record_crossing(
        personas.officer, personas.post, services.CrossingInput("exit", other)
    )
    with translation.override(language):
        assert overstay in [localized(w) for w in exit_.warnings]
        assert any(localized(w).startswith(no_history) for w in lone.warnings)


def test_an_input_error_from_the_stay_calculator_reads_in_french():
    import datetime as dt

    from passage.core.stay import InvalidStayError, Stay

    with pytest.raises(InvalidStayError) as caught:
        Stay(dt.date(2026, 3, 5), dt.date(2026, 3, 1))
    assert caught.value.text == "exit: 2026-03-01 is before the entry 2026-03-05"  # as before
    with translation.override("fr"):
        assert localized(caught.value.text) == "exit : 2026-03-01 précède l'entrée du 2026-03-05"


def test_the_document_codes_allowed_read_with_a_translated_or():
    td1 = (
        "X<UTOD231458907<<<<<<<<<<<<<<<\n"
        "7408122F1204159UTO<<<<<<<<<<<6\n"
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"
    )
    issue = next(i for i in parse_mrz(td1).errors if i.code == "invalid_document_code")
    assert issue.message == "a TD1 document code starts with A or C or I, found 'X'"
    with translation.override("ar"):
        assert "A أو C أو I" in localized(issue.message)


@pytest.mark.django_db
def test_the_not_found_page_reads_in_arabic(client, personas):
    client.force_login(personas.officer)
    client.cookies["django_language"] = "ar"
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "هذه الصفحة غير موجودة." in body and "This page does not exist." not in body
