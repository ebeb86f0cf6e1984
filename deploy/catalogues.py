"""The web app's translations: which messages a language still lacks, and stubs for them.

    python -m deploy.catalogues missing            # every msgid without fi or sv text
    python -m deploy.catalogues stub AREA          # append the missing ones to AREA.po, empty

Messages are extracted from services/web (Python and Jinja templates) with Babel, as
``pybabel extract`` would; the catalogues are services/web/locales/<lang>/LC_MESSAGES/*.po,
one per screen area, merged at start. The test suite fails while a message lacks a text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

__all__ = ["TRANSLATED", "extracted", "missing", "translated"]

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT / "services" / "web"
LOCALES = WEB / "locales"
TRANSLATED = ("fi", "sv")  # English is the source language: its msgids are its text
_METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
_OPTIONS = {"templates/**.html": {"extensions": "jinja2.ext.i18n"}}
_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None}


def extracted() -> dict[str, str]:
    """Every msgid in the web app, with the first file that uses it."""
    found: dict[str, str] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        str(WEB), _METHODS, keywords=_KEYWORDS, options_map=_OPTIONS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, filename)
    return found


def translated(language: str) -> dict[str, str]:
    texts: dict[str, str] = {}
    for po_file in sorted((LOCALES / language / "LC_MESSAGES").glob("*.po")):
        with po_file.open("rb") as source:
            for message in read_po(source, locale=language):
                msgid, text = _first(message.id), _first(message.string)
                if msgid and text:
                    texts[msgid] = text
    return texts


def _first(value: str | list[str] | tuple[str, ...] | None) -> str:
    """A plural message's singular form; a plain one as it is."""
    if isinstance(value, list | tuple):
        return value[0] if value else ""
    return value or ""


def missing(language: str) -> dict[str, str]:
    have = translated(language)
    return {msgid: where for msgid, where in extracted().items() if msgid not in have}


def stub(area: str) -> None:
    for language in TRANSLATED:
        po_file = LOCALES / language / "LC_MESSAGES" / f"{area}.po"
        catalogue = Catalog(locale=language, domain=area)
        if po_file.exists():
            with po_file.open("rb") as source:
                catalogue = read_po(source, locale=language)
        for msgid, where in missing(language).items():
            if msgid not in catalogue:
                catalogue.add(msgid, "", auto_comments=[where])
        po_file.parent.mkdir(parents=True, exist_ok=True)
        with po_file.open("wb") as target:
            write_po(target, catalogue, width=100, omit_header=False)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.catalogues", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("missing")
    stubbing = commands.add_parser("stub")
    stubbing.add_argument("area")
    args = parser.parse_args()
    if args.command == "stub":
        stub(args.area)
        return
    for language in TRANSLATED:
        for msgid, where in missing(language).items():
            print(f"{language}\t{where}\t{msgid}")


if __name__ == "__main__":
    main()
