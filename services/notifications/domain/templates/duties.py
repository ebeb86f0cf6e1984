"""The responsible person's §16.2 task: the student, not informed of the contact, is to be
told of it and offered a discussion within the §15 limit; and its reminder on that day.

Kept beside the other templates under the same rules: placeholders only, nothing of the matter.
"""

from __future__ import annotations

from services.notifications.domain.kinds import MessageKind
from services.notifications.domain.recipients import Language, Reason

__all__ = ["DUTY_TEMPLATES"]

L = Language

DUTY_TEMPLATES: dict[tuple[MessageKind, Reason], dict[Language, tuple[str, str]]] = {
    (MessageKind.STUDENT_TO_BE_TOLD, Reason.RESPONSIBLE): {
        L.FI: (
            "Tehtävä: kerro opiskelijalle yhteydenotosta",
            "Huoli vastuullasi olevassa asiassa tehtiin ilman opiskelijaa. Kerro opiskelijalle "
            "yhteydenotosta ja tarjoa keskustelua viimeistään {due_on} (OHL 16 § 2 mom.)."
            "{urgent} Avaa asia: {case_link}",
        ),
        L.SV: (
            "Uppgift: berätta för eleven om kontakten",
            "Oron i ett ärende du ansvarar för anmäldes utan eleven. Berätta för eleven om "
            "kontakten och erbjud ett samtal senast {due_on} (16 § 2 mom. elevvårdslagen)."
            "{urgent} Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "Task: tell the student of the contact",
            "A concern in a matter you lead was raised without the student. Tell the student "
            "of the contact and offer a discussion by {due_on} (§16.2 of the Pupil and "
            "Student Welfare Act).{urgent} Open it: {case_link}",
        ),
    },
    (MessageKind.STUDENT_NOTICE_DUE, Reason.RESPONSIBLE): {
        L.FI: (
            "Muistutus: opiskelijalle kertominen erääntyy tänään",
            "Vastuullasi olevassa asiassa opiskelijalle on kerrottava yhteydenotosta ja "
            "tarjottava keskustelua viimeistään {due_on}, eikä sitä ole kirjattu tehdyksi "
            "(OHL 16 § 2 mom.). Avaa asia: {case_link}",
        ),
        L.SV: (
            "Påminnelse: eleven ska underrättas i dag",
            "I ett ärende du ansvarar för ska eleven underrättas om kontakten och erbjudas ett "
            "samtal senast {due_on}, och det har inte antecknats (16 § 2 mom. elevvårdslagen). "
            "Öppna ärendet: {case_link}",
        ),
        L.EN: (
            "Reminder: the student is to be told today",
            "In a matter you lead, the student is to be told of the contact and offered a "
            "discussion by {due_on}, and this has not been recorded as done (§16.2 of the "
            "Pupil and Student Welfare Act). Open it: {case_link}",
        ),
    },
}
