"""A delivery stored before deliveries kept their case's school still reads, and its
outcome is announced with no school: the statistics count it nowhere rather than wrongly."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from services.notifications.adapters.delivery_documents import pending, record
from shared.contracts import Cause

AT = datetime(2026, 11, 23, 9, tzinfo=UTC)
CAUSE = Cause(event_id=uuid.uuid4(), correlation_id=uuid.uuid4(), partition_key="student-0001")
OLDER = {
    "_id": str(uuid.uuid4()), "event_id": str(CAUSE.event_id), "case_id": str(uuid.uuid4()),
    "person_id": "nurse-aino", "recipient_kind": "staff", "channel": "email",
    "reason": "responsible", "subject": "s", "body": "b", "urgent": False,
    "cause": CAUSE.model_dump(mode="json"), "status": "pending", "attempts": 0,
    "created_at": AT, "next_attempt_at": AT, "sent_at": None, "receipts": [],
}  # fmt: skip


def test_an_older_delivery_without_a_school_reads_with_none() -> None:
    assert pending(OLDER).school_id is None
    assert record(OLDER).school_id is None


def test_a_delivery_with_its_school_reads_it_back() -> None:
    stored = {**OLDER, "school_id": "kallio-school"}
    assert pending(stored).school_id == "kallio-school"
    assert record(stored).school_id == "kallio-school"
