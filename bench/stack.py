"""The whole platform on free ports in one directory, for the benchmark and the fault suite.

Tansu (in-memory), SecantusDB (on disk, so a restart keeps its data), the mail catcher and
``replicas`` OS processes per service, each as ``deploy/up.sh`` runs it. Replicas share
their service's database and Kafka consumer group; each has its own HTTP port. With
``with_web``, the development sign-in provider and the web app run too (one each), as
``deploy/local.py`` runs them: people sign in to the web app through the real OIDC flow.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import httpx
from pydantic import SecretStr

from deploy.infra import (
    HOST,
    ServerError,
    ServerProcess,
    free_port,
    mongo_uri,
    start_kafka,
    start_mongo,
    wait_for_kafka,
    wait_for_mongo,
    wait_until,
)
from deploy.issuer import DEFAULT_ISSUER, DevIssuer, claims_from_seed
from deploy.local import WEB_CLIENT_ID
from services.communal.seed import seed as seed_staffing
from services.communal.settings import CommunalSettings
from services.intake.seed import seed as seed_schools
from services.intake.settings import IntakeSettings
from services.notifications.seed import seed as seed_directory
from services.notifications.settings import NotificationsSettings
from services.welfare_group.seed import seed as seed_rosters
from services.welfare_group.settings import WelfareGroupSettings
from shared.sealing import KeyRing
from shared.topics import ensure_topics

__all__ = ["ROOT", "SEED_FILE", "SERVICES", "BenchStack"]

ROOT = Path(__file__).resolve().parents[1]
SEED_FILE = ROOT / "deploy" / "seed" / "demo.yaml"
SERVICES = ("intake", "welfare_group", "notifications", "communal")
STARTUP_TIMEOUT_S = 60.0
# A load test raises far more concerns than one teacher may (20/minute in production).
LOAD_ENV = {"intake": {"CONCERN_RATE_LIMIT": "1000000/minute"}}


class BenchStack:
    """Start with ``await start()``; everything it started stops with ``await stop()``."""

    def __init__(
        self,
        workdir: Path,
        *,
        replicas: int = 1,
        service_env: dict[str, str] | None = None,
        with_web: bool = False,
    ) -> None:
        """``service_env`` goes to every service process, after (over) the stack's own."""
        self.workdir = workdir.resolve()
        self.replicas = replicas
        self.tools = Path(os.environ.get("TOOLS_VENV", ROOT / ".tools-venv"))
        self.logs = self.workdir / "logs"
        self._extra_env = dict(service_env or {})
        self._kafka_port, self._mongo_port, self._smtp_port = free_port(), free_port(), free_port()
        self._kafka: ServerProcess | None = None
        self._mongo: ServerProcess | None = None
        self._mail: ServerProcess | None = None
        self._services: dict[tuple[str, int], ServerProcess] = {}
        self._ports = {(s, r): free_port() for s in SERVICES for r in range(replicas)}
        self.with_web = with_web
        self._web_port, self._issuer_port = free_port(), free_port()
        self._web: ServerProcess | None = None
        self._provider: ServerProcess | None = None
        # The provider process signs with the same key (its --state-dir is the workdir).
        issuer = f"http://{HOST}:{self._issuer_port}" if with_web else DEFAULT_ISSUER
        self._issuer = DevIssuer(self.workdir / "issuer", issuer=issuer)

    @property
    def kafka_bootstrap(self) -> str:
        return f"{HOST}:{self._kafka_port}"

    @property
    def mongo_uri(self) -> str:
        return mongo_uri(self._mongo_port)

    @property
    def smtp_port(self) -> int:
        return self._smtp_port

    def database(self, service: str) -> str:
        return service

    def url(self, service: str, replica: int = 0) -> str:
        return f"http://{HOST}:{self._ports[(service, replica)]}"

    @property
    def web_url(self) -> str:
        return f"http://{HOST}:{self._web_port}"

    @property
    def issuer_url(self) -> str:
        return self._issuer.issuer

    def pid(self, service: str, replica: int = 0) -> int | None:
        process = self._services.get((service, replica))
        return process.pid if process and process.running else None

    def token(self, person_id: str) -> str:
        """A bearer token for a person of the demo directory, e.g. ``teacher-tiina``."""
        role, claims = claims_from_seed(SEED_FILE, person_id)
        return self._issuer.mint(person_id, role, **claims)

    def service_env(self, service: str, replica: int = 0) -> dict[str, str]:
        keks = self.workdir / "keys" / f"{service}.keks"
        env = {
            "KAFKA_BOOTSTRAP_SERVERS": self.kafka_bootstrap,
            "MONGODB_URI": self.mongo_uri,
            "MONGODB_DATABASE": self.database(service),
            "HTTP_PORT": str(self._ports[(service, replica)]),
            "OIDC_ISSUER": self._issuer.issuer,
            "OIDC_JWKS_URL": self._issuer.jwks_url,
            "DATA_KEKS_FILE": str(keks),
            **LOAD_ENV.get(service, {}),
        }
        if service == "intake":
            env["PUBLIC_BASE_URL"] = self.url(service, replica)
        if service == "notifications":
            app = self.url("welfare_group")
            env |= {"SMTP_HOST": HOST, "SMTP_PORT": str(self._smtp_port), "APP_BASE_URL": app}
        if service == "communal":
            env["WELFARE_GROUP_URL"] = self.url("welfare_group")
        return env | self._extra_env

    async def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._kafka = start_kafka(self.tools, self._kafka_port, self.logs)
        self._mongo = start_mongo(self.tools, self._mongo_port, self.workdir / "mongo", self.logs)
        argv = [sys.executable, "-m", "deploy.mailcatcher", "--port", str(self._smtp_port)]
        self._mail = ServerProcess("mailcatcher", argv, self._smtp_port, self.logs / "mail.log")
        self._mail.argv += ["--dir", str(self.workdir / "mail")]
        self._mail.cwd = ROOT
        self._mail.start()
        await asyncio.gather(
            wait_for_kafka(self.kafka_bootstrap, STARTUP_TIMEOUT_S, self._kafka),
            wait_for_mongo(self.mongo_uri, STARTUP_TIMEOUT_S, self._mongo),
        )
        await ensure_topics(self.kafka_bootstrap)
        self._make_keks()
        await self._seed()
        # Replica by replica: a consumer group then grows by one member at a time.
        for replica in range(self.replicas):
            await asyncio.gather(*(self.start_service(s, replica) for s in SERVICES))
        if self.with_web:
            await self._start_web()

    async def stop(self) -> None:
        processes = [self._web, self._provider, *self._services.values()]
        for process in [*processes, self._mail, self._kafka, self._mongo]:
            if process is not None:
                process.stop()

    def _make_keks(self) -> None:
        for service in SERVICES:
            keks = self.workdir / "keys" / f"{service}.keks"
            if not keks.exists():
                keks.parent.mkdir(parents=True, exist_ok=True)
                keks.write_text(f"bench-1:{KeyRing.new_kek()}\n", encoding="utf-8")

    async def _seed(self) -> None:
        """The demo directory, as ``deploy/up.sh`` loads it."""
        uri = SecretStr(self.mongo_uri)
        await seed_schools(SEED_FILE, IntakeSettings(mongodb_uri=uri))
        # The student register is sealed with the service's own keys, as the service reads it.
        keks = self.workdir / "keys" / "welfare_group.keks"
        await seed_rosters(SEED_FILE, WelfareGroupSettings(mongodb_uri=uri, data_keks_file=keks))
        await seed_directory(SEED_FILE, NotificationsSettings(mongodb_uri=uri))
        await seed_staffing(SEED_FILE, CommunalSettings(mongodb_uri=uri))

    async def start_service(self, service: str, replica: int = 0) -> None:
        """Start (or start again) one replica and wait until it answers ``/health``."""
        process = self._services.get((service, replica))
        if process is None:
            name = f"{service}-{replica}"
            argv = [sys.executable, "-m", f"services.{service}"]
            port = self._ports[(service, replica)]
            process = ServerProcess(name, argv, port, self.logs / f"{name}.log", cwd=ROOT)
            self._services[(service, replica)] = process
        process.env = self.service_env(service, replica)
        process.start()
        await _healthy(process, f"{self.url(service, replica)}/health")

    async def _start_web(self) -> None:
        """The sign-in provider, trusting the web app's callback only, then the web app."""
        argv = [sys.executable, "-m", "deploy.issuer", "serve", "--port", str(self._issuer_port)]
        argv += ["--issuer", self.issuer_url, "--state-dir", str(self.workdir)]
        argv += ["--seed", str(SEED_FILE), "--redirect-uri", f"{self.web_url}/auth/callback"]
        log = self.logs / "issuer.log"
        self._provider = ServerProcess("issuer", argv, self._issuer_port, log, cwd=ROOT)
        self._provider.start()
        await _healthy(self._provider, f"{self.issuer_url}/health")
        argv = [sys.executable, "-m", "services.web"]
        self._web = ServerProcess("web", argv, self._web_port, self.logs / "web.log", cwd=ROOT)
        self._web.env = {
            "HTTP_PORT": str(self._web_port),
            "PUBLIC_BASE_URL": self.web_url,
            "OIDC_ISSUER": self.issuer_url,
            "OIDC_JWKS_URL": self._issuer.jwks_url,
            "OIDC_CLIENT_ID": WEB_CLIENT_ID,
            **{f"{s.upper()}_URL": self.url(s) for s in SERVICES},
            "MONGODB_URI": self.mongo_uri,
            "MONGODB_DATABASE": "web",
        }
        self._web.start()
        await _healthy(self._web, f"{self.web_url}/health")

    def kill_service(self, service: str, replica: int = 0) -> None:
        """SIGKILL: no shutdown hook runs, as in a crash or an OOM kill."""
        self._services[(service, replica)].kill()

    def stop_service(self, service: str, replica: int = 0) -> None:
        """SIGTERM, a clean shutdown (note Tansu's LeaveGroup limit in the README)."""
        self._services[(service, replica)].stop()

    async def restart_broker(self, *, recreate_topics: bool = False) -> None:
        """Kill Tansu and start it on the same port. Its storage is in memory: every topic,
        message and committed offset is gone. ``recreate_topics`` creates the topics at once
        (the services create them only when they start)."""
        kafka = self._require(self._kafka)
        kafka.kill()
        kafka.start()
        await wait_for_kafka(self.kafka_bootstrap, STARTUP_TIMEOUT_S, kafka)
        if recreate_topics:
            await ensure_topics(self.kafka_bootstrap)

    async def restart_database(self, *, hard: bool = False) -> None:
        """Stop SecantusDB (SIGTERM, or SIGKILL if ``hard``) and start it again on the same
        port and storage directory; returns once it answers."""
        mongo = self._require(self._mongo)
        if hard:
            mongo.kill()
        else:
            mongo.stop()
        mongo.start()
        await wait_for_mongo(self.mongo_uri, STARTUP_TIMEOUT_S, mongo)

    def server_pid(self, name: str) -> int | None:
        """The pid of ``kafka``, ``mongo``, ``mailcatcher`` or ``web`` (if it runs)."""
        process = {"kafka": self._kafka, "mongo": self._mongo, "mailcatcher": self._mail,
                   "web": self._web}[name]  # fmt: skip
        return process.pid if process and process.running else None

    @staticmethod
    def _require(process: ServerProcess | None) -> ServerProcess:
        if process is None:
            raise ServerError("the stack is not started")
        return process


async def _healthy(process: ServerProcess, url: str) -> None:
    async def healthy() -> None:
        async with httpx.AsyncClient() as client:
            (await client.get(url, timeout=2)).raise_for_status()

    await wait_until(f"{process.name} /health", healthy, STARTUP_TIMEOUT_S, process)
