"""Every message text, one per kind of event and reason for telling, in fi, sv and en.

Placeholders: {due_on}, {meeting_on}, {urgent}, {case_link} and {family_link}; nothing else
can reach a message, so nothing of the matter itself can.
"""

from __future__ import annotations

from enum import StrEnum

from services.notifications.domain.recipients import Language, Reason

__all__ = ["TEMPLATES", "MessageKind"]


class MessageKind(StrEnum):
    """What happened, as the reader is told of it: one per event the service acts on."""

    CASE_OPENED = "case.opened"
    CONCERN_LINKED = "case.concern_linked"
    GROUP_FORMED = "group_formed"
    MEETING_SCHEDULED = "meeting_scheduled"
    CONSENT_REQUESTED = "consent_requested"
    DEADLINE_APPROACHING = "deadline.approaching"
    DEADLINE_BREACHED = "deadline.breached"
    FOLLOW_UP_DUE = "follow_up.due"
    DELIVERY_FAILED = "notification.failed"
    CASE_UNASSIGNED = "case.unassigned"
    RESPONSIBLE_ASSIGNED = "responsible_assigned"


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

TEMPLATES: dict[tuple[MessageKind, Reason], dict[Language, tuple[str, str]]] = {
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
    (MessageKind.GROUP_FORMED, Reason.GROUP_MEMBER): {
        L.FI: (
            "Sinut on nimetty asiantuntijaryhmään",
            "Sinut on nimetty monialaisen asiantuntijaryhmän jäseneksi opiskeluhuollon "
            "asiassa.{urgent} Avaa asia: {case_link}",
        ),
        L.SV: (
            "Du har utsetts till en expertgrupp",
            "Du har utsetts till medlem i en sektorsövergripande expertgrupp i ett "
            "elevvårdsärende.{urgent} Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "You have been named to an expert group",
            "You have been named a member of a multidisciplinary expert group in a student "
            "welfare matter.{urgent} Open it: {case_link}",
        ),
    },
    (MessageKind.MEETING_SCHEDULED, Reason.GROUP_MEMBER): {
        L.FI: (
            "Kutsu asiantuntijaryhmän kokoukseen",
            "Sinut on kutsuttu opiskeluhuollon asiantuntijaryhmän kokoukseen {meeting_on}."
            " Avaa asia: {case_link}",
        ),
        L.SV: (
            "Kallelse till expertgruppens möte",
            "Du är kallad till elevvårdens expertgruppsmöte {meeting_on}. "
            "Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "Invitation to an expert group meeting",
            "You are invited to a student welfare expert group meeting on {meeting_on}. "
            "Open it: {case_link}",
        ),
    },
    (MessageKind.CONSENT_REQUESTED, Reason.GUARDIAN): {
        L.FI: (
            "Opiskeluhuolto pyytää suostumustanne",
            "Koulun opiskeluhuolto pyytää suostumustanne lapsenne asian käsittelyyn. "
            "Opiskeluhuollon henkilöstö kertoo, mitä suostumus koskee. "
            "Lisätietoja: {family_link}",
        ),
        L.SV: (
            "Elevvården ber om ert samtycke",
            "Skolans elevvård ber om ert samtycke till att behandla ert barns ärende. "
            "Elevvårdens personal berättar vad samtycket gäller. "
            "Mer information: {family_link}",
        ),
        L.EN: (
            "The student welfare team asks for your consent",
            "The school's student welfare team asks for your consent to handle a matter "
            "concerning your child. The welfare staff will explain what it covers. "
            "More information: {family_link}",
        ),
    },
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
