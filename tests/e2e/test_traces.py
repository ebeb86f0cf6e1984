"""One concern is one trace: the three services, each in its own process and exporting over
OTLP to a collector the test runs, carry the trace of the request that raised a concern
through the outbox, Kafka and the delivery queue to the last email sent; and no span says
anything personal."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

import httpx
import pytest

from deploy.infra import free_port
from shared.topics import CASES, CONCERNS, NOTIFICATIONS
from tests.factories import raise_concern_request
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.otlp import OtlpReceiver, ReceivedSpan
from tests.support.smtp import SmtpServer
from tests.support.stack import Stack, stack
from tests.support.waiting import eventually

__all__ = ["stack"]

pytestmark = pytest.mark.e2e

SERVER, PRODUCER, CONSUMER = 2, 4, 5  # opentelemetry.proto's Span.SpanKind
DESCRIPTION = "Kanarialintu-trace: Testi Oppilas-Yksi 150312A9018 cries at lunch"
# What the demo directory says of the student and her guardian, and what the concern says.
PERSONAL = (
    "student-0001", "Oppilas-Yksi", "150312A9018", "Huoltaja-Yksi",
    "guardian-0001@family.example", "+358400000001", "Kanarialintu", "cries at lunch",
)  # fmt: skip
EMAILS = 3  # the psychologist, the nurse and the guardian (test_concern_to_notifications)


@pytest.fixture
def collector() -> Iterator[OtlpReceiver]:
    receiver = OtlpReceiver(free_port())
    receiver.start()
    yield receiver
    receiver.stop()


def _kinds(spans: list[ReceivedSpan], service: str, kind: int, topic: str) -> list[ReceivedSpan]:
    return [
        s
        for s in spans
        if s.service == service and s.kind == kind and s.name.startswith(topic + " ")
    ]


async def test_a_concern_is_one_trace_from_the_post_to_the_last_email_and_says_nothing_personal(
    ns: Namespace, stack: Stack, smtp: SmtpServer, collector: OtlpReceiver
) -> None:
    for service in stack.services:
        service.process.env = {
            **service.process.env,
            "OTEL_EXPORTER_OTLP_ENDPOINT": collector.endpoint,
            "OTEL_BSP_SCHEDULE_DELAY": "100",
        }
    await stack.start()
    # The caller's own trace, as the web app sends it: the services go on in it.
    trace_id, caller_span = secrets.token_hex(16), secrets.token_hex(8)
    async with httpx.AsyncClient() as client:
        raised = await client.post(
            f"{stack.intake.url}/concerns?about=student-0001",
            json=raise_concern_request(description=DESCRIPTION),
            headers={**bearer("teacher-tiina"), "traceparent": f"00-{trace_id}-{caller_span}-01"},
        )
        assert raised.status_code == 201
        # A path with the student in it: the span keeps its route, never the path.
        record = f"{stack.welfare_group.url}/students/student-0001/record?ref=student-0001"
        await client.get(record, headers=bearer("psychologist-elias"))
    await eventually(lambda: len(smtp.sink.received) == EMAILS, timeout=20)

    def delivered() -> list[ReceivedSpan]:
        spans = collector.of_trace(trace_id)
        sent = [s for s in spans if s.name == "deliver email"]
        announced = _kinds(spans, "notifications", PRODUCER, NOTIFICATIONS.qualified(ns.prefix))
        return spans if len(sent) == EMAILS and announced else []

    spans = await eventually(delivered, timeout=20)

    (request,) = [s for s in spans if s.kind == SERVER]
    assert (request.service, request.name) == ("intake", "POST /concerns")
    assert request.parent_span_id == caller_span
    assert "http.route" in request.attributes
    # Through the outbox: the relay publishes each event in the trace it was appended in.
    assert _kinds(spans, "intake", PRODUCER, CONCERNS.qualified(ns.prefix))
    assert _kinds(spans, "welfare_group", CONSUMER, CONCERNS.qualified(ns.prefix))
    assert _kinds(spans, "welfare_group", PRODUCER, CASES.qualified(ns.prefix))
    assert _kinds(spans, "notifications", CONSUMER, CASES.qualified(ns.prefix))
    assert _kinds(spans, "intake", CONSUMER, CASES.qualified(ns.prefix))  # the concern's status
    assert {s.service for s in spans if s.attributes.get("db.system") == "mongodb"} == {
        "intake", "welfare_group", "notifications",
    }  # fmt: skip
    # One tree: every span's parent is in it, up to the caller's span.
    ids = {s.span_id for s in spans} | {caller_span}
    assert [s.name for s in spans if s.parent_span_id not in ids] == []

    everything = list(collector.spans)
    (looked,) = [s for s in everything if s.name == "GET /students/{student_ref}/record"]
    assert looked.attributes["http.route"] == "/students/{student_ref}/record"
    assert {"url.path", "url.query"}.isdisjoint(looked.attributes)
    leaks = [
        (s.service, s.name, text)
        for s in everything
        for text in s.texts()
        if any(needle in text for needle in PERSONAL)
    ]
    assert leaks == []
