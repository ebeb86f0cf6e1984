"""Structured JSON logs that cannot carry personal data.

Every record, ours or a library's, passes the redaction processor: keys that name personal
data are masked whatever their value, and values that look like identity codes, email
addresses or phone numbers are masked whatever their key.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Mapping, MutableMapping
from typing import Any

import structlog
from opentelemetry import trace

__all__ = ["REDACTED", "add_trace_ids", "configure_logging", "get_logger", "redact_personal_data"]

REDACTED = "[redacted]"

_SENSITIVE_KEYS = frozenset(
    {
        "name", "first_name", "last_name", "full_name", "display_name", "student_name",
        "guardian_name", "identity_code", "hetu", "ssn", "personal_identity_code",
        "description", "narrative", "background", "text", "body", "content",
        "email", "email_address", "phone", "phone_number", "address", "password",
    }
)  # fmt: skip
_SENSITIVE_VALUES = (
    re.compile(r"\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b", re.IGNORECASE),  # henkilötunnus
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # email address
    re.compile(r"(?<![\w-])\+?\d[\d ()-]{7,}\d\b"),  # phone number
)


def _scrub(value: Any) -> Any:
    if isinstance(value, str):
        for pattern in _SENSITIVE_VALUES:
            value = pattern.sub(REDACTED, value)
        return value
    if isinstance(value, Mapping):
        return {k: REDACTED if _is_sensitive(k) else _scrub(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_scrub(v) for v in value]
    return value


def _is_sensitive(key: object) -> bool:
    return isinstance(key, str) and key.lower() in _SENSITIVE_KEYS


def add_trace_ids(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """The current trace and span, so a line can be found from its trace and back."""
    span = trace.get_current_span().get_span_context()
    if span.is_valid:
        event_dict["trace_id"] = format(span.trace_id, "032x")
        event_dict["span_id"] = format(span.span_id, "016x")
    return event_dict


def redact_personal_data(
    _logger: Any, _method: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    for key, value in list(event_dict.items()):
        event_dict[key] = REDACTED if _is_sensitive(key) else _scrub(value)
    return event_dict


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time: test runners swap it."""

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def configure_logging(*, service: str, level: str = "INFO", json: bool = True) -> None:
    """Route structlog and the standard library (FastStream, uvicorn) into one JSON stream."""
    shared_processors: list[structlog.typing.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
        add_trace_ids,
        redact_personal_data,
    ]
    renderer: structlog.typing.Processor = (
        structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    )
    structlog.configure(
        processors=[*shared_processors, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    handler = _StderrHandler()
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[structlog.stdlib.ExtraAdder(), *shared_processors],
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, renderer],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.getLogger("aiokafka").setLevel(max(logging.WARNING, root.level))
    structlog.contextvars.bind_contextvars(service=service)


def get_logger(name: str) -> structlog.stdlib.BoundLogger:
    logger: structlog.stdlib.BoundLogger = structlog.stdlib.get_logger(name)
    return logger
