"""Who is told about a case, recomputed from the directory whenever an event arrives."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import time
from enum import StrEnum

from shared.contracts import StaffRole

__all__ = [
    "Addressee",
    "Channel",
    "Contact",
    "Language",
    "Reason",
    "Recipient",
    "RecipientKind",
    "case_opened_recipients",
    "each_once",
]


class Channel(StrEnum):
    INBOX = "inbox"
    EMAIL = "email"
    SMS = "sms"


class Language(StrEnum):
    FI = "fi"
    SV = "sv"
    EN = "en"


class RecipientKind(StrEnum):
    STAFF = "staff"
    GUARDIAN = "guardian"


Addressee = tuple[str, RecipientKind, Channel]
"""A person (their id), of a kind, on a channel: what an address is looked up by."""


class Reason(StrEnum):
    """Why someone is told: decides the wording of their message."""

    RESPONSIBLE = "responsible"
    WELFARE_STAFF = "welfare_staff"
    GUARDIAN = "guardian"
    GROUP_MEMBER = "group_member"
    PRINCIPAL = "principal"
    FOLLOW_UP_OWNER = "follow_up_owner"
    WELFARE_ADMINISTRATOR = "welfare_administrator"  # the education provider's, for escalations
    SERVICE_SUPERVISOR = "service_supervisor"  # the county's, when a §15 deadline passes


@dataclass(frozen=True)
class Contact:
    """A person in the school directory. Addresses stay inside the notifications service."""

    person_id: str
    kind: RecipientKind
    role: StaffRole | None
    language: Language
    channels: tuple[Channel, ...]
    # Per kind of message (a MessageKind's value), channels that replace ``channels``.
    preferences: Mapping[str, tuple[Channel, ...]] = field(default_factory=dict)
    quiet_hours: tuple[time, time] | None = None
    digest: bool = False

    def channels_for(self, kind: str) -> tuple[Channel, ...]:
        return self.preferences.get(kind, self.channels)


@dataclass(frozen=True)
class Recipient:
    contact: Contact
    reason: Reason


def case_opened_recipients(
    *,
    responsible_id: str | None,
    notify_roles: Iterable[StaffRole],
    school_staff: Iterable[Contact],
    guardians: Iterable[Contact],
    guardian_may_be_notified: bool,
) -> list[Recipient]:
    """The responsible person, the school's staff in the roles the categories call for, and
    the guardians unless the concern said they must not be told yet (§18). Each person once."""
    roles = set(notify_roles)
    chosen: dict[str, Recipient] = {}
    for contact in school_staff:
        if contact.person_id == responsible_id:
            chosen[contact.person_id] = Recipient(contact, Reason.RESPONSIBLE)
        elif contact.role in roles:
            chosen.setdefault(contact.person_id, Recipient(contact, Reason.WELFARE_STAFF))
    if guardian_may_be_notified:
        for contact in guardians:
            chosen.setdefault(contact.person_id, Recipient(contact, Reason.GUARDIAN))
    return sorted(
        chosen.values(), key=lambda r: (r.reason != Reason.RESPONSIBLE, r.contact.person_id)
    )


def each_once(*groups: Iterable[Recipient]) -> list[Recipient]:
    """Everyone in ``groups``, each person once, told for the first reason they appear with."""
    chosen: dict[str, Recipient] = {}
    for group in groups:
        for recipient in group:
            chosen.setdefault(recipient.contact.person_id, recipient)
    return list(chosen.values())
