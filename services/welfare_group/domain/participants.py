"""Who else attended a meeting of the expert group, and in which position (§20.4).

Staff attend as members (``StaffMember``: their role is their position). The student,
a guardian and an outside party (§19.2: a partner or someone close to the student, by
name and organisation) are recorded here, by name, inside the sealed record only; the
meeting's state and the step's event name staff alone.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pydantic import ConfigDict
from pydantic.dataclasses import dataclass

from services.welfare_group.domain.consent import Consent, covers
from services.welfare_group.domain.rules import RuleViolation

__all__ = ["Participant", "Position", "check_participants"]


class Position(StrEnum):
    STUDENT = "student"
    GUARDIAN = "guardian"
    OUTSIDE_PARTY = "outside_party"  # §19.2: only as the written consent names them


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class Participant:
    position: Position
    name: str
    organisation: str | None = None  # an outside party's, as the consent names it
    title: str | None = None  # e.g. "youth worker", "grandmother"


def check_participants(
    others: Iterable[Participant], *, consents: Iterable[Consent], guardian_barred: bool
) -> None:
    """§19.2: an outside party attends only on a consent naming them; §18: a guardian the
    student has barred does not attend."""
    consents = tuple(consents)
    for p in others:
        if p.position is Position.GUARDIAN and guardian_barred:
            raise RuleViolation(
                "§18",
                "the student has barred the guardian from taking part",
                instead="hold the meeting without the guardian",
            )
        if p.position is Position.OUTSIDE_PARTY and not (
            p.organisation and covers(consents, outside_parties=[p.organisation])
        ):
            raise RuleViolation(
                "§19",
                "an outside party attends only as a written consent names them",
                instead="record a consent naming the party and their organisation",
            )
