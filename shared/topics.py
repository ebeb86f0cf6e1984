"""The topic registry: every topic, its partition count and the events it carries.

Topics are created explicitly (never auto-created) so that every client and every broker
agrees on the partition count, which is what keeps one student's events in order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity

from shared.contracts import (
    CaseConcernLinkedV1,
    CaseOpenedV1,
    CasePurgedV1,
    CaseStepRecordedV1,
    ConcernRaisedV1,
    DeadlineApproachingV1,
    DeadlineBreachedV1,
    EventEnvelope,
    FollowUpDueV1,
    NotificationFailedV1,
    NotificationSentV1,
    StudentNoticeDueV1,
)

__all__ = [
    "ALL_TOPICS",
    "CASES",
    "CONCERNS",
    "DEAD_LETTERS",
    "NOTIFICATIONS",
    "REPLAYS",
    "Topic",
    "consumer_group",
    "ensure_topics",
    "replay_topic",
    "topic_of",
]


@dataclass(frozen=True)
class Topic:
    name: str
    partitions: int
    carries: tuple[type[EventEnvelope], ...]
    description: str
    # The one service that writes its events: consumers refuse an event claiming another
    # producer, and the broker's ACLs let no other service write (deploy/kafka_acls.py).
    # None for the dead-letter topic, which every consuming service writes.
    owner: str | None
    # The services whose consumer groups read it: what they committed is known delivered.
    consumed_by: tuple[str, ...] = ()

    def qualified(self, prefix: str) -> str:
        """The name on the broker; a prefix lets tests and tenants share one broker."""
        return f"{prefix}{self.name}"

    def partitions_of(self) -> list[tuple[str, int]]:
        return [(self.name, partition) for partition in range(self.partitions)]


def consumer_group(prefix: str, service: str) -> str:
    """The consumer group a service reads every topic in."""
    return f"{prefix}{service}"


CONCERNS = Topic(
    "welfare.concerns",
    3,
    (ConcernRaisedV1,),
    "Concerns raised by school staff.",
    owner="intake",
    consumed_by=("welfare_group", "communal"),
)
CASES = Topic(
    "welfare.cases",
    3,
    (
        CaseOpenedV1,
        CaseConcernLinkedV1,
        CaseStepRecordedV1,
        DeadlineApproachingV1,
        DeadlineBreachedV1,
        FollowUpDueV1,
        StudentNoticeDueV1,
        CasePurgedV1,
    ),
    "Individual welfare cases: opened, concerns linked, each step, their deadlines, erasure.",
    owner="welfare_group",
    consumed_by=("intake", "notifications", "communal"),
)
NOTIFICATIONS = Topic(
    "welfare.notifications",
    3,
    (NotificationSentV1, NotificationFailedV1),
    "The outcome of every delivery attempt, for administrators and the responsible person.",
    owner="notifications",
    consumed_by=("communal",),
)
DEAD_LETTERS = Topic(
    "welfare.dead-letters",
    1,
    (),
    "Messages a consumer could not process: original bytes and headers, plus the reason.",
    owner=None,
)


def replay_topic(service: str) -> Topic:
    """Where a service replays its own dead letters to itself, through its outbox: only it
    writes and reads it, so no service ever publishes on another's topic."""
    return Topic(
        f"welfare.replays.{service}",
        1,
        (),
        f"Dead letters of {service} replayed after a fix: the original message, replay-of.",
        owner=service,
        consumed_by=(service,),
    )


_CONSUMING_SERVICES = ("intake", "welfare_group", "notifications", "communal")
REPLAYS = {s: replay_topic(s) for s in _CONSUMING_SERVICES}
ALL_TOPICS = (CONCERNS, CASES, NOTIFICATIONS, DEAD_LETTERS, *REPLAYS.values())

_BY_EVENT = {event: topic for topic in ALL_TOPICS for event in topic.carries}


def topic_of(event: EventEnvelope) -> Topic:
    return _BY_EVENT[type(event)]


async def ensure_topics(
    bootstrap_servers: str,
    prefix: str = "",
    topics: Iterable[Topic] = ALL_TOPICS,
    *,
    security: BaseSecurity | None = None,
) -> list[str]:
    """Create the missing topics; returns the names created. Safe to call at every start.

    ``security`` is what the service's broker connects with (``shared.broker.kafka_security``),
    turned into the admin client's options the way FastStream turns it into the broker's.
    """
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, **parse_security(security))
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in topics if t.qualified(prefix) not in existing]
        if not missing:
            return []
        response = await admin.create_topics(
            [NewTopic(t.qualified(prefix), t.partitions, 1) for t in missing]
        )
        failures = [
            (name, code, message)
            for name, code, message in response.topic_errors
            # Already existing: another service created it between our look and our create.
            if code not in (0, TopicAlreadyExistsError.errno)
        ]
        if failures:
            raise RuntimeError(f"could not create topics: {failures}")
        return [t.qualified(prefix) for t in missing]
    finally:
        await admin.close()
