"""The family's access log in pages: the newest uses first, older ones a link away, and
uses of one millisecond never split between two pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from services.web.domain.family_log import LogEntry, page_of
from services.web.service_layer.api import Service as S
from services.web.service_layer.family_log import PAGE_SIZE
from tests.fakes.web import Call, FakeServices
from tests.support.web import WebApp
from tests.web.family_fixtures import GUARDIAN, STUDENT, a_use

START = datetime(2026, 9, 1, 8, tzinfo=UTC)
LOG = "/students/stu-aino/access-log"


def use_at(ms: int, actor: str = "someone") -> LogEntry:
    at = START + timedelta(milliseconds=ms)
    what = "GET /cases/{case_id}"
    return LogEntry(at, "intake", actor, "nurse", what, "read", "", True, None, None)


def test_a_short_log_is_one_page() -> None:
    page = page_of([use_at(2), use_at(1)], 3)
    assert len(page.entries) == 2
    assert page.older_before is None


def test_a_page_ends_at_its_size_when_the_next_use_is_older() -> None:
    page = page_of([use_at(9), use_at(8), use_at(7), use_at(6)], 3)
    assert len(page.entries) == 3
    assert page.older_before == use_at(7).at  # exclusive: 6 comes next


def test_a_page_never_ends_inside_a_millisecond() -> None:
    newest_first = [use_at(9), use_at(8), use_at(7, "a"), use_at(7, "b"), use_at(6)]
    page = page_of(newest_first, 3)
    assert [e.at for e in page.entries] == [use_at(9).at, use_at(8).at]
    # "before" is exclusive: one millisecond on, so both uses at 7 come next.
    assert page.older_before == use_at(8).at


def test_a_page_all_of_one_millisecond_is_shown_whole() -> None:
    page = page_of([use_at(5, "a"), use_at(5, "b"), use_at(5, "c"), use_at(4)], 3)
    assert len(page.entries) == 3
    assert page.older_before == use_at(5).at


def _uses(first_ms: int, count: int, prefix: str) -> list[dict[str, object]]:
    """``count`` uses a second apart, newest first, the newest at ``first_ms``."""
    return [
        a_use((START + timedelta(milliseconds=first_ms - 1000 * i)).isoformat(), f"{prefix}{i}")
        for i in range(count)
    ]


async def test_the_page_shows_a_page_of_uses_and_links_to_the_older_ones() -> None:
    fake = FakeServices()
    fake.answer(S.INTAKE, "GET", LOG, _uses(10_000_000, PAGE_SIZE + 1, "intake-"))
    fake.answer(S.WELFARE_GROUP, "GET", LOG, _uses(9_999_500, PAGE_SIZE + 1, "welfare-"))
    async with WebApp(fake).client(as_=STUDENT) as client:
        page = await client.get("/family/students/stu-aino/access-log")
    assert page.status_code == 200
    asked: list[Call] = [c for c in fake.calls if c.path == LOG]
    assert {c.params["limit"] for c in asked if c.params} == {str(PAGE_SIZE + 1)}
    assert page.text.count("<tr>") == PAGE_SIZE + 1  # the rows and the head
    assert "welfare-24" in page.text
    assert "intake-25" not in page.text
    assert "Back to the newest uses" not in page.text
    link = page.text[page.text.index("access-log?before=") :].split('"')[0]
    before = parse_qs(urlsplit(link.replace("&amp;", "&")).query)["before"][0]
    # Interleaved half a second apart, the 50th newest is the welfare group's 25th.
    assert datetime.fromisoformat(before) == START + timedelta(milliseconds=9_999_500 - 24_000)


async def test_an_older_page_asks_the_services_for_uses_before_its_moment() -> None:
    fake = FakeServices()
    fake.answer(S.INTAKE, "GET", LOG, _uses(5_000, 2, "old-intake-"))
    fake.answer(S.WELFARE_GROUP, "GET", LOG, [])
    before = "2026-09-01T09:00:00+00:00"
    async with WebApp(fake).client(as_=STUDENT) as client:
        page = await client.get("/family/students/stu-aino/access-log", params={"before": before})
    assert page.status_code == 200
    assert {c.params["until"] for c in fake.calls if c.path == LOG and c.params} == {before}
    assert "old-intake-1" in page.text
    assert "Back to the newest uses" in page.text
    assert "Older uses" not in page.text


async def test_a_moment_that_is_no_moment_is_a_clear_error_without_a_call() -> None:
    fake = FakeServices()
    async with WebApp(fake).client(as_=GUARDIAN) as client:
        for bad in ("yesterday", "2026-09-01T09:00:00"):  # the second has no time zone
            page = await client.get("/family/students/stu-aino/access-log", params={"before": bad})
            assert page.status_code == 400, bad
    assert fake.calls == []
