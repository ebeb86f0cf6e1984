"""Sending a community form to the communal service, and what to show when it says no:
each refusal beside its field (a named student's in this area's own words), a rule the
service cites, or that the name check could not run, so nothing was saved. In every
case the form comes back as typed."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from services.web.domain.community_forms import placed
from services.web.entrypoints.i18n import gettext
from services.web.service_layer.api import Conflict, Invalid, Unavailable

__all__ = ["Refused", "attempt", "checked"]

T = TypeVar("T")


@dataclass(frozen=True)
class Refused:
    errors: dict[str, str] = field(default_factory=dict)  # form field: message, translated
    mentions: bool = False  # the service found a student named (mentions_a_student)
    unavailable: bool = False  # the service, or its name check, could not be reached
    conflict: Conflict | None = None

    @property
    def status_code(self) -> int:
        if self.unavailable:
            return 503
        return 409 if self.conflict else 422


def checked(problems: dict[str, str]) -> Refused:
    """The form's own findings (messages marked with N_), translated."""
    return Refused({name: gettext(message) for name, message in problems.items()})


async def attempt(call: Awaitable[T], fields: Sequence[str]) -> T | Refused:
    try:
        return await call
    except Invalid as refused:
        found = [(e.field, e.message, e.kind) for e in refused.errors]
        errors, mentions = placed(found, fields)
        if not errors:
            errors = {"form": refused.detail}
        return Refused({k: gettext(m) for k, m in errors.items()}, mentions=mentions)
    except Conflict as conflict:
        return Refused(conflict=conflict)
    except Unavailable:
        # Fail closed: the service saves nothing it could not check for a student's name.
        return Refused(unavailable=True)
