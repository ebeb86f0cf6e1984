"""Key-encryption keys: make one, or move every data key of a service to the current one.

    python -m deploy.keys new                          # print a fresh KEK (base64, 32 bytes)
    python -m deploy.keys rotate --service welfare_group

Rotation: put the new KEK first in DATA_KEKS (``new-id:key,old-id:key``), restart the
service, run ``rotate`` with the same settings, then remove the old KEK. Until then both
open data keys; afterwards the old KEK opens nothing, so it can be destroyed.
"""

from __future__ import annotations

import argparse
import asyncio

from services.intake.settings import IntakeSettings
from services.welfare_group.settings import WelfareGroupSettings
from shared.sealing import DataKeys, KeyRing
from shared.settings import ServiceSettings
from shared.storage import Store

__all__ = ["rotate"]

SEALING_SERVICES: dict[str, type[ServiceSettings]] = {
    "intake": IntakeSettings,
    "welfare_group": WelfareGroupSettings,
}


async def rotate(settings: ServiceSettings) -> int:
    store = Store.from_settings(settings)
    try:
        return await DataKeys(store, KeyRing.parse(settings.data_keks_spec())).rewrap()
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m deploy.keys", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("new", help="print a fresh KEK")
    rotating = commands.add_parser("rotate", help="rewrap every data key under the first KEK")
    rotating.add_argument("--service", choices=sorted(SEALING_SERVICES), required=True)
    args = parser.parse_args()
    if args.command == "new":
        print(KeyRing.new_kek())
        return
    moved = asyncio.run(rotate(SEALING_SERVICES[args.service]()))
    print(f"{args.service}: {moved} data keys moved to the current KEK")


if __name__ == "__main__":
    main()
