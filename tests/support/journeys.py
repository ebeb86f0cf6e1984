"""Setting up a browser journey's case through the services' own APIs, as the people it
names, where the journey is about someone else's screen."""

from __future__ import annotations

from typing import Any

import httpx

from tests.factories import raise_concern_request
from tests.support.waiting import eventually
from tests.support.web_stack import WebStack

__all__ = ["case_led_by", "raise_by_api", "step_by_api"]


async def raise_by_api(stack: WebStack, teacher: str = "teacher-tiina", **concern: Any) -> str:
    async with httpx.AsyncClient(timeout=10) as client:
        raised = await client.post(
            f"{stack.services.intake.url}/concerns",
            json=raise_concern_request(**concern),
            headers=stack.bearer(teacher),
        )
    assert raised.status_code == 201, raised.text
    concern_id: str = raised.json()["concern_id"]
    return concern_id


async def case_led_by(stack: WebStack, staff_id: str, student_ref: str) -> dict[str, Any]:
    """The open case of ``student_ref`` that ``staff_id`` leads, once the events arrived."""

    async def led() -> dict[str, Any] | None:
        async with httpx.AsyncClient(timeout=10) as client:
            cases = await client.get(
                f"{stack.services.welfare_group.url}/staff/{staff_id}/cases",
                headers=stack.bearer(staff_id),
            )
        mine = [c for c in cases.json() if c["student_ref"] == student_ref]
        return mine[0] if mine else None

    found: dict[str, Any] = await eventually(led, timeout=30)
    return found


async def step_by_api(
    stack: WebStack, case_id: str, step: str, body: dict[str, Any], *, as_: str
) -> dict[str, Any]:
    async with httpx.AsyncClient(timeout=10) as client:
        taken = await client.post(
            f"{stack.services.welfare_group.url}/cases/{case_id}/{step}",
            json=body,
            headers=stack.bearer(as_),
        )
    assert taken.status_code == 201, taken.text
    result: dict[str, Any] = taken.json()
    return result
