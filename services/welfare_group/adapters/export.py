"""A student's whole welfare record, every case in date order, as JSON or a printable page."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

__all__ = ["render_printable"]

# Autoescaping: the record holds free text written by people; none of it may become markup.
_TEMPLATES = Environment(
    loader=PackageLoader("services.welfare_group.adapters", "templates"),
    autoescape=select_autoescape(["html"]),
)


def render_printable(export: dict[str, Any]) -> str:
    return _TEMPLATES.get_template("record.html").render(export=export)
