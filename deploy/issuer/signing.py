"""The development provider's signing key, its JWKS, and the tokens it signs.

The RSA key lives in ``STATE_DIR/issuer`` (created on first use, never committed); the
services read its public half from ``jwks.json`` there, or from the provider's
``/jwks.json``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import time
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from shared.security import Role

__all__ = ["AUDIENCE", "DEFAULT_ISSUER", "DevIssuer"]

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
        """An access token as the services accept it: for the platform's audience."""
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

    def verify(self, token: str, *, audience: str = AUDIENCE) -> dict[str, Any]:
        """The claims of a token this issuer signed (raises ``jwt.InvalidTokenError``)."""
        claims: dict[str, Any] = jwt.decode(
            token,
            self._key.public_key(),
            algorithms=["RS256"],
            audience=audience,
            issuer=self.issuer,
        )
        return claims


def _thumbprint(public: dict[str, Any]) -> str:
    """The key's RFC 7638 thumbprint: a key id that changes only with the key."""
    canonical = json.dumps({k: public[k] for k in ("e", "kty", "n")}, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
