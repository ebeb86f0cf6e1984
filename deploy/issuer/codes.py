"""Authorization codes: one-time, short-lived, bound to the request that asked for them.

They live in this process's memory only: the development provider forgets every code
it issued when it stops, which costs nothing but a sign-in started before the restart.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["CODE_TTL_S", "CodeStore", "Grant", "InvalidGrant", "pkce_challenge"]

CODE_TTL_S = 60.0
# RFC 7636 §4.1: 43 to 128 characters of the unreserved set; S256 challenges are 43.
_VERIFIER = re.compile(r"^[A-Za-z0-9\-._~]{43,128}$")


class InvalidGrant(Exception):
    """The code cannot be exchanged (RFC 6749 §5.2 ``invalid_grant``); says why."""


@dataclass(frozen=True)
class Grant:
    """What a code was issued for: who picked whom, for which client and callback."""

    subject: str
    client_id: str
    redirect_uri: str
    code_challenge: str
    nonce: str | None
    auth_time: int


def pkce_challenge(verifier: str) -> str:
    """RFC 7636 S256: base64url(sha256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class CodeStore:
    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._codes: dict[str, tuple[Grant, float]] = {}

    def issue(self, grant: Grant) -> str:
        self._forget_expired()
        code = secrets.token_urlsafe(32)  # 256 bits
        self._codes[code] = (grant, self._clock() + CODE_TTL_S)
        return code

    def redeem(self, code: str, *, client_id: str, redirect_uri: str, verifier: str) -> Grant:
        """The code's grant, if everything matches. A code is gone once presented, right
        or wrong, so it can neither be replayed nor have its verifier guessed."""
        found = self._codes.pop(code, None)
        if found is None:
            raise InvalidGrant("the code is unknown, or was already used")
        grant, expires = found
        if self._clock() >= expires:
            raise InvalidGrant("the code has expired")
        if grant.client_id != client_id:
            raise InvalidGrant("the code was issued to another client")
        if grant.redirect_uri != redirect_uri:
            raise InvalidGrant("redirect_uri differs from the authorization request's")
        if not _VERIFIER.fullmatch(verifier):
            raise InvalidGrant("code_verifier is not 43 to 128 unreserved characters")
        if not hmac.compare_digest(pkce_challenge(verifier), grant.code_challenge):
            raise InvalidGrant("code_verifier does not match the code_challenge")
        return grant

    def _forget_expired(self) -> None:
        now = self._clock()
        for code in [c for c, (_, expires) in self._codes.items() if now >= expires]:
            del self._codes[code]
