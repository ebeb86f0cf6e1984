"""``concern.raised`` with the requests (§15.1-2): v1 grew compatibly, and an event whose
asker does not fit its way in cannot be built, or read, whoever forged it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from shared.contracts import InvalidEvent, RequestedBy, decode_event
from shared.contracts.concerns import ConcernRaisedV1
from tests.factories import concern_raised, discussion_requested


def test_an_event_written_before_the_requests_reads_as_a_staff_concern() -> None:
    written = json.loads(concern_raised().to_bytes())
    for added in ("requested_by", "requester_ref", "discussion_with", "contact_kind"):
        del written["data"][added]
    event = decode_event(json.dumps(written).encode())
    assert isinstance(event, ConcernRaisedV1)
    assert event.data.requested_by is RequestedBy.STAFF
    assert event.data.discussion_with is None
    assert event.data.raised_by is not None


@pytest.mark.parametrize(
    "forged",
    [
        {"requested_by": "student", "requester_ref": "student-0002"},  # for someone else
        {"requested_by": "student", "requester_ref": "student-0001", "discussion_with": None},
        {"raised_by": None},  # a staff concern with no staff member
        {"requester_ref": "guardian-0001"},  # a staff concern naming a requester too
        {"requested_by": "other"},  # a contact that says not how it came
        {"contact_kind": "phone"},  # a staff concern posing as a contact
    ],
)
def test_an_asker_who_does_not_fit_the_way_in_is_refused(forged: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        concern_raised(**{"discussion_with": "kuraattori", **forged})


def test_a_request_with_a_staff_member_slipped_in_is_unreadable_on_the_wire() -> None:
    written = json.loads(discussion_requested().to_bytes())
    written["data"]["raised_by"] = {"staff_id": "principal-paula", "role": "principal"}
    with pytest.raises(InvalidEvent) as refused:
        decode_event(json.dumps(written).encode())
    assert "principal-paula" not in str(refused.value)


def test_a_guardian_request_names_the_guardian_by_reference_only() -> None:
    event = discussion_requested(by="guardian")
    assert event.data.requester_ref == "guardian-0001"
    with pytest.raises(ValidationError):
        discussion_requested(by="guardian", requester_ref="Maija Meikäläinen")
