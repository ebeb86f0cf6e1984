"""Every link in every message the platform sends opens a page of the web app.

The messages are rendered as the notifications service renders them, for every kind,
reason and language (and the fallback and the digest), with links on the web app's own
address; each link's path must match a page route of the web app, with a GET.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from uuid import UUID

import pytest
from starlette.routing import Match

from services.notifications.domain.messages import (
    MessageFacts,
    render,
    render_digest,
    templates,
)
from services.notifications.domain.recipients import Language
from tests.support.web import BASE, WebApp

LINK = re.compile(r"https?://\S+")
FACTS = MessageFacts(
    case_link=f"{BASE}/cases/{UUID('07a3f1e2-5b7c-4d2a-9e61-3c8f0b9d4a11')}",
    family_link=f"{BASE}/family",
    due_on=date(2026, 12, 10),
    urgent=True,
    meeting_on=datetime(2026, 12, 11, 9, 30, tzinfo=UTC),
)


def _every_message_text() -> list[str]:
    texts: list[str] = []
    for untimed in (False, True):
        for (kind, reason), by_language in templates(untimed=untimed).items():
            for language in by_language:
                message = render(kind, reason, language, FACTS)
                texts.append(f"{message.subject}\n{message.body}")
    broken = MessageFacts("{", "{", None, False)  # the fallback, as a failed render sends it
    texts.append(render(*next(iter(templates())), Language.FI, broken).body)
    return texts


TEXTS = _every_message_text()
LINKS = sorted({link.rstrip(".,)") for text in TEXTS for link in LINK.findall(text)})


def test_the_messages_carry_links_at_all() -> None:
    assert len(TEXTS) > 50
    assert {f"{BASE}/family", FACTS.case_link} <= set(LINKS)


@pytest.mark.parametrize("link", LINKS)
def test_each_link_is_a_page_of_the_web_app(link: str) -> None:
    assert link.startswith(BASE), f"{link} does not point at the web app"
    path = link.removeprefix(BASE).split("?")[0]
    scope = {"type": "http", "method": "GET", "path": path, "root_path": ""}
    matched = [r for r in WebApp().app.routes if r.matches(scope)[0] is Match.FULL]
    assert matched, f"no page of the web app answers GET {path}"


def test_the_digest_keeps_each_messages_link() -> None:
    digest = render_digest(Language.SV, [render(*next(iter(templates())), Language.SV, FACTS)])
    assert FACTS.case_link in digest.body
