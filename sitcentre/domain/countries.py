"""Countries as operators type them: a code ("af", "AF"), a name ("Afghanistan") or the listed text
("AF — Afghanistan") all mean AF; a transit route is a list of these, separated by commas, semicolons or spaces.

The region's countries come from the reference data (their names are known); any other country is taken by its
ISO 3166-1 alpha-2 code (e.g. RU, IR), checked against the assigned codes below, so "ZZ" or a typo is refused
with a message that names it instead of being stored as typed. Messages carry a code and parameters (design.md
rule 11).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sitcentre.domain.records import Country

# ISO 3166-1 alpha-2, officially assigned codes (249).
ISO_CODES = frozenset("""
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR
GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO
JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR
MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO
RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV
TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
""".split())
_LISTED = re.compile(r"([A-Za-z]{2})\s*[—–-]\s*(.+)")  # "AF — Afghanistan", as the lists show a country
_LIST_SEPARATORS = re.compile(r"[,;/]+")
_MESSAGES = {
    "one": "'{unknown}' is not a country. Type a two-letter code (e.g. AF) or a country's name.",
    "many": "Not countries: {unknown}. Type two-letter codes (e.g. TJ, UZ) or countries' names, separated by commas.",
}


class UnknownCountries(ValueError):
    """Text that names no country; `unknown` holds each such entry as typed."""

    def __init__(self, unknown: Iterable[str]) -> None:
        self.unknown = tuple(unknown)
        self.code = "one" if len(self.unknown) == 1 else "many"
        self.params = {"unknown": ", ".join(f"'{u}'" for u in self.unknown) if len(self.unknown) > 1
                       else self.unknown[0]}
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return _MESSAGES[self.code].format(**self.params)


def is_country_code(text: str) -> bool:
    return text.upper() in ISO_CODES


def parse_country(text: str, known: Iterable[Country] = ()) -> str | None:
    """The code of the country typed (None for an empty field); raises UnknownCountries when it names none."""
    entry = " ".join(text.split())
    if not entry:
        return None
    code = _code_of(entry, known)
    if code is None:
        raise UnknownCountries([entry])
    return code


def parse_country_list(text: str, known: Iterable[Country] = ()) -> tuple[str, ...]:
    """Codes of the countries typed, in order and once each; every entry that names no country is refused."""
    known = tuple(known)
    codes: list[str] = []
    unknown: list[str] = []
    for chunk in (c.strip() for c in _LIST_SEPARATORS.split(text)):
        if not chunk:
            continue
        whole = _code_of(chunk, known)
        for entry, code in ([(chunk, whole)] if whole else [(w, _code_of(w, known)) for w in chunk.split()]):
            if code is None:
                unknown.append(entry)
            elif code not in codes:
                codes.append(code)
    if unknown:
        raise UnknownCountries(unknown)
    return tuple(codes)


def _code_of(entry: str, known: Iterable[Country]) -> str | None:
    listed = _LISTED.fullmatch(entry)
    if listed and is_country_code(listed.group(1)):
        return listed.group(1).upper()
    folded = entry.casefold()
    for country in known:
        if folded in (country.code.casefold(), country.name.casefold()):
            return country.code
    if len(entry) == 2 and is_country_code(entry):
        return entry.upper()
    return None
