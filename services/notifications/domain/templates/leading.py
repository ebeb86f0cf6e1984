"""Messages about who leads a case: nobody could be named (an escalation), or someone was.

Kept beside the other templates under the same rules: placeholders only, nothing of the matter.
"""

from __future__ import annotations

from services.notifications.domain.kinds import MessageKind
from services.notifications.domain.recipients import Language, Reason

__all__ = ["LEADING_TEMPLATES"]

L = Language
_UNASSIGNED = {
    L.FI: (
        "Opiskeluhuollon asialla ei ole vastuuhenkilöä",
        "Koulun opiskeluhuollon asialle ei voitu nimetä vastuuhenkilöä, koska koulun "
        "opiskeluhuoltohenkilöstöstä ei löytynyt terveydenhoitajaa, psykologia eikä "
        "kuraattoria. Nimeä vastuuhenkilö viipymättä; keskustelu on tarjottava "
        "viimeistään {due_on} (OHL 15 §).{urgent} Avaa asia: {case_link}",
    ),
    L.SV: (
        "Ett elevvårdsärende saknar ansvarsperson",
        "Ingen ansvarsperson kunde utses för ett elevvårdsärende, eftersom skolans "
        "elevvårdspersonal saknar hälsovårdare, psykolog och kurator. Utse en ansvarsperson "
        "utan dröjsmål; ett samtal ska erbjudas senast {due_on} (15 § elevvårdslagen)."
        "{urgent} Öppna ärendet: {case_link}",
    ),
    L.EN: (
        "A student welfare matter has no responsible person",
        "No responsible person could be named for a student welfare matter: the school's "
        "welfare staff roster has no nurse, psychologist or kuraattori. Assign one without "
        "delay; a discussion must be offered by {due_on} (§15 of the Pupil and Student "
        "Welfare Act).{urgent} Open it: {case_link}",
    ),
}

LEADING_TEMPLATES: dict[tuple[MessageKind, Reason], dict[Language, tuple[str, str]]] = {
    (MessageKind.CASE_UNASSIGNED, Reason.PRINCIPAL): _UNASSIGNED,
    (MessageKind.CASE_UNASSIGNED, Reason.WELFARE_ADMINISTRATOR): _UNASSIGNED,
    (MessageKind.RESPONSIBLE_ASSIGNED, Reason.RESPONSIBLE): {
        L.FI: (
            "Opiskeluhuollon asia on annettu vastuullesi",
            "Sinut on nimetty vastuuhenkilöksi opiskeluhuollon asiassa. Avaa asia: {case_link}",
        ),
        L.SV: (
            "Ett elevvårdsärende har överlämnats till dig",
            "Du har utsetts till ansvarsperson i ett elevvårdsärende. Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "A student welfare matter has been handed to you",
            "You have been made the responsible person for a student welfare matter. "
            "Open it: {case_link}",
        ),
    },
}
