"""The document's chip at the counter and in the API (issue #19, docs/chip.md).

The officer sees the chip's verdict beside the MRZ's and its portrait beside the
traveller; the verdict and each check (never the data groups) are stored on the
crossing and audited; a failed chip is as prominent as an alert hit and an admission
becomes a referral to secondary inspection.
"""

from __future__ import annotations

import base64
import io
import json
import uuid
from pathlib import Path

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from passage.accounts.choices import AuditAction
from passage.accounts.models import AuditEvent
from passage.core.chip.specimen import make_dg2
from passage.crossings.choices import Decision
from passage.crossings.models import Crossing
from passage.documents.chips import portrait_uri
from passage.documents.choices import ChipVerdict
from passage.documents.demo import DemoPKI, load_demo_chips, make_demo_pki, specimen_portrait
from passage.reference.services import load_refusal_grounds

pytestmark = pytest.mark.django_db

FILES = ("EF.SOD", "EF.DG1", "EF.DG2")


@pytest.fixture(scope="module")
def pki() -> DemoPKI:
    return make_demo_pki()


@pytest.fixture
def chips(tmp_path: Path, reference_data: None, pki: DemoPKI) -> Path:
    """Utopia's demo PKI trusted, and its four chip dumps (genuine, revoked signer,
    altered DG1, another person's printed MRZ)."""
    load_demo_chips(tmp_path, pki)
    return tmp_path


@pytest.fixture
def counter(client, personas):
    load_refusal_grounds(None)
    client.force_login(personas.officer)
    return client


def uploads(folder: Path) -> list[SimpleUploadedFile]:
    return [SimpleUploadedFile(name, (folder / name).read_bytes()) for name in FILES]


def printed(folder: Path) -> str:
    return (folder / "printed_mrz.txt").read_text().strip()


def post(counter, folder: Path, action: str, **fields):
    data = {
        "mrz": printed(folder),
        "direction": "entry",
        "action": action,
        "submission_key": str(uuid.uuid4()),
        **fields,
    }
    if "chip_token" not in fields:
        data["chip"] = uploads(folder)
    return counter.post("/posts/TST-AIR/counter/", data)


def test_a_genuine_chip_is_shown_verified_with_its_portrait(counter, chips):
    html = post(counter, chips / "genuine", "read").content.decode()
    assert 'id="chip-reading"' in html and "verified by" in html and "CSCA Utopia (demo)" in html
    assert 'src="data:image/jpeg;base64,' in html
    assert 'id="banner-chip"' not in html


def test_a_genuine_chip_is_admitted_and_its_verdict_stored_and_audited(counter, chips):
    response = post(counter, chips / "genuine", "admit")
    assert response.status_code == 302, response.context["form"].errors
    crossing = Crossing.objects.get()
    assert crossing.decision == Decision.ADMITTED
    assert crossing.chip_verdict == ChipVerdict.PASSED
    assert {c["name"] for c in crossing.chip_report["checks"]} >= {"signature", "printed_mrz"}
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_id=str(crossing.pk))
    assert json.loads(event.data)["after"]["chip_verdict"] == "passed"
    # The verdict, not the data groups: no file's bytes are kept.
    stored = json.dumps(crossing.chip_report)
    assert base64.b64encode((chips / "genuine" / "EF.DG1").read_bytes()[:12]).decode() not in stored
    page = counter.get(f"/crossings/{crossing.pk}/").content.decode()
    assert "chip verified" in page


@pytest.mark.parametrize(
    ("dump", "check"),
    [("altered-dg1", "data_group_hashes"), ("revoked-signer", "revocation")],
)
def test_a_failed_chip_is_a_banner_and_admitting_refers_to_secondary(counter, chips, dump, check):
    html = post(counter, chips / dump, "read").content.decode()
    assert 'id="banner-chip"' in html and "Chip check failed" in html and 'role="alert"' in html
    response = post(counter, chips / dump, "admit")
    assert response.status_code == 302
    crossing = Crossing.objects.get()
    assert crossing.decision == Decision.SECONDARY and crossing.authorised_until is None
    assert crossing.chip_verdict == ChipVerdict.FAILED
    assert f"chip check failed: {check}" in crossing.inspection.reason
    messages = counter.get(response["Location"]).content.decode()
    assert "secondary inspection" in messages


def test_another_persons_printed_mrz_fails_the_chip(counter, chips):
    post(counter, chips / "other-printed-mrz", "admit")
    crossing = Crossing.objects.get()
    assert crossing.chip_verdict == ChipVerdict.FAILED
    assert crossing.decision == Decision.SECONDARY


