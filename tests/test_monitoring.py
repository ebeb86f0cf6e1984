"""deploy/monitoring agrees with the code: every metric an alert or the dashboard names is
one a service exports, and Prometheus scrapes every process where compose runs it.

No Prometheus or Grafana runs here: the files are parsed, and the metric names are taken
out of each PromQL expression (what is left once strings, label matchers, groupings,
ranges, functions and keywords are removed).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client import CollectorRegistry

from tests.support.metrics import service_registries

ROOT = Path(__file__).resolve().parents[1]
MONITORING = ROOT / "deploy" / "monitoring"
DASHBOARD = MONITORING / "grafana" / "dashboards" / "opiskeluhuolto.json"
# Made by Prometheus itself for each target, not by a service.
PROMETHEUS_OWN = {"up", "scrape_duration_seconds", "scrape_samples_scraped"}
KEYWORDS = {
    "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right",
    "offset", "bool", "sum", "min", "max", "avg", "count", "stddev", "stdvar", "topk",
    "bottomk", "quantile", "count_values", "group", "le", "inf", "nan",
}  # fmt: skip
# Every alert the issue asks for, by what it watches.
REQUIRED_ALERTS = {
    "ServiceDown": "up",
    "OutboxBacklogGrowing": "welfare_outbox_backlog",
    "ConsumerLagHigh": "welfare_consumer_lag",
    "DeadLetter": "welfare_dead_letters_total",
    "DiscussionDeadlineBreached": "welfare_deadlines_breached_total",
}


def metric_names(expr: str) -> set[str]:
    expr = re.sub(r'"(?:[^"\\]|\\.)*"', "", expr)  # label values, strings
    expr = re.sub(r"\{[^}]*\}", "", expr)  # label matchers
    expr = re.sub(r"\[[^\]]*\]", "", expr)  # ranges
    expr = re.sub(r"\$\w+", "", expr)  # Grafana's variables
    expr = re.sub(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)", "", expr)
    expr = re.sub(r"\boffset\s+\w+", "", expr)
    names = set()
    for match in re.finditer(r"[A-Za-z_:][A-Za-z0-9_:]*", expr):
        name, rest = match.group(), expr[match.end() :].lstrip()
        if rest.startswith("(") or name.lower() in KEYWORDS:
            continue  # a function or an aggregation
        if re.fullmatch(r"\d+[smhdwy]", name) or name.isdigit():
            continue
        names.add(name)
    return names


@pytest.fixture(scope="module")
def registries() -> dict[str, CollectorRegistry]:
    return service_registries()


@pytest.fixture(scope="module")
def exported(registries: dict[str, CollectorRegistry]) -> set[str]:
    return {
        name
        for registry in registries.values()
        for names in registry._collector_to_names.values()
        for name in names
    }


@pytest.fixture(scope="module")
def rules() -> list[dict[str, Any]]:
    document = yaml.safe_load((MONITORING / "alerts.yml").read_text())
    return [rule for group in document["groups"] for rule in group["rules"]]


def dashboard_exprs() -> list[str]:
    dashboard = json.loads(DASHBOARD.read_text())
    return [t["expr"] for panel in dashboard["panels"] for t in panel.get("targets", [])]


def test_the_name_extraction_sees_metrics_and_nothing_else() -> None:
    expr = (
        'sum by (service) (rate(http_requests_total{status=~"5.."}[5m])) / sum by (service) '
        "(rate(http_requests_total[$__rate_interval])) > 0.05 and up == 1 "
        "or (a_total unless a_total offset 10m)"
    )
    assert metric_names(expr) == {"http_requests_total", "up", "a_total"}


def test_every_alert_watches_metrics_a_service_exports(
    rules: list[dict[str, Any]], exported: set[str]
) -> None:
    for rule in rules:
        names = metric_names(rule["expr"])
        assert names, f"{rule['alert']}: names no metric"
        unknown = names - exported - PROMETHEUS_OWN
        assert not unknown, f"{rule['alert']} names {unknown}, which no service exports"
        assert rule["annotations"]["summary"]
        assert rule["labels"]["severity"]


def test_every_alert_the_issue_asks_for_is_there(rules: list[dict[str, Any]]) -> None:
    by_name = {rule["alert"]: rule for rule in rules}
    for alert, metric in REQUIRED_ALERTS.items():
        assert metric in metric_names(by_name[alert]["expr"]), alert
    assert by_name["ServiceDown"]["for"] == "2m"
    assert by_name["ConsumerLagHigh"]["for"] == "5m"


def test_every_alert_watches_every_process(rules: list[dict[str, Any]]) -> None:
    """Rules group by service, group or topic but pick none out, so a service added to the
    scrape targets (communal, the fourth) is watched by every rule without a rule of its own."""
    for rule in rules:
        picked = re.findall(r"\b(job|service|app_name|group|instance)\s*=~?", rule["expr"])
        assert not picked, f"{rule['alert']} watches only some processes: {picked}"


def test_every_dashboard_panel_shows_metrics_a_service_exports(exported: set[str]) -> None:
    exprs = dashboard_exprs()
    assert exprs
    shown = set()
    for expr in exprs:
        names = metric_names(expr)
        assert names, expr
        assert not names - exported - PROMETHEUS_OWN, f"{expr}: {names - exported}"
        shown |= names
    # Throughput, lag, outboxes, dead letters, deliveries, deadlines, HTTP.
    for wanted in (
        "faststream_received_messages_total",
        "faststream_published_messages_total",
        "welfare_consumer_lag",
        "welfare_outbox_backlog",
        "welfare_dead_letters_total",
        "welfare_deliveries_total",
        "welfare_deadlines_breached_total",
        "http_requests_total",
        "http_request_duration_seconds_bucket",
    ):
        assert wanted in shown, wanted


def test_prometheus_scrapes_every_process_on_its_metrics_port() -> None:
    config = yaml.safe_load((MONITORING / "prometheus.yml").read_text())
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    assert "/etc/prometheus/alerts.yml" in config["rule_files"]
    targets = {
        job["job_name"]: [t for c in job["static_configs"] for t in c["targets"]]
        for job in config["scrape_configs"]
    }
    assert targets.keys() == {"intake", "welfare_group", "notifications", "communal", "web"}
    for job, (target,) in targets.items():
        host, port = target.split(":")
        assert host == job
        assert host in compose
        env = compose[job]["environment"]
        assert env["METRICS_PORT"] == port
        published = [str(p) for p in compose[job].get("ports", [])]
        assert not any(p.rsplit(":", 1)[-1] == port for p in published), f"{job} publishes it"
    mounted = " ".join(compose["prometheus"]["volumes"])
    assert "deploy/monitoring/alerts.yml" in mounted
    assert "deploy/monitoring/prometheus.yml" in mounted


def test_grafana_is_provisioned_with_the_dashboard_and_prometheus() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    provisioning = MONITORING / "grafana" / "provisioning"
    sources = yaml.safe_load((provisioning / "datasources" / "prometheus.yml").read_text())
    (prometheus,) = [s for s in sources["datasources"] if s["type"] == "prometheus"]
    assert prometheus["url"] == "http://prometheus:9090"
    providers = yaml.safe_load((provisioning / "dashboards" / "opiskeluhuolto.yml").read_text())
    (provider,) = providers["providers"]
    volumes = compose["grafana"]["volumes"]
    assert f"./deploy/monitoring/grafana/dashboards:{provider['options']['path']}:ro" in volumes
    dashboard = json.loads(DASHBOARD.read_text())
    uids = {t["datasource"]["uid"] for p in dashboard["panels"] for t in p["targets"]}
    assert uids == {prometheus["uid"]}
    env = compose["grafana"]["environment"]
    assert env["GF_AUTH_ANONYMOUS_ENABLED"] == "false"


def test_the_collector_takes_otlp_and_hands_traces_to_jaeger() -> None:
    config = yaml.safe_load((MONITORING / "otel-collector.yml").read_text())
    (pipeline,) = config["service"]["pipelines"].values()
    assert pipeline["receivers"] == ["otlp"]
    (exporter,) = pipeline["exporters"]
    assert config["exporters"][exporter]["endpoint"].startswith("jaeger:")


def test_every_monitoring_image_is_pinned() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]
    for name in ("prometheus", "grafana", "otel-collector", "jaeger"):
        image = compose[name]["image"]
        assert re.fullmatch(r"[\w./-]+:v?\d+\.\d+\.\d+", image), f"{name}: {image}"
