"""The record exported or printed for someone outside the work is a disclosure (§20.5).

Without a recipient an export is the caller's own use (the team's work, the family's own
copy) and enters nothing. Named for a recipient, it needs the basis any disclosure needs
(§22): a written consent to it naming the recipient and the whole record, or a statute.
Then each case exported gets its Disclosure entry and its ledger row, in the same
transaction as the access log's grant, so the export is entered exactly if it happens.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from services.welfare_group.domain import lifecycle as law
from services.welfare_group.domain.case import Case
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.ledger import rows_for
from services.welfare_group.domain.need_to_know import CASE_TEAM, Basis, basis_for
from services.welfare_group.domain.statutes import Statute
from services.welfare_group.service_layer.announcements import step_recorded
from services.welfare_group.service_layer.unit_of_work import WelfareUnit
from shared.contracts import Audience, utc_now
from shared.security import Principal

__all__ = ["Granted", "enter_disclosed", "export_for_recipient"]

# Logs the use of one case as granted, inside the unit's transaction.
Granted = Callable[[Case, Basis], Awaitable[None]]


async def enter_disclosed(before: Case, after: Case, unit: WelfareUnit) -> None:
    """Save a case with its new disclosure entries, their ledger rows and announcements."""
    await unit.cases.save(after)
    new = after.record.entries[len(before.record.entries) :]
    for row in rows_for(after, new):
        await unit.disclosures.enter(row)
    for entry in new:
        unit.emit(
            step_recorded(after, entry, by=entry.author, involved=(), audience=Audience.NOBODY)
        )


async def export_for_recipient(
    student_ref: str,
    *,
    to: str,
    statute: Statute | None,
    what: str,
    who: Principal,
    unit: WelfareUnit,
    granted: Granted,
) -> list[Case]:
    """The student's cases the caller's team holds, each with its disclosure entered; the
    §22 refusal if any of them lacks the basis (then nothing is exported or entered)."""
    exported = []
    for case in await unit.cases.of_student(student_ref):
        basis = basis_for(case, who)
        if basis is None or basis not in CASE_TEAM:
            continue
        disclosed = law.disclose(
            case, to=to, what=what, data=RecordData.WHOLE_RECORD, statute=statute,
            by=who.as_staff(), at=utc_now(),
        )  # fmt: skip
        await enter_disclosed(case, disclosed, unit)
        await granted(disclosed, basis)
        exported.append(disclosed)
    return exported
