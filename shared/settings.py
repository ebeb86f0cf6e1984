"""Settings every service reads from its environment (12-factor; no secret in the repo)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, FilePath, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

__all__ = ["PlatformSettings", "ServiceSettings"]


def _upper_or_none(value: Any) -> Any:
    """``sasl_ssl`` reads as ``SASL_SSL``; an empty variable reads as unset."""
    if isinstance(value, str):
        return value.strip().upper() or None
    return value


KafkaSecurityProtocol = Annotated[
    Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"], BeforeValidator(_upper_or_none)
]
SaslMechanism = Annotated[
    Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] | None, BeforeValidator(_upper_or_none)
]

_KAFKA_SASL = ("kafka_sasl_mechanism", "kafka_sasl_username", "kafka_sasl_password")
_KAFKA_TLS = (
    "kafka_ssl_cafile",
    "kafka_ssl_certfile",
    "kafka_ssl_keyfile",
    "kafka_ssl_key_password",
)


class PlatformSettings(BaseSettings):
    """What every process of the platform reads: its HTTP side, its log, its MongoDB
    database and whose tokens it trusts. The web app needs no more than this; the
    event-driven services add Kafka (``ServiceSettings``)."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    # Credentials may be in the URI or, kept apart from it, in the settings below (which
    # win over the URI's); the user is looked up in MONGODB_AUTH_SOURCE (driver default:
    # the URI's database, else admin).
    # The embedded SecantusDB's (deploy/infra.py says why without retryable writes).
    mongodb_uri: SecretStr = SecretStr(
        "mongodb://127.0.0.1:27017/?replicaSet=secantus&retryWrites=false"
    )
    mongodb_database: str
    mongodb_username: str | None = None
    mongodb_password: SecretStr | None = None
    mongodb_auth_source: str | None = None
    # TLS to MongoDB; a CA file (PEM) implies it. The URI's own tls options work as well.
    mongodb_tls: bool = False
    mongodb_tls_ca_file: FilePath | None = None

    @model_validator(mode="after")
    def check_mongodb_credentials(self) -> PlatformSettings:
        if bool(self.mongodb_username) != bool(self.mongodb_password):
            raise ValueError(
                "MONGODB_USERNAME and MONGODB_PASSWORD go together: set both or neither"
            )
        return self

    http_host: str = "127.0.0.1"
    http_port: int = Field(ge=1, le=65535)

    log_level: str = "INFO"
    log_json: bool = True
    # Traces go to this OpenTelemetry collector over OTLP/HTTP (its base URL, e.g.
    # http://otel-collector:4318; /v1/traces is added). Unset, no span leaves the process.
    otel_exporter_otlp_endpoint: str | None = None
    # The share of concerns whose trace is kept; each kept one costs every service about a
    # third more CPU (docs/performance.md), so a national deployment keeps a sample.
    otel_traces_sample_ratio: float = Field(default=1.0, ge=0.0, le=1.0)

    # Who may call: OIDC bearer tokens signed RS256 by this issuer, for this audience. The
    # defaults are the local development issuer (python -m deploy.issuer).
    oidc_issuer: str = "http://127.0.0.1:8400"
    oidc_audience: str = "opiskeluhuolto"
    oidc_jwks_url: str = "http://127.0.0.1:8400/jwks.json"
    oidc_leeway_s: float = Field(default=30, ge=0, le=300)

    # Prometheus metrics (docs/operations.md). Unset port: GET /metrics on the app's own
    # port, fine on a developer's machine; set, a listener of its own (on HTTP_HOST) and
    # none on the app's port, so a deployment keeps it off the published port. A token, if
    # set, is asked for on either (Authorization: Bearer). The database-backed gauges are
    # sampled this often, not at each scrape.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_token: SecretStr | None = None
    metrics_sample_interval_s: float = Field(default=15.0, gt=0)


