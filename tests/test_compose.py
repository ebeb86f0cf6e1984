"""docker-compose.yml agrees with the code: settings, ports, topics, secrets and keys.

There is no Docker engine in CI, so this reads the file instead of running it; the
development secrets script is run (it needs only openssl) and its output checked against
what the file requires and what the services' settings accept.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic_settings import BaseSettings

from deploy.kafka_acls import SERVICES, acls, kafka_acls_commands
from deploy.keys import SEALING_SERVICES
from services.communal.settings import CommunalSettings
from services.intake.settings import IntakeSettings
from services.notifications.settings import NotificationsSettings
from services.web.settings import WebSettings
from services.welfare_group.settings import WelfareGroupSettings
from shared.broker import kafka_security, kafka_ssl_context
from shared.sealing import KeyRing
from shared.settings import ServiceSettings
from shared.storage import Store
from shared.topics import ALL_TOPICS
from tests.support.tls import handshake, server_context

ROOT = Path(__file__).resolve().parents[1]
COMPOSE_FILE = ROOT / "docker-compose.yml"
MAKE_SECRETS = ROOT / "deploy" / "make-dev-secrets.sh"
# ${NAME:?message}: compose stops when NAME is unset or empty.
REQUIRED_VARIABLE = re.compile(r"\$\{(\w+):\?[^}]+\}")
APP_SERVICES: dict[str, type[BaseSettings]] = {
    "intake": IntakeSettings,
    "welfare_group": WelfareGroupSettings,
    "notifications": NotificationsSettings,
    "communal": CommunalSettings,
}
# Every process that keeps a database: the four services and the web app (its sessions).
STORING_SERVICES: dict[str, type[BaseSettings]] = {**APP_SERVICES, "web": WebSettings}
# What the identity provider's settings are, in the compose file and the generated .env.
OIDC_VARIABLES = ("OIDC_ISSUER", "OIDC_AUDIENCE", "OIDC_JWKS_URL")


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    result: dict[str, Any] = yaml.safe_load(COMPOSE_FILE.read_text())
    return result


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = compose["services"]
    return result


def _environment(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):  # the KEY=value form
        env = dict(item.split("=", 1) for item in env)
    return {key: str(value) for key, value in env.items()}


def _as_text(command: str | list[str]) -> str:
    return command if isinstance(command, str) else "\n".join(command)


def _mounted_secrets(service: dict[str, Any]) -> set[str]:
    return {s if isinstance(s, str) else s["source"] for s in service.get("secrets", [])}


def _strings(value: Any) -> list[str]:
    """Every string in a nest of lists and mappings."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in _strings(item)] if isinstance(value, list) else []


def _list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",")]


def test_every_service_is_defined(services: dict[str, Any]) -> None:
    assert {*APP_SERVICES, "kafka", "kafka-init", "mongo", "mongo-init"} <= services.keys()


@pytest.mark.parametrize(("name", "settings"), STORING_SERVICES.items())
def test_an_app_service_sets_only_its_own_settings(
    services: dict[str, Any], name: str, settings: type[BaseSettings]
) -> None:
    env = _environment(services[name])
    unknown = {key.lower() for key in env} - settings.model_fields.keys()
    assert not unknown, f"{name} sets variables its settings do not read: {unknown}"
    assert f"services.{name}" in _as_text(services[name]["command"])


@pytest.mark.parametrize("name", STORING_SERVICES)
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
    databases = [_environment(services[name])["MONGODB_DATABASE"] for name in STORING_SERVICES]
    assert len(set(databases)) == len(STORING_SERVICES)


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


