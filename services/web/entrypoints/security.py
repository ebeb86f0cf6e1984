"""What every response carries, and what every state-changing form must prove.

The headers: a CSP that allows scripts and styles from this site only (none inline, so
an injected ``<script>`` does not run), no framing (clickjacking), no Referer (a case URL
never reaches another site), and no caching of pages that show welfare data on a shared
school computer. The forms: a per-session CSRF token (the synchronizer-token pattern,
which a server-side session makes the simplest sound choice), compared in constant time,
and a same-origin check where the browser sends ``Origin``.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

from fastapi import HTTPException, Request, status
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CSRF_FIELD", "CSRF_HEADER", "SecurityHeaders", "check_csrf"]

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def content_security_policy(issuer: str) -> str:
    # form-action names the issuer: sign-in is a redirect that a form's POST may follow.
    issuer_origin = "{0.scheme}://{0.netloc}".format(urlsplit(issuer))
    return "; ".join(
        (
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "connect-src 'self'",
            f"form-action 'self' {issuer_origin}",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "object-src 'none'",
        )
    )


class SecurityHeaders:
    def __init__(self, app: ASGIApp, *, issuer: str, hsts: bool) -> None:
        self._app = app
        self._headers = {
            "Content-Security-Policy": content_security_policy(issuer),
            "Referrer-Policy": "no-referrer",
            "X-Content-Type-Options": "nosniff",
            "X-Frame-Options": "DENY",
            "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
            "Cross-Origin-Opener-Policy": "same-origin",
        }
        if hsts:
            self._headers["Strict-Transport-Security"] = "max-age=31536000"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        static = scope["path"].startswith("/static/")

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self._headers.items():
                    headers.setdefault(name, value)
                if not static:
                    headers["Cache-Control"] = "no-store"
            await send(message)

        await self._app(scope, receive, with_headers)


def check_csrf(request: Request, submitted: str | None, *, public_base_url: str) -> None:
    """403 unless the request carries this session's token and, if it says, our origin."""
    # With no Referer sent, a browser's own form posts say "Origin: null"; what marks a
    # post from another site is its origin, or the browser's Sec-Fetch-Site.
    origin = request.headers.get("origin")
    foreign = origin not in (None, "null") and origin.rstrip("/") != public_base_url.rstrip("/")
    if foreign or request.headers.get("sec-fetch-site") == "cross-site":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "cross-site form")
    expected = request.session.get("csrf")
    given = submitted or request.headers.get(CSRF_HEADER)
    if not isinstance(expected, str) or not given or not secrets.compare_digest(expected, given):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "csrf")
