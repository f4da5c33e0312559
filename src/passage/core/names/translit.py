# ruff: noqa: RUF001, RUF002, RUF003 -- names in other scripts and look-alike letters on purpose
"""Names in other scripts into Latin letters, with ICU transforms (CLDR transliteration).

The transform depends on the language when it is known and on the script otherwise:

=========================  =====================================================
language or script         ICU transform, then ``Latin-ASCII``
=========================  =====================================================
Russian, Cyrillic          ``Russian-Latin/BGN`` (BGN/PCGN 1947)
Ukrainian, Belarusian      ``Ukrainian-Latin/BGN``, ``Belarusian-Latin/BGN``
Amharic, Ethiopic          ``Amharic-Latin/BGN``
Arabic (and Persian, Urdu) ``Arabic-Latin`` after the clean-up below
Greek                      ``Greek-Latin/UNGEGN``
Hebrew                     the project's own (:mod:`.hebrew`, decision 219)
anything else              ``Any-Latin``
=========================  =====================================================

Arabic script writes consonants and long vowels only, so the Latin it yields is a
consonant frame (``محمد`` → ``mhmd``). Before the transform, short-vowel marks and
tatweel are dropped, hamza seats fold to their carrier (``أ إ آ`` → ``ا``), ``ة`` becomes
``ا`` (it is heard as a final ``-a``: ``حمزة`` HMZA, Hamza; as ``ه`` it read as a consonant
and made a pair with the letter before it, ``ZH``, ``SH``, ``TH``; decision 213), ``ى`` becomes ``ا``, and ``ع`` becomes ``A``
at the start of a word or of the name after a joined article and nothing elsewhere, as
Latin spellings do (``عمر`` Omar, ``العدل`` ALADL, al-Adel, ``سعيد`` Said; decision 215),
and a Persian ``ه`` before a zero-width non-joiner and a final ``ای`` is read as the ``ی``
(``خامنه‌ای`` KHAMNY, Khamenei; decision 241). :func:`passage.core.names.keys.skeleton`
then compares such frames with Latin spellings; the normaliser also reads the letters
the transform writes otherwise than the Latin spellings (:func:`inner_ayn_as_alif`,
:func:`initial_ayn_words`, :func:`ta_before_allah`; decision 241).

>>> to_latin("Юлия Щербакова")
'Yuliya Shcherbakova'
>>> to_latin("عبد الرحمن")
'Abd alrhmn'
>>> to_latin("أسامة بن لادن")
'asama bn ladn'
>>> to_latin("ኃይለ ሥላሴ")
'hayile silase'
>>> to_latin("Jürgen Müller")
'Jurgen Muller'
"""

from __future__ import annotations

import re
import threading
import unicodedata
from functools import lru_cache
from typing import Final

import icu

from passage.core.names.hebrew import has_hebrew, hebrew_latin
from passage.core.names.script import detect_script

_BY_LANGUAGE: Final[dict[str, str]] = {
    "ru": "Russian-Latin/BGN",
    "rus": "Russian-Latin/BGN",
    "uk": "Ukrainian-Latin/BGN",
    "ukr": "Ukrainian-Latin/BGN",
    "be": "Belarusian-Latin/BGN",
    "bel": "Belarusian-Latin/BGN",
    "am": "Amharic-Latin/BGN",
    "amh": "Amharic-Latin/BGN",
    "ar": "Arabic-Latin",
    "ara": "Arabic-Latin",
    "fa": "Arabic-Latin",
    "fas": "Arabic-Latin",
    "ur": "Arabic-Latin",
    "urd": "Arabic-Latin",
    "el": "Greek-Latin/UNGEGN",
    "ell": "Greek-Latin/UNGEGN",
}
_BY_SCRIPT: Final[dict[str, str]] = {
    "Cyrillic": "Russian-Latin/BGN",
    "Ethiopic": "Amharic-Latin/BGN",
    "Arabic": "Arabic-Latin",
    "Greek": "Greek-Latin/UNGEGN",
}
FALLBACK: Final = "Any-Latin; Latin-ASCII"
# Cyrillic alphabets by the letters Russian does not have, each read by its own BGN/PCGN
# transform and then by Russian's for any letter it leaves (decision 250): Russian's alone
# dropped them (Ђорђе Петровић read ORE PETROVI). Macedonian first, as it shares Ј Љ Њ Џ
# with Serbian. Belarusian, Uzbek, Tajik, and a dotted I alone (Ukrainian, Belarusian and
# Kazakh write it) are read as Russian, their own letters by _CYRILLIC_LEFTOVERS: ICU has
# no Tajik transform, its Uzbek and Belarusian ones write V and the short U as W, and its
# Ukrainian one writes Г as H and drops Ы and Э.
_CYRILLIC_ALPHABETS: Final = (
    (frozenset("ЃЌЅ"), "Macedonian-Latin/BGN"),
    (frozenset("ЂЋЏЉЊЈ"), "Serbian-Latin/BGN"),
    (frozenset("ЄЇҐ"), "Ukrainian-Latin/BGN"),
    (frozenset("ӘҢҰҺ"), "Kazakh-Latin/BGN"),
)
_RUSSIAN_TOO: Final = "; Russian-Latin/BGN"


