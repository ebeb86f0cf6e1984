"""The statistics read-model against the real broker and database: every event counts once,
nothing in it names anyone, a forged or malformed event is set aside, not counted."""

from __future__ import annotations

import json
import uuid
from typing import Any

from shared.contracts import (
    NotificationSentData,
    NotificationSentV1,
    StepFigures,
    utc_now,
)
from shared.topics import CASES, CONCERNS, NOTIFICATIONS
from tests.factories import case_opened, concern_raised, deadline_breached, step_recorded
from tests.support.communal import Communal, communal
from tests.support.identity import bearer
from tests.support.infra import Namespace
from tests.support.kafka import produce, produce_event
from tests.support.waiting import eventually

__all__ = ["communal"]  # the fixture, from tests/support

KALLIO = "kallio-school"


def delivered(case_id: uuid.UUID, school_id: str | None = KALLIO) -> NotificationSentV1:
    data = NotificationSentData(
        notification_id=uuid.uuid4(),
        case_id=case_id,
        recipient_id="nurse-aino",
        recipient_kind="staff",
        channel="inbox",
        sent_at=utc_now(),
        school_id=school_id,
    )
    return NotificationSentV1.first(
        producer="notifications", partition_key="student-0001", data=data
    )


async def test_each_event_counts_once_and_the_read_model_names_no_one(
    ns: Namespace, communal: Communal
) -> None:
    concern = concern_raised(categories=["mental_health", "learning"], urgency="urgent")
    opened = case_opened()
    offered = step_recorded(
        "discussion_offered",
        case_id=opened.data.case_id,
        figures=StepFigures(school_days_to_discussion=3, within_limit=True),
    )
    closed = step_recorded(
        "closed", case_id=opened.data.case_id, status="closed", figures=StepFigures(days_open=12)
    )
    await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), concern, times=2)
    for event in (opened, offered, closed, deadline_breached()):
        await produce_event(ns.infra.bootstrap, ns.topic(CASES.name), event, times=2)
    await produce_event(
        ns.infra.bootstrap, ns.topic(NOTIFICATIONS.name), delivered(opened.data.case_id), times=2
    )

    expected = {
        (KALLIO, "concerns", "all"): 1,
        (KALLIO, "concerns_by_category", "mental_health"): 1,
        (KALLIO, "concerns_by_category", "learning"): 1,
        (KALLIO, "concerns_by_urgency", "urgent"): 1,
        (KALLIO, "concerns_by_raiser", "staff"): 1,
        (KALLIO, "cases", "opened"): 1,
        (KALLIO, "cases", "closed"): 1,
        (KALLIO, "case_days_open", "12"): 1,
        (KALLIO, "discussions", "within_limit"): 1,
        (KALLIO, "school_days_to_discussion", "3"): 1,
        (KALLIO, "discussions", "deadline_passed"): 1,
        (KALLIO, "notifications", "delivered"): 1,
    }
    await eventually(lambda: _counted(communal, expected), timeout=30)

    stored = json.dumps(
        [d async for d in communal.runtime.store.collection("tallies").find({})], default=str
    )
    for identifier in (
        "student-0001",
        str(concern.data.concern_id),
        str(opened.data.case_id),
        "teacher-tiina",
        "psychologist-elias",
        "nurse-aino",
    ):
        assert identifier not in stored


async def test_a_forged_or_malformed_event_is_set_aside_and_counts_for_nothing(
    ns: Namespace, communal: Communal
) -> None:
    bootstrap = ns.infra.bootstrap
    # Anyone who can write to the concerns topic: bytes that are no event, a case event on
    # the wrong topic, and a concern claiming to come from another service than intake.
    await produce(bootstrap, ns.topic(CONCERNS.name), b"{not an event")
    await produce_event(bootstrap, ns.topic(CONCERNS.name), case_opened())
    forged = concern_raised().model_copy(update={"producer": "welfare_group"})
    await produce_event(bootstrap, ns.topic(CONCERNS.name), forged)
    honest = concern_raised(school_id="toolo-school")
    await produce_event(bootstrap, ns.topic(CONCERNS.name), honest)

    await eventually(
        lambda: _counted(communal, {("toolo-school", "concerns", "all"): 1}, exact=False)
    )
    ledger = communal.runtime.store.collection("dead_letter_ledger")
    await eventually(lambda: _count(ledger, 3))
    reasons = {d["reason"] async for d in ledger.find({})}
    assert reasons == {"malformed_json", "wrong_topic", "foreign_producer"}, reasons
    counts = await communal.counts()
    assert (KALLIO, "concerns", "all") not in counts


async def _counted(
    communal: Communal, expected: dict[tuple[str, str, str], int], *, exact: bool = True
) -> bool:
    counts = await communal.counts()
    if exact:
        return counts == expected
    return all(counts.get(key) == value for key, value in expected.items())


