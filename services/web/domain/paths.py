"""Where a person may be sent back to after sign-in or a language switch: only here."""

from __future__ import annotations

from urllib.parse import urlsplit

__all__ = ["local_path"]


def local_path(candidate: str | None, default: str = "/") -> str:
    """``candidate`` if it is a path on this site, else ``default``.

    Refuses what would leave the site (``//evil.example``, ``https://…``, ``/\\evil``),
    so a crafted ``next=`` cannot make the sign-in an open redirect.
    """
    if not candidate or not candidate.startswith("/") or candidate.startswith(("//", "/\\")):
        return default
    parts = urlsplit(candidate)
    if parts.scheme or parts.netloc or any(c in candidate for c in "\r\n\t"):
        return default
    return candidate
