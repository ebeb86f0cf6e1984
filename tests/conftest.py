"""Real servers for the whole session: Tansu (Kafka protocol) and SecantusDB (MongoDB).

Each test gets its own topic prefix and database names, so tests share the servers but
never each other's data, and a consumer group join never waits for another test's group.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest

from deploy.infra import (
    ServerProcess,
    free_port,
    mongo_uri,
    start_kafka,
    start_mongo,
    wait_for_kafka,
    wait_for_mongo,
)
from shared.logging import configure_logging
from shared.settings import ServiceSettings
from shared.topics import ensure_topics
from tests.support.identity import SECURITY_ENV
from tests.support.smtp import SmtpServer

ROOT = Path(__file__).resolve().parent.parent
TOOLS_VENV = Path(os.environ.get("TOOLS_VENV", ROOT / ".tools-venv"))
S = TypeVar("S", bound=ServiceSettings)


@dataclass
class Infra:
    kafka: ServerProcess
    mongo: ServerProcess
    bootstrap: str
    mongo_uri: str


@pytest.fixture(scope="session")
async def infra(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Infra]:
    configure_logging(service="tests", level="INFO")
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-connection chatter
    logs = tmp_path_factory.mktemp("server-logs")
    kafka = start_kafka(TOOLS_VENV, free_port(), logs)
    mongo = start_mongo(TOOLS_VENV, free_port(), ":memory:", logs)
    infra = Infra(kafka, mongo, f"127.0.0.1:{kafka.port}", mongo_uri(mongo.port))
    try:
        await wait_for_kafka(infra.bootstrap, process=kafka)
        await wait_for_mongo(infra.mongo_uri, process=mongo)
        yield infra
    finally:
        kafka.stop()
        mongo.stop()


@dataclass(frozen=True)
class Namespace:
    """One test's topics and databases on the shared servers."""

    infra: Infra
    prefix: str

    def topic(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def database(self, service: str) -> str:
        return f"{self.prefix.rstrip('.')}_{service}"

    def env(self, service: str) -> dict[str, str]:
        """Environment for a service process in this namespace."""
        return {
            "KAFKA_BOOTSTRAP_SERVERS": self.infra.bootstrap,
            "KAFKA_TOPIC_PREFIX": self.prefix,
            "MONGODB_URI": self.infra.mongo_uri,
            "MONGODB_DATABASE": self.database(service),
            **SECURITY_ENV,
        }

    def settings(self, settings_class: type[S], service: str, **overrides: Any) -> S:
        fields: dict[str, Any] = {
            "kafka_bootstrap_servers": self.infra.bootstrap,
            "kafka_topic_prefix": self.prefix,
            "mongodb_uri": self.infra.mongo_uri,
            "mongodb_database": self.database(service),
            "http_port": free_port(),
            **{k.lower(): v for k, v in SECURITY_ENV.items()},
            **overrides,
        }
        return settings_class(**fields)


@pytest.fixture
async def ns(infra: Infra) -> Namespace:
    namespace = Namespace(infra, f"t{uuid.uuid4().hex[:10]}.")
    await ensure_topics(infra.bootstrap, namespace.prefix)
    return namespace


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()
