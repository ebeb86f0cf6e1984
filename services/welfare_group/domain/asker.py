"""Who asked for the welfare work (§15.1-2), as the case and its record name them.

A staff member's concern names its raiser; another person's contact names the staff member
who recorded it; the student's or a guardian's own request names no staff member, only the
requester's pseudonymous reference, and is entered by the professional it is referred to.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.contracts import RequestedBy, StaffMember

__all__ = ["STAFF_CONCERN", "Asker", "author"]


@dataclass(frozen=True)
class Asker:
    """Who asked (§15.1-2): a staff member (the raiser names them), or the student or a
    guardian by their pseudonymous reference, or another person through the staff member
    who recorded the contact."""

    requested_by: RequestedBy = RequestedBy.STAFF
    requester_ref: str | None = None

    def ref(self, raised_by: StaffMember | None) -> str:
        if raised_by is not None:
            return raised_by.staff_id
        if self.requester_ref is None:
            raise ValueError("a request names its requester")
        return self.requester_ref


STAFF_CONCERN = Asker()


def author(raised_by: StaffMember | None, entered_by: StaffMember | None) -> StaffMember:
    """Who enters the concern in the record: its raiser, or for the student's or a
    guardian's own request the professional it is referred to (§20: every entry's author)."""
    author = raised_by or entered_by
    if author is None:
        raise ValueError("a request nobody can take up cannot be entered")
    return author
