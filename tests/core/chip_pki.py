"""A specimen PKI for the chip tests: Utopia's CSCAs and signers, made once per session."""

from __future__ import annotations

from datetime import UTC, datetime

from passage.core.chip.specimen import (
    Party,
    Scheme,
    make_csca,
    make_dg1,
    make_dg2,
    make_document_signer,
    make_sod,
)
from passage.core.mrz import make_mrz

SIGNED = datetime(2022, 5, 1, tzinfo=UTC)
MRZ = make_mrz(
    "TD3",
    surname="SPECIMEN",
    given_names="ANNA MARIA",
    document_number="UT1234567",
    issuing_state="UTO",
    birth_date="740812",
    sex="F",
    expiry_date="320415",
)
PORTRAIT = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) + b"\xff\xd9"
DG1 = make_dg1(MRZ)
DG2 = make_dg2(PORTRAIT)


def chip(signer: Party, **options: object) -> dict[str, bytes]:
    """A reader's dump of a Utopian chip signed by ``signer``."""
    sod = make_sod({1: DG1, 2: DG2}, signer, signing_time=SIGNED, **options)  # type: ignore[arg-type]
    return {"EF.SOD": sod, "EF.DG1": DG1, "EF.DG2": DG2}


class PKI:
    """Utopia's CSCA (RSA-3072) and lazily made document signers by scheme."""

    def __init__(self) -> None:
        self.csca = make_csca("UT", "rsa")
        self.ec_csca = make_csca("UT", "brainpool384", common_name="CSCA UT EC", explicit=True)
        self._signers: dict[tuple[str, bool], Party] = {}

    def signer(self, scheme: Scheme, *, explicit: bool = False) -> Party:
        key = (scheme, explicit)
        if key not in self._signers:
            csca = self.ec_csca if explicit else self.csca
            self._signers[key] = make_document_signer(
                csca, scheme, explicit=explicit, serial=200 + len(self._signers)
            )
        return self._signers[key]
