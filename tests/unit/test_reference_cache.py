"""The reference cache keeps a found value for its bound only, and forgets on a write."""

from __future__ import annotations

from shared.reference_cache import ReferenceCache


async def test_a_value_is_kept_for_its_bound_misses_are_not_and_a_write_forgets_it() -> None:
    now = [0.0]
    cache: ReferenceCache[str, int] = ReferenceCache(30.0, clock=lambda: now[0])
    reads: list[str] = []

    async def load(value: int | None) -> int | None:
        reads.append("read")
        return value

    assert await cache.through("a", lambda: load(1)) == 1
    now[0] = 29.9
    assert await cache.through("a", lambda: load(2)) == 1  # still fresh
    now[0] = 30.0
    assert await cache.through("a", lambda: load(2)) == 2  # expired: read again
    cache.forget("a")
    assert await cache.through("a", lambda: load(3)) == 3  # forgotten after a write
    assert await cache.through("b", lambda: load(None)) is None
    assert await cache.through("b", lambda: load(4)) == 4  # a miss was not kept
    assert len(reads) == 5
