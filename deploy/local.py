"""Run the whole platform on this machine: ``python -m deploy.local up | down | status``.

``up`` starts Tansu (Kafka) and SecantusDB (MongoDB) from the tools venv, creates the
topics, starts a mail catcher, loads the demo data, and starts the development identity
provider, the three services and the web app, each a background process with its log in
``STATE_DIR/logs`` and its pid in ``STATE_DIR/pids``.
``down`` stops them all again; ``status`` shows what runs (exit code 3 if not everything).
Settings come from the environment (see ``LocalSettings``); relative paths are relative
to the repository root.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import subprocess
import sys
import urllib.request
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from deploy.infra import (
    HOST,
    ServerError,
    ServerProcess,
    ensure_port_free,
    log_tail,
    mongo_uri,
    running_pid,
    start_kafka,
    start_mongo,
    stop_from_pid_file,
    wait_for_kafka,
    wait_for_mongo,
    wait_until,
)
from deploy.issuer import DevIssuer
from shared.sealing import KeyRing
from shared.topics import ensure_topics

ROOT = Path(__file__).resolve().parents[1]
SEED_FILE = ROOT / "deploy" / "seed" / "demo.yaml"
SERVICES = ("intake", "welfare_group", "notifications", "communal")
SEEDED = ("intake", "welfare_group", "notifications", "communal")
SERVERS = ("kafka", "mongo", "mailcatcher")
ISSUER, WEB = "issuer", "web"
WEB_CLIENT_ID = "opiskeluhuolto-web"
# Whom to sign in as first, at the development provider (its page lists everyone).
SIGN_IN_AS = (
    ("teacher-tiina", "raise a concern"),
    ("psychologist-elias", "the welfare group: cases, the record"),
    ("guardian-0001", "a family"),
    ("principal-paula", "the school's caseloads, its figures and its welfare group"),
    ("welfare-lead-liisa", "all schools side by side, the welfare plan, the yearly report"),
    ("student-0001", "a student"),
)
STARTUP_TIMEOUT_S = 60.0

Port = Annotated[int, Field(ge=1, le=65535)]


class LocalSettings(BaseSettings):
    """Each environment variable is the field name in capitals, e.g. ``KAFKA_PORT``."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    tools_venv: Path = Path(".tools-venv")
    state_dir: Path = Path(".local")
    kafka_port: Port = 9092
    mongodb_port: Port = 27017
    smtp_port: Port = 2525
    intake_http_port: Port = 8001
    welfare_group_http_port: Port = 8002
    notifications_http_port: Port = 8003
    communal_http_port: Port = 8004
    issuer_port: Port = 8400
    web_http_port: Port = 8080

    def _under_root(self, path: Path) -> Path:
        return path if path.is_absolute() else ROOT / path

    @property
    def tools(self) -> Path:
        return self._under_root(self.tools_venv)

    @property
    def state(self) -> Path:
        return self._under_root(self.state_dir)

    @property
    def logs(self) -> Path:
        return self.state / "logs"

    @property
    def pids(self) -> Path:
        return self.state / "pids"

    @property
    def mail(self) -> Path:
        return self.state / "mail"

    def http_port(self, service: str) -> int:
        port: int = getattr(self, f"{service}_http_port")
        return port

    def ports(self) -> dict[str, tuple[int, str]]:
        """What needs which port, and the variable that moves it."""
        ports = {
            "kafka": (self.kafka_port, "KAFKA_PORT"),
            "mongodb": (self.mongodb_port, "MONGODB_PORT"),
            "mail catcher": (self.smtp_port, "SMTP_PORT"),
        }
        for service in SERVICES:
            ports[service] = (self.http_port(service), f"{service.upper()}_HTTP_PORT")
        ports[ISSUER] = (self.issuer_port, "ISSUER_PORT")
        ports[WEB] = (self.web_http_port, "WEB_HTTP_PORT")
        return ports

    @property
    def issuer_dir(self) -> Path:
        return self.state / "issuer"

    @property
    def issuer_url(self) -> str:
        return f"http://{HOST}:{self.issuer_port}"

    @property
    def web_url(self) -> str:
        return f"http://{HOST}:{self.web_http_port}"

    def issuer_argv(self) -> list[str]:
        """The development provider, trusting the web app's callback only."""
        return [
            *(sys.executable, "-m", "deploy.issuer", "serve", "--port", str(self.issuer_port)),
            *("--issuer", self.issuer_url, "--state-dir", str(self.state)),
            *("--seed", str(SEED_FILE), "--redirect-uri", f"{self.web_url}/auth/callback"),
        ]

    def web_env(self) -> dict[str, str]:
        """The web app signs people in at the provider and calls the services as them."""
        services = {
            f"{service.upper()}_URL": f"http://{HOST}:{self.http_port(service)}"
            for service in SERVICES
        }
        return {
            "HTTP_PORT": str(self.web_http_port),
            "PUBLIC_BASE_URL": self.web_url,
            "OIDC_ISSUER": self.issuer_url,
            "OIDC_JWKS_URL": f"file://{self.issuer_dir / 'jwks.json'}",
            "OIDC_CLIENT_ID": WEB_CLIENT_ID,
            **services,
            "MONGODB_URI": mongo_uri(self.mongodb_port),
            "MONGODB_DATABASE": "web",
        }

    def keks_file(self, service: str) -> Path:
        return self.state / "keys" / f"{service}.keks"

    def service_env(self, service: str) -> dict[str, str]:
        env = {
            # Tokens from the development provider: the web app's sign-ins, or
            # python -m deploy.issuer token <person>. A moved ISSUER_PORT moves the issuer.
            "OIDC_ISSUER": self.issuer_url,
            "OIDC_JWKS_URL": f"file://{self.issuer_dir / 'jwks.json'}",
            "DATA_KEKS_FILE": str(self.keks_file(service)),
            "KAFKA_BOOTSTRAP_SERVERS": f"{HOST}:{self.kafka_port}",
            "MONGODB_URI": mongo_uri(self.mongodb_port),
            "MONGODB_DATABASE": service,
            "HTTP_PORT": str(self.http_port(service)),
        }
        # Links the services put in what they send must follow a moved port.
        base_url = f"http://{HOST}:{self.http_port(service)}"
        if service == "intake":
            env["PUBLIC_BASE_URL"] = base_url
        if service == "notifications":
            # A message's links (/cases/{id}, /family) open the web app's pages.
            app = self.web_url
            env |= {"SMTP_HOST": HOST, "SMTP_PORT": str(self.smtp_port), "APP_BASE_URL": app}
        if service == "communal":
            # The welfare group checks its free text for the school's students' names.
            env["WELFARE_GROUP_URL"] = f"http://{HOST}:{self.http_port('welfare_group')}"
        return env


