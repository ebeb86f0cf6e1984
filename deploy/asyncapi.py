"""Print the AsyncAPI document of every event flow: ``python -m deploy.asyncapi > asyncapi.json``.

It is generated from the code (the subscribers and publishers each service registers), so
it cannot drift from what runs. Nothing is connected: building a service only wires it.
"""

from __future__ import annotations

import sys

from faststream.specification import AsyncAPI
from pydantic import SecretStr

from services.communal.bootstrap import build as build_communal
from services.intake.bootstrap import build as build_intake
from services.intake.settings import IntakeSettings
from services.notifications.bootstrap import build as build_notifications
from services.welfare_group.bootstrap import build as build_welfare_group
from services.welfare_group.settings import WelfareGroupSettings
from shared.sealing import KeyRing


def document() -> str:
    # Building wires a service without connecting it: nothing is sealed, so any KEK will do.
    # It is given to the settings, never put in the environment, where it would outlive this.
    keks = SecretStr(f"asyncapi:{KeyRing.new_kek()}")
    brokers = [
        build_intake(IntakeSettings(data_keks=keks))[1].broker,
        build_welfare_group(WelfareGroupSettings(data_keks=keks))[1].broker,
        build_notifications()[1].broker,
        build_communal()[1].broker,
    ]
    spec = AsyncAPI(
        *brokers,
        title="Opiskeluhuolto event flows",
        version="1",
        description="Events between intake, the welfare group, notifications and communal.",
    )
    return spec.to_specification().to_json()


if __name__ == "__main__":
    sys.stdout.write(document() + "\n")
