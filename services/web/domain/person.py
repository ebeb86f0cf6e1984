"""Who is signed in, as the identity provider's ID token says, and which screens are theirs.

The claims pick the screens and nothing else: every page's data comes from a service that
checks the person's access token itself, so a forged or stale claim shows an empty screen
or a refusal, never someone else's data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from shared.contracts import Role

__all__ = ["WELFARE_GROUP", "Area", "SignedIn"]

# The professions that take and lead cases (§14: the multidisciplinary expert group).
WELFARE_GROUP = frozenset(
    {Role.NURSE, Role.PSYCHOLOGIST, Role.KURAATTORI, Role.SPECIAL_NEEDS_TEACHER}
)


class Area(StrEnum):
    """A person's screens, in the order their navigation lists them."""

    INBOX = "/inbox"
    CASES = "/cases"
    SCHOOL = "/school"
    CONCERNS = "/concerns"
    FAMILY = "/family"
    ACCESS_LOG = "/family/access-log"
    OPERATIONS = "/operations"
    # Communal welfare (§4, §13, §25): a school's figures, its welfare group and plan; the
    # education provider's schools side by side.
    COMMUNITY = "/community"
    PROVIDER = "/provider"


_AREAS: dict[Role, tuple[Area, ...]] = {
    Role.PRINCIPAL: (Area.SCHOOL, Area.COMMUNITY, Area.INBOX, Area.CONCERNS),
    Role.GUARDIAN: (Area.FAMILY, Area.ACCESS_LOG),
    Role.STUDENT: (Area.FAMILY, Area.ACCESS_LOG),
    # The administrator runs the platform (the console) and hears of escalations (the inbox).
    Role.ADMINISTRATOR: (Area.OPERATIONS, Area.INBOX),
    Role.SERVICE_SUPERVISOR: (Area.INBOX,),
    Role.WELFARE_LEAD: (Area.PROVIDER, Area.COMMUNITY),
    **{role: (Area.INBOX, Area.CASES, Area.CONCERNS, Area.COMMUNITY) for role in WELFARE_GROUP},
}


@dataclass(frozen=True)
class SignedIn:
    subject: str
    role: Role
    school_ids: tuple[str, ...] = ()
    student_refs: tuple[str, ...] = ()
    locale: str | None = None
    name: str | None = field(default=None, compare=False)

    @classmethod
    def from_claims(cls, claims: dict[str, Any]) -> SignedIn:
        """The ID token's claims; ``ValueError`` if they name no role the platform has."""
        role = Role(str(claims.get("role")))
        return cls(
            subject=str(claims["sub"]),
            role=role,
            school_ids=tuple(str(s) for s in claims.get("school_ids", ()) or ()),
            student_refs=tuple(str(s) for s in claims.get("student_refs", ()) or ()),
            locale=str(claims["locale"]) if claims.get("locale") else None,
            name=str(claims["name"]) if claims.get("name") else None,
        )

    def as_claims(self) -> dict[str, Any]:
        return {
            "sub": self.subject,
            "role": self.role.value,
            "school_ids": list(self.school_ids),
            "student_refs": list(self.student_refs),
            "locale": self.locale,
            "name": self.name,
        }

    @property
    def areas(self) -> tuple[Area, ...]:
        # Everyone else at school (teachers, counsellors) raises concerns and follows them.
        return _AREAS.get(self.role, (Area.CONCERNS,))

    def current_area(self, path: str) -> Area | None:
        """The area a page belongs to: the most specific one whose path it is under."""
        under = [a for a in self.areas if path == a.value or path.startswith(f"{a.value}/")]
        access_logs = path.startswith("/family/") and path.endswith("/access-log")
        if access_logs and Area.ACCESS_LOG in self.areas:
            return Area.ACCESS_LOG  # a child's own log is under /family/students/...
        return max(under, key=lambda a: len(a.value), default=None)

    @property
    def home(self) -> str:
        return self.areas[0].value

    @property
    def is_family(self) -> bool:
        return self.role in (Role.GUARDIAN, Role.STUDENT)

    @property
    def in_welfare_group(self) -> bool:
        return self.role in WELFARE_GROUP
