"""Who may sign in at the development provider: every person in the seed file, with the
claims a real provider would assert for them (role, schools, children, language)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shared.security import Role
from shared.seed import SeedFile, load_seed

__all__ = ["Person", "claims_from_seed", "directory", "grouped"]

# The sign-in page lists staff by school first, then these groups in this order.
_GROUPS = (
    "Guardians",
    "Students",
    "The education provider's administrator",
    "The wellbeing services county's service supervisor",
    "The education provider's welfare lead",
)


@dataclass(frozen=True)
class Person:
    subject: str
    role: Role
    group: str  # the sign-in page's heading this person is listed under
    description: str  # what the button says after the id: role and where
    claims: dict[str, Any] = field(default_factory=dict)  # what the access token adds
    locale: str = "fi"
    name: str | None = None  # only the seed's guardians have one


def directory(seed_file: Path) -> dict[str, Person]:
    """Every seeded person by id. Where an id is in two lists, the first kind wins, as it
    always has for ``token``: staff, guardians, administrators, supervisors, students."""
    seed = load_seed(seed_file)
    people: dict[str, Person] = {}
    for person in [*_staff(seed), *_others(seed)]:
        people.setdefault(person.subject, person)
    return people


def grouped(people: dict[str, Person]) -> list[tuple[str, list[Person]]]:
    """The people under their page headings: each school's staff, then everyone else."""
    groups: dict[str, list[Person]] = {}
    for person in people.values():
        groups.setdefault(person.group, []).append(person)
    rank = {group: i for i, group in enumerate(_GROUPS, start=1)}
    return sorted(groups.items(), key=lambda item: rank.get(item[0], 0))


def _staff(seed: SeedFile) -> list[Person]:
    # A professional who serves several schools is listed at each: the token names them all.
    postings: dict[str, list[str]] = {}
    for school in seed.schools:
        for staff in school.staff:
            postings.setdefault(staff.staff_id, []).append(school.school_id)
    found: list[Person] = []
    for school in seed.schools:
        for staff in school.staff:
            schools = postings[staff.staff_id]
            if schools[0] != school.school_id:
                continue
            where = ", ".join(schools)
            found.append(
                Person(
                    staff.staff_id,
                    Role(staff.role.value),
                    f"Staff at {school.school_id}",
                    f"{staff.role.value.replace('_', ' ')} at {where}",
                    {"school_ids": schools},
                    staff.language,
                )
            )
    return found


def _others(seed: SeedFile) -> list[Person]:
    found: list[Person] = []
    for guardian in seed.guardians:
        claims: dict[str, Any] = {"student_refs": list(guardian.student_refs)}
        if guardian.school_ids:
            claims["school_ids"] = list(guardian.school_ids)
        children = ", ".join(guardian.student_refs)
        found.append(
            Person(
                guardian.guardian_id,
                Role.GUARDIAN,
                "Guardians",
                f"guardian of {children}",
                claims,
                guardian.language,
                guardian.name,
            )
        )
    for admin in seed.welfare_administrators:
        found.append(
            Person(
                admin.administrator_id,
                Role.ADMINISTRATOR,
                "The education provider's administrator",
                "welfare administrator",
                locale=admin.language,
            )
        )
    # The provider's welfare lead: every school of the provider, which is every school here.
    for lead in seed.welfare_leads:
        found.append(
            Person(
                lead.welfare_lead_id,
                Role.WELFARE_LEAD,
                "The education provider's welfare lead",
                "welfare lead of all schools",
                {"school_ids": [school.school_id for school in seed.schools]},
                lead.language,
            )
        )
    for supervisor in seed.service_supervisors:
        schools = list(supervisor.school_ids)
        found.append(
            Person(
                supervisor.supervisor_id,
                Role.SERVICE_SUPERVISOR,
                "The wellbeing services county's service supervisor",
                f"service supervisor for {', '.join(schools)}",
                {"school_ids": schools},
                supervisor.language,
            )
        )
    for student in seed.students:
        school = [student.school_id] if student.school_id else []
        where = f" at {student.school_id}" if student.school_id else ""
        found.append(
            Person(
                student.student_ref,
                Role.STUDENT,
                "Students",
                f"student{where}",
                {"school_ids": school},
            )
        )
    return found


def claims_from_seed(seed_file: Path, subject: str) -> tuple[Role, dict[str, Any]]:
    """A seeded person's role and claims: staff with their school, guardians with children,
    a student with the school the register enrols them at."""
    person = directory(seed_file).get(subject)
    if person is None:
        raise SystemExit(f"{subject} is not in {seed_file}; give --role for anyone else")
    return person.role, dict(person.claims)
