"""What people are told, in their own language.

Messages say that there is a matter and where to open it, and nothing of the matter
itself: no student, no category, no narrative. Email leaves the system, so whatever is
written here must be safe to leave it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from services.notifications.domain.recipients import Language, Reason

__all__ = ["Message", "MessageFacts", "Topic", "render", "templates"]


class Topic(StrEnum):
    CASE_OPENED = "case.opened"
    CONCERN_LINKED = "case.concern_linked"


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


@dataclass(frozen=True)
class MessageFacts:
    """The only facts a message may use."""

    case_link: str
    family_link: str
    due_on: date
    urgent: bool


L = Language
_TEMPLATES: dict[tuple[Topic, Reason], dict[Language, tuple[str, str]]] = {
    (Topic.CASE_OPENED, Reason.RESPONSIBLE): {
        L.FI: (
            "Uusi opiskeluhuollon asia vastuullesi",
            "Sinut on nimetty vastuuhenkilöksi uudessa opiskeluhuollon asiassa. "
            "Keskustelu on tarjottava viimeistään {due_on}.{urgent} Avaa asia: {case_link}",
        ),
        L.SV: (
            "Nytt elevvårdsärende med dig som ansvarsperson",
            "Du har utsetts till ansvarsperson i ett nytt elevvårdsärende. "
            "Ett samtal ska erbjudas senast {due_on}.{urgent} Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "New student welfare matter assigned to you",
            "You are the responsible person for a new student welfare matter. "
            "A discussion must be offered by {due_on}.{urgent} Open it: {case_link}",
        ),
    },
    (Topic.CASE_OPENED, Reason.WELFARE_STAFF): {
        L.FI: (
            "Uusi opiskeluhuollon asia koulullasi",
            "Koulullasi on avattu opiskeluhuollon asia, joka koskee ammattiryhmääsi."
            "{urgent} Avaa asia: {case_link}",
        ),
        L.SV: (
            "Nytt elevvårdsärende i din skola",
            "Ett elevvårdsärende som gäller din yrkesgrupp har öppnats i din skola."
            "{urgent} Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "New student welfare matter at your school",
            "A student welfare matter concerning your profession has been opened at your "
            "school.{urgent} Open it: {case_link}",
        ),
    },
    (Topic.CASE_OPENED, Reason.GUARDIAN): {
        L.FI: (
            "Viesti koulun opiskeluhuollosta",
            "Koulun opiskeluhuolto on ottanut lapsenne asian käsiteltäväksi. Koulun "
            "opiskeluhuollon henkilöstö on teihin yhteydessä. Lisätietoja: {family_link}",
        ),
        L.SV: (
            "Meddelande från skolans elevvård",
            "Skolans elevvård har tagit upp ett ärende som gäller ert barn. Elevvårdens "
            "personal kontaktar er. Mer information: {family_link}",
        ),
        L.EN: (
            "A message from the school's student welfare team",
            "The school's student welfare team has taken up a matter concerning your child. "
            "The welfare staff will contact you. More information: {family_link}",
        ),
    },
    (Topic.CONCERN_LINKED, Reason.RESPONSIBLE): {
        L.FI: (
            "Uusi huoli vastuullasi olevassa asiassa",
            "Vastuullasi olevaan opiskeluhuollon asiaan on liitetty uusi huoli. "
            "Keskustelu on tarjottava viimeistään {due_on}.{urgent} Avaa asia: {case_link}",
        ),
        L.SV: (
            "Ny oro i ett ärende du ansvarar för",
            "En ny oro har kopplats till ett elevvårdsärende du ansvarar för. "
            "Ett samtal ska erbjudas senast {due_on}.{urgent} Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "A further concern in a matter you lead",
            "A further concern has been added to a student welfare matter you are "
            "responsible for. A discussion must be offered by {due_on}.{urgent} "
            "Open it: {case_link}",
        ),
    },
}

_URGENT = {L.FI: " Asia on kiireellinen.", L.SV: " Ärendet är brådskande.", L.EN: " It is urgent."}


def _date(day: date, language: Language) -> str:
    if language is Language.EN:
        return day.strftime("%-d %B %Y")
    return f"{day.day}.{day.month}.{day.year}"


def render(topic: Topic, reason: Reason, language: Language, facts: MessageFacts) -> Message:
    subject, body = _TEMPLATES[(topic, reason)][language]
    return Message(
        subject=subject,
        body=body.format(
            due_on=_date(facts.due_on, language),
            urgent=_URGENT[language] if facts.urgent else "",
            case_link=facts.case_link,
            family_link=facts.family_link,
        ),
    )


def templates() -> dict[tuple[Topic, Reason], dict[Language, tuple[str, str]]]:
    """Every template, for the tests that check each renders in each language."""
    return _TEMPLATES
