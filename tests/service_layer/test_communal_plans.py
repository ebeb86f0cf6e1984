"""The welfare plans (§13), with no servers: a school's and the provider's, each saved as
the next version and never rewritten, its four parts required, its indicators each once,
its yearly review reminded, and every text screened before anything is kept."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from services.communal.domain.refusals import Refused
from services.communal.domain.screening import MentionsAStudent
from services.communal.domain.welfare_plan import PROVIDER, IndicatorCode, Participant
from services.communal.service_layer.plan_models import PlanDraft, PlanVersionView
from services.communal.service_layer.plans import (
    NoSuchPlanVersion,
    plan_of,
    plan_version,
    save_plan_version,
)
from services.communal.service_layer.screen import ScreenUnavailable
from services.communal.service_layer.unit_of_work import SavedMeanwhile
from shared.contracts import Role
from tests.fakes.communal import FakeCommunal, FakeTextScreen

SCHOOL = "kallio-school"
NOW = datetime(2026, 8, 20, 9, 0, tzinfo=UTC)
SCHOOLS = [SCHOOL, "other-school"]


@pytest.fixture
def fake() -> FakeCommunal:
    return FakeCommunal()


@pytest.fixture
def names() -> FakeTextScreen:
    return FakeTextScreen({SCHOOL: ["Virtanen"], "other-school": ["Lehto"]})


def plan(**changes: Any) -> PlanDraft:
    body: dict[str, Any] = {
        "parts": {
            "need_and_services": "Two psychologists' days a week; the nurse daily.",
            "communal_measures": "Calm break times; a tutor for every new class.",
            "cooperation": "Parents' evenings each term; the youth services' worker weekly.",
            "against_violence_bullying_harassment": "KiVa lessons; the yard is supervised.",
        },
        "drawn_up_with": ["students", "guardians", "staff", "welfare_services"],
        "participation_note": "The student council commented on the draft.",
        "indicators": [
            {"indicator": "discussions_within_limit_share", "target": "95 %", "note": "§15"},
            {"indicator": "concerns_social_relations_and_bullying", "target": "Fewer"},
        ],
        "adopted_on": "2026-08-15",
    }
    return PlanDraft.model_validate(body | changes)


async def save(
    fake: FakeCommunal,
    names: FakeTextScreen,
    body: PlanDraft,
    scope: str = SCHOOL,
    *,
    by: Role = Role.PRINCIPAL,
    now: datetime = NOW,
    provider_schools: Sequence[str] = (),
) -> PlanVersionView:
    return await fake.transact(
        lambda u: save_plan_version(
            u, names, scope, body, by=by, now=now, provider_schools=provider_schools
        )
    )


async def test_each_save_is_the_next_version_and_older_ones_read_as_they_were(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    first = await save(fake, names, plan())
    second = await save(
        fake, names, plan(participation_note="Guardians too."), by=Role.WELFARE_LEAD
    )

    assert (first.scope, first.version, second.version) == (SCHOOL, 1, 2)
    assert first.review_by == date(2027, 8, 15)  # a year after adoption, unless set
    assert first.drawn_up_with == [
        Participant.STUDENTS,
        Participant.GUARDIANS,
        Participant.STAFF,
        Participant.WELFARE_SERVICES,
    ]
    assert first.indicators[1].note == ""
    assert second.saved_by_role is Role.WELFARE_LEAD
    page = await plan_of(fake.unit(), SCHOOL, now=NOW)
    assert page.current == second
    assert [(v.version, v.adopted_on) for v in page.versions] == [
        (2, date(2026, 8, 15)),
        (1, date(2026, 8, 15)),
    ]
    assert await plan_version(fake.unit(), SCHOOL, 1) == first
    with pytest.raises(NoSuchPlanVersion):
        await plan_version(fake.unit(), SCHOOL, 3)
    assert (await plan_of(fake.unit(), "other-school")).current is None


async def test_a_scope_without_a_plan_says_so_with_no_review_to_remind(fake: FakeCommunal) -> None:
    page = await plan_of(fake.unit(), PROVIDER, now=NOW)
    assert (page.current, page.versions, page.review) == (None, [], None)


@pytest.mark.parametrize(
    ("today", "days_left", "overdue"),
    [
        (datetime(2026, 8, 20, 9, tzinfo=UTC), 360, False),
        (datetime(2027, 8, 14, 21, 30, tzinfo=UTC), 0, False),  # 15 August already, in Helsinki
        (datetime(2027, 9, 1, 9, tzinfo=UTC), -17, True),
    ],
)
async def test_the_yearly_review_is_reminded_and_overdue_once_its_day_has_passed(
    fake: FakeCommunal, names: FakeTextScreen, today: datetime, days_left: int, overdue: bool
) -> None:
    await save(fake, names, plan())
    review = (await plan_of(fake.unit(), SCHOOL, now=today)).review
    assert review is not None
    assert (review.due_on, review.days_left, review.overdue) == (
        date(2027, 8, 15),
        days_left,
        overdue,
    )


async def test_a_plan_adopted_on_29_february_is_reviewed_on_the_last_day_of_february(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    saved = await save(
        fake, names, plan(adopted_on="2028-02-29"), now=datetime(2028, 2, 1, tzinfo=UTC)
    )
    assert saved.review_by == date(2029, 2, 28)
    explicit = await save(fake, names, plan(review_by="2027-06-01"))
    assert explicit.review_by == date(2027, 6, 1)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        (
            {"parts": {**plan().parts.model_dump(), "cooperation": "  "}},
            "parts.cooperation",
            "required",
        ),
        ({"drawn_up_with": []}, "drawn_up_with", "required"),
        (
            {
                "indicators": [
                    {"indicator": "cases_opened", "target": "10"},
                    {"indicator": "cases_opened", "target": "12"},
                ]
            },
            "indicators.1.indicator",
            "duplicate_indicator",
        ),
        (
            {"indicators": [{"indicator": "cases_opened", "target": ""}]},
            "indicators.0.target",
            "required",
        ),
        (
            {"indicators": [{"indicator": "cases_opened", "target": "1", "note": "x" * 2001}]},
            "indicators.0.note",
            "too_long",
        ),
        ({"review_by": "2026-08-14"}, "review_by", "review_before_adoption"),
        ({"review_by": "2031-08-15"}, "review_by", "implausible_date"),
        ({"adopted_on": "2013-08-15"}, "adopted_on", "implausible_date"),
        ({"adopted_on": "2028-08-15"}, "adopted_on", "implausible_date"),
    ],
)
async def test_a_plan_the_rules_refuse_names_the_field_and_keeps_nothing(
    fake: FakeCommunal, names: FakeTextScreen, changes: dict[str, Any], field: str, code: str
) -> None:
    with pytest.raises(Refused) as refused:
        await save(fake, names, plan(**changes))
    assert (refused.value.fields, refused.value.code) == ((field,), code)
    assert fake.plans.stored == {}


def test_every_part_is_required_by_the_body_itself() -> None:
    parts = plan().parts.model_dump()
    del parts["against_violence_bullying_harassment"]
    with pytest.raises(ValidationError) as invalid:
        plan(parts=parts)
    assert [e["loc"] for e in invalid.value.errors()] == [
        ("parts", "against_violence_bullying_harassment")
    ]
    with pytest.raises(ValidationError):
        plan(indicators=[{"indicator": "happiness", "target": "more"}])  # not an IndicatorCode
    assert {i.value for i in IndicatorCode} >= {"concerns_total", "notifications_failed"}


async def test_a_plan_naming_a_student_anywhere_is_refused_whole(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    parts = {**plan().parts.model_dump(), "cooperation": "Meet Virtanen's parents"}
    indicators = [{"indicator": "cases_opened", "target": "10", "note": "not student-0007"}]
    with pytest.raises(MentionsAStudent) as refused:
        await save(fake, names, plan(parts=parts, indicators=indicators))
    assert refused.value.fields == ("parts.cooperation", "indicators.0.note")
    assert refused.value.errors()[0]["loc"] == ["body", "parts", "cooperation"]
    assert fake.plans.stored == {}
    assert [school for school, _ in names.asked] == [SCHOOL]


async def test_the_provider_s_plan_is_screened_for_every_school_s_students(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    named = plan(participation_note="Lehto's class took part")
    with pytest.raises(MentionsAStudent) as refused:
        await save(fake, names, named, PROVIDER, by=Role.WELFARE_LEAD, provider_schools=SCHOOLS)
    assert refused.value.fields == ("participation_note",)
    assert [school for school, _ in names.asked] == SCHOOLS

    saved = await save(
        fake, names, plan(), PROVIDER, by=Role.WELFARE_LEAD, provider_schools=SCHOOLS
    )
    assert (saved.scope, saved.version) == (PROVIDER, 1)
    assert (await plan_of(fake.unit(), SCHOOL)).current is None  # the schools' own are apart
    with pytest.raises(ValueError, match="screened against its schools"):
        await save(fake, names, plan(), PROVIDER, by=Role.WELFARE_LEAD)


async def test_nothing_is_saved_when_the_name_check_cannot_be_had(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    names.unavailable = True
    with pytest.raises(ScreenUnavailable):
        await save(fake, names, plan())
    assert fake.plans.stored == {}


async def test_two_saving_the_same_version_at_once_keep_the_first_and_tell_the_second(
    fake: FakeCommunal, names: FakeTextScreen
) -> None:
    first = await save(fake, names, plan())
    stale = fake.plans.latest

    async def before_the_first_save(scope: str) -> None:
        return None  # the second read the plan before the first was kept

    fake.plans.latest = before_the_first_save  # type: ignore[method-assign]
    with pytest.raises(SavedMeanwhile):
        await save(fake, names, plan(participation_note="Another note"))
    fake.plans.latest = stale  # type: ignore[method-assign]
    assert await plan_version(fake.unit(), SCHOOL, 1) == first
