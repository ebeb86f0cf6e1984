"""Who has used a student's data: each service's own access log, read side by side.

One service not answering does not hide the others: the page shows what it has and says
which service is missing. A service that refuses (a guardian §18 keeps out) says why.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from services.web.domain.family_log import LogEntry, entry_of, merged, page_of
from services.web.service_layer.api import Api, Forbidden, NotFound, Service, TooMany, Unavailable

__all__ = ["AccessLogView", "access_log", "access_logs"]

# The services that hold a student's data and log its every use. Notifications keeps
# contacts and messages that name a case, never a student's data, and logs none.
LOGGED = (Service.INTAKE, Service.WELFARE_GROUP)
PAGE_SIZE = 50


@dataclass(frozen=True)
class AccessLogView:
    student_ref: str
    entries: tuple[LogEntry, ...]
    missing: tuple[str, ...]  # services that did not answer
    refused: tuple[tuple[str, str], ...]  # (service, the reason it gave)
    older_before: datetime | None = None  # the next page's start, if older uses exist


async def _one(
    api: Api, service: Service, ref: str, params: dict[str, str]
) -> list[LogEntry] | Exception:
    try:
        found = await api.get(service, f"/students/{ref}/access-log", params=params)
    except (Unavailable, NotFound, TooMany, Forbidden) as failed:
        return failed
    return [entry_of(service.value, raw) for raw in found or []]


async def access_log(
    api: Api, ref: str, *, before: datetime | None = None, size: int = PAGE_SIZE
) -> AccessLogView:
    """A page of the student's uses, newest first, before ``before`` if given. Each service
    gives one more than a page, so the merged list says whether older uses exist."""
    params = {"limit": str(size + 1)}
    if before is not None:
        params["until"] = before.isoformat()
    answers = await asyncio.gather(*(_one(api, s, ref, params) for s in LOGGED))
    logs = [a for a in answers if not isinstance(a, Exception)]
    page = page_of(merged(logs), size)
    return AccessLogView(
        student_ref=ref,
        entries=page.entries,
        older_before=page.older_before,
        missing=tuple(
            s.value
            for s, a in zip(LOGGED, answers, strict=True)
            if isinstance(a, Exception) and not isinstance(a, Forbidden)
        ),
        refused=tuple(
            (s.value, str(a))
            for s, a in zip(LOGGED, answers, strict=True)
            if isinstance(a, Forbidden)
        ),
    )


async def access_logs(api: Api, refs: Sequence[str]) -> list[AccessLogView]:
    """The first page of each student's uses, asked of the services for all at once."""
    return list(await asyncio.gather(*(access_log(api, ref) for ref in refs)))
