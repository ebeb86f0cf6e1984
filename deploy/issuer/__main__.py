"""``python -m deploy.issuer token <person> | serve``: see the package's docstring."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import uvicorn

from deploy import issuer as package
from deploy.issuer.people import claims_from_seed, directory
from deploy.issuer.provider import create_app
from deploy.issuer.requests import Client
from deploy.issuer.signing import DEFAULT_ISSUER, DevIssuer
from shared.security import Role

__all__ = ["main"]

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "deploy" / "seed" / "demo.yaml"
CLIENT_ID = "opiskeluhuolto-web"
REDIRECT_URI = "http://127.0.0.1:8080/auth/callback"


def _shared(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """--state-dir and --issuer, before the command (as the walk-through has always given
    them) or after it; given after, they win."""
    default: Any = argparse.SUPPRESS
    parser.add_argument("--state-dir", type=Path, default=ROOT / ".local" if top else default)
    parser.add_argument("--issuer", default=None if top else default, help="the issuer URL")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.issuer",
        description=package.__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _shared(parser, top=True)
    commands = parser.add_subparsers(dest="command", required=True)
    token = commands.add_parser("token", help="print a bearer token for one person")
    token.add_argument("subject")
    token.add_argument("--role", choices=[r.value for r in Role])
    token.add_argument("--seed", type=Path, default=SEED)
    _shared(token, top=False)
    serve = commands.add_parser("serve", help="serve the OpenID Connect provider")
    serve.add_argument("--port", type=int, default=8400)
    serve.add_argument("--seed", type=Path, default=SEED)
    serve.add_argument("--client-id", default=CLIENT_ID)
    serve.add_argument(
        "--redirect-uri",
        action="append",
        help=f"a callback the client may be sent back to (repeatable; {REDIRECT_URI})",
    )
    _shared(serve, top=False)
    args = parser.parse_args(argv)
    if args.command == "token":
        issuer = DevIssuer(args.state_dir / "issuer", issuer=args.issuer or DEFAULT_ISSUER)
        claims: dict[str, Any] = {}
        if args.role:
            role = Role(args.role)
        else:
            role, claims = claims_from_seed(args.seed, args.subject)
        print(issuer.mint(args.subject, role, **claims))
        return
    url = args.issuer or f"http://127.0.0.1:{args.port}"
    issuer = DevIssuer(args.state_dir / "issuer", issuer=url.rstrip("/"))
    client = Client(args.client_id, tuple(args.redirect_uri or [REDIRECT_URI]))
    app = create_app(issuer, directory(args.seed), client)
    uvicorn.run(app, host="127.0.0.1", port=args.port, log_level="info")


if __name__ == "__main__":
    main()
