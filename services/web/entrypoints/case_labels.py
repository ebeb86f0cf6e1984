"""The welfare group's words, as the case screens say them: one table per vocabulary.

Values the service sends (a status, a kind of entry, a field's name) are shown through
these tables, translated at render; a value no table knows is shown as it came, so a word
the service adds later still shows, in English, rather than nothing.
"""

from __future__ import annotations

from services.web.entrypoints.i18n import gettext as translate
from services.web.entrypoints.pages import N_, ROLE_LABELS
from shared.contracts import Role

__all__ = ["VOCABULARIES", "label"]

STATUS = {
    "opened": N_("opened"),
    "consent_requested": N_("consent requested"),
    "consent_given": N_("consent given"),
    "consent_refused": N_("consent refused"),
    "consent_withdrawn": N_("consent withdrawn"),
    "group_formed": N_("expert group formed"),
    "follow_up": N_("follow-up"),
    "closed": N_("closed"),
}
CATEGORY = {
    "learning": N_("learning"),
    "attendance": N_("attendance"),
    "mental_health": N_("mental health"),
    "physical_health": N_("physical health"),
    "social_relations_and_bullying": N_("social relations and bullying"),
    "family_situation": N_("family situation"),
    "substance_use": N_("substance use"),
    "other": N_("other"),
}
ENTRY_KIND = {
    "case_opened": N_("Case opened"),
    "concern_linked": N_("Another concern joined"),
    "discussion_offered": N_("Discussion offered"),
    "consent_requested": N_("Consent asked for"),
    "consent_decision": N_("Consent decision"),
    "consent_withdrawn": N_("Consent withdrawn"),
    "student_view": N_("The student's views"),
    "guardian_barred": N_("Guardian barred"),
    "guardian_bar_lifted": N_("Bar on the guardian lifted"),
    "guardian_hold_confirmed": N_("Guardian not told yet: kept"),
    "guardian_hold_lifted": N_("Guardian not told yet: lifted"),
    "guardian_hold_lapsed": N_("Guardian not told yet: lapsed"),
    "responsible_assigned": N_("Responsible person assigned"),
    "record_header": N_("Record header"),
    "group_formed": N_("Expert group formed"),
    "meeting_scheduled": N_("Meeting scheduled"),
    "meeting_held": N_("Meeting held"),
    "measures_agreed": N_("Measures agreed"),
    "measure_carried_out": N_("Measure carried out"),
    "follow_up_review": N_("Follow-up review"),
    "disclosure_consent_decision": N_("Consent to a disclosure"),
    "disclosure_consent_withdrawn": N_("Consent to a disclosure withdrawn"),
    "disclosure": N_("Disclosure"),
    "transfer_decision": N_("Decision on moving data to a new school"),
    "child_welfare_notice": N_("Child welfare notice made"),
    "correction": N_("Correction"),
    "closed": N_("Case closed"),
    "discussion_requested": N_("Discussion requested"),
    "urgency_reassessed": N_("Urgency re-assessed"),
    "discussion_not_needed": N_("No discussion needed (§15.2)"),
    "student_told": N_("Student told of the contact"),
}
VOCABULARIES: dict[str, dict[str, str]] = {
    "status": STATUS,
    "category": CATEGORY,
    "entry_kind": ENTRY_KIND,
    "urgency": {"routine": N_("routine"), "urgent": N_("urgent")},
    "yes_no": {"yes": N_("yes"), "no": N_("no")},
    "consenter": {
        "student": N_("the student"),
        "guardian": N_("the guardian"),
        "representative": N_("the court-appointed representative"),
    },
    "consent_form": {
        "written": N_("written"),
        "oral_recorded": N_("oral, recorded"),
        "electronic": N_("electronic"),
    },
    "requester": {
        "student": N_("the student"),
        "guardian": N_("a guardian"),
        "staff": N_("a staff member"),
        "other": N_("someone else"),
    },
    "exception": {
        "advice_to_the_caller": N_("only advice to the person who made contact"),
        "clearly_unnecessary": N_("a discussion is clearly unnecessary"),
    },
    "bar": {
        "participation": N_("on taking part"),
        "confidential_data": N_("on confidential data"),
    },
    "review_outcome": {
        "continue": N_("continue"),
        "change_plan": N_("change the plan"),
        "close": N_("close the case"),
    },
    "measure_kind": {
        "support_discussions": N_("support discussions"),
        "health_care": N_("health care"),
        "referral": N_("referral"),
        "family_cooperation": N_("cooperation with the family"),
        "other": N_("other"),
        "discipline": N_("discipline"),
        "learning_support": N_("learning support"),
    },
    "record_data": {
        "whole_record": N_("the whole record"),
        "plan_of_measures": N_("the plan of measures"),
        "meetings": N_("the meetings"),
        "student_views": N_("the student's views"),
        "continuity": N_("what continuity needs"),
        "child_welfare_notice": N_("the child welfare notice"),
    },
    "register": {
        "welfare": N_("welfare register"),
        "health_care": N_("health care register"),
        "social_care": N_("social care register"),
    },
    "position": {
        "student": N_("the student"),
        "guardian": N_("a guardian"),
        "outside_party": N_("an outside party"),
    },
    "item_state": {
        "requested": N_("requested, no answer yet"),
        "given": N_("given"),
        "refused": N_("refused"),
        "withdrawn": N_("withdrawn"),
    },
    "role": {role.value: text for role, text in ROLE_LABELS.items()},
    "guardian_notice_hold": {
        "requested": N_("asked for, not yet reviewed"),
        "kept": N_("kept by a professional"),
    },
}


def label(vocabulary: str | None, value: object) -> str:
    """The word for ``value`` in the person's language; the value itself if none is known."""
    text = str(value)
    known = VOCABULARIES.get(vocabulary or "", {}).get(text)
    if known is None and vocabulary == "role" and text in Role.__members__.values():
        known = ROLE_LABELS.get(Role(text))
    return translate(known) if known else text
