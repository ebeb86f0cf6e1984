"""deploy.infra against the real local servers, run from the tools venv (TOOLS_VENV)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from deploy.infra import (
    PortInUseError,
    ServerProcess,
    ensure_port_free,
    free_port,
    mongo_uri,
    running_pid,
    start_kafka,
    start_mongo,
    stop_from_pid_file,
    wait_for_kafka,
    wait_for_mongo,
)
from shared.topics import ALL_TOPICS, ensure_topics

ROOT = Path(__file__).resolve().parents[1]
TOOLS_VENV = ROOT / os.environ.get("TOOLS_VENV", ".tools-venv")  # an absolute path wins


@dataclass
class Servers:
    kafka: ServerProcess
    mongo: ServerProcess

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.kafka.port}"


@pytest.fixture
async def servers(tmp_path: Path) -> AsyncIterator[Servers]:
    kafka = start_kafka(TOOLS_VENV, free_port(), tmp_path / "logs", tmp_path / "pids")
    try:
        mongo = start_mongo(TOOLS_VENV, free_port(), ":memory:", tmp_path / "logs")
        try:
            await wait_for_kafka(f"127.0.0.1:{kafka.port}", timeout=10, process=kafka)
            await wait_for_mongo(mongo_uri(mongo.port), timeout=10, process=mongo)
            yield Servers(kafka, mongo)
        finally:
            mongo.stop()
    finally:
        kafka.stop()


async def test_ready_servers_hold_their_ports_and_get_the_topics(servers: Servers) -> None:
    with pytest.raises(PortInUseError, match=rf"port {servers.kafka.port} \(kafka\).*KAFKA_PORT"):
        ensure_port_free(servers.kafka.port, "kafka", "KAFKA_PORT")

    created = await ensure_topics(servers.bootstrap)
    assert sorted(created) == sorted(t.name for t in ALL_TOPICS)
    assert await ensure_topics(servers.bootstrap) == []  # idempotent

    admin = AIOKafkaAdminClient(bootstrap_servers=servers.bootstrap)
    await admin.start()
    try:
        described = await admin.describe_topics([t.name for t in ALL_TOPICS])
    finally:
        await admin.close()
    partitions = {d["topic"]: len(d["partitions"]) for d in described}
    assert partitions == {t.name: t.partitions for t in ALL_TOPICS}


async def test_a_later_command_stops_a_server_from_its_pid_file(servers: Servers) -> None:
    pid_file = servers.kafka.pid_file
    assert pid_file is not None
    assert running_pid(pid_file) == servers.kafka.pid

    assert stop_from_pid_file(pid_file) is True

    assert not servers.kafka.running
    assert not pid_file.exists()
    ensure_port_free(servers.kafka.port, "kafka")  # the port is free again
    assert stop_from_pid_file(pid_file) is False  # stopping twice is harmless
