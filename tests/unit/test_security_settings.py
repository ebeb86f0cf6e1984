"""Production connections: Kafka with SASL over TLS, MongoDB with credentials.

Nothing here connects to a server: TLS handshakes run between two in-memory endpoints, and
the MongoDB client is only inspected.
"""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512
from pydantic import ValidationError

import shared.topics
from shared.broker import kafka_security, kafka_ssl_context
from shared.settings import ServiceSettings
from shared.storage import Store
from shared.topics import ALL_TOPICS, ensure_topics
from tests.support import tls
from tests.support.tls import handshake

KEY_PASSWORD = "client-key-password"


def settings(**fields: Any) -> ServiceSettings:
    return ServiceSettings(mongodb_database="test", http_port=8000, **fields)


def sasl_ssl(**fields: Any) -> ServiceSettings:
    return settings(
        kafka_security_protocol="SASL_SSL",
        kafka_sasl_mechanism="PLAIN",
        kafka_sasl_username="app",
        kafka_sasl_password="app-password",
        **fields,
    )


# --- a throwaway PKI --------------------------------------------------------------------


@dataclass(frozen=True)
class Pki:
    ca: Path  # the CA certificate
    server: Path  # key and chain of a server named "kafka"
    client_cert: Path
    client_key: Path
    client_key_encrypted: Path  # the same key, encrypted with KEY_PASSWORD


def _pki_with_cryptography(directory: Path) -> Pki:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.now(UTC)

    def name(common_name: str) -> x509.Name:
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])

    def key_pem(key: ec.EllipticCurvePrivateKey, password: bytes | None = None) -> bytes:
        encryption: serialization.KeySerializationEncryption = (
            serialization.BestAvailableEncryption(password)
            if password
            else serialization.NoEncryption()
        )
        return key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
        )

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name("test CA"))
        .issuer_name(name("test CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )

    def issue(common_name: str, usage: x509.ObjectIdentifier) -> tuple[bytes, bytes, Any]:
        key = ec.generate_private_key(ec.SECP256R1())
        builder = (
            x509.CertificateBuilder()
            .subject_name(name(common_name))
            .issuer_name(ca.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(hours=1))
            .not_valid_after(now + timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        )
        if usage == ExtendedKeyUsageOID.SERVER_AUTH:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(common_name)]), critical=False
            )
        cert = builder.sign(ca_key, hashes.SHA256())
        return cert.public_bytes(serialization.Encoding.PEM), key_pem(key), key

    ca_pem = ca.public_bytes(serialization.Encoding.PEM)
    server_cert, server_key, _ = issue("kafka", ExtendedKeyUsageOID.SERVER_AUTH)
    client_cert, client_key, client_private = issue("app", ExtendedKeyUsageOID.CLIENT_AUTH)
    pki = _paths(directory)
    pki.ca.write_bytes(ca_pem)
    pki.server.write_bytes(server_key + server_cert + ca_pem)
    pki.client_cert.write_bytes(client_cert)
    pki.client_key.write_bytes(client_key)
    pki.client_key_encrypted.write_bytes(key_pem(client_private, KEY_PASSWORD.encode()))
    return pki


_OPENSSL_CNF = """\
[req]
distinguished_name = dn
prompt = no
[dn]
CN = test CA
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical, CA:FALSE
extendedKeyUsage = serverAuth
subjectAltName = DNS:kafka
authorityKeyIdentifier = keyid:always
[client]
basicConstraints = critical, CA:FALSE
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid:always
"""


def _pki_with_openssl(directory: Path) -> Pki:
    def openssl(*args: str | Path) -> None:
        subprocess.run(["openssl", *map(str, args)], check=True, capture_output=True)

    def new_key(path: Path) -> list[str | Path]:
        return ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", path]

    cnf = directory / "openssl.cnf"
    cnf.write_text(_OPENSSL_CNF)
    pki = _paths(directory)
    ca_key = directory / "ca.key"
    openssl("req", "-x509", "-config", cnf, "-extensions", "ca", *new_key(ca_key), "-days", "1",
            "-out", pki.ca)  # fmt: skip
    for serial, (common_name, extensions) in enumerate((("kafka", "server"), ("app", "client"))):
        key, csr, crt = (directory / f"{common_name}.{ext}" for ext in ("key", "csr", "crt"))
        openssl("req", "-new", "-config", cnf, "-subj", f"/CN={common_name}", *new_key(key),
                "-out", csr)  # fmt: skip
        openssl("x509", "-req", "-in", csr, "-CA", pki.ca, "-CAkey", ca_key, "-set_serial",
                str(serial + 1), "-days", "1", "-extfile", cnf, "-extensions", extensions,
                "-out", crt)  # fmt: skip
    pki.server.write_bytes(
        (directory / "kafka.key").read_bytes()
        + (directory / "kafka.crt").read_bytes()
        + pki.ca.read_bytes()
    )
    shutil.copy(directory / "app.crt", pki.client_cert)
    shutil.copy(directory / "app.key", pki.client_key)
    openssl("pkey", "-in", pki.client_key, "-aes256", "-passout", f"pass:{KEY_PASSWORD}",
            "-out", pki.client_key_encrypted)  # fmt: skip
    return pki


