"""``python -m services.notifications.seed FILE``: load the staff and guardian directory."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from services.notifications.adapters.directory import Directory
from services.notifications.settings import NotificationsSettings
from shared.seed import load_seed
from shared.storage import Store

__all__ = ["seed"]


async def seed(path: Path, settings: NotificationsSettings) -> int:
    store = Store.from_settings(settings)
    try:
        directory = Directory(store)
        await directory.ensure_indexes()
        data = load_seed(path)
        people = 0
        for school in data.schools:
            for staff in school.staff:
                document = staff.model_dump(mode="json", exclude={"staff_id"})
                await directory.put_staff(
                    staff.staff_id, {**document, "school_id": school.school_id}
                )
                people += 1
        for administrator in data.welfare_administrators:
            document = administrator.model_dump(mode="json", exclude={"administrator_id"})
            await directory.put_staff(
                administrator.administrator_id,
                {**document, "school_id": None, "welfare_administrator": True},
            )
            people += 1
        for supervisor in data.service_supervisors:
            document = supervisor.model_dump(mode="json", exclude={"supervisor_id", "school_ids"})
            await directory.put_staff(
                supervisor.supervisor_id,
                {**document, "school_id": None, "supervises": supervisor.school_ids},
            )
            people += 1
        for guardian in data.guardians:
            await directory.put_guardian(
                guardian.guardian_id, guardian.model_dump(mode="json", exclude={"guardian_id"})
            )
            people += 1
        return people
    finally:
        store.close()


if __name__ == "__main__":
    count = asyncio.run(seed(Path(sys.argv[1]), NotificationsSettings()))
    print(f"notifications: {count} directory entries loaded")
