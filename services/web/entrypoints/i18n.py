"""The language of the request being answered, and gettext for templates and code alike.

The session middleware's neighbour sets the language once per request; templates (through
Jinja's i18n extension) and Python code both translate through ``gettext`` here, so a
page and the messages made for it are always in the same language.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from babel.support import NullTranslations
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from services.web.domain.languages import DEFAULT_LANGUAGE, choose_language

__all__ = [
    "LanguageMiddleware",
    "current_language",
    "gettext",
    "ngettext",
    "template_gettext",
    "template_ngettext",
]

_language: ContextVar[str] = ContextVar("language", default=DEFAULT_LANGUAGE)
_catalogues: dict[str, NullTranslations] = {}


def current_language() -> str:
    return _language.get()


def _catalogue() -> NullTranslations:
    return _catalogues.get(_language.get(), NullTranslations())


def template_gettext(message: str) -> str:
    """For Jinja's newstyle gettext, which fills in the variables itself."""
    return _catalogue().gettext(message)


def template_ngettext(singular: str, plural: str, n: int) -> str:
    return _catalogue().ngettext(singular, plural, n)


def gettext(message: str, **variables: Any) -> str:
    translated = _catalogues.get(_language.get(), NullTranslations()).gettext(message)
    return translated % variables if variables else translated


def ngettext(singular: str, plural: str, n: int, **variables: Any) -> str:
    catalogue = _catalogues.get(_language.get(), NullTranslations())
    translated = catalogue.ngettext(singular, plural, n)
    return translated % {"num": n, **variables}


class LanguageMiddleware:
    """Runs inside the session middleware: the session's choice, else the person's
    directory language (the ID token's ``locale``), else the browser's."""

    def __init__(self, app: ASGIApp, catalogues: dict[str, NullTranslations]) -> None:
        self._app = app
        _catalogues.update(catalogues)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            connection = HTTPConnection(scope)
            session = scope.get("session") or {}
            person = session.get("person") or {}
            language = choose_language(
                session.get("language"),
                person.get("locale"),
                connection.headers.get("accept-language"),
            )
            token = _language.set(language)
            try:
                await self._app(scope, receive, send)
            finally:
                _language.reset(token)
            return
        await self._app(scope, receive, send)
