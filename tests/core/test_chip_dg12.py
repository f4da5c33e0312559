"""EF.DG12's date of issue (ICAO 9303-10 §4.7.12): read, absent, or refused naming DG12."""

from __future__ import annotations

from datetime import date

import pytest

from passage.core.chip import ChipError, read_dg12_issue_date
from passage.core.chip.specimen import _tlv, make_dg12


@pytest.mark.parametrize("bcd", [False, True])
def test_the_date_of_issue_is_read_as_ascii_digits_or_bcd(bcd: bool) -> None:
    assert read_dg12_issue_date(make_dg12(date(2016, 2, 29), bcd=bcd)) == date(2016, 2, 29)


def test_a_dg12_without_a_date_of_issue_gives_none() -> None:
    authority = _tlv(0x6C, _tlv(0x5C, b"\x5f\x19") + _tlv(0x5F19, b"MINISTRY OF INTERIOR"))
    assert read_dg12_issue_date(authority) is None


@pytest.mark.parametrize("value", [b"20190230", b"2019083", b"2019-8-3", b"\x20\x19\x13\x01"])
def test_a_date_of_issue_that_is_not_one_names_dg12(value: bytes) -> None:
    with pytest.raises(ChipError) as caught:
        read_dg12_issue_date(_tlv(0x6C, _tlv(0x5C, b"\x5f\x26") + _tlv(0x5F26, value)))
    assert caught.value.source == "EF.DG12"


def test_another_data_group_is_not_read_as_dg12() -> None:
    with pytest.raises(ChipError):
        read_dg12_issue_date(_tlv(0x6B, _tlv(0x5F26, b"20190830")))
