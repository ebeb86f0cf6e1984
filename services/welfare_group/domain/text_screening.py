"""Does a text name one of the school's students? The check behind communal welfare's rule
that its minutes and plans are about the whole school, never one student (§4, §13).

What is found, and only that it was found (never whom): a student's name, a student
reference (the register's own, or anything shaped ``student-<digits>``), and text shaped
like a personal identity code. A name is found, case-insensitively and on word
boundaries, as
- the full name, given and family names next to each other in either order;
- the family name alone, in its Finnish inflected forms (``finnish_forms``); a name of
  fewer than four letters alone only in its base form, inflected only beside a given name.
A given name alone is not a finding: "Testi", "Demo" and most given names are also
ordinary words or the names of staff. The limits are ``finnish_forms``'s.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from enum import StrEnum

from services.welfare_group.domain.finnish_forms import (
    SHORTEST_ALONE,
    double_barrelled_prefix,
    family_name_stems,
    stems_of,
)
from services.welfare_group.domain.students import StudentIdentity

__all__ = ["Mention", "StudentScreen"]


class Mention(StrEnum):
    STUDENT_NAME = "student_name"
    STUDENT_REF = "student_ref"
    IDENTITY_CODE = "identity_code"


# A word: letters, joined by hyphens (a double-barrelled name is one word), and an ending
# after a colon ("Student-Two:lle"), which Finnish writes after a name it cannot inflect.
_WORD = re.compile(r"[^\W\d_]+(?:[-\u2010][^\W\d_]+)*(?::[^\W\d_]+)?")
# The henkilötunnus's shape (DDMMYY, century sign, three digits, check character), not
# inside a longer run of letters and digits, so that a UUID or a serial number is not one.
_IDENTITY_CODE = re.compile(r"(?<![0-9a-z])\d{6}[-+a-fu-y]\d{3}[0-9a-y](?![0-9a-z])", re.I)
_REF_SHAPED = re.compile(r"(?<![\w-])student-\d+(?![\w-])", re.I)


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold().replace("\u2010", "-")


class StudentScreen:
    """The school's students, indexed once, to screen any number of texts against."""

    def __init__(self, students: Iterable[StudentIdentity]) -> None:
        self._stems: dict[str, set[int]] = {}  # a family name's stems: whose
        self._short: dict[str, set[int]] = {}  # the same, of names too short to count alone
        self._prefixes: dict[str, set[int]] = {}  # double-barrelled names' first parts
        self._given: dict[str, set[int]] = {}
        self._base: set[str] = set()
        refs: list[str] = []
        for n, student in enumerate(students):
            family = _fold(student.family_name).strip()
            alone = len(family) >= SHORTEST_ALONE
            for stem in family_name_stems(family):
                (self._stems if alone else self._short).setdefault(stem, set()).add(n)
            self._base.add(family)  # the base form counts alone, however short
            prefix = double_barrelled_prefix(family)
            if prefix is not None and len(prefix) > SHORTEST_ALONE:
                self._prefixes.setdefault(prefix, set()).add(n)
            for given in _WORD.findall(_fold(student.given_names)):
                self._given.setdefault(given, set()).add(n)
            refs.append(re.escape(_fold(student.student_ref)))
        self._refs = re.compile(rf"(?<![\w-])(?:{'|'.join(refs)})(?![\w-])", re.I) if refs else None

    def mentions(self, text: str) -> list[Mention]:
        folded = _fold(text)
        found = []
        if self._names_someone(_WORD.findall(folded)):
            found.append(Mention.STUDENT_NAME)
        if _REF_SHAPED.search(folded) or (self._refs and self._refs.search(folded)):
            found.append(Mention.STUDENT_REF)
        if _IDENTITY_CODE.search(folded):
            found.append(Mention.IDENTITY_CODE)
        return found

    def screen(self, texts: Mapping[str, str]) -> dict[str, list[Mention]]:
        """Each field with what it mentions; a field that mentions nothing is left out."""
        screened = {field: self.mentions(text) for field, text in texts.items()}
        return {field: found for field, found in screened.items() if found}

    def _names_someone(self, words: list[str]) -> bool:
        known: dict[str, tuple[bool, set[int]]] = {}  # a text repeats its words
        for i, word in enumerate(words):
            if word not in known:
                known[word] = self._whose(word.replace(":", ""))
            alone, short = known[word]
            if alone:
                return True
            # A short name's inflected form counts next to the same student's given name.
            neighbours = words[max(i - 1, 0) : i] + words[i + 1 : i + 2]
            if short and any(self._given.get(w, set()) & short for w in neighbours):
                return True
        return False

    def _whose(self, word: str) -> tuple[bool, set[int]]:
        """Whether ``word`` is a family name's form that counts alone; and whose short
        family name it may be an inflected form of."""
        stems = list(stems_of(word))
        if word in self._base or any(stem in self._stems for stem in stems):
            return True, set()
        head, dash, last = word.rpartition("-")
        if dash and last and f"{head}-{last[0]}" in self._prefixes:
            return True, set()
        return False, set().union(*(self._short.get(stem, ()) for stem in stems))
