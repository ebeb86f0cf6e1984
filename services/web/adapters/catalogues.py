"""The gettext catalogues, read from their ``.po`` files at start.

Each screen area keeps its own catalogue (``locales/<lang>/LC_MESSAGES/<area>.po``), so
work on one area never touches another's file; a language's catalogues are merged into
one ``Translations``. They are compiled in memory, so no binary ``.mo`` file is kept in
the repository or can fall out of step with its ``.po``. English is the source language:
its messages are the msgids themselves.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

__all__ = ["LOCALES", "load_translations"]

LOCALES = Path(__file__).resolve().parents[1] / "locales"


def load_translations(
    languages: tuple[str, ...], locales: Path = LOCALES
) -> dict[str, NullTranslations]:
    loaded: dict[str, NullTranslations] = {}
    for language in languages:
        merged: NullTranslations = NullTranslations()
        for po_file in sorted((locales / language / "LC_MESSAGES").glob("*.po")):
            with po_file.open("rb") as source:
                catalogue = read_po(source, locale=language)
            compiled = BytesIO()
            write_mo(compiled, catalogue)
            compiled.seek(0)
            translations = Translations(compiled, domain=po_file.stem)
            if isinstance(merged, Translations):
                merged.merge(translations)
            else:
                merged = translations
        loaded[language] = merged
    return loaded
