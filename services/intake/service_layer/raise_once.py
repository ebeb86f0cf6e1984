"""A raising that arrives twice (a double click, a retry after a lost answer) raises one
concern: the raiser's ``Idempotency-Key`` names it, so the second arrival finds the first.

The concern's id is derived from who raises and the key, so the database's own unique
``_id`` decides a race between the twins (no lock, no second index), and a key is the
raiser's alone: another person sending the same key names another id, their own.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Annotated
from uuid import UUID, uuid5

from pydantic import AfterValidator

from services.intake.domain import Concern
from services.intake.service_layer.raise_concern import RaiseConcern, raise_concern
from services.intake.service_layer.unit_of_work import IntakeUnit
from shared.contracts import StaffMember

__all__ = [
    "IdempotencyKey",
    "KeyUsedForAnother",
    "Raised",
    "keyed_concern_id",
    "raise_once",
    "raised_before",
]

_KEY = re.compile(r"[A-Za-z0-9_-]{1,100}")
# Fixed for ever: a changed namespace would let a retry across the change raise a twin.
_KEYED = UUID("6f1c3e0a-9a57-5d0e-8c43-2b1d7a4e9f10")


def _a_key(value: str) -> str:
    if not _KEY.fullmatch(value):
        raise ValueError(
            "Idempotency-Key must be 1 to 100 characters of A-Z, a-z, 0-9, '-' and '_' "
            "(a UUID will do)"
        )
    return value


IdempotencyKey = Annotated[str, AfterValidator(_a_key)]


def keyed_concern_id(raiser: str, key: str) -> UUID:
    """The one concern ``raiser`` may raise with ``key`` (a key has no newline to mix up)."""
    return uuid5(_KEYED, f"{raiser}\n{key}")


class KeyUsedForAnother(Exception):
    """The key already named another concern of the same raiser: a new concern needs a new
    key (answered 409, so that a second concern is never silently dropped as a replay)."""

    def __init__(self) -> None:
        super().__init__(
            "This Idempotency-Key was used for another concern; send a new key for a new concern."
        )


@dataclass(frozen=True)
class Raised:
    concern: Concern
    new: bool  # False: raised before with the key, and found again


def _same(concern: Concern, command: RaiseConcern) -> bool:
    """Whether ``command`` asks for what ``concern`` was raised as (not where it is now)."""
    asked = (
        command.student_ref,
        command.school_id,
        tuple(command.categories),
        command.urgency,
        command.description.strip(),
        command.student_informed,
        command.guardian_informed,
        command.guardian_must_not_be_told_yet,
        command.guardian_hold_ground,
    )
    return asked == (
        concern.student_ref,
        concern.school_id,
        concern.categories,
        concern.urgency,
        concern.description,
        concern.student_informed,
        concern.guardian_informed,
        concern.guardian_must_not_be_told_yet,
        concern.guardian_hold_ground,
    )


async def raised_before(
    command: RaiseConcern, raised_by: StaffMember, key: str, unit: IntakeUnit
) -> Concern | None:
    """The concern ``raised_by`` raised with ``key``, if they did; ``KeyUsedForAnother`` if
    it is not what ``command`` asks for."""
    concern = await unit.concerns.get(keyed_concern_id(raised_by.staff_id, key))
    if concern is None:
        return None
    # Only a collision of the derived id could name someone else's: never shown, all the same.
    if not concern.followed_by(raised_by.role, raised_by.staff_id) or not _same(concern, command):
        raise KeyUsedForAnother
    return concern


async def raise_once(
    command: RaiseConcern,
    raised_by: StaffMember,
    works_at: Collection[str],
    key: str | None,
    unit: IntakeUnit,
) -> Raised:
    """Raise ``command``, unless ``raised_by`` raised it with ``key`` before: then that one.
    Without a key, every raising is a concern of its own."""
    if key is None:
        return Raised(await raise_concern(command, raised_by, works_at, unit), new=True)
    earlier = await raised_before(command, raised_by, key, unit)
    if earlier is not None:
        return Raised(earlier, new=False)
    concern_id = keyed_concern_id(raised_by.staff_id, key)
    concern = await raise_concern(command, raised_by, works_at, unit, concern_id=concern_id)
    return Raised(concern, new=True)
