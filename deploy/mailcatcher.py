"""A development mail catcher: an SMTP server that saves every mail it receives as a file.

    python -m deploy.mailcatcher --port 2525 --dir .local/mail

Each mail becomes ``<time>-<id>.eml`` in the directory, with the SMTP envelope added as
``X-Envelope-From`` and ``X-Envelope-To`` headers (a Bcc recipient appears only there).
It accepts any login and never relays anything: for local development only.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import time
import uuid
import warnings
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, Envelope, Session


class SaveToDirectory:
    """aiosmtpd handler writing each message to ``directory`` (atomically, via a rename)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        headers = (
            f"X-Envelope-From: {envelope.mail_from}\r\n"
            f"X-Envelope-To: {', '.join(envelope.rcpt_tos)}\r\n"
        )
        name = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}.eml"
        partial = self.directory / f".{name}.part"
        partial.write_bytes(headers.encode() + content)
        partial.rename(self.directory / name)
        return "250 Message accepted for delivery"


def _accept_any_login(*_: Any) -> AuthResult:
    return AuthResult(success=True)


async def serve(host: str, port: int, directory: Path) -> None:
    """Serve until SIGTERM or SIGINT."""
    handler = SaveToDirectory(directory)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(
            handler,
            hostname="mailcatcher.local",
            enable_SMTPUTF8=True,
            authenticator=_accept_any_login,
            auth_require_tls=False,
        ),
        host,
        port,
    )
    stopped = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopped.set)
    print(f"mailcatcher: smtp://{host}:{port} -> {directory}", flush=True)
    await stopped.wait()
    server.close()
    await server.wait_closed()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.mailcatcher",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--dir", type=Path, default=Path(".local/mail"), dest="directory")
    args = parser.parse_args(argv)
    # aiosmtpd warns about its own use of a deprecated attribute at every login.
    warnings.filterwarnings("ignore", "Session.login_data is deprecated")
    asyncio.run(serve(args.host, args.port, args.directory.resolve()))


if __name__ == "__main__":
    main()
