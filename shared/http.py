"""What every service's HTTP side has in common: errors people can act on, health, serving."""

from __future__ import annotations

from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from shared.logging import configure_logging
from shared.runtime import ServiceRuntime

__all__ = ["create_app", "field_errors", "serve"]


def field_errors(errors: Any) -> list[dict[str, str]]:
    """One message per field, without echoing the input (it may be personal data)."""
    return [
        {
            "field": ".".join(str(part) for part in error["loc"] if part != "body"),
            "message": str(error["msg"]),
        }
        for error in errors
    ]


async def _invalid_request(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return JSONResponse(
        status_code=422,
        content={"detail": "The request is invalid.", "errors": field_errors(exc.errors())},
    )


def create_app(runtime: ServiceRuntime, *, title: str, description: str) -> FastAPI:
    app = FastAPI(title=title, description=description, version="1", lifespan=runtime.lifespan)
    app.add_exception_handler(RequestValidationError, _invalid_request)

    @app.get("/health", tags=["operations"], summary="Liveness and database reachability")
    async def health() -> dict[str, str]:
        await runtime.store.ping()
        return {"status": "ok", "service": runtime.service}

    return app


def serve(app: FastAPI, runtime: ServiceRuntime) -> None:
    settings = runtime.settings
    configure_logging(service=runtime.service, level=settings.log_level, json=settings.log_json)
    # log_config=None: uvicorn logs through the root logger, so through the redaction.
    uvicorn.run(app, host=settings.http_host, port=settings.http_port, log_config=None)
