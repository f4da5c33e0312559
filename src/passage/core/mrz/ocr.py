"""The character recogniser for MRZ lines: PP-OCR's recognition network, constrained.

The network is the ONNX file that PyPI's ``rapidocr`` ships in its wheel (nothing is
downloaded at run time; ``rapidocr`` itself is never imported, only its file is used).
It is run with ``onnxruntime`` on one thread, and its CTC output is decoded here:

- the classes are folded onto the MRZ alphabet ``A-Z 0-9 <`` (full-width and lower-case
  forms onto their letter or digit, ``く`` onto ``<``); every other class is dropped and
  the rest renormalised, so the engine can only read MRZ characters;
- greedy CTC decoding, keeping for every character read its whole distribution over
  the 37 MRZ characters (the peak of each class over the character's frames), from which
  the reader takes its alternatives and confidences;
- when the line's length is known (ICAO 9303 fixes it per format) and the greedy reading
  has another, :func:`decode_length` finds the most probable CTC path with exactly that
  many characters: a blurred pair the network merged (``LL`` read as one ``L``, a run of
  fillers one short) is split where the network's blank was the runner-up.

Decision 0100 records why this engine was chosen over Tesseract.
"""

from __future__ import annotations

import importlib.util
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import cv2
import numpy as np
import numpy.typing as npt
import onnxruntime as ort

ALPHABET: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
HEIGHT: Final = 48
MODEL_NAME: Final = "PP-OCRv6_rec_small.onnx"
SQUEEZE = 0.6
"""Horizontal scale of a line before recognition (the network's cost grows with width)."""

FloatArray = npt.NDArray[np.float32]


class EngineUnavailable(RuntimeError):
    """The recognition model or ``onnxruntime`` is not installed."""


def _fold(ch: str) -> str | None:
    if ch == "く":
        return "<"
    if len(ch) != 1:
        return None
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII
        ch = chr(code - 0xFEE0)
    ch = ch.upper() if ch.isascii() else ch
    return ch if ch in ALPHABET else None


@dataclass(frozen=True, slots=True)
class LineRead:
    """One line as the network read it: the characters and their distributions."""

    text: str
    probs: FloatArray  # (len(text), 37): probability of each MRZ character
    score: float  # mean probability of the characters read
    frames: FloatArray | None = None  # (T, 38): blank then each MRZ character, per frame


class Recogniser:
    """Thread-safe wrapper around one ONNX session (created on first use)."""

    MARGIN: float = 0.11
    """Margin above and below a line (line heights) in the strips it is given (decision
    0109: taller characters in its 48 pixels)."""

    def __init__(self, model: Path | None = None) -> None:
        self._model = model
        self._session: Any = None
        self._index: npt.NDArray[np.intp] | None = None
        self._lock = threading.Lock()

    @staticmethod
    def default_model() -> Path:
        spec = importlib.util.find_spec("rapidocr")
        if spec is None or not spec.submodule_search_locations:
            raise EngineUnavailable("the MRZ recogniser needs the 'rapidocr' package (its model)")
        path = Path(next(iter(spec.submodule_search_locations))) / "models" / MODEL_NAME
        if not path.exists():
            raise EngineUnavailable(f"the recognition model {MODEL_NAME} is missing")
        return path

    def _load(self) -> Any:
        if self._session is not None:
            return self._session
        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        session = ort.InferenceSession(
            str(self._model or self.default_model()), options, providers=["CPUExecutionProvider"]
        )
        classes = session.get_modelmeta().custom_metadata_map["character"].splitlines()
        classes = ["blank", *classes, " "]
        # Column of each network class in the folded output (0 = blank, 1..37 = ALPHABET),
        # -1 for classes the MRZ cannot hold.
        index = np.full(len(classes), -1, dtype=np.intp)
        index[0] = 0
        for i, ch in enumerate(classes[1:], start=1):
            folded = _fold(ch)
            if folded is not None:
                index[i] = 1 + ALPHABET.index(folded)
        self._index = index
        self._session = session
        return session

    def read(
        self, strips: list[npt.NDArray[np.uint8]], squeeze: float | None = None
    ) -> list[LineRead]:
        """Read grey line images (any size; text dark on light), one result each."""
        with self._lock:
            session = self._load()
            assert self._index is not None
            results = []
            for strip in strips:
                batch = _prepare(strip, SQUEEZE if squeeze is None else squeeze)
                out = session.run(None, {session.get_inputs()[0].name: batch})[0][0]
                results.append(_decode(out, self._index))
            return results


def _prepare(strip: npt.NDArray[np.uint8], squeeze: float) -> FloatArray:
    h, w = strip.shape[:2]
    width = max(16, round(w * squeeze * HEIGHT / max(h, 1)))
    resized = cv2.resize(strip, (width, HEIGHT), interpolation=cv2.INTER_AREA)
    img = resized.astype(np.float32) / 127.5 - 1.0
    return np.ascontiguousarray(np.broadcast_to(img, (1, 3, HEIGHT, width)))


