"""What a dead letter's ledger entry says about it, and what it never says.

A listing names the message (its consumer, where it was, its event type and id, why it
failed) without its payload: a malformed message may carry anything, personal data
included. So the event type, event id and key are shown only when they look like what
the platform writes (identifiers); the payload and the headers are kept for a replay
and for an explicit, access-logged reveal only.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from enum import StrEnum
from typing import Any

from shared.received import ReceivedMessage

__all__ = [
    "DEAD_LETTER_HEADER",
    "DETAIL_SHOWN",
    "REPLAY_ATTEMPT",
    "REPLAY_OF",
    "REPLAY_TOPIC",
    "State",
    "described",
    "origin_of",
    "replay_headers",
]

REPLAY_OF = "replay-of"  # the ledger entry a replayed message comes from
REPLAY_TOPIC = "replay-topic"  # the topic it was first read from (its consumer's)
REPLAY_ATTEMPT = "replay-attempt"  # which replay of that entry it is, from 1
DEAD_LETTER_HEADER = "dead-letter-"
_REPLAY_HEADERS = (REPLAY_OF, REPLAY_TOPIC, REPLAY_ATTEMPT)
_IDENTIFIER = re.compile(r"^[A-Za-z0-9_.:-]{1,100}$")
_EVENT_TYPE = re.compile(r"^[a-z_]{1,40}(\.[a-z_]{1,40}){1,3}$")
DETAIL_SHOWN = 300


class State(StrEnum):
    NEW = "new"  # dead-lettered, or dead-lettered again by a replay
    REPLAYED = "replayed"  # sent again through the outbox; the attempt says how it went
    DISCARDED = "discarded"  # given up on, with a reason; its payload is erased


def _identifier(value: object) -> str | None:
    return value if isinstance(value, str) and _IDENTIFIER.match(value) else None


def described(message: ReceivedMessage) -> dict[str, Any]:
    """The message's shown fields: event type and id if it parses that far, the key if
    it is an identifier; ``None`` for whatever is missing or looks like anything else."""
    event_type: object = message.headers.get("event-type")
    event_id: object = message.headers.get("event-id")
    try:
        body = json.loads(message.value)
    except ValueError:
        body = None
    if isinstance(body, dict):
        event_type = body.get("type", event_type)
        event_id = body.get("event_id", event_id)
    key = message.key.decode(errors="replace") if message.key is not None else None
    return {
        "event_type": event_type
        if isinstance(event_type, str) and _EVENT_TYPE.match(event_type)
        else None,
        "event_id": _uuid(event_id),
        "key": _identifier(key),
    }


def _uuid(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def origin_of(message: ReceivedMessage, consumer: str) -> str:
    """The same message read again at the same place (a redelivery before its offset was
    committed) is one dead letter, not two."""
    digest = hashlib.sha256(message.value).hexdigest()[:32]
    return f"{consumer}|{message.topic}|{message.partition}|{message.offset}|{digest}"


def replay_headers(
    headers: dict[str, str], *, entry_id: str, topic: str, attempt: int
) -> dict[str, str]:
    """The original headers without the dead-letter and earlier replay ones, plus this
    replay's: the consumer routes it to the original topic's handlers by ``replay-topic``."""
    kept = {
        k: v
        for k, v in headers.items()
        if not k.startswith(DEAD_LETTER_HEADER)
        and k not in (REPLAY_OF, REPLAY_TOPIC, REPLAY_ATTEMPT)
    }
    return kept | {REPLAY_OF: entry_id, REPLAY_TOPIC: topic, REPLAY_ATTEMPT: str(attempt)}
