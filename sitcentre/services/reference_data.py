"""Reference data every database starts with: countries, substances and the BLOs of the programme.

Coordinates are approximate and the posts' sides of the border illustrative (domain.md). The region
keeps fixed UTC offsets without daylight saving: KZ, UZ, TJ, TM +5, KG +6, AF +4:30.
"""

from __future__ import annotations

from sitcentre.domain.enums import SubstanceGroup as G
from sitcentre.domain.enums import Unit

# code, name, UTC offset in minutes
COUNTRIES = [
    ("KZ", "Kazakhstan", 300),
    ("KG", "Kyrgyzstan", 360),
    ("TJ", "Tajikistan", 300),
    ("TM", "Turkmenistan", 300),
    ("UZ", "Uzbekistan", 300),
    ("AF", "Afghanistan", 270),
]

# code, name, group, default unit, mass per tablet (mg)
SUBSTANCES = [
    ("heroin", "Heroin", G.OPIATES, Unit.KG, None),
    ("opium", "Opium", G.OPIATES, Unit.KG, None),
    ("morphine", "Morphine", G.OPIATES, Unit.KG, None),
    ("hashish", "Hashish (cannabis resin)", G.CANNABIS, Unit.KG, None),
    ("cannabis_herb", "Cannabis herb", G.CANNABIS, Unit.KG, None),
    ("methamphetamine", "Methamphetamine", G.ATS, Unit.KG, None),
    ("amphetamine", "Amphetamine", G.ATS, Unit.KG, None),
    ("ecstasy", "Ecstasy (MDMA tablets)", G.ATS, Unit.TABLETS, 250.0),
    ("cocaine", "Cocaine", G.COCAINE, Unit.KG, None),
    ("cathinones", "Synthetic cathinones", G.NPS, Unit.KG, None),
    ("nps_other", "Other new psychoactive substances", G.NPS, Unit.G, None),
    ("tramadol", "Tramadol (tablets)", G.PHARMACEUTICALS, Unit.TABLETS, 200.0),
    ("acetic_anhydride", "Acetic anhydride", G.PRECURSORS, Unit.LITRE, None),
]

# code, name, crossing, own country, counterpart country, latitude, longitude
POSTS = [
    ("KZ-KOR", "BLO Kordai", "Kordai", "KZ", "KG", 43.03, 74.71),
    ("KZ-KAR", "BLO Karkyra", "Karkyra", "KZ", "KG", 42.80, 79.10),
    ("UZ-OYB", "BLO Oybek", "Oybek / Fotehobod", "UZ", "TJ", 40.93, 69.30),
    ("TJ-TUR", "BLO Tursunzoda", "Sariosiyo / Tursunzoda", "TJ", "UZ", 38.51, 68.13),
    ("UZ-BEK", "BLO Bekobod", "Bekobod", "UZ", "TJ", 40.22, 69.24),
    ("TJ-PAT", "BLO Patar", "Andarhan / Patar", "TJ", "UZ", 40.47, 71.05),
    ("KG-KRM", "BLO Karamyk", "Karamyk", "KG", "TJ", 39.48, 71.75),
    ("TJ-KZA", "BLO Kyzyl-Art", "Kyzyl-Art", "TJ", "KG", 39.34, 73.33),
    ("KG-KZB", "BLO Kyzyl-Bel", "Kyzyl-Bel", "KG", "TJ", 39.97, 70.58),
    ("KG-BOR", "BLO Bor-Dobo", "Bor-Dobo", "KG", "TJ", 39.48, 73.52),
    ("KG-DOS", "BLO Dostuk", "Dostuk", "KG", "UZ", 40.80, 72.70),
    ("KG-KSU", "BLO Kara-Suu", "Kara-Suu", "KG", "UZ", 40.70, 72.88),
    ("UZ-TER", "BLO Termez", "Termez / Hairatan", "UZ", "AF", 37.23, 67.27),
    ("TJ-PPY", "BLO Panji Poyon", "Panji Poyon", "TJ", "AF", 37.24, 68.55),
    ("TJ-ISH", "BLO Ishkashim", "Ishkashim", "TJ", "AF", 36.72, 71.61),
]


def number_prefix(code: str) -> str:
    """The first part of a post's incident numbers: the part of its code after the country (KOR for KZ-KOR).

    Migration 0006 gives the same to posts stored before it (services.numbering)."""
    return code.split("-", 1)[-1].upper()
