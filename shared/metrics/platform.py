"""The platform's own metrics, one registry per process (per service in a test process).

Labels name kinds of things only: a service, a topic, a partition, a consumer group, a
reason, a channel, an outcome, a status, a timer kind. Never a case, student or person:
an identifier in a label would be personal data kept by the monitoring, outside the law's
retention, and a new series per person besides.
"""

from __future__ import annotations

from prometheus_client import (
    GC_COLLECTOR,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
)

__all__ = ["FORBIDDEN_LABELS", "PlatformMetrics"]

# Label names no metric may carry (tests/unit/test_metrics_labels.py checks every registry).
FORBIDDEN_LABELS = frozenset(
    {
        "case_id", "case", "student", "student_id", "student_ref", "person", "person_id",
        "staff_id", "guardian_id", "concern_id", "notification_id", "event_id", "timer_id",
        "correlation_id", "user", "sub", "email", "path", "url", "school_id",
    }
)  # fmt: skip

# HTTP answers are mostly milliseconds; the tail is what the services' callers wait on.
_HTTP_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class PlatformMetrics:
    """Every metric a process of the platform may export; a service sets those it has."""

    def __init__(self, service: str, *, topic_prefix: str = "") -> None:
        self.service = service
        self.topic_prefix = topic_prefix
        self.registry = CollectorRegistry(auto_describe=True)
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)
        self.registry.register(GC_COLLECTOR)
        r = self.registry
        self.http_requests = Counter(
            "http_requests_total",
            "HTTP requests answered, by route template, method and status code.",
            ["service", "method", "route", "status"],
            registry=r,
        )
        self.http_duration = Histogram(
            "http_request_duration_seconds",
            "Time to answer an HTTP request, by route template and method.",
            ["service", "method", "route"],
            buckets=_HTTP_BUCKETS,
            registry=r,
        )
        self.outbox_backlog = Gauge(
            "welfare_outbox_backlog",
            "Events and dead letters stored in the outbox and not yet published.",
            ["service"],
            registry=r,
        )
        self.outbox_oldest_age = Gauge(
            "welfare_outbox_oldest_unpublished_age_seconds",
            "Age of the oldest unpublished outbox entry (0 when none waits).",
            ["service"],
            registry=r,
        )
        self.consumer_lag = Gauge(
            "welfare_consumer_lag",
            "Messages a consumer group has not yet committed: end offset minus committed.",
            ["service", "group", "topic", "partition"],
            registry=r,
        )
        self.dead_letters = Counter(
            "welfare_dead_letters_total",
            "Messages this service dead-lettered, by the topic they came from and why.",
            ["service", "topic", "reason"],
            registry=r,
        )
        self.events_published = Counter(
            "welfare_events_published_total",
            "Outbox entries the relay published, by topic and event type.",
            ["service", "topic", "type"],
            registry=r,
        )
        self.deliveries = Counter(
            "welfare_deliveries_total",
            "Delivery attempts settled, by channel and outcome (sent, failed).",
            ["service", "channel", "outcome"],
            registry=r,
        )
        self.deadlines_breached = Counter(
            "welfare_deadlines_breached_total",
            "§15 discussion deadlines that passed without a discussion offered, by urgency.",
            ["service", "urgency"],
            registry=r,
        )
        self.timers_due = Gauge(
            "welfare_timers_due",
            "Pending timers whose moment has come, by kind.",
            ["service", "kind"],
            registry=r,
        )
        self.timers_overdue = Gauge(
            "welfare_timers_overdue",
            "Pending timers past their moment by more than the grace, by kind.",
            ["service", "kind"],
            registry=r,
        )
        self.cases = Gauge("welfare_cases", "Cases by status.", ["service", "status"], registry=r)
        self.web_sessions = Gauge(
            "welfare_web_sessions", "Sessions kept by the web app.", ["service"], registry=r
        )
        self.sample_duration = Gauge(
            "welfare_metrics_sample_duration_seconds",
            "How long the last sampling of a gauge took (its cost to the database/broker).",
            ["service", "sampler"],
            registry=r,
        )
        self.sample_failures = Counter(
            "welfare_metrics_sample_failures_total",
            "Samplings that failed (the gauge keeps its last value).",
            ["service", "sampler"],
            registry=r,
        )

    def topic(self, qualified: str) -> str:
        """The registry name of a topic: a tenant's or a test's prefix is not a label."""
        prefix = self.topic_prefix
        return qualified[len(prefix) :] if prefix and qualified.startswith(prefix) else qualified

    def dead_lettered(self, topic: str, reason: str) -> None:
        self.dead_letters.labels(self.service, self.topic(topic), reason).inc()
