# ruff: noqa: RUF001, RUF002 -- this module maps look-alike letters of other scripts on purpose
"""Names into MRZ characters, ICAO 9303-3 §6 (transliteration) and §4.6 (punctuation).

Three tables, applied character by character:

- Latin letters with diacritics, ICAO 9303-3 §6 Table A, using the recommended
  transliterations (``Ä`` → ``AE``, ``Ö`` → ``OE``, ``Ü`` → ``UE``, ``Å`` → ``AA``,
  ``Æ`` → ``AE``, ``Ø`` → ``OE``, ``ß`` → ``SS``, ``Þ`` → ``TH``, ``Ĳ`` → ``IJ``…);
- Cyrillic, 9303-3 §6 Table B (``Ж`` → ``ZH``, ``Х`` → ``KH``, ``Ц`` → ``TS``,
  ``Щ`` → ``SHCH``, ``Ъ`` → ``IE``, ``Ь`` omitted, ``Ю`` → ``IU``, ``Я`` → ``IA``…);
- Arabic, 9303-3 §6 Table C (the reversible "X-scheme": ``ح`` → ``XH``, ``خ`` → ``XKH``,
  ``ة`` → ``XAH`` at the end of a name component and ``XTA`` elsewhere…); short-vowel
  marks are dropped, as the MRZ writes consonants, and the shadda doubles its consonant.

Anything else falls back to Unicode decomposition without its combining marks. Spaces
and hyphens become the filler ``<``; apostrophes and other punctuation are dropped
(9303-3 §4.6: ``O'CONNOR`` → ``OCONNOR``). Characters with no Latin reading are dropped.
"""

from __future__ import annotations

import unicodedata
from typing import Final

_LATIN: Final[dict[str, str]] = {
    "À": "A", "Á": "A", "Â": "A", "Ã": "A", "Ä": "AE", "Å": "AA", "Æ": "AE", "Ç": "C",
    "È": "E", "É": "E", "Ê": "E", "Ë": "E", "Ì": "I", "Í": "I", "Î": "I", "Ï": "I",
    "Ð": "D", "Ñ": "N", "Ò": "O", "Ó": "O", "Ô": "O", "Õ": "O", "Ö": "OE", "Ø": "OE",
    "Ù": "U", "Ú": "U", "Û": "U", "Ü": "UE", "Ý": "Y", "Þ": "TH", "ß": "SS", "ẞ": "SS",
    "Ā": "A", "Ă": "A", "Ą": "A", "Ć": "C", "Ĉ": "C", "Ċ": "C", "Č": "C", "Ď": "D",
    "Đ": "D", "Ē": "E", "Ĕ": "E", "Ė": "E", "Ę": "E", "Ě": "E", "Ĝ": "G", "Ğ": "G",
    "Ġ": "G", "Ģ": "G", "Ĥ": "H", "Ħ": "H", "Ĩ": "I", "Ī": "I", "Ĭ": "I", "Į": "I",
    "İ": "I", "Ĳ": "IJ", "Ĵ": "J", "Ķ": "K", "Ĺ": "L", "Ļ": "L", "Ľ": "L",
    "Ŀ": "L", "Ł": "L", "Ń": "N", "Ņ": "N", "Ň": "N", "Ŋ": "N", "Ō": "O", "Ŏ": "O",
    "Ő": "O", "Œ": "OE", "Ŕ": "R", "Ŗ": "R", "Ř": "R", "Ś": "S", "Ŝ": "S", "Ş": "S",
    "Š": "S", "Ţ": "T", "Ť": "T", "Ŧ": "T", "Ũ": "U", "Ū": "U", "Ŭ": "U", "Ů": "U",
    "Ű": "U", "Ų": "U", "Ŵ": "W", "Ŷ": "Y", "Ÿ": "Y", "Ź": "Z", "Ż": "Z", "Ž": "Z",
    "Ș": "S", "Ț": "T",
}  # fmt: skip