def _decode(out: FloatArray, index: npt.NDArray[np.intp]) -> LineRead:
    keep = index >= 0
    cols = index[keep]
    folded = np.zeros((out.shape[0], len(ALPHABET) + 1), dtype=np.float32)
    np.add.at(folded.T, cols, out[:, keep].T)
    folded /= np.maximum(folded.sum(axis=1, keepdims=True), 1e-9)
    best = folded.argmax(axis=1)
    chars: list[str] = []
    dists: list[FloatArray] = []
    previous = 0
    for t, cls in enumerate(best):
        if cls != 0 and cls != previous:
            chars.append(ALPHABET[cls - 1])
            dists.append(folded[t, 1:].copy())
        elif cls != 0 and cls == previous:
            # The same character over several frames: keep the peak of each class.
            dists[-1] = np.maximum(dists[-1], folded[t, 1:])
        previous = int(cls)
    probs = np.array(dists, dtype=np.float32).reshape(-1, len(ALPHABET))
    probs /= np.maximum(probs.sum(axis=1, keepdims=True), 1e-9)
    text = "".join(chars)
    score = float(probs.max(axis=1).mean()) if len(text) else 0.0
    return LineRead(text, probs, score, folded)


def decode_length(read: LineRead, n: int) -> LineRead | None:
    """The most probable CTC reading of ``read``'s frames with exactly ``n`` characters.

    A Viterbi pass over states (characters emitted so far, blank or the character being
    emitted): a character may last several frames, a new one starts after a blank or as
    a different character (two equal characters need a blank between them, as in CTC).
    ``None`` when the frames cannot hold ``n`` characters. The result's ``score`` is the
    path's mean per-character probability, like the greedy reading's.
    """
    frames = read.frames
    if frames is None or n <= 0 or len(frames) < n:
        return None
    lp = np.log(np.maximum(frames.astype(np.float64), 1e-12))
    steps, width = len(lp), len(ALPHABET)
    neg = -np.inf
    blank = np.full(n + 1, neg)
    char = np.full((n + 1, width), neg)
    blank[0] = lp[0, 0]
    char[1, :] = lp[0, 1:]
    # Back pointers: for blank states, -1 (stayed blank) or the character it followed;
    # for character states, 0 = continued, 1 = after a blank, 2 + c' = after character c'.
    back_blank = np.zeros((steps, n + 1), dtype=np.int16)
    back_char = np.zeros((steps, n + 1, width), dtype=np.int16)
    cols = np.arange(width)
    rows = np.arange(n + 1)
    for t in range(1, steps):
        cmax, carg = char.max(axis=1), char.argmax(axis=1)
        from_char = cmax > blank
        new_blank = np.where(from_char, cmax, blank) + lp[t, 0]
        back_blank[t] = np.where(from_char, carg, -1)
        masked = char.copy()
        masked[rows, carg] = neg
        second, second_arg = masked.max(axis=1), masked.argmax(axis=1)
        same = carg[:-1, None] == cols[None, :]
        other = np.where(same, second[:-1, None], cmax[:-1, None])
        other_arg = np.where(same, second_arg[:-1, None], carg[:-1, None])
        options = np.stack([char[1:], np.broadcast_to(blank[:-1, None], (n, width)), other])
        pick = options.argmax(axis=0)
        new_char = np.full((n + 1, width), neg)
        new_char[1:] = options.max(axis=0) + lp[t, 1:][None, :]
        back_char[t, 1:] = np.where(pick == 2, 2 + other_arg, pick)
        blank, char = new_blank, new_char
    end_char = float(char[n].max())
    if not np.isfinite(max(float(blank[n]), end_char)):
        return None
    # Walk back, collecting the frames of each character.
    spans: list[list[int]] = [[] for _ in range(n)]
    labels = [0] * n
    k = n
    state = -1 if blank[n] >= end_char else int(char[n].argmax())
    for t in range(steps - 1, -1, -1):
        if state < 0:
            if t > 0:
                state = int(back_blank[t, k])
            continue
        spans[k - 1].append(t)
        labels[k - 1] = state
        if t == 0:
            break
        how = int(back_char[t, k, state])
        if how != 0:
            k -= 1
            state = -1 if how == 1 else how - 2
    if k != 1 or any(not span for span in spans):
        return None
    dists = np.array([frames[span, 1:].max(axis=0) for span in spans], dtype=np.float32)
    dists /= np.maximum(dists.sum(axis=1, keepdims=True), 1e-9)
    text = "".join(ALPHABET[c] for c in labels)
    score = float(np.mean([dists[i, c] for i, c in enumerate(labels)]))
    return LineRead(text, dists, score, frames)
