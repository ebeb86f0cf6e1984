"""The three languages of the screens, and which one a person gets.

Finnish and Swedish are Finland's national languages; English is for staff and families
who read neither. Finnish is the default, as the education provider's own language.
"""

from __future__ import annotations

from babel import Locale, negotiate_locale

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "choose_language", "language_names"]

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "fi"


def choose_language(
    chosen: str | None, from_directory: str | None, accept_language: str | None
) -> str:
    """What the person chose here, else their directory language, else their browser's."""
    for language in (chosen, from_directory):
        if language and language[:2] in LANGUAGES:
            return language[:2]
    preferred = [part.split(";")[0].strip() for part in (accept_language or "").split(",")]
    negotiated = negotiate_locale([p.replace("-", "_") for p in preferred if p], LANGUAGES)
    return negotiated or DEFAULT_LANGUAGE


def language_names() -> dict[str, str]:
    """Each language named in itself, as a switcher must (WCAG 3.1.2: with its own lang)."""
    return {code: str(Locale.parse(code).get_display_name(code)).capitalize() for code in LANGUAGES}
