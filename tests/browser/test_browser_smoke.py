"""The browser harness itself: Playwright drives the system's Chromium, screenshots land
where the docs say, and the accessibility check can fail (a check that never fails proves
nothing)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.async_api import Browser, Page

from tests.support.browser import CHROMIUM, SCREENSHOTS, NewContext, axe_check, shot

pytestmark = pytest.mark.browser

GOOD = """<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><title>Huoli opiskelijasta</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Huoli opiskelijasta</h1>
<img src="/pixel.svg" alt="Koulun tunnus">
<form><label for="who">Opiskelija</label><input id="who" name="who">
<button type="submit">Lähetä</button></form></main></body></html>"""
BROKEN = """<!doctype html>
<html lang="fi"><head><meta charset="utf-8"><title>Rikki</title></head>
<body><main><h1>Rikki</h1><img src="/pixel.svg"><form><input name="who"></form></main>
</body></html>"""
PIXEL = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/>'
PIXEL += "</svg>"
PAGES = {
    "/good": ("text/html; charset=utf-8", GOOD),
    "/broken": ("text/html; charset=utf-8", BROKEN),
    "/pixel.svg": ("image/svg+xml", PIXEL),
}


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The pages above over real HTTP on a free port."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            content_type, body = PAGES.get(self.path, ("text/plain", "not found"))
            self.send_response(200 if self.path in PAGES else 404)
            self.send_header("Content-Type", content_type)
            self.end_headers()
            self.wfile.write(body.encode())

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


async def test_playwright_drives_the_system_chromium(browser: Browser) -> None:
    asked = await asyncio.create_subprocess_exec(
        str(CHROMIUM),
        "--version",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    # e.g. "Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)"
    output, _ = await asyncio.wait_for(asked.communicate(), 30)
    installed = output.decode()
    assert browser.version in installed


async def test_a_page_is_shown_and_saved_as_a_full_page_screenshot(page: Page, site: str) -> None:
    await page.goto(f"{site}/good")
    assert await page.get_by_role("heading", level=1).inner_text() == "Huoli opiskelijasta"
    saved = await shot(page, "smoke-good")
    assert saved == SCREENSHOTS / "smoke-good.png"
    png = saved.read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(png[16:20], "big") == 1280  # the IHDR width: the desktop viewport


async def test_a_mobile_context_is_360_px_wide_and_speaks_its_locale(
    new_context: NewContext, site: str
) -> None:
    phone = await (await new_context(mobile=True, locale="sv-FI")).new_page()
    await phone.goto(f"{site}/good")
    assert await phone.evaluate("window.innerWidth") == 360
    assert await phone.evaluate("navigator.language") == "sv-FI"
    # A phone lays out a page that has no viewport meta at 980 px and shrinks it: the mobile
    # context emulates that, so a page that forgot the tag shows it in its screenshot.
    await phone.goto(f"{site}/broken")
    assert await phone.evaluate("window.innerWidth") == 980


async def test_a_page_without_accessibility_faults_passes_axe(page: Page, site: str) -> None:
    await page.goto(f"{site}/good")
    await axe_check(page, "smoke-good")


async def test_axe_fails_a_page_with_an_unlabelled_image_and_input(page: Page, site: str) -> None:
    await page.goto(f"{site}/broken")
    with pytest.raises(AssertionError) as failed:
        await axe_check(page, "smoke-broken")
    report = str(failed.value)
    assert "image-alt (critical)" in report
    assert "label (critical)" in report
    assert "at: img" in report  # the node, so the message says where to fix it
    assert (SCREENSHOTS / "smoke-broken.axe.json").exists()