def test_the_verdict_shown_survives_a_page_shown_again_but_not_for_another_document(counter, chips):
    html = post(counter, chips / "altered-dg1", "read").content.decode()
    token = html.split('name="chip_token" value="')[1].split('"')[0]
    # Without the files (the browser forgot them), the verdict shown is the one recorded.
    post(counter, chips / "altered-dg1", "admit", chip_token=token)
    assert Crossing.objects.get().chip_verdict == ChipVerdict.FAILED
    forged = signing.dumps({"verdict": "passed", "checks": []}, salt="another")
    response = post(counter, chips / "altered-dg1", "admit", chip_token=forged)
    assert response.status_code == 400 and Crossing.objects.count() == 1
    assert "expired or was altered" in response.content.decode()


def test_chip_files_that_cannot_be_read_are_named_and_nothing_is_stored(counter, chips):
    junk = [SimpleUploadedFile("EF.SOD", b"\x00" * 40), SimpleUploadedFile("EF.DG1", b"x")]
    data = {
        "mrz": printed(chips / "genuine"),
        "direction": "entry",
        "chip": junk,
        "submission_key": str(uuid.uuid4()),
    }
    html = counter.post("/posts/TST-AIR/counter/", {**data, "action": "read"}).content.decode()
    assert 'id="banner-chip-problem"' in html and "EF." in html
    response = counter.post("/posts/TST-AIR/counter/", {**data, "action": "admit"})
    assert response.status_code == 400 and not Crossing.objects.exists()


def test_an_exit_with_a_failed_chip_is_recorded_with_its_verdict(counter, chips):
    post(counter, chips / "altered-dg1", "exit", direction="exit")
    crossing = Crossing.objects.get()
    assert crossing.direction == "exit" and crossing.decision == Decision.ADMITTED
    assert crossing.chip_verdict == ChipVerdict.FAILED


def _chip_banner(html: str) -> str:
    start = html.rindex("<div", 0, html.index('id="banner-chip"'))
    return html[start : html.index("</div>", start)]


@pytest.mark.parametrize(
    ("language", "entry_words", "exit_words"),
    [
        (
            "en",
            "Admitting sends the traveller to secondary inspection.",
            "Recording the exit does not send the traveller to secondary inspection; "
            "the failed check is stored with the exit.",
        ),
        (
            "ar",
            "القبول يحيل المسافر إلى التفتيش الثانوي.",
            "تسجيل المغادرة لا يحيل المسافر إلى التفتيش الثانوي؛ يُحفظ الفحص الفاشل مع المغادرة.",
        ),
    ],
)
def test_the_failed_chip_banner_says_what_recording_does_in_each_direction(
    counter, chips, language, entry_words, exit_words
):
    """At an exit a failed chip refers nobody (the exit is recorded with its verdict,
    as above): the banner said "Admitting sends the traveller to secondary inspection."
    there too, where the officer's button is Record exit."""
    counter.cookies["django_language"] = language
    entry = _chip_banner(post(counter, chips / "altered-dg1", "read").content.decode())
    assert entry_words in entry and exit_words not in entry
    html = post(counter, chips / "altered-dg1", "read", direction="exit").content.decode()
    banner = _chip_banner(html)
    assert "banner-danger" in banner and exit_words in banner
    assert entry_words not in banner and "Admitting" not in banner


def test_the_api_stores_the_verdict_and_refers_a_failed_chip(client, personas, token_for, chips):
    load_refusal_grounds(None)
    header = token_for(personas.officer)

    def record(dump: str, files: dict[str, str] | None = None):
        folder = chips / dump
        files = files or {n: base64.b64encode((folder / n).read_bytes()).decode() for n in FILES}
        body = {
            "crossing_point": "TST-AIR",
            "direction": "entry",
            "mrz": printed(folder),
            "chip": {"files": files},
        }
        return client.post(
            "/api/v1/crossings", body, content_type="application/json", HTTP_AUTHORIZATION=header
        )

    response = record("altered-dg1")
    assert response.status_code == 201, response.json()
    crossing = response.json()["crossing"]
    assert crossing["decision"] == "secondary" and crossing["chip_verdict"] == "failed"
    assert any("Chip check failed" in w for w in response.json()["warnings"])
    response = record("genuine", {"EF.SOD": "not base64!", "EF.DG1": ""})
    assert response.status_code == 422
    assert "chip.files.EF.SOD" in response.json()["detail"]
    assert Crossing.objects.count() == 1


def test_a_jpeg2000_portrait_is_shown_as_jpeg_and_a_broken_one_not_at_all():
    buffer = io.BytesIO()
    Image.open(io.BytesIO(specimen_portrait())).save(buffer, format="JPEG2000")
    uri = portrait_uri(make_dg2(buffer.getvalue(), jpeg2000=True))
    assert uri is not None and uri.startswith("data:image/jpeg;base64,")
    shown = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert shown.format == "JPEG" and shown.width <= 240
    assert portrait_uri(make_dg2(b"\xff\xd8 not really a jpeg")) is None
