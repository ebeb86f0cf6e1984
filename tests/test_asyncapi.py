"""The AsyncAPI document is generated from the code and describes every flow."""

from __future__ import annotations

import json
from typing import get_args

from deploy.asyncapi import document
from shared.contracts import AnyEvent
from shared.topics import ALL_TOPICS


def test_the_document_names_every_topic_and_every_event_schema() -> None:
    spec = json.loads(document())
    assert spec["asyncapi"] == "3.0.0"
    addresses = {channel["address"] for channel in spec["channels"].values()}
    assert addresses == {t.name for t in ALL_TOPICS}
    schemas = set(spec["components"]["schemas"])
    events = [get_args(member)[0] for member in get_args(get_args(AnyEvent)[0])]
    assert {e.__name__ for e in events} <= schemas


def test_the_registry_names_every_consumer_the_broker_watch_asks_about() -> None:
    """What a group committed is what the broker watch counts as delivered (shared/redelivery)."""
    operations = json.loads(document())["operations"]
    # A subscriber of several topics (a service's work and its replays: one group member)
    # names each topic's operation "<service>:<topic>Subscribe".
    received = {
        name.removesuffix("Subscribe")
        for name, op in operations.items()
        if op["action"] == "receive"
    }
    listed = {f"{service}:{t.name}" for t in ALL_TOPICS for service in t.consumed_by}
    assert received == listed
