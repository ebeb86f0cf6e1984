"""Reading a process's metrics as Prometheus would: over HTTP, in the text format."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import httpx
import yaml
from fastapi import FastAPI
from prometheus_client import CollectorRegistry
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr

from services.communal.bootstrap import build as build_communal
from services.intake.bootstrap import build as build_intake
from services.intake.settings import IntakeSettings
from services.notifications.bootstrap import build as build_notifications
from services.web.bootstrap import build as build_web
from services.welfare_group.bootstrap import build as build_welfare_group
from services.welfare_group.settings import WelfareGroupSettings
from shared.sealing import KeyRing

__all__ = [
    "Samples",
    "exported_names",
    "label_names",
    "looks_like_an_id",
    "scrape",
    "seeded_ids",
    "service_registries",
    "total",
]

Samples = list[tuple[str, dict[str, str], float]]
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)
DEMO = Path(__file__).resolve().parents[2] / "deploy" / "seed" / "demo.yaml"


async def scrape(app: FastAPI, headers: dict[str, str] | None = None) -> Samples:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://service") as client:
        response = await client.get("/metrics", headers=headers or {})
    assert response.status_code == 200, response.text
    return parse(response.text)


def parse(text: str) -> Samples:
    return [
        (sample.name, dict(sample.labels), float(sample.value))
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    ]


def total(samples: Samples, name: str, **labels: str) -> float:
    """The sum of the samples called ``name`` whose labels include ``labels``."""
    return sum(
        value
        for sample, have, value in samples
        if sample == name and all(have.get(k) == v for k, v in labels.items())
    )


def _collectors(registry: CollectorRegistry) -> Iterator[Any]:
    yield from registry._collector_to_names  # the registry keeps no public list of them


def exported_names(registry: CollectorRegistry) -> set[str]:
    """Every sample name the registry can export, suffixes (_total, _bucket...) included."""
    return {name for names in registry._collector_to_names.values() for name in names}


def label_names(registry: CollectorRegistry) -> set[str]:
    return {
        label
        for collector in _collectors(registry)
        for label in getattr(collector, "_labelnames", ())
    }


def seeded_ids() -> set[str]:
    """Every identifier the demo directory gives a person or a school."""
    found: set[str] = set()

    def walk(node: Any, key: str = "") -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, k)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)
        elif isinstance(node, str) and (
            key.endswith(("_id", "_ids", "_ref", "_refs")) or "@" in node
        ):
            found.add(node)

    walk(yaml.safe_load(DEMO.read_text()))
    return found


def looks_like_an_id(value: str, seeded: Iterable[str]) -> bool:
    return bool(_UUID.search(value)) or any(s in value for s in seeded)


def service_registries() -> dict[str, CollectorRegistry]:
    """Each process's registry, from its app as built (nothing connected, nothing started)."""
    keks = SecretStr(f"metrics:{KeyRing.new_kek()}")
    apps = {
        "intake": build_intake(IntakeSettings(data_keks=keks))[0],
        "welfare_group": build_welfare_group(WelfareGroupSettings(data_keks=keks))[0],
        "notifications": build_notifications()[0],
        "communal": build_communal()[0],
        "web": build_web()[0],
    }
    return {name: app.state.metrics.registry for name, app in apps.items()}