class ServiceSettings(PlatformSettings):
    """Each environment variable is the field name in capitals, e.g. ``KAFKA_BOOTSTRAP_SERVERS``."""

    kafka_bootstrap_servers: str = "127.0.0.1:9092"
    kafka_topic_prefix: str = ""
    kafka_security_protocol: KafkaSecurityProtocol = "PLAINTEXT"
    kafka_sasl_mechanism: SaslMechanism = None
    kafka_sasl_username: str | None = None
    kafka_sasl_password: SecretStr | None = None
    # SASL PLAIN sends the password itself, so over SASL_PLAINTEXT anyone on the path can
    # read it: refused unless this says the network is trusted. (SCRAM never sends it.)
    kafka_sasl_allow_cleartext_password: bool = False
    # TLS (SSL and SASL_SSL): the CA that signed the brokers' certificates (PEM); unset,
    # the system's CAs. The broker's host name is always checked against its certificate.
    kafka_ssl_cafile: FilePath | None = None
    # A client certificate, only for brokers that ask for one (mutual TLS): the PEM chain,
    # its key (unless in the same file) and the key's password (if it is encrypted).
    kafka_ssl_certfile: FilePath | None = None
    kafka_ssl_keyfile: FilePath | None = None
    kafka_ssl_key_password: SecretStr | None = None
    # A group join takes half the session timeout on some brokers: keep it short.
    kafka_session_timeout_ms: int = Field(default=6000, ge=1000)
    kafka_heartbeat_interval_ms: int = Field(default=1000, ge=100)
    # How long the broker may hold a fetch open when there is nothing to return. Kafka
    # answers at once when data arrives; Tansu mostly does. Measured in the benchmark on
    # Tansu: 20 ms kept the broker busy polling (a third of a core when idle, all
    # services together) and 100 ms added ~10 ms to each hop; 50 ms did neither.
    kafka_fetch_max_wait_ms: int = Field(default=50, ge=1)
    # At most this many events fetched at once are handled in one transaction
    # (shared/batch.py); 1 handles each alone. A backlog is where batches form: an idle
    # consumer gets what arrived, mostly one event.
    kafka_batch_max_records: int = Field(default=50, ge=1, le=500)
    # How long a fetch waits for the first record when none is buffered; FastStream
    # sleeps as long again after an empty fetch, so this is what an idle consumer adds
    # to a hop at most.
    kafka_batch_wait_ms: int = Field(default=10, ge=1, le=1000)

    @model_validator(mode="after")
    def check_kafka_security(self) -> ServiceSettings:
        """Refuses, at start, what would fail at the first connection or quietly not apply."""
        protocol = self.kafka_security_protocol
        sasl = [name for name in _KAFKA_SASL if getattr(self, name)]
        tls = [name for name in _KAFKA_TLS if getattr(self, name)]
        if protocol.startswith("SASL_") and len(sasl) < len(_KAFKA_SASL):
            missing = ", ".join(name.upper() for name in _KAFKA_SASL if name not in sasl)
            raise ValueError(f"KAFKA_SECURITY_PROTOCOL={protocol} needs {missing}")
        if sasl and not protocol.startswith("SASL_"):
            raise ValueError(
                f"{', '.join(name.upper() for name in sasl)} set, but KAFKA_SECURITY_PROTOCOL="
                f"{protocol} does not authenticate with SASL (SASL_SSL does)"
            )
        if (
            protocol == "SASL_PLAINTEXT"
            and self.kafka_sasl_mechanism == "PLAIN"
            and not self.kafka_sasl_allow_cleartext_password
        ):
            raise ValueError(
                "KAFKA_SASL_MECHANISM=PLAIN over KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT sends "
                "the password unencrypted: use SASL_SSL (or a SCRAM mechanism), or set "
                "KAFKA_SASL_ALLOW_CLEARTEXT_PASSWORD=true on a network you trust"
            )
        if tls and not protocol.endswith("SSL"):
            raise ValueError(
                f"{', '.join(name.upper() for name in tls)} set, but KAFKA_SECURITY_PROTOCOL="
                f"{protocol} does not use TLS (SSL or SASL_SSL do)"
            )
        if (self.kafka_ssl_keyfile or self.kafka_ssl_key_password) and not self.kafka_ssl_certfile:
            raise ValueError("KAFKA_SSL_KEYFILE and KAFKA_SSL_KEY_PASSWORD need KAFKA_SSL_CERTFILE")
        return self

    # The relay may run in a separate process; switching it off here leaves events in the
    # outbox until a relay is running again.
    outbox_relay_enabled: bool = True
    outbox_poll_interval_s: float = Field(default=0.5, gt=0)
    # Each relay publishes what its own process wrote; what another process wrote and has not
    # published this long after (it died) any relay publishes (shared/outbox.py).
    outbox_orphan_after_s: float = Field(default=10.0, gt=0)
    # How often the broker is checked for lost storage (shared/redelivery.py).
    broker_watch_interval_s: float = Field(default=5.0, gt=0)
    # How often what has outlived its retention is deleted (shared/expiry.py).
    expiry_interval_s: float = Field(default=600.0, gt=0)
    consumer_max_attempts: int = Field(default=4, ge=1)
    consumer_retry_backoff_s: float = Field(default=0.2, ge=0)

    # Key-encryption keys as "id:base64key,..." with the current one first, or a file that
    # holds the same (a mounted secret). Only services that keep sealed data need them.
    data_keks: SecretStr | None = None
    data_keks_file: Path | None = None
    access_log_retention_days: int = Field(default=4383, ge=1)  # the law's 12 years
    max_request_bytes: int = Field(default=65536, ge=1024)

    def data_keks_spec(self) -> str:
        if self.data_keks is not None:
            return self.data_keks.get_secret_value()
        if self.data_keks_file is not None:
            return self.data_keks_file.read_text(encoding="utf-8").strip()
        raise ValueError("set DATA_KEKS or DATA_KEKS_FILE: this service seals what it stores")
