"""§22, §20.5, §23.3: record data leaves the work only on a written consent to that disclosure,
naming the recipient and the data, or on a statute from the maintained list; every
decision and withdrawal is kept, and each disclosure says what, to whom and on what basis."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from services.welfare_group.domain import lifecycle as step
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.ledger import notice_row, rows_for, shown_to_guardian
from services.welfare_group.domain.record import EntryKind
from services.welfare_group.domain.record_content import (
    ChildWelfareNotice,
    Disclosure,
    TransferDecision,
    content_to_stored,
)
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.statutes import STATUTES, Statute
from tests.support.cases import PSYCHOLOGIST, T, consented, measure, with_group

PLAN = RecordData.PLAN_OF_MEASURES


def consent_to_disclose(case: Case, **kw: Any) -> Case:
    fields: dict[str, Any] = {
        "given": True,
        "given_by": Consenter.STUDENT,
        "student_can_judge": True,
        "to": "youth-services",
        "data": [PLAN],
        "purpose": "support in the youth centre",
        "form": ConsentForm.WRITTEN,
        "by": PSYCHOLOGIST,
        "at": T[4],
        **kw,
    }
    return step.decide_disclosure_consent(case, **fields)


def disclose(case: Case, *, to: str = "youth-services", data: RecordData = PLAN,
             statute: Statute | None = None) -> Case:  # fmt: skip
    return step.disclose(
        case, to=to, what="the plan", data=data, statute=statute, by=PSYCHOLOGIST, at=T[6]
    )


def refused(rule: str, attempt: Any) -> RuleViolation:
    with pytest.raises(RuleViolation) as why:
        attempt()
    assert why.value.rule == rule
    return why.value


def test_a_participation_consent_naming_the_recipient_is_no_consent_to_disclose() -> None:
    named = consented(outside_parties=("youth-services",))
    why = refused("§22", lambda: disclose(named))
    assert "disclosure-consents" in why.instead
    assert "statute" in why.instead


def test_a_written_consent_naming_recipient_and_data_lets_that_disclosure_go() -> None:
    case = consent_to_disclose(with_group())
    (consent,) = case.disclosure_consents
    shared = disclose(case)
    content = shared.record.entries[-1].content
    assert isinstance(content, Disclosure)
    assert (content.consent_id, content.statute, content.data) == (consent.consent_id, None, PLAN)
    assert content_to_stored(content)["legal_basis"] == "written consent to the disclosure (§22)"


def test_the_consent_covers_only_the_recipient_and_the_data_it_names() -> None:
    case = consent_to_disclose(with_group())
    refused("§22", lambda: disclose(case, to="police"))
    refused("§22", lambda: disclose(case, data=RecordData.MEETINGS))
    whole = consent_to_disclose(with_group(), data=[RecordData.WHOLE_RECORD])
    assert disclose(whole, data=RecordData.MEETINGS).record.entries[-1].kind is EntryKind.DISCLOSURE


def test_a_consent_to_disclose_is_written_and_given_by_whom_capacity_decides() -> None:
    refused("§22", lambda: consent_to_disclose(with_group(), form=ConsentForm.ORAL_RECORDED))
    refused("§14", lambda: consent_to_disclose(with_group(), given_by=Consenter.GUARDIAN))
    by_guardian = consent_to_disclose(
        with_group(), given_by=Consenter.GUARDIAN, student_can_judge=False
    )
    assert disclose(by_guardian).record.entries[-1].kind is EntryKind.DISCLOSURE


def test_a_refusal_is_kept_and_lets_nothing_go() -> None:
    case = consent_to_disclose(with_group(), given=False, form=ConsentForm.ORAL_RECORDED)
    assert case.record.entries[-1].kind is EntryKind.DISCLOSURE_CONSENT_DECISION
    refused("§22", lambda: disclose(case))


def test_a_withdrawal_is_kept_and_takes_effect_at_once() -> None:
    case = consent_to_disclose(with_group())
    (consent,) = case.disclosure_consents
    withdrawn = step.withdraw_disclosure_consent(
        case, consent_id=consent.consent_id, by=PSYCHOLOGIST, at=T[5]
    )
    assert withdrawn.record.entries[-1].kind is EntryKind.DISCLOSURE_CONSENT_WITHDRAWN
    refused("§22", lambda: disclose(withdrawn))
    refused(
        "§22",
        lambda: step.withdraw_disclosure_consent(
            withdrawn, consent_id=consent.consent_id, by=PSYCHOLOGIST, at=T[6]
        ),
    )


@pytest.mark.parametrize("statute", list(Statute))
def test_a_statute_from_the_maintained_list_is_a_basis_and_is_cited(statute: Statute) -> None:
    content = disclose(with_group(), to="child-welfare", statute=statute).record.entries[-1].content
    assert isinstance(content, Disclosure)
    assert content.statute is statute
    assert content.legal_basis == STATUTES[statute].citation


def test_the_maintained_list_names_each_statute_by_its_number_and_section() -> None:
    assert set(STATUTES) == set(Statute)
    for statute, row in STATUTES.items():
        number, section = statute.value.split("-")
        assert (row.number, row.section) == (number, f"§{section}")
    assert STATUTES[Statute.CHILD_WELFARE_ACT_25].citation == "Child Welfare Act 417/2007 §25"


def decide_transfer(case: Case, **kw: Any) -> Case:
    fields: dict[str, Any] = {
        "given": True,
        "given_by": Consenter.STUDENT,
        "student_can_judge": True,
        "to": "espoo-education",
        "form": ConsentForm.WRITTEN,
        "by": PSYCHOLOGIST,
        "at": T[7],
        **kw,
    }
    return step.decide_transfer(case, **fields)


def test_a_consented_transfer_discloses_what_continuity_needs_to_the_new_provider() -> None:
    case = step.agree_measures(with_group(), measures=[measure()], by=PSYCHOLOGIST, at=T[3])
    moved = decide_transfer(case)
    decision, disclosed = (e.content for e in moved.record.entries[-2:])
    assert isinstance(decision, TransferDecision)
    assert isinstance(disclosed, Disclosure)
    kinds = {e.entry_id: e.kind for e in case.record.entries}
    assert {kinds[i] for i in decision.entries} == {
        EntryKind.CASE_OPENED,
        EntryKind.MEASURES_AGREED,
    }
    assert (disclosed.to, disclosed.data) == ("espoo-education", RecordData.CONTINUITY)
    assert disclosed.consent_id == decision.consent_id


def test_a_refused_transfer_is_kept_and_nothing_moves() -> None:
    refused_transfer = decide_transfer(with_group(), given=False, form=ConsentForm.ORAL_RECORDED)
    (last,) = refused_transfer.record.entries[-1:]
    assert isinstance(last.content, TransferDecision)
    assert (last.content.given, last.content.entries) == (False, [])
    assert EntryKind.DISCLOSURE not in {e.kind for e in refused_transfer.record.entries}
    refused("§22", lambda: disclose(refused_transfer, to="espoo-education",
                                    data=RecordData.CONTINUITY))  # fmt: skip


def test_a_transfer_needs_written_consent_from_whom_capacity_decides() -> None:
    refused("§23", lambda: decide_transfer(with_group(), form=ConsentForm.ORAL_RECORDED))
    refused("§14", lambda: decide_transfer(with_group(), given_by=Consenter.GUARDIAN))


def test_a_guardian_reads_the_ledger_without_the_child_welfare_notices() -> None:
    notice = ChildWelfareNotice(made_by="teacher-tiina", made_on=T[1].date(), to="child-welfare")
    noticed = notice_row(row_id=uuid.uuid4(), student_ref="student-0001", school_id="kallio-school",
                         case_id=None, notice=notice, by=PSYCHOLOGIST, at=T[1])  # fmt: skip
    shared = disclose(consent_to_disclose(with_group()))
    (disclosed,) = rows_for(shared, shared.record.entries)
    assert shown_to_guardian([noticed, disclosed]) == [disclosed]
