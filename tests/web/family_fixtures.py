"""The family screens' people and their students' uses of data, for the family tests."""

from __future__ import annotations

from typing import Any

from services.web.domain.person import SignedIn
from shared.contracts import Role

__all__ = ["CASE", "GUARDIAN", "STUDENT", "a_use"]

CASE = "6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b"
# In English, the source language, so the assertions read as the templates do.
GUARDIAN = SignedIn(
    "guardian-gun", Role.GUARDIAN, ("kallio-school",), ("stu-aino", "stu-eero"), locale="en"
)
STUDENT = SignedIn("stu-aino", Role.STUDENT, ("kallio-school",), locale="en")


def a_use(at: str, actor: str, granted: bool = True) -> dict[str, Any]:
    return {
        "at": at, "service": "", "actor": actor, "role": "nurse", "action": "read",
        "what": "GET /cases/{case_id}/record", "basis": "group_member", "granted": granted,
        "record_id": CASE, "student_ref": "stu-aino", "outcome": None, "detail": None,
        "register": "health_care",
    }  # fmt: skip
