"""What each case step does, for the API's documentation: one paragraph per step."""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["STEP_DESCRIPTIONS"]

STEP_DESCRIPTIONS: Mapping[str, str] = {
    "discussion-offers": (
        "The psychologist or kuraattori records the day the §15 discussion was offered; this is "
        "what meets the deadline and silences its reminders. 409 if the caller is of another "
        "profession or the day precedes the concern."
    ),
    "consent-requests": (
        "Asks the student, or the guardian where the student cannot judge, for consent to "
        "handle the matter in an expert group (§14). Asking again while a request is pending is "
        "a reminder; the guardian is told unless held back (§18)."
    ),
    "consent-decisions": (
        "Records a consent or a refusal, itemised: the members and outside parties it covers, "
        "its purpose, its form and the capacity assessment. Outside parties need written "
        "consent (§14). Every decision is kept."
    ),
    "consent-withdrawals": (
        "Withdraws every consent in force, at once. The members it covered leave the expert "
        "group in the same step; the responsible person keeps leading the case."
    ),
    "expert-group": (
        "Forms the multidisciplinary expert group with its responsible person (§14). Only the "
        "case's lead, or the principal of an unassigned case, forms it; every member must be "
        "covered by the consent in force."
    ),
    "meetings": (
        "Schedules a meeting of the group, from today to three years ahead; its attendees must "
        "be covered by consent, and are invited."
    ),
    "meetings/{meeting_id}/held": (
        "Records a scheduled meeting as held: how the group handled the matter and who attended "
        "in which role (§20)."
    ),
    "measures": (
        "Agrees measures, each with its kind, who carries it out, who follows it up and a "
        "review date; discipline is refused (§14). The case moves to follow-up."
    ),
    "reviews": (
        "Reviews the follow-up: continue, change the plan, or close the case with a reason."
    ),
    "closure": (
        "Closes the case with a reason; the retention period of the record runs from here."
    ),
    "student-views": (
        "Records the student's own views and wishes, to be weighed by age and maturity (§18)."
    ),
    "guardian-bar": (
        "Records a minor's bar on the guardian, with its reason and the assessment of a nurse, "
        "psychologist or kuraattori that it is in the child's interest (§18). From then on the "
        "guardian is told nothing and sees nothing of the case."
    ),
    "disclosures": (
        "Enters a disclosure of record data outside the work: what, to whom and on what basis, "
        "a consent naming the recipient or a cited statute (§20, §22)."
    ),
    "child-welfare-notices": (
        "Notes in the record that a child-welfare notice (Child Welfare Act §25) was made; it "
        "changes nothing else in the case."
    ),
    "record/{entry_id}/corrections": (
        "Corrects an entry of the record by a new entry naming it; the original stays (§20)."
    ),
    "responsible": (
        "Assigns the case's responsible person, a nurse, psychologist or kuraattori of the "
        "school's roster (§16). The principal does this for a case nobody leads; the lead may "
        "hand the case on. The new lead is told."
    ),
    "guardian-hold-decisions": (
        "Reviews a raiser's request that the guardian not be told yet: keep it, with a ground a "
        "nurse, psychologist or kuraattori judges (§18), or lift it, after which the guardian "
        "is told."
    ),
}