def _paths(directory: Path) -> Pki:
    return Pki(
        ca=directory / "ca.pem",
        server=directory / "server.pem",
        client_cert=directory / "client.crt",
        client_key=directory / "client.key",
        client_key_encrypted=directory / "client.encrypted.key",
    )


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Pki:
    directory = tmp_path_factory.mktemp("pki")
    try:
        return _pki_with_cryptography(directory)
    except ImportError:
        if shutil.which("openssl") is None:
            pytest.skip("neither the cryptography package nor openssl is available")
        return _pki_with_openssl(directory)


def server_context(pki: Pki, *, client_certificates: bool = False) -> ssl.SSLContext:
    return tls.server_context(
        str(pki.server), client_ca=str(pki.ca) if client_certificates else None
    )


# --- Kafka: settings ----------------------------------------------------------------------


def test_by_default_kafka_is_plaintext_without_security() -> None:
    assert kafka_security(settings()) is None


@pytest.mark.parametrize(
    ("mechanism", "kind"),
    [("plain", SASLPlaintext), ("scram-sha-256", SASLScram256), ("SCRAM-SHA-512", SASLScram512)],
)
def test_sasl_ssl_authenticates_with_the_mechanism_inside_tls(
    mechanism: str, kind: type[BaseSecurity]
) -> None:
    configured = settings(
        kafka_security_protocol="sasl_ssl",
        kafka_sasl_mechanism=mechanism,
        kafka_sasl_username="app",
        kafka_sasl_password="app-password",
    )
    assert configured.kafka_security_protocol == "SASL_SSL"
    security = kafka_security(configured)
    assert type(security) is kind
    assert isinstance(security, SASLPlaintext | SASLScram256 | SASLScram512)
    assert (security.username, security.password) == ("app", "app-password")
    assert security.use_ssl
    assert isinstance(security.ssl_context, ssl.SSLContext)
    assert security.ssl_context.check_hostname
    assert security.ssl_context.verify_mode == ssl.CERT_REQUIRED


def test_ssl_without_sasl_is_tls_alone() -> None:
    security = kafka_security(settings(kafka_security_protocol="SSL"))
    assert type(security) is BaseSecurity
    assert security.use_ssl
    assert security.ssl_context is not None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kafka_security_protocol": "TLS"}, "'PLAINTEXT', 'SSL', 'SASL_PLAINTEXT' or 'SASL_SSL'"),
        (
            {
                "kafka_security_protocol": "SASL_SSL",
                "kafka_sasl_mechanism": "GSSAPI",
                "kafka_sasl_username": "app",
                "kafka_sasl_password": "pw",
            },
            "'PLAIN', 'SCRAM-SHA-256' or 'SCRAM-SHA-512'",
        ),
        (
            {"kafka_security_protocol": "SASL_SSL", "kafka_sasl_mechanism": "PLAIN"},
            "KAFKA_SECURITY_PROTOCOL=SASL_SSL needs KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD",
        ),
        (
            {"kafka_security_protocol": "SASL_SSL", "kafka_sasl_username": "app"},
            "needs KAFKA_SASL_MECHANISM, KAFKA_SASL_PASSWORD",
        ),
        (
            {"kafka_sasl_mechanism": "PLAIN", "kafka_sasl_username": "app"},
            "KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME set, but KAFKA_SECURITY_PROTOCOL="
            "PLAINTEXT does not authenticate with SASL",
        ),
        (
            {"kafka_security_protocol": "SASL_PLAINTEXT", "kafka_sasl_password": "pw"},
            "needs KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME",
        ),
        (
            {"kafka_ssl_key_password": "pw"},
            "KAFKA_SSL_KEY_PASSWORD set, but KAFKA_SECURITY_PROTOCOL=PLAINTEXT does not use TLS",
        ),
        (
            {"kafka_security_protocol": "SSL", "kafka_ssl_cafile": "/nonexistent/ca.pem"},
            "kafka_ssl_cafile",
        ),
    ],
)
def test_a_kafka_setting_that_cannot_work_stops_the_service_at_start(
    fields: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        settings(**fields)
    assert message in str(raised.value)


def test_plain_over_plaintext_is_refused_unless_the_network_is_trusted() -> None:
    plain = {
        "kafka_security_protocol": "SASL_PLAINTEXT",
        "kafka_sasl_mechanism": "PLAIN",
        "kafka_sasl_username": "app",
        "kafka_sasl_password": "app-password",
    }
    with pytest.raises(ValidationError, match="sends the password unencrypted"):
        settings(**plain)

    security = kafka_security(settings(**plain, kafka_sasl_allow_cleartext_password=True))
    assert isinstance(security, SASLPlaintext)
    assert not security.use_ssl
    assert security.ssl_context is None
    # SCRAM proves the password without sending it.
    scram = settings(**{**plain, "kafka_sasl_mechanism": "SCRAM-SHA-512"})
    assert isinstance(kafka_security(scram), SASLScram512)


def test_a_key_needs_its_certificate(pki: Pki) -> None:
    with pytest.raises(ValidationError, match="need KAFKA_SSL_CERTFILE"):
        sasl_ssl(kafka_ssl_keyfile=pki.client_key)


def test_empty_variables_read_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "plaintext")
    monkeypatch.setenv("KAFKA_SASL_MECHANISM", "")
    assert settings().kafka_sasl_mechanism is None


