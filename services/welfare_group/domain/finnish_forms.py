"""A family name's Finnish inflected forms, well enough to find it in a text: a stem match.

Finnish inflects names like any noun: Virtanen → Virtasen, Virtaselle, Virtasta; Lehto →
Lehdon; Kivi → Kiven; Laine → Laineen. A word is taken for the name when it is one of the
name's stems followed by a case ending (and a clitic, "-kin", "-kaan", …) from the lists
below. The stems:
- the name itself (Koivisto-n, Heikkilä-llä, Ahlberg-in, Student-Two:lle);
- -nen names: -se- and -s- (Virtase-n, Virtas-ta);
- names in -i: -e- (Kive-n, Järve-llä); in -e: -ee- (Lainee-n); in -as/-es: -akse-;
- the weak grade of the last consonant before the final vowel (Lehto → Lehdo-n, Mäki →
  Mäe-n, Rinta → Rinna-n);
- a double-barrelled name: its first part(s) and the last part's first letter, whatever
  follows (Oppilas-Yksi → Oppilas-Yhden: the last part's own forms may be irregular).

Limits, on purpose (a false finding refuses a text, a missed one lets a name through, so
the lists lean to finding): a family name that is also an ordinary word (Kivi, Mäki,
Laine) is found wherever that word is ("kiven", "laineet"); irregular stems other than
those above (Yksi → Yhde-, Susi → Sude-) are missed unless the name is double-barrelled;
a name shorter than four letters counts alone only in its base form (Aho, Oja), its
inflected forms only next to the student's given name; possessive suffixes are missed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["SHORTEST_ALONE", "double_barrelled_prefix", "family_name_stems", "stems_of"]

SHORTEST_ALONE = 4  # a shorter name's inflected forms are too often ordinary words

_CASES = (
    "", "n", "a", "ä", "ta", "tä", "tta", "ttä", "na", "nä", "ksi", "ssa", "ssä", "sta", "stä",
    "lla", "llä", "lta", "ltä", "lle", "t", "ne", "en", "in", "an", "än", "on", "ön", "un",
    "yn", "hin", "hen", "seen", "ineen", "ine", "tse",
    # plural
    "ille", "illa", "illä", "ilta", "iltä", "issa", "issä", "ista", "istä", "ien", "iden",
    "itten", "ihin", "ina", "inä", "iksi", "ja", "jä", "ten", "jen", "ita", "itä", "i",
)  # fmt: skip
_CLITICS = ("", "kin", "kaan", "kään", "ko", "kö", "han", "hän", "pa", "pä")
_SUFFIXES = frozenset(case + clitic for case in _CASES for clitic in _CLITICS)
_LONGEST = max(map(len, _SUFFIXES))

# Strong grade → weak grade of the consonant(s) before a stem's final vowel.
_WEAK = {"kk": "k", "pp": "p", "tt": "t", "nk": "ng", "mp": "mm", "lt": "ll", "nt": "nn",
         "rt": "rr", "ht": "hd", "k": "", "p": "v", "t": "d"}  # fmt: skip
_GRADE = re.compile(r"^(.*[aeiouyäö])(kk|pp|tt|nk|mp|lt|nt|rt|ht|k|p|t)([aeiouyäö])$")


def family_name_stems(family: str) -> frozenset[str]:
    """The stems of a (casefolded) family name that its inflected forms are built on."""
    last = family.rsplit("-", 1)[-1]
    stems = {family}
    if last.endswith("nen"):
        stems |= {family[:-3] + "se", family[:-3] + "s"}
    elif last.endswith("i"):
        stems.add(family[:-1] + "e")
    elif last.endswith("e"):
        stems.add(family + "e")
    elif last.endswith(("as", "es", "äs")):
        stems.add(family[:-1] + "kse")
    stems |= {weak for stem in list(stems) if (weak := _weak_grade(stem)) is not None}
    return frozenset(stems)


def double_barrelled_prefix(family: str) -> str | None:
    """``oppilas-y`` for ``oppilas-yksi``; None for a name of one part."""
    head, _, last = family.rpartition("-")
    return f"{head}-{last[0]}" if head and last else None


def stems_of(word: str) -> Iterator[str]:
    """Every way ``word`` splits into a stem and an ending from the lists: the stems."""
    for k in range(min(_LONGEST, len(word) - 1) + 1):
        if word[len(word) - k :] in _SUFFIXES:
            yield word[: len(word) - k]


def _weak_grade(stem: str) -> str | None:
    match = _GRADE.match(stem)
    if match is None:
        return None
    before, consonants, vowel = match.groups()
    return before + _WEAK[consonants] + vowel
