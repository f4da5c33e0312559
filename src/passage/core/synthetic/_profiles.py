"""Who travels through Utopia's border: cultures, nationalities, kinds of traveller, profiles.

Shares are plausible orders of magnitude for a small state in a Horn-of-Africa, Sahel or
Balkan setting (own nationals first, then neighbours, then diaspora, tourists and
workers); they are not statistics of any real country.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from . import _names as n

# culture → (script, naming pattern, given male, given female, family names or "")
# Patterns: "family" (inherited surname), "patronymic" (father's given name as surname),
# "sudan" (given + father as given names, grandfather as surname), "ould" (Mauritania:
# OULD/MINT + father's name), "russian" (gendered family names).
CULTURES: Final[dict[str, tuple[str, str, str, str, str]]] = {
    "ethiopic": ("Ethiopic", "patronymic", n.ETHIOPIC_M, n.ETHIOPIC_F, ""),
    "arabic_sudan": ("Arabic", "sudan", n.ARABIC_M, n.ARABIC_F, ""),
    "arabic_sahel": ("Arabic", "ould", n.ARABIC_M, n.ARABIC_F, ""),
    "arabic_maghreb": ("Arabic", "family", n.ARABIC_M, n.ARABIC_F, n.ARABIC_MAGHREB_FAMILY),
    "arabic_levant_gulf": ("Arabic", "family", n.ARABIC_M, n.ARABIC_F, n.ARABIC_LEVANT_GULF_FAMILY),
    "west_africa_fr": (
        "Latin", "family", n.LATIN_WEST_AFRICA_FR_M, n.LATIN_WEST_AFRICA_FR_F,
        n.LATIN_WEST_AFRICA_FR_FAMILY,
    ),
    "west_africa_en": (
        "Latin", "family", n.LATIN_WEST_AFRICA_EN_M, n.LATIN_WEST_AFRICA_EN_F,
        n.LATIN_WEST_AFRICA_EN_FAMILY,
    ),
    "east_africa": (
        "Latin", "family", n.LATIN_EAST_AFRICA_M, n.LATIN_EAST_AFRICA_F, n.LATIN_EAST_AFRICA_FAMILY,
    ),
    "balkan": ("Latin", "family", n.LATIN_BALKAN_M, n.LATIN_BALKAN_F, n.LATIN_BALKAN_FAMILY),
    "latin_america": ("Latin", "family", n.LATIN_LATAM_M, n.LATIN_LATAM_F, n.LATIN_LATAM_FAMILY),
    "europe": ("Latin", "family", n.LATIN_EUROPE_M, n.LATIN_EUROPE_F, n.LATIN_EUROPE_FAMILY),
    "turkish": ("Latin", "family", n.LATIN_TURKISH_M, n.LATIN_TURKISH_F, n.LATIN_TURKISH_FAMILY),
    "south_asia": ("Latin", "family", n.LATIN_ASIA_M, n.LATIN_ASIA_F, n.LATIN_ASIA_FAMILY),
    "russian": (
        "Cyrillic", "russian", n.CYRILLIC_RUSSIAN_M, n.CYRILLIC_RUSSIAN_F, n.CYRILLIC_RUSSIAN_FAMILY,
    ),
    "armenian_russian": (
        "Cyrillic", "family", n.CYRILLIC_ARMENIAN_RU_M, n.CYRILLIC_ARMENIAN_RU_F,
        n.CYRILLIC_ARMENIAN_RU_FAMILY,
    ),
    "ukrainian": (
        "Cyrillic", "family", n.CYRILLIC_UKRAINIAN_M, n.CYRILLIC_UKRAINIAN_F,
        n.CYRILLIC_UKRAINIAN_FAMILY,
    ),
    "serbian": (
        "Cyrillic", "family", n.CYRILLIC_SERBIAN_M, n.CYRILLIC_SERBIAN_F, n.CYRILLIC_SERBIAN_FAMILY,
    ),
    "armenian": ("Armenian", "family", n.ARMENIAN_M, n.ARMENIAN_F, n.ARMENIAN_FAMILY),
}  # fmt: skip

# Nationality (ICAO 9303-3 code; Germany is "D") → cultures with weights. UTO's own mix
# depends on the profile and is given there.
NATIONALITY_CULTURES: Final[dict[str, tuple[tuple[str, int], ...]]] = {
    "ETH": (("ethiopic", 1),),
    "ERI": (("ethiopic", 3), ("arabic_sudan", 1)),
    "SDN": (("arabic_sudan", 1),),
    "SSD": (("east_africa", 1),),
    "SOM": (("east_africa", 1),),
    "DJI": (("east_africa", 2), ("arabic_sudan", 1)),
    "KEN": (("east_africa", 1),),
    "EGY": (("arabic_levant_gulf", 1),),
    "MLI": (("west_africa_fr", 1),),
    "NER": (("west_africa_fr", 1),),
    "BFA": (("west_africa_fr", 1),),
    "SEN": (("west_africa_fr", 1),),
    "TCD": (("arabic_sahel", 1), ("west_africa_fr", 1)),
    "MRT": (("arabic_sahel", 1),),
    "NGA": (("west_africa_en", 1),),
    "GHA": (("west_africa_en", 1),),
    "MAR": (("arabic_maghreb", 1),),
    "DZA": (("arabic_maghreb", 1),),
    "TUN": (("arabic_maghreb", 1),),
    "LBY": (("arabic_maghreb", 1),),
    "SYR": (("arabic_levant_gulf", 1),),
    "LBN": (("arabic_levant_gulf", 1),),
    "JOR": (("arabic_levant_gulf", 1),),
    "SAU": (("arabic_levant_gulf", 1),),
    "ARE": (("arabic_levant_gulf", 1),),
    "QAT": (("arabic_levant_gulf", 1),),
    "SRB": (("serbian", 3), ("balkan", 1)),
    "BIH": (("balkan", 1),),
    "HRV": (("balkan", 1),),
    "MNE": (("balkan", 1),),
    "ALB": (("balkan", 1),),
    "RUS": (("russian", 5), ("armenian_russian", 1)),
    "UKR": (("ukrainian", 1),),
    "ARM": (("armenian", 1),),
    "TUR": (("turkish", 1),),
    "D": (("europe", 4), ("turkish", 1)),
    "FRA": (("europe", 5), ("west_africa_fr", 1), ("arabic_maghreb", 1)),
    "ITA": (("europe", 1),),
    "GBR": (("europe", 5), ("south_asia", 1), ("west_africa_en", 1)),
    "NLD": (("europe", 1),),
    "SWE": (("europe", 3), ("east_africa", 1)),
    "USA": (("europe", 4), ("latin_america", 1), ("east_africa", 1)),
    "BRA": (("latin_america", 1),),
    "COL": (("latin_america", 1),),
    "MEX": (("latin_america", 1),),
    "IND": (("south_asia", 1),),
    "PHL": (("south_asia", 1),),
    "UNO": (("europe", 2), ("east_africa", 1), ("west_africa_fr", 1)),
}


@dataclass(frozen=True, slots=True)
class Kind:
    """A kind of traveller: how often, how long, where and why they cross."""

    name: str
    national: bool
    trips: tuple[int, int]  # trips in the person's span, inclusive
    gap_days: tuple[int, int]  # from the end of one trip to the start of the next
    stay_days: tuple[int, int]  # inside Utopia (foreigners) or abroad (nationals)
    allowance_days: int  # authorised stay on entry (foreigners)
    purposes: tuple[tuple[str, int], ...]
    post_kinds: tuple[tuple[str, int], ...]  # air, land, sea, rail
    documents: tuple[tuple[str, int], ...]  # document kinds


PASSPORT_HEAVY: Final = (("passport", 96), ("emergency_travel_document", 2), ("id_card", 2))
REGIONAL: Final = (
    ("passport", 55),
    ("id_card", 38),
    ("laissez_passer", 3),
    ("emergency_travel_document", 2),
    ("birth_certificate", 1),
    ("none", 1),
)

KINDS: Final[dict[str, Kind]] = {
    k.name: k
    for k in (
        Kind(
            "resident", True, (1, 3), (40, 300), (3, 60), 0,
            (("family", 35), ("business", 20), ("tourism", 20), ("work", 10), ("study", 5), ("other", 10)),
            (("air", 55), ("land", 30), ("sea", 8), ("rail", 7)), REGIONAL,
        ),
        Kind(
            "trader", False, (20, 160), (3, 9), (0, 2), 7, (("business", 1),),
            (("land", 85), ("rail", 15)), REGIONAL,
        ),
        Kind(
            "national_trader", True, (20, 160), (2, 8), (0, 2), 0, (("business", 1),),
            (("land", 85), ("rail", 15)), REGIONAL,
        ),
        Kind(
            "tourist", False, (1, 2), (120, 360), (2, 21), 30, (("tourism", 1),),
            (("air", 70), ("land", 15), ("sea", 15)), PASSPORT_HEAVY,
        ),
        Kind(
            "business", False, (1, 4), (30, 200), (2, 10), 90, (("business", 1),),
            (("air", 85), ("land", 15)), PASSPORT_HEAVY,
        ),
        Kind(
            "worker", False, (1, 3), (20, 120), (60, 330), 365, (("work", 1),),
            (("air", 60), ("land", 40)), PASSPORT_HEAVY,
        ),
        Kind(
            "student", False, (1, 2), (30, 90), (90, 300), 365, (("study", 1),),
            (("air", 80), ("land", 20)), PASSPORT_HEAVY,
        ),
        Kind(
            "family", False, (1, 3), (60, 300), (7, 60), 90, (("family", 1),),
            (("land", 50), ("air", 45), ("sea", 5)), REGIONAL,
        ),
        Kind(
            "transit", False, (1, 1), (1, 1), (0, 0), 3, (("transit", 1),),
            (("air", 80), ("land", 20)), PASSPORT_HEAVY,
        ),
        Kind(
            "humanitarian", False, (1, 3), (20, 90), (14, 120), 180,
            (("humanitarian", 4), ("work", 1)), (("air", 70), ("land", 30)),
            (("passport", 60), ("laissez_passer", 40)),
        ),
        Kind(
            "asylum", False, (1, 1), (1, 1), (10_000, 10_000), 90,
            (("humanitarian", 9), ("other", 1)), (("land", 95), ("sea", 5)),
            (
                ("none", 40), ("birth_certificate", 15), ("emergency_travel_document", 10),
                ("id_card", 15), ("passport", 20),
            ),
        ),
    )
}  # fmt: skip

NEIGHBOURS_EAST: Final = (
    ("ETH", 30), ("ERI", 8), ("SDN", 20), ("SSD", 8), ("SOM", 12), ("DJI", 6), ("KEN", 8),
    ("EGY", 5),
)  # fmt: skip
NEIGHBOURS_SAHEL: Final = (
    ("MLI", 20), ("NER", 18), ("TCD", 15), ("BFA", 12), ("SEN", 6), ("MRT", 8), ("NGA", 10),
    ("DZA", 5), ("LBY", 4), ("MAR", 2),
)  # fmt: skip
NEIGHBOURS_BALKANS: Final = (
    ("SRB", 30), ("BIH", 20), ("HRV", 15), ("MNE", 10), ("ALB", 15), ("TUR", 10),
)  # fmt: skip
FAR: Final = (
    ("D", 12), ("FRA", 10), ("ITA", 8), ("GBR", 10), ("NLD", 3), ("SWE", 3), ("USA", 10),
    ("RUS", 8), ("UKR", 4), ("ARM", 2), ("TUR", 6), ("SAU", 6), ("ARE", 5), ("QAT", 2),
    ("LBN", 2), ("JOR", 2), ("SYR", 3), ("BRA", 2), ("COL", 1), ("MEX", 1), ("IND", 4),
    ("PHL", 3), ("SRB", 2), ("BIH", 1), ("ALB", 1), ("MAR", 2), ("EGY", 3),
)  # fmt: skip
WORKERS: Final = (
    ("IND", 15), ("PHL", 12), ("TUR", 10), ("EGY", 8), ("UKR", 4), ("RUS", 3), ("SRB", 3),
    ("GBR", 3), ("FRA", 3), ("D", 3),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Profile:
    """A nationality and traveller mix: kinds (by persons) and who each kind is."""

    name: str
    own_cultures: tuple[tuple[str, int], ...]
    kinds: tuple[tuple[str, int], ...]
    nationalities: dict[str, tuple[tuple[str, int], ...]]


def _profile(
    name: str,
    own: tuple[tuple[str, int], ...],
    neighbours: tuple[tuple[str, int], ...],
) -> Profile:
    near_far = neighbours + tuple((c, w // 2 or 1) for c, w in FAR)
    return Profile(
        name,
        own,
        kinds=(
            ("resident", 360),
            ("national_trader", 4),
            ("trader", 6),
            ("tourist", 160),
            ("business", 90),
            ("worker", 50),
            ("student", 20),
            ("family", 150),
            ("transit", 80),
            ("humanitarian", 15),
            ("asylum", 10),
        ),
        nationalities={
            "trader": neighbours,
            "tourist": FAR,
            "business": near_far,
            "worker": neighbours + WORKERS,
            "student": near_far,
            "family": neighbours + FAR[:8],
            "transit": near_far,
            "humanitarian": (("UNO", 40), *FAR[:7]),
            "asylum": (*neighbours, ("SYR", 10), ("UKR", 3)),
        },
    )


PROFILES: Final[dict[str, Profile]] = {
    p.name: p
    for p in (
        _profile(
            "default",
            (("ethiopic", 35), ("arabic_sudan", 25), ("east_africa", 20), ("arabic_sahel", 5),
             ("west_africa_fr", 5), ("serbian", 5), ("balkan", 5)),
            (*NEIGHBOURS_EAST, ("SRB", 4), ("RUS", 4), ("MLI", 3), ("TCD", 3)),
        ),
        _profile(
            "east_africa",
            (("ethiopic", 45), ("arabic_sudan", 25), ("east_africa", 30)),
            NEIGHBOURS_EAST,
        ),
        _profile(
            "sahel",
            (("west_africa_fr", 50), ("arabic_sahel", 30), ("west_africa_en", 20)),
            NEIGHBOURS_SAHEL,
        ),
        _profile(
            "balkans",
            (("balkan", 55), ("serbian", 30), ("turkish", 5), ("russian", 5), ("armenian", 5)),
            (*NEIGHBOURS_BALKANS, ("RUS", 6), ("UKR", 4)),
        ),
    )
}  # fmt: skip
