"""The event contracts: round trips, the three ways a message can be unreadable, privacy."""

from __future__ import annotations

import json
from typing import Any, get_args

import pytest
from pydantic import BaseModel

from shared.contracts import KNOWN_TAGS, AnyEvent, InvalidEvent, Role, StaffMember, decode_event
from shared.topics import ALL_TOPICS
from tests.factories import case_opened, concern_raised

EVENT_CLASSES = [get_args(member)[0] for member in get_args(get_args(AnyEvent)[0])]
# Field names that could only hold a name, an identity code, contact details or narrative.
FORBIDDEN_FIELD_WORDS = ("name", "hetu", "identity", "ssn", "email", "phone", "address",
                         "description", "narrative", "text", "note", "comment", "body")  # fmt: skip


def test_every_event_round_trips_through_bytes() -> None:
    for event in (concern_raised(), case_opened()):
        assert decode_event(event.to_bytes()) == event


def test_a_caused_event_keeps_the_correlation_and_names_its_cause() -> None:
    cause = concern_raised()
    effect = type(case_opened()).caused_by(cause, producer="welfare_group", data=case_opened().data)
    assert effect.correlation_id == cause.correlation_id == cause.event_id
    assert effect.causation_id == cause.event_id
    assert effect.partition_key == cause.partition_key


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"\xff\xfe not even text", "malformed_json"),
        (b"[1, 2, 3]", "malformed_json"),
        (b'{"type": "concern.raised", "schema_version": 99}', "unknown_event_type"),
        (b'{"no": "type"}', "unknown_event_type"),
    ],
)
def test_unreadable_messages_say_why(raw: bytes, reason: str) -> None:
    with pytest.raises(InvalidEvent) as invalid:
        decode_event(raw)
    assert invalid.value.reason == reason


def test_a_schema_error_names_the_field_but_never_echoes_its_value() -> None:
    document = json.loads(concern_raised().to_bytes())
    document["data"]["school_id"] = "Maija Meikäläinen 010203-123A"
    with pytest.raises(InvalidEvent) as invalid:
        decode_event(json.dumps(document).encode())
    assert invalid.value.reason == "schema_invalid"
    assert "data.school_id" in invalid.value.detail
    assert "Meikäläinen" not in invalid.value.detail
    assert "010203" not in invalid.value.detail


def test_unknown_fields_are_refused() -> None:
    document = json.loads(concern_raised().to_bytes())
    document["data"]["student_name"] = "Maija"
    with pytest.raises(InvalidEvent, match="student_name"):
        decode_event(json.dumps(document).encode())


def test_an_identity_code_is_never_accepted_as_a_reference() -> None:
    with pytest.raises(ValueError, match="not a personal identity code"):
        StaffMember(staff_id="131052-308T", role=Role.NURSE)
    with pytest.raises(ValueError, match="not a personal identity code"):
        StaffMember(staff_id="ref-131052-308t-x", role=Role.NURSE)


def test_a_uuid_whose_digits_look_like_an_identity_code_is_still_a_reference() -> None:
    """A case id such as this one made the access log's search by record refuse it (422)."""
    case_id = "48273218-087c-4137-9134-5cfa1abc2ca3"
    assert StaffMember(staff_id=case_id, role=Role.NURSE).staff_id == case_id


def _field_names(model: type[BaseModel], prefix: str = "") -> list[str]:
    names = []
    for name, field in model.model_fields.items():
        names.append(prefix + name)
        for candidate in (field.annotation, *get_args(field.annotation)):
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                names += _field_names(candidate, f"{prefix}{name}.")
    return names


@pytest.mark.parametrize("event_class", EVENT_CLASSES, ids=lambda c: c.__name__)
def test_no_event_has_a_field_that_could_carry_personal_data(event_class: Any) -> None:
    for name in _field_names(event_class):
        leaf = name.rsplit(".", 1)[-1]
        assert not any(word in leaf for word in FORBIDDEN_FIELD_WORDS), name
        annotation = (
            str(event_class.model_fields.get(leaf).annotation)
            if leaf in event_class.model_fields
            else ""
        )
        assert "dict" not in annotation, f"{name}: free-form dicts could carry anything"


def test_every_event_has_a_topic_and_a_tag() -> None:
    carried = {event for topic in ALL_TOPICS for event in topic.carries}
    assert carried == set(EVENT_CLASSES)
    assert len(KNOWN_TAGS) == len(EVENT_CLASSES)