def _cyrillic_transform(letters: set[str]) -> str | None:
    """The transforms of the Cyrillic alphabet whose own letters are among ``letters``
    (upper case), or ``None`` for Russian's. Kazakh also by Ө or Ү beside Қ, Ғ or І;
    Ө or Ү alone are Kyrgyz."""
    for alphabet, transform_id in _CYRILLIC_ALPHABETS:
        if letters & alphabet:
            return transform_id + _RUSSIAN_TOO
    if letters & set("ӨҮ"):
        kazakh = bool(letters & set("ҚҒІ"))
        return ("Kazakh-Latin/BGN" if kazakh else "Kirghiz-Latin/BGN") + _RUSSIAN_TOO
    return None


def _both_cases(upper: dict[str, str]) -> dict[int, str]:
    """A translation table of capital letters and their lower-case forms alike."""
    return str.maketrans(upper | {k.lower(): v.lower() for k, v in upper.items()})


# Letters no transform above reads (Tajik, and any an alphabet's transform and Russian's
# leave), as their sounds are written in Latin letters.
_CYRILLIC_LEFTOVERS: Final = _both_cases(
    {
        "Ҷ": "J",
        "Ҳ": "H",
        "Ӣ": "I",
        "Ӯ": "U",
        "Ғ": "Gh",
        "Қ": "Q",
        "Ө": "O",
        "Ү": "U",
        "Ң": "Ng",
        "Ұ": "U",
        "Һ": "H",
        "Ә": "A",
        "І": "I",
        "Ў": "U",
    }
)
# Read before any transform: the Latin letters the ASCII fold drops, as the languages
# that write them spell them in ASCII: Azerbaijani schwa as A (Əliyev, Aliyev), the
# turned E of Pan-Nigerian and Fula, the open O of Akan, Ewe, Bambara and Dinka, the
# gamma of Dinka, Nuer and Ewe, the ezh, wynn and yogh; and eng as NG, which the fold
# reads N (Dinka Dɛŋ is Deng).
_READ_FIRST: Final = _both_cases(
    {
        "Ə": "A",
        "Ǝ": "E",
        "Ɔ": "O",
        "Ɣ": "G",
        "Ŋ": "Ng",
        "Ʒ": "Z",
        "Ƹ": "Z",
        "Ƿ": "W",
        "Ȝ": "Y",
    }
)

