"""A consent request as the family answers it (§14): each member and outside party the
request names, consented to or refused, one by one, never by default.

What the family may send is the answer alone: the items, the request answered and the
electronic form. Who answers is the one signed in (the service takes it from the token);
the purpose and the capacity assessment are the request's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.web.domain.family import N_

__all__ = ["STALE", "ConsentItem", "ConsentRequest", "consent_request_of", "parse_answer"]

CONSENT, REFUSE = "consent", "refuse"
STALE = N_("This request is no longer open as it was: it may have been answered already.")


@dataclass(frozen=True)
class ConsentItem:
    """A member (``role`` set: a staff id and their role) or an outside party (no role)."""

    item: str
    role: str | None
    decision: str | None  # consented, refused, withdrawn; None: still to answer

    @property
    def field(self) -> str:
        return f"{'m' if self.role else 'p'}-{self.item}"


@dataclass(frozen=True)
class ConsentRequest:
    request_id: str
    asked_at: datetime
    asked_of: str
    purpose: str
    members: tuple[ConsentItem, ...]
    outside_parties: tuple[ConsentItem, ...]

    @property
    def items(self) -> tuple[ConsentItem, ...]:
        return self.members + self.outside_parties

    @property
    def open_items(self) -> tuple[ConsentItem, ...]:
        return tuple(i for i in self.items if i.decision is None)


def consent_request_of(raw: Mapping[str, Any]) -> ConsentRequest:
    """The welfare group's view of an open request (``FamilyConsentRequestView``)."""
    return ConsentRequest(
        request_id=str(raw["request_id"]),
        asked_at=datetime.fromisoformat(str(raw["asked_at"])),
        asked_of=str(raw.get("asked_of", "")),
        purpose=str(raw.get("purpose", "")),
        members=tuple(
            ConsentItem(str(m["staff_id"]), str(m["role"]), m.get("decision"))
            for m in raw.get("members", [])
        ),
        outside_parties=tuple(
            ConsentItem(str(p["party"]), None, p.get("decision"))
            for p in raw.get("outside_parties", [])
        ),
    )


def parse_answer(
    request: ConsentRequest, typed: Mapping[str, Sequence[str]]
) -> tuple[dict[str, str], dict[str, Any] | None]:
    """Each open item's answer: the errors by field, and the body when every item has one."""
    errors: dict[str, str] = {}
    chosen: dict[str, list[str]] = {
        "members": [],
        "refused_members": [],
        "outside_parties": [],
        "refused_outside_parties": [],
    }
    for item in request.open_items:
        answer = (typed.get(item.field) or [""])[0]
        if answer not in (CONSENT, REFUSE):
            errors[item.field] = N_("Choose consent or refuse for %(who)s.")
            continue
        kind = "members" if item.role else "outside_parties"
        chosen[kind if answer == CONSENT else f"refused_{kind}"].append(item.item)
    if not request.open_items:
        errors["request"] = N_("Everything in this request has already been answered.")
    if errors:
        return errors, None
    return {}, {"request_id": request.request_id, "form": "electronic", **chosen}
