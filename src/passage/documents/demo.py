"""The demo's e-Passport PKI for Utopia, and chips to try ``passage chip verify`` on.

``passage demo`` calls :func:`load_demo_chips`. It makes Utopia's CSCA (brainpoolP384r1,
explicit parameters, as ICAO 9303-12 asks), two document signers (brainpoolP256r1 and
RSA-2048), a master list signed by a master list signer of that CSCA and a CRL revoking
the RSA signer, and imports the master list and the CRL through the same audited service
as real ones. The private keys are thrown away: nothing can sign a Utopian chip after the
demo is loaded. Chip dumps of the ICAO specimen traveller are written under
``var/demo-chips/`` — one genuine, one signed by the revoked signer, one whose DG1 was
altered, and one whose printed MRZ is another person's.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from passage.core.chip.specimen import (
    make_crl,
    make_csca,
    make_dg1,
    make_dg2,
    make_document_signer,
    make_master_list,
    make_sod,
)
from passage.core.mrz import make_mrz

from .models import TrustAnchor
from .services import import_trust

CSCA_NAME = "CSCA Utopia (demo)"


def _mrz(surname: str, given: str, number: str, birth: str) -> str:
    return make_mrz(
        "TD3",
        surname=surname,
        given_names=given,
        document_number=number,
        issuing_state="UTO",
        birth_date=birth,
        sex="F",
        expiry_date=timezone.localdate() + timedelta(days=3000),
    )


def load_demo_chips(directory: Path | None = None) -> list[str]:
    """Utopia's trust anchors and four chip dumps; a second run changes nothing."""
    if TrustAnchor.objects.filter(subject__endswith=f"CN={CSCA_NAME}").exists():
        return ["chip PKI: Utopia's CSCA already trusted"]
    now = datetime.now(tz=UTC)
    start = now - timedelta(days=365 * 3)
    csca = make_csca(
        "UT", "brainpool384", common_name=CSCA_NAME, not_before=start, years=15, explicit=True
    )
    signer = make_document_signer(
        csca,
        "brainpool256",
        common_name="DS Utopia 1 (demo)",
        serial=1001,
        not_before=start,
        explicit=True,
    )
    revoked = make_document_signer(
        csca, "rsa", common_name="DS Utopia 2 (demo, revoked)", serial=1002, not_before=start
    )
    list_signer = make_document_signer(
        csca, "rsa", common_name="Master List Signer Utopia (demo)", serial=1003, not_before=start
    )
    lines = [
        import_trust(
            None, "master-list", make_master_list([csca.certificate], list_signer), "utopia.ml"
        ).summary(),
        import_trust(None, "crl", make_crl(csca, [1002], this_update=now), "utopia.crl").summary(),
    ]
    anna = _mrz("ERIKSSON", "ANNA MARIA", "L898902C3", "740812")
    other = _mrz("ERIKSSON", "ANNA MARIA", "L898902C3", "750812")
    dg1, dg2 = make_dg1(anna), make_dg2(b"\xff\xd8\xff\xe0demo portrait\xff\xd9")
    signed_at = now - timedelta(days=30)
    dumps = {
        "genuine": (make_sod({1: dg1, 2: dg2}, signer, signing_time=signed_at), dg1, anna),
        "revoked-signer": (make_sod({1: dg1, 2: dg2}, revoked, signing_time=signed_at), dg1, anna),
        "altered-dg1": (
            make_sod({1: dg1, 2: dg2}, signer, signing_time=signed_at),
            make_dg1(other),
            other,
        ),
        "other-printed-mrz": (
            make_sod({1: dg1, 2: dg2}, signer, signing_time=signed_at),
            dg1,
            other,
        ),
    }
    root = directory or Path(settings.VAR_DIR) / "demo-chips"
    for name, (sod, group1, printed) in dumps.items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "EF.SOD").write_bytes(sod)
        (folder / "EF.DG1").write_bytes(group1)
        (folder / "EF.DG2").write_bytes(dg2)
        (folder / "printed_mrz.txt").write_text(printed + "\n")
    lines.append(f"chip dumps in {root}: try `passage chip verify {root / 'genuine'} --trusted`")
    return lines