# Short-vowel marks, tatweel (ـ) and the zero-width joiners Persian writes inside a
# compound (نجم‌الدین): the word is read as written together.
ARABIC_MARKS: Final = re.compile("[\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d\u200e\u200f]")
_ARABIC_FOLD: Final = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ؤ": "و",
        "ئ": "ي",
        "ء": None,
        "ة": "ا",
        "ى": "ا",
        "ی": "ي",
        "ک": "ك",
        "ے": "ي",
        # Persian, Pashto and Urdu letters ICU's Arabic-Latin drops or reads apart (پ چ
        # ژ گ it reads as p ch zh g): each folded to the Arabic letter of its sound.
        "ې": "ي",
        "ۍ": "ي",
        "ہ": "ه",
        "ھ": "ه",
        "ۀ": "ه",
        "ۃ": "ه",
        "ں": "ن",
        "ڼ": "ن",
        "ٹ": "ت",
        "ټ": "ت",
        "ڈ": "د",
        "ډ": "د",
        "ڑ": "ر",
        "ړ": "ر",
        "ښ": "ش",
        "ږ": "ژ",
        "ځ": "ز",
        "څ": "س",
        "ڤ": "ف",
        "ڨ": "ق",
        "ݣ": "گ",
        "ګ": "گ",
        "ڭ": "گ",
    }
)
# An ayn, with what stands before it when it starts a word or the name after a joined
# article (العدل al-Adl, العولقي al-Awlaki: the Latin spellings start that name with a
# vowel). Group 1 is None for an ayn inside a word, which the transform drops and the
# Latin spellings write as a vowel (سعد Saad, معمر Muammar; decision 241).
_AYN: Final = re.compile(r"((?<![\w])(?:ال)?)?ع")
# A Persian ha kept from the next letters by a zero-width non-joiner before a final hamza
# seat and ya is the vowel E, and the seat the hamza of -E'I (خامنه‌ای Khamenei): read as
# the ya alone, as the Latin spellings write it (decision 241).
_PERSIAN_EI: Final = re.compile("ه\u200c[ائ][یي](?![\\w])")
# Before a zero-width non-joiner inside a word, a Persian or Pashto ha may end the first
# word of a compound with its vowel (تره‌کی Taraki, خنده‌رو), or be a consonant (ره‌نورد
# Rahnavard, به‌آذین Behazin): the normaliser reads it both ways (decision 258). Not after
# alif or lam, where it is the consonant of شاه (Shah) and الله (Allah).
PERSIAN_HA_JOINED: Final = re.compile("(?<=[^\\sال])ه\u200c(?=\\w)")
# A ta marbuta before Allah is a T, as the compound is said (هبة الله Hibatullah, رحمة
# الله Rahmatullah, نعمة الله Nematullah; decision 241); not before a name that starts
# with those letters (حمزة اللهيبي).
_TA_BEFORE_ALLAH: Final = re.compile("ة(?=\\s*الل[هہ](?![\\w]))")

_lock = threading.Lock()


@lru_cache(maxsize=32)
def _transform(transform_id: str) -> object:
    """One compiled ICU transliterator; ICU objects are not thread-safe, hence the lock."""
    try:
        return icu.Transliterator.createInstance(transform_id + "; Latin-ASCII")
    except icu.ICUError:
        return icu.Transliterator.createInstance(FALLBACK)


@lru_cache(maxsize=1)
def _arabic_transform() -> object:
    """ICU's Arabic-Latin alone, its letters not folded to ASCII (:func:`arabic_letters`)."""
    return icu.Transliterator.createInstance("Arabic-Latin")


def transform_for(script: str, language: str | None = None, text: str = "") -> str:
    """The ICU transform id used for a script, or for a language when one is given; for
    Cyrillic ``text`` with letters Russian does not have, the BGN transform of the
    alphabet they belong to (decision 250).

    >>> transform_for("Cyrillic"), transform_for("Cyrillic", "uk"), transform_for("Thai")
    ('Russian-Latin/BGN', 'Ukrainian-Latin/BGN', 'Any-Latin')
    >>> [transform_for("Cyrillic", text=t) for t in ("Ђорђе", "Ѓорѓи Јовановски", "Нұрсұлтан")]
    ['Serbian-Latin/BGN; Russian-Latin/BGN', 'Macedonian-Latin/BGN; Russian-Latin/BGN', 'Kazakh-Latin/BGN; Russian-Latin/BGN']
    >>> transform_for("Cyrillic", text="Зінченко"), transform_for("Cyrillic", text="Ўрол")
    ('Russian-Latin/BGN', 'Russian-Latin/BGN')
    """
    if language and language.lower() in _BY_LANGUAGE:
        return _BY_LANGUAGE[language.lower()]
    if script == "Cyrillic" and text and (alphabet := _cyrillic_transform(set(text.upper()))):
        return alphabet
    return _BY_SCRIPT.get(script, "Any-Latin")


def _unmarked(text: str) -> str:
    """Arabic-script text without its short-vowel marks, tatweel and joiners, a Persian
    -ه‌ای read as its ya first."""
    return ARABIC_MARKS.sub("", _PERSIAN_EI.sub("ی", unicodedata.normalize("NFC", text)))


def prepare_arabic(text: str) -> str:
    """Arabic-script text folded as described in the module docstring.

    >>> prepare_arabic("فَاطِمَة"), prepare_arabic("خامنه‌ای")
    ('فاطما', 'خامني')
    """
    # After the article in lower case: a capital after two lower-case letters would split
    # the word as camel case (``alAdl``).
    return _AYN.sub(
        lambda m: "" if m.group(1) is None else m.group(1) + "a" if m.group(1) else "A",
        _unmarked(text).translate(_ARABIC_FOLD),
    )


