"""Where a process's metrics are read, by its settings, and the sampling that feeds them.

``METRICS_PORT`` unset: ``GET /metrics`` on the app's own port (local development).
Set: a listener of its own on that port (on ``HTTP_HOST``), and none on the app's port,
so a deployment publishes the app's port and keeps the metrics' inside its network.
``METRICS_TOKEN``, on either, asks for ``Authorization: Bearer <token>``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from contextlib import contextmanager

import uvicorn
from fastapi import FastAPI
from starlette.types import Receive, Scope, Send

from shared.metrics.http import HttpMetrics, serve_metrics
from shared.metrics.platform import PlatformMetrics
from shared.metrics.sampling import Sampler
from shared.pump import Pump
from shared.settings import PlatformSettings

__all__ = ["MetricsExposure"]


class _Server(uvicorn.Server):
    """A second server in the app's own event loop: the app's server handles the signals."""

    @contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


class MetricsExposure:
    """The HTTP metrics of ``app``, its sampled gauges and the endpoint they are read at."""

    def __init__(self, metrics: PlatformMetrics, settings: PlatformSettings) -> None:
        self.metrics = metrics
        self.sampler = Sampler(metrics)
        self._port = settings.metrics_port
        self._host = settings.http_host
        token = settings.metrics_token
        self._token = token.get_secret_value() if token is not None else None
        self._pump = Pump(
            "metrics-sampler", self.sampler.sample, interval_s=settings.metrics_sample_interval_s
        )
        self._server: _Server | None = None
        self._serving: asyncio.Task[None] | None = None

    def instrument(self, app: FastAPI) -> None:
        """Add the HTTP metrics (call last: outermost, they see every answer)."""
        app.add_middleware(
            HttpMetrics,
            metrics=self.metrics,
            routes=app.router.routes,
            serve=self._port is None,
            token=self._token,
        )

    async def start(self) -> None:
        await self.sampler.sample()  # the gauges have values from the first scrape on
        self._pump.start()
        if self._port is None:
            return
        config = uvicorn.Config(
            self._endpoint,
            host=self._host,
            port=self._port,
            interface="asgi3",
            lifespan="off",
            log_config=None,
            access_log=False,  # a scrape every few seconds is no news
        )
        self._server = _Server(config)
        self._serving = asyncio.create_task(self._server.serve(), name="metrics-listener")
        while not self._server.started:
            if self._serving.done():
                self._serving.result()  # the port is taken, say: fail the start with why
            await asyncio.sleep(0.01)

    async def stop(self) -> None:
        await self._pump.stop()
        if self._server is not None and self._serving is not None:
            self._server.should_exit = True
            await self._serving
            self._server = self._serving = None

    async def _endpoint(self, scope: Scope, _receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await serve_metrics(self.metrics, self._token, scope, send)
