"""The session of each request, loaded from the server-side store and saved after it.

``scope["session"]`` is a ``ServerSession`` (a dict), so Starlette's ``request.session``
and Authlib's sign-in state work over it unchanged. Nothing is stored for a visitor who
never needs a session; one that signs in gets a new id (``rotate``), so an id planted
before sign-in is worth nothing after it.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.web.adapters.sessions import SessionStore
from shared.contracts import utc_now

__all__ = ["COOKIE", "POLL_HEADER", "ServerSession", "SessionMiddleware", "session_of"]

COOKIE = "session"
POLL_HEADER = "x-poll"
_UNSESSIONED = ("/static/", "/health")


class ServerSession(dict[str, Any]):
    def __init__(self, data: dict[str, Any], sid: str | None, created_at: datetime) -> None:
        super().__init__(data)
        self.sid = sid
        self.created_at = created_at
        self.rotated = False
        self.ended = False

    def rotate(self) -> None:
        """A new id for the same data: at sign-in, against session fixation."""
        self.rotated = True

    def end(self) -> None:
        self.clear()
        self.ended = True

    @property
    def csrf_token(self) -> str:
        token = self.get("csrf")
        if not isinstance(token, str):
            token = self["csrf"] = secrets.token_urlsafe(32)
        return token


class SessionMiddleware:
    def __init__(self, app: ASGIApp, store: SessionStore, *, secure: bool) -> None:
        self._app = app
        self._store = store
        self._secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(_UNSESSIONED):
            await self._app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        sid = connection.cookies.get(COOKIE)
        # A page polling itself (the console's live panel) is nobody at the keyboard: it
        # must not keep an idle session alive, so it is answered without saving it.
        polled = connection.headers.get(POLL_HEADER) == "1"
        loaded = await self._store.load(sid) if sid else None
        if loaded is None:
            session = ServerSession({}, None, utc_now())
        else:
            session = ServerSession(loaded[0], sid, loaded[1])
        scope["session"] = session

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start" and not (polled and session.sid):
                cookie = await self._settle(session)
                if cookie is not None:
                    MutableHeaders(scope=message).append("Set-Cookie", cookie)
            await send(message)

        await self._app(scope, receive, send_with_cookie)

    async def _settle(self, session: ServerSession) -> str | None:
        """Save or drop the session; the Set-Cookie header the response needs, if any."""
        if session.ended or (not session and session.sid):
            if session.sid:
                await self._store.delete(session.sid)
            return self._cookie("", max_age=0)
        if not session:
            return None
        sid, renewed = session.sid, session.sid is None or session.rotated
        if renewed:
            if sid:
                await self._store.delete(sid)
            sid = session.sid = secrets.token_urlsafe(32)
            if session.rotated:
                session.created_at = utc_now()
        assert sid is not None
        # Saved on every request: that is what moves the idle deadline.
        await self._store.save(sid, dict(session), created_at=session.created_at)
        return self._cookie(sid) if renewed else None

    def _cookie(self, value: str, *, max_age: int | None = None) -> str:
        # No Max-Age on a live session: the browser drops it on close, the server on idle.
        parts = [f"{COOKIE}={value}", "Path=/", "HttpOnly", "SameSite=Lax"]
        if max_age is not None:
            parts.append(f"Max-Age={max_age}")
        if self._secure:
            parts.append("Secure")
        return "; ".join(parts)


def session_of(request: HTTPConnection) -> ServerSession:
    session = request.session
    assert isinstance(session, ServerSession), "SessionMiddleware is not installed"
    return session
