"""Every message of the web app has its Finnish and Swedish text, with the same placeholders."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from deploy.catalogues import LOCALES, TRANSLATED, extracted, missing, translated
from services.web.adapters.catalogues import load_translations

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_message_lacks_a_translation(language: str) -> None:
    lacking = missing(language)
    assert not lacking, f"{language} lacks: " + "; ".join(f"{w}: {m!r}" for m, w in lacking.items())


@pytest.mark.parametrize("language", TRANSLATED)
def test_a_translation_keeps_the_placeholders_of_its_message(language: str) -> None:
    for msgid, text in translated(language).items():
        assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(text)), msgid


@pytest.mark.parametrize("language", TRANSLATED)
def test_each_catalogue_file_parses_and_is_loaded(language: str) -> None:
    files = sorted((LOCALES / language / "LC_MESSAGES").glob("*.po"))
    assert files
    for po_file in files:
        with po_file.open("rb") as source:
            read_po(source, locale=language)
    loaded = load_translations((language,))[language]
    some_message = next(iter(extracted()))
    assert loaded.gettext(some_message) == translated(language)[some_message]
