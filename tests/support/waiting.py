from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any


async def eventually(
    probe: Callable[[], Awaitable[Any] | Any], *, timeout: float = 15.0, interval: float = 0.05
) -> Any:
    """Poll ``probe`` (plain or async) until it returns something truthy; fail with its last
    value."""

    async def ask() -> Any:
        value = probe()
        return await value if inspect.isawaitable(value) else value

    deadline = time.monotonic() + timeout
    value = await ask()
    while not value:
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout}s; last value: {value!r}")
        await asyncio.sleep(interval)
        value = await ask()
    return value
