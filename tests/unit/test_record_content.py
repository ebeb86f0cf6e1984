"""Record-entry content typed per kind: every kind has its class, the sealed JSON keeps the
keys and shapes it always had, and what is stored reads back as the entry it was."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any, get_args

import pytest
from pydantic import TypeAdapter, ValidationError

from services.welfare_group.domain.consent import Consenter, ConsentForm
from services.welfare_group.domain.disclosure import RecordData
from services.welfare_group.domain.group import Measure, MeasureKind, ReviewOutcome
from services.welfare_group.domain.guardian_bars import GuardianBar
from services.welfare_group.domain.record import EntryKind, Record, RecordEntry
from services.welfare_group.domain.record_content import (
    CaseOpened,
    ChildWelfareNotice,
    Closed,
    ConcernLinked,
    ConsentCoverage,
    ConsentDecision,
    ConsentRequested,
    ConsentWithdrawn,
    Correction,
    Disclosure,
    DisclosureConsentDecision,
    DisclosureConsentWithdrawn,
    DiscussionException,
    DiscussionNotNeeded,
    DiscussionOffered,
    DiscussionRequested,
    DiscussionRequester,
    EntryContent,
    FollowUpReview,
    GroupFormed,
    GuardianBarLifted,
    GuardianBarred,
    GuardianHoldConfirmed,
    GuardianHoldLapsed,
    GuardianHoldLifted,
    MeasureCarriedOut,
    MeasuresAgreed,
    MeetingHeld,
    MeetingScheduled,
    RecordHeader,
    ResponsibleAssigned,
    StudentTold,
    StudentView,
    TransferDecision,
    UrgencyReassessed,
    content_from_stored,
    content_to_stored,
)
from services.welfare_group.domain.registers import Register
from services.welfare_group.domain.rules import RuleViolation
from services.welfare_group.domain.students import GuardianContact
from shared.contracts import ConcernCategory, Role, StaffMember, Urgency

PSY = StaffMember("psychologist-elias", Role.PSYCHOLOGIST)
NURSE = StaffMember("nurse-aino", Role.NURSE)
TEACHER = StaffMember("teacher-tiina", Role.TEACHER)
AT = datetime(2026, 11, 23, 9, tzinfo=UTC)
CONCERN = uuid.UUID("00000000-0000-4000-8000-000000000001")
MEETING = uuid.UUID("00000000-0000-4000-8000-000000000002")
MEASURE = Measure(
    uuid.UUID("00000000-0000-4000-8000-000000000003"),
    MeasureKind.SUPPORT_DISCUSSIONS,
    "weekly talks",
    "psychologist-elias",
    "nurse-aino",
    date(2027, 1, 15),
)

# One content of every kind, as the steps write them.
EXAMPLES: list[EntryContent] = [
    CaseOpened(
        topic=[ConcernCategory.MENTAL_HEALTH],
        background=f"concern {CONCERN} raised in intake (routine)",
        raised_by=TEACHER,
        guardian_hold_requested=False,
    ),
    ConcernLinked(
        topic=[ConcernCategory.ATTENDANCE],
        concern_id=CONCERN,
        raised_by=TEACHER,
        guardian_hold_requested=True,
    ),
    DiscussionOffered(offered_on=date(2026, 11, 24), offered_by=PSY.staff_id, within_deadline=True),
    ConsentRequested(from_=Consenter.STUDENT, purpose="expert group"),
    ConsentDecision(
        given=True,
        given_by=Consenter.STUDENT,
        student_can_judge=True,
        purpose="expert group",
        form=ConsentForm.WRITTEN,
        covers=ConsentCoverage(members=["nurse-aino", "psychologist-elias"], outside_parties=[]),
    ),
    ConsentWithdrawn(consent_versions=[1], left_group=["nurse-aino"]),
    StudentView(views="feels left out", wishes="talks at school"),
    GuardianBarred(
        reason="weighty", assessment="in the child's interest", bars=[GuardianBar.PARTICIPATION]
    ),
    GuardianBarLifted(bars=[GuardianBar.PARTICIPATION], reason="the student withdrew it"),
    GuardianHoldConfirmed(ground="the student is at risk", requested_by=TEACHER.staff_id),
    GuardianHoldLifted(ground="safe to tell", requested_by=TEACHER.staff_id),
    GuardianHoldLapsed(requested_by=TEACHER.staff_id, expired_on=date(2026, 12, 7)),
    ResponsibleAssigned(responsible=PSY, previous=None),
    RecordHeader(
        student_name="Testi Oppilas-Yksi",
        identity_code="150312A9018",
        home_municipality="Demokunta",
        guardians=[GuardianContact("guardian-0001", "Testi Huoltaja-Yksi", "+358400000001")],
        topic=[ConcernCategory.MENTAL_HEALTH],
        raised_by=[TEACHER],
        concern_ids=[CONCERN],
        background="tired in class since October, told the student and the nurse",
    ),
    GroupFormed(responsible=PSY.staff_id, members=[PSY, NURSE]),
    MeetingScheduled(meeting_id=MEETING, on=AT + timedelta(days=3), attendees=[PSY.staff_id]),
    MeetingHeld(meeting_id=MEETING, handling="plan agreed with the student", attendees=[PSY]),
    MeasuresAgreed(measures=[MEASURE]),
    MeasureCarriedOut(
        measure_id=MEASURE.measure_id,
        carried_out_on=date(2026, 11, 30),
        carried_out_by=PSY.staff_id,
        what_was_done="first weekly talk held",
    ),
    FollowUpReview(outcome=ReviewOutcome.CONTINUE, progress="better"),
    DisclosureConsentDecision(
        consent_id=CONCERN,
        given=True,
        given_by=Consenter.STUDENT,
        student_can_judge=True,
        to="youth-services",
        data=[RecordData.PLAN_OF_MEASURES],
        purpose="support in the youth centre",
        form=ConsentForm.WRITTEN,
    ),
    DisclosureConsentWithdrawn(consent_id=CONCERN, to="youth-services"),
    Disclosure(to="youth-services", what="plan", legal_basis="consent"),
    TransferDecision(
        given=True,
        given_by=Consenter.STUDENT,
        student_can_judge=True,
        to="espoo-education",
        form=ConsentForm.WRITTEN,
        consent_id=CONCERN,
        entries=[MEETING],
    ),
    ChildWelfareNotice(made_by="kuraattori-kaisa", made_on=date(2026, 11, 23), to="child-welfare"),
    Correction(correction="the form was oral"),
    Closed(reason="goals met"),
    DiscussionRequested(
        requested_on=date(2026, 11, 23),
        requested_by=DiscussionRequester.GUARDIAN,
        with_profession=Role.KURAATTORI,
        due_on=date(2026, 12, 2),
    ),
    UrgencyReassessed(
        from_urgency=Urgency.ROUTINE,
        to_urgency=Urgency.URGENT,
        reason="self-harm mentioned",
        due_on=date(2026, 11, 24),
    ),
    DiscussionNotNeeded(
        exception=DiscussionException.ADVICE_TO_THE_CALLER,
        explanation="the guardian asked how to book the nurse",
        due_on=date(2026, 12, 2),
    ),
    StudentTold(told_on=date(2026, 11, 24), within_deadline=True),
]
_ENTRY: TypeAdapter[RecordEntry] = TypeAdapter(RecordEntry)


def entry_of(content: EntryContent) -> RecordEntry:
    corrects = uuid.uuid4() if content.kind is EntryKind.CORRECTION else None
    return RecordEntry(uuid.uuid4(), 3, content.kind, AT, PSY, content, corrects)


def test_every_kind_of_entry_has_its_content_class() -> None:
    (union, _discriminator) = get_args(EntryContent)
    assert len(get_args(union)) == len(EntryKind)
    assert [c.kind for c in EXAMPLES] == list(EntryKind)


@pytest.mark.parametrize("content", EXAMPLES, ids=lambda c: c.kind.value)
def test_an_entry_dumped_as_the_adapter_stores_it_reads_back_equal(content: EntryContent) -> None:
    entry = entry_of(content)
    stored = _ENTRY.dump_python(entry, mode="json")
    assert stored["kind"] == content.kind.value  # beside the content, in the clear
    assert "kind" not in stored["content"]  # the sealed content never said its kind
    assert _ENTRY.validate_python(stored) == entry


@pytest.mark.parametrize("content", EXAMPLES, ids=lambda c: c.kind.value)
def test_stored_content_without_its_kind_reads_back_with_the_entrys_kind(
    content: EntryContent,
) -> None:
    stored = content_to_stored(content)
    assert content_from_stored(content.kind, stored) == content
    assert content_from_stored(content.kind.value, stored) == content  # as the document says


def test_the_sealed_json_keeps_the_keys_and_shapes_the_steps_always_wrote() -> None:
    stored = {c.kind: content_to_stored(c) for c in EXAMPLES}
    # Later keys (the items asked, the capacity assessment) are added beside, never renamed.
    assert stored[EntryKind.CONSENT_REQUESTED] == {
        "from_": "student",
        "purpose": "expert group",
        "members": [],
        "outside_parties": [],
        "student_can_judge": None,
        "capacity_reasons": None,
    }
    assert stored[EntryKind.CASE_OPENED]["topic"] == ["mental_health"]
    assert stored[EntryKind.CASE_OPENED]["raised_by"] == {
        "staff_id": "teacher-tiina",
        "role": "teacher",
    }
    assert stored[EntryKind.CONCERN_LINKED]["concern_id"] == str(CONCERN)
    assert stored[EntryKind.DISCUSSION_OFFERED]["offered_on"] == "2026-11-24"
    assert stored[EntryKind.CONSENT_DECISION]["covers"] == {
        "members": ["nurse-aino", "psychologist-elias"],
        "outside_parties": [],
    }
    assert stored[EntryKind.CONSENT_DECISION]["form"] == "written"
    assert stored[EntryKind.RESPONSIBLE_ASSIGNED] == {
        "responsible": {"staff_id": "psychologist-elias", "role": "psychologist"},
        "previous": None,
    }
    # As ``isoformat()`` wrote it: "+00:00", not "Z".
    assert stored[EntryKind.MEETING_SCHEDULED] == {
        "meeting_id": str(MEETING),
        "on": (AT + timedelta(days=3)).isoformat(),
        "attendees": ["psychologist-elias"],
    }
    assert stored[EntryKind.MEASURES_AGREED]["measures"] == [
        {
            "measure_id": "00000000-0000-4000-8000-000000000003",
            "kind": "support_discussions",
            "description": "weekly talks",
            "carried_out_by": "psychologist-elias",
            "followed_up_by": "nurse-aino",
            "review_on": "2027-01-15",
        }
    ]
    assert stored[EntryKind.FOLLOW_UP_REVIEW] == {"outcome": "continue", "progress": "better"}


def test_stored_content_that_is_not_of_the_entrys_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="says it is"):
        content_from_stored(EntryKind.CLOSED, {"kind": "correction", "correction": "x"})
    with pytest.raises(ValidationError):
        content_from_stored(EntryKind.CLOSED, {"reason": "moved away", "notes": "unknown key"})
    with pytest.raises(ValidationError):
        content_from_stored(EntryKind.CLOSED, {"correction": "the key of another kind"})
    with pytest.raises(ValueError, match="content"):
        RecordEntry(uuid.uuid4(), 0, EntryKind.CLOSED, AT, PSY, StudentView(views="a", wishes="b"))


def test_the_entrys_kind_comes_from_its_content() -> None:
    record = Record().append(
        StudentView(views="a", wishes="b"), by=PSY, at=AT, register=Register.WELFARE
    )
    assert record.entries[0].kind is EntryKind.STUDENT_VIEW


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (StudentView(views="", wishes=""), "a student view entry must record views, wishes"),
        (MeasuresAgreed(measures=[]), "a measures agreed entry must record measures"),
        (
            CaseOpened(topic=[], background="", raised_by=TEACHER, guardian_hold_requested=False),
            "a case opened entry must record background, topic",
        ),
        (
            Disclosure(to="youth-services", what="", legal_basis="consent"),
            "a disclosure entry must record what",
        ),
        (
            GroupFormed(responsible="", members=[PSY]),
            "a group formed entry must record responsible",
        ),
    ],
)
def test_section_20_refuses_an_entry_missing_what_the_law_requires(
    content: EntryContent, message: str
) -> None:
    with pytest.raises(RuleViolation) as refused:
        Record().append(content, by=PSY, at=AT, register=Register.WELFARE)
    assert refused.value.rule == "§20"
    assert refused.value.message == message
    assert refused.value.instead == "fill in the missing content"


def test_content_with_nothing_the_law_requires_is_recorded_even_when_empty() -> None:
    fields: dict[str, Any] = {"consent_versions": [], "left_group": []}
    record = Record().append(ConsentWithdrawn(**fields), by=PSY, at=AT, register=Register.WELFARE)
    assert content_to_stored(record.entries[0].content) == {**fields, "withdrawn_by": None}
