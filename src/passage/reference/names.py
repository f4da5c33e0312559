"""Country names in the reader's language, from ICU's CLDR data (PyICU).

The country table holds English names (ICAO 9303's list); pages and charts show each
country in the interface language, from its ISO 3166 alpha-2 code. Codes ICU does not
know (ICAO's ``UTO``, ``XXA``, ``UNO``…) keep the table's name. The audit log and
exports keep the stored English name, so a record reads the same whoever wrote it.
"""

from __future__ import annotations

from functools import lru_cache

import icu
from django.utils.translation import get_language


@lru_cache(maxsize=4096)
def _icu_name(alpha2: str, language: str) -> str | None:
    name = icu.Locale("", alpha2).getDisplayCountry(icu.Locale(language))
    # ICU answers with the code itself when it has no name for it.
    return name if name and name != alpha2 else None


def country_name(alpha2: str, fallback: str, language: str | None = None) -> str:
    """``fallback`` (the stored English name) in the interface language when ICU knows it.

    >>> country_name("DE", "Germany", "fr")
    'Allemagne'
    >>> country_name("", "Utopia", "ar")
    'Utopia'
    """
    language = (language or get_language() or "en").split("-")[0]
    if not alpha2 or language == "en":
        return fallback
    return _icu_name(alpha2.upper(), language) or fallback
