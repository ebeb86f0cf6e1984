"""The texts that name the §15 deadline, for a case that has none.

A case whose referral goes to the nurse, with no psychologist or kuraattori discussion
requested, has no §15 clock (``due_on`` is None): its messages must not promise a date.
Same placeholders as every template, less ``{due_on}``.
"""

from __future__ import annotations

from services.notifications.domain.kinds import MessageKind
from services.notifications.domain.recipients import Language, Reason

__all__ = ["UNTIMED_TEMPLATES"]

L = Language
_UNASSIGNED = {
    L.FI: (
        "Opiskeluhuollon asialla ei ole vastuuhenkilöä",
        "Koulun opiskeluhuollon asialle ei voitu nimetä vastuuhenkilöä, koska koulun "
        "opiskeluhuoltohenkilöstöstä ei löytynyt terveydenhoitajaa, psykologia eikä "
        "kuraattoria. Nimeä vastuuhenkilö viipymättä.{urgent} Avaa asia: {case_link}",
    ),
    L.SV: (
        "Ett elevvårdsärende saknar ansvarsperson",
        "Ingen ansvarsperson kunde utses för ett elevvårdsärende, eftersom skolans "
        "elevvårdspersonal saknar hälsovårdare, psykolog och kurator. Utse en ansvarsperson "
        "utan dröjsmål.{urgent} Öppna ärendet: {case_link}",
    ),
    L.EN: (
        "A student welfare matter has no responsible person",
        "No responsible person could be named for a student welfare matter: the school's "
        "welfare staff roster has no nurse, psychologist or kuraattori. Assign one without "
        "delay.{urgent} Open it: {case_link}",
    ),
}

UNTIMED_TEMPLATES: dict[tuple[MessageKind, Reason], dict[Language, tuple[str, str]]] = {
    (MessageKind.CASE_OPENED, Reason.RESPONSIBLE): {
        L.FI: (
            "Uusi opiskeluhuollon asia vastuullesi",
            "Sinut on nimetty vastuuhenkilöksi uudessa opiskeluhuollon asiassa."
            "{urgent} Avaa asia: {case_link}",
        ),
        L.SV: (
            "Nytt elevvårdsärende med dig som ansvarsperson",
            "Du har utsetts till ansvarsperson i ett nytt elevvårdsärende."
            "{urgent} Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "New student welfare matter assigned to you",
            "You are the responsible person for a new student welfare matter."
            "{urgent} Open it: {case_link}",
        ),
    },
    (MessageKind.CONCERN_LINKED, Reason.RESPONSIBLE): {
        L.FI: (
            "Uusi huoli vastuullasi olevassa asiassa",
            "Vastuullasi olevaan opiskeluhuollon asiaan on liitetty uusi huoli."
            "{urgent} Avaa asia: {case_link}",
        ),
        L.SV: (
            "Ny oro i ett ärende du ansvarar för",
            "En ny oro har kopplats till ett elevvårdsärende du ansvarar för."
            "{urgent} Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "A further concern in a matter you lead",
            "A further concern has been added to a student welfare matter you are "
            "responsible for.{urgent} Open it: {case_link}",
        ),
    },
    (MessageKind.CASE_UNASSIGNED, Reason.PRINCIPAL): _UNASSIGNED,
    (MessageKind.CASE_UNASSIGNED, Reason.WELFARE_ADMINISTRATOR): _UNASSIGNED,
}
