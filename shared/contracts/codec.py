"""Bytes on the wire to typed events, with a reason when that is impossible."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Literal, get_args

from pydantic import TypeAdapter, ValidationError

from shared.contracts.union import AnyEvent, event_tag

__all__ = ["KNOWN_TAGS", "InvalidEvent", "decode_event"]

_ADAPTER: TypeAdapter[AnyEvent] = TypeAdapter(AnyEvent)


def _known_tags() -> frozenset[str]:
    union = get_args(AnyEvent)[0]
    return frozenset(get_args(member)[1].tag for member in get_args(union))


KNOWN_TAGS = _known_tags()

Reason = Literal["malformed_json", "unknown_event_type", "schema_invalid"]


@dataclass(frozen=True)
class InvalidEvent(Exception):
    """Why a message cannot be read as an event.

    ``detail`` names fields and rules only, never the values, because the values may be
    exactly the personal data that must not reach logs or the dead-letter headers.
    """

    reason: Reason
    detail: str

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}"


def decode_event(raw: bytes) -> AnyEvent:
    try:
        document: Any = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidEvent("malformed_json", f"not JSON ({type(exc).__name__})") from None
    if not isinstance(document, dict):
        raise InvalidEvent("malformed_json", "the event is not a JSON object")
    tag = event_tag(document)
    if tag not in KNOWN_TAGS:
        raise InvalidEvent("unknown_event_type", f"no contract for {str(tag)[:80]!r}")
    try:
        return _ADAPTER.validate_python(document)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc'][1:])}: {error['msg']}"
            for error in exc.errors(include_input=False, include_url=False)
        )
        raise InvalidEvent("schema_invalid", problems[:500]) from None
