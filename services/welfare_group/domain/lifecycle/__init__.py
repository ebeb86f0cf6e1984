"""What may be done with a case, when, and what the law says otherwise.

opened → consent requested → consent given or refused → expert group formed → meetings →
measures agreed → follow-up reviews → closed. Consent can be withdrawn at any time and
takes effect at once: every step that relies on it checks it at the moment it is taken.
Each step appends its entry to the welfare record; nothing here ever removes one.

The steps are plain functions ``(case, …, by, at) -> case``, grouped by what they concern:
consent (``consenting``), the expert group's work (``group_work``), the record kept
around it (``record_keeping``), the §15 clock (``clocking``) and data leaving the work
(``disclosing``).
"""

from services.welfare_group.domain.lifecycle.answering import answer_consent
from services.welfare_group.domain.lifecycle.clocking import (
    except_discussion,
    owe_student_notice,
    reassess_urgency,
    request_discussion,
    tell_student,
)
from services.welfare_group.domain.lifecycle.consenting import decide_consent, request_consent
from services.welfare_group.domain.lifecycle.disclosing import (
    decide_disclosure_consent,
    disclose,
    withdraw_disclosure_consent,
)
from services.welfare_group.domain.lifecycle.group_work import (
    agree_measures,
    close,
    form_group,
    hold_meeting,
    review,
    review_due,
    schedule_meeting,
)
from services.welfare_group.domain.lifecycle.guardian import (
    bar_guardian,
    guardian_rights,
    lift_guardian_bar,
)
from services.welfare_group.domain.lifecycle.leading import (
    assign_responsible,
    decide_guardian_hold,
    lapse_guardian_hold,
)
from services.welfare_group.domain.lifecycle.majority import come_of_age, require_minor
from services.welfare_group.domain.lifecycle.measures import carry_out_measure
from services.welfare_group.domain.lifecycle.record_keeping import (
    correct,
    hear_student,
    offer_discussion,
    record_child_welfare_notice,
)
from services.welfare_group.domain.lifecycle.transferring import decide_transfer
from services.welfare_group.domain.lifecycle.withdrawing import (
    withdraw_consent,
    withdraw_family_consent,
)

__all__ = [
    "agree_measures",
    "answer_consent",
    "assign_responsible",
    "bar_guardian",
    "carry_out_measure",
    "close",
    "come_of_age",
    "correct",
    "decide_consent",
    "decide_disclosure_consent",
    "decide_guardian_hold",
    "decide_transfer",
    "disclose",
    "except_discussion",
    "form_group",
    "guardian_rights",
    "hear_student",
    "hold_meeting",
    "lapse_guardian_hold",
    "lift_guardian_bar",
    "offer_discussion",
    "owe_student_notice",
    "reassess_urgency",
    "record_child_welfare_notice",
    "request_consent",
    "request_discussion",
    "require_minor",
    "review",
    "review_due",
    "schedule_meeting",
    "tell_student",
    "withdraw_consent",
    "withdraw_disclosure_consent",
    "withdraw_family_consent",
]
