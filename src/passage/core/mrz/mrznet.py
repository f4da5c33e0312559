"""Passage's own MRZ line recogniser: a small CRNN made only for ``A-Z 0-9 <`` in OCR-B.

The network (``models/mrz-ocrb-crnn.onnx``, trained by ``tools/train_mrz_recogniser.py``
on rendered and degraded MRZ lines, decision 0114) reads one grey line strip, as
:mod:`.image` cuts it, scaled to 32 pixels high, and gives per column of 4 pixels the
probability of blank and of each of the 37 MRZ characters, the same ``(T, 38)`` frames
that :mod:`.ocr` folds PP-OCR's output into. :class:`MRZNet` is a drop-in replacement
for :class:`.ocr.Recogniser` (same ``read`` and :class:`.ocr.LineRead`), so the rest of
the reader (length decoding, ICAO choice, confirmation) is unchanged.

It runs with ``onnxruntime`` on one thread; torch is used for training only.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, Final

import cv2
import numpy as np
import numpy.typing as npt
import onnxruntime as ort

from .ocr import ALPHABET, EngineUnavailable, LineRead, _decode

HEIGHT: Final = 32
"""Height of the strip the network reads (pixels)."""
SQUEEZE: Final = 0.7
"""Horizontal scale of a strip scaled to ``HEIGHT`` (about 12 pixels a character)."""
WIDER: Final = 1.0
"""The scale of the reader's second look at a line of the wrong length."""
MODEL: Final = Path(__file__).with_name("models") / "mrz-ocrb-crnn.onnx"
_IDENTITY: Final = np.arange(len(ALPHABET) + 1, dtype=np.intp)
_MAX_WIDTH: Final = 4096

__all__ = ["ALPHABET", "HEIGHT", "MODEL", "MRZNet", "prepare"]


def prepare(
    strip: npt.NDArray[np.uint8], squeeze: float = SQUEEZE, *, as_uint8: bool = False
) -> npt.NDArray[Any]:
    """``strip`` (grey, text dark on light) scaled to ``HEIGHT`` rows; ``as_uint8`` keeps
    the pixels, otherwise the network's input ``(1, 1, HEIGHT, W)`` in ``[-1, 1]``."""
    grey = cv2.cvtColor(strip, cv2.COLOR_BGR2GRAY) if strip.ndim == 3 else strip
    h, w = grey.shape[:2]
    width = int(min(_MAX_WIDTH, max(16, round(w * squeeze * HEIGHT / max(h, 1)))))
    interpolation = cv2.INTER_AREA if h >= HEIGHT else cv2.INTER_LINEAR
    resized = np.asarray(cv2.resize(grey, (width, HEIGHT), interpolation=interpolation))
    if as_uint8:
        return resized.astype(np.uint8)
    img = resized.astype(np.float32) / 127.5 - 1.0
    return np.ascontiguousarray(img[None, None])


class MRZNet:
    """Thread-safe wrapper around the packaged network (loaded on first use)."""

    MARGIN: float = 0.45
    """Margin above and below a line (line heights) in the strips it reads: the whole
    margin the line cutter leaves, as in the strips it was trained on."""

    def __init__(self, model: Path | None = None) -> None:
        self._model = model or MODEL
        self._session: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._session is None:
            if not self._model.exists():
                raise EngineUnavailable(f"the MRZ recognition model {self._model.name} is missing")
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            options.log_severity_level = 3
            self._session = ort.InferenceSession(
                str(self._model), options, providers=["CPUExecutionProvider"]
            )
        return self._session

    def read(
        self, strips: list[npt.NDArray[np.uint8]], squeeze: float | None = None
    ) -> list[LineRead]:
        """Read grey line images (any size; text dark on light), one result each.

        ``squeeze`` follows :meth:`.ocr.Recogniser.read`: ``None`` is the default scale,
        ``1.0`` asks for a wider look (more frames a character).
        """
        scale = SQUEEZE if squeeze is None else SQUEEZE * squeeze / 0.7
        with self._lock:
            session = self._load()
            name = session.get_inputs()[0].name
            results = []
            for strip in strips:
                if strip.size == 0 or min(strip.shape[:2]) < 2:
                    results.append(_decode(np.zeros((0, len(ALPHABET) + 1), np.float32), _IDENTITY))
                    continue
                frames = session.run(None, {name: prepare(strip, scale)})[0][0]
                results.append(_decode(frames.astype(np.float32), _IDENTITY))
            return results
