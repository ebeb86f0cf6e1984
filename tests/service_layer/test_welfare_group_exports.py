"""§20.5: the record exported or printed for a named recipient outside the work is a
disclosure, on the basis any disclosure needs (§22), entered in each case and the ledger
with the access log's grant in one transaction; refused, nothing is entered."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from services.welfare_group.domain.case import Case
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.need_to_know import Basis
from services.welfare_group.domain.record_content import Disclosure
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.statutes import Statute
from services.welfare_group.service_layer.concerns import take_up_concern
from services.welfare_group.service_layer.exports import export_for_recipient
from shared.security import Principal, Role
from tests.factories import concern_raised
from tests.fakes.welfare_group import KALLIO, FakeWelfareGroup

HELSINKI = ZoneInfo("Europe/Helsinki")
ELIAS = Principal("psychologist-elias", Role.PSYCHOLOGIST, frozenset({"kallio-school"}))
KAISA = Principal("kuraattori-kaisa", Role.KURAATTORI, frozenset({"kallio-school"}))


async def export(
    group: FakeWelfareGroup, statute: Statute | None, who: Principal = ELIAS
) -> tuple[list[Case], list[tuple[Case, Basis]]]:
    logged: list[tuple[Case, Basis]] = []

    async def granted(case: Case, basis: Basis) -> None:
        logged.append((case, basis))

    found = await group.transact(
        lambda unit: export_for_recipient(
            "student-0001", to="new-school-provider", statute=statute,
            what="the whole welfare record, printed for the recipient", who=who, unit=unit,
            granted=granted,
        )
    )  # fmt: skip
    return found, logged


async def opened() -> tuple[FakeWelfareGroup, Case]:
    group = FakeWelfareGroup([KALLIO])
    case = await group.transact(lambda unit: take_up_concern(concern_raised(), unit, HELSINKI))
    return group, case


async def test_an_export_for_a_recipient_without_a_basis_is_refused_and_enters_nothing() -> None:
    group, case = await opened()
    with pytest.raises(RuleViolation) as refused:
        await export(group, None)
    assert refused.value.rule == "§22"
    assert await group.cases.get(case.case_id) == case
    assert await group.disclosures.search() == []


async def test_an_export_for_a_recipient_on_a_statute_is_entered_in_the_case_and_ledger() -> None:
    group, case = await opened()
    before = len(group.published)
    (exported,), logged = await export(group, Statute.BASIC_EDUCATION_ACT_40)
    entry = exported.record.entries[-1]
    assert isinstance(entry.content, Disclosure)
    assert (entry.content.to, entry.content.data) == (
        "new-school-provider",
        RecordData.WHOLE_RECORD,
    )
    assert await group.cases.get(case.case_id) == exported
    (row,) = await group.disclosures.search()
    assert (row.case_id, row.statute) == (case.case_id, Statute.BASIC_EDUCATION_ACT_40)
    assert [(c.case_id, b) for c, b in logged] == [(case.case_id, Basis.RESPONSIBLE)]
    assert len(group.published) == before + 1  # the entry announced


async def test_a_case_the_caller_is_not_on_is_neither_exported_nor_entered() -> None:
    group, _ = await opened()
    found, logged = await export(group, Statute.BASIC_EDUCATION_ACT_40, who=KAISA)
    assert (found, logged) == ([], [])
    assert await group.disclosures.search() == []