@pytest.mark.parametrize("name", APP_SERVICES)
def test_an_app_service_reaches_kafka_with_sasl_over_tls(
    services: dict[str, Any], name: str
) -> None:
    env = _environment(services[name])
    kafka = _environment(services["kafka"])
    assert env["KAFKA_SECURITY_PROTOCOL"] == "SASL_SSL"
    # The broker's listener at the bootstrap address speaks SASL_SSL with this mechanism...
    advertised = {
        address: listener
        for listener, address in (
            item.split("://") for item in _list(kafka["KAFKA_ADVERTISED_LISTENERS"])
        )
    }
    listener = advertised[env["KAFKA_BOOTSTRAP_SERVERS"]]
    protocols = dict(
        item.split(":") for item in _list(kafka["KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"])
    )
    assert protocols[listener] == "SASL_SSL"
    mechanism = env["KAFKA_SASL_MECHANISM"]
    assert mechanism in _list(kafka["KAFKA_SASL_ENABLED_MECHANISMS"])
    # ...and knows the service's user with the password the service gets.
    jaas = kafka[f"KAFKA_LISTENER_NAME_{listener}_{mechanism.replace('-', '___')}_SASL_JAAS_CONFIG"]
    users = dict(re.findall(r'user_(\w+)="([^"]*)"', jaas))
    assert users[env["KAFKA_SASL_USERNAME"]] == env["KAFKA_SASL_PASSWORD"]
    assert env["KAFKA_SSL_CAFILE"] == "/run/secrets/ca_cert"


def test_each_app_service_logs_in_to_mongodb_as_its_own_user(services: dict[str, Any]) -> None:
    assert {"--auth", "--keyFile", "--replSet"} <= set(services["mongo"]["command"])
    init = services["mongo-init"]
    grants = {
        user: (database, variable)
        for user, database, variable in re.findall(
            r'grant\("(\w+)", "(\w+)", process\.env\.(\w+)\)', _as_text(init["command"])
        )
    }
    users = set()
    for name in STORING_SERVICES:
        env = _environment(services[name])
        user = env["MONGODB_USERNAME"]
        users.add(user)
        database, variable = grants[user]
        assert database == env["MONGODB_DATABASE"], f"{name}: {user} may not use its database"
        assert _environment(init)[variable] == env["MONGODB_PASSWORD"], f"{name}: password"
        assert env["MONGODB_AUTH_SOURCE"] == "admin"  # where mongo-init creates them
    assert len(users) == len(STORING_SERVICES)


def test_every_secret_a_service_reads_is_mounted(
    compose: dict[str, Any], services: dict[str, Any]
) -> None:
    for name, service in services.items():
        read = set(re.findall(r"/run/secrets/(\w+)", "\n".join(_strings(service))))
        assert read <= _mounted_secrets(service), f"{name} reads unmounted secrets"
        assert _mounted_secrets(service) <= compose.get("secrets", {}).keys()


@pytest.mark.parametrize("name", APP_SERVICES)
def test_an_app_service_trusts_only_the_configured_identity_provider(
    services: dict[str, Any], name: str
) -> None:
    env = _environment(services[name])
    for variable in OIDC_VARIABLES:
        # Required, from the environment: no default issuer that would let compose start
        # trusting the development one.
        given = REQUIRED_VARIABLE.fullmatch(env[variable])
        assert given, f"{name}: {variable} is not a ${{VAR:?...}}"
        assert given.group(1) == variable, f"{name}: {variable} reads {given.group(1)}"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_a_sealing_service_reads_its_own_key_encryption_key(
    services: dict[str, Any], name: str
) -> None:
    env = _environment(services[name])
    assert "DATA_KEKS" not in env, f"{name}: a KEK written into the file"
    if name not in SEALING_SERVICES:
        # Nothing to seal, so no key to hold.
        assert "DATA_KEKS_FILE" not in env, f"{name} is given a KEK it does not use"
        return
    secret = env["DATA_KEKS_FILE"].removeprefix("/run/secrets/")
    assert secret in _mounted_secrets(services[name]), f"{name}: its KEK is not mounted"
    # No other service gets this KEK.
    others = [other for other in APP_SERVICES if other != name]
    assert all(secret not in _mounted_secrets(services[other]) for other in others)


