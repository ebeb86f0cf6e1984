"""The local development identity provider: signs tokens for the seeded people.

    python -m deploy.issuer token psychologist-elias          # a staff member from the seed
    python -m deploy.issuer token guardian-0001               # a guardian, with their children
    python -m deploy.issuer token student-0001 --role student
    python -m deploy.issuer token admin-1 --role administrator
    python -m deploy.issuer serve --port 8400                 # JWKS and discovery over HTTP

The RSA key lives in ``STATE_DIR/issuer`` (created on first use, never committed); the
services read its public half from ``jwks.json`` there, or from ``serve``. Production
points OIDC_ISSUER / OIDC_JWKS_URL at the education provider's real identity provider.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.security import Role
from shared.seed import load_seed

__all__ = ["DevIssuer", "claims_from_seed"]

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_ISSUER = "http://127.0.0.1:8400"
AUDIENCE = "opiskeluhuolto"


class DevIssuer:
    def __init__(self, key_dir: Path, *, issuer: str = DEFAULT_ISSUER) -> None:
        self.issuer = issuer
        key_dir.mkdir(parents=True, exist_ok=True)
        key_file = key_dir / "signing-key.pem"
        if not key_file.exists():
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            key_file.write_bytes(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
            key_file.chmod(0o600)
        loaded = serialization.load_pem_private_key(key_file.read_bytes(), password=None)
        assert isinstance(loaded, rsa.RSAPrivateKey)
        self._key = loaded
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(loaded.public_key()))
        self.kid = _thumbprint(public)
        self.jwks = {"keys": [{**public, "kid": self.kid, "use": "sig", "alg": "RS256"}]}
        self.jwks_file = key_dir / "jwks.json"
        self.jwks_file.write_text(json.dumps(self.jwks), encoding="utf-8")

    @property
    def jwks_url(self) -> str:
        return f"file://{self.jwks_file}"

    def mint(self, subject: str, role: Role, *, ttl_s: int = 8 * 3600, **claims: Any) -> str:
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "aud": AUDIENCE,
            "sub": subject,
            "role": role.value,
            "iat": now,
            "exp": now + ttl_s,
            **{k: v for k, v in claims.items() if v is not None},
        }
        return self.sign(payload)

    def sign(self, claims: dict[str, Any]) -> str:
        """Sign any claims as they are (the tests forge bad tokens with it)."""
        return jwt.encode(claims, self._key, algorithm="RS256", headers={"kid": self.kid})

    def serve(self, port: int) -> ThreadingHTTPServer:
        documents = {
            "/jwks.json": self.jwks,
            "/.well-known/openid-configuration": {
                "issuer": self.issuer,
                "jwks_uri": f"{self.issuer}/jwks.json",
                "id_token_signing_alg_values_supported": ["RS256"],
            },
        }

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                document = documents.get(self.path)
                body = json.dumps(document).encode()
                self.send_response(200 if document else 404)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return ThreadingHTTPServer(("127.0.0.1", port), Handler)


def _thumbprint(public: dict[str, Any]) -> str:
    """The key's RFC 7638 thumbprint: a key id that changes only with the key."""
    canonical = json.dumps({k: public[k] for k in ("e", "kty", "n")}, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def claims_from_seed(seed_file: Path, subject: str) -> tuple[Role, dict[str, Any]]:
    """A seeded person's role and claims: staff with their school, guardians with children,
    a student with the school the register enrols them at."""
    seed = load_seed(seed_file)
    # A professional who serves several schools is listed at each: the token names them all.
    postings = [
        (staff.role, school.school_id)
        for school in seed.schools
        for staff in school.staff
        if staff.staff_id == subject
    ]
    if postings:
        return Role(postings[0][0].value), {"school_ids": [school for _, school in postings]}
    for guardian in seed.guardians:
        if guardian.guardian_id == subject:
            claims: dict[str, Any] = {"student_refs": list(guardian.student_refs)}
            if guardian.school_ids:
                claims["school_ids"] = list(guardian.school_ids)
            return Role.GUARDIAN, claims
    if any(a.administrator_id == subject for a in seed.welfare_administrators):
        return Role.ADMINISTRATOR, {}
    for supervisor in seed.service_supervisors:
        if supervisor.supervisor_id == subject:
            return Role.SERVICE_SUPERVISOR, {"school_ids": list(supervisor.school_ids)}
    for student in seed.students:
        if student.student_ref == subject:
            return Role.STUDENT, {"school_ids": [student.school_id] if student.school_id else []}
    raise SystemExit(f"{subject} is not in {seed_file}; give --role for anyone else")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.issuer", description=__doc__)
    parser.add_argument("--state-dir", type=Path, default=ROOT / ".local")
    parser.add_argument("--issuer", default=DEFAULT_ISSUER)
    commands = parser.add_subparsers(dest="command", required=True)
    token = commands.add_parser("token", help="print a bearer token for one person")
    token.add_argument("subject")
    token.add_argument("--role", choices=[r.value for r in Role])
    token.add_argument("--seed", type=Path, default=ROOT / "deploy" / "seed" / "demo.yaml")
    serve = commands.add_parser("serve", help="serve the JWKS and OIDC discovery")
    serve.add_argument("--port", type=int, default=8400)
    args = parser.parse_args()
    issuer = DevIssuer(args.state_dir / "issuer", issuer=args.issuer)
    if args.command == "token":
        claims: dict[str, Any] = {}
        if args.role:
            role = Role(args.role)
        else:
            role, claims = claims_from_seed(args.seed, args.subject)
        print(issuer.mint(args.subject, role, **claims))
    else:
        issuer.serve(args.port).serve_forever()


if __name__ == "__main__":
    main()
