"""Real servers for the whole session: Tansu (Kafka protocol) and SecantusDB (MongoDB).

Each test gets its own topic prefix and database names, so tests share the servers but
never each other's data, and a consumer group join never waits for another test's group.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Iterator

import pytest

from deploy.infra import (
    free_port,
    mongo_uri,
    start_kafka,
    start_mongo,
    wait_for_kafka,
    wait_for_mongo,
)
from shared.logging import configure_logging
from shared.storage import Store
from shared.topics import ensure_topics
from tests.support.infra import TOOLS_VENV, Infra, Namespace
from tests.support.smtp import SmtpServer


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


@pytest.fixture
async def ns(infra: Infra) -> Namespace:
    namespace = Namespace(infra, f"t{uuid.uuid4().hex[:10]}.")
    await ensure_topics(infra.bootstrap, namespace.prefix)
    return namespace


@pytest.fixture
async def store(ns: Namespace) -> AsyncIterator[Store]:
    """A database of the test's own, dropped after it."""
    store = Store(ns.infra.mongo_uri, ns.database("scratch"))
    try:
        yield store
    finally:
        await store.drop()
        store.close()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser journeys last: their stack (four processes and a browser) is started once
    for all of them, and would otherwise sit running through every other test."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
