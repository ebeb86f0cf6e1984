"""Tracing without a collector: the log lines name their trace, a stored context is sent on
in the same trace, spans leave the process redacted, and polling starts no trace."""

from __future__ import annotations

import json
import logging

import httpx
import pytest
from opentelemetry import trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, Status, StatusCode

from shared.logging import REDACTED, add_trace_ids, configure_logging, get_logger
from shared.settings import PlatformSettings
from shared.span_privacy import RedactingProcessor, quiet_sampler
from shared.tracing import carrying, configure_tracing, continued


def _provider() -> tuple[TracerProvider, InMemorySpanExporter]:
    exported = InMemorySpanExporter()
    provider = TracerProvider(sampler=quiet_sampler())
    provider.add_span_processor(RedactingProcessor(SimpleSpanProcessor(exported)))
    return provider, exported


def test_a_log_line_inside_a_span_names_its_trace_and_span_and_outside_none() -> None:
    tracer = _provider()[0].get_tracer("test")
    assert add_trace_ids(None, "info", {"event": "outside"}) == {"event": "outside"}
    with tracer.start_as_current_span("inside") as span:
        line = add_trace_ids(None, "info", {"event": "inside"})
    context = span.get_span_context()
    assert line["trace_id"] == format(context.trace_id, "032x")
    assert line["span_id"] == format(context.span_id, "016x")


def test_every_log_line_ours_or_a_librarys_names_the_trace_it_was_written_in(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging(service="test", level="INFO")
    with _provider()[0].get_tracer("test").start_as_current_span("consume") as span:
        get_logger("test").info("case_opened", case_id="c-1")
        logging.getLogger("aiokafka.consumer").warning("rebalanced")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if line.strip()]
    trace_id = format(span.get_span_context().trace_id, "032x")
    assert [(line["event"], line["trace_id"]) for line in lines] == [
        ("case_opened", trace_id),
        ("rebalanced", trace_id),
    ]


def test_what_was_stored_in_a_trace_is_sent_on_in_it_and_carries_no_baggage() -> None:
    provider, exported = _provider()
    with provider.get_tracer("test").start_as_current_span("request") as request:
        stored = carrying({"event-type": "case.opened"})
    assert set(stored) == {"event-type", "traceparent"}
    with continued(stored):
        relayed = trace.get_current_span().get_span_context()
    assert relayed.trace_id == request.get_span_context().trace_id
    assert relayed.span_id == request.get_span_context().span_id
    with continued({}):  # stored before tracing: a trace of its own
        assert not trace.get_current_span().get_span_context().is_valid
    assert [s.name for s in exported.get_finished_spans()] == ["request"]


def test_a_span_leaves_without_paths_statements_keys_or_exception_text() -> None:
    provider, exported = _provider()
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("GET /students/{student_ref}/record") as span:
        span.set_attributes({
            "http.route": "/students/{student_ref}/record",
            "url.path": "/students/student-0001/record", "url.query": "ref=student-0001",
            "db.statement": "find {'student_ref': 'student-0001'}",
            "messaging.kafka.message.key": "student-0001",
            "note": "call 040 123 4567 or tiina@kallio-school.example about 150312A9018",
        })  # fmt: skip
        span.record_exception(ValueError("E11000 dup key: student-0001"))
        span.set_status(Status(StatusCode.ERROR, "dup key: student-0001"))
    (left,) = exported.get_finished_spans()
    assert dict(left.attributes or {}) == {
        "http.route": "/students/{student_ref}/record",
        "note": f"call {REDACTED} or {REDACTED} about {REDACTED}",
    }
    assert left.name == "GET /students/{student_ref}/record"
    (event,) = left.events
    assert dict(event.attributes or {}) == {
        "exception.type": "ValueError",
        "exception.escaped": "False",
    }
    assert (left.status.status_code, left.status.description) == (StatusCode.ERROR, None)


def test_polls_and_probes_start_no_trace_but_their_work_inside_a_flow_is_kept() -> None:
    provider, exported = _provider()
    tracer = provider.get_tracer("test")
    with tracer.start_as_current_span("outbox.find", kind=SpanKind.CLIENT) as poll:
        assert not poll.is_recording()
    probe = tracer.start_span("GET", kind=SpanKind.SERVER, attributes={"url.path": "/health"})
    assert not probe.is_recording()
    with (
        tracer.start_as_current_span("POST /concerns", kind=SpanKind.SERVER),
        tracer.start_as_current_span("intake.insert", kind=SpanKind.CLIENT) as write,
    ):
        assert write.is_recording()
    assert [s.name for s in exported.get_finished_spans()] == ["intake.insert", "POST /concerns"]


async def test_a_call_to_a_service_carries_the_trace_it_was_made_in() -> None:
    provider, _ = _provider()
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    client = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    HTTPXClientInstrumentor().instrument_client(client, tracer_provider=provider)
    with provider.get_tracer("test").start_as_current_span("GET /cases") as page:
        await client.get("http://welfare-group/staff/psychologist-elias/cases")
    await client.aclose()
    traceparent = seen[0].headers["traceparent"]
    assert traceparent.split("-")[1] == format(page.get_span_context().trace_id, "032x")


def test_without_a_collector_nothing_is_configured() -> None:
    settings = PlatformSettings(
        mongodb_database="x", http_port=8000, otel_exporter_otlp_endpoint=None
    )
    assert configure_tracing("intake", settings) is False


@pytest.mark.parametrize(("ratio", "kept"), [(1.0, 200), (0.0, 0)])
def test_a_sample_ratio_keeps_that_share_of_the_flows_and_every_child_follows_its_root(
    ratio: float, kept: int
) -> None:
    exported = InMemorySpanExporter()
    provider = TracerProvider(sampler=quiet_sampler(ratio))
    provider.add_span_processor(SimpleSpanProcessor(exported))
    tracer = provider.get_tracer("test")
    for _ in range(100):
        with tracer.start_as_current_span("consume"), tracer.start_as_current_span("handle"):
            pass
    assert len(exported.get_finished_spans()) == kept


def test_a_tenth_keeps_about_a_tenth_of_the_traces_whole() -> None:
    exported = InMemorySpanExporter()
    provider = TracerProvider(sampler=quiet_sampler(0.1))
    provider.add_span_processor(SimpleSpanProcessor(exported))
    tracer = provider.get_tracer("test")
    for _ in range(2000):
        with tracer.start_as_current_span("consume"), tracer.start_as_current_span("handle"):
            pass
    spans = exported.get_finished_spans()
    traces = {span.context.trace_id for span in spans}
    assert 120 <= len(traces) <= 280  # 200 expected; random ids, so a wide margin
    assert len(spans) == 2 * len(traces)  # never a root without its child or the reverse
