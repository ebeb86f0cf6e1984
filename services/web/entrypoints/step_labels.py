"""The case steps' words in the person's language: each step's summary, the lifecycle's
groups, and the labels and hints of the fields most steps share.

A step's form is the welfare group's declaration (English); its summary and its fields'
titles are translated where the catalogues know the English text, and a field this table
names gets its own label and hint. What neither knows shows in English, marked as such.
"""

from __future__ import annotations

from services.web.entrypoints.i18n import current_language
from services.web.entrypoints.i18n import gettext as translate
from services.web.entrypoints.pages import N_

__all__ = [
    "GROUPS",
    "SUMMARIES",
    "field_hint",
    "field_label",
    "group_label",
    "hint_in_english",
    "in_english",
    "option_vocabulary",
    "translated",
]

GROUPS = {
    "discussion": N_("The discussion and its deadline (§15)"),
    "consent": N_("Consent (§14)"),
    "group": N_("The expert group's work"),
    "leading": N_("Leading the case, and the guardian"),
    "disclosure": N_("Disclosures and notices"),
    "other": N_("Other steps"),
}

# The welfare group's step summaries, for the catalogues: a button says its step's summary.
SUMMARIES = (
    N_("Offer the §15 discussion"),
    N_("Record the student's own views (§18)"),
    N_("Record a minor's bar on the guardian (§18)"),
    N_("Lift a bar on the guardian (§18)"),
    N_("Note a child-welfare notice made"),
    N_("Correct a record entry"),
    N_("Record a request for a §15 discussion"),
    N_("Re-assess the urgency (§15)"),
    N_("Record a §15.2 exception: no discussion needed"),
    N_("Record the student told of the contact (§16.2)"),
    N_("Record a written consent to a disclosure, or its refusal (§22)"),
    N_("Withdraw a consent to a disclosure, at once"),
    N_("Disclose record data outside the work (§20.5, §22)"),
    N_("Record the decision on moving welfare data to a new education provider (§23.3)"),
    N_("Ask the student or guardian for consent"),
    N_("Record a consent or a refusal (§14)"),
    N_("Record a consent or a refusal (§14), or answer a request online"),
    N_("Withdraw consent, at once"),
    N_("Form the expert group (§14)"),
    N_("Schedule a meeting of the group"),
    N_("Record a meeting held"),
    N_("Agree measures, each with an owner and a review"),
    N_("Review the follow-up: continue, change, close"),
    N_("Close the case with a reason"),
    N_("Record a measure carried out (§20.4)"),
    N_("Assign the case's responsible person (§16)"),
    N_("Keep or lift a request that the guardian not be told yet"),
)

_LABELS = {
    "offered_on": N_("Day the discussion was offered"),
    "from": N_("Whose consent is asked for"),
    "purpose": N_("Purpose"),
    "members": N_("Members"),
    "outside_parties": N_("Outside parties"),
    "refused_members": N_("Members refused"),
    "refused_outside_parties": N_("Outside parties refused"),
    "student_can_judge": N_("Can the student judge what consenting means?"),
    "capacity_reasons": N_("Why (the capacity assessment)"),
    "responsible": N_("Responsible person (staff id)"),
    "background": N_("Background"),
    "background_shared_with_raiser": N_("The raiser knows what the background says"),
    "on": N_("When"),
    "attendees": N_("Attendees"),
    "handling": N_("How the group handled the matter"),
    "others": N_("Others present"),
    "measures": N_("Measures"),
    "kind": N_("Kind"),
    "description": N_("Description"),
    "carried_out_by": N_("Carried out by (staff id)"),
    "followed_up_by": N_("Followed up by (staff id)"),
    "review_on": N_("Review on"),
    "outcome": N_("Outcome"),
    "progress": N_("Progress"),
    "closing_reason": N_("Reason for closing"),
    "reason": N_("Reason"),
    "given": N_("Consent given"),
    "given_by": N_("Decided by"),
    "form": N_("Form of the consent"),
    "request_id": N_("The request answered"),
    "staff_id": N_("Staff id"),
    "role": N_("Role"),
    "requested_on": N_("Day of the request or contact"),
    "requested_by": N_("Who asked"),
    "with_profession": N_("Discussion with"),
    "urgency": N_("Urgency"),
    "exception": N_("Exception"),
    "explanation": N_("Explanation"),
    "told_on": N_("Day the student was told"),
    "views": N_("The student's views"),
    "wishes": N_("The student's wishes"),
    "bars": N_("Bars"),
    "assessment": N_("Assessment"),
    "keep": N_("Keep the guardian uninformed for now"),
    "ground": N_("Ground"),
    "made_on": N_("Day the notice was made"),
    "to": N_("To (recipient's id)"),
    "data": N_("Data"),
    "what": N_("What"),
    "statute": N_("Statute"),
    "correction": N_("Correction"),
    "what_was_done": N_("What was done"),
    "position": N_("Position"),
    "name": N_("Name"),
    "organisation": N_("Organisation (id)"),
    "title": N_("Title"),
}
_HINTS = {
    "members": N_("Each member's staff id and role. Leave extra rows empty."),
    "outside_parties": N_("One outside party's id per line, e.g. the youth services."),
    "refused_members": N_("One staff id per line."),
    "refused_outside_parties": N_("One id per line."),
    "attendees": N_("Each attendee's staff id and role. Leave extra rows empty."),
    "purpose": N_("What the group is to handle, in a few words: no details of the matter."),
    "on": N_("The school's local time."),
    "student_can_judge": N_(
        "Your capacity assessment (§14). Without it, only a professional can record the answer."
    ),
    "capacity_reasons": N_("Required for a minor: why the student can or cannot judge."),
    "offered_on": N_("Not a day in the future."),
}
# Fields whose label says all: the service's note on them is for integrators.
_NO_HINT = frozenset({"from", "request_id"})


def translated(message: str) -> str:
    return translate(message) if message else message


def in_english(message: str | None) -> bool:
    """Whether the page shows ``message`` in English inside another language's page."""
    return bool(message) and current_language() != "en" and translate(message or "") == message


def field_label(name: str, title: str) -> str:
    return translate(_LABELS[name]) if name in _LABELS else translated(title)


def field_hint(name: str, description: str | None) -> str | None:
    if name in _NO_HINT:
        return None
    if name in _HINTS:
        return translate(_HINTS[name])
    return translated(description) if description else None


# Which vocabulary (``case_labels``) a field's options are words of.
_OPTION_WORDS = {
    "from": "consenter",
    "given_by": "consenter",
    "form": "consent_form",
    "requested_by": "requester",
    "with_profession": "role",
    "role": "role",
    "urgency": "urgency",
    "exception": "exception",
    "bars": "bar",
    "outcome": "review_outcome",
    "kind": "measure_kind",
    "data": "record_data",
    "position": "position",
}


def option_vocabulary(name: str) -> str | None:
    return _OPTION_WORDS.get(name)


def group_label(key: str) -> str:
    return translate(GROUPS[key]) if key in GROUPS else key


def hint_in_english(name: str, description: str | None) -> bool:
    """Whether ``field_hint`` shows the service's English in another language's page."""
    if name in _NO_HINT:
        return False
    return in_english(_HINTS.get(name, description))
