"""An export as a download: CSV that Excel opens in UTF-8 (a byte-order mark first, a
header row, one published row a line), or JSON; each named for what it holds."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from typing import Any

from fastapi import HTTPException
from fastapi.responses import Response

from services.web.domain.figures_export import Words
from services.web.entrypoints.figures_words import words_in
from services.web.entrypoints.i18n import current_language

__all__ = ["csv_download", "export_words", "json_download"]


def export_words(lang: str | None) -> Words:
    """The asked language (?lang=fi|sv|en), else the page's; any other is refused."""
    try:
        return words_in(lang or current_language())
    except ValueError:
        raise HTTPException(400) from None


def _attachment(filename: str) -> dict[str, str]:
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in filename)
    return {"Content-Disposition": f'attachment; filename="{safe}"'}


def csv_download(rows: Iterable[list[str]], filename: str) -> Response:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerows(rows)
    body = "\ufeff" + text.getvalue()  # Excel reads UTF-8 only when the file says so
    return Response(
        body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers=_attachment(filename),
    )


def json_download(document: dict[str, Any], filename: str) -> Response:
    body = json.dumps(document, ensure_ascii=False, indent=2)
    return Response(
        body.encode("utf-8"),
        media_type="application/json",
        headers=_attachment(filename),
    )
