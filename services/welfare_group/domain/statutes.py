"""The statutes a disclosure of welfare record data may rest on (§22): maintained data.

§22 lets record data leave the work only on the person's written consent to that
disclosure, or where a statute requires or permits it. A professional chooses the statute
from this table rather than typing one, so that the record and the disclosure ledger
name a provision that exists, the same way every time. The table is kept small on
purpose: each row is a provision the education provider's data protection officer has
read as one that lets (or obliges) welfare record data to be given to someone outside
the work. Adding a row is a reviewed change, like any rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

__all__ = ["STATUTES", "Statute", "StatuteRow"]


class Statute(StrEnum):
    """A provision's id: the act's number in the statute book and its section."""

    PUPIL_AND_STUDENT_WELFARE_ACT_23 = "1287/2013-23"
    CHILD_WELFARE_ACT_25 = "417/2007-25"
    BASIC_EDUCATION_ACT_40 = "628/1998-40"


@dataclass(frozen=True)
class StatuteRow:
    act: str
    number: str  # in the Finnish statute book (Suomen säädöskokoelma)
    section: str
    title: str  # what the provision is about, as the record shows it

    @property
    def citation(self) -> str:
        return f"{self.act} {self.number} {self.section}"


STATUTES: Mapping[Statute, StatuteRow] = {
    Statute.PUPIL_AND_STUDENT_WELFARE_ACT_23: StatuteRow(
        "Pupil and Student Welfare Act",
        "1287/2013",
        "§23",
        "the right to obtain and disclose information in student welfare",
    ),
    Statute.CHILD_WELFARE_ACT_25: StatuteRow(
        "Child Welfare Act",
        "417/2007",
        "§25",
        "the duty to notify child welfare, notwithstanding confidentiality",
    ),
    Statute.BASIC_EDUCATION_ACT_40: StatuteRow(
        "Basic Education Act",
        "628/1998",
        "§40",
        "confidentiality and the disclosure of pupils' data",
    ),
}
