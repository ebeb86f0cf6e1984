"""A write the rules refuse, named by the fields of the JSON body it came in, so that the
HTTP layer answers in FastAPI's own 422 shape and the form marks the very field.

A field is named as the body names it, with a list item's index after a dot: ``title``,
``agenda.0``, ``parts.cooperation``, ``indicators.2.note``. The refusal never echoes what
was typed: it may be exactly the personal data the rule keeps out.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["Refused", "location"]


def location(field: str) -> list[str | int]:
    """FastAPI's ``loc`` of a body field: ``"agenda.0"`` -> ``["body", "agenda", 0]``."""
    return ["body", *(int(part) if part.isdigit() else part for part in field.split("."))]


class Refused(ValueError):
    """Refused by a rule: ``code`` says which (the web app translates codes, not words)."""

    def __init__(self, fields: Sequence[str], code: str, message: str) -> None:
        super().__init__(f"{', '.join(fields)}: {message}")
        self.fields = tuple(fields)
        self.code = code
        self.message = message

    def errors(self) -> list[dict[str, object]]:
        """One entry per field, as FastAPI's ``detail`` lists them."""
        return [{"loc": location(f), "msg": self.message, "type": self.code} for f in self.fields]
