"""The figures of a publication and what an attacker knows binds them.

A figure is one number a publication could show: a unit's (a school's, the rolled-up
"other schools'", the provider's) count in one table, row and column. A relation is a
linear fact about figures that anyone can work out from the tables' definitions: a year is
its two terms, a term its months, a total its rows, the provider its units. The disclosure
control (``disclosure``) and its audit (``disclosure_audit``) reason over these only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

__all__ = ["SMALL_BELOW", "Figure", "Relation", "Status", "is_small", "shown_small"]

# The statistical authorities' usual threshold: a count of 1-4 could be a known few.
SMALL_BELOW = 5


def is_small(value: int) -> bool:
    """A count that must not be worked out. A true zero names nobody: it may be pinned."""
    return 0 < value < SMALL_BELOW


def shown_small(value: int) -> bool:
    """A count shown "<5", zero included. Were zeros shown, every "<5" would be at least 1,
    and "<5"s under a "<5" total would add up to it: four months of "<5" in a term of "<5"
    would each be exactly 1. A "<5" that may be 0 leaves nothing to add up."""
    return value < SMALL_BELOW


class Figure(NamedTuple):
    unit: str  # a school's id, or one of the publication's own units
    table: str  # a measure
    key: str  # a row
    column: str  # a month "YYYY-MM", a term, "year", or the period before the year


class Status(StrEnum):
    PUBLISHED = "published"
    SMALL = "small"  # shown "<5": the attacker knows it is 0-4
    COMPLEMENTARY = "complementary"  # shown "x": hidden so that a "<5" cannot be worked out
    UNPUBLISHED = "unpublished"  # shown nowhere (a rolled-up group's months): anything >= 0


@dataclass(frozen=True)
class Relation:
    """``sum(coefficient * figure) == 0`` or, when not ``equality``, ``<= 0``."""

    terms: tuple[tuple[Figure, int], ...]
    equality: bool = True

    @classmethod
    def total(cls, whole: Figure, parts: list[Figure]) -> Relation:
        return cls(((whole, -1), *((p, 1) for p in parts)))

    @classmethod
    def at_most(cls, smaller: list[Figure], larger: list[Figure]) -> Relation:
        terms = [(s, 1) for s in smaller] + [(g, -1) for g in larger]
        return cls(tuple(terms), equality=False)

    @property
    def figures(self) -> list[Figure]:
        return [f for f, _ in self.terms]
