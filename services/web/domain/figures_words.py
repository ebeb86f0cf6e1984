"""What each code of the published figures says: the tables, their rows, the provider's
headline figures, the statistics and why a cell is hidden. Concern categories and
urgencies are the concern form's own words, so a figure reads as the form did."""

from __future__ import annotations

from services.web.domain.concern_words import CATEGORIES, URGENCIES
from services.web.domain.figures import Hidden
from services.web.domain.words import N_

__all__ = [
    "FIGURE_LABELS",
    "HIDDEN_LABELS",
    "HIDDEN_MEANINGS",
    "ROW_LABELS",
    "STAFF_LABELS",
    "STATISTIC_LABELS",
    "TABLE_LABELS",
    "TABLE_ORDER",
    "TERM_LABELS",
]

TABLE_ORDER = (
    "concerns_by_category",
    "concerns_by_urgency",
    "concerns_by_raiser",
    "discussions",
    "cases",
    "measures",
    "consents",
    "notifications",
)

TABLE_LABELS: dict[str, str] = {
    "concerns_by_category": N_("Concerns by category"),
    "concerns_by_urgency": N_("Concerns by urgency"),
    "concerns_by_raiser": N_("Who raised the concerns"),
    "discussions": N_("Discussions with a psychologist or kuraattori (§15)"),
    "cases": N_("Cases"),
    "measures": N_("Measures agreed, by kind"),
    "consents": N_("Consents"),
    "notifications": N_("Notifications"),
}

ROW_LABELS: dict[str, dict[str, str]] = {
    "concerns_by_category": {str(c): label for c, (label, _hint) in CATEGORIES.items()},
    "concerns_by_urgency": {str(u): label for u, (label, _hint) in URGENCIES.items()},
    "concerns_by_raiser": {
        "staff": N_("Staff"),
        "student": N_("The student themselves"),
        "guardian": N_("A guardian"),
        "other": N_("Someone else"),
    },
    "discussions": {
        "within_limit": N_("Offered within the time limit"),
        "late": N_("Offered late"),
        "no_limit": N_("No time limit applied"),
        "deadline_passed": N_("Deadline passed without a discussion"),
    },
    "cases": {
        "opened": N_("Opened"),
        "concern_linked": N_("Concern linked to an open case"),
        "group_formed": N_("Became an expert-group case"),
        "closed": N_("Closed"),
    },
    "measures": {
        "support_discussions": N_("Support discussions"),
        "health_care": N_("Health care"),
        "referral": N_("Referral"),
        "family_cooperation": N_("Cooperation with the family"),
        "other": N_("Other measure"),
    },
    "consents": {
        "given": N_("Given"),
        "refused": N_("Refused"),
        "withdrawn": N_("Withdrawn"),
    },
    "notifications": {
        "delivered": N_("Delivered"),
        "failed": N_("Failed"),
    },
}

# The provider's schools side by side: each school's headline figures for the year.
FIGURE_LABELS: dict[str, str] = {
    "concerns": N_("Concerns"),
    "cases_opened": N_("Cases opened"),
    "cases_closed": N_("Cases closed"),
    "group_formed": N_("Expert-group cases"),
    "within_limit": N_("Discussions within the limit"),
    "late": N_("Discussions late"),
    "no_limit": N_("Discussions without a time limit"),
    "deadline_passed": N_("Deadlines passed"),
    "consents_given": N_("Consents given"),
    "consents_refused": N_("Consents refused"),
    "consents_withdrawn": N_("Consents withdrawn"),
    "notifications_delivered": N_("Notifications delivered"),
    "notifications_failed": N_("Notifications failed"),
}

STATISTIC_LABELS: dict[str, str] = {
    "discussions_within_limit_share": N_("Share of discussions within the limit"),
    "median_school_days_to_discussion": N_("Median school days to the discussion"),
    "median_days_case_open": N_("Median days a case was open"),
}

# §9a: (students per full-time professional, the ceiling), for each profession counted.
STAFF_LABELS: dict[str, tuple[str, str]] = {
    "psychologist": (
        N_("Students per full-time psychologist"),
        N_("Ceiling: students per full-time psychologist"),
    ),
    "kuraattori": (
        N_("Students per full-time kuraattori"),
        N_("Ceiling: students per full-time kuraattori"),
    ),
}

TERM_LABELS = (N_("Autumn term"), N_("Spring term"))

HIDDEN_LABELS: dict[Hidden, str] = {
    Hidden.SMALL: N_("fewer than five"),
    Hidden.COMPLEMENTARY: N_("hidden"),
}

HIDDEN_MEANINGS: dict[Hidden, str] = {
    Hidden.SMALL: N_(
        "0 to 4: too few to show, as so small a number could point to a student. "
        "A zero is hidden too, or it would give away the small numbers beside it."
    ),
    Hidden.COMPLEMENTARY: N_(
        "Hidden as well, so that a \u201c<5\u201d cannot be worked out from the totals "
        "or from another table."
    ),
}
