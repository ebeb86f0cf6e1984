"""The welfare plan's fixed vocabularies: its parts, who takes part in drawing it up, and
the indicators it monitors itself by. Codes, which the web app translates."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["IndicatorCode", "Participant", "PlanPart"]


class PlanPart(StrEnum):
    """The four parts §13 requires of every welfare plan."""

    NEED_AND_SERVICES = "need_and_services"  # the need for welfare, and the services there are
    COMMUNAL_MEASURES = "communal_measures"  # communal welfare's aims and measures
    COOPERATION = "cooperation"  # with the students' families and the school's partners
    # The plan to protect students from violence, bullying and harassment.
    AGAINST_VIOLENCE_BULLYING_HARASSMENT = "against_violence_bullying_harassment"


class Participant(StrEnum):
    """Who took part in drawing up the plan: groups, never persons."""

    STUDENTS = "students"
    GUARDIANS = "guardians"
    STAFF = "staff"
    WELFARE_SERVICES = "welfare_services"  # the county's nurses, psychologists, kuraattorit
    PARTNERS = "partners"  # youth services, the police, parishes, associations
    WELFARE_GROUPS = "welfare_groups"  # the schools' communal groups, for the provider's plan


class IndicatorCode(StrEnum):
    """The plan's self-monitoring indicators (§25, §26): each is a published statistic, so
    the plan's target and the figure the school sees are the same thing."""

    CONCERNS_TOTAL = "concerns_total"
    CONCERNS_SOCIAL_RELATIONS_AND_BULLYING = "concerns_social_relations_and_bullying"
    CONCERNS_MENTAL_HEALTH = "concerns_mental_health"
    DISCUSSIONS_WITHIN_LIMIT_SHARE = "discussions_within_limit_share"
    MEDIAN_SCHOOL_DAYS_TO_DISCUSSION = "median_school_days_to_discussion"
    CASES_OPENED = "cases_opened"
    CASES_GROUP_FORMED = "cases_group_formed"
    MEDIAN_DAYS_CASE_OPEN = "median_days_case_open"
    CONSENTS_REFUSED = "consents_refused"
    NOTIFICATIONS_FAILED = "notifications_failed"
