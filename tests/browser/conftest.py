"""The browser tests' fixtures (a real Chromium, one fresh context per test), from
tests/support/browser.py. Each test module here sets ``pytestmark = pytest.mark.browser``."""

from __future__ import annotations

from tests.support.browser import browser, context, mobile_page, new_context, page

__all__ = ["browser", "context", "mobile_page", "new_context", "page"]
