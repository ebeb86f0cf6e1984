"""The operations console's view of one service: health and version, the database and the
broker, the outbox, consumer lag in messages and seconds, an hour of throughput, and each
service's own counts (``shared.operations.http.operations_routes``)."""

from shared.operations.status import Part, StatusReport, app_version
from shared.operations.throughput import Throughput

__all__ = ["Part", "StatusReport", "Throughput", "app_version"]
