"""``python -m services.intake.seed FILE``: load the schools that concerns may name."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from services.intake.adapters.schools import SchoolDirectory
from services.intake.settings import IntakeSettings
from shared.seed import load_seed
from shared.storage import Store

__all__ = ["seed"]


async def seed(path: Path, settings: IntakeSettings) -> int:
    store = Store.from_settings(settings)
    try:
        schools = SchoolDirectory(store)
        loaded = load_seed(path).schools
        for school in loaded:
            await schools.put(school.school_id)
        return len(loaded)
    finally:
        store.close()


if __name__ == "__main__":
    count = asyncio.run(seed(Path(sys.argv[1]), IntakeSettings()))
    print(f"intake: {count} schools loaded")
