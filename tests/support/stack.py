"""The three services as separate processes, as they run in production, and the ``stack``
fixture the end-to-end tests share (seeded with the demo directory, stopped afterwards)."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from deploy.infra import ServerProcess, free_port, wait_until
from tests.support.directory import seed_directory
from tests.support.infra import ROOT, Namespace
from tests.support.smtp import SmtpServer

__all__ = ["ServiceProcess", "Stack", "stack"]


class ServiceProcess:
    def __init__(self, name: str, ns: Namespace, logs: Path, **env: str) -> None:
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = ServerProcess(
            name,
            [sys.executable, "-m", f"services.{name}"],
            self.port,
            logs / f"{name}.log",
            env={**ns.env(name), "HTTP_PORT": str(self.port), **env},
            cwd=ROOT,
        )

    async def start(self, **env: str) -> None:
        self.process.env = {**self.process.env, **env}
        self.process.start()

        async def healthy() -> None:
            async with httpx.AsyncClient() as client:
                (await client.get(f"{self.url}/health", timeout=1)).raise_for_status()

        await wait_until(f"{self.name} /health", healthy, timeout=30, process=self.process)

    def kill(self) -> None:
        """SIGKILL: no shutdown hook runs, as in a crash or an OOM kill."""
        self.process.kill()

    def stop(self) -> None:
        self.process.stop()


class Stack:
    def __init__(self, ns: Namespace, logs: Path, smtp_port: int) -> None:
        self.intake = ServiceProcess("intake", ns, logs)
        self.welfare_group = ServiceProcess("welfare_group", ns, logs)
        self.notifications = ServiceProcess(
            "notifications", ns, logs, SMTP_PORT=str(smtp_port), DISPATCH_POLL_INTERVAL_S="0.2"
        )
        self.intake.process.env = {**self.intake.process.env, "PUBLIC_BASE_URL": self.intake.url}

    @property
    def services(self) -> tuple[ServiceProcess, ...]:
        return (self.intake, self.welfare_group, self.notifications)

    async def start(self) -> None:
        for service in self.services:
            await service.start()

    def stop(self) -> None:
        for service in self.services:
            service.stop()


@pytest.fixture
async def stack(ns: Namespace, smtp: SmtpServer, tmp_path: Path) -> AsyncIterator[Stack]:
    await seed_directory(ns)
    stack = Stack(ns, tmp_path, smtp.port)
    try:
        yield stack
    finally:
        stack.stop()
