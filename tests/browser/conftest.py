"""The browser tests' fixtures, from tests/support: a real Chromium with one fresh context per
test (browser.py), and the whole platform as processes for the journeys (web_stack.py).
Each test module here sets ``pytestmark = pytest.mark.browser``."""

from __future__ import annotations

from tests.support.browser import browser, context, mobile_page, new_context, page
from tests.support.web_stack import web_stack

__all__ = ["browser", "context", "mobile_page", "new_context", "page", "web_stack"]
