"""User names: one spelling per account, and no two accounts whose names look alike.

Issue 9, defect 12: "аdmin" with a Cyrillic "а" was accepted beside "admin". The rules, applied when an
account is added and (the first one) to every name typed at sign-in or in an account command:

1. A name is normalised to Unicode NFKC and case folded (`normalise_username`): "ADMIN", "Admin" and the
   fullwidth "ａｄｍｉｎ" are all "admin". Names are stored in this form.
2. A name uses the letters of one script (`mixed_scripts`): Latin, Cyrillic or Greek letters, with digits
   and . _ - @, but never Latin and Cyrillic mixed, which is how most look-alikes are made.
3. A new name whose confusable skeleton (`skeleton`) equals an existing account's is refused: this catches
   whole-script look-alikes such as Cyrillic "асе" beside Latin "ace".

The look-alike data comes from confusable-homoglyphs (Unicode's confusables.txt and Scripts.txt, packaged
as JSON; MIT licence). It lists, for each character, the characters it can be confused with, but not the
TR39 prototype, so the skeleton used here maps each character to the smallest member of its group of
mutual look-alikes (the transitive closure, e.g. l, 1, I, | and ӏ form one group). That over-merges a little
compared with TR39's skeleton (more names count as look-alikes, never fewer for single characters); TR39's
multi-character prototypes ("rn" for "m") are not covered.

Names stored by earlier versions were only stripped and lowered; `lookup_names` also yields that form so that
those accounts keep signing in ("Straße" lowered is "straße", case folded "strasse").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

USERNAME_PATTERN = re.compile(r"[\w.@-]{2,64}")
_MARKS = "\u200e\u200f"  # the data wraps right-to-left characters in direction marks


def normalise_username(username: str | None) -> str:
    """NFKC, case folded, stripped: the form names are stored and looked up in."""
    text = unicodedata.normalize("NFKC", (username or "").strip())
    return unicodedata.normalize("NFKC", text.casefold()).strip()


def legacy_username(username: str | None) -> str:
    """The form earlier versions stored: stripped and lowered only."""
    return (username or "").strip().lower()


def lookup_names(username: str | None) -> tuple[str, ...]:
    """The stored names a typed name may mean: the normalised form first, then the earlier form if different."""
    new, old = normalise_username(username), legacy_username(username)
    return (new,) if new == old else (new, old)


def mixed_scripts(name: str) -> bool:
    """True when the name has letters of more than one script (digits and punctuation do not count)."""
    from confusable_homoglyphs import confusables

    return confusables.is_mixed_script(name)


def skeleton(name: str) -> str:
    """What the name looks like: two names with the same skeleton can be mistaken for each other."""
    groups = _look_alike_groups()
    return "".join(groups.get(ch, ch) for ch in normalise_username(name))


@lru_cache(maxsize=1)
def _look_alike_groups() -> dict[str, str]:
    """Each character with look-alikes -> the smallest character of its group (union-find over the data)."""
    from confusable_homoglyphs import confusables

    parent: dict[str, str] = {}

    def root(ch: str) -> str:
        parent.setdefault(ch, ch)
        while parent[ch] != ch:
            parent[ch] = parent[parent[ch]]
            ch = parent[ch]
        return ch

    for char, alikes in confusables.confusables_data.items():
        char = char.strip(_MARKS)
        for alike in alikes:
            other = alike["c"].strip(_MARKS)
            if len(char) == 1 and len(other) == 1:
                a, b = root(char), root(other)
                if a != b:
                    parent[max(a, b)] = min(a, b)
    return {ch: root(ch) for ch in parent}
