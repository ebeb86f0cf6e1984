"""The Kafka adapter: FastStream broker, raw publishing and the subscriber wiring.

Every subscriber decodes nothing itself (the consumer does, so a malformed message can be
dead-lettered with its original bytes) and acknowledges only after the handler returned,
that is after its transaction committed. A handler that raises is nacked: the offsets are
not committed, and the fetch is redelivered from its first message of each partition.
"""

from __future__ import annotations

import logging
import ssl
from collections.abc import Sequence
from itertools import groupby
from typing import Any

from aiokafka import ConsumerRecord
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.kafka.prometheus import KafkaPrometheusMiddleware
from faststream.message import StreamMessage
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512
from prometheus_client import CollectorRegistry

from shared.outbox import Position
from shared.received import Consumes, ReceivedMessage
from shared.settings import ServiceSettings
from shared.topics import Topic, consumer_group

__all__ = ["KafkaPublisher", "kafka_security", "kafka_ssl_context", "make_broker", "subscribe"]

_SASL = {"PLAIN": SASLPlaintext, "SCRAM-SHA-256": SASLScram256, "SCRAM-SHA-512": SASLScram512}


def kafka_ssl_context(settings: ServiceSettings) -> ssl.SSLContext:
    """TLS to the brokers: their certificate must chain to KAFKA_SSL_CAFILE (else to a
    system CA) and name the host connected to; a client certificate if one is configured."""
    context = ssl.create_default_context(cafile=settings.kafka_ssl_cafile)
    if settings.kafka_ssl_certfile is not None:
        key_password = settings.kafka_ssl_key_password
        context.load_cert_chain(
            settings.kafka_ssl_certfile,
            settings.kafka_ssl_keyfile,
            password=key_password.get_secret_value() if key_password else None,
        )
    return context


def kafka_security(settings: ServiceSettings) -> BaseSecurity | None:
    """How every Kafka client of a service connects: the broker and the topic admin alike."""
    protocol = settings.kafka_security_protocol
    if protocol == "PLAINTEXT":
        return None
    context = kafka_ssl_context(settings) if protocol in ("SSL", "SASL_SSL") else None
    if protocol == "SSL":
        return BaseSecurity(ssl_context=context, use_ssl=True)
    mechanism, username, password = (
        settings.kafka_sasl_mechanism,
        settings.kafka_sasl_username,
        settings.kafka_sasl_password,
    )
    # The settings refuse SASL without all three; this only narrows the types.
    if not (mechanism and username and password):
        raise ValueError(f"{protocol} needs a SASL mechanism, username and password")
    return _SASL[mechanism](
        username,
        password.get_secret_value(),
        ssl_context=context,
        use_ssl=context is not None,
    )


def make_broker(
    settings: ServiceSettings, *, service: str, registry: CollectorRegistry | None = None
) -> KafkaBroker:
    """The service's broker; with ``registry``, FastStream's own metrics of what it
    consumes and publishes (``faststream_*``, labelled by topic, never by message)."""
    middlewares = (
        [KafkaPrometheusMiddleware(registry=registry, app_name=service)]
        if registry is not None
        else []
    )
    return KafkaBroker(
        settings.kafka_bootstrap_servers,
        client_id=service,
        # acks=all: an event counts as published only once every in-sync replica has it.
        acks="all",
        # Idempotent producers are unsupported by some Kafka-compatible brokers; the
        # consumers are idempotent instead.
        enable_idempotence=False,
        linger_ms=0,
        security=kafka_security(settings),
        logger=logging.getLogger("welfare.kafka"),
        log_level=logging.DEBUG,
        middlewares=middlewares,
    )


class KafkaPublisher:
    """Publishes raw bytes to a registry topic; returns once the broker acknowledged."""

    def __init__(self, broker: KafkaBroker, *, topic_prefix: str) -> None:
        self._broker = broker
        self._prefix = topic_prefix

    async def __call__(
        self, topic: str, key: bytes | None, value: bytes, headers: dict[str, str]
    ) -> Position:
        metadata = await self._broker.publish(
            value,
            f"{self._prefix}{topic}",
            key=key,
            headers=headers,
            correlation_id=headers.get("correlation-id"),
        )
        return Position(metadata.partition, metadata.offset)


async def _raw_bodies(message: StreamMessage[Any]) -> list[bytes]:
    # Decoding is the consumer's: a malformed message is dead-lettered with its bytes.
    return list(message.body)


def subscribe(
    broker: KafkaBroker, settings: ServiceSettings, routes: Sequence[tuple[Topic, Consumes]]
) -> None:
    """One subscriber, so one consumer-group member, for all of a service's ``routes``: two
    members of one group with different topics would rebalance each other at every join
    (and each join waits half the session timeout). It fetches what is waiting, up to
    ``kafka_batch_max_records``, and hands each run of one topic's messages to its consumer
    together; the offsets are committed once all of them were handled."""
    prefix = settings.kafka_topic_prefix
    by_topic = {topic.qualified(prefix): consumer for topic, consumer in routes}
    (first, consumer), *_ = routes

    async def on_messages(bodies: list[bytes], message: KafkaMessage) -> None:
        fetched = [
            _received(record, headers)
            for record, headers in zip(message.raw_message, message.batch_headers, strict=True)
        ]
        # Each partition's messages come in order and together, so runs keep that order.
        for handler, run in groupby(fetched, key=lambda m: by_topic.get(m.topic, consumer)):
            await handler.handle_many(list(run))

    on_messages.__name__ = f"{consumer.name}_on_{first.name.replace('.', '_').replace('-', '_')}"
    carried = ", ".join(
        f"{e.model_fields['type'].default} v{e.model_fields['schema_version'].default}"
        for topic, _ in routes
        for e in topic.carries
    )
    broker.subscriber(
        *by_topic,
        group_id=consumer_group(prefix, consumer.name),
        auto_offset_reset="earliest",
        ack_policy=AckPolicy.NACK_ON_ERROR,
        decoder=_raw_bodies,
        batch=True,
        max_records=settings.kafka_batch_max_records,
        batch_timeout_ms=settings.kafka_batch_wait_ms,
        session_timeout_ms=settings.kafka_session_timeout_ms,
        heartbeat_interval_ms=settings.kafka_heartbeat_interval_ms,
        fetch_max_wait_ms=settings.kafka_fetch_max_wait_ms,
        # AsyncAPI names each topic's operation "<title>:<topic>" when there are several.
        title=consumer.name if len(routes) > 1 else f"{consumer.name}:{first.name}",
        description=f"{first.description} Carries: {carried}.",
    )(on_messages)


def _received(record: ConsumerRecord[bytes, bytes], headers: dict[str, str]) -> ReceivedMessage:
    return ReceivedMessage(
        value=record.value or b"",
        key=record.key,
        headers=headers,
        topic=record.topic,
        partition=record.partition,
        offset=record.offset,
    )
