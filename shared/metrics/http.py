"""HTTP metrics for every app, and where the metrics are read.

Requests are labelled by the route's template (``/cases/{case_id}``), never the path
itself, which holds identifiers; a path no route matches is ``unmatched``. ``GET /metrics``
answers on the app's own port unless a separate one is configured (``METRICS_PORT``), and
with ``METRICS_TOKEN`` set only to ``Authorization: Bearer <token>``. It is no route of
the app: it stays out of the OpenAPI document and of the access rules (it shows no data).
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Sequence

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.metrics.platform import PlatformMetrics

__all__ = ["METRICS_PATH", "HttpMetrics", "serve_metrics"]

METRICS_PATH = "/metrics"
# A method a client made up is one more series per route: counted as "other".
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def _route_of(scope: Scope, routes: Sequence[BaseRoute]) -> str:
    route = scope.get("route")
    path = getattr(route, "path", None)
    if isinstance(path, str):
        return path or "/"
    partial = None
    for candidate in routes:
        match, _ = candidate.matches(scope)
        if match is Match.FULL:
            return str(getattr(candidate, "path", "unmatched"))
        if match is Match.PARTIAL and partial is None:
            partial = str(getattr(candidate, "path", "unmatched"))
    return partial or "unmatched"


def _authorised(scope: Scope, token: str | None) -> bool:
    if token is None:
        return True
    given = dict(scope["headers"]).get(b"authorization", b"")
    return hmac.compare_digest(given, f"Bearer {token}".encode())


async def serve_metrics(
    metrics: PlatformMetrics, token: str | None, scope: Scope, send: Send
) -> None:
    """Answer one request for the metrics (after checking the token, if there is one)."""
    if scope.get("method") not in ("GET", "HEAD"):
        status, body, kind = 405, b"Method not allowed\n", b"text/plain"
    elif not _authorised(scope, token):
        status, body, kind = 401, b"Unauthorized\n", b"text/plain"
    else:
        status, body, kind = 200, generate_latest(metrics.registry), CONTENT_TYPE_LATEST.encode()
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class HttpMetrics:
    """Outermost middleware: counts and times each request, and (``serve``) answers
    ``GET /metrics`` itself."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        metrics: PlatformMetrics,
        routes: Sequence[BaseRoute],
        serve: bool,
        token: str | None,
    ) -> None:
        self._app = app
        self._metrics = metrics
        self._routes = routes
        self._serve = serve
        self._token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        if self._serve and scope["path"] == METRICS_PATH:
            await serve_metrics(self._metrics, self._token, scope, send)
            return
        status = 500  # what the server answers if the app raises before starting a response
        started = time.perf_counter()

        async def recorded(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self._app(scope, receive, recorded)
        finally:
            m, method = self._metrics, str(scope["method"])
            method = method if method in _METHODS else "other"
            route = _route_of(scope, self._routes)
            m.http_requests.labels(m.service, method, route, str(status)).inc()
            m.http_duration.labels(m.service, method, route).observe(time.perf_counter() - started)
