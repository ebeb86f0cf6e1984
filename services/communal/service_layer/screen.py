"""Every free text of communal welfare is screened before anything is kept: locally for what
its shape betrays (``domain.screening``), and by the welfare group for the names of the
school's students, which it alone knows. A mention anywhere refuses the whole write; if the
welfare group cannot be asked, nothing is saved either (fail closed)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Protocol

from services.communal.domain.screening import MentionsAStudent, screen

__all__ = ["ScreenUnavailable", "TextScreen", "refuse_mentions"]


class ScreenUnavailable(Exception):
    """The welfare group's check could not be asked or did not answer: refuse with 503, and
    let the web app keep what was typed as a draft."""


class TextScreen(Protocol):
    """The welfare group's name check (``POST /schools/{school_id}/text-screening``), asked
    with the caller's own token."""

    async def mentions(self, school_id: str, texts: Mapping[str, str]) -> Mapping[str, set[str]]:
        """The fields whose text names one of the school's students, and how (codes such as
        ``student_name``), never whom; fields without a mention may be left out. Raises
        ``ScreenUnavailable`` if the check cannot be had."""


async def refuse_mentions(
    text_screen: TextScreen, school_ids: Collection[str], texts: Mapping[str, str]
) -> None:
    """Raise ``MentionsAStudent`` naming every field (in ``texts``' order) that singles a
    student out, by its shape or by the name of a student of any of ``school_ids``."""
    texts = {field: text for field, text in texts.items() if text.strip()}
    found: dict[str, set[str]] = {f: set(kinds) for f, kinds in screen(texts).items()}
    try:
        for school_id in school_ids if texts else ():
            for field, kinds in (await text_screen.mentions(school_id, texts)).items():
                if field in texts and kinds:  # a field not asked about is no field of ours
                    found.setdefault(field, set()).update(kinds)
    except ScreenUnavailable:
        if not found:
            raise
        # What was found here is refusal enough, and says more than "try again later".
    if found:
        raise MentionsAStudent({field: found[field] for field in texts if field in found})
