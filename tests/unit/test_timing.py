"""When a message leaves: at once, after quiet hours, or in the daily digest."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from services.notifications.domain.recipients import Channel, Contact, Language, RecipientKind
from services.notifications.domain.timing import timing

HELSINKI = ZoneInfo("Europe/Helsinki")
NIGHT = (time(21, 0), time(7, 0))


def contact(**fields: object) -> Contact:
    base: dict[str, object] = {
        "person_id": "guardian-0001", "kind": RecipientKind.GUARDIAN, "role": None,
        "language": Language.FI, "channels": (Channel.INBOX, Channel.EMAIL),
    }  # fmt: skip
    return Contact(**{**base, **fields})  # type: ignore[arg-type]


def at(hour: int, minute: int = 0, day: int = 24) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=HELSINKI)


def when(person: Contact, now: datetime, *, urgent: bool = False, channel: Channel = Channel.EMAIL):  # type: ignore[no-untyped-def]
    return timing(person, channel, urgent=urgent, now=now, timezone=HELSINKI, digest_at=time(16))


def test_quiet_hours_across_midnight_hold_routine_email_until_morning() -> None:
    quiet = contact(quiet_hours=NIGHT)
    assert when(quiet, at(22, 30)).send_at == at(7, 0, day=25)
    assert when(quiet, at(6, 59)).send_at == at(7, 0)
    assert when(quiet, at(7, 0)).send_at == at(7, 0)
    assert when(quiet, at(12)).send_at == at(12)


def test_urgent_messages_and_the_inbox_ignore_quiet_hours_and_the_digest() -> None:
    quiet = contact(quiet_hours=NIGHT, digest=True)
    assert when(quiet, at(23), urgent=True).send_at == at(23)
    assert when(quiet, at(23), channel=Channel.INBOX).send_at == at(23)


def test_the_digest_collects_routine_messages_for_the_next_digest_time() -> None:
    person = contact(digest=True)
    morning = when(person, at(9))
    assert morning.in_digest
    assert morning.send_at == at(16)
    assert when(person, at(17)).send_at == at(16, day=25)


def test_a_preference_per_kind_of_message_replaces_the_default_channels() -> None:
    person = contact(preferences={"deadline.breached": (Channel.SMS,)})
    assert person.channels_for("deadline.breached") == (Channel.SMS,)
    assert person.channels_for("case.opened") == (Channel.INBOX, Channel.EMAIL)
