"""A small HTTP server standing in for the SMS provider: keeps what it receives, and answers
with whatever status codes a test queues up (200 once the queue is empty)."""

from __future__ import annotations

import json
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class SmsProvider:
    def __init__(self, port: int, token: str = "test-token") -> None:
        self.port, self.token = port, token
        self.received: list[dict[str, Any]] = []
        self.answers: deque[int] = deque()
        self.requests = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                body = json.loads(self.rfile.read(length))
                provider.requests += 1
                status = provider.answers.popleft() if provider.answers else 200
                if self.headers.get("authorization") != f"Bearer {provider.token}":
                    status = 401
                if status == 200:
                    provider.received.append(body)
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.end_headers()
                self.wfile.write(json.dumps({"id": f"sms-{provider.requests}"}).encode())

            def log_message(self, *_args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1/messages"

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def to(self, number: str) -> list[dict[str, Any]]:
        return [m for m in self.received if m["to"] == number]
