"""What the metrics may carry and how they are read off the traffic (no servers needed)."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from prometheus_client import generate_latest

from shared.metrics import FORBIDDEN_LABELS, CountingPublish, HttpMetrics, PlatformMetrics
from shared.outbox import Position, event_headers
from tests.factories import deadline_breached
from tests.support.metrics import parse, service_registries, total


def test_no_metric_of_any_service_has_a_label_that_names_a_person_or_a_case() -> None:
    for service, registry in service_registries().items():
        for collector in registry._collector_to_names:
            labels = set(getattr(collector, "_labelnames", ()))
            assert not labels & FORBIDDEN_LABELS, f"{service}: {collector} has {labels}"


def test_every_process_exports_the_broker_and_http_metrics_its_dashboards_use() -> None:
    registries = service_registries()
    for service, registry in registries.items():
        names = set().union(*registry._collector_to_names.values())
        assert "http_requests_total" in names, service
        if service != "web":
            assert "faststream_received_messages_total" in names, service
            assert "faststream_published_messages_total" in names, service


async def test_a_breached_deadline_and_a_dead_letter_are_counted_when_published() -> None:
    metrics = PlatformMetrics("welfare_group", topic_prefix="t1.")
    published: list[str] = []

    async def publish(
        topic: str, key: bytes | None, value: bytes, headers: dict[str, str]
    ) -> Position:
        published.append(topic)
        return Position(0, len(published))

    counting = CountingPublish(publish, metrics)
    event = deadline_breached(urgency="urgent")
    await counting("welfare.cases", b"k", event.to_bytes(), event_headers(event))
    headers = {**event_headers(event), "dead-letter-reason": "handler_failed"}
    await counting("welfare.dead-letters", b"k", event.to_bytes(), headers)
    metrics.dead_lettered("t1.welfare.concerns", "malformed_json")

    samples = parse(generate_latest(metrics.registry).decode())
    assert total(samples, "welfare_deadlines_breached_total", urgency="urgent") == 1
    assert total(samples, "welfare_events_published_total", type="dead_letter") == 1
    assert (
        total(
            samples, "welfare_dead_letters_total", topic="welfare.concerns", reason="malformed_json"
        )
        == 1
    )


async def test_requests_are_counted_by_route_template_never_by_path() -> None:
    metrics = PlatformMetrics("probe")
    app = FastAPI()

    @app.get("/cases/{case_id}")
    async def case(case_id: str) -> dict[str, str]:
        return {"case_id": case_id}

    app.add_middleware(
        HttpMetrics, metrics=metrics, routes=app.router.routes, serve=True, token=None
    )
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://probe") as client:
        assert (await client.get("/cases/07a3f1e2-5b7c-4d2a-9e61-3c8f0b9d4a11")).status_code == 200
        assert (await client.get("/students/student-0001")).status_code == 404
        assert (await client.request("BREW", "/cases/x")).status_code == 405
        samples = parse((await client.get("/metrics")).text)
    requests = [labels for name, labels, _ in samples if name == "http_requests_total"]
    assert {(r["route"], r["method"], r["status"]) for r in requests} == {
        ("/cases/{case_id}", "GET", "200"),
        ("unmatched", "GET", "404"),
        ("/cases/{case_id}", "other", "405"),
    }
