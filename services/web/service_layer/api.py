"""The services as the web app sees them: JSON over HTTP, with the person's own token.

Use cases take an ``Api`` bound to the signed-in person; the HTTP adapter implements it,
and the tests' fake answers from memory. A service's refusal arrives as one of the
exceptions below, each carrying what the person needs to understand it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

__all__ = [
    "Api",
    "ApiRefusal",
    "Clients",
    "Conflict",
    "FieldError",
    "Forbidden",
    "Invalid",
    "NotFound",
    "Service",
    "SignInAgain",
    "TooMany",
    "Unavailable",
]


class Service(StrEnum):
    INTAKE = "intake"
    WELFARE_GROUP = "welfare_group"
    NOTIFICATIONS = "notifications"
    COMMUNAL = "communal"


class Api(Protocol):
    async def get(
        self, service: Service, path: str, *, params: dict[str, str] | None = None
    ) -> Any: ...

    async def post(
        self,
        service: Service,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> Any: ...


class Clients(Protocol):
    """The services for everyone: ``as_person`` binds one person's access token."""

    def as_person(self, access_token: str) -> Api: ...

    async def close(self) -> None: ...


class ApiRefusal(Exception):
    """A service said no; the subclass says how, the message says why."""


class SignInAgain(ApiRefusal):
    """The service no longer accepts the person's token (expired, revoked, rotated)."""


class Forbidden(ApiRefusal):
    """No basis to see or do this; the service has logged the refusal."""


class NotFound(ApiRefusal):
    pass


@dataclass(frozen=True)
class FieldError:
    field: str  # dotted, as the service names it: "members.0.staff_id"
    message: str
    # The service's code for the refusal, when it gives one ("mentions_a_student"): a
    # screen may answer that one in its own words rather than the service's English.
    kind: str = ""


@dataclass
class Invalid(ApiRefusal):
    detail: str
    errors: list[FieldError] = field(default_factory=list)

    def __str__(self) -> str:
        return self.detail


@dataclass
class Conflict(ApiRefusal):
    """The law forbids the step now: which rule, why, and what to do instead."""

    rule: str
    message: str
    instead: str

    def __str__(self) -> str:
        return self.message


@dataclass
class TooMany(ApiRefusal):
    retry_after_s: int

    def __str__(self) -> str:
        return f"too many requests; try again in {self.retry_after_s} s"


class Unavailable(ApiRefusal):
    """The service did not answer, or answered with its own error."""
