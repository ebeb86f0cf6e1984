"""The school's communal welfare group, with no servers: meetings scheduled and listed,
minutes kept as versions by role, every text screened (locally and by the welfare group's
name check), and a write that mentions a student refused whole, with nothing kept."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from services.communal.domain.refusals import Refused
from services.communal.domain.screening import MentionsAStudent
from services.communal.domain.workspace import AttendeeRole as A
from services.communal.service_layer.screen import ScreenUnavailable
from services.communal.service_layer.unit_of_work import SavedMeanwhile
from services.communal.service_layer.workspace import (
    NoSuchMeeting,
    get_meeting,
    meetings_of,
    record_minutes,
    schedule_meeting,
)
from services.communal.service_layer.workspace_models import MeetingView, MinutesDraft, NewMeeting
from shared.contracts import Role
from tests.fakes.communal import FakeCommunal, FakeTextScreen

SCHOOL = "kallio-school"
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def fake() -> FakeCommunal:
    return FakeCommunal()


@pytest.fixture
def names() -> FakeTextScreen:
    return FakeTextScreen({SCHOOL: ["Aino Virtanen", "Virtanen"], "other-school": ["Lehto"]})


async def scheduled(fake: FakeCommunal, names: FakeTextScreen, **body: object) -> MeetingView:
    plain = {"held_on": date(2026, 11, 30), "title": "Autumn meeting", "agenda": ["Yard"]}
    meeting = NewMeeting.model_validate(plain | body)
    return await fake.transact(lambda u: schedule_meeting(u, names, SCHOOL, meeting, now=NOW))


def minutes(**body: object) -> MinutesDraft:
    draft = {"attended": ["chair", "nurse"], "minutes": "We looked at the yard.", "decisions": []}
    return MinutesDraft.model_validate(draft | body)


async def test_a_meeting_is_scheduled_listed_newest_first_and_read_back(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    first = await scheduled(fake, names, agenda=["  Break-time bullying ", "The yard"])
    second = await scheduled(fake, names, held_on=date(2027, 1, 20), title="Spring meeting")

    assert (first.school_id, first.held_on, first.title) == (
        SCHOOL,
        date(2026, 11, 30),
        "Autumn meeting",
    )
    assert first.agenda == ["Break-time bullying", "The yard"]  # trimmed
    assert first.minutes is None
    listed = await meetings_of(fake.unit(), SCHOOL)
    assert [m.meeting_id for m in listed.meetings] == [second.meeting_id, first.meeting_id]
    assert await get_meeting(fake.unit(), SCHOOL, first.meeting_id) == first
    assert (await meetings_of(fake.unit(), "other-school")).meetings == []
    with pytest.raises(NoSuchMeeting):  # another school's meeting is no meeting of this one
        await get_meeting(fake.unit(), "other-school", first.meeting_id)
    assert [school for school, _ in names.asked] == [SCHOOL, SCHOOL]
    assert names.asked[0][1] == {
        "title": "Autumn meeting",
        "agenda.0": "Break-time bullying",
        "agenda.1": "The yard",
    }


async def test_a_student_named_in_the_agenda_refuses_the_meeting_and_keeps_nothing(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    with pytest.raises(MentionsAStudent) as refused:
        await scheduled(
            fake, names, title="Autumn 010101-123A", agenda=["Yard", "Virtanen's matter"]
        )

    assert refused.value.fields == ("title", "agenda.1")
    assert refused.value.findings == {"title": {"identity_code"}, "agenda.1": {"student_name"}}
    assert [e["loc"] for e in refused.value.errors()] == [["body", "title"], ["body", "agenda", 1]]
    assert "virta" not in str(refused.value).casefold()
    assert "010101" not in str(refused.value.errors())
    assert fake.meetings.stored == {}


async def test_a_write_is_refused_when_the_name_check_cannot_be_had(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    names.unavailable = True
    with pytest.raises(ScreenUnavailable):
        await scheduled(fake, names)
    # What the local check finds is refusal enough, and says more than "try again later".
    with pytest.raises(MentionsAStudent) as refused:
        await scheduled(fake, names, agenda=["student-0042 again"])
    assert refused.value.fields == ("agenda.0",)
    assert fake.meetings.stored == {}


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"held_on": date(2029, 1, 1)}, "held_on", "too_far_ahead"),
        ({"held_on": date(2012, 11, 30)}, "held_on", "too_long_ago"),
        ({"title": "   "}, "title", "required"),
        ({"title": "x" * 201}, "title", "too_long"),
        ({"agenda": ["Yard", ""]}, "agenda.1", "required"),
        ({"agenda": ["x" * 501]}, "agenda.0", "too_long"),
        ({"agenda": ["Yard"] * 31}, "agenda", "too_many"),
    ],
)
async def test_a_meeting_out_of_bounds_is_refused_naming_the_field(
    fake: FakeCommunal, names: FakeTextScreen, body: dict[str, object], field: str, code: str
) -> None:
    with pytest.raises(Refused) as refused:
        await scheduled(fake, names, **body)
    assert (refused.value.fields, refused.value.code) == ((field,), code)
    assert fake.meetings.stored == {}
    assert names.asked == []  # the rules first: nothing is sent to be screened


async def test_minutes_saved_again_are_a_new_version_and_the_meeting_shows_the_newest(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    meeting = await scheduled(fake, names)
    draft = minutes(attended=["nurse", "principal", "nurse", "partner"], decisions=["A rota"])
    first = await fake.transact(
        lambda u: record_minutes(
            u, names, SCHOOL, meeting.meeting_id, draft, by=Role.NURSE, now=LATER
        )
    )
    corrected = minutes(minutes="We looked at the yard and the canteen.")
    second = await fake.transact(
        lambda u: record_minutes(
            u, names, SCHOOL, meeting.meeting_id, corrected, by=Role.PRINCIPAL, now=LATER
        )
    )

    assert first.minutes is not None
    assert second.minutes is not None
    assert first.minutes.attended == [A.PRINCIPAL, A.NURSE, A.PARTNER]  # once, in order
    assert (first.minutes.version, first.minutes.decisions) == (1, ["A rota"])
    assert (second.minutes.version, second.minutes.saved_by_role) == (2, Role.PRINCIPAL)
    assert await get_meeting(fake.unit(), SCHOOL, meeting.meeting_id) == second
    kept = fake.meetings.stored[meeting.meeting_id].versions
    assert [v.text for v in kept] == [
        "We looked at the yard.",
        "We looked at the yard and the canteen.",
    ]


@pytest.mark.parametrize(
    ("body", "now", "code"),
    [
        ({"attended": []}, LATER, "nobody_attended"),
        ({"attended": ["nurse", "psychologist", "teacher"]}, LATER, "nobody_led"),
        ({}, NOW, "meeting_not_held_yet"),
    ],
)
async def test_minutes_need_someone_leading_and_a_meeting_held(
    fake: FakeCommunal, names: FakeTextScreen, body: dict[str, object], now: datetime, code: str
) -> None:
    meeting = await scheduled(fake, names)
    with pytest.raises(Refused) as refused:
        await record_minutes(
            fake.unit(), names, SCHOOL, meeting.meeting_id, minutes(**body), by=Role.NURSE, now=now
        )
    assert (refused.value.fields, refused.value.code) == (("attended",), code)
    assert fake.meetings.stored[meeting.meeting_id].versions == ()


async def test_minutes_naming_a_student_in_a_decision_are_refused_and_not_kept(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    meeting = await scheduled(fake, names)
    draft = minutes(decisions=["A rota for the yard", "Aino Virtanen to the nurse"])
    with pytest.raises(MentionsAStudent) as refused:
        await record_minutes(
            fake.unit(), names, SCHOOL, meeting.meeting_id, draft, by=Role.KURAATTORI, now=LATER
        )
    assert refused.value.fields == ("decisions.1",)
    assert fake.meetings.stored[meeting.meeting_id].versions == ()


async def test_minutes_of_another_school_s_meeting_or_none_are_refused(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    meeting = await scheduled(fake, names)
    for school, meeting_id in [("other-school", meeting.meeting_id), (SCHOOL, uuid.uuid4())]:
        with pytest.raises(NoSuchMeeting):
            await record_minutes(
                fake.unit(), names, school, meeting_id, minutes(), by=Role.NURSE, now=LATER
            )


async def test_minutes_saved_by_two_at_the_same_moment_keep_both_apart(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    meeting = await scheduled(fake, names)
    stale = fake.meetings.stored[meeting.meeting_id]  # what both read before either saved
    await record_minutes(
        fake.unit(), names, SCHOOL, meeting.meeting_id, minutes(), by=Role.NURSE, now=LATER
    )
    saved = fake.meetings.stored[meeting.meeting_id]
    fake.meetings.stored[meeting.meeting_id] = stale

    async def stale_read(school_id: str, meeting_id: uuid.UUID) -> object:
        fake.meetings.stored[meeting_id] = saved  # the other save lands meanwhile
        return stale

    fake.meetings.get = stale_read  # type: ignore[assignment, method-assign]
    with pytest.raises(SavedMeanwhile):
        await record_minutes(
            fake.unit(), names, SCHOOL, meeting.meeting_id, minutes(), by=Role.PRINCIPAL, now=LATER
        )
    assert [v.saved_by_role for v in fake.meetings.stored[meeting.meeting_id].versions] == [
        Role.NURSE
    ]
