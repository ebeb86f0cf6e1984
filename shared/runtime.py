"""What every service runs: store, outbox and relay, broker, consumers and background pumps.

A service's bootstrap builds one ``ServiceRuntime``, registers its consumers and pumps, and
hands ``lifespan`` to its HTTP app, so starting and stopping happen in one place.
"""

from __future__ import annotations

import asyncio
import io
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any, TypeVar

from faststream.kafka import KafkaBroker

from shared.access_log import AccessLog
from shared.broker import KafkaPublisher, kafka_security, make_broker, subscribe
from shared.consumer import PROCESSED_EXPIRY, EventConsumer, EventHandler
from shared.contracts import EventEnvelope
from shared.dead_letter_ledger.ledger import DeadLetterLedger
from shared.dead_letter_ledger.replay import ReplayRouter, Replays
from shared.dead_letters import DeadLetters
from shared.expiry import Expiries
from shared.logging import get_logger
from shared.metrics import (
    ConsumerLag,
    CountingPublish,
    MetricsExposure,
    PlatformMetrics,
    outbox_sample,
)
from shared.operations.broker import BrokerProbe
from shared.operations.status import StatusReport
from shared.operations.throughput import Throughput
from shared.outbox import Outbox
from shared.pump import Pump
from shared.received import Consumes
from shared.redelivery import BrokerWatch
from shared.sealing import DataKeys, KeyRing
from shared.security import Gate, JwksSource, TokenVerifier
from shared.settings import ServiceSettings
from shared.storage import Session, Store
from shared.topics import DEAD_LETTERS, Topic, replay_topic
from shared.tracing import configure_tracing, instrument_broker
from shared.unit_of_work import Transactor, UnitOfWork

U = TypeVar("U", bound=UnitOfWork)

__all__ = ["ServiceRuntime"]

log = get_logger(__name__)


_STOP_STEP_S = 20.0


async def _within(step: str, stopping: Awaitable[None]) -> None:
    """One step of a shutdown, given a bound: a step that hangs is reported with what every
    task was doing, and the shutdown goes on (an orchestrator would kill it anyway)."""
    task = asyncio.ensure_future(stopping)
    done, _ = await asyncio.wait({task}, timeout=_STOP_STEP_S)
    if task in done:
        task.result()
        return
    stacks = io.StringIO()
    for other in asyncio.all_tasks():
        other.print_stack(limit=6, file=stacks)
    log.error("stop_step_hung", step=step, waited_s=_STOP_STEP_S, tasks=stacks.getvalue())
    task.cancel()


