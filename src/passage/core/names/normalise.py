# ruff: noqa: RUF001, RUF002 -- names in other scripts on purpose
"""A personal name as a sequence of comparable parts.

Steps, in order:

1. An MRZ name field (``A``–``Z`` and ``<``) is undone first (:mod:`.mrz`).
2. Other scripts are transliterated into ASCII Latin (:mod:`.translit`); the script is
   remembered, because a part transliterated from Arabic or Hebrew is a consonant frame
   that only its skeleton can compare.
3. The text is upper-cased and split on spaces, hyphens, commas and other punctuation;
   apostrophes and dots are dropped inside a part (``O'Connor`` → ``OCONNOR``).
4. Particles are made consistent (the rules of :func:`canonical_parts`):

   - the Arabic article standing alone (``AL``, ``EL``, ``UL``, and the sun-letter forms
     ``AD-DIN``, ``AR-RAHMAN``, ``ASH-SHARIF``… before the same consonant) is dropped;
     glued to a part (``ALZAWAHIRI``) the part keeps both forms;
   - ``ABD`` with or without its article, glued or not (``ABD AL RAHMAN``,
     ``ABDEL RAHMAN``, ``ABDULRAHMAN``, ``ABDURRAHMAN``), becomes ``ABD`` glued to the
     following part: ``ABDRAHMAN``;
   - ``BIN IBN BEN BN IBNU`` become ``BIN``, ``BINT BINTI`` become ``BINT``, ``ABU ABOU
     ABO`` become ``ABU`` (in Arabic script ``أبو أبا بنت`` too); these and European
     particles (``VAN DER DE DI DA DOS DEL LA LE DU VON``) and honorifics (``SHEIKH
     HAJI``…, and ``شيخ الحاج`` in Arabic script) are kept as *particles*, which
     weigh little in a comparison. A European particle that ends the name, or the
     surname of an MRZ name field, is the name itself (``WILLIAM DEN``,
     ``DEN<<WILLIAM``);
   - a single letter is an *initial*.
5. A name in Arabic script is also read as Persian, Urdu, Pashto and Turkic writers read
   its letters: ``ذ`` and ``ض`` as ``Z``, ``ث`` as ``S`` (``ذاكر`` Zakir, ``ضياء`` Zia,
   ``رمضان`` Ramazan, ``عثمان`` Usman), ``ق`` as ``GH`` (``قاسم`` Ghasem); and ``ظ`` as
   the ``D`` or ``DH`` of Iraqi, Gulf and Maghrebi romanisations (``كاظم`` Kadhim,
   ``حفيظ`` Hafid); a part so read keeps that reading apart from its forms, to be
   compared letter for letter (:func:`persian_readings`, decisions 216, 218 and 234).
   An ayn inside a word, which the transform drops, is also read as the A its Latin
   spellings write (``سعد`` Saad), and a ta marbuta before Allah as T (``هبة الله``
   Hibatullah): :func:`_written_readings`, decision 241.

>>> [t.text for t in normalise_name("Abd al-Rahman bin Laden").parts]
['ABDRAHMAN', 'BIN', 'LADEN']
>>> [t.text for t in normalise_name("ABDULRAHMAN IBN LADEN").parts]
['ABDRAHMAN', 'BIN', 'LADEN']
>>> [t.text for t in normalise_name("Abdel Rahman Ben Laden").parts]
['ABDRAHMAN', 'BIN', 'LADEN']
>>> n = normalise_name("عبد الرحمن بن لادن")
>>> n.script, [t.text for t in n.parts]
('Arabic', ['ABDRHMN', 'BIN', 'LADN'])
>>> [t.text for t in normalise_name("MUELLER<<HANS<JUERGEN").parts]
['MUELLER', 'HANS', 'JUERGEN']
>>> [(t.text, t.kind) for t in normalise_name("Hans J. van der Berg").parts]
[('HANS', 'name'), ('J', 'initial'), ('VAN', 'particle'), ('DER', 'particle'), ('BERG', 'name')]
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from typing import Final, Literal

from passage.core.names.hebrew import FLIPS, has_hebrew, hebrew_latin
from passage.core.names.keys import APART, AYN_INSIDE, AYN_START
from passage.core.names.mrz import from_mrz, is_mrz_name
from passage.core.names.script import detect_script
from passage.core.names.translit import (
    ARABIC_MARKS,
    PERSIAN_HA_JOINED,
    arabic_letters,
    initial_ayn_words,
    inner_ayn_as_alif,
    ta_before_allah,
    to_latin,
)

Kind = Literal["name", "particle", "initial"]

# Scripts written without short vowels: their parts compare by skeleton.
CONSONANTAL_SCRIPTS: Final = frozenset({"Arabic", "Hebrew"})

ARTICLES: Final = frozenset({"AL", "EL", "UL", "IL", "OL"})
# Sun-letter assimilation of the Arabic article: AD-DIN, AR-RAHMAN, ASH-SHARIF, AN-NUR…
SUN_ARTICLES: Final = frozenset(
    {"AD", "AR", "AS", "AZ", "AN", "AT", "ASH", "ADH", "ATH", "ED", "ER", "ES", "EZ", "EN", "ET"}
)
# Urdu and Pashto spellings write it with U before the nouns of compound names (KHALIL UR
# RAHMAN, ZIA UN NABI, ABD US SALAM; decision 215); only before those, as UN and UT are
# Korean and Vietnamese names (KIM UN NAM, UT THI LE).
URDU_ARTICLES: Final = frozenset({"UR", "US", "UZ", "UN"})
URDU_ARTICLE_NOUNS: Final = frozenset(
    {
        "RAHMAN",
        "REHMAN",
        "RAHIM",
        "REHIM",
        "RASHID",
        "RAZZAQ",
        "RAZAQ",
        "RAUF",
        "RAOOF",
        "SALAM",
        "SALAAM",
        "SATTAR",
        "SAMAD",
        "SUBHAN",
        "ZAMAN",
        "ZAHIR",
        "NABI",
        "NISA",
        "NISSA",
        "NOOR",
        "NUR",
        "NASIR",
    }
)
# The same article glued on the name before it, as Pakistan and Bangladesh often spell
# a compound (FAZLUR REHMAN, MUJIBUR RAHMAN, ASADUZ ZAMAN), and its UL before a noun
# whose first letter does not take it (ZIAUL HAQ, NURUL ISLAM, SAIFUL ISLAM): the name
# less its article is an alternate form (FAZL, ZIA), as the script writes it apart
# (فضل الرحمن, ضياء الحق; decision 258).
URDU_UL_NOUNS: Final = frozenset(
    {
        "HAQ", "HAQQ", "HAQUE", "ISLAM", "AMIN", "AMEEN", "HASAN", "HASSAN", "HUSSAIN",
        "HUSAIN", "HOSSAIN", "HUDA", "ALAM", "KARIM", "KAREEM", "MULK", "HAI", "AZIZ",
        "HAMID", "HAKIM", "ABEDIN", "ABIDIN", "QADIR", "QADER", "MAJID", "MALIK", "BARI",
        "BASIT", "HADI", "KABIR", "AHAD", "WAHAB", "WAHHAB", "JABBAR", "GHAFFAR", "GHAFOOR",
        "GHAFUR", "GHANI", "QAYYUM", "QAYUM", "WADUD", "MANNAN", "MOMIN", "MUMIN", "IKRAM",
    }
)  # fmt: skip
# The names such a glued article follows (the first words of those compounds): a part
# is read so only when it is one of them with the article on, not TIMUR, RASUL, MANSUR,
# YUNUS, HARUN or ARTHUR, whose endings only look like it (a helper's review).
GLUED_ARTICLE_STEMS: Final = frozenset(
    {
        "FAZL", "FAZAL", "MUJIB", "MOJIB", "HABIB", "ZIA", "ZIYA", "KHALIL", "LUTF", "ATIQ",
        "ATIK", "MATI", "MOTI", "SHAMS", "MAHBUB", "MAHBOOB", "MUSTAFIZ", "MOSTAFIZ", "ASAD",
        "NUR", "NOOR", "SAIF", "AMIN", "RAFIQ", "RAFIK", "SHAFIQ", "SHAFIK", "SIRAJ",
        "INAM", "EHSAN", "IHSAN", "ANWAR", "MAIN", "MOIN", "MUIN", "ZAHIR", "NAZR", "TOWHID",
        "TAUHID", "TAWHID", "MONIR", "MUNIR", "AZIZ", "HAFIZ", "OBAID", "UBAID", "ABID",
        "HAMID", "MAHMUD", "MASUD", "MASOOD", "AZHAR", "IZHAR", "FAKHR", "KHAIR", "ZAKI",
        "ASHRAF", "SIDDIQ", "SHAHID", "HASIB", "AKHTAR", "ZAMIR", "NASIR", "NASR", "MIZAN",
        "WALI", "OLI", "KAMAL", "JAMAL", "JALAL", "IKRAM", "EKRAM", "RAHMAT", "NIAMAT",
        "FAIZ", "FAYEZ", "TAIF", "ARIF", "AREF", "MOSHARRAF", "MOKHLES", "MUKHLES",
    }
)  # fmt: skip
SON_OF: Final = frozenset(
    {"BIN", "IBN", "BEN", "BN", "IBNU", "BINU", "EBN", "YBN", "IBIN", "OULD", "OULED"}
)
# MINT is Hassaniya's bint (Mauritania: Mariem MINT Ahmed; منت in Arabic script).
DAUGHTER_OF: Final = frozenset({"BINT", "BINTI", "BENT", "BINTE", "MINT"})
FATHER_OF: Final = frozenset({"ABU", "ABOU", "ABO", "ABOO", "ABUL", "ABOUL"})
# The same words written in Arabic script, as their consonant frames read (أبو ABW,
# أبا ABA, بنت BNT); only in a part written in a consonantal script.
FRAME_PARTICLES: Final = {
    "ABW": "ABU",
    "ABA": "ABU",
    "BNT": "BINT",
    "MNT": "BINT",
    "ABN": "BIN",
    "WLD": "BIN",
    # The German particle as Arabic (فون) and Hebrew (פון) write it, before a name.
    "FWN": "VON",
    "PWN": "VON",
}
# ... and as Russian writes it in Cyrillic (фон Менотти), a part that is not a frame.
CYRILLIC_PARTICLES: Final = {"FON": "VON"}
# Compounds of a name with ``Allah`` or ``al-Din`` (``ATTIQULLAH``, ``Attiq Ullah``,
# ``عتیق الله``; ``NAJMUDDIN``, ``Najm ud-Din``, ``نجم الدين``): written joined or split, in
# Latin letters or Arabic script, they become one part, the first word glued to a
# canonical ``ULLAH`` or ``UDDIN`` (:func:`join_compounds`).
ULLAH: Final = "ULLAH"
UDDIN: Final = "UDDIN"
# Latin words standing alone after a name, and glued endings (double letters only, so a
# European name such as GERALDIN is not taken for one).
LATIN_ULLAH_WORDS: Final = frozenset({"ULLAH", "ULLA", "OLLAH", "ALLAH", "ULAH", "ALLA"})
LATIN_UDDIN_WORDS: Final = frozenset(
    {
        "UDDIN",
        "UDDEEN",
        "UDDINE",
        "EDDIN",
        "EDDINE",
        "ADDIN",
        "ADDINE",
        "ADDEEN",
        "ALDIN",
        "ELDIN",
        "ULDIN",
        "IDDIN",
    }
)
LATIN_DIN: Final = frozenset({"DIN", "DEEN", "DINE", "DDIN"})
LATIN_CONNECTIVES: Final = frozenset({"UD", "AD", "ED", "UL", "AL", "EL", "ID", "OD"})
_LATIN_GLUED: Final = re.compile(
    r"^([A-Z]{3,}?)(?:(ULLAH|OLLAH|ALLAH)|"
    r"(UDDIN|UDDEEN|UDDINE|EDDINE|EDDIN|ADDINE|ADDIN|ADDEEN|IDDIN|IDDINE|IDDEEN))$"
)
# ... and with the article's L written (NOURELDIN, SAIFELDINE, NASRALDINE, Sudan's and
# Egypt's commonest spelling; decision 243), only after the first nouns of those
# compounds: HAZELDINE, NEVELDINE, GERALDINE and the Kazakh AMANGELDIN end alike and are
# other names. (Central Asia's -IDDIN, NAJMIDDIN, KAMOLIDDIN, is a double letter above.)
_LATIN_GLUED_L: Final = re.compile(r"^([A-Z]{2,}?)(?:[AE]LD(?:IN|INE|EEN))$")
AL_DIN_NOUNS: Final = frozenset(
    {
        *("NOUR", "NUR", "NOOR", "NOURR", "SALAH", "SALAHE", "SAIF", "SEIF", "SAYF", "SEYF"),
        *("ALA", "ALAA", "ALAE", "HOSAM", "HOSSAM", "HUSAM", "HUSSAM", "HESSAM", "HISAM"),
        *("KAMAL", "KAMEL", "GAMAL", "JAMAL", "DJAMAL", "NASR", "NASER", "NASIR", "NASSER"),
        *("BADR", "BADER", "SHARAF", "CHARAF", "EZZ", "EZ", "IZZ", "IZ", "EMAD", "IMAD"),
        *("FAKHR", "FAKHER", "SHAMS", "CHAMS", "ZEIN", "ZAIN", "ZINE", "TAJ", "TAG", "BAHA"),
        *("BAHAA", "BAHAE", "MOHY", "MOHI", "MOHIE", "MUHYI", "MUHI", "DIA", "DIAA", "DHIA"),
        *("DIYA", "ZIA", "QAMAR", "KAMAR", "SIRAJ", "SERAG", "SIRAG", "SERAJ", "NAJM", "NEGM"),
        *("NAGM", "KHEIR", "KHAIR", "KHAYR", "SADR", "JALAL", "GALAL", "RUKN", "ROKN"),
        *("SHIHAB", "SHEHAB", "CHEHAB", "SAAD", "SAD", "ASAD", "MUIN", "MOIN", "NIZAM"),
        *("NEZAM", "QUTB", "KOTB", "AMIN", "AMEEN", "ZAKI", "TAQI", "TAKI", "MAJD", "MAGD"),
        *("SHUJA", "SHOJA", "ZAHIR", "ZAHER", "GHIYATH", "WALI", "HUSN", "HOSN", "SHEMS"),
    }
)
# The same in Arabic script, as the consonant frames read (الله ALLH, اللہ ALL, الدين ALDYN).
FRAME_ULLAH_WORDS: Final = frozenset({"ALLH", "ALLA", "ALL", "ALH", "LLH"})
FRAME_UDDIN_WORDS: Final = frozenset({"ALDYN", "ALDIN", "ALDN", "ALDYAN"})
_FRAME_GLUED: Final = re.compile(r"^([A-Z]{2,}?)(?:(ALLH|ALLA)|(ALDYN))$")

# ABD with its article glued on, longest first.
ABD_PREFIXES: Final = (
    "ABDOUL",
    "ABDOUR",
    "ABDOUS",
    "ABDOUN",
    "ABDOR",
    "ABDOS",
    "ABDUL",
    "ABDEL",
    "ABDAL",
    "ABDOL",
    "ABDIL",
    "ABDUR",
    "ABDER",
    "ABDAR",
    "ABDUS",
    "ABDES",
    "ABDAS",
    "ABDUN",
    "ABDEN",
    "ABDUZ",
    "ABDEZ",
)
ABD_ALONE: Final = frozenset({"ABD", "ABDU", "ABDO"}) | set(ABD_PREFIXES)
EUROPEAN_PARTICLES: Final = frozenset(
    {
        "VAN",
        "VON",
        "DER",
        "DEN",
        "DE",
        "DI",
        "DA",
        "DO",
        "DOS",
        "DAS",
        "DEL",
        "DELLA",
        "DELLE",
        "DELLO",
        "DEGLI",
        "DALLA",
        "DALLE",
        "LA",
        "LE",
        "LOS",
        "LAS",
        "DU",
        "DES",
        "TER",
        "TEN",
        "Y",
        "E",
        "ZU",
        "MAC",
        "ST",
    }
)
HONORIFICS: Final = frozenset(
    {
        "SHEIKH",
        "SHAIKH",
        "SHAYKH",
        "SHEIK",
        "HAJI",
        "HAJJ",
        "HAJ",
        "HADJI",
        "MULLAH",
        "MULLA",
        "MAULANA",
        "MAWLANA",
        "MR",
        "MRS",
        "MS",
        "DR",
        "SIR",
        # Generational suffixes.
        "JR",
        "SR",
        "II",
        "III",
        "IV",
    }
)
# The same titles as the Arabic transform writes them (شيخ SHYKH, الحاج ALHAJ, مولانا
# MWLANA; decision 241): only in a word written in Arabic script. Not ملا (MLA): the
# transform drops an ayn, so the name معلى (Mualla) is MLA too.
FRAME_HONORIFICS: Final = frozenset(
    {"SHYKH", "ALSHYKH", "HAJ", "ALHAJ", "HAJY", "ALHAJY", "MWLANA"}
)
# The honorific Sheikh as each spelling writes it, and the given name it is in Senegal,
# Mali and Mauritania, spelt the French way and kept a name there (decision 249): a
# listed `Mohamed Ould Cheikh` written `محمد ولد الشيخ`, or `Cheikh` against `Sheikh`, is
# the same word on both sides (decision 259, read by the scorer).
SHEIKH_TITLES: Final = frozenset({"SHEIKH", "SHAIKH", "SHAYKH", "SHEIK", "SHYKH", "ALSHYKH"})
SHEIKH_NAMES: Final = frozenset({"CHEIKH", "CHEICK", "CHEIK"})
_SPLIT: Final = re.compile(r"[^A-Z'’`.]+")
_DROP_INSIDE: Final = re.compile(r"['’`.]")


@dataclass(frozen=True, slots=True)
class NamePart:
    """One part of a name.

    ``text`` is the canonical upper-case ASCII form; ``alternates`` are other forms the same
    part may take (the part without a glued article); ``consonantal`` is true when it was
    transliterated from a script without short vowels.
    """

    text: str
    kind: Kind = "name"
    alternates: tuple[str, ...] = ()
    consonantal: bool = False
    # The part as Persian, Urdu, Pashto and Turkic writers read its letters, those letters
    # in lower case (``zAKR``; decision 216): not a form, as its Z and S must meet a Latin
    # Z and S letter for letter.
    readings: tuple[str, ...] = ()
    # A Latin part of a name spelt through Russian (written in Cyrillic, or with a Russian
    # surname or DZH): its KH and G may be an Arabic ha (decision 248).
    russian: bool = False

    def forms(self) -> tuple[str, ...]:
        """The canonical form then the alternates."""
        return (self.text, *self.alternates)


@dataclass(frozen=True, slots=True)
class NormalisedName:
    """A name ready for comparison: its script, its Latin text and its parts."""

    original: str
    script: str
    latin: str
    parts: tuple[NamePart, ...]

    @property
    def key_parts(self) -> tuple[NamePart, ...]:
        """The parts that identify a person: no particles, no initials."""
        return tuple(p for p in self.parts if p.kind == "name")


def _strip_article(word: str, *, consonantal: bool = False) -> str | None:
    """``word`` without a glued Arabic article, when what is left is still a name: three
    letters in Latin spellings; two in Arabic script, which writes the article joined to
    every name it precedes and no short vowels (``الحق`` ALHQ, al-Haq; ``الله`` ALLH;
    decision 215). A word that only starts like the article (``الهه`` Elaheh) is stripped
    too; a part standing alone keeps the whole word as an alternate form."""
    shortest = 2 if consonantal else 3
    for article in ("AL", "EL", "UL"):
        if word.startswith(article) and len(word) - len(article) >= shortest:
            rest = word[len(article) :]
            return rest
    return None


# ABD glued to a name with a vowel and no article, as Central Asia, Somalia and West
# Africa write it (ABDUKARIM, ABDIRAHMAN, ABDOUMALIK), after the prefixes above.
ABD_BARE: Final = ("ABDOU", "ABDU", "ABDO", "ABDI")
# What is left of ``Allah`` and ``Latif`` after a glued ABDUL written with one L
# (ABDULAH, ABDOULAYE, ABDELAHI, ABDULATIF, and Ghana's and the Gambia's ABDULAI and
# ABDOULIE): the L is the name's, not the article's.
_ABD_L_NAMES: Final = {
    "AH": "LAH",
    "AYE": "LAH",
    "AI": "LAH",
    "IE": "LAH",
    "AHI": "LAHI",
    "ATIF": "LATIF",
    "ATEEF": "LATEEF",
}


# Hassaniya and West African spellings end a name with the vowel Arabic does not write:
# MOHAMEDOU, AHMEDOU, MAMADOU, AMADOU, SEYDOU, ISSOUFOU, IDRISSOU (Muhammad, Ahmad, Sayyid,
# Yusuf, Idris), and a woman's name's ta marbuta with it: FATIMETOU, KHADIJETOU,
# AICHETOU (Fatima, Khadija, Aisha). Decision 249. Only after D, F or S: after R, K, N, T
# or L the ending is the Greek genitive of a surname made of a given name (PETROU,
# MARKOU, IOANNOU, CHRISTOU), which is not that given name.
_SAHEL_OU: Final = re.compile(r"^([A-Z]{3,}[DFS])OU$")
_SAHEL_ETOU: Final = re.compile(r"^([A-Z]{3,})ETOU$")


def _sahel_stem(word: str) -> str | None:
    """The name a Hassaniya or West African ending is written on, or ``None``.

    >>> [_sahel_stem(w) for w in ("MOHAMEDOU", "MAMADOU", "ISSOUFOU", "FATIMETOU", "KHADIJETOU")]
    ['MOHAMED', 'MAMAD', 'ISSOUF', 'FATIMA', 'KHADIJA']
    >>> [_sahel_stem(w) for w in ("ABDOU", "ZHOU", "PETROU", "IOANNOU", "GEORGIOU", "MOUSSA")]
    [None, None, None, None, None, None]
    """
    if m := _SAHEL_ETOU.match(word):
        return m.group(1) + "A"
    if m := _SAHEL_OU.match(word):
        return m.group(1)
    return None


def _split_abd(word: str, *, consonantal: bool = False) -> str | None:
    """What follows a glued ``ABDUL``/``ABDEL``/… prefix, or ``None`` (decision 247).

    A prefix ending in an assimilated article (``ABDUR``, ``ABDUS``, ``ABDUN``…) stands
    before a name that starts with its consonant, written twice or once: ``ABDURRAHMAN``
    and ``ABDURAHMAN`` are both ``RAHMAN``. Only a Latin spelling is so read; a consonant
    frame writes the article whole (``عبدالرحمن`` ABDALRHMN).

    >>> [_split_abd(w) for w in ("ABDURRAHMAN", "ABDURAHMAN", "ABDUSALAM", "ABDULAZIZ")]
    ['RAHMAN', 'RAHMAN', 'SALAM', 'AZIZ']
    >>> [_split_abd(w) for w in ("ABDOULAYE", "ABDULATIF", "ABDIRAHMAN", "ABDUKARIM", "ABDOU")]
    ['LAH', 'LATIF', 'RAHMAN', 'KARIM', None]
    """
    for prefix in ABD_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            rest = word[len(prefix) :]
            if consonantal:
                return rest
            last = prefix[-1]
            if last == "L":
                return _ABD_L_NAMES.get(rest, rest)
            return rest if rest[0] == last else last + rest
    if consonantal:
        return None
    for prefix in ABD_BARE:
        rest = word[len(prefix) :]
        # Not the Turkish son-of suffix: ABDIOGLU is a surname, not ABD and OGLU.
        if word.startswith(prefix) and len(rest) >= 4 and not rest.startswith("OGL"):
            return rest
    return None


def _abd_part(rest: str, consonantal: bool, *, word: str = "") -> NamePart:
    """``ABD`` glued to what follows; what follows is kept as an alternate form, because
    lists and documents drop the ``ABD`` of a long name as often as they write it.

    ``ABDULLAHI`` (Somali, Hausa, Fula, Hassaniya: Abdallahi, Abdoulahi) is Abdullah with
    the vowel Arabic script does not write, as ``MOHAMEDOU`` is Mohamed (decision 259):
    its alternate is ``ABDLAH``, which ``عبد الله`` meets. Not the Persian surname
    ``ABDOLLAHI`` (``word``, as written), which is another name (decision 247).

    >>> [(p.text, p.alternates) for p in (_abd_part("LAHI", False), _abd_part("RAHMAN", False))]
    [('ABDLAHI', ('ABDLAH',)), ('ABDRAHMAN', ('RAHMAN',))]
    >>> _abd_part("LAHI", False, word="ABDOLLAHI").alternates
    ('LAHI',)
    """
    if rest == "LAHI" and not consonantal and not word.startswith("ABDOL"):
        return NamePart("ABDLAHI", alternates=("ABDLAH",))
    alternates = (rest,) if len(rest) >= 4 and rest not in ARTICLES else ()
    return NamePart("ABD" + rest, alternates=alternates, consonantal=consonantal)


def _is_abd(word: str) -> bool:
    return word in ABD_ALONE or _abd_with_article(word) or _split_abd(word) is not None


def _abd_with_article(word: str) -> bool:
    """``ABD`` with an article before it, as a family name writes it (العبد الله, AL-ABD
    ALLAH: Al-Abdullah), which the ``ABD`` rule reads as ``ABD`` (decision 258).

    >>> _abd_with_article("ALABD"), _abd_with_article("ELABD"), _abd_with_article("ALABDI")
    (True, True, False)
    """
    return word[:2] in ("AL", "EL") and word[2:] in ("ABD", "ABDU", "ABDO")


def join_compounds(
    words: list[str], scripts: list[str] | None = None, *, consonantal: bool = False
) -> tuple[list[str], list[str] | None]:
    """Words with ``Allah``/``al-Din`` compounds joined into one canonical word.

    ``X ULLAH``, ``X ALLAH``, ``XULLAH``, ``XOLLAH`` → ``XULLAH``; ``X UD DIN``,
    ``X UDDIN``, ``XEDDINE``, ``XELDIN`` → ``XUDDIN``; in Arabic script (a consonant frame) ``X ALLH``
    and ``XALLH`` → ``XULLAH``, ``X ALDYN`` and ``XALDYN`` → ``XUDDIN``. ``ABD ALLAH`` is
    left to the ``ABD`` rule. ``scripts`` (one per word) follows the joins.

    >>> join_compounds(["ATTIQ", "ULLAH"])[0], join_compounds(["NAJM", "UD", "DIN"])[0]
    (['ATTIQULLAH'], ['NAJMUDDIN'])
    >>> join_compounds(["SALAHEDDINE"])[0], join_compounds(["ATYQ", "ALLH"], consonantal=True)[0]
    (['SALAHUDDIN'], ['ATYQULLAH'])
    """
    out, out_scripts, _origins = _joined(words, scripts, consonantal=consonantal)
    return out, out_scripts


def _joined(
    words: list[str], scripts: list[str] | None = None, *, consonantal: bool = False
) -> tuple[list[str], list[str] | None, list[int]]:
    """:func:`join_compounds`, and for each word it gives the place of the word it
    starts with among ``words``."""
    out: list[str] = []
    out_scripts: list[str] = []
    origins: list[int] = []
    i = 0
    n = len(words)
    while i < n:
        word = words[i]
        frame = scripts[i] in CONSONANTAL_SCRIPTS if scripts else consonantal
        script = scripts[i] if scripts else ""
        # Arabic script writes the article whole (ال), never assimilated: a frame AZ is
        # a name (عز Izz, decision 243), not the article of AZ-ZAHRA.
        not_before = ARTICLES if frame else ARTICLES | SUN_ARTICLES
        prev_ok = (
            bool(out)
            and len(out[-1]) >= 2
            and not _is_abd(out[-1])
            and (out[-1] not in not_before | SON_OF | DAUGHTER_OF | FATHER_OF)
        )
        suffix = ""
        step = 1
        if frame:
            if word in FRAME_ULLAH_WORDS and prev_ok:
                suffix = ULLAH
            elif word in FRAME_UDDIN_WORDS and prev_ok:
                suffix = UDDIN
            else:
                m = _FRAME_GLUED.match(word)
                if m and not _is_abd(word) and m.group(1) not in ARTICLES:
                    word = m.group(1) + (ULLAH if m.group(2) else UDDIN)
        else:
            nxt = words[i + 1] if i + 1 < n else ""
            if word in LATIN_ULLAH_WORDS and prev_ok:
                suffix = ULLAH
            elif word in LATIN_UDDIN_WORDS and prev_ok:
                suffix = UDDIN
            elif word in LATIN_CONNECTIVES and nxt in LATIN_DIN and prev_ok:
                suffix, step = UDDIN, 2
            else:
                m = _LATIN_GLUED.match(word)
                if m and not _is_abd(word):
                    word = m.group(1) + (ULLAH if m.group(2) else UDDIN)
                elif (m := _LATIN_GLUED_L.match(word)) and m.group(1) in AL_DIN_NOUNS:
                    word = m.group(1) + UDDIN
        if suffix:
            out[-1] = out[-1] + suffix
            i += step
            continue
        out.append(word)
        out_scripts.append(script)
        origins.append(i)
        i += 1
    return out, (out_scripts if scripts else None), origins


def canonical_parts(
    words: list[str],
    *,
    consonantal: bool = False,
    word_scripts: list[str] | None = None,
    unarticled: frozenset[int] = frozenset(),
) -> list[NamePart]:
    """Parts with particles made consistent, per the module docstring.

    ``word_scripts``, when given, is the script each word was written in (for a name that
    mixes scripts); it decides per word whether a part is consonantal, and a single letter
    transliterated from another script (Korean ``이`` → ``I``) is a name, not an initial.
    ``unarticled``: the places among ``words`` of those whose ``AL`` is not the article
    (an ayn and a lam, :func:`_ayn_lam_words`), nor that of the compound they start
    (``علم الدين``, ALMUDDIN).

    >>> [p.text for p in canonical_parts(["AS", "SAYED", "AHMED", "AD", "DIN"])]
    ['SAYED', 'AHMEDUDDIN']
    >>> [p.text for p in canonical_parts(["ABD", "ALLAH"])], [p.text for p in canonical_parts(["ABDULLAH"])]
    (['ABDLAH'], ['ABDLAH'])
    """
    words, word_scripts, origins = _joined(words, word_scripts, consonantal=consonantal)
    whole = [o in unarticled for o in origins]
    parts: list[NamePart] = []
    i = 0
    n = len(words)
    scripts = word_scripts or []
    while i < n:
        word = words[i]
        nxt = words[i + 1] if i + 1 < n else ""
        if scripts:
            consonantal = scripts[i] in CONSONANTAL_SCRIPTS
        if word in ARTICLES and nxt:
            i += 1
            continue
        if word in SUN_ARTICLES and nxt and nxt[0] == word[1] and len(nxt) >= 3:
            i += 1
            continue
        if word in URDU_ARTICLES and nxt in URDU_ARTICLE_NOUNS and nxt[0] == word[1]:
            i += 1
            continue
        if (word in ABD_ALONE or _abd_with_article(word)) and nxt:
            # [AL] ABD [AL] X → ABDX; the article may stand alone or be glued to X.
            j = i + 1
            if words[j] in ARTICLES and j + 1 < n:
                j += 1
            rest = words[j]
            if not whole[j]:
                rest = _strip_article(rest, consonantal=consonantal) or rest
            parts.append(_abd_part(rest, consonantal, word=word))
            i = j + 1
            continue
        rest_abd = _split_abd(word, consonantal=consonantal)
        if rest_abd is not None:
            parts.append(_abd_part(rest_abd, consonantal, word=word))
            i += 1
            continue
        written = (
            FRAME_PARTICLES
            if consonantal
            else CYRILLIC_PARTICLES
            if scripts and scripts[i] == "Cyrillic"
            else {}
        )
        if word in written and nxt:
            parts.append(NamePart(written[word], "particle"))
        elif word in SON_OF:
            parts.append(NamePart("BIN", "particle"))
        elif word in DAUGHTER_OF and (word != "MINT" or nxt):
            # MINT last is a name (LUCY MINT), as a European particle is.
            parts.append(NamePart("BINT", "particle"))
        elif word in FATHER_OF:
            parts.append(NamePart("ABU", "particle"))
        elif (
            word in HONORIFICS
            or (bool(scripts) and scripts[i] == "Arabic" and word in FRAME_HONORIFICS)
            or word in ARTICLES
            or (word in EUROPEAN_PARTICLES and nxt and not consonantal)
        ):
            # A European particle precedes the name it belongs to: last, it is a name
            # (WILLIAM DEN, PAULO DA); nor is an Arabic-script word one (دعاء, DA).
            parts.append(NamePart(word, "particle"))
        elif len(word) == 1:
            latin = not scripts or scripts[i] in ("Latin", "Unknown")
            parts.append(NamePart(word, "initial" if latin else "name", consonantal=consonantal))
        else:
            # Hebrew writes no Arabic article (אליהו Eliyahu, אלון Alon).
            hebrew = bool(scripts) and scripts[i] == "Hebrew"
            kept = hebrew or whole[i]
            stripped = None if kept else _strip_article(word, consonantal=consonantal)
            latin = not consonantal and (not scripts or scripts[i] in ("Latin", "Unknown"))
            stem = _sahel_stem(word) if latin and stripped is None else None
            if stem is not None:
                parts.append(NamePart(word, alternates=(stem,)))
            elif stripped is None:
                parts.append(NamePart(word, consonantal=consonantal))
            elif consonantal:
                # In Arabic script the article is always written joined: ال + name.
                parts.append(NamePart(stripped, alternates=(word,), consonantal=True))
            else:
                parts.append(NamePart(word, alternates=(stripped,)))
        i += 1
    return parts


# Two lower-case letters before a capital: ``VladimirPutin`` splits, ``McDonald`` and a
# slip of the shift key (``aDniel``, ``lOesen``) do not.
_CAMEL: Final = re.compile(r"(?<=[a-z]{2})(?=[A-Z])")
_DIGIT_IN_WORD: Final = re.compile(r"\b(?=\w*[A-Za-z])\w*\d\w*\b")
_DIGIT_AS_LETTER: Final = str.maketrans("0134589", "OIEASBG")


def split_words(latin: str) -> list[str]:
    """Upper-case ASCII words of a Latin text.

    Words run together in camel case are split, and digits inside a word are read as the
    letters they stand in for (OCR or keyboard slips: ``Ig0r Sech1n``).

    >>> split_words("O'Connor-Smith, Mary J.")
    ['OCONNOR', 'SMITH', 'MARY', 'J']
    >>> split_words("VladimirPutin"), split_words("Ig0r Sech1n")
    (['VLADIMIR', 'PUTIN'], ['IGOR', 'SECHIN'])
    """
    latin = _CAMEL.sub(" ", latin)
    latin = _DIGIT_IN_WORD.sub(lambda m: m.group(0).translate(_DIGIT_AS_LETTER), latin)
    return [w for w in (_DROP_INSIDE.sub("", w) for w in _SPLIT.split(latin.upper())) if w]


@lru_cache(maxsize=200_000)
def normalise_name(text: str, language: str | None = None) -> NormalisedName:
    """``text`` as a :class:`NormalisedName`, per the module docstring."""
    mrz = is_mrz_name(text)
    text_in = from_mrz(text) if mrz else text
    script = detect_script(text_in)
    latin = to_latin(text_in, language)
    if script == "Latin" and text_in.isascii():
        # An MRZ field's surname and given names apart, as the MRZ separates them: a
        # particle ends its component only when it is the name (DEN<<WILLIAM).
        pieces = [from_mrz(f) for f in text.strip().partition("<<")[::2]] if mrz else [latin]
        words = [split_words(piece) for piece in pieces]
        somali = _somali_spelt([w for ws in words for w in ws])
        parts = _glued_articles([p for ws in words for p in _somali_read(ws, somali)])
        return NormalisedName(text, script, latin, _russian_spelt(_d_for_dj(parts), script))
    parts = [_amr(p) for p in _written_parts(text_in, latin, script, language)]
    if has_hebrew(text_in):
        parts = hebrew_forms(text_in, parts, script, language)
    else:
        parts = _letters_apart(text_in, [_ta_zay(p) for p in parts], language)
        parts = _written_readings(text_in, parts, script, language)
    parts = list(persian_readings(text_in, parts, script, language))
    if _D_WITH_STROKE.search(text_in):
        parts = _dj_alternates(text_in, parts, language)
    if PERSIAN_HA_JOINED.search(text_in):
        parts = _joined_ha_alternates(text_in, parts, language)
    return NormalisedName(text, script, latin, _russian_spelt(parts, script))


# Đ (Serbian, Croatian, Bosnian, Vietnamese) and Serbian Ђ: D in ICAO 9303 and the ASCII
# fold, DJ as the South Slavic languages write it in ASCII (Djordje, Djokovic): a part
# with it has the DJ spelling as an alternate form (decision 250).
_D_WITH_STROKE: Final = re.compile("[ĐđЂђ]")
_AS_DJ: Final = str.maketrans({"Đ": "Dj", "đ": "dj", "Ђ": "Дј", "ђ": "дј"})


# Somali's Latin orthography (official since 1972) writes ayn C, ha X and a long vowel
# doubled: Maxamed (محمد, Mohamed), Cabdi (عبدي, Abdi), Xasan (حسن, Hassan), Faarax
# (فرح, Farah), Cabdullaahi (عبد الله). Somali records, IDs and many passports carry
# these spellings; lists and other records the English ones (decision 254). A name is
# read so when it bears a common Somali spelling, a CABD, or a part with an X before a
# vowel (or final after one) and a doubled vowel (XAAJI, FAARAX); then each part has its
# English reading as an alternate form: C left out, X as H, a doubled vowel single. Not an
# X and a C alone: pinyin (Xu Cai), Spanish (Xavier Castro) and English (Alex Carter)
# names have them; nor CALI, an Italian and Colombian surname too.
_SOMALI_NAMES: Final = frozenset(
    {
        "MAXAMED", "MAXAMMED", "MAXAMUUD", "AXMED", "AXMAD", "XASAN", "XUSEEN", "XUSEYN",
        "CUMAR", "CABDI", "CISMAAN", "CIISE", "XAAJI", "XALIIMO", "CAASHA", "FAARAX",
        "CAWIL", "CAWALE", "XIRSI", "XAMSE", "SACIID", "XAMZA",
    }
)  # fmt: skip
_SOMALI_X: Final = re.compile("X(?=[AEIOU])|(?<=[AEIOU])X$")
_DOUBLED_VOWEL: Final = re.compile("AA|EE|II|OO|UU")
_SOMALI_LONG: Final = re.compile("([AEIOU])\\1")


def _somali_spelt(words: list[str]) -> bool:
    """Whether a Latin name is spelt by Somali orthography.

    >>> [_somali_spelt(n.split()) for n in ("MAXAMED ALI", "CUMAR FAARAX", "CALI XUSEEN")]
    [True, True, True]
    >>> [_somali_spelt(n.split()) for n in ("ALEXANDER MAAS", "XU CAI", "ISAAC CALI")]
    [False, False, False]
    """
    return any(
        w in _SOMALI_NAMES
        or w.startswith("CABD")
        or (_SOMALI_X.search(w) and _DOUBLED_VOWEL.search(w))
        for w in words
    )


def _somali_english(word: str) -> str:
    """A Somali spelling read as English spells it: C left out, X as H, doubled vowels
    single.

    >>> [_somali_english(w) for w in ("MAXAMED", "CABDULLAAHI", "FAARAX", "SACIID")]
    ['MAHAMED', 'ABDULLAHI', 'FARAH', 'SAID']
    """
    read = _SOMALI_LONG.sub("\\1", word.replace("C", "").replace("X", "H"))
    return read or word


def _glued_articles(parts: list[NamePart]) -> list[NamePart]:
    """``parts``, a Latin name part with an Urdu article glued on (``FAZLUR`` before
    ``REHMAN``, ``ZIAUL`` before ``HAQ``) given the name without it as an alternate form
    (:data:`URDU_UL_NOUNS`), when the name is one those compounds start with
    (:data:`GLUED_ARTICLE_STEMS`).

    >>> [(p.text, p.alternates) for p in normalise_name("Fazlur Rehman Khalil").parts][0]
    ('FAZLUR', ('FAZL',))
    >>> [p.alternates for p in normalise_name("Ziaul Haq").parts], normalise_name("Timur Rahman").parts[0].alternates
    ([('ZIA',), ()], ())
    """
    out = list(parts)
    for i, (p, q) in enumerate(itertools.pairwise(parts)):
        if p.kind != "name" or p.consonantal or len(p.text) < 5:
            continue
        stem, article = p.text[:-2], p.text[-2:]
        sun = article[1:] == q.text[:1] and "U" + article[1:] in URDU_ARTICLES
        glued = (sun and q.text in URDU_ARTICLE_NOUNS) or (
            article == "UL" and q.text in URDU_UL_NOUNS
        )
        if glued and article[0] == "U" and stem in GLUED_ARTICLE_STEMS and stem not in p.forms():
            out[i] = replace(p, alternates=(*p.alternates, stem))
    return out


def _somali_read(words: list[str], somali: bool) -> list[NamePart]:
    """The canonical parts of a Latin name's ``words``, each with its English reading as
    an alternate form when the name (``somali``, decided on the whole name: an MRZ's
    surname and given names are read apart) is spelt by Somali orthography. Where the
    reading cuts the name into other parts, it is left unread.

    >>> [(p.text, p.alternates) for p in _somali_read(["MAXAMED", "CABDI", "XASAN"], True)]
    [('MAXAMED', ('MAHAMED',)), ('CABDI', ('ABDI',)), ('XASAN', ('HASAN',))]
    """
    parts = canonical_parts(words)
    if not somali:
        return parts
    english = canonical_parts([_somali_english(w) for w in words])
    if len(english) != len(parts):
        return parts
    out = []
    for p, q in zip(parts, english, strict=True):
        if q.kind == p.kind:
            extra = tuple(f for f in q.forms() if f not in p.forms())
            out.append(replace(p, alternates=(*p.alternates, *extra)))
        elif q.kind != "name" and q.text not in ARTICLES:
            # A title the English reading knows (XAAJI is HAJI) is read as that title.
            out.append(replace(q, alternates=(*q.alternates, p.text)))
        else:
            out.append(p)
    return out


# And the other way (decision 253): a name the list spells in ASCII with DJ for Đ
# (DJORDJE PETROVIC, Novak DJOKOVIC, ANDJELA) meets the D of the passport's MRZ (DORDE).
# Only a DJ before E, O or U, and only in a South Slavic name: one with a surname in -IC
# or -ICH, or a DJORDJ, DJUR or ANDJEL. DJE, DJO and DJU are also Algerian French
# (Djelloul, Hadjer), Indonesian (Djoko) and Central Asian (Djuma) spellings of jim, and
# DJA, DJI and a final DJ the French one (Djamel, Hadji): not D.
_DJ_FOR_D: Final = re.compile("DJ(?=[EOU])")
_SOUTH_SLAVIC: Final = re.compile(".*ICH?$|DJORDJ|DJUR|ANDJEL")


def _d_for_dj(parts: list[NamePart]) -> list[NamePart]:
    """``parts``, each Latin name part with a South Slavic ``DJ`` given its ``D`` spelling
    as an alternate form.

    >>> [(p.text, p.alternates) for p in normalise_name("Djordje Djokovic").parts]
    [('DJORDJE', ('DORDE',)), ('DJOKOVIC', ('DOKOVIC',))]
    >>> [p.alternates for p in normalise_name("Djelloul Hadjer Djoko").parts]
    [(), (), ()]
    """
    if not any(_SOUTH_SLAVIC.match(p.text) for p in parts):
        return parts
    out = []
    for p in parts:
        d = _DJ_FOR_D.sub("D", p.text) if p.kind == "name" and not p.consonantal else p.text
        out.append(replace(p, alternates=(*p.alternates, d)) if d not in p.forms() else p)
    return out


def _dj_alternates(text: str, parts: list[NamePart], language: str | None) -> list[NamePart]:
    """``parts`` of a name written with Đ or Ђ, each with its DJ spelling as an alternate.

    >>> [(p.text, p.alternates) for p in normalise_name("Đorđe Petrović").parts]
    [('DORDE', ('DJORDJE',)), ('PETROVIC', ())]
    """
    dj = normalise_name(text.translate(_AS_DJ), language).parts
    if len(dj) != len(parts):
        return parts
    return [
        replace(p, alternates=(*p.alternates, q.text))
        if q.text != p.text and q.text not in p.alternates
        else p
        for p, q in zip(parts, dj, strict=True)
    ]


def _joined_ha_alternates(text: str, parts: list[NamePart], language: str | None) -> list[NamePart]:
    """``parts`` of a name with a Persian ha before a zero-width non-joiner inside a word,
    each with that ha read as its vowel (alif) as an alternate (decision 258).

    >>> [(p.text, p.alternates) for p in normalise_name("نور محمد تره‌کی").parts][-1]
    ('TRHKY', ('TRAKY',))
    """
    read = normalise_name(PERSIAN_HA_JOINED.sub("ا", text), language).parts
    if len(read) != len(parts):
        return parts
    return [
        replace(p, alternates=(*p.alternates, q.text)) if q.text not in p.forms() else p
        for p, q in zip(parts, read, strict=True)
    ]


# A surname as Russian forms and spells it (-OV, -EV, -OVA, -YEVA, -OVICH…), or DZH: the
# name was spelt through Russian, whose KH and G may be an Arabic ha (decision 248).
_RUSSIAN_SURNAME: Final = re.compile(r"^[A-Z]{2,}(?:OV|EV|OVA|EVA|OVICH|EVICH|OVNA|EVNA)$")


def _russian_spelt(parts: list[NamePart], script: str) -> tuple[NamePart, ...]:
    """``parts``, the Latin name parts marked ``russian`` when the name was written in
    Cyrillic or bears a Russian-formed surname or a DZH: their KH may be read as a ha.
    Not otherwise: KH is the English and French spelling of kha (``KHATTAB``, خطاب, is
    not ``حطاب``, HATTAB).

    >>> [p.russian for p in normalise_name("Akhmed Zakayev").parts]
    [True, True]
    >>> [p.russian for p in normalise_name("Omar Khattab").parts]
    [False, False]
    """
    latin = [p for p in parts if p.kind == "name" and not p.consonantal]
    if not latin or not (
        script == "Cyrillic"
        or any(_RUSSIAN_SURNAME.match(p.text) or "DZH" in p.text for p in latin)
    ):
        return tuple(parts)
    return tuple(
        replace(p, russian=True) if p.kind == "name" and not p.consonantal else p for p in parts
    )


def _amr(part: NamePart) -> NamePart:
    """``عمرو`` is Amr: its final waw is written only to tell it from ``عمر`` (Omar), and
    never sounded. The training split writes it ``AMR`` 47 times in 57, ``AMRO`` and
    ``AMRU`` the rest, so the part is also ``AMR`` (decision 236).

    >>> [(p.text, p.alternates) for p in normalise_name("عمرو موسى").parts]
    [('AMRW', ('AMR',)), ('MWSA', ())]
    """
    if part.consonantal and part.text == "AMRW":
        return replace(part, alternates=(*part.alternates, "AMR"))
    return part


def _ta_zay(part: NamePart) -> NamePart:
    """A ``TZ`` of a name in Arabic script is ta and zay (``معتز`` MTZ, Moataz), never
    the one letter, tsadi, a Hebrew ``TZ`` is: the part gets the reading with the zay
    marked, ``Tz``, which the skeleton, shape and frame read as two letters (decision
    235). A name with Hebrew letters gets none.

    >>> [(p.text, p.readings) for p in normalise_name("معتز").parts]
    [('MTZ', ('MTz', 'MaTZ'))]
    >>> [(p.text, p.readings) for p in normalise_name("צבי").parts]
    [('TZVY', ())]
    """
    if not part.consonantal or "TZ" not in part.text:
        return part
    return replace(part, readings=(*part.readings, part.text.replace("TZ", "Tz")))


# Two Latin letters the keys read as one (keys._SKELETON_DIGRAPHS): where two letters of
# the script wrote them, a reading keeps them apart (decision 240). Not TZ, whose ta and
# zay have their reading already (_ta_zay, decision 235).
_JOINING: Final = frozenset(
    {"DJ", "ZH", "KH", "GH", "PH", "TH", "DH", "SH", "CH", "CK", "TS", "QU"}
)


def _letters_apart(text: str, parts: list[NamePart], language: str | None) -> list[NamePart]:
    """Each part in Arabic script whose transliteration joins two letters of the script
    into what the keys read as one (``سهيل`` SHYL: sin and ha, not shin; ``طه`` TH, Taha,
    not tha; ``معتصم`` MTSM: ta and sad) gets a reading with :data:`.keys.APART` between
    them (``S'HYL``), which the skeleton, shape and frame read as two letters (decision
    240). The transform writes one letter as two Latin letters only with ``ẖ``
    (:func:`.translit.arabic_letters`), so ``ثامر`` keeps its TH.

    >>> [(p.text, p.readings) for p in normalise_name("سهيل طه ثامر").parts]
    [('SHYL', ("S'HYL",)), ('TH', ("T'H",)), ('THAMR', ('sAMR',))]
    """
    if not any(p.consonantal for p in parts):
        return parts
    letters: list[str] = []
    apart: list[bool] = []
    for token in text.split():
        # A word in Latin letters is its own letters, none apart (``Shady شادي``).
        raw = None if token.isascii() else arabic_letters(token, language)
        if raw is None:
            for base in token:
                if base.isascii() and base.isalpha():
                    letters.append(base.upper())
                    apart.append(False)
            continue
        for ch in raw:
            if ch == "ẖ":  # the second Latin letter of one letter of the script
                letters.append("H")
                apart.append(False)
                continue
            for base in unicodedata.normalize("NFKD", ch):
                if base.isascii() and base.isalpha():
                    upper = base.upper()
                    apart.append(bool(letters) and letters[-1] + upper in _JOINING)
                    letters.append(upper)
    stream = "".join(letters)
    out: list[NamePart] = []
    cursor = 0
    for part in parts:
        # Every part moves the search on, so a part is found in its own word.
        at = stream.find(part.text, cursor)
        if at < 0:
            out.append(part)
            continue
        cursor = at + len(part.text)
        marks = apart[at + 1 : cursor]
        if not part.consonantal or not any(marks):
            out.append(part)
            continue
        reading = part.text[0] + "".join(
            (APART if mark else "") + letter
            for letter, mark in zip(part.text[1:], marks, strict=True)
        )
        out.append(replace(part, readings=(*part.readings, reading)))
    return out


def _written_readings(
    text: str, parts: list[NamePart], script: str, language: str | None
) -> list[NamePart]:
    """Each part in Arabic script gets readings of the letters the transform writes
    otherwise than the Latin spellings do (decision 241), each such letter marked:

    - an ayn that starts a word, or the name after the joined article, as
      :data:`.keys.AYN_START` (``عمر`` AMR read ``eMR``): the transform writes it as an
      alif's A, and the Latin spellings start with a vowel of any class there (Omar,
      Umar, Izzat, Uqba); not before a long vowel, which the frame meets already
      (``عادل`` AADL, Adel);
    - an ayn inside a word as :data:`.keys.AYN_INSIDE` (``سعد`` SD read ``SaD``, ``معمر``
      MMR read ``MaMR``): the transform drops it, and the Latin spellings write an A
      there most often (Saad, Muammar, Mushaima);
    - a ta marbuta before Allah as ``t`` (``هبة الله`` HBAULLAH read ``HBtULLAH``): the
      transform reads it as the final vowel, and the compound is said and spelt with T
      (Hibatullah, Rahmatullah).

    >>> [(p.text, p.readings) for p in normalise_name("سعد معمر علي").parts]
    [('SD', ('SaD',)), ('MMR', ('MaMR',)), ('ALY', ('eLY',))]
    >>> [(p.text, p.readings) for p in normalise_name("نعمة الله").parts]
    [('NMAULLAH', ('NaMAULLAH', 'NMtULLAH', 'NaMtULLAH'))]
    >>> [(p.text, p.readings) for p in normalise_name("عمر العمري عادل أحمد").parts]
    [('AMR', ('eMR',)), ('AMRY', ('eMRY',)), ('AADL', ()), ('AHMD', ())]
    """
    parts = _ayn_initial_readings(text, parts, language)
    ayn = inner_ayn_as_alif(text)
    ta = ta_before_allah(text)
    both = ta_before_allah(ayn) if ayn and ta else None
    found: list[list[str]] = [[] for _ in parts]
    for read in (ayn, ta, both):
        if read is not None:
            _read_as(parts, read, script, language, found, partial(_marked_reading, written=True))
    return _with_readings(parts, found)


def _with_readings(parts: list[NamePart], found: list[list[str]]) -> list[NamePart]:
    """Each part in a consonantal script with the readings found for it added, once each."""
    return [
        replace(part, readings=tuple(dict.fromkeys([*part.readings, *extra])))
        if extra and part.consonantal
        else part
        for part, extra in zip(parts, found, strict=True)
    ]


def _read_as(
    parts: list[NamePart],
    read: str,
    script: str,
    language: str | None,
    found: list[list[str]],
    mark: Callable[[str, str], str | None],
    *,
    skip: Callable[[NamePart], bool] | None = None,
) -> list[NamePart] | None:
    """Add to ``found`` each part's forms as ``read`` (the same name, some letters read
    otherwise) writes them, marked by ``mark``; the parts of ``read`` (``None`` when they
    do not stand one for one with ``parts``). ``skip``: parts to add nothing to."""
    others = _aligned(parts, read, to_latin(read, language), script, language)
    if others is None:
        return None
    for extra, part, other in zip(found, parts, others, strict=True):
        if skip is None or not skip(part):
            extra.extend(
                m
                for base, reading in zip(part.forms(), other.forms(), strict=False)
                if base != reading and (m := mark(base, reading))
            )
    return others


def _ayn_initial_readings(text: str, parts: list[NamePart], language: str | None) -> list[NamePart]:
    """Each part in Arabic script written from a word that starts with an ayn, or with
    the article and an ayn, with the reading that marks that ayn (see
    :func:`_written_readings`)."""
    spelt = {to_latin(word, language).upper() for word in initial_ayn_words(text)}
    if not spelt:
        return parts
    return [
        replace(part, readings=(*part.readings, AYN_START + part.text[1:]))
        if part.consonantal
        and part.text[:1] == "A"
        and part.text[1:2] not in ("", "A", "Y", "W")
        and any(f in spelt for f in part.forms())
        else part
        for part in parts
    ]


def apart_readings(part: NamePart) -> tuple[str, ...]:
    """The readings :func:`_letters_apart` gave a part (two letters of the script its
    transliteration joins), which are forms of the part as much as its text is; not
    those that also read a letter otherwise (``D'HgAN``, decision 241), which are
    compared letter for letter only."""
    if not part.consonantal:
        return ()
    return tuple(r for r in part.readings if APART in r and r == r.upper())


def ta_zay(part: NamePart) -> bool:
    """Whether a part's ``TZ`` is ta and zay: a part of a name in Arabic script with the
    reading :func:`_ta_zay` gives it (decision 235)."""
    return part.consonantal and any("Tz" in r for r in part.readings)


def _written_parts(text: str, latin: str, script: str, language: str | None) -> list[NamePart]:
    """The parts of ``text`` (not Latin ASCII), transliterated as ``latin``."""
    words = split_words(latin)
    # Each written word keeps the script it was written in: a name may mix scripts
    # (``Anna שושן``), and a part from Arabic or Hebrew compares by skeleton whatever
    # the rest of the name is written in.
    word_scripts = [w for token in text.split() for w in _token_scripts(token, language)]
    if len(word_scripts) != len(words):
        word_scripts = [script] * len(words)
    ayn_lam = [flag for token in text.split() for flag in _ayn_lam_words(token, language)]
    unarticled = (
        frozenset(i for i, flag in enumerate(ayn_lam) if flag)
        if len(ayn_lam) == len(words)
        else frozenset()
    )
    return canonical_parts(words, word_scripts=word_scripts, unarticled=unarticled)


@lru_cache(maxsize=200_000)
def _ayn_lam_words(token: str, language: str | None) -> tuple[bool, ...]:
    """For each Latin word a written token is transliterated to, whether it starts with
    ayn and lam (``علوي`` ALWY, Alawi; ``علیرضا`` ALYRDA, Alireza; ``علام`` ALAM, Allam):
    the transform writes the ayn ``A``, and their ``AL`` is no article, which the script
    writes with alif (decision 265: ``علوي`` was read ``WY``, and met WEI, not ALAWI).
    :func:`_written_parts` marks them by place, not by spelling: in ``علي اليوسف`` the
    second word's article is one (a helper's review). Short vowels, tatweel and joiners
    are left out first, as the transform leaves them out. Kept per token, as
    :func:`_token_scripts` is: a list's names share their words.

    >>> _ayn_lam_words("عَلـوي", None), _ayn_lam_words("العلي", None), _ayn_lam_words("محمد-علوي", None)
    ((True,), (False,), (False, True))
    """
    count = len(_token_scripts(token, language))
    bare = ARABIC_MARKS.sub("", token)
    if "عل" not in bare:
        return (False,) * count
    written = _LETTER_RUNS.findall(bare)
    if len(written) == count:
        return tuple(w.startswith("عل") for w in written)
    return (bool(written) and written[0].startswith("عل"),) + (False,) * (count - 1)


# Runs of letters, in any script: a written token's words (محمد-علوي is two).
_LETTER_RUNS: Final = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=200_000)
def _token_scripts(token: str, language: str | None) -> tuple[str, ...]:
    """The script of each Latin word a written token transliterates to (the tokens a
    Persian reading leaves alone are met again, decision 216)."""
    return (detect_script(token),) * len(split_words(to_latin(token, language)))


# Letters Persian, Urdu, Pashto and Turkic writers read otherwise than Arabic does: zal and
# zad as Z (ذاكر Zakir, رضا Reza), se as S (ثاقب Saqib). The Arabic transform reads them
# DH, D and TH. Not the other way round: a Latin Z or S is not read as these letters
# (decision 215: نادر, with dal, is not NAZIR). Persian reads qaf as ghain, GH (قاسم
# Ghasem, صادق Sadegh, باقری Bagheri; decision 218): the reading writes it ``g``, one
# letter that a strict frame meets with a Latin GH only (not Jasem's J, not Gasim's G).
# Each reading, and whether it is made of a name after the article: both, as a word may be
# read either way (ثاقب Saqib, قاضي Qazi and Ghazi), the qaf's not after the article.
# Zah the other way (decision 234): the Arabic transform reads it Z (كاظم KAZM, Kazem), and
# Iraqi, Gulf and Maghrebi romanisations write it DH or D (Kadhim, Nadhim, Mahfoudh; Hafid,
# Mahfoud): about a quarter of the zahs of the training split's tokens. The reading
# writes it ``d``, a dal's one letter that joins no digraph (مظهر MdHR is not MDHR's DH).
_PERSIAN_LETTERS: Final = (
    (str.maketrans({"ذ": "ز", "ض": "ز", "ث": "س"}), True),
    (str.maketrans({"ذ": "ز", "ض": "ز", "ث": "س", "ق": "غ"}), False),
    (str.maketrans({"ظ": "د"}), True),
)


def persian_readings(
    text: str, parts: list[NamePart], script: str, language: str | None = None
) -> tuple[NamePart, ...]:
    """``parts`` of ``text``, each part with ``ذ ض ث`` (and ``ق``) in an Arabic-script
    word read as Persian, Urdu, Pashto and Turkic writers read them keeping those
    readings in :attr:`NamePart.readings` (decisions 216, 218). Parts are matched in order; a name whose
    reading splits otherwise keeps its parts as they are.

    >>> [(p.text, p.readings) for p in normalise_name("ذاكر نايك").parts]
    [('DHAKR', ('zAKR',)), ('NAYK', ())]
    >>> [(p.text, p.readings) for p in normalise_name("عثمان ذاكر J").parts]
    [('ATHMAN', ('eTHMAN', 'AsMAN')), ('DHAKR', ('zAKR',)), ('J', ())]

    ``ق`` is read ``GH`` too, beside the other letters' reading, but not in a name after
    the article, which Persian does not write (decision 218):

    >>> [(p.text, p.readings) for p in normalise_name("ثاقب قاسم").parts]
    [('THAQB', ('sAQB', 'sAgB')), ('QASM', ('gASM',))]
    >>> [(p.text, p.readings) for p in normalise_name("احمد القاضي").parts]
    [('AHMD', ()), ('QADY', ('QAzY', 'ALQAzY'))]

    ``ظ`` is read as a dal too, ``d`` (decision 234: Kadhim, Hafid):

    >>> [(p.text, p.readings) for p in normalise_name("كاظم").parts]
    [('KAZM', ('KAdM',))]
    """
    found: list[list[str]] = [[] for _ in parts]
    for table, after_article in _PERSIAN_LETTERS:
        read = text.translate(table)
        if read == text:
            continue
        # Persian writes no article before a name: القاضي is al-Qadi, not Ghazi.
        skip = (
            None
            if after_article
            else (lambda part: any(a.startswith("AL") for a in part.alternates))
        )
        others = _read_as(parts, read, script, language, found, _marked_reading, skip=skip)
        if others is None:
            continue
        # With the two letters decision 240 keeps apart kept apart here too (``دهقان``
        # D'HgAN: dal and ha, and a qaf read as ghain; decision 241).
        for extra, part, other in zip(found, parts, others, strict=True):
            if skip is not None and skip(part):
                continue
            extra.extend(
                m
                for apart in apart_readings(part)
                if part.text != other.text
                and (m := _marked_reading(part.text, other.text, _apart_at(apart)))
                and _keeps_a_pair_apart(m)
            )
    return tuple(_with_readings(parts, found))


def hebrew_forms(
    text: str, parts: list[NamePart], script: str, language: str | None = None
) -> list[NamePart]:
    """``parts`` of a name in Hebrew script, each Hebrew part with the forms the other
    reading of its letters gives as alternates (:data:`.hebrew.FLIPS`, decision 219): bet
    as B, pe as F or P, shin as S, a final he as E, kaf inside a word as K, het as KH, a
    doubled yod inside a word as A, a doubled vav first in a word as V. Parts are
    matched in order; a flip that splits the name otherwise adds nothing.

    >>> [(p.text, p.alternates) for p in normalise_name("יצחק רבין").parts]
    [('YTZHQ', ('YTZKHQ',)), ('RVYN', ('RBYN',))]
    >>> [(p.text, p.alternates) for p in normalise_name("ישראל").parts]
    [('YSHRAL', ('YSRAL',))]
    """
    found: list[list[str]] = [[] for _ in parts]
    for flip in FLIPS:
        others = _aligned(parts, text, hebrew_latin(text, flip), script, language)
        if others is None:
            continue
        for extra, part, other in zip(found, parts, others, strict=True):
            extra.extend(f for f in other.forms() if f not in part.forms())
    return [
        replace(part, alternates=tuple(dict.fromkeys([*part.alternates, *extra])))
        if extra and part.consonantal
        else part
        for part, extra in zip(parts, found, strict=True)
    ]


def _aligned(
    parts: list[NamePart], text: str, latin: str, script: str, language: str | None
) -> list[NamePart] | None:
    """The parts of ``text`` read as ``latin`` when they stand one for one, of the same
    kinds, with ``parts`` (another reading of the same name); else ``None``."""
    others = _written_parts(text, latin, script, language)
    if len(others) != len(parts) or any(
        a.kind != b.kind for a, b in zip(parts, others, strict=True)
    ):
        return None
    return others


def _apart_at(reading: str) -> frozenset[int]:
    """The places of a reading's letters that :data:`.keys.APART` stands before.

    >>> sorted(_apart_at("D'HQAN")), sorted(_apart_at("MT'SM"))
    ([1], [2])
    """
    at: set[int] = set()
    letters = 0
    for c in reading:
        if c == APART:
            at.add(letters)
        else:
            letters += 1
    return frozenset(at)


def _keeps_a_pair_apart(reading: str) -> bool:
    """Whether :data:`.keys.APART` stands between two upper-case letters of a reading: a
    lower-case letter joins no digraph already (``Md'HR`` says no more than ``MdHR``).

    >>> _keeps_a_pair_apart("D'HgAN"), _keeps_a_pair_apart("Md'HR")
    (True, False)
    """
    return any(
        reading[k - 1].isupper() and reading[k + 1 : k + 2].isupper()
        for k, c in enumerate(reading)
        if c == APART and k
    )


def _marked_reading(
    base: str,
    reading: str,
    apart_at: frozenset[int] = frozenset(),
    *,
    written: bool = False,
) -> str | None:
    """``reading`` with each letter it reads otherwise than ``base`` in lower case (``z``
    for a zal's DH or a zad's D, ``s`` for a se's TH), so no digraph joins it to its
    neighbour (``مرتضى`` MRTzA is ta and zad, not TZ; ``الذهبي`` zHBY is zal and ha, not
    ZH); ``None`` when the two do not align so.

    >>> _marked_reading("DHAKR", "ZAKR"), _marked_reading("MRTDA", "MRTZA"), _marked_reading("ATHMAN", "ASMAN")
    ('zAKR', 'MRTzA', 'AsMAN')

    A qaf read as ghain is ``g``, the digraph's one letter (decision 218):

    >>> _marked_reading("QASM", "GHASM"), _marked_reading("SADQ", "SADGH")
    ('gASM', 'SADg')

    ``apart_at``: the places of ``base`` that :data:`.keys.APART` stands before (decision
    240), kept in the reading:

    >>> _marked_reading("DHQAN", "DHGHAN", frozenset({1}))
    "D'HgAN"

    ``written``: the letters of :func:`_written_readings` (decision 241), an ``A`` put in
    for an ayn (:data:`.keys.AYN_INSIDE`) and a ``T`` for a ta marbuta's ``A`` (``t``):

    >>> _marked_reading("MSHYM", "MSHYMA", written=True), _marked_reading("SD", "SAD", written=True)
    ('MSHYMa', 'SaD')
    >>> _marked_reading("HBAULLAH", "HBTULLAH", written=True), _marked_reading("SD", "SYD", written=True)
    ('HBtULLAH', None)

    An ayn beside an alif is written by it already (``سعاد`` SAD, Souad), no reading:

    >>> _marked_reading("SAD", "SAAD", written=True), _marked_reading("MADH", "MAADH", written=True)
    (None, None)
    """
    out: list[str] = []
    i = j = 0
    while i < len(reading):
        c = reading[i]
        if j in apart_at and out:
            out.append(APART)
        if j < len(base) and c == base[j]:
            out.append(c)
            j += 1
        elif c == "Z" and base.startswith("DH", j):
            out.append("z")
            j += 2
        elif c == "Z" and base.startswith("D", j):
            out.append("z")
            j += 1
        elif c == "S" and base.startswith("TH", j):
            out.append("s")
            j += 2
        elif c == "D" and base.startswith("Z", j):
            out.append("d")
            j += 1
        elif reading.startswith("GH", i) and base.startswith("Q", j):
            out.append("g")
            i += 1
            j += 1
        elif written and c == "A" and out[-1:] != ["A"] and not base.startswith("A", j):
            # Not beside an alif, which writes the vowel already (سعاد SAD is not SA@D:
            # a second review of decision 241).
            out.append(AYN_INSIDE)
        elif written and c == "T" and base.startswith("A", j):
            out.append("t")
            j += 1
        else:
            return None
        i += 1
    return "".join(out) if j == len(base) else None
