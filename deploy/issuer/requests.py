"""The authorization request (RFC 6749 §4.1.1 with PKCE, RFC 7636), checked as the
provider must: who may be redirected to first, then everything else.

An unknown client or a callback it never registered is shown on the provider's own page
and never redirected to (RFC 6749 §4.1.2.1): the provider is no open redirector. Every
other fault goes back to the client's callback as ``error=...`` with its ``state``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

__all__ = [
    "AuthorizationError",
    "AuthorizationRequest",
    "Client",
    "NotRedirectable",
    "parse_request",
    "with_query",
]

_CHALLENGE = re.compile(r"^[A-Za-z0-9_-]{43}$")  # base64url of a SHA-256 digest
_SINGLE = ("response_type", "client_id", "redirect_uri", "scope", "state", "nonce")


@dataclass(frozen=True)
class Client:
    """A registered public client: no secret, PKCE S256, these callbacks exactly."""

    client_id: str
    redirect_uris: tuple[str, ...]


class NotRedirectable(Exception):
    """A request the provider answers on its own page: the callback cannot be trusted."""


class AuthorizationError(Exception):
    def __init__(self, error: str, description: str, redirect_uri: str, state: str | None):
        super().__init__(f"{error}: {description}")
        self.error, self.description = error, description
        self.redirect_uri, self.state = redirect_uri, state

    def location(self) -> str:
        answer = {"error": self.error, "error_description": self.description}
        if self.state is not None:
            answer["state"] = self.state
        return with_query(self.redirect_uri, answer)


@dataclass(frozen=True)
class AuthorizationRequest:
    client_id: str
    redirect_uri: str
    scope: str
    state: str | None
    nonce: str | None
    code_challenge: str

    def hidden_fields(self) -> dict[str, str]:
        """What the sign-in page's form carries back to POST /authorize."""
        fields = {
            "response_type": "code",
            "client_id": self.client_id,
            "redirect_uri": self.redirect_uri,
            "scope": self.scope,
            "code_challenge": self.code_challenge,
            "code_challenge_method": "S256",
        }
        fields |= {k: v for k, v in (("state", self.state), ("nonce", self.nonce)) if v}
        return fields


def parse_request(params: Mapping[str, Sequence[str]], client: Client) -> AuthorizationRequest:
    """The request, from every value of each parameter (one each is allowed)."""

    def one(name: str) -> str | None:
        values = params.get(name, [])
        return values[0] if len(values) == 1 else None

    client_id, redirect_uri = one("client_id"), one("redirect_uri")
    if client_id != client.client_id:
        raise NotRedirectable("client_id is missing or is not a client registered here")
    if redirect_uri is None or redirect_uri not in client.redirect_uris:
        raise NotRedirectable("redirect_uri is missing or is not registered for this client")
    state = one("state")

    def refuse(error: str, description: str) -> AuthorizationError:
        return AuthorizationError(error, description, redirect_uri, state)

    if any(len(params.get(name, [])) > 1 for name in _SINGLE):
        raise refuse("invalid_request", "a parameter is given more than once")
    if one("response_type") != "code":
        raise refuse("unsupported_response_type", "only response_type=code is supported")
    scope = one("scope") or ""
    if "openid" not in scope.split():
        raise refuse("invalid_scope", "the openid scope is required")
    challenge = one("code_challenge")
    if challenge is None or not _CHALLENGE.fullmatch(challenge):
        raise refuse("invalid_request", "a PKCE code_challenge (S256) is required")
    if one("code_challenge_method") != "S256":
        raise refuse("invalid_request", "code_challenge_method must be S256")
    return AuthorizationRequest(client_id, redirect_uri, scope, state, one("nonce"), challenge)


def with_query(url: str, parameters: Mapping[str, str]) -> str:
    """``url`` with ``parameters`` added to whatever query it already has."""
    parts = urlsplit(url)
    query = "&".join(q for q in (parts.query, urlencode(parameters)) if q)
    return urlunsplit(parts._replace(query=query))
