"""What a case step's audience is told: the group called, the family asked for consent, and
the generic message for a step that has no wording of its own."""

from __future__ import annotations

from services.notifications.domain.kinds import MessageKind
from services.notifications.domain.recipients import Language, Reason

__all__ = ["STEP_TEMPLATES"]

L = Language

STEP_TEMPLATES: dict[tuple[MessageKind, Reason], dict[Language, tuple[str, str]]] = {
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
    # A step with no wording of its own: that there is one, and where to look; nothing of it.
    (MessageKind.CASE_STEP, Reason.GROUP_MEMBER): {
        L.FI: (
            "Uusi vaihe opiskeluhuollon asiassa",
            "Opiskeluhuollon asiaan, jossa olet mukana, on kirjattu uusi vaihe. "
            "Avaa asia: {case_link}",
        ),
        L.SV: (
            "Ett nytt skede i ett elevvårdsärende",
            "Ett nytt skede har antecknats i ett elevvårdsärende som du deltar i. "
            "Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "A step was recorded in a student welfare matter",
            "A step was recorded in a student welfare matter you take part in. "
            "Open it: {case_link}",
        ),
    },
    (MessageKind.CASE_STEP, Reason.RESPONSIBLE): {
        L.FI: (
            "Uusi vaihe vastuullasi olevassa asiassa",
            "Vastuullasi olevaan opiskeluhuollon asiaan on kirjattu uusi vaihe. "
            "Avaa asia: {case_link}",
        ),
        L.SV: (
            "Ett nytt skede i ett ärende du ansvarar för",
            "Ett nytt skede har antecknats i ett elevvårdsärende du ansvarar för. "
            "Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "A step was recorded in a matter you lead",
            "A step was recorded in a student welfare matter you are responsible for. "
            "Open it: {case_link}",
        ),
    },
    (MessageKind.CASE_STEP, Reason.GUARDIAN): {
        L.FI: (
            "Tietoa koulun opiskeluhuollosta",
            "Koulun opiskeluhuolto on kirjannut uuden vaiheen lapsenne asiassa. "
            "Lisätietoja: {family_link}",
        ),
        L.SV: (
            "Information från skolans elevvård",
            "Skolans elevvård har antecknat ett nytt skede i ert barns ärende. "
            "Mer information: {family_link}",
        ),
        L.EN: (
            "News from the school's student welfare team",
            "The school's student welfare team has recorded a new step in a matter "
            "concerning your child. More information: {family_link}",
        ),
    },
}