def up(settings: LocalSettings, seed: bool = True) -> None:
    running = {name: pid for name in _all_names() if (pid := _running(settings, name))}
    if running:
        listed = ", ".join(f"{name} (pid {pid})" for name, pid in running.items())
        raise ServerError(f"already running: {listed}; stop it first with deploy/down.sh")
    for what, (port, setting) in settings.ports().items():
        ensure_port_free(port, what, setting)
    try:
        _start_everything(settings, seed)
    except BaseException:
        print("up: failed, stopping what was started", file=sys.stderr)
        down(settings, quiet=True)
        raise
    _print_summary(settings)


def _start_everything(settings: LocalSettings, seed: bool) -> None:
    logs, pids = settings.logs, settings.pids
    bootstrap = f"{HOST}:{settings.kafka_port}"
    print(f"up: starting kafka on {bootstrap} and mongodb on {HOST}:{settings.mongodb_port}")
    kafka = start_kafka(settings.tools, settings.kafka_port, logs, pids)
    storage = settings.state / "mongo"
    mongo = start_mongo(settings.tools, settings.mongodb_port, storage, logs, pids)
    asyncio.run(_servers_ready(bootstrap, kafka, mongo_uri(settings.mongodb_port), mongo))

    argv = [sys.executable, "-m", "deploy.mailcatcher", "--port", str(settings.smtp_port)]
    argv += ["--dir", str(settings.mail)]
    mail = _start(settings, "mailcatcher", argv, settings.smtp_port)
    asyncio.run(wait_until("the mail catcher", _tcp_probe(settings.smtp_port), 10, mail))

    _ensure_keys(settings)
    if seed:
        _seed(settings)
    issuer = _start(settings, ISSUER, settings.issuer_argv(), settings.issuer_port)
    wait = wait_until("the identity provider", _health_probe(settings.issuer_port), 20, issuer)
    asyncio.run(wait)
    started = [
        _start(
            settings,
            service,
            [sys.executable, "-m", f"services.{service}"],
            settings.http_port(service),
            settings.service_env(service),
        )
        for service in SERVICES
    ]
    web = [sys.executable, "-m", "services.web"]
    started.append(_start(settings, WEB, web, settings.web_http_port, settings.web_env()))
    print("up: waiting for the services and the web app to answer /health")
    asyncio.run(_services_healthy(started))


async def _servers_ready(
    bootstrap: str, kafka: ServerProcess, uri: str, mongo: ServerProcess
) -> None:
    await asyncio.gather(
        wait_for_kafka(bootstrap, STARTUP_TIMEOUT_S, kafka),
        wait_for_mongo(uri, STARTUP_TIMEOUT_S, mongo),
    )
    created = await ensure_topics(bootstrap)
    print(f"up: topics created: {', '.join(created) or 'none (all existed)'}")


async def _services_healthy(services: list[ServerProcess]) -> None:
    await asyncio.gather(
        *(
            wait_until(f"{s.name} /health", _health_probe(s.port), STARTUP_TIMEOUT_S, s)
            for s in services
        )
    )


def _health_probe(port: int) -> Callable[[], Awaitable[None]]:
    url = f"http://{HOST}:{port}/health"

    async def probe() -> None:
        status = await asyncio.to_thread(_http_status, url)
        if status != 200:
            raise ServerError(f"GET {url} answered {status}")

    return probe


