"""docker-compose.yml agrees with the code: settings, ports and topics.

There is no Docker engine in CI, so this reads the file instead of running it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic_settings import BaseSettings

from services.intake.settings import IntakeSettings
from services.notifications.settings import NotificationsSettings
from services.welfare_group.settings import WelfareGroupSettings
from shared.topics import ALL_TOPICS

COMPOSE_FILE = Path(__file__).resolve().parents[1] / "docker-compose.yml"
APP_SERVICES: dict[str, type[BaseSettings]] = {
    "intake": IntakeSettings,
    "welfare_group": WelfareGroupSettings,
    "notifications": NotificationsSettings,
}


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    compose = yaml.safe_load(COMPOSE_FILE.read_text())
    result: dict[str, Any] = compose["services"]
    return result


def _environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):  # the KEY=value form
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def _as_text(command: str | list[str]) -> str:
    return command if isinstance(command, str) else "\n".join(command)


def test_every_service_is_defined(services: dict[str, Any]) -> None:
    assert {*APP_SERVICES, "kafka", "kafka-init", "mongo"} <= services.keys()


@pytest.mark.parametrize(("name", "settings"), APP_SERVICES.items())
def test_an_app_service_sets_only_its_own_settings(
    services: dict[str, Any], name: str, settings: type[BaseSettings]
) -> None:
    env = _environment(services[name])
    unknown = {key.lower() for key in env} - settings.model_fields.keys()
    assert not unknown, f"{name} sets variables its settings do not read: {unknown}"
    assert f"services.{name}" in _as_text(services[name]["command"])


@pytest.mark.parametrize("name", APP_SERVICES)
def test_an_app_service_listens_publishes_and_is_checked_on_one_port(
    services: dict[str, Any], name: str
) -> None:
    service = services[name]
    http_port = int(_environment(service)["HTTP_PORT"])
    published = {str(p).rsplit(":", 1)[-1].split("/")[0] for p in service["ports"]}
    assert published == {str(http_port)}
    health = _as_text(service["healthcheck"]["test"])
    assert re.findall(r"://(?:127\.0\.0\.1|localhost):(\d+)/health\b", health) == [str(http_port)]


def test_each_app_service_has_its_own_database(services: dict[str, Any]) -> None:
    databases = [_environment(services[name])["MONGODB_DATABASE"] for name in APP_SERVICES]
    assert len(set(databases)) == len(APP_SERVICES)


def test_kafka_init_creates_every_topic_with_its_partition_count(
    services: dict[str, Any],
) -> None:
    script = _as_text(services["kafka-init"]["command"])
    created: dict[str, int] = {}
    for line in script.splitlines():
        if "kafka-topics.sh" in line and "--create" in line:
            topic = re.search(r"--topic[ =](\S+)", line)
            partitions = re.search(r"--partitions[ =](\d+)", line)
            assert topic, f"a topic without a name: {line}"
            assert partitions, f"a topic without a partition count: {line}"
            created[topic.group(1)] = int(partitions.group(1))
    assert created == {topic.name: topic.partitions for topic in ALL_TOPICS}
