"""Whose pages a family member may open, and which identifiers a path may carry.

A guardian's children are the ID token's ``student_refs``; a student's own reference is
their subject. The web app checks this before it calls anything, so a guessed or crafted
address never becomes a service call; the services check it again on the token, and
decide (§18, the student's age) what of it is shown.
"""

from __future__ import annotations

from uuid import UUID

from pydantic import TypeAdapter, ValidationError

from services.web.domain.person import SignedIn
from services.web.domain.words import N_
from shared.contracts import Identifier, Role

__all__ = ["N_", "family_refs", "is_case_id", "is_ref"]

_IDENTIFIER: TypeAdapter[str] = TypeAdapter(Identifier)


def is_ref(value: str) -> bool:
    """A student reference as the services take one: no slashes, no identity code."""
    try:
        _IDENTIFIER.validate_python(value)
    except ValidationError:
        return False
    return True


def is_case_id(value: str) -> bool:
    """A case id: a UUID in its canonical form, nothing else."""
    try:
        return str(UUID(value)) == value.lower()
    except ValueError:
        return False


def family_refs(person: SignedIn) -> tuple[str, ...]:
    """The students whose pages this person may open: a student their own, a guardian
    the children the sign-in names, anyone else none."""
    if person.role is Role.STUDENT:
        return (person.subject,)
    if person.role is Role.GUARDIAN:
        return tuple(ref for ref in person.student_refs if is_ref(ref))
    return ()
