"""Bearer tokens: OIDC-style JWTs signed RS256 by the configured issuer, checked with PyJWT.

The issuer's public keys (JWKS) are fetched once and kept; a token signed with a key not
yet seen makes one refetch, so the issuer can rotate its keys without a restart.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
import jwt
from pydantic import TypeAdapter, ValidationError

from shared.contracts import Identifier
from shared.security.identity import Principal, Role

__all__ = ["JwksSource", "TokenVerifier", "Unauthenticated"]

_IDENTIFIER: TypeAdapter[str] = TypeAdapter(Identifier)
_IDENTIFIERS: TypeAdapter[list[str]] = TypeAdapter(list[Identifier])
ALGORITHM = "RS256"  # asymmetric only: a service never holds a key that could mint tokens


class Unauthenticated(Exception):
    """The request carries no token this service can trust; the message says why."""


class JwksSource:
    """The issuer's public keys from an https URL or, for development, a ``file://`` path."""

    def __init__(self, url: str, *, min_refetch_s: float = 30.0) -> None:
        self._url = url
        self._min_refetch_s = min_refetch_s
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = float("-inf")

    async def key(self, kid: str) -> jwt.PyJWK:
        if kid not in self._keys and time.monotonic() - self._fetched_at > self._min_refetch_s:
            await self._fetch()
        try:
            return self._keys[kid]
        except KeyError:
            raise Unauthenticated(
                "the token is signed with a key the issuer does not publish"
            ) from None

    async def _fetch(self) -> None:
        try:
            document = await self._read()
            keys = jwt.PyJWKSet.from_dict(document).keys
        except (OSError, httpx.HTTPError, ValueError, jwt.PyJWKSetError) as failed:
            reason = f"the issuer's keys cannot be read ({type(failed).__name__})"
            raise Unauthenticated(reason) from None
        self._keys = {k.key_id: k for k in keys if k.key_id}
        self._fetched_at = time.monotonic()

    async def _read(self) -> dict[str, Any]:
        if self._url.startswith("file://"):
            # A development key file of a few hundred bytes, read once: not worth a thread.
            document: dict[str, Any] = json.loads(Path(self._url[7:]).read_text("utf-8"))  # noqa: ASYNC240
            return document
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.get(self._url)
            response.raise_for_status()
            fetched: dict[str, Any] = response.json()
            return fetched


_REASONS: tuple[tuple[type[jwt.InvalidTokenError], str], ...] = (
    (jwt.ExpiredSignatureError, "the token has expired"),
    (jwt.ImmatureSignatureError, "the token is not valid yet"),
    (jwt.InvalidAudienceError, "the token is not meant for this service"),
    (jwt.InvalidIssuerError, "the token comes from an issuer this service does not trust"),
    (jwt.MissingRequiredClaimError, "the token lacks a required claim"),
    (jwt.InvalidSignatureError, "the token's signature does not verify"),
    (jwt.InvalidAlgorithmError, f"only {ALGORITHM}-signed tokens are accepted"),
)


class TokenVerifier:
    def __init__(
        self, *, issuer: str, audience: str, jwks: JwksSource, leeway_s: float = 30.0
    ) -> None:
        self._issuer = issuer
        self._audience = audience
        self._jwks = jwks
        self._leeway_s = leeway_s

    async def principal(self, token: str) -> Principal:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.DecodeError:
            raise Unauthenticated("the bearer token is not a JWT") from None
        if header.get("alg") != ALGORITHM:
            raise Unauthenticated(f"only {ALGORITHM}-signed tokens are accepted")
        key = await self._jwks.key(str(header.get("kid", "")))
        try:
            claims = jwt.decode(
                token,
                key.key,
                algorithms=[ALGORITHM],
                audience=self._audience,
                issuer=self._issuer,
                leeway=self._leeway_s,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )
        except jwt.InvalidTokenError as invalid:
            reason = next((r for kind, r in _REASONS if isinstance(invalid, kind)), None)
            raise Unauthenticated(reason or "the token is invalid") from None
        return _principal(claims)


def _principal(claims: dict[str, Any]) -> Principal:
    try:
        role = Role(str(claims.get("role")))
    except ValueError:
        raise Unauthenticated("the token names no role this platform knows") from None
    try:
        refs = _IDENTIFIERS.validate_python(claims.get("student_refs", []))
        subject = _IDENTIFIER.validate_python(claims["sub"])
        schools = _IDENTIFIERS.validate_python(_schools_claim(claims))
    except ValidationError:
        raise Unauthenticated("the token's subject or references are malformed") from None
    if role is Role.STUDENT:
        refs = [subject]
    return Principal(subject, role, frozenset(schools), frozenset(refs))


def _schools_claim(claims: dict[str, Any]) -> list[Any]:
    """``school_ids`` (a list) and ``school_id`` (one), as identity providers differ."""
    schools = claims.get("school_ids", [])
    if not isinstance(schools, list):
        raise Unauthenticated("the token's school_ids claim is not a list")
    one = claims.get("school_id")
    return [*schools, one] if one is not None else schools
