"""The cheapest honest OTLP/HTTP collector, for the tracing-on run: ``POST /v1/traces``
answers 200 with an empty ``ExportTraceServiceResponse`` after counting the export's
requests, bytes and spans; ``GET /stats`` gives the counts as JSON. It runs as its own
process (``python -m bench.otlp_sink --port N``), so its work is no service's and not
the load generator's."""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import ExportTraceServiceRequest

from bench.stack import ROOT
from deploy.infra import HOST, ServerProcess, free_port, wait_until

__all__ = ["OtlpSink"]

_counts = {"requests": 0, "bytes": 0, "spans": 0}
_lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        request = ExportTraceServiceRequest.FromString(body)
        spans = sum(len(s.spans) for r in request.resource_spans for s in r.scope_spans)
        with _lock:
            _counts["requests"] += 1
            _counts["bytes"] += len(body)
            _counts["spans"] += spans
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        with _lock:
            body = json.dumps(_counts).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # a line per export otherwise


class OtlpSink:
    """The sink as a child process: ``await start()``, ``endpoint``, ``await stats()``."""

    def __init__(self, logs: Path) -> None:
        self.port = free_port()
        argv = [sys.executable, "-m", "bench.otlp_sink", "--port", str(self.port)]
        self._process = ServerProcess(
            "otlp-sink", argv, self.port, logs / "otlp-sink.log", cwd=ROOT
        )

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self.port}"

    async def start(self) -> None:
        self._process.start()
        await wait_until("otlp-sink /stats", self.stats, 30.0, self._process)

    async def stats(self) -> dict[str, int]:
        async with httpx.AsyncClient() as client:
            answer = await client.get(f"{self.endpoint}/stats", timeout=2)
            answer.raise_for_status()
            counts: dict[str, int] = answer.json()
            return counts

    def stop(self) -> None:
        self._process.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.otlp_sink")
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    ThreadingHTTPServer((HOST, port), _Handler).serve_forever()


if __name__ == "__main__":
    main()
