"""What a span may carry out of the process: identifiers and shapes, never personal data.

Every finished span passes ``RedactingProcessor`` on its way to the exporter, whatever
instrumentation made it: attributes that hold raw paths, URLs, queries, database statements,
message keys (the student reference) or exception text are dropped, a status keeps its code
but not its description (a driver's error message quotes the offending document), and every
remaining string is scrubbed as a log line is (identity codes, email addresses, phones).

The sampler keeps what starts a flow worth following (a request, a message, a timer's event)
and drops what only polls: a database query or an outgoing call with no parent, a health or
metrics probe, a static file.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from opentelemetry.context import Context
from opentelemetry.sdk.trace import Event, ReadableSpan, Span, SpanProcessor
from opentelemetry.sdk.trace.sampling import (
    Decision,
    ParentBased,
    Sampler,
    SamplingResult,
    TraceIdRatioBased,
)
from opentelemetry.trace import Link, SpanKind, Status
from opentelemetry.trace.span import TraceState
from opentelemetry.util.types import Attributes

from shared.logging import redact_personal_data

__all__ = ["DENIED_ATTRIBUTES", "RedactingProcessor", "quiet_sampler", "redacted"]

DENIED_ATTRIBUTES = frozenset(
    {
        # HTTP: the route template (http.route) stays; the raw path has student refs in it.
        "url.path", "url.full", "url.query", "url.fragment", "http.target", "http.url",
        "http.request.method_original", "user_agent.original", "http.user_agent",
        "client.address", "client.port", "net.sock.peer.addr",
        # MongoDB: the statement would quote filters and documents.
        "db.statement", "db.query.text", "db.operation.parameter",
        # Kafka: the message key is the student reference (shared/contracts/envelope.py).
        "messaging.kafka.message.key", "messaging.message.body.size",
        # Exceptions: the type stays; a message or a traceback can quote the input.
        "exception.message", "exception.stacktrace",
    }
)  # fmt: skip
_QUIET_PATHS = ("/health", "/metrics", "/static/", "/favicon")


def _clean(attributes: Attributes) -> dict[str, Any]:
    kept = {k: v for k, v in (attributes or {}).items() if k not in DENIED_ATTRIBUTES}
    return dict(redact_personal_data(None, "", kept))


def redacted(span: ReadableSpan) -> ReadableSpan:
    """The span as it may leave the process."""
    return ReadableSpan(
        name=str(_clean({"span": span.name})["span"]),
        context=span.context,
        parent=span.parent,
        resource=span.resource,
        attributes=_clean(span.attributes),
        events=[Event(e.name, _clean(e.attributes), e.timestamp) for e in span.events],
        links=[Link(link.context, _clean(link.attributes)) for link in span.links],
        kind=span.kind,
        status=Status(span.status.status_code),
        start_time=span.start_time,
        end_time=span.end_time,
        instrumentation_scope=span.instrumentation_scope,
    )


class RedactingProcessor(SpanProcessor):
    """Hands ``inner`` (the exporting processor) only redacted spans."""

    def __init__(self, inner: SpanProcessor) -> None:
        self._inner = inner

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        self._inner.on_start(span, parent_context)

    def on_end(self, span: ReadableSpan) -> None:
        self._inner.on_end(redacted(span))

    def shutdown(self) -> None:
        self._inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        return self._inner.force_flush(timeout_millis)


class _FlowRoots(Sampler):
    def __init__(self, share: Sampler) -> None:
        self._share = share

    def should_sample(
        self,
        parent_context: Context | None,
        trace_id: int,
        name: str,
        kind: SpanKind | None = None,
        attributes: Attributes = None,
        links: Sequence[Link] | None = None,
        trace_state: TraceState | None = None,
    ) -> SamplingResult:
        path = (attributes or {}).get("url.path")
        if kind == SpanKind.CLIENT or (isinstance(path, str) and path.startswith(_QUIET_PATHS)):
            return SamplingResult(Decision.DROP)
        return self._share.should_sample(parent_context, trace_id, name, kind, attributes, links)

    def get_description(self) -> str:
        return "FlowRoots"


def quiet_sampler(ratio: float = 1.0) -> Sampler:
    """A child follows its parent's decision; a root is kept unless it only polls, and then
    for ``ratio`` of the traces (by trace id, so every service keeps the same ones)."""
    return ParentBased(root=_FlowRoots(TraceIdRatioBased(ratio)))
