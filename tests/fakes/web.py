"""The web app's adapters in memory: sessions, and the services answering from a table."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.web.domain.person import SignedIn
from services.web.service_layer.api import Api, Service
from shared.contracts import utc_now

__all__ = ["Call", "FakeServices", "MemorySessions"]


class MemorySessions:
    def __init__(self) -> None:
        self.sessions: dict[str, tuple[dict[str, Any], datetime]] = {}
        self.saves = 0  # each save moves a session's idle deadline

    async def load(self, sid: str) -> tuple[dict[str, Any], datetime] | None:
        return self.sessions.get(sid)

    async def save(self, sid: str, data: dict[str, Any], *, created_at: datetime) -> None:
        self.saves += 1
        self.sessions[sid] = (dict(data), created_at)

    async def delete(self, sid: str) -> None:
        self.sessions.pop(sid, None)

    def sign_in(self, person: SignedIn, *, token: str = "token-of-the-person") -> str:
        """A signed-in session as the sign-in callback leaves it; its cookie value."""
        sid = secrets.token_urlsafe(16)
        data = {"person": person.as_claims(), "access_token": token, "csrf": "csrf-of-test"}
        self.sessions[sid] = (data, utc_now())
        return sid


@dataclass(frozen=True)
class Call:
    service: Service
    method: str
    path: str
    token: str
    body: dict[str, Any] | None = None
    headers: dict[str, str] | None = None
    params: dict[str, str] | None = None


Answer = Callable[[Call], Any]


@dataclass
class FakeServices:
    """``answers[(service, method, path)]`` is a value or a function of the call; a value
    that is an exception is raised, as the HTTP adapter raises a service's refusal."""

    answers: dict[tuple[Service, str, str], Any] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)

    def answer(self, service: Service, method: str, path: str, value: Any) -> None:
        self.answers[(service, method, path)] = value

    def as_person(self, access_token: str) -> Api:
        return _PersonFake(self, access_token)

    async def close(self) -> None:
        pass

    def _respond(self, call: Call) -> Any:
        self.calls.append(call)
        try:
            value = self.answers[(call.service, call.method, call.path)]
        except KeyError:
            missing = f"no answer for {call.method} {call.service} {call.path}"
            raise AssertionError(missing) from None
        if isinstance(value, Exception):
            raise value
        return value(call) if callable(value) else value


class _PersonFake:
    def __init__(self, services: FakeServices, token: str) -> None:
        self._services = services
        self._token = token

    async def get(
        self, service: Service, path: str, *, params: dict[str, str] | None = None
    ) -> Any:
        return self._services._respond(Call(service, "GET", path, self._token, params=params))

    async def post(
        self,
        service: Service,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> Any:
        call = Call(service, "POST", path, self._token, body=body, headers=headers)
        return self._services._respond(call)
