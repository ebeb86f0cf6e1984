"""OpenTelemetry: one concern is one trace, from the request that raised it to the last
notification sent, across every service.

The trace crosses three kinds of gap. HTTP: FastAPI's own telemetry continues an incoming
``traceparent`` and the httpx instrumentation sends one (the web app calls the services).
Kafka: FastStream's ``KafkaTelemetryMiddleware`` writes it into each message's headers and
continues it in the consumer. The database: an event waits in the outbox, and a delivery in
its queue, until a pump sends it, so each keeps the context it was written in (``carrying``)
and the pump sends it inside that context again (``continued``).

Only the W3C trace context is carried: never baggage, so nothing personal can ride along.
Spans are exported over OTLP/HTTP only when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set; each
leaves the process through the redaction of ``shared.span_privacy``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from faststream.kafka import KafkaBroker
from faststream.kafka.opentelemetry import KafkaTelemetryMiddleware
from opentelemetry import context, trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.instrumentation.pymongo import PymongoInstrumentor
from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

from shared.settings import PlatformSettings
from shared.span_privacy import RedactingProcessor, quiet_sampler

__all__ = ["carrying", "configure_tracing", "continued", "instrument_broker"]

_TRACE_CONTEXT = TraceContextTextMapPropagator()
_tracer = trace.get_tracer("opiskeluhuolto")  # a proxy: real once a provider is set
_configured: list[str] = []


def configure_tracing(service: str, settings: PlatformSettings) -> bool:
    """Export this process's spans, named for ``service``, if a collector is configured;
    True if tracing is on. Called once, before any database client is made: the driver's
    command listeners apply only to clients made after they are registered."""
    if _configured:
        return True
    endpoint = settings.otel_exporter_otlp_endpoint
    if not endpoint:
        return False
    provider = TracerProvider(
        resource=Resource.create({SERVICE_NAME: service}),
        sampler=quiet_sampler(settings.otel_traces_sample_ratio),
    )
    exporter = OTLPSpanExporter(endpoint=f"{endpoint.rstrip('/')}/v1/traces")
    provider.add_span_processor(RedactingProcessor(BatchSpanProcessor(exporter)))
    trace.set_tracer_provider(provider)
    PymongoInstrumentor().instrument(capture_statement=False)
    HTTPXClientInstrumentor().instrument()
    _configured.append(service)
    return True


def instrument_broker(broker: KafkaBroker) -> None:
    """Trace every publish and every consumed message, outermost, so the message's trace is
    current for the other middlewares and the handler. Without a provider it only carries
    the incoming trace context on (the log lines still name it)."""
    broker.insert_middleware(KafkaTelemetryMiddleware(include_messages_counters=False))


def carrying(headers: dict[str, str]) -> dict[str, str]:
    """``headers`` with the current trace context added, to be stored and sent later."""
    _TRACE_CONTEXT.inject(headers)
    return headers


@contextmanager
def continued(
    carrier: Mapping[str, str],
    name: str | None = None,
    *,
    kind: trace.SpanKind = trace.SpanKind.INTERNAL,
) -> Iterator[None]:
    """Run the block in the trace ``carrier`` was stored in, in a span ``name`` if given.
    A carrier without a trace context (stored before tracing) starts a trace of its own."""
    token = context.attach(_TRACE_CONTEXT.extract(dict(carrier)))
    try:
        if name is None:
            yield
        else:
            with _tracer.start_as_current_span(name, kind=kind):
                yield
    finally:
        context.detach(token)
