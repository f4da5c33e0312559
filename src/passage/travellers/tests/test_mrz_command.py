"""`passage mrz parse` and `passage mrz make`, exactly as DESIGN.md §5 describes them."""

from __future__ import annotations

import json
import subprocess
import sys

SPECIMEN = (
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
)


def passage(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "passage.site.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
    )


def test_parse_writes_one_json_object_per_document():
    result = passage("mrz", "parse", stdin=SPECIMEN + "\n\nthis is not an mrz\n")
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert (
        first["format"] == "TD3"
        and first["surname"] == "ERIKSSON"
        and first["given_names"] == "ANNA MARIA"
    )
    assert first["birth_date"] == "1974-08-12" and first["valid"] is True
    assert second["valid"] is False and second["errors"]


def test_make_builds_what_parse_accepts():
    made = passage(
        "mrz",
        "make",
        "--format",
        "TD2",
        "--surname",
        "Ould Ahmed",
        "--given-names",
        "Mariam",
        "--document-number",
        "MR1234567",
        "--issuing-state",
        "MRT",
        "--birth-date",
        "1988-05-01",
        "--sex",
        "F",
        "--expiry-date",
        "2030-05-01",
    )
    assert made.returncode == 0, made.stderr
    parsed = json.loads(passage("mrz", "parse", stdin=made.stdout).stdout)
    assert parsed["valid"] and parsed["format"] == "TD2" and parsed["surname"] == "OULD AHMED"


def test_make_names_a_missing_field():
    result = passage("mrz", "make", "--surname", "X")
    assert result.returncode != 0
    assert "--document-number" in result.stderr


OCRB = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"


def _page(path, mrz: str, turn: int) -> None:
    """A plain white page with the MRZ in OCR-B at 10 characters per inch (300 dpi)."""
    from PIL import Image, ImageDraw, ImageFont

    lines = mrz.split("\n")
    font = ImageFont.truetype(OCRB, 41)
    page = Image.new("L", (1500, 1050), 240)
    draw = ImageDraw.Draw(page)
    draw.rectangle((60, 120, 420, 560), fill=120)  # the portrait
    draw.text((480, 140), "PASSPORT  PASSEPORT", fill=30, font=font)
    for i, line in enumerate(lines):
        draw.text((90, 1050 - 60 - (len(lines) - i) * 50), line, fill=10, font=font)
    page.rotate(turn, expand=True, fillcolor=255).save(path)


def test_read_prints_one_object_per_image_in_order(tmp_path):
    import pytest

    pytest.importorskip("cv2")
    from pathlib import Path

    if not Path(OCRB).exists():
        pytest.skip("needs Debian's fonts-ocr-b")
    _page(tmp_path / "a.png", SPECIMEN, 180)
    (tmp_path / "b.jpg").write_bytes(b"\xff\xd8\xff\xe0 this is not a JPEG")
    result = passage("mrz", "read", str(tmp_path / "a.png"), str(tmp_path / "b.jpg"))
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["file"].endswith("a.png") and first["valid"] is True, first
    assert first["lines"] == SPECIMEN.split("\n")
    assert first["surname"] == "ERIKSSON" and first["document_number"] == "L898902C3"
    assert first["zone"]["upside_down"] is True
    assert second["file"].endswith("b.jpg") and second["code"] == "not_image"
    assert "error" in second and "format" not in second
    assert result.returncode == 1 and "1 of 2 images not read" in result.stderr

    alone = passage("mrz", "read", str(tmp_path / "a.png"))
    assert alone.returncode == 0, alone.stderr
