"""What the most used case steps are for, in the person's words.

The welfare group describes each step for those who integrate with it; a person taking the
step needs to know what it does and when it cannot be taken. A step without words of its
own here is guided by the service's description, marked as English where it is shown so.
"""

from __future__ import annotations

from services.web.entrypoints.i18n import gettext as translate
from services.web.entrypoints.pages import N_
from services.web.entrypoints.step_labels import in_english, translated

__all__ = ["guidance", "guidance_in_english"]

_GUIDANCE = {
    "discussion-offers": N_(
        "Record the day you offered the student the discussion. Offering it in time meets "
        "the §15 deadline and stops its reminders. Only the psychologist or kuraattori can."
    ),
    "discussion-requests": N_(
        "Record that the student asked for a discussion with the psychologist or kuraattori, "
        "or that someone made contact for one. The §15 deadline counts from that day."
    ),
    "consent-requests": N_(
        "Ask for consent to handle the matter in an expert group, item by item: name each "
        "member and outside party. With your capacity assessment, the student or guardian can "
        "answer online. Asking again while a request is open sends a reminder."
    ),
    "consent-decisions": N_(
        "Record the student's or guardian's decision, item by item: whom it consents to and "
        "whom it refuses. Outside parties need written consent. A refusal is kept as well."
    ),
    "expert-group": N_(
        "Form the expert group and name who leads the case. Every member and outside party "
        "must be covered by consent in force: anyone refused cannot be in the group."
    ),
    "meetings": N_(
        "Schedule a meeting of the group. Everyone invited must be covered by consent; they "
        "are told of the meeting."
    ),
}


def guidance(path: str, description: str) -> str:
    if path in _GUIDANCE:
        return translate(_GUIDANCE[path])
    return translated(description)


def guidance_in_english(path: str, description: str) -> bool:
    return in_english(_GUIDANCE.get(path, description))
