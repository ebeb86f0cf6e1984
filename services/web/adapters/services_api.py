"""The ``Api`` over HTTP: one connection pool per service, the person's token per call."""

from __future__ import annotations

from typing import Any

import httpx

from services.web.service_layer.api import (
    Conflict,
    FieldError,
    Forbidden,
    Invalid,
    NotFound,
    Service,
    SignInAgain,
    TooMany,
    Unavailable,
)
from shared.logging import get_logger

__all__ = ["ServiceClients"]

log = get_logger(__name__)
_PYDANTIC = "Value error, "


class ServiceClients:
    """The pools, shared by every request; ``as_person`` binds one person's token."""

    def __init__(self, urls: dict[Service, str], *, timeout_s: float) -> None:
        self._clients = {
            service: httpx.AsyncClient(base_url=url, timeout=timeout_s)
            for service, url in urls.items()
        }

    def as_person(self, access_token: str) -> PersonApi:
        return PersonApi(self._clients, access_token)

    async def close(self) -> None:
        for client in self._clients.values():
            await client.aclose()


class PersonApi:
    def __init__(self, clients: dict[Service, httpx.AsyncClient], access_token: str) -> None:
        self._clients = clients
        self._auth = {"Authorization": f"Bearer {access_token}"}

    async def get(
        self, service: Service, path: str, *, params: dict[str, str] | None = None
    ) -> Any:
        return await self._call(service, "GET", path, params=params)

    async def post(
        self,
        service: Service,
        path: str,
        body: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> Any:
        return await self._call(service, "POST", path, json=body or {}, headers=headers)

    async def _call(
        self,
        service: Service,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        **options: Any,
    ) -> Any:
        try:
            response = await self._clients[service].request(
                method, path, headers={**self._auth, **(headers or {})}, **options
            )
        except httpx.HTTPError as failed:
            log.warning("service unreachable", service=service.value, error=type(failed).__name__)
            raise Unavailable(service.value) from None
        if response.is_success:
            return response.json() if response.content else None
        raise _refusal(service, response)


def _refusal(service: Service, response: httpx.Response) -> Exception:
    try:
        body = response.json()
    except ValueError:
        body = {}
    listed = body.get("detail") if isinstance(body, dict) else None
    if isinstance(listed, list):
        # FastAPI's own shape, {"detail": [{"loc", "msg", "type"}]}, as a service's
        # per-field refusal may come (the communal service's "mentions_a_student").
        body = {"detail": "The request is invalid.", "errors": _field_errors(listed)}
    detail = str(body.get("detail") or response.reason_phrase) if isinstance(body, dict) else ""
    status = response.status_code
    if status == 401:
        return SignInAgain(detail)
    if status == 403:
        return Forbidden(detail)
    if status == 404:
        return NotFound(detail)
    if status == 409 and isinstance(body, dict) and "rule" in body:
        return Conflict(str(body["rule"]), str(body.get("message", detail)), str(body["instead"]))
    if status in (409, 422) and isinstance(body, dict):
        errors = [
            # pydantic's "Value error, " says nothing to a person reading the form
            FieldError(
                str(e.get("field", "")),
                str(e.get("message", "")).removeprefix(_PYDANTIC),
                str(e.get("type", "")),
            )
            for e in body.get("errors", [])
            if isinstance(e, dict)
        ]
        return Invalid(detail, errors)
    if status == 429:
        return TooMany(int(response.headers.get("Retry-After", "60")))
    log.warning("service error", service=service.value, status=status)
    return Unavailable(service.value)


def _field_errors(listed: list[Any]) -> list[dict[str, str]]:
    """FastAPI's entries as the platform's: the dotted field without "body", its message."""
    return [
        {
            "field": ".".join(str(part) for part in e.get("loc", ()) if part != "body"),
            "message": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in listed
        if isinstance(e, dict)
    ]
