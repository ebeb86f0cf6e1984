"""Prometheus metrics: the platform's own, the broker's (FastStream's middleware) and HTTP.

See docs/operations.md for every metric, its labels and the alerts on it.
"""

from shared.metrics.events import CountingPublish
from shared.metrics.exposure import MetricsExposure
from shared.metrics.http import METRICS_PATH, HttpMetrics
from shared.metrics.lag import ConsumerLag
from shared.metrics.platform import FORBIDDEN_LABELS, PlatformMetrics
from shared.metrics.sampling import Sample, Sampler, count_by, outbox_sample, set_labelled

__all__ = [
    "FORBIDDEN_LABELS",
    "METRICS_PATH",
    "ConsumerLag",
    "CountingPublish",
    "HttpMetrics",
    "MetricsExposure",
    "PlatformMetrics",
    "Sample",
    "Sampler",
    "count_by",
    "outbox_sample",
    "set_labelled",
]
