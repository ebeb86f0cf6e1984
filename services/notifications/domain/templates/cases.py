"""What the people a case reaches are told when it opens or a further concern joins it."""

from __future__ import annotations

from services.notifications.domain.kinds import MessageKind
from services.notifications.domain.recipients import Language, Reason

__all__ = ["CASE_TEMPLATES"]

L = Language

CASE_TEMPLATES: dict[tuple[MessageKind, Reason], dict[Language, tuple[str, str]]] = {
    (MessageKind.CASE_OPENED, Reason.RESPONSIBLE): {
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
    (MessageKind.CASE_OPENED, Reason.WELFARE_STAFF): {
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
    (MessageKind.CASE_OPENED, Reason.GUARDIAN): {
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
    (MessageKind.CONCERN_LINKED, Reason.RESPONSIBLE): {
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
