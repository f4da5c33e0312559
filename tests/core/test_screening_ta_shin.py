"""A Latin ``CH`` as Arabic script writes it, ta and shin (decision 256).

Arabic script has no letter for the ``CH`` of English, Spanish or Chinese names and writes
it ``تش``: ``تشارلز`` Charles, ``ريتشارد`` Richard, ``تشن`` Chen. A long name met its
spelling by its vowel frame before; a short one written without a long vowel (``تشن``)
has no frame, and its skeleton without the ta (``SN``) is one that ``SWAN``, ``SEAN``
and ``SUNNY`` share, so ``تشن ديامون`` met ``Swan Diamond`` as closely as ``Chen
Diamon``, the name it writes.
"""

from __future__ import annotations

import pytest
from name_pairs import compare, similarity

from passage.core.names import ta_shin_spellings
from passage.core.screening import ScreeningIndex
from passage.core.screening.index import AlertEntry, Query


@pytest.mark.parametrize(
    ("written", "spelt"),
    [("تشن", "CHEN"), ("تشو", "CHU"), ("تشي", "CHE"), ("تشين", "CHIN"), ("تشاو", "CHAO")],
)
def test_ta_and_shin_write_ch(written: str, spelt: str) -> None:
    assert similarity(written, spelt)[0] >= 0.9


@pytest.mark.parametrize(("written", "spelt"), [("تشن", "SHEN"), ("شن", "CHEN"), ("تشن", "SWAN")])
def test_the_ta_is_not_left_out_or_added(written: str, spelt: str) -> None:
    # Shin alone is SH, and ta and shin are not a SH: these stay at the shared skeleton's
    # 0.8, as before.
    assert similarity(written, spelt)[0] <= 0.8


@pytest.mark.parametrize(("written", "spelt"), [("تساو", "CHAO"), ("تسو", "CHU"), ("تسن", "CHEN")])
def test_ta_and_sin_are_not_ta_and_shin(written: str, spelt: str) -> None:
    # تس writes a Chinese or Japanese TS (Tsao, Tsui): the shin is kept apart from the sin.
    assert similarity(written, spelt)[0] <= 0.8


def test_a_longer_name_is_not_read_so() -> None:
    # Its frame meets without the ta; the reading would only bring CHRIS nearer CHARLES.
    assert ta_shin_spellings("CHRIS") == ()
    assert similarity("تشارلز", "CHRIS")[0] < 0.5
    assert similarity("تشارلز", "CHARLES")[0] >= 0.95


def test_sch_and_tch_have_their_own_letters() -> None:
    assert ta_shin_spellings("SCHMIDT") == ()
    assert ta_shin_spellings("MITCHELL") == ()
    assert ta_shin_spellings("CHEN") == ("T'SHEN",)


def test_the_name_it_writes_ranks_first() -> None:
    assert compare("تشن ديامون", "Chen Diamon").score > compare("تشن ديامون", "Swan Diamond").score
    index = ScreeningIndex.build(
        [AlertEntry("E1", ("Swan Diamond",)), AlertEntry("E2", ("Chen Diamon",))]
    )
    hits = index.screen(Query("Q", ("تشن ديامون",)), threshold=0.0)
    assert hits[0].entry_id == "E2"
    assert hits[0].score > hits[1].score
