"""The family's screens' words for the services' codes: a case's status, what a matter is
about, what each professional does, what a consent item's state is (message ids)."""

from __future__ import annotations

from services.web.domain.family import N_

__all__ = [
    "CATEGORIES",
    "DECISIONS",
    "NOT_URGENT",
    "PROFESSIONS_DO",
    "STATUSES",
    "URGENT",
    "URGENT_HINT",
    "WITH",
    "WITH_DOES",
]

STATUSES = {
    "opened": N_("Taken up"),
    "consent_requested": N_("Waiting for consent"),
    "consent_given": N_("Consent given"),
    "consent_refused": N_("Consent refused"),
    "consent_withdrawn": N_("Consent withdrawn"),
    "group_formed": N_("An expert group is working on it"),
    "follow_up": N_("Support agreed, followed up"),
    "closed": N_("Closed"),
}
CATEGORIES = {
    "learning": N_("Learning"),
    "attendance": N_("Coming to school"),
    "mental_health": N_("Mood and mental health"),
    "physical_health": N_("Physical health"),
    "social_relations_and_bullying": N_("Friends, other students, bullying"),
    "family_situation": N_("Home and family"),
    "substance_use": N_("Alcohol, drugs or other substances"),
    "other": N_("Something else"),
}
PROFESSIONS_DO = {
    "nurse": N_("Looks after students' health: check-ups, worries about health and well-being."),
    "psychologist": N_("Talks with students about feelings, thoughts and how things are going."),
    "kuraattori": N_("Helps with school life, friendships and situations at home."),
    "special_needs_teacher": N_("Helps with learning and studying."),
    "teacher": N_("Teaches the student and sees them at school every day."),
    "counsellor": N_("Helps with choosing studies and planning what comes next."),
    "principal": N_("Leads the school and is responsible for its student welfare."),
}
DECISIONS = {
    "consented": N_("consented"),
    "refused": N_("refused"),
    "withdrawn": N_("withdrawn"),
}
WITH = {
    "kuraattori": N_("The kuraattori"),
    "psychologist": N_("The psychologist"),
    "either": N_("Either one"),
}
WITH_DOES = {
    "kuraattori": PROFESSIONS_DO["kuraattori"],
    "psychologist": PROFESSIONS_DO["psychologist"],
    "either": N_("Whoever of them can see you first."),
}
NOT_URGENT = N_("No")
URGENT = N_("Yes, it is urgent")
URGENT_HINT = N_("Something has happened, or is happening, that cannot wait a week.")