def test_no_secret_is_written_in_the_file(
    compose: dict[str, Any], services: dict[str, Any]
) -> None:
    reference = re.compile(REQUIRED_VARIABLE.pattern)
    for name, service in services.items():
        for key, value in _environment(service).items():
            if re.search("PASSWORD|SECRET|TOKEN|KEKS", key) and key.endswith("_FILE"):
                assert value.startswith("/run/secrets/"), f"{name}: {key} is not a secret file"
            elif re.search("PASSWORD|SECRET|TOKEN|KEKS", key):
                assert reference.fullmatch(value), f"{name}: {key} is not a ${{VAR:?...}}"
            # Passwords inside values: JAAS lines (password="...", user_app="...").
            for field, inner in re.findall(r'(\w*password|user_\w+)="([^"]*)"', value, re.I):
                assert reference.fullmatch(inner), f"{name}: {key} holds a literal {field}"
        commands = "\n".join(_strings([service.get(k) for k in ("command", "healthcheck")]))
        for given in re.findall(r"--password[ =]+\"?([^\"\s]+)", commands):
            assert re.fullmatch(r"\$\$\w+", given), f"{name}: a literal --password"
    for name, secret in compose["secrets"].items():
        assert secret["file"].startswith("./deploy/secrets/"), name
    for ignore_file in (".gitignore", ".dockerignore"):
        lines = (ROOT / ignore_file).read_text().splitlines()
        assert "deploy/secrets/" in lines, f"{ignore_file} lets deploy/secrets/ in"


# --- the development secrets ----------------------------------------------------------------


def _dotenv(path: Path) -> dict[str, str]:
    lines = (line.strip() for line in path.read_text().splitlines())
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


def _interpolate(value: str, variables: Mapping[str, str]) -> str:
    """Compose's ${NAME}, ${NAME:-default} and ${NAME:?message}, and $$ for $."""

    def one(match: re.Match[str]) -> str:
        name, how, default = match.groups()
        if how == ":-":
            return variables.get(name) or default
        return variables[name]

    return re.sub(r"\$\{(\w+)(?:(:-|:\?)([^}]*))?\}", one, value).replace("$$", "$")


