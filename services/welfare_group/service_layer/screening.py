"""Screening communal welfare's texts for the school's students: the welfare group answers,
since it alone holds the student register. It reads the register and nothing of any case,
changes nothing, and tells only which fields mention a student, and how, never whom."""

from __future__ import annotations

from collections.abc import Mapping

from services.welfare_group.domain.text_screening import Mention, StudentScreen
from services.welfare_group.service_layer.unit_of_work import StudentRegister

__all__ = ["screen_texts"]


async def screen_texts(
    school_id: str, texts: Mapping[str, str], students: StudentRegister
) -> dict[str, list[Mention]]:
    """Each field that mentions one of the school's students, with what it mentions."""
    return StudentScreen(await students.at_school(school_id)).screen(texts)
