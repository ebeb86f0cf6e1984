"""``python -m services.communal.seed FILE``: load the schools' pupil counts and the welfare
professionals' allocated working time (§9a) from the directory file: counts only."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from services.communal.adapters.schools import Schools
from services.communal.domain.staffing import from_roster
from services.communal.settings import CommunalSettings
from shared.seed import load_seed
from shared.storage import Store

__all__ = ["seed"]


async def seed(path: Path, settings: CommunalSettings) -> int:
    store = Store.from_settings(settings)
    try:
        schools = Schools(store)
        data = load_seed(path)
        for school in data.schools:
            allocations = [(s.role.value, s.allocated_fte) for s in school.staff]
            await schools.put(school.school_id, from_roster(school.students, allocations))
        return len(data.schools)
    finally:
        store.close()


if __name__ == "__main__":
    count = asyncio.run(seed(Path(sys.argv[1]), CommunalSettings()))
    print(f"communal: {count} schools' staffing loaded")
