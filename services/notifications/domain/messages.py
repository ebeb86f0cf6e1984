"""What people are told, in their own language.

Messages say that there is a matter and where to open it, and nothing of the matter
itself: no student, no category, no narrative. Email leaves the system, so whatever is
written here must be safe to leave it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from services.notifications.domain.kinds import MessageKind
from services.notifications.domain.recipients import Language, Reason
from services.notifications.domain.templates import TEMPLATES, UNTIMED_TEMPLATES, Templates

__all__ = ["Message", "MessageFacts", "MessageKind", "render", "render_digest", "templates"]


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


@dataclass(frozen=True)
class MessageFacts:
    """The only facts a message may use."""

    case_link: str
    family_link: str
    due_on: date | None
    urgent: bool
    meeting_on: datetime | None = None  # already in the school's time zone


L = Language
_URGENT = {L.FI: " Asia on kiireellinen.", L.SV: " Ärendet är brådskande.", L.EN: " It is urgent."}


def _date(day: date, language: Language) -> str:
    if language is Language.EN:
        return day.strftime("%-d %B %Y")
    return f"{day.day}.{day.month}.{day.year}"


def _moment(at: datetime, language: Language) -> str:
    if language is Language.EN:
        return f"{_date(at.date(), language)} at {at:%H:%M}"
    clock = "klo" if language is Language.FI else "kl."
    return f"{_date(at.date(), language)} {clock} {at:%H.%M}"


# When a message cannot be rendered (a template or a fact went wrong), the person is still
# told that there is something to open: a failed render must never lose a notification.
_FALLBACK = {
    L.FI: ("Uusi opiskeluhuollon viesti", "Sinulle on uusi opiskeluhuollon viesti. Avaa: {link}"),
    L.SV: ("Nytt meddelande från elevvården", "Du har ett nytt meddelande. Öppna: {link}"),
    L.EN: ("A new student welfare message", "You have a new student welfare message: {link}"),
}


def render(kind: MessageKind, reason: Reason, language: Language, facts: MessageFacts) -> Message:
    """The message, or (if it cannot be rendered) the fallback that still says where to go."""
    try:
        return _render(kind, reason, language, facts)
    except (KeyError, ValueError, OverflowError):
        link = facts.family_link if reason is Reason.GUARDIAN else facts.case_link
        subject, body = _FALLBACK[language]
        return Message(subject=subject, body=body.format(link=link))


def _render(kind: MessageKind, reason: Reason, language: Language, facts: MessageFacts) -> Message:
    untimed = UNTIMED_TEMPLATES.get((kind, reason)) if facts.due_on is None else None
    subject, body = (untimed or TEMPLATES[(kind, reason)])[language]
    return Message(
        subject=subject,
        body=body.format(
            due_on=_date(facts.due_on, language) if facts.due_on else "",
            meeting_on=_moment(facts.meeting_on, language) if facts.meeting_on else "",
            urgent=_URGENT[language] if facts.urgent else "",
            case_link=facts.case_link,
            family_link=facts.family_link,
        ),
    )


def templates(*, untimed: bool = False) -> Templates:
    """Every template, for the tests that check each renders in each language; with
    ``untimed``, those used instead where a case has no §15 deadline."""
    return UNTIMED_TEMPLATES if untimed else TEMPLATES


_DIGEST = {
    L.FI: ("Opiskeluhuollon päivän viestit ({count})", "Tämän päivän viestit opiskeluhuollosta:"),
    L.SV: ("Dagens meddelanden från elevvården ({count})", "Dagens meddelanden från elevvården:"),
    L.EN: ("Today's student welfare messages ({count})", "Today's messages from student welfare:"),
}


def render_digest(language: Language, messages: list[Message]) -> Message:
    """The day's routine messages in one: each already safe to leave the system."""
    subject, intro = _DIGEST[language]
    items = "\n\n".join(f"{m.subject}\n{m.body}" for m in messages)
    return Message(subject=subject.format(count=len(messages)), body=f"{intro}\n\n{items}")