@pytest.fixture(scope="module")
def dev_secrets(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("openssl") is None or shutil.which("bash") is None:
        pytest.skip("deploy/make-dev-secrets.sh needs bash and openssl")
    directory = tmp_path_factory.mktemp("dev") / "secrets"
    subprocess.run(["bash", str(MAKE_SECRETS), str(directory)], check=True, capture_output=True)
    return directory


def test_the_secrets_script_writes_everything_the_file_requires(
    compose: dict[str, Any], dev_secrets: Path
) -> None:
    required = set(REQUIRED_VARIABLE.findall("\n".join(_strings(compose))))
    variables = _dotenv(dev_secrets / ".env")
    assert required == variables.keys()
    settings = {*OIDC_VARIABLES, "OIDC_CLIENT_ID", "WEB_PUBLIC_BASE_URL"}
    passwords = {k: v for k, v in variables.items() if k not in settings}
    assert all(len(p) >= 32 for p in passwords.values())
    assert len(set(passwords.values())) == len(passwords)
    # The identity provider is a placeholder to replace; on .invalid it can never resolve,
    # so a forgotten one refuses every request rather than trusting anybody.
    for variable in ("OIDC_ISSUER", "OIDC_JWKS_URL"):
        assert re.fullmatch(r"https://[\w.-]+\.invalid/\S+", variables[variable]), variable
    assert "replace" in variables["OIDC_AUDIENCE"]
    assert "replace" in variables["OIDC_CLIENT_ID"]
    for name, secret in compose["secrets"].items():
        assert (dev_secrets / Path(secret["file"]).name).is_file(), name
    # One KEK per sealing service: 32 random bytes each, none shared, readable as DATA_KEKS.
    keks = {
        service: KeyRing.parse((dev_secrets / f"{service}.keks").read_text())
        for service in SEALING_SERVICES
    }
    assert all(ring.current == "prod-1" for ring in keks.values())
    assert len({(dev_secrets / f"{s}.keks").read_text() for s in SEALING_SERVICES}) == len(keks)
    # Kafka's PEM key store: one unencrypted PKCS#8 key and the chain, broker first.
    keystore = (dev_secrets / "kafka.keystore.pem").read_text()
    assert keystore.count("-----BEGIN PRIVATE KEY-----") == 1
    assert keystore.count("-----BEGIN CERTIFICATE-----") == 2
    assert (dev_secrets / ".env").stat().st_mode & 0o077 == 0
    # A second run would lock the services out of a MongoDB that kept the first passwords,
    # and out of what the first KEKs sealed.
    kek_files = {s: (dev_secrets / f"{s}.keks").read_text() for s in SEALING_SERVICES}
    again = subprocess.run(["bash", str(MAKE_SECRETS), str(dev_secrets)], capture_output=True)
    assert again.returncode != 0
    assert _dotenv(dev_secrets / ".env") == variables
    assert {s: (dev_secrets / f"{s}.keks").read_text() for s in SEALING_SERVICES} == kek_files


@pytest.mark.parametrize(("name", "settings_class"), APP_SERVICES.items())
def test_an_app_service_connects_with_the_generated_secrets(
    compose: dict[str, Any],
    services: dict[str, Any],
    dev_secrets: Path,
    name: str,
    settings_class: type[BaseSettings],
) -> None:
    variables = _dotenv(dev_secrets / ".env")
    mounted = {
        f"/run/secrets/{secret}": str(dev_secrets / Path(spec["file"]).name)
        for secret, spec in compose["secrets"].items()
    }
    env = {
        key.lower(): mounted.get(value, value)
        for key, value in (
            (key, _interpolate(value, variables))
            for key, value in _environment(services[name]).items()
        )
    }
    settings = settings_class.model_validate(env)  # these variables alone
    assert isinstance(settings, ServiceSettings)

    # Tokens are checked against the identity provider of the .env, its keys over https.
    assert settings.oidc_issuer == variables["OIDC_ISSUER"]
    assert settings.oidc_audience == variables["OIDC_AUDIENCE"]
    assert settings.oidc_jwks_url == variables["OIDC_JWKS_URL"]
    assert settings.oidc_jwks_url.startswith("https://")
    # A sealing service opens its own KEK file, as the service does at start.
    if name in SEALING_SERVICES:
        ring = KeyRing.parse(settings.data_keks_spec())
        assert ring.current == "prod-1"
        assert settings.data_keks_spec() == (dev_secrets / f"{name}.keks").read_text().strip()

    # The broker's certificate, from its key store, is trusted for the address dialled.
    broker = server_context(str(dev_secrets / "kafka.keystore.pem"))
    host = settings.kafka_bootstrap_servers.rsplit(":", 1)[0]
    handshake(kafka_ssl_context(settings), broker, host)
    security = kafka_security(settings)
    assert security is not None
    assert security.use_ssl

    store = Store.from_settings(settings)
    try:
        credentials = store._client.delegate.options.pool_options._credentials
        assert credentials.username == env["mongodb_username"]
        assert credentials.password == variables[f"MONGO_{name.upper()}_PASSWORD"]
        assert credentials.source == "admin"
    finally:
        store.close()


def test_kafka_init_grants_exactly_the_acls_the_topic_registry_implies(
    services: dict[str, Any],
) -> None:
    script = _as_text(services["kafka-init"]["command"])
    granted = [line.strip() for line in script.splitlines() if "kafka-acls.sh" in line]
    assert sorted(granted) == sorted(kafka_acls_commands())
    kafka = _environment(services["kafka"])
    assert kafka["KAFKA_AUTHORIZER_CLASS_NAME"].endswith("StandardAuthorizer")
    assert kafka["KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND"] == "false"


def test_each_service_may_write_only_its_own_topic_and_read_what_it_consumes() -> None:
    writes = {(a.user, a.name) for a in acls() if a.operation == "Write"}
    reads = {(a.user, a.name) for a in acls() if a.operation == "Read" and a.kind == "topic"}
    for topic in ALL_TOPICS:
        writers = {user for user, name in writes if name == topic.name}
        if topic.owner is None:  # the dead-letter topic: every consumer writes it
            assert writers == {s for s in SERVICES if any(s in t.consumed_by for t in ALL_TOPICS)}
        else:
            assert writers == {topic.owner}, f"{topic.name} is written by {writers}"
        for consumer in topic.consumed_by:
            assert (consumer, topic.name) in reads
    # Nobody may forge another service's events: intake cannot write cases (erasure), nor
    # the welfare group concerns.
    assert ("intake", "welfare.cases") not in writes
    assert ("welfare_group", "welfare.concerns") not in writes


def test_communal_reads_what_it_counts_and_writes_only_its_dead_letters_and_replays() -> None:
    """It publishes no event of its own: the statistics are read over HTTP, never told."""
    granted = [a for a in acls() if a.user == "communal"]
    reads = {a.name for a in granted if a.operation == "Read" and a.kind == "topic"}
    writes = {a.name for a in granted if a.operation == "Write"}
    groups = {a.name for a in granted if a.operation == "Read" and a.kind == "group"}
    counted = {"welfare.concerns", "welfare.cases", "welfare.notifications"}
    # The dead-letter topic is read for the broker watch's sentinel, as every service does.
    assert reads == counted | {"welfare.replays.communal", "welfare.dead-letters"}
    assert writes == {"welfare.dead-letters", "welfare.replays.communal"}
    assert groups == {"communal", "communal.broker-watch"}


@pytest.mark.parametrize("name", APP_SERVICES)
def test_each_app_service_logs_in_to_kafka_as_its_own_user(
    services: dict[str, Any], name: str
) -> None:
    assert _environment(services[name])["KAFKA_SASL_USERNAME"] == name


def test_the_web_app_calls_each_service_where_compose_runs_it(services: dict[str, Any]) -> None:
    env = _environment(services["web"])
    for name in APP_SERVICES:
        port = _environment(services[name])["HTTP_PORT"]
        assert env[f"{name.upper()}_URL"] == f"http://{name}:{port}"
        # It starts once each answers its health check.
        assert services["web"]["depends_on"][name] == {"condition": "service_healthy"}
    assert "KAFKA_BOOTSTRAP_SERVERS" not in env  # it needs no broker


def test_communal_screens_its_free_text_with_the_welfare_group_where_compose_runs_it(
    services: dict[str, Any],
) -> None:
    env = _environment(services["communal"])
    port = _environment(services["welfare_group"])["HTTP_PORT"]
    assert env["WELFARE_GROUP_URL"] == f"http://welfare_group:{port}"


def test_the_web_app_signs_in_with_the_configured_provider_only(services: dict[str, Any]) -> None:
    env = _environment(services["web"])
    for variable in ("OIDC_ISSUER", "OIDC_CLIENT_ID", "PUBLIC_BASE_URL"):
        assert REQUIRED_VARIABLE.fullmatch(env[variable]), f"web: {variable} has a default"
    # The services trust the same issuer the web app signs people in with.
    assert env["OIDC_ISSUER"] == _environment(services["intake"])["OIDC_ISSUER"]


def test_message_links_open_the_web_app(services: dict[str, Any]) -> None:
    links = _environment(services["notifications"])["APP_BASE_URL"]
    assert links == _environment(services["web"])["PUBLIC_BASE_URL"]
