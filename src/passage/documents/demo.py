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

import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from PIL import Image, ImageDraw

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


def specimen_portrait() -> bytes:
    """A drawn head and shoulders marked SPECIMEN, as the JPEG a chip's DG2 holds."""
    image = Image.new("RGB", (240, 320), (214, 222, 230))
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 230, 220, 420), fill=(70, 90, 120))  # shoulders
    draw.ellipse((75, 70, 165, 190), fill=(196, 160, 130))  # face
    draw.ellipse((70, 55, 170, 120), fill=(60, 45, 35))  # hair
    draw.text((80, 20), "SPECIMEN", fill=(160, 30, 30))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return out.getvalue()


@dataclass(frozen=True)
class DemoPKI:
    """Utopia's master list and CRL, and the chip dumps (SOD, DG1, DG2, printed MRZ)."""

    master_list: bytes
    crl: bytes
    dumps: dict[str, tuple[bytes, bytes, bytes, str]]


def make_demo_pki() -> DemoPKI:
    """Make the demo PKI and its chips (no database: tests make it once and load it often)."""
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
    anna = _mrz("ERIKSSON", "ANNA MARIA", "L898902C3", "740812")
    other = _mrz("ERIKSSON", "ANNA MARIA", "L898902C3", "750812")
    dg1, dg2 = make_dg1(anna), make_dg2(specimen_portrait())
    signed_at = now - timedelta(days=30)
    return DemoPKI(
        master_list=make_master_list([csca.certificate], list_signer),
        crl=make_crl(csca, [1002], this_update=now),
        dumps={
            "genuine": (make_sod({1: dg1, 2: dg2}, signer, signing_time=signed_at), dg1, dg2, anna),
            "revoked-signer": (
                make_sod({1: dg1, 2: dg2}, revoked, signing_time=signed_at),
                dg1,
                dg2,
                anna,
            ),
            "altered-dg1": (
                make_sod({1: dg1, 2: dg2}, signer, signing_time=signed_at),
                make_dg1(other),
                dg2,
                other,
            ),
            "other-printed-mrz": (
                make_sod({1: dg1, 2: dg2}, signer, signing_time=signed_at),
                dg1,
                dg2,
                other,
            ),
        },
    )


def load_demo_chips(directory: Path | None = None, pki: DemoPKI | None = None) -> list[str]:
    """Utopia's trust anchors and four chip dumps; a second run changes nothing."""
    if TrustAnchor.objects.filter(subject__endswith=f"CN={CSCA_NAME}").exists():
        return ["chip PKI: Utopia's CSCA already trusted"]
    pki = pki or make_demo_pki()
    lines = [
        import_trust(None, "master-list", pki.master_list, "utopia.ml").summary(),
        import_trust(None, "crl", pki.crl, "utopia.crl").summary(),
    ]
    root = directory or Path(settings.VAR_DIR) / "demo-chips"
    for name, (sod, group1, group2, printed) in pki.dumps.items():
        folder = root / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "EF.SOD").write_bytes(sod)
        (folder / "EF.DG1").write_bytes(group1)
        (folder / "EF.DG2").write_bytes(group2)
        (folder / "printed_mrz.txt").write_text(printed + "\n")
    lines.append(f"chip dumps in {root}: try `passage chip verify {root / 'genuine'} --trusted`")
    return lines