def ta_before_allah(text: str) -> str | None:
    """``text`` with a ta marbuta before Allah written as ta, as the compound is said, or
    ``None`` when it has none; the fold reads it as the final vowel elsewhere.

    >>> ta_before_allah("هبة الله"), ta_before_allah("فاطمة"), ta_before_allah("حمزة اللهيبي")
    ('هبت الله', None, None)
    """
    text = _unmarked(text)
    read = _TA_BEFORE_ALLAH.sub("ت", text)
    return None if read == text else read


def initial_ayn_words(text: str) -> list[str]:
    """The words of ``text`` that start with an ayn, or with the article and an ayn.

    >>> initial_ayn_words("عمر بن العاص، (عزت) سعد")
    ['عمر', 'العاص', 'عزت']
    """
    words = _spaces_for_punctuation(_unmarked(text)).split()
    return [w for w in words if w.startswith(("ع", "الع"))]


def inner_ayn_as_alif(text: str) -> str | None:
    """``text`` with every ayn inside a word written as alif, the vowel its Latin spellings
    write there, or ``None`` when it has none; an ayn that starts a word, or a name after
    the joined article, stays (:func:`prepare_arabic` reads it as the vowel it starts).

    >>> inner_ayn_as_alif("سعد"), inner_ayn_as_alif("عمر العدل"), inner_ayn_as_alif("مشيمع")
    ('ساد', None, 'مشيما')
    """
    text = _unmarked(text)
    read = _AYN.sub(lambda m: m.group(0) if m.group(1) is not None else "ا", text)
    return None if read == text else read


def _spaces_for_punctuation(text: str) -> str:
    """Unicode punctuation and separators (``・``, ``·``, ``،``) as plain spaces."""
    return "".join(" " if unicodedata.category(c)[0] in "PZ" and c not in "'-" else c for c in text)


def arabic_letters(text: str, language: str | None = None) -> str | None:
    """What the Arabic transform writes for ``text`` before the ASCII fold (``سهيل``
    ``shyl``, ``شاكر`` ``sẖạkr``), or ``None`` when another transform reads it. A letter
    the transform writes as two Latin letters has ``ẖ`` as its second (``ث`` ``tẖ``,
    ``ش`` ``sẖ``); every other Latin letter is a letter of its own (decision 240).

    >>> arabic_letters("طه"), arabic_letters("ثامر"), arabic_letters("John")
    ('ṭh', 'tẖạmr', None)
    """
    if text.isascii() or has_hebrew(text):
        return None
    text = _spaces_for_punctuation(text)
    if transform_for(detect_script(text), language) != "Arabic-Latin":
        return None
    with _lock:
        transform = _arabic_transform()
        return unicodedata.normalize(
            "NFC",
            str(transform.transliterate(prepare_arabic(text))),  # type: ignore[attr-defined]
        )


def to_latin(text: str, language: str | None = None) -> str:
    """``text`` in ASCII Latin letters (case kept), by the transform of its script or language.

    Han, kana and hangul transliterate syllable by syllable; the syllables of one written
    word are joined again (``贝拉克·奥巴马`` → ``beilakeaobama``… ``Xi Jinping``).

    >>> to_latin("김 선영")
    'gim seonyeong'
    """
    if text.isascii():
        return text
    if has_hebrew(text):
        # Before punctuation becomes spaces: a geresh is part of its letter (ג׳ון John).
        text = hebrew_latin(text)
        if text.isascii():
            return text
    text = _spaces_for_punctuation(text).translate(_READ_FIRST)
    script = detect_script(text)
    transform_id = transform_for(script, language, text)
    if transform_id == "Arabic-Latin":
        text = prepare_arabic(text)
    with _lock:
        transform = _transform(transform_id)
        if script == "CJK":
            out = " ".join(
                # ICU marks syllable boundaries (hangul 현우 → hyeon-u): one word, one part.
                str(transform.transliterate(w)).replace(" ", "").replace("-", "")  # type: ignore[attr-defined]
                for w in text.split()
            )
        else:
            out = str(transform.transliterate(text))  # type: ignore[attr-defined]
    if not out.isascii():
        # Latin-ASCII leaves a few modifier letters (ʿ ʾ ʹ) and unmapped symbols, and a
        # transform the Cyrillic letters of another alphabet.
        out = out.translate(_CYRILLIC_LEFTOVERS)
        out = "".join(c for c in unicodedata.normalize("NFKD", out) if c.isascii())
    return out
