"""What the welfare group answers about a case, for the case screens' tests."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any
from uuid import UUID

from pydantic import SecretStr

from services.web.domain.person import SignedIn
from services.web.entrypoints.local_time import today as school_today
from services.web.service_layer.api import Service
from services.welfare_group.bootstrap import build as build_welfare_group
from services.welfare_group.settings import WelfareGroupSettings
from shared.contracts import Role
from shared.sealing import KeyRing
from tests.fakes.web import FakeServices

__all__ = [
    "CASE_ID",
    "OPENAPI",
    "PSYCHOLOGIST",
    "case_json",
    "record_json",
    "welfare_services",
]


def _served_openapi() -> dict[str, Any]:
    """The welfare group's OpenAPI document as the service serves it now (building the app
    connects to nothing), so the web app's step forms are tested against the real steps."""
    keks = SecretStr(f"openapi:{KeyRing.new_kek()}")
    app, _ = build_welfare_group(WelfareGroupSettings(data_keks=keks))
    served: dict[str, Any] = json.loads(json.dumps(app.openapi()))  # plain JSON, as over HTTP
    return served


OPENAPI: dict[str, Any] = _served_openapi()
CASE_ID = UUID("7b0c3f8e-2a41-4d55-9b7e-0f1e2d3c4b5a")
ENTRY_ID = UUID("0e8a6b1c-5d4f-4a3b-8c2d-1e0f9a8b7c6d")
PSYCHOLOGIST = SignedIn("psy-pia", Role.PSYCHOLOGIST, ("kallio-school",), locale="en")
WG = Service.WELFARE_GROUP


def case_json(**changes: Any) -> dict[str, Any]:
    today = school_today()
    case: dict[str, Any] = {
        "case_id": str(CASE_ID),
        "student_ref": "stu-0042",
        "school_id": "kallio-school",
        "status": "opened",
        "concern_ids": [],
        "categories": ["mental_health", "attendance"],
        "urgency": "routine",
        "responsible": {"staff_id": "psy-pia", "role": "psychologist"},
        "unassigned": False,
        "guardian_may_be_notified": True,
        "guardian_notice_hold": None,
        "discussion_due_on": (today + timedelta(days=9)).isoformat(),
        "discussion_offered_on": None,
        "discussion_requested_on": (today - timedelta(days=1)).isoformat(),
        "discussion_exception": None,
        "student_to_be_told_by": None,
        "opened_at": f"{today - timedelta(days=1)}T09:00:00+00:00",
        "group": [],
        "group_outside_parties": [],
        "consent_items": [],
        "meetings": [],
        "measures": [],
        "review_due_on": None,
        "closed_reason": None,
    }
    return {**case, **changes}


def record_json(*entries: tuple[str, dict[str, Any]]) -> list[dict[str, Any]]:
    start = f"{date(2026, 11, 2)}T08:00:00+00:00"
    return [
        {
            "entry_id": str(ENTRY_ID) if seq == 1 else f"00000000-0000-4000-8000-{seq:012d}",
            "seq": seq,
            "kind": kind,
            "at": start,
            "author": {"staff_id": "psy-pia", "role": "psychologist"},
            "content": content,
            "corrects": None,
            "register": "welfare",
            "controller": "education_provider",
        }
        for seq, (kind, content) in enumerate(entries, start=1)
    ]


def welfare_services(case: dict[str, Any] | None = None, record: Any = None) -> FakeServices:
    services = FakeServices()
    services.answer(WG, "GET", "/openapi.json", OPENAPI)
    services.answer(WG, "GET", f"/cases/{CASE_ID}", case or case_json())
    services.answer(WG, "GET", f"/cases/{CASE_ID}/record", record if record is not None else [])
    return services
