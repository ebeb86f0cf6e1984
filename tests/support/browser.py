"""A real Chromium for the browser tests: Debian's ``chromium`` driven by Playwright, never a
downloaded browser. One browser for the session, a fresh context (cookies, storage, locale)
per test; ``shot`` saves what a page looks like and ``axe_check`` fails on the accessibility
faults that block someone (axe-core's "serious" and "critical")."""

from __future__ import annotations

import json
import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, BrowserContext, Page, ViewportSize, async_playwright

from tests.support.infra import ROOT

__all__ = [
    "BLOCKING_IMPACTS",
    "CHROMIUM",
    "DESKTOP",
    "LAUNCH_ARGS",
    "MOBILE",
    "SCREENSHOTS",
    "NewContext",
    "axe_check",
    "browser",
    "context",
    "mobile_page",
    "new_context",
    "page",
    "shot",
]

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(os.environ.get("BROWSER_SCREENSHOTS", ROOT / ".local" / "screenshots"))
# The machine's network is closed: without these Chromium keeps calling home (updates, sync,
# QUIC probes) and floods the logs with refused connections. No sandbox: tests run as root.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
MOBILE: ViewportSize = {"width": 360, "height": 780}
DEFAULT_LOCALE = "fi-FI"
BLOCKING_IMPACTS = ("serious", "critical")
TIMEOUT_MS = 10_000

NewContext = Callable[..., Awaitable[BrowserContext]]


@pytest.fixture(scope="session")
async def browser() -> AsyncIterator[Browser]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"the browser tests need Chromium at {CHROMIUM}: run deploy/setup.sh --browser "
            "(as root it installs Debian's chromium), or set CHROMIUM to a Chromium binary",
            pytrace=False,
        )
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=LAUNCH_ARGS
        )
        yield launched
        await launched.close()


@pytest.fixture
async def new_context(browser: Browser) -> AsyncIterator[NewContext]:
    """``await new_context(locale="sv-FI", mobile=True, **playwright_options)``: a fresh
    context (no cookies, no storage), closed when the test ends."""
    made: list[BrowserContext] = []

    async def make(
        *, locale: str = DEFAULT_LOCALE, mobile: bool = False, **options: Any
    ) -> BrowserContext:
        viewport = MOBILE if mobile else DESKTOP
        if mobile:
            options = {"is_mobile": True, "has_touch": True, **options}
        created = await browser.new_context(viewport=viewport, locale=locale, **options)
        # Everything here is local: a step that takes 10 s is stuck, not slow.
        created.set_default_timeout(TIMEOUT_MS)
        made.append(created)
        return created

    yield make
    for created in made:
        await created.close()


@pytest.fixture
async def context(new_context: NewContext) -> BrowserContext:
    """A desktop context (1280x900) in Finnish."""
    return await new_context()


@pytest.fixture
async def page(context: BrowserContext) -> Page:
    return await context.new_page()


@pytest.fixture
async def mobile_page(new_context: NewContext) -> Page:
    """A phone-sized page (360 px wide, touch) in Finnish."""
    return await (await new_context(mobile=True)).new_page()


def _file_name(name: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        raise ValueError(f"{name!r}: a screenshot's name is letters, digits, '.', '_', '-'")
    return name


async def shot(page: Page, name: str) -> Path:
    """Save the whole page (not only the viewport) as ``SCREENSHOTS/<name>.png``."""
    path = SCREENSHOTS / f"{_file_name(name)}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=path, full_page=True)
    return path


async def axe_check(
    page: Page, name: str, *, context: str | list[Any] | dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; fail if any violation is serious or critical,
    saying what to fix. Every violation (minor ones too) is saved as
    ``SCREENSHOTS/<name>.axe.json`` and returned."""
    results = await Axe().run(page, context=context)
    violations: list[dict[str, Any]] = results.response["violations"]
    path = SCREENSHOTS / f"{_file_name(name)}.axe.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(violations, indent=2, ensure_ascii=False), encoding="utf-8")
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    assert not blocking, f"axe on {name} ({page.url}):\n" + "\n".join(map(_described, blocking))
    return violations


def _described(violation: dict[str, Any]) -> str:
    targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"])
    return (
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        f"  at: {targets}\n  see: {violation.get('helpUrl', '')}"
    )
