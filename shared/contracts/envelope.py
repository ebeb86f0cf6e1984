"""The envelope every event travels in, whatever its type."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Generic, Self, TypeVar
from uuid import UUID, uuid4

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.contracts.vocabulary import Identifier

__all__ = ["Cause", "Event", "EventEnvelope", "utc_now"]

D = TypeVar("D", bound=BaseModel)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Cause(BaseModel):
    """What an event needs of the event that caused it; storable, to emit later."""

    model_config = ConfigDict(frozen=True)

    event_id: UUID
    correlation_id: UUID
    partition_key: str


class EventEnvelope(BaseModel):
    """Metadata common to all events; subclasses fix ``type``, ``schema_version`` and ``data``.

    ``partition_key`` is the student reference, so that every event about one student lands
    on one partition and is consumed in the order it was produced.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_id: UUID = Field(default_factory=uuid4)
    type: str
    schema_version: int
    occurred_at: AwareDatetime = Field(default_factory=utc_now)
    producer: Identifier
    correlation_id: UUID
    causation_id: UUID | None = None
    partition_key: Identifier

    def as_cause(self) -> Cause:
        return Cause(
            event_id=self.event_id,
            correlation_id=self.correlation_id,
            partition_key=self.partition_key,
        )

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode()


class Event(EventEnvelope, Generic[D]):
    """An envelope whose ``data`` is one event type's model: built from models, never dicts."""

    data: D

    @classmethod
    def first(cls, *, producer: str, partition_key: str, data: D) -> Self:
        """An event that starts a new chain of causes, such as a concern raised over HTTP."""
        event_id = uuid4()
        return cls.model_validate(
            {
                "event_id": event_id,
                "producer": producer,
                "correlation_id": event_id,
                "partition_key": partition_key,
                "data": data,
            }
        )

    @classmethod
    def caused_by(
        cls,
        cause: EventEnvelope | Cause,
        *,
        producer: str,
        data: D,
        partition_key: str | None = None,
    ) -> Self:
        """An event produced in reaction to ``cause``: same correlation, cause recorded."""
        return cls.model_validate(
            {
                "producer": producer,
                "correlation_id": cause.correlation_id,
                "causation_id": cause.event_id,
                "partition_key": partition_key or cause.partition_key,
                "data": data,
            }
        )
