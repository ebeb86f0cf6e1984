"""The bounds every free-text field of communal welfare keeps: present where required, and
short enough to be a meeting's or a plan's text rather than a dump of a register."""

from __future__ import annotations

from collections.abc import Iterable

from services.communal.domain.refusals import Refused

__all__ = ["bounded", "bounded_list"]


def bounded(field: str, text: str, longest: int, *, required: bool = True) -> str:
    """The text without surrounding whitespace, refused if blank (when required) or too long."""
    text = text.strip()
    if required and not text:
        raise Refused([field], "required", "Write this: it may not be left empty.")
    if len(text) > longest:
        raise Refused(
            [field], "too_long", f"At most {longest} characters here; this has {len(text)}."
        )
    return text


def bounded_list(field: str, items: Iterable[str], longest: int, most: int) -> tuple[str, ...]:
    """Each item ``bounded`` (named ``field.i``), and at most ``most`` of them."""
    items = list(items)
    if len(items) > most:
        raise Refused([field], "too_many", f"At most {most} items here; this has {len(items)}.")
    return tuple(bounded(f"{field}.{i}", item, longest) for i, item in enumerate(items))
