"""Personal names across scripts: detection, transliteration, MRZ reversal, particles, keys.

The public entry point is :func:`normalise_name`, which turns any written form of a name
(free text in any script, or an MRZ name field) into comparable :class:`NamePart` s;
:func:`skeleton`, :func:`phonetic_key` and :func:`deletions` derive the retrieval and
comparison keys of one part.

>>> [p.text for p in normalise_name("Муаммар Каддафи").parts]
['MUAMMAR', 'KADDAFI']
"""

from __future__ import annotations

from passage.core.names.keys import (
    deletions,
    english_long_a,
    english_vowel_spellings,
    hamza_spellings,
    nun_ba_spellings,
    phonetic_key,
    reading_form,
    russian_arabic_spellings,
    script_readings,
    shape,
    single_letters,
    skeleton,
    soft_folded,
    sound_spellings,
    strict_frame,
    ta_shin_spellings,
    vowel_frame,
    waw_spellings,
    west_arabic_spellings,
    written_readings,
)
from passage.core.names.mrz import from_mrz, is_mrz_name, mrz_fold, mrz_variants
from passage.core.names.normalise import (
    NamePart,
    NormalisedName,
    apart_readings,
    canonical_parts,
    normalise_name,
    split_words,
    ta_zay,
)
from passage.core.names.script import detect_script, unicode_script
from passage.core.names.translit import to_latin, transform_for

__all__ = [
    "NamePart",
    "NormalisedName",
    "apart_readings",
    "canonical_parts",
    "deletions",
    "detect_script",
    "english_long_a",
    "english_vowel_spellings",
    "from_mrz",
    "hamza_spellings",
    "is_mrz_name",
    "mrz_fold",
    "mrz_variants",
    "normalise_name",
    "nun_ba_spellings",
    "phonetic_key",
    "reading_form",
    "russian_arabic_spellings",
    "script_readings",
    "shape",
    "single_letters",
    "skeleton",
    "soft_folded",
    "sound_spellings",
    "split_words",
    "strict_frame",
    "ta_shin_spellings",
    "ta_zay",
    "to_latin",
    "transform_for",
    "unicode_script",
    "vowel_frame",
    "waw_spellings",
    "west_arabic_spellings",
    "written_readings",
]
