"""Noticing a broker that lost its storage, and publishing again what was not delivered.

Apache Kafka keeps its log, but a broker with memory storage (Tansu, locally) or a cluster
rebuilt from nothing comes back empty: no topics, no committed offsets. Each service keeps
a sentinel in the broker, an offset committed by a consumer group of its own, and every few
seconds its watch:

- recreates the topics that are missing (a topic must exist before anyone publishes to it);
- if the sentinel is there, records how far each consumer group of every topic the service
  publishes to has committed (the events below that offset are known delivered), and when
  the sentinel was last seen;
- if the sentinel is gone, the broker lost its state: every event from the delivered mark
  onwards, and every event published since the sentinel was last seen (those went to the
  new, empty broker, perhaps before their topic was created again, which Tansu does not
  survive), is marked unpublished again, in one transaction that also forgets the marks
  (the new log starts at 0); the relay is woken, and the sentinel is set again.

Repeats are absorbed by the idempotent consumers; what was delivered is not sent again,
but for the few published in the same relay batch as an undelivered one (an entry keeps its
batch's last offset on its partition, ``shared.outbox``).
A sentinel that is missing on the first start of a new system finds an empty outbox.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from aiokafka import AIOKafkaConsumer, TopicPartition
from faststream.kafka.security import parse_security
from faststream.security import BaseSecurity

from shared.contracts import utc_now
from shared.logging import get_logger
from shared.outbox import Outbox
from shared.storage import Session, Store
from shared.topics import ALL_TOPICS, DEAD_LETTERS, Topic, consumer_group, ensure_topics

__all__ = ["DELIVERED_OFFSETS", "BrokerWatch"]

DELIVERED_OFFSETS = "delivered_offsets"
_SEEN = "sentinel-seen"
_CONSUMERS = {topic.name: topic.consumed_by for topic in ALL_TOPICS}

log = get_logger(__name__)


class BrokerWatch:
    def __init__(
        self,
        store: Store,
        outbox: Outbox,
        *,
        service: str,
        publishes: Sequence[Topic],
        bootstrap_servers: str,
        prefix: str,
        security: BaseSecurity | None,
        on_loss: Callable[[], None],
    ) -> None:
        self._store = store
        self._outbox = outbox
        self._delivered = store.collection(DELIVERED_OFFSETS)
        self._sentinel_group = f"{service}.broker-watch"
        self._publishes = publishes  # filled in while the service is wired
        self._bootstrap = bootstrap_servers
        self._prefix = prefix
        self._security = security
        self._on_loss = on_loss
        self._clients: dict[str | None, AIOKafkaConsumer] = {}

    async def check(self) -> bool:
        """One look; never more work waiting (a pump step)."""
        # The registry's topics, and any of this service's own not in it (a test's replays).
        topics = {t.name: t for t in (*ALL_TOPICS, *self._publishes)}.values()
        created = await ensure_topics(
            self._bootstrap, self._prefix, topics, security=self._security
        )
        if created:
            log.info("topics_created", topics=created)
        sentinel = await self._client(self._sentinel_group)
        asked_at = utc_now()  # before asking: whatever was published later may be lost
        if await sentinel.committed(self._sentinel_tp) is None:
            await self._publish_again()
            await sentinel.commit({self._sentinel_tp: 1})
        else:
            await self._record_delivered(asked_at)
        return False

    async def close(self) -> None:
        for client in self._clients.values():
            await client.stop()
        self._clients.clear()

    async def _record_delivered(self, sentinel_seen_at: datetime) -> None:
        await self._delivered.update_one(
            {"_id": _SEEN}, {"$max": {"at": sentinel_seen_at}}, upsert=True
        )
        for topic, partition in self._partitions:
            groups = _CONSUMERS.get(topic, ())
            if not groups:
                continue  # nobody in the platform reads it: nothing is known delivered
            tp = self._tp(topic, partition)
            committed = [await (await self._client(group)).committed(tp) for group in groups]
            await self._delivered.update_one(
                {"_id": f"{topic}:{partition}"},
                {"$max": {"offset": min(offset or 0 for offset in committed)}},
                upsert=True,
            )

    async def _publish_again(self) -> None:
        marks = {d["_id"]: d async for d in self._delivered.find({})}
        # Never seen alive (a first start): everything published counts as not delivered.
        seen_at = marks.pop(_SEEN, {}).get("at", datetime.min.replace(tzinfo=UTC))

        async def reset(session: Session) -> int:
            count = 0
            for topic, partition in self._partitions:
                since = int(marks.get(f"{topic}:{partition}", {}).get("offset", 0))
                count += await self._outbox.publish_again(
                    session, topic, partition, since=since, published_since=seen_at
                )
            await self._delivered.delete_many({}, session=session)
            return count

        count = await self._store.in_transaction(reset)
        if count:
            log.warning("broker_lost_events", republishing=count)
            self._on_loss()

    async def _client(self, group: str | None) -> AIOKafkaConsumer:
        """A client that joins no group: for one group's committed offsets, or the sentinel."""
        if group not in self._clients:
            client = AIOKafkaConsumer(
                bootstrap_servers=self._bootstrap,
                group_id=consumer_group(self._prefix, group) if group else None,
                enable_auto_commit=False,
                **parse_security(self._security),
            )
            await client.start()
            if group == self._sentinel_group:
                # Committing needs an assignment; pausing it keeps the client from fetching.
                client.assign([self._sentinel_tp])
                client.pause(self._sentinel_tp)
            self._clients[group] = client
        return self._clients[group]

    @property
    def _partitions(self) -> list[tuple[str, int]]:
        return [p for topic in dict.fromkeys(self._publishes) for p in topic.partitions_of()]

    @property
    def _sentinel_tp(self) -> TopicPartition:
        return self._tp(DEAD_LETTERS.name, 0)

    def _tp(self, topic: str, partition: int) -> TopicPartition:
        return TopicPartition(f"{self._prefix}{topic}", partition)
