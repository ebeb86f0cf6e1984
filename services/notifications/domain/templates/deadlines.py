"""What the welfare group's clock tells (a deadline near or passed, a review due), and the
notice to the responsible person that a message could not be delivered."""

from __future__ import annotations

from services.notifications.domain.kinds import MessageKind
from services.notifications.domain.recipients import Language, Reason

__all__ = ["DEADLINE_TEMPLATES"]

L = Language
_FOLLOW_UP = {
    L.FI: (
        "Seuranta-arviointi on ajankohtainen",
        "Opiskeluhuollon asiassa sovittujen toimenpiteiden arviointi on ajankohtainen "
        "{due_on}. Avaa asia: {case_link}",
    ),
    L.SV: (
        "Dags för uppföljning",
        "I ett elevvårdsärende är det dags att följa upp de överenskomna åtgärderna "
        "{due_on}. Öppna ärendet: {case_link}",
    ),
    L.EN: (
        "A follow-up review is due",
        "The measures agreed in a student welfare matter are due for review on {due_on}. "
        "Open it: {case_link}",
    ),
}

DEADLINE_TEMPLATES: dict[tuple[MessageKind, Reason], dict[Language, tuple[str, str]]] = {
    (MessageKind.DEADLINE_APPROACHING, Reason.RESPONSIBLE): {
        L.FI: (
            "Määräaika lähestyy",
            "Vastuullasi olevassa opiskeluhuollon asiassa keskustelu on tarjottava "
            "viimeistään {due_on}, eikä sitä ole vielä kirjattu.{urgent} "
            "Avaa asia: {case_link}",
        ),
        L.SV: (
            "Tidsfristen närmar sig",
            "I ett elevvårdsärende du ansvarar för ska ett samtal erbjudas senast {due_on}, "
            "och det har ännu inte antecknats.{urgent} Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "A deadline is near",
            "In a student welfare matter you are responsible for, a discussion must be "
            "offered by {due_on} and none has been recorded yet.{urgent} Open it: {case_link}",
        ),
    },
    (MessageKind.DEADLINE_BREACHED, Reason.RESPONSIBLE): {
        L.FI: (
            "Määräaika on ylittynyt",
            "Vastuullasi olevassa opiskeluhuollon asiassa keskustelua ei ole kirjattu "
            "tarjotuksi {due_on} mennessä. Rehtorille on ilmoitettu. Avaa asia: {case_link}",
        ),
        L.SV: (
            "Tidsfristen har överskridits",
            "I ett elevvårdsärende du ansvarar för har inget samtal antecknats som erbjudet "
            "senast {due_on}. Rektorn har underrättats. Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "A deadline has passed",
            "In a student welfare matter you are responsible for, no discussion was recorded "
            "as offered by {due_on}. The principal has been told. Open it: {case_link}",
        ),
    },
    (MessageKind.DEADLINE_BREACHED, Reason.PRINCIPAL): {
        L.FI: (
            "Opiskeluhuollon määräaika ylittynyt koulullasi",
            "Koulusi opiskeluhuollon asiassa lakisääteinen määräaika ({due_on}) on ylittynyt "
            "ilman kirjattua keskustelua (OHL 15 §). Avaa asia: {case_link}",
        ),
        L.SV: (
            "En tidsfrist inom elevvården har överskridits i din skola",
            "I ett elevvårdsärende i din skola har den lagstadgade tidsfristen ({due_on}) "
            "överskridits utan antecknat samtal (15 § elevvårdslagen). "
            "Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "A student welfare deadline has passed at your school",
            "In a student welfare matter at your school, the statutory deadline ({due_on}) "
            "passed with no discussion recorded (§15 of the Pupil and Student Welfare Act). "
            "Open it: {case_link}",
        ),
    },
    (MessageKind.DEADLINE_BREACHED, Reason.SERVICE_SUPERVISOR): {
        L.FI: (
            "Opiskeluhuollon määräaika ylittynyt valvomallasi koululla",
            "Koulun opiskeluhuollon asiassa lakisääteinen määräaika ({due_on}) on ylittynyt "
            "ilman kirjattua psykologin tai kuraattorin keskustelua (OHL 15 §). Rehtorille "
            "on ilmoitettu. Avaa asia: {case_link}",
        ),
        L.SV: (
            "En tidsfrist inom elevvården har överskridits i en skola du övervakar",
            "I ett elevvårdsärende har den lagstadgade tidsfristen ({due_on}) överskridits "
            "utan antecknat samtal med psykolog eller kurator (15 § elevvårdslagen). Rektorn "
            "har underrättats. Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "A student welfare deadline has passed at a school you supervise",
            "In a student welfare matter, the statutory deadline ({due_on}) passed with no "
            "psychologist or kuraattori discussion recorded (§15 of the Pupil and Student "
            "Welfare Act). The principal has been told. Open it: {case_link}",
        ),
    },
    (MessageKind.FOLLOW_UP_DUE, Reason.RESPONSIBLE): _FOLLOW_UP,
    (MessageKind.FOLLOW_UP_DUE, Reason.FOLLOW_UP_OWNER): _FOLLOW_UP,
    (MessageKind.DELIVERY_FAILED, Reason.RESPONSIBLE): {
        L.FI: (
            "Viestiä ei voitu toimittaa",
            "Vastuullasi olevaa asiaa koskevaa viestiä ei voitu toimittaa yhdelle "
            "vastaanottajalle. Tarkista hänen yhteystietonsa. Avaa asia: {case_link}",
        ),
        L.SV: (
            "Ett meddelande kunde inte levereras",
            "Ett meddelande om ett ärende du ansvarar för kunde inte levereras till en "
            "mottagare. Kontrollera mottagarens kontaktuppgifter. Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "A message could not be delivered",
            "A message about a matter you are responsible for could not be delivered to one "
            "recipient. Check their contact details. Open it: {case_link}",
        ),
    },
}