# --- Kafka: TLS ---------------------------------------------------------------------------


def test_the_private_ca_is_trusted_and_the_brokers_name_checked(pki: Pki) -> None:
    context = kafka_ssl_context(sasl_ssl(kafka_ssl_cafile=pki.ca))
    handshake(context, server_context(pki), "kafka")

    with pytest.raises(ssl.SSLCertVerificationError, match="Hostname mismatch"):
        handshake(context, server_context(pki), "kafka.example.org")


def test_without_the_ca_file_a_private_ca_is_not_trusted(pki: Pki) -> None:
    context = kafka_ssl_context(sasl_ssl())
    with pytest.raises(ssl.SSLCertVerificationError, match="certificate verify failed"):
        handshake(context, server_context(pki), "kafka")


def test_a_client_certificate_is_presented_when_configured(pki: Pki) -> None:
    asks = server_context(pki, client_certificates=True)
    with pytest.raises(ssl.SSLError):
        handshake(kafka_ssl_context(sasl_ssl(kafka_ssl_cafile=pki.ca)), asks, "kafka")

    separate = sasl_ssl(
        kafka_ssl_cafile=pki.ca,
        kafka_ssl_certfile=pki.client_cert,
        kafka_ssl_keyfile=pki.client_key_encrypted,
        kafka_ssl_key_password=KEY_PASSWORD,
    )
    handshake(kafka_ssl_context(separate), asks, "kafka")


# --- Kafka: topic creation connects as the broker does ------------------------------------


class _Admin:
    created_with: dict[str, Any] = {}

    def __init__(self, **options: Any) -> None:
        _Admin.created_with = options

    async def start(self) -> None:
        pass

    async def list_topics(self) -> Iterable[str]:
        return [t.name for t in ALL_TOPICS]

    async def close(self) -> None:
        pass


async def test_topics_are_ensured_with_the_services_own_security(
    pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared.topics, "AIOKafkaAdminClient", _Admin)
    security = kafka_security(sasl_ssl(kafka_ssl_cafile=pki.ca))

    assert await ensure_topics("kafka:9092", security=security) == []

    options = _Admin.created_with
    assert options["bootstrap_servers"] == "kafka:9092"
    assert options["security_protocol"] == "SASL_SSL"
    assert options["sasl_mechanism"] == "PLAIN"
    assert (options["sasl_plain_username"], options["sasl_plain_password"]) == (
        "app",
        "app-password",
    )
    assert isinstance(options["ssl_context"], ssl.SSLContext)

    await ensure_topics("127.0.0.1:9092")
    assert _Admin.created_with == {"bootstrap_servers": "127.0.0.1:9092"}


# --- MongoDB --------------------------------------------------------------------------------


def _client_options(store: Store) -> Any:
    # Motor wraps a PyMongo client; its options are what the driver made of ours.
    return store._client.delegate.options


def test_credentials_in_the_settings_reach_the_driver() -> None:
    store = Store.from_settings(
        settings(
            mongodb_uri="mongodb://mongo:27017/?replicaSet=rs0",
            mongodb_username="intake",
            mongodb_password="intake-password",
            mongodb_auth_source="admin",
        )
    )
    try:
        credentials = _client_options(store).pool_options._credentials
        assert (credentials.username, credentials.password) == ("intake", "intake-password")
        assert credentials.source == "admin"
        assert _client_options(store).pool_options._ssl_context is None
    finally:
        store.close()


def test_credentials_in_the_uri_alone_are_kept() -> None:
    store = Store.from_settings(settings(mongodb_uri="mongodb://u:p@mongo:27017/intake"))
    try:
        credentials = _client_options(store).pool_options._credentials
        assert (credentials.username, credentials.password, credentials.source) == (
            "u",
            "p",
            "intake",
        )
    finally:
        store.close()


def test_no_credentials_means_none() -> None:
    store = Store.from_settings(settings())
    try:
        assert _client_options(store).pool_options._credentials is None
    finally:
        store.close()


def test_tls_to_mongodb_with_a_private_ca(pki: Pki) -> None:
    store = Store.from_settings(settings(mongodb_tls=True, mongodb_tls_ca_file=pki.ca))
    try:
        assert _client_options(store).pool_options._ssl_context is not None
        assert _client_options(store)._options["tlscafile"] == str(pki.ca)
    finally:
        store.close()


@pytest.mark.parametrize(
    "fields", [{"mongodb_username": "intake"}, {"mongodb_password": "intake-password"}]
)
def test_a_mongodb_username_and_password_go_together(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="MONGODB_USERNAME and MONGODB_PASSWORD go together"):
        settings(**fields)
