"""The sentences Passage adds to a referral are stored in English and read in the reader's
language (``crossings.referrals``)."""

from __future__ import annotations

from django.utils import translation

from passage.alerts.choices import AlertAction
from passage.crossings.referrals import (
    LINKED_HIT,
    chip_referral,
    list_referral,
    localized_line,
    localized_reason,
)


def test_a_list_referral_is_written_in_english_whatever_the_officers_language():
    with translation.override("ar"):
        text = list_referral(
            [
                (AlertAction.REFUSE.label, "Stolen documents"),
                (AlertAction.REFUSE.label, "Stolen documents"),  # said once
                (AlertAction.MONITOR.label, "Watch; list"),
            ]
        )
    assert text == (
        "Refer to secondary inspection: alert action Refuse entry, list “Stolen documents”; "
        "alert action Monitor (discreet check), list “Watch; list”."
    )


def test_each_sentence_reads_in_the_readers_language_and_the_officers_words_as_written():
    reason = "\n".join(
        [
            "passeport abîmé",
            str(list_referral([(AlertAction.REFUSE.label, "Stolen documents")])),
            str(chip_referral(["signature", "certificate_chain"])),
            LINKED_HIT,
        ]
    )
    with translation.override("fr"):
        lines = localized_reason(reason).splitlines()
    assert lines[0] == "passeport abîmé"
    assert lines[1].startswith("Orienter vers le contrôle de deuxième ligne : action ")
    assert "« Stolen documents »" in lines[1] and "Refuse entry" not in lines[1]
    assert lines[2].startswith("échec du contrôle de la puce : ")
    assert "signature" in lines[2] and "certificate_chain" not in lines[2]
    assert lines[3].startswith("lié à un dossier")
    with translation.override("es"):
        assert localized_line(LINKED_HIT).startswith("vinculado a un registro")
    with translation.override("en"):
        english = localized_reason(reason).splitlines()
    # In English the sentences read as stored, the chip's checks by their names.
    assert english[:2] + english[3:] == reason.splitlines()[:2] + reason.splitlines()[3:]
    assert english[2] == "chip check failed: document signer's signature, chain to a trusted CSCA"
    # A list whose name holds the separator stays one hit, read in the reader's language.
    with translation.override("fr"):
        both = localized_line(
            str(
                list_referral(
                    [
                        (AlertAction.MONITOR.label, "Watch; list"),
                        (AlertAction.REFUSE.label, "Stolen documents"),
                    ]
                )
            )
        )
    assert "« Watch; list »" in both and both.count("action") == 2, both
    assert "Monitor" not in both and "Refuse entry" not in both
    # A sentence stored in another language before (or a list name that breaks the
    # pattern) is shown as it was stored, never lost.
    with translation.override("fr"):
        stored = "أحِل المسافر إلى التفتيش الثانوي: إجراء التنبيه"
        assert localized_line(stored) == stored
        assert localized_reason("") == "" and localized_reason(None) == ""
