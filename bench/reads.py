"""The read paths people wait on, timed on a running stack with the web app (issue 18).

Whose data: the preloaded copies (``bench.growth.preload``) are all of one concern raised
by ``teacher-tiina`` at Kallio, so they share one lead, and their students are in no
register; their sealed fields stay bound to the template's ids, so no service can open
them (as ``preload`` says). So the reading staff member is a lead of Kallio who leads none
of the copies (their own list, as a real caseload, over the grown collection), and one
real case is raised first for ``student-0001``, led by them, which the family
(``guardian-0001``) reads. The inbox read is the heaviest of the school's real people: the
copies' inbox items went to stand-ins (``bench.growth.INBOX_PEOPLE``), so it holds what the
load itself sent them, as a real person's inbox holds their own cases' messages. Each path
is asked ``samples`` times in a row (after a few unmeasured asks), through the service's
API with a bearer token and through the web app with a session from the real sign-in flow
at the development provider.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import httpx
from pymongo import AsyncMongoClient

from bench.load import concern_body
from bench.observe import Observer
from bench.run import RAISER
from bench.stack import BenchStack
from bench.stats import Percentiles, percentiles

__all__ = ["TARGET_P99_MS", "measure_reads", "print_reads", "sign_in"]

TARGET_P99_MS = 100.0  # the target for each read path, at 100,000 cases
GUARDIAN, STUDENT = "guardian-0001", "student-0001"
# Kallio's leads, and a category that makes each the responsible person (domain/routing).
LEADS = {
    "psychologist-elias": ("mental_health",),
    "nurse-aino": ("physical_health",),
    "kuraattori-kaisa": ("other",),
}
INBOX_CANDIDATES = (*LEADS, "special-teacher-onni", "principal-paula", RAISER, GUARDIAN)
WARM_UP = 3
Client = AsyncMongoClient[dict[str, Any]]


async def sign_in(stack: BenchStack, person: str) -> httpx.AsyncClient:
    """A web client signed in as ``person``: the web app's /auth/login, the provider's
    sign-in page answered as the demo's person picker does, and the callback."""
    client = httpx.AsyncClient(base_url=stack.web_url, timeout=30)
    to_provider = await client.get("/auth/login", params={"next": "/"})
    asked = urlsplit(to_provider.headers["location"])
    fields = dict(parse_qsl(asked.query)) | {"subject": person}
    authorize = f"{stack.issuer_url}{asked.path}"
    back = await client.post(authorize, data=fields)
    signed_in = await client.get(back.headers["location"])
    if signed_in.status_code != 303 or "/signed-out" in signed_in.headers.get("location", ""):
        await client.aclose()
        raise RuntimeError(f"web sign-in as {person} failed: {signed_in.status_code}")
    return client


async def _subjects(stack: BenchStack) -> tuple[str, str, dict[str, int]]:
    """The reading lead (the first who leads none of the copies) and the heaviest inbox."""
    client: Client = AsyncMongoClient(stack.mongo_uri)
    try:
        cases = client.welfare_group.cases
        open_led = {
            lead: await cases.count_documents(
                {"responsible.staff_id": lead, "open_for_student": {"$exists": True}}
            )
            for lead in LEADS
        }
        busiest = max(open_led, key=lambda lead: open_led[lead])
        reader = next(lead for lead in LEADS if lead != busiest)
        inbox = client.notifications.inbox
        items = {p: await inbox.count_documents({"person_id": p}) for p in INBOX_CANDIDATES}
        heaviest = max(items, key=lambda p: items[p])
        return reader, heaviest, {"open_cases_of_busiest_lead": open_led[busiest],
                                  "inbox_items": items[heaviest]}  # fmt: skip
    finally:
        await client.close()


async def _raise_family_case(stack: BenchStack, observer: Observer, lead: str) -> str:
    """A concern about ``student-0001`` that ``lead`` leads; returns its case id."""
    body = concern_body(0, STUDENT) | {"categories": list(LEADS[lead])}
    headers = {"Authorization": f"Bearer {stack.token(RAISER)}"}
    async with httpx.AsyncClient(timeout=30, headers=headers) as client:
        answer = await client.post(f"{stack.url('intake')}/concerns", json=body)
    answer.raise_for_status()
    concern_id = answer.json()["concern_id"]
    if await observer.drained([concern_id], idle_s=30.0, limit_s=90.0):
        raise RuntimeError("the family's concern did not get through")
    return observer.commits.case_of[concern_id]


# A path this slow has made its point: its figures are from the requests made until then.
BUDGET_S = 30.0


