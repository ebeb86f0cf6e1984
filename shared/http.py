"""What every service's HTTP side has in common: errors people can act on, health, serving."""

from __future__ import annotations

from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.logging import configure_logging
from shared.runtime import ServiceRuntime
from shared.security import settle_rejected_request

__all__ = ["TAGS", "BodyLimit", "create_app", "field_errors", "serve"]

# Every tag an operation may carry, with what it groups: each service's OpenAPI document
# declares the ones its operations use.
TAGS: dict[str, str] = {
    "concerns": "Raising a concern about a student (§16), and following its status.",
    "requests": "The student's or a guardian's own request, another person's contact (§15).",
    "cases": "Individual welfare cases and their record (§20), for those with a basis.",
    "case steps": "One operation per step of a case; a step the law forbids now is 409.",
    "administration": "Counts for the principal and the administrator: no case content.",
    "family": "What a student and their guardian see of the student's cases, within §18.",
    "access log": "Who used case data, when and on what basis: searched, or read by the family.",
    "notifications": "A person's inbox, and the deliveries for the administrator.",
    "dead letters": "Messages a consumer could not process: listed, replayed, discarded, revealed.",
    "operations": "Liveness, and the administrator's status of the service: counts only.",
    "communal welfare": "Communal welfare's texts checked for a school's students: never whom.",
    "statistics": "Figures by month, term and year that name no one: every count under 5 hidden.",
    "communal group": "The school's communal welfare group: meetings, agendas, minutes (§4).",
    "welfare plans": "The welfare plans (§13) of each school and of the education provider.",
}


def field_errors(errors: Any) -> list[dict[str, str]]:
    """One message per field, without echoing the input (it may be personal data)."""
    return [
        {
            "field": ".".join(str(part) for part in error["loc"] if part != "body"),
            "message": str(error["msg"]),
        }
        for error in errors
    ]


async def _invalid_request(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    await settle_rejected_request(request)
    return JSONResponse(
        status_code=422,
        content={"detail": "The request is invalid.", "errors": field_errors(exc.errors())},
    )


class BodyLimit:
    """Refuse a request body over ``limit`` bytes with 413, before any of it is parsed,
    whether or not the client declared its length."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self._app = app
        self._limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self._limit:
            await self._refuse(scope, receive, send)
            return
        seen, refused = 0, False

        async def counted() -> Message:
            nonlocal seen, refused
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self._limit and not refused:
                # Answer now, and tell the app the client left: it stops reading.
                refused = True
                await self._refuse(scope, receive, send)
                return {"type": "http.disconnect"}
            return message

        async def unless_refused(message: Message) -> None:
            if not refused:
                await send(message)

        await self._app(scope, counted, unless_refused)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"The request body is larger than {self._limit} bytes."
        await JSONResponse(status_code=413, content={"detail": detail})(scope, receive, send)


def create_app(runtime: ServiceRuntime, *, title: str, description: str) -> FastAPI:
    app = FastAPI(title=title, description=description, version="1", lifespan=runtime.lifespan)
    app.state.gate = runtime.gate  # whose rules every route must be covered by
    app.state.metrics = runtime.metrics
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_middleware(BodyLimit, limit=runtime.settings.max_request_bytes)
    runtime.exposure.instrument(app)  # outermost: counts the body limit's refusals too

    def documented() -> dict[str, Any]:
        """The OpenAPI document, declaring the tags its operations use (and no others)."""
        if app.openapi_schema is not None:
            return app.openapi_schema
        app.openapi_tags = [{"name": n, "description": d} for n, d in TAGS.items()]
        schema = FastAPI.openapi(app)
        used = {
            tag
            for operations in schema["paths"].values()
            for operation in operations.values()
            for tag in operation.get("tags", ())
        }
        schema["tags"] = [tag for tag in schema["tags"] if tag["name"] in used]
        return schema

    app.openapi = documented  # type: ignore[method-assign]

    @app.get(
        "/health",
        tags=["operations"],
        summary="Liveness and database reachability",
        description=(
            "Whether the service and its database answer. Needs no token and tells nothing else."
        ),
    )
    async def health() -> dict[str, str]:
        await runtime.store.ping()
        return {"status": "ok", "service": runtime.service}

    return app


def serve(app: FastAPI, runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    configure_logging(service=runtime.service, level=settings.log_level, json=settings.log_json)
    # log_config=None: uvicorn logs through the root logger, so through the redaction.
    uvicorn.run(app, host=settings.http_host, port=settings.http_port, log_config=None)