def _http_status(url: str) -> int:
    with urllib.request.urlopen(url, timeout=2) as response:
        status: int = response.status
        return status


def _tcp_probe(port: int) -> Callable[[], Awaitable[None]]:
    async def probe() -> None:
        _, writer = await asyncio.open_connection(HOST, port)
        writer.close()
        await writer.wait_closed()

    return probe


def _start(
    settings: LocalSettings,
    name: str,
    argv: list[str],
    port: int,
    env: dict[str, str] | None = None,
) -> ServerProcess:
    log, pid_file = settings.logs / f"{name}.log", settings.pids / f"{name}.pid"
    process = ServerProcess(name, argv, port, log, pid_file, env or {}, cwd=ROOT)
    process.start()
    return process


def _ensure_keys(settings: LocalSettings) -> None:
    """The development issuer's signing key and each service's KEK, made once and kept in
    STATE_DIR (losing a KEK loses that service's sealed data, as it would in production)."""
    DevIssuer(settings.issuer_dir, issuer=settings.issuer_url)
    for service in SERVICES:
        keks = settings.keks_file(service)
        if not keks.exists():
            keks.parent.mkdir(parents=True, exist_ok=True)
            keks.write_text(f"local-1:{KeyRing.new_kek()}\n", encoding="utf-8")
            keks.chmod(0o600)


def _seed(settings: LocalSettings) -> None:
    for service in SEEDED:
        module = f"services.{service}.seed"
        print(f"up: loading demo data: {module}")
        log = settings.logs / f"seed-{service}.log"
        with log.open("wb") as output:
            result = subprocess.run(
                [sys.executable, "-m", module, str(SEED_FILE)],
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                env={**os.environ, **settings.service_env(service)},
                cwd=ROOT,
                timeout=STARTUP_TIMEOUT_S,
            )
        if result.returncode != 0:
            raise ServerError(
                f"{module} failed with exit code {result.returncode}; "
                f"end of {log}:\n{log_tail(log)}"
            )


def down(settings: LocalSettings, quiet: bool = False) -> None:
    """Stop the services first, then the servers they use."""
    for name in reversed(_all_names()):
        was_running = stop_from_pid_file(settings.pids / f"{name}.pid")
        if not quiet:
            print(f"down: {name}: {'stopped' if was_running else 'was not running'}")


def status(settings: LocalSettings) -> int:
    addresses = {
        "kafka": f"{HOST}:{settings.kafka_port}",
        "mongo": mongo_uri(settings.mongodb_port),
        "mailcatcher": f"smtp://{HOST}:{settings.smtp_port} -> {settings.mail}",
    }
    addresses |= {s: f"http://{HOST}:{settings.http_port(s)}" for s in SERVICES}
    addresses |= {ISSUER: settings.issuer_url, WEB: settings.web_url}
    all_running = True
    for name in _all_names():
        pid = _running(settings, name)
        all_running &= pid is not None
        state = f"running (pid {pid})" if pid else "stopped"
        print(f"{name:<14} {state:<22} {addresses[name]}")
    return 0 if all_running else 3


def _all_names() -> tuple[str, ...]:
    # Started in this order, stopped in the reverse: the web app first, the servers last.
    return (*SERVERS, ISSUER, *SERVICES, WEB)


def _running(settings: LocalSettings, name: str) -> int | None:
    return running_pid(settings.pids / f"{name}.pid")


def _print_summary(settings: LocalSettings) -> None:
    print("\nThe platform runs:")
    for service in SERVICES:
        print(f"  {service:<14} http://{HOST}:{settings.http_port(service)}")
    print(f"  {'issuer':<14} {settings.issuer_url} (development sign-in, not for production)")
    print(f"  {'kafka':<14} {HOST}:{settings.kafka_port} (in memory: emptied by down)")
    print(f"  {'mongodb':<14} {mongo_uri(settings.mongodb_port)}")
    print(f"  {'mail':<14} smtp://{HOST}:{settings.smtp_port}, saved in {settings.mail}")
    print(f"Logs: {settings.logs}")
    print(
        "Stop with deploy/down.sh (python -m deploy.local down); see python -m deploy.local status"
    )
    print(f"\nOpen the web app: {settings.web_url}")
    print("Sign in as (the sign-in page lists everyone in deploy/seed/demo.yaml):")
    for person, what in SIGN_IN_AS:
        print(f"  {person:<20} {what}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.local",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    start = commands.add_parser("up", help="start everything in the background")
    start.add_argument("--no-seed", action="store_true", help="do not load the demo data")
    commands.add_parser("down", help="stop everything")
    commands.add_parser("status", help="show what runs")
    args = parser.parse_args(argv)
    # aiokafka logs every refused connection while the broker starts; the waits report.
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)
    try:
        settings = LocalSettings()
        if args.command == "up":
            up(settings, seed=not args.no_seed)
        elif args.command == "down":
            down(settings)
        else:
            return status(settings)
    except (ServerError, ValidationError) as error:
        print(f"{args.command}: error: {error}", file=sys.stderr)
        return 1
    except Exception as error:
        print(f"{args.command}: error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
