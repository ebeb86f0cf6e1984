"""Print the AsyncAPI document of every event flow: ``python -m deploy.asyncapi > asyncapi.json``.

It is generated from the code (the subscribers and publishers each service registers), so
it cannot drift from what runs. Nothing is connected: building a service only wires it.
"""

from __future__ import annotations

import os
import sys

from faststream.specification import AsyncAPI

from services.intake.bootstrap import build as build_intake
from services.notifications.bootstrap import build as build_notifications
from services.welfare_group.bootstrap import build as build_welfare_group
from shared.sealing import KeyRing


def document() -> str:
    # Building wires a service without connecting it: nothing is sealed, so any KEK will do.
    os.environ.setdefault("DATA_KEKS", f"asyncapi:{KeyRing.new_kek()}")
    brokers = [
        build()[1].broker for build in (build_intake, build_welfare_group, build_notifications)
    ]
    spec = AsyncAPI(
        *brokers,
        title="Opiskeluhuolto event flows",
        version="1",
        description="Events between intake, the welfare group and notifications.",
    )
    return spec.to_specification().to_json()


if __name__ == "__main__":
    sys.stdout.write(document() + "\n")