class ServiceRuntime:
    def __init__(self, settings: ServiceSettings, *, service: str) -> None:
        self.settings = settings
        self.service = service
        configure_tracing(service, settings)  # first: before the database client is made
        self.store = Store.from_settings(settings)
        # Named by host and port, so a restarted process goes on publishing what it wrote.
        relay = f"{socket.gethostname()}:{settings.http_port}"
        self.outbox = Outbox(
            self.store,
            relay=relay if settings.outbox_relay_enabled else None,
            orphan_after=timedelta(seconds=settings.outbox_orphan_after_s),
        )
        # Shared plumbing's own transactions; each service binds its repositories in its own.
        self.transact = Transactor(self.store, self.outbox, UnitOfWork)
        self.metrics = PlatformMetrics(service, topic_prefix=settings.kafka_topic_prefix)
        self.exposure = MetricsExposure(self.metrics, settings)
        self.broker: KafkaBroker = make_broker(
            settings, service=service, registry=self.metrics.registry
        )
        instrument_broker(self.broker)
        self.publish = KafkaPublisher(self.broker, topic_prefix=settings.kafka_topic_prefix)
        # Its consumers' dead letters: recorded in its own ledger, replayed to itself.
        self.dead_letter_ledger = DeadLetterLedger(self.store)
        self.dead_letters = DeadLetters(
            self.outbox, self.store, self.dead_letter_ledger, self.metrics
        )
        self.replay_topic = replay_topic(service)
        self.replays = Replays(self.store, self.outbox, self.dead_letter_ledger, self.replay_topic)
        self._replay_router = ReplayRouter(service, self.dead_letters)
        relayed = CountingPublish(self.publish, self.metrics)
        self.relay = Pump(
            "outbox-relay",
            lambda: self.outbox.relay_batch(relayed),
            interval_s=settings.outbox_poll_interval_s,
        )
        self.outbox.on_commit(self.relay.wake, with_events_only=True)
        self._consumers: list[EventConsumer[Any]] = []
        self._published: list[Topic] = []
        self._pumps: list[Pump] = [self.relay] if settings.outbox_relay_enabled else []
        self.access_log = AccessLog(
            self.store,
            service=service,
            retention=timedelta(days=settings.access_log_retention_days),
        )
        verifier = TokenVerifier(
            issuer=settings.oidc_issuer,
            audience=settings.oidc_audience,
            jwks=JwksSource(settings.oidc_jwks_url),
            leeway_s=settings.oidc_leeway_s,
        )
        self.gate = Gate(service, verifier, self.access_log)
        self._watch = BrokerWatch(
            self.store,
            self.outbox,
            service=service,
            publishes=self._published,
            bootstrap_servers=settings.kafka_bootstrap_servers,
            prefix=settings.kafka_topic_prefix,
            security=kafka_security(settings),
            on_loss=self.relay.wake,
        )
        self._pumps.append(
            Pump("broker-watch", self._watch.check, interval_s=settings.broker_watch_interval_s)
        )
        self._lag = ConsumerLag(
            self.metrics,
            publishes=self._published,
            bootstrap_servers=settings.kafka_bootstrap_servers,
            prefix=settings.kafka_topic_prefix,
            security=kafka_security(settings),
        )
        self.exposure.sampler.add("outbox", outbox_sample(self.store, self.metrics))
        self.exposure.sampler.add("consumer_lag", self._lag.sample)
        # The operations console's hour of throughput, from the counters above (in memory).
        self.throughput = Throughput(self.metrics)
        self.exposure.sampler.add("throughput", self.throughput.sample)
        self._probe = BrokerProbe(
            bootstrap_servers=settings.kafka_bootstrap_servers, security=kafka_security(settings)
        )
        self.status = StatusReport(
            service=service, store=self.store, lag=self._lag, broker=self._probe,
            throughput=self.throughput,
        )  # fmt: skip
        # What grows with the cases is expired by range deletes, not TTL indexes.
        self.expiries = Expiries(self.store)
        for expiry in (self.outbox.expiry, self.access_log.expiry, PROCESSED_EXPIRY):
            self.expiries.add(expiry)
        self._pumps.append(
            Pump("expiry", self.expiries.sweep, interval_s=settings.expiry_interval_s)
        )
        self._shutdown: list[Callable[[], Awaitable[None]]] = []
        self._startup: list[Callable[[], Awaitable[None]]] = [
            self.outbox.ensure_indexes,
            self.access_log.ensure_indexes,
            self.dead_letter_ledger.ensure_indexes,
        ]

    def data_keys(self) -> DataKeys:
        """The per-case data keys, for a service that seals what it stores."""
        return DataKeys(self.store, KeyRing.parse(self.settings.data_keks_spec()))

    def transactor(self, units: Callable[[Session], U]) -> Transactor[U]:
        """Transactions whose unit of work is the service's own (its repositories bound)."""
        return Transactor(self.store, self.outbox, units)

    def consume(
        self,
        topic: Topic,
        handlers: Mapping[type[EventEnvelope], EventHandler[U]],
        transact: Transactor[U],
    ) -> EventConsumer[U]:
        (consumer,) = self.consume_together({topic: handlers}, transact)
        return consumer

    def consume_together(
        self,
        subscriptions: Mapping[Topic, Mapping[type[EventEnvelope], EventHandler[U]]],
        transact: Transactor[U],
    ) -> list[EventConsumer[U]]:
        """A consumer per topic, all read by one subscriber (one member of the service's
        group): members of one group on different topics would rebalance each other."""
        consumers = [
            EventConsumer(
                name=self.service,
                topic=topic,
                store=self.store,
                transact=transact,
                dead_letters=self.dead_letters,
                handlers=handlers,
                max_attempts=self.settings.consumer_max_attempts,
                backoff_s=self.settings.consumer_retry_backoff_s,
            )
            for topic, handlers in subscriptions.items()
        ]
        routes: list[tuple[Topic, Consumes]] = [(c.topic, c) for c in consumers]
        for consumer in consumers:
            prefix = self.settings.kafka_topic_prefix
            self._replay_router.route(consumer.topic.qualified(prefix), consumer)
        if not self._consumers:
            self.publishes(DEAD_LETTERS)
            # Watched like what it publishes (a broker that lost it gets it again); in the
            # AsyncAPI document as the subscription below, the same service at both ends.
            self._published.append(self.replay_topic)
            # Its replays come in through the same group member as its first topics.
            routes.append((self.replay_topic, self._replay_router))
        subscribe(self.broker, self.settings, routes)
        for consumer in consumers:
            self._consumers.append(consumer)
            self._startup.append(consumer.ensure_indexes)
        return consumers

    def publishes(self, topic: Topic) -> None:
        """Declare what this service publishes, for the AsyncAPI document (the outbox relay
        does the publishing itself) and for the broker watch."""
        self._published.append(topic)
        # The dead-letter topic carries whatever could not be read: raw bytes.
        schema: Any = topic.carries[0] if topic.carries else bytes
        for event in topic.carries[1:]:
            schema = schema | event
        self.broker.publisher(
            topic.qualified(self.settings.kafka_topic_prefix),
            title=f"{self.service}:{topic.name}",
            description=topic.description,
            schema=schema,
        )

    def run_pump(self, pump: Pump) -> None:
        self._pumps.append(pump)

    def on_startup(self, step: Callable[[], Awaitable[None]]) -> None:
        self._startup.append(step)

    def on_shutdown(self, step: Callable[[], Awaitable[None]]) -> None:
        """Run at stop, after the consumers and pumps stopped (a worker process, a pool)."""
        self._shutdown.append(step)

    async def start(self) -> None:
        await self.store.ping()
        for step in self._startup:
            await step()
        # The watch's first look creates the topics before any client touches them (an
        # auto-created topic's partition count depends on the client), and gives a broker
        # that lost its storage while this service was away the undelivered events back
        # before the relay publishes anything new.
        await self._watch.check()
        await self.broker.start()
        for pump in self._pumps:
            pump.start()
        await self.exposure.start()
        log.info("service_started", pumps=[p.name for p in self._pumps])

    async def stop(self) -> None:
        await _within("metrics", self.exposure.stop())
        await _within("consumer-lag", self._lag.close())
        await _within("broker-probe", self._probe.close())
        for pump in self._pumps:
            await _within(f"pump:{pump.name}", pump.stop())
        await _within("broker-watch", self._watch.close())
        await _within("broker", self.broker.stop())
        for step in self._shutdown:
            await _within("shutdown", step())
        self.store.close()
        log.info("service_stopped")

    @asynccontextmanager
    async def lifespan(self, _app: Any = None) -> AsyncIterator[None]:
        await self.start()
        try:
            yield
        finally:
            await self.stop()
