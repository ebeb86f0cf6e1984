"""The token endpoint (RFC 6749 §4.1.3, §5) and userinfo (OpenID Connect Core §5.3).

The access token is the JWT the services already accept (audience ``opiskeluhuolto``,
role, schools, children); the ID token tells the web app who signed in, for the client.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import jwt
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from deploy.issuer.codes import CodeStore, InvalidGrant
from deploy.issuer.people import Person
from deploy.issuer.requests import Client
from deploy.issuer.signing import DevIssuer

__all__ = ["ACCESS_TOKEN_TTL_S", "TokenEndpoint"]

ACCESS_TOKEN_TTL_S = 3600
_NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}  # RFC 6749 §5.1


def _error(error: str, description: str, status: int = 400) -> JSONResponse:
    body = {"error": error, "error_description": description}
    return JSONResponse(body, status_code=status, headers=_NO_STORE)


class TokenEndpoint:
    def __init__(
        self,
        issuer: DevIssuer,
        people: dict[str, Person],
        client: Client,
        codes: CodeStore,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._issuer, self._people, self._client = issuer, people, client
        self._codes, self._clock = codes, clock

    async def token(self, request: Request) -> Response:
        form = await request.form()
        values = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        if values.get("grant_type") != "authorization_code":
            return _error("unsupported_grant_type", "only authorization_code is supported")
        missing = [
            name
            for name in ("code", "redirect_uri", "client_id", "code_verifier")
            if not values.get(name)
        ]
        if missing:
            return _error("invalid_request", f"missing: {', '.join(missing)}")
        if values["client_id"] != self._client.client_id:
            return _error("invalid_client", "client_id is not a client registered here")
        try:
            grant = self._codes.redeem(
                values["code"],
                client_id=values["client_id"],
                redirect_uri=values["redirect_uri"],
                verifier=values["code_verifier"],
            )
        except InvalidGrant as refused:
            return _error("invalid_grant", str(refused))
        person = self._people[grant.subject]
        access = self._issuer.mint(
            person.subject, person.role, ttl_s=ACCESS_TOKEN_TTL_S, **person.claims
        )
        now = int(self._clock())
        id_claims = {
            "iss": self._issuer.issuer,
            "aud": grant.client_id,
            "sub": person.subject,
            "iat": now,
            "exp": now + ACCESS_TOKEN_TTL_S,
            "auth_time": grant.auth_time,
            **({"nonce": grant.nonce} if grant.nonce else {}),
            **_profile(person),
        }
        body = {
            "access_token": access,
            "id_token": self._issuer.sign(id_claims),
            "token_type": "Bearer",
            "expires_in": ACCESS_TOKEN_TTL_S,
        }
        return JSONResponse(body, headers=_NO_STORE)

    async def userinfo(self, request: Request) -> Response:
        scheme, _, token = request.headers.get("authorization", "").partition(" ")
        try:
            if scheme.lower() != "bearer":
                raise jwt.InvalidTokenError("no bearer token")
            claims = self._issuer.verify(token)
            person = self._people[claims["sub"]]
        except (jwt.InvalidTokenError, KeyError):
            challenge = {"WWW-Authenticate": 'Bearer error="invalid_token"'}
            return JSONResponse({"error": "invalid_token"}, status_code=401, headers=challenge)
        return JSONResponse({"sub": person.subject, **_profile(person)}, headers=_NO_STORE)


def _profile(person: Person) -> dict[str, Any]:
    """What the web app picks screens and language by. Staff have no names in the seed;
    only a guardian's name is given, as the seed has it."""
    profile: dict[str, Any] = {
        "role": person.role.value,
        "school_ids": list(person.claims.get("school_ids", [])),
        "student_refs": list(person.claims.get("student_refs", [])),
        "locale": person.locale,
    }
    if person.name:
        profile["name"] = person.name
    return profile
