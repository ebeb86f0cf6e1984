"""The header that begins the opiskeluhuoltokertomus (§20.4), from what the case knows.

What the matter is and who raised it are the concerns' own facts, which the case state
carries (``Case.categories``, ``Case.raisers``); nothing is copied out of the referral's
entries, which stay in the professional's county register (a copy would be a disclosure).
"""

from __future__ import annotations

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.record_content import RecordHeader

__all__ = ["header"]


def header(case: Case, background: str | None) -> RecordHeader:
    return RecordHeader(
        topic=list(case.categories),
        raised_by=list(case.raisers),
        concern_ids=list(case.concern_ids),
        background=background or None,
    )
