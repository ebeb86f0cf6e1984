"""The communal welfare screens' words: the codes the communal service speaks, each with
its label (marked for the catalogues, translated where shown), and who does what there.

The service answers in codes and decides who may; these lists only name the codes in
words and hide from a person what the service would refuse them anyway.
"""

from __future__ import annotations

from services.web.domain.words import N_
from shared.contracts import Role

__all__ = [
    "ATTENDANCE",
    "COMMUNITY_ROLES",
    "DRAWN_UP_WITH",
    "INDICATORS",
    "PLAN_EDITORS",
    "PLAN_PARTS",
]

# Who sees a school's community pages and writes its meetings' minutes: the school's
# communal welfare group (§14.1) and the provider's welfare lead.
COMMUNITY_ROLES = frozenset(
    {
        Role.PRINCIPAL,
        Role.NURSE,
        Role.PSYCHOLOGIST,
        Role.KURAATTORI,
        Role.SPECIAL_NEEDS_TEACHER,
        Role.COUNSELLOR,
        Role.WELFARE_LEAD,
    }
)
# Who adopts a new version of a school's welfare plan (§13): its principal, or the lead.
PLAN_EDITORS = frozenset({Role.PRINCIPAL, Role.WELFARE_LEAD})

# A meeting's attendance is kept by role, never by person: the service holds no person.
ATTENDANCE: dict[str, str] = {
    "chair": N_("Chair (the education provider's representative)"),
    "principal": N_("Principal"),
    "teacher": N_("Teacher"),
    "special_needs_teacher": N_("Special needs teacher"),
    "counsellor": N_("Study counsellor"),
    "nurse": N_("School nurse"),
    "psychologist": N_("Psychologist"),
    "kuraattori": N_("Kuraattori"),
    "student_representative": N_("Students' representative"),
    "guardian_representative": N_("Guardians' representative"),
    "partner": N_("Partner (e.g. youth services, police, parish)"),
}

# The four parts §13 requires of a welfare plan: (label, hint).
PLAN_PARTS: dict[str, tuple[str, str]] = {
    "need_and_services": (
        N_("The need for student welfare and the services available"),
        N_("The school community's needs, and the welfare services there are to meet them."),
    ),
    "communal_measures": (
        N_("Communal student welfare and its measures"),
        N_("How the whole school community's wellbeing, safety and health are promoted."),
    ),
    "cooperation": (
        N_("Cooperation with students, families and partners"),
        N_("How students and guardians take part, and whom the school works with."),
    ),
    "against_violence_bullying_harassment": (
        N_("The plan against violence, bullying and harassment"),
        N_("How they are prevented, how the school acts when they happen, and whom it tells."),
    ),
}

# Who took part in drawing the plan up, as groups (§13: with students and guardians).
DRAWN_UP_WITH: dict[str, str] = {
    "students": N_("Students"),
    "guardians": N_("Guardians"),
    "staff": N_("School staff"),
    "welfare_services": N_("Student welfare services"),
    "partners": N_("Partners"),
}

# The plan's self-monitoring indicators, each one of the published statistics.
INDICATORS: dict[str, str] = {
    "concerns_total": N_("Concerns raised"),
    "concerns_social_relations_and_bullying": N_("Concerns about social relations and bullying"),
    "concerns_mental_health": N_("Concerns about mental health"),
    "discussions_within_limit_share": N_("Discussions offered within the legal limit (§15)"),
    "median_school_days_to_discussion": N_("Median school days to the discussion"),
    "cases_opened": N_("Cases opened"),
    "cases_group_formed": N_("Expert groups formed"),
    "median_days_case_open": N_("Median days a case was open"),
    "consents_refused": N_("Consents refused"),
    "notifications_failed": N_("Notifications that failed"),
}
