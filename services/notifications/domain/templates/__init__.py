"""Every message text, one per kind of message and reason for telling, in fi, sv and en.

Placeholders: {due_on}, {meeting_on}, {urgent}, {case_link} and {family_link}; nothing else
can reach a message, so nothing of the matter itself can. The texts are kept by what they
tell of: a case arriving, a case step, the clock, who leads a case; and, for a case §15
does not time, the texts that would otherwise name its deadline (``UNTIMED_TEMPLATES``).
"""

from __future__ import annotations

from services.notifications.domain.kinds import MessageKind
from services.notifications.domain.recipients import Language, Reason
from services.notifications.domain.templates.cases import CASE_TEMPLATES
from services.notifications.domain.templates.deadlines import DEADLINE_TEMPLATES
from services.notifications.domain.templates.duties import DUTY_TEMPLATES
from services.notifications.domain.templates.leading import LEADING_TEMPLATES
from services.notifications.domain.templates.steps import STEP_TEMPLATES
from services.notifications.domain.templates.untimed import UNTIMED_TEMPLATES

__all__ = ["TEMPLATES", "UNTIMED_TEMPLATES", "Templates"]

Templates = dict[tuple[MessageKind, Reason], dict[Language, tuple[str, str]]]

TEMPLATES: Templates = {
    **CASE_TEMPLATES,
    **STEP_TEMPLATES,
    **DEADLINE_TEMPLATES,
    **LEADING_TEMPLATES,
    **DUTY_TEMPLATES,
}