_CYRILLIC: Final[dict[str, str]] = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH",
    "З": "Z", "И": "I", "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O",
    "П": "P", "Р": "R", "С": "S", "Т": "T", "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS",
    "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y", "Ь": "", "Э": "E", "Ю": "IU",
    "Я": "IA",
    # Belarusian, Ukrainian, Serbian, Macedonian letters of the same table
    "Ґ": "G", "Ѓ": "G", "Є": "IE", "Ѕ": "DZ", "І": "I", "Ї": "I", "Ј": "J", "Љ": "LJ",
    "Њ": "NJ", "Ќ": "K", "Ў": "U", "Џ": "DZ", "Ђ": "D", "Ћ": "C",
}  # fmt: skip

_ARABIC: Final[dict[str, str]] = {
    "ء": "XE", "آ": "XAA", "أ": "XAE", "ؤ": "U", "إ": "I", "ئ": "XI", "ا": "A", "ب": "B",
    "ت": "T", "ث": "XTH", "ج": "J", "ح": "XH", "خ": "XKH", "د": "D", "ذ": "XDH", "ر": "R",
    "ز": "Z", "س": "S", "ش": "XSH", "ص": "XSS", "ض": "XDZ", "ط": "XTT", "ظ": "XZZ",
    "ع": "E", "غ": "G", "ف": "F", "ق": "Q", "ك": "K", "ل": "L", "م": "M", "ن": "N",
    "ه": "H", "و": "W", "ى": "XAY", "ي": "Y", "پ": "P", "چ": "XC", "ژ": "XJ", "گ": "XGG",
    "ک": "XKK", "ی": "Y",
}  # fmt: skip
_TEH_MARBUTA: Final = "ة"
_SHADDA: Final = "\u0651"
_DROPPED_MARKS: Final = frozenset("\u0640\u064b\u064c\u064d\u064e\u064f\u0650\u0652\u0670")

_TABLE: Final[dict[str, str]] = {}
for _k, _v in (*_LATIN.items(), *_CYRILLIC.items(), *_ARABIC.items()):
    _TABLE[_k] = _v
    low = _k.lower()
    if low != _k and len(low) == 1 and low not in _TABLE:
        _TABLE[low] = _v
_TABLE["ß"] = "SS"
_TABLE["ı"] = "I"
_FILLERS: Final = frozenset(" -\u2010\u2011\u2012\u2013\u2014\u00a0\t<,")


def _fallback(c: str) -> str:
    base = "".join(
        ch for ch in unicodedata.normalize("NFKD", c) if not unicodedata.combining(ch)
    ).upper()
    return "".join(ch for ch in base if "A" <= ch <= "Z")


def transliterate(name: str) -> str:
    """A name in MRZ characters (``A``–``Z`` and ``<``), ICAO 9303-3 §6.

    >>> transliterate("Müller-Lüdenscheidt")
    'MUELLER<LUEDENSCHEIDT'
    >>> transliterate("O'Connor"), transliterate("Ørsted Þórsson"), transliterate("Straße")
    ('OCONNOR', 'OERSTED<THORSSON', 'STRASSE')
    >>> transliterate("Юлия Щербакова")
    'IULIIA<SHCHERBAKOVA'
    >>> transliterate("محمد فاطمة")
    'MXHMD<FAXTTMXAH'
    """
    out: list[str] = []
    n = len(name)
    for i, c in enumerate(name):
        if "A" <= c <= "Z":
            out.append(c)
        elif "a" <= c <= "z":
            out.append(c.upper())
        elif c in _FILLERS:
            out.append("<")
        elif c in _TABLE:
            out.append(_TABLE[c])
        elif c == _TEH_MARBUTA:
            nxt = name[i + 1] if i + 1 < n else " "
            out.append("XAH" if nxt in _FILLERS or nxt.isspace() else "XTA")
        elif c == _SHADDA:
            if out and out[-1] != "<":
                out.append(out[-1])  # a doubled consonant is written twice (ISMAEYL<EZZ<ALDYN)
        elif c in _DROPPED_MARKS or c.isdigit():
            continue
        else:
            out.append(_fallback(c))
    text = "".join(out)
    while "<<" in text:
        text = text.replace("<<", "<")
    return text.strip("<")
