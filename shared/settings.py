"""Settings every service reads from its environment (12-factor; no secret in the repo)."""

from __future__ import annotations

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["ServiceSettings"]


class ServiceSettings(BaseSettings):
    """Each environment variable is the field name in capitals, e.g. ``KAFKA_BOOTSTRAP_SERVERS``."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    kafka_topic_prefix: str = ""
    kafka_security_protocol: str = "PLAINTEXT"
    kafka_sasl_mechanism: str | None = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    # A group join takes half the session timeout on some brokers: keep it short.
    kafka_session_timeout_ms: int = Field(default=6000, ge=1000)
    kafka_heartbeat_interval_ms: int = Field(default=1000, ge=100)
    # How long the broker may hold a fetch open: the floor of every hop's latency.
    kafka_fetch_max_wait_ms: int = Field(default=20, ge=1)

    mongodb_uri: SecretStr = SecretStr("mongodb://127.0.0.1:27017/?replicaSet=secantus")
    mongodb_database: str

    http_host: str = "127.0.0.1"
    http_port: int = Field(ge=1, le=65535)

    log_level: str = "INFO"
    log_json: bool = True

    # The relay may run in a separate process; switching it off here leaves events in the
    # outbox until a relay is running again.
    outbox_relay_enabled: bool = True
    outbox_poll_interval_s: float = Field(default=0.5, gt=0)
    consumer_max_attempts: int = Field(default=4, ge=1)
    consumer_retry_backoff_s: float = Field(default=0.2, ge=0)
