"""Who must know about a concern and who leads the case, by its categories (§14, §16).

The school's nurse, psychologist and kuraattori are notified as the categories require;
the responsible person is of the profession that the most pressing category calls for,
unless a discussion was asked of a profession (§15.1-2: the student's, a guardian's or
another person's request): then it goes to the profession asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from shared.contracts import ConcernCategory, DiscussionWith, Role, StaffMember, StaffRole

__all__ = [
    "Roster",
    "choose_responsible",
    "professions_asked",
    "referred_to",
    "responsible_role",
    "roles_to_notify",
]

C, R = ConcernCategory, Role

# In order of precedence: the first category present decides the responsible profession.
_LEAD: tuple[tuple[ConcernCategory, StaffRole], ...] = (
    (C.MENTAL_HEALTH, R.PSYCHOLOGIST),
    (C.SUBSTANCE_USE, R.NURSE),
    (C.FAMILY_SITUATION, R.KURAATTORI),
    (C.SOCIAL_RELATIONS_AND_BULLYING, R.KURAATTORI),
    (C.PHYSICAL_HEALTH, R.NURSE),
    (C.ATTENDANCE, R.KURAATTORI),
    (C.LEARNING, R.PSYCHOLOGIST),
    (C.OTHER, R.KURAATTORI),
)

_NOTIFY: Mapping[ConcernCategory, frozenset[StaffRole]] = {
    C.MENTAL_HEALTH: frozenset({R.PSYCHOLOGIST, R.NURSE}),
    C.SUBSTANCE_USE: frozenset({R.NURSE, R.KURAATTORI}),
    C.FAMILY_SITUATION: frozenset({R.KURAATTORI}),
    C.SOCIAL_RELATIONS_AND_BULLYING: frozenset({R.KURAATTORI}),
    C.PHYSICAL_HEALTH: frozenset({R.NURSE}),
    C.ATTENDANCE: frozenset({R.KURAATTORI}),
    C.LEARNING: frozenset({R.PSYCHOLOGIST, R.SPECIAL_NEEDS_TEACHER}),
    C.OTHER: frozenset({R.KURAATTORI}),
}


@dataclass(frozen=True)
class Roster:
    """The welfare staff serving one school."""

    school_id: str
    members: tuple[StaffMember, ...]
    students: int = 0
    # The share of each member's working time allocated to this school (§9a counts working
    # time, not heads): a psychologist serving two schools half-time each is 0.5 at each.
    allocated_fte: Mapping[str, float] = field(default_factory=dict)

    def fte_of(self, staff_id: str) -> float:
        return self.allocated_fte.get(staff_id, 1.0)

    def with_role(self, role: StaffRole) -> list[StaffMember]:
        return [m for m in self.members if m.role is role]


def responsible_role(categories: Iterable[ConcernCategory]) -> StaffRole:
    present = set(categories)
    return next(role for category, role in _LEAD if category in present)


def professions_asked(
    categories: Iterable[ConcernCategory], asked: DiscussionWith | None
) -> tuple[StaffRole, ...]:
    """The professions a concern goes to: the one asked for (either: both, the one the
    categories call for first), or, when nobody asked, the one its categories call for."""
    by_category = responsible_role(categories)
    if asked is None:
        return (by_category,)
    if asked is DiscussionWith.EITHER:
        both = (R.PSYCHOLOGIST, R.KURAATTORI)
        return tuple(sorted(both, key=lambda role: role is not by_category))
    return (R.PSYCHOLOGIST,) if asked is DiscussionWith.PSYCHOLOGIST else (R.KURAATTORI,)


def referred_to(
    categories: Iterable[ConcernCategory],
    asked: DiscussionWith | None,
    chosen: StaffMember | None = None,
) -> StaffRole:
    """The profession the concern is referred to, as its asker is shown it."""
    professions = professions_asked(categories, asked)
    return chosen.role if chosen and chosen.role in professions else professions[0]


def roles_to_notify(categories: Iterable[ConcernCategory]) -> list[StaffRole]:
    roles: set[StaffRole] = set()
    for category in categories:
        roles |= _NOTIFY[category]
    return sorted(roles)


def choose_responsible(
    categories: Iterable[ConcernCategory],
    roster: Roster,
    open_cases: Mapping[str, int],
    asked: DiscussionWith | None = None,
) -> StaffMember | None:
    """The least-loaded member of the profession asked for or leading; failing that, of any
    welfare profession on the roster; None when the school has no welfare staff at all."""
    professions = professions_asked(list(categories), asked)
    candidates = [m for role in professions for m in roster.with_role(role)] or [
        m for m in roster.members if m.role in (R.PSYCHOLOGIST, R.KURAATTORI, R.NURSE)
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda m: (open_cases.get(m.staff_id, 0), m.staff_id))
