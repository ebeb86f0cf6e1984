"""What a concern's fixed vocabularies say to the staff member who raises one: each
category with one line of guidance, the urgencies with what urgent means, the grounds for
keeping the guardian out for now, and where a raised concern is."""

from __future__ import annotations

from services.web.domain.words import N_
from shared.contracts import ConcernCategory, GuardianHoldGround, Urgency

__all__ = [
    "CATEGORIES",
    "CHILD_WELFARE_CATEGORIES",
    "HOLD_GROUNDS",
    "N_",
    "STATUSES",
    "URGENCIES",
]


# (label, one line of guidance): what a teacher would have seen, not a diagnosis.
CATEGORIES: dict[ConcernCategory, tuple[str, str]] = {
    ConcernCategory.LEARNING: (
        N_("Learning"),
        N_("falling behind, sudden drop in results, trouble concentrating"),
    ),
    ConcernCategory.ATTENDANCE: (
        N_("Attendance"),
        N_("repeated absences, lateness, skipping lessons, unexplained days off"),
    ),
    ConcernCategory.MENTAL_HEALTH: (
        N_("Mental health"),
        N_("withdrawn, anxious, low mood, talk of self-harm"),
    ),
    ConcernCategory.PHYSICAL_HEALTH: (
        N_("Physical health"),
        N_("often tired or unwell, injuries, eating, hygiene"),
    ),
    ConcernCategory.SOCIAL_RELATIONS_AND_BULLYING: (
        N_("Friendships and bullying"),
        N_("alone, left out, bullied or bullying others"),
    ),
    ConcernCategory.FAMILY_SITUATION: (
        N_("Family situation"),
        N_("worries at home, neglect, violence, a big change in the family"),
    ),
    ConcernCategory.SUBSTANCE_USE: (
        N_("Substance use"),
        N_("alcohol, drugs, vaping or smoking, signs of intoxication"),
    ),
    ConcernCategory.OTHER: (N_("Something else"), N_("describe it below")),
}

# The categories where what a teacher saw may itself oblige them to notify child welfare
# (Child Welfare Act 417/2007 §25): self-harm and serious low mood endanger the child's
# development, a family's situation (neglect, violence) is its very subject, and a minor's
# substance use is named by the Act. Learning, attendance, health and bullying alone seldom
# are; the reminder beside these three is where it helps without crying wolf at every form.
CHILD_WELFARE_CATEGORIES = frozenset(
    {
        ConcernCategory.MENTAL_HEALTH,
        ConcernCategory.FAMILY_SITUATION,
        ConcernCategory.SUBSTANCE_USE,
    }
)

URGENCIES: dict[Urgency, tuple[str, str]] = {
    Urgency.ROUTINE: (
        N_("Not urgent"),
        N_("A discussion with a psychologist or kuraattori is offered within 7 school days (§15)."),
    ),
    Urgency.URGENT: (
        N_("Urgent"),
        N_(
            "The student needs help now: a discussion is offered the same or the next "
            "working day (§15)."
        ),
    ),
}

HOLD_GROUNDS: dict[GuardianHoldGround, str] = {
    GuardianHoldGround.STUDENT_ASKED: N_("The student asked that the guardian not be told yet"),
    GuardianHoldGround.RISK_TO_STUDENT: N_("Telling the guardian could put the student at risk"),
    GuardianHoldGround.CHILD_WELFARE_NOTICE: N_("A child-welfare notification is being made"),
    GuardianHoldGround.OTHER_WEIGHTY_REASON: N_("Another weighty reason"),
}

# Where a concern is, as intake says it (ConcernStatus), in words.
STATUSES: dict[str, str] = {
    "received": N_("Received"),
    "with_welfare_group": N_("With the welfare group"),
}
