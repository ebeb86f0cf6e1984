"""The shared servers and one test's namespace on them, for every test and support module
that needs them (conftest only runs the fixtures: nothing imports a test module)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from deploy.infra import ServerProcess, free_port
from shared.settings import ServiceSettings
from tests.support.identity import SECURITY_ENV

__all__ = ["ROOT", "TOOLS_VENV", "Infra", "Namespace"]

ROOT = Path(__file__).resolve().parents[2]
TOOLS_VENV = Path(os.environ.get("TOOLS_VENV", ROOT / ".tools-venv"))
S = TypeVar("S", bound=ServiceSettings)


@dataclass
class Infra:
    kafka: ServerProcess
    mongo: ServerProcess
    bootstrap: str
    mongo_uri: str


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