async def _count(collection: object, n: int) -> bool:
    return bool(await collection.count_documents({}) == n)  # type: ignore[attr-defined]


async def concerns(ns: Namespace, school_id: str, categories: dict[str, int]) -> int:
    produced = 0
    for category, many in categories.items():
        for i in range(many):
            event = concern_raised(f"student-{category[:4]}{i:03d}", school_id=school_id,
                                   categories=[category])  # fmt: skip
            await produce_event(ns.infra.bootstrap, ns.topic(CONCERNS.name), event)
            produced += 1
    return produced


def cells(figures: dict[str, Any]) -> list[dict[str, Any]]:
    """Every cell of every table of a school's or the provider's publication."""
    found: list[dict[str, Any]] = []
    for table in figures["tables"]:
        for row in [*table["rows"], *([table["total"]] if table["total"] else [])]:
            found += [*row["months"], *row["terms"].values(), row["year"]]
    return found


async def test_the_published_figures_hide_every_count_under_five_and_say_when_too_small(
    ns: Namespace, communal: Communal
) -> None:
    kallio = await concerns(ns, KALLIO, {"mental_health": 21, "learning": 3, "substance_use": 1})
    toolo = await concerns(ns, "toolo-school", {"attendance": 4})
    await eventually(
        lambda: _counted(
            communal,
            {(KALLIO, "concerns", "all"): kallio, ("toolo-school", "concerns", "all"): toolo},
            exact=False,
        ),
        timeout=30,
    )
    async with communal.client() as client:
        lead = await client.get("/statistics/provider", headers=bearer("welfare-lead-liisa"))
        kallio_page = await client.get(
            f"/statistics/schools/{KALLIO}", headers=bearer("principal-paula")
        )
        toolo_page = await client.get(
            "/statistics/schools/toolo-school", headers=bearer("principal-pekka")
        )
    assert lead.status_code == kallio_page.status_code == toolo_page.status_code == 200
    # Toolo alone would be four concerns: too small, and Kallio with it, since "other
    # schools" of one school would be that school.
    assert toolo_page.json()["publishable"] is False
    assert toolo_page.json()["reason"] == "too_small"
    assert "tables" not in toolo_page.json() or not toolo_page.json()["tables"]
    provider = lead.json()
    published = [c["value"] for c in cells(provider) if "value" in c]
    assert published, "the provider's trends publish something"
    assert all(value >= 5 for value in published)
    assert any(c.get("suppressed") == "small" for c in cells(provider))
    assert kallio_page.json()["publishable"] is False  # rolled up with Toolo


async def test_a_school_big_enough_is_published_alone_with_its_small_counts_hidden(
    ns: Namespace, communal: Communal
) -> None:
    await concerns(ns, KALLIO, {"mental_health": 22, "learning": 3})
    await concerns(ns, "toolo-school", {"attendance": 21, "learning": 2})
    await eventually(
        lambda: _counted(communal, {("toolo-school", "concerns", "all"): 23}, exact=False),
        timeout=30,
    )
    await eventually(
        lambda: _counted(communal, {(KALLIO, "concerns", "all"): 25}, exact=False), timeout=30
    )
    async with communal.client() as client:
        page = await client.get(f"/statistics/schools/{KALLIO}", headers=bearer("principal-paula"))
    figures = page.json()
    assert figures["publishable"] is True, figures
    by_category = next(t for t in figures["tables"] if t["table"] == "concerns_by_category")
    learning = next(r for r in by_category["rows"] if r["key"] == "learning")
    assert learning["year"] == {"suppressed": "small"}
    assert all(c["value"] >= 5 for c in cells(figures) if "value" in c)


async def test_figures_are_the_school_s_own_staff_s_and_the_welfare_lead_s(
    communal: Communal,
) -> None:
    school, provider = f"/statistics/schools/{KALLIO}", "/statistics/provider"
    expected = [
        ("teacher-tiina", school, 200),
        ("teacher-tuomas", school, 403),  # Töölö's teacher
        ("guardian-0001", school, 403),
        ("admin-1", school, 403),  # the platform's administrator runs it, no figures
        ("welfare-lead-liisa", school, 200),
        ("principal-paula", provider, 403),
        ("welfare-lead-liisa", provider, 200),
    ]
    async with communal.client() as client:
        answered = [
            (who, path, (await client.get(path, headers=bearer(who))).status_code)
            for who, path, _ in expected
        ]
        future = await client.get(f"{school}?year=2100", headers=bearer("principal-paula"))
        anonymous = await client.get(school)
    assert answered == expected
    assert future.status_code == 422
    assert "has not begun" in future.text
    assert anonymous.status_code == 401
