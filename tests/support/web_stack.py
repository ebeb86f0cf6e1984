"""The whole platform as processes, for the browser journeys: the development OIDC provider,
the three services (seeded with the demo directory) and the web app, on the session's real
broker and database, with a mail catcher whose messages a journey reads links out of.

One ``web_stack`` serves the whole session: starting it costs seconds. Journeys share it,
so each uses its own students and cases, and reads only its own people's mail (counting
what was there before it acted, see ``WebStack.email_to``)."""

from __future__ import annotations

import asyncio
import re
import sys
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from playwright.async_api import Page

from deploy.infra import ServerProcess, free_port, wait_until
from deploy.issuer import DevIssuer, claims_from_seed
from shared.topics import ensure_topics
from tests.support.directory import DEMO, seed_directory
from tests.support.infra import ROOT, Infra, Namespace
from tests.support.smtp import SmtpServer
from tests.support.stack import ServiceProcess, Stack
from tests.support.waiting import eventually

__all__ = ["WEB_CLIENT_ID", "WebStack", "web_stack"]

WEB_CLIENT_ID = "opiskeluhuolto-web"
_LINK = re.compile(r"https?://[^\s\"'<>]+")


@dataclass
class WebStack:
    ns: Namespace
    services: Stack  # .intake, .welfare_group, .notifications: ServiceProcess (.url)
    communal: ServiceProcess
    web: ServiceProcess
    issuer_process: ServerProcess
    issuer: DevIssuer  # the provider's own key: mint(...) tokens the services accept
    smtp: SmtpServer
    logs: Path

    @property
    def url(self) -> str:
        """The web app's base URL, e.g. http://127.0.0.1:41234 (no trailing slash)."""
        return self.web.url

    @property
    def issuer_url(self) -> str:
        return self.issuer.issuer

    async def sign_in(self, page: Page, subject: str, next: str = "/") -> str:
        """Sign in as a seeded person through the provider's page, as a person would: the
        web app's sign-in, the provider's list, the person's button. Returns the path the
        web app landed on (``next``, or the person's own home for "/")."""
        await page.goto(f"{self.url}/auth/login?{urlencode({'next': next})}")
        await page.locator(f'button[name="subject"][value="{subject}"]').click()
        await page.wait_for_url(lambda url: url.startswith(self.url + "/") and "/auth/" not in url)
        return page.url.removeprefix(self.url)

    def bearer(self, subject: str) -> dict[str, str]:
        """Authorization headers for a seeded person, from this provider's key: a journey's
        setup through the services' APIs (what the journey itself shows goes by the page)."""
        role, claims = claims_from_seed(DEMO, subject)
        return {"Authorization": f"Bearer {self.issuer.mint(subject, role, **claims)}"}

    def mail_to(self, address: str) -> list[EmailMessage]:
        return self.smtp.sink.to(address)

    async def email_to(self, address: str, *, after: int = 0, timeout: float = 15) -> EmailMessage:
        """The newest email to ``address`` once more than ``after`` have arrived (take
        ``len(stack.mail_to(address))`` before the step that sends it)."""
        await eventually(lambda: len(self.mail_to(address)) > after, timeout=timeout)
        return self.mail_to(address)[-1]

    def links_in(self, message: EmailMessage) -> list[str]:
        """Every web app link in the message (its text and HTML parts), in order."""
        found: list[str] = []
        for part in message.walk():
            if part.get_content_maintype() == "text":
                found += [u for u in _LINK.findall(part.get_content()) if u.startswith(self.url)]
        return list(dict.fromkeys(found))

    def link_in(self, message: EmailMessage, path_prefix: str = "/") -> str:
        """The first web app link whose path starts with ``path_prefix``, e.g. "/cases/"."""
        wanted = self.url + path_prefix
        links = self.links_in(message)
        assert any(u.startswith(wanted) for u in links), f"no {wanted}… link among {links}"
        return next(u for u in links if u.startswith(wanted))


async def _healthy(process: ServerProcess, url: str, timeout: float = 30) -> None:
    async def probe() -> None:
        async with httpx.AsyncClient() as client:
            (await client.get(url, timeout=1)).raise_for_status()

    await wait_until(f"{process.name} {url}", probe, timeout=timeout, process=process)


def _build(ns: Namespace, smtp: SmtpServer, base: Path) -> WebStack:
    logs = base / "logs"
    services = Stack(ns, logs, smtp.port)
    communal = ServiceProcess(
        "communal", ns, logs, WELFARE_GROUP_URL=services.welfare_group.url, PUBLICATION_CACHE_S="1"
    )
    web = ServiceProcess("web", ns, logs)
    port = free_port()
    # The same key directory as the provider process (--state-dir STATE: STATE/issuer): the
    # JWKS file the services read is the provider's, and a test can mint its tokens too.
    issuer = DevIssuer(base / "state" / "issuer", issuer=f"http://127.0.0.1:{port}")
    argv = [sys.executable, "-m", "deploy.issuer", "serve", "--port", str(port)]
    argv += ["--issuer", issuer.issuer, "--state-dir", str(base / "state"), "--seed", str(DEMO)]
    argv += ["--redirect-uri", f"{web.url}/auth/callback"]
    provider = ServerProcess("issuer", argv, port, logs / "issuer.log", cwd=ROOT)
    return WebStack(ns, services, communal, web, provider, issuer, smtp, logs)


async def _start(stack: WebStack) -> None:
    services, web, issuer = stack.services, stack.web, stack.issuer
    await seed_directory(stack.ns)
    stack.issuer_process.start()
    await _healthy(stack.issuer_process, f"{issuer.issuer}/health")
    trust = {"OIDC_ISSUER": issuer.issuer, "OIDC_JWKS_URL": issuer.jwks_url}
    # All at once: none needs another to answer /health, and each takes seconds.
    await asyncio.gather(
        services.intake.start(**trust),
        services.welfare_group.start(**trust),
        # The links in what it sends (/cases/{id}, /family) open the web app's pages.
        services.notifications.start(**trust, APP_BASE_URL=web.url),
        stack.communal.start(**trust),
        web.start(  # a public client (PKCE): no OIDC_CLIENT_SECRET
            **trust,
            PUBLIC_BASE_URL=web.url,
            OIDC_CLIENT_ID=WEB_CLIENT_ID,
            INTAKE_URL=services.intake.url,
            WELFARE_GROUP_URL=services.welfare_group.url,
            NOTIFICATIONS_URL=services.notifications.url,
            COMMUNAL_URL=stack.communal.url,
            MONGODB_DATABASE=stack.ns.database("web"),
        ),
    )


@pytest.fixture(scope="session")
async def web_stack(
    infra: Infra, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[WebStack]:
    ns = Namespace(infra, f"w{uuid.uuid4().hex[:10]}.")
    await ensure_topics(infra.bootstrap, ns.prefix)
    smtp = SmtpServer(free_port())
    smtp.start()
    stack = _build(ns, smtp, tmp_path_factory.mktemp("web-stack"))
    try:
        await _start(stack)
        yield stack
    finally:
        stack.web.stop()  # each stop is a no-op for a process that never started
        stack.communal.stop()
        stack.services.stop()
        stack.issuer_process.stop()
        smtp.stop()