async def _time(ask: Callable[[], Awaitable[httpx.Response]], samples: int) -> dict[str, Any]:
    spans: list[float] = []
    failed: dict[int, int] = {}
    size = 0
    begun = time.perf_counter()
    for n in range(WARM_UP + samples):
        if n > WARM_UP and time.perf_counter() - begun > BUDGET_S:
            break
        started = time.perf_counter()
        answer = await ask()
        span = (time.perf_counter() - started) * 1000
        if answer.status_code != 200:
            failed[answer.status_code] = failed.get(answer.status_code, 0) + 1
        elif n >= WARM_UP:
            spans.append(span)
        if n == 0:
            size = len(answer.content)
    return {"ms": percentiles(spans), "failed": failed, "bytes": size}


async def measure_reads(
    stack: BenchStack, observer: Observer, *, samples: int = 200
) -> dict[str, Any]:
    """p50/p99 of each read path, API and web, ``samples`` sequential requests each."""
    reader, inboxed, sizes = await _subjects(stack)
    case_id = await _raise_family_case(stack, observer, reader)
    wg, intake, notes = stack.url("welfare_group"), stack.url("intake"), stack.url("notifications")
    api = httpx.AsyncClient(timeout=30)
    web = {p: await sign_in(stack, p) for p in dict.fromkeys((reader, inboxed, GUARDIAN))}

    def bearer(person: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {stack.token(person)}"}

    def get(url: str, person: str) -> Callable[[], Awaitable[httpx.Response]]:
        headers = bearer(person)
        return lambda: api.get(url, headers=headers)

    def page(path: str, person: str) -> Callable[[], Awaitable[httpx.Response]]:
        return lambda: web[person].get(path)

    paths = {
        "my cases, API": get(f"{wg}/staff/{reader}/cases", reader),
        "my cases, web /cases": page("/cases", reader),
        "case view, API": get(f"{wg}/cases/{case_id}", reader),
        "case view, web /cases/{id}": page(f"/cases/{case_id}", reader),
        "record export, API (staff)": get(f"{wg}/students/{STUDENT}/record", reader),
        "record export, API (guardian)": get(f"{wg}/students/{STUDENT}/record", GUARDIAN),
        "record export, web (family)": page(f"/family/students/{STUDENT}/record", GUARDIAN),
        "inbox, API": get(f"{notes}/people/{inboxed}/inbox", inboxed),
        "inbox, web /inbox": page("/inbox", inboxed),
        "family access log, API intake": get(f"{intake}/students/{STUDENT}/access-log", GUARDIAN),
        "family access log, API welfare": get(f"{wg}/students/{STUDENT}/access-log", GUARDIAN),
        "family access log, web": page("/family/access-log", GUARDIAN),
    }
    try:
        timed = {name: await _time(ask, samples) for name, ask in paths.items()}
    finally:
        await asyncio.gather(api.aclose(), *(c.aclose() for c in web.values()))
    return {"reader": reader, "inbox_of": inboxed, "case_id": case_id, **sizes, "paths": timed,
            "samples": samples}  # fmt: skip


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}" if value < 100 else f"{value:,.0f}"


def print_reads(growth: list[dict[str, Any]]) -> None:
    """The read paths' p50 and p99 (ms) at each size stored, side by side."""
    measured = [g for g in growth if g.get("reads")]
    if not measured:
        return
    head = "".join(f"{g['preloaded']:>10,} cases  " for g in measured)
    print(f"\n-- Read paths, ms (p50 / p99; target p99 < {TARGET_P99_MS:.0f})")
    print(f"   {'':<34}{head}")
    for name in measured[0]["reads"]["paths"]:
        cells = []
        for g in measured:
            path = g["reads"]["paths"][name]
            p: Percentiles = path["ms"]
            flag = "!" if p.p99 >= TARGET_P99_MS or path["failed"] else " "
            cells.append(f"{_ms(p.p50):>8} /{_ms(p.p99):>7}{flag}")
        print(f"   {name:<34}{''.join(cells)}")
    for g in measured:
        r = g["reads"]
        failed = {n: p["failed"] for n, p in r["paths"].items() if p["failed"]}
        short = {n: p["ms"].count for n, p in r["paths"].items() if p["ms"].count < r["samples"]}
        if short:
            print(f"   {g['preloaded']:,} cases, cut short at {BUDGET_S:.0f} s: {short}")
        print(
            f"   {g['preloaded']:,} cases: reader {r['reader']}, inbox of {r['inbox_of']} "
            f"({r['inbox_items']} items), busiest lead {r['open_cases_of_busiest_lead']} open"
            f" cases{f'; failed answers {failed}' if failed else ''}"
        )
