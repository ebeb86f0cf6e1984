"""Bearer tokens: what is accepted, and the reason given for everything that is not."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import jwt
import pytest
import uvicorn

from deploy.infra import free_port
from deploy.issuer import AUDIENCE, DevIssuer
from deploy.issuer.provider import create_app
from deploy.issuer.requests import Client
from shared.security import JwksSource, Role, TokenVerifier, Unauthenticated


@pytest.fixture(scope="module")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> DevIssuer:
    return DevIssuer(tmp_path_factory.mktemp("issuer"))


def verifier(issuer: DevIssuer, url: str | None = None) -> TokenVerifier:
    jwks = JwksSource(url or issuer.jwks_url)
    return TokenVerifier(issuer=issuer.issuer, audience=AUDIENCE, jwks=jwks, leeway_s=0)


async def test_a_guardian_token_names_the_person_their_role_and_their_children(
    issuer: DevIssuer,
) -> None:
    token = issuer.mint("guardian-0001", Role.GUARDIAN, student_refs=["student-0001"])
    who = await verifier(issuer).principal(token)
    assert (who.subject, who.role) == ("guardian-0001", Role.GUARDIAN)
    assert who.is_family_of("student-0001")
    assert not who.is_family_of("student-0002")


@pytest.mark.parametrize(
    ("claims", "reason"),
    [
        ({"exp": int(time.time()) - 60}, "expired"),
        ({"aud": "another-service"}, "not meant for this service"),
        ({"iss": "https://evil.example"}, "issuer this service does not trust"),
        ({"role": "superuser"}, "no role"),
        ({"sub": "131052-308T"}, "malformed"),  # an identity code is no subject
    ],
)
async def test_a_token_that_cannot_be_trusted_is_refused_with_its_reason(
    issuer: DevIssuer, claims: dict[str, object], reason: str
) -> None:
    payload = jwt.decode(issuer.mint("nurse-aino", Role.NURSE), options={"verify_signature": False})
    forged = {**payload, **claims}
    token = issuer.sign(forged)
    with pytest.raises(Unauthenticated, match=reason):
        await verifier(issuer).principal(token)


async def test_symmetric_unsigned_or_foreign_tokens_are_refused(
    issuer: DevIssuer, tmp_path: Path
) -> None:
    claims = {"sub": "x", "role": "nurse", "iss": issuer.issuer, "aud": AUDIENCE}
    with pytest.raises(Unauthenticated, match="RS256"):
        await verifier(issuer).principal(jwt.encode(claims, "a-shared-secret" * 3))
    with pytest.raises(Unauthenticated, match="not a JWT"):
        await verifier(issuer).principal("not-a-token")
    stranger = DevIssuer(tmp_path / "stranger")  # a key this issuer never published
    with pytest.raises(Unauthenticated, match="does not publish"):
        await verifier(issuer).principal(stranger.mint("nurse-aino", Role.NURSE))


@pytest.fixture
def served(issuer: DevIssuer) -> Iterator[str]:
    """The provider itself, on a port, as ``python -m deploy.issuer serve`` runs it."""
    app = create_app(issuer, {}, Client("opiskeluhuolto-web", ("http://127.0.0.1/cb",)))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert server.started
    yield f"http://127.0.0.1:{port}/jwks.json"
    server.should_exit = True
    thread.join(timeout=10)


async def test_the_keys_are_fetched_from_the_issuer_over_http(
    issuer: DevIssuer, served: str
) -> None:
    who = await verifier(issuer, served).principal(issuer.mint("admin-1", Role.ADMINISTRATOR))
    assert who.role is Role.ADMINISTRATOR
