"""Each service's OpenAPI document describes every operation and declares every tag."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from services.communal.bootstrap import build as build_communal
from services.intake.bootstrap import build as build_intake
from services.intake.settings import IntakeSettings
from services.notifications.bootstrap import build as build_notifications
from services.welfare_group.bootstrap import build as build_welfare_group
from services.welfare_group.settings import WelfareGroupSettings
from shared.sealing import KeyRing


def _apps() -> dict[str, FastAPI]:
    keks = SecretStr(f"openapi:{KeyRing.new_kek()}")  # building connects nothing, seals nothing
    return {
        "intake": build_intake(IntakeSettings(data_keks=keks))[0],
        "welfare_group": build_welfare_group(WelfareGroupSettings(data_keks=keks))[0],
        "notifications": build_notifications()[0],
        "communal": build_communal()[0],
    }


@pytest.fixture(scope="module")
def documents() -> dict[str, dict[str, Any]]:
    return {name: app.openapi() for name, app in _apps().items()}


@pytest.mark.parametrize("service", ["intake", "welfare_group", "notifications", "communal"])
def test_every_operation_is_described_and_every_tag_declared(
    documents: dict[str, dict[str, Any]], service: str
) -> None:
    document = documents[service]
    operations = [
        (f"{method.upper()} {path}", operation)
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    ]
    undescribed = [name for name, operation in operations if not operation.get("description")]
    assert not undescribed, f"operations without a description: {undescribed}"
    assert all(operation.get("summary") for _, operation in operations)
    used = {tag for _, operation in operations for tag in operation.get("tags", [])}
    declared = {tag["name"]: tag.get("description") for tag in document.get("tags", [])}
    assert used == set(declared), f"tags used {used}, declared {set(declared)}"
    assert all(declared.values())
