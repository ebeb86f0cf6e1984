"""The development OpenID Connect provider signs people in as a real one would: the
authorization code flow with PKCE S256, tokens the services accept, and no redirect to a
callback it does not know."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import secrets
import time
from collections.abc import AsyncIterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from authlib.integrations.httpx_client import AsyncOAuth2Client
from authlib.oidc.core import CodeIDToken
from joserfc import jwt as jose_jwt
from joserfc.jwk import KeySet
from joserfc.jws import JWSRegistry
from starlette.applications import Starlette

from deploy.infra import free_port
from deploy.issuer import AUDIENCE, DevIssuer
from deploy.issuer.codes import CodeStore
from deploy.issuer.people import directory
from deploy.issuer.provider import create_app
from deploy.issuer.requests import Client
from deploy.local import ROOT, LocalSettings
from shared.security import JwksSource, Role, TokenVerifier
from tests.support.directory import DEMO

CLIENT_ID = "opiskeluhuolto-web"
CALLBACK = "http://127.0.0.1:8080/auth/callback"
ISSUER_URL = "http://127.0.0.1:8400"


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


class SignInPage(HTMLParser):
    """The page's hidden fields and the people its buttons pick."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.hidden: dict[str, str] = {}
        self.subjects: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "input" and found.get("type") == "hidden":
            self.hidden[found["name"]] = found["value"]
        if tag == "button" and found.get("name") == "subject":
            self.subjects.append(found["value"])


@pytest.fixture(scope="module")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> DevIssuer:
    return DevIssuer(tmp_path_factory.mktemp("oidc-issuer"), issuer=ISSUER_URL)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(issuer: DevIssuer, clock: Clock) -> Starlette:
    client = Client(CLIENT_ID, (CALLBACK,))
    return create_app(issuer, directory(DEMO), client, codes=CodeStore(clock=clock))


@pytest.fixture
async def provider(app: Starlette) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=ISSUER_URL) as client:
        yield client


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    digest = hashlib.sha256(verifier.encode()).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def authorization(challenge: str, **overrides: str | None) -> dict[str, str]:
    params: dict[str, str | None] = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": CALLBACK,
        "scope": "openid profile",
        "state": "state-123",
        "nonce": "nonce-456",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **overrides,
    }
    return {k: v for k, v in params.items() if v is not None}


async def pick(provider: httpx.AsyncClient, challenge: str, subject: str) -> dict[str, str]:
    """Open the sign-in page, press the person's button; the callback's query."""
    page = await provider.get("/authorize", params=authorization(challenge))
    assert page.status_code == 200
    form = SignInPage(page.text)
    assert subject in form.subjects
    redirect = await provider.post("/authorize", data={**form.hidden, "subject": subject})
    assert redirect.status_code == 302
    location = urlsplit(redirect.headers["location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == CALLBACK
    return {k: v[0] for k, v in parse_qs(location.query).items()}


def exchange(code: str, verifier: str) -> dict[str, str]:
    return {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": CALLBACK,
        "client_id": CLIENT_ID,
        "code_verifier": verifier,
    }


async def test_the_discovery_document_describes_a_code_flow_with_pkce(
    provider: httpx.AsyncClient,
) -> None:
    document = (await provider.get("/.well-known/openid-configuration")).json()
    assert document["issuer"] == ISSUER_URL
    assert document["authorization_endpoint"] == f"{ISSUER_URL}/authorize"
    assert document["token_endpoint"] == f"{ISSUER_URL}/token"
    assert document["jwks_uri"] == f"{ISSUER_URL}/jwks.json"
    assert document["response_types_supported"] == ["code"]
    assert document["grant_types_supported"] == ["authorization_code"]
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["token_endpoint_auth_methods_supported"] == ["none"]
    assert document["scopes_supported"] == ["openid", "profile"]
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    assert document["subject_types_supported"] == ["public"]
    keys = (await provider.get("/jwks.json")).json()["keys"]
    assert [key["alg"] for key in keys] == ["RS256"]


async def test_the_code_flow_signs_a_teacher_in_with_tokens_the_services_accept(
    provider: httpx.AsyncClient, issuer: DevIssuer
) -> None:
    verifier, challenge = pkce_pair()
    callback = await pick(provider, challenge, "teacher-tiina")
    assert callback["state"] == "state-123"
    assert len(callback["code"]) >= 22  # at least 128 bits, base64url

    answer = await provider.post("/token", data=exchange(callback["code"], verifier))

    assert answer.status_code == 200, answer.text
    assert answer.headers["cache-control"] == "no-store"
    tokens = answer.json()
    assert (tokens["token_type"], tokens["expires_in"]) == ("Bearer", 3600)
    jwks = JwksSource(issuer.jwks_url)
    verifier_of_services = TokenVerifier(issuer=ISSUER_URL, audience=AUDIENCE, jwks=jwks)
    who = await verifier_of_services.principal(tokens["access_token"])
    assert (who.subject, who.role) == ("teacher-tiina", Role.TEACHER)
    assert who.works_at("kallio-school")
    assert not who.works_at("toolo-school")
    identity = issuer.verify(tokens["id_token"], audience=CLIENT_ID)
    assert identity["iss"] == ISSUER_URL
    assert identity["sub"] == "teacher-tiina"
    assert identity["nonce"] == "nonce-456"
    assert identity["role"] == "teacher"
    assert identity["school_ids"] == ["kallio-school"]
    assert identity["locale"] == "fi"
    assert "name" not in identity  # staff have no names in the seed
    assert identity["exp"] > identity["iat"] >= identity["auth_time"]


async def test_a_guardian_is_signed_in_with_their_children_their_name_and_language(
    provider: httpx.AsyncClient, issuer: DevIssuer
) -> None:
    verifier, challenge = pkce_pair()
    callback = await pick(provider, challenge, "guardian-0002")
    tokens = (await provider.post("/token", data=exchange(callback["code"], verifier))).json()

    identity = issuer.verify(tokens["id_token"], audience=CLIENT_ID)
    assert identity["role"] == "guardian"
    assert identity["student_refs"] == ["student-0002"]
    assert (identity["name"], identity["locale"]) == ("Demo Guardian-Two", "en")
    headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    info = (await provider.get("/userinfo", headers=headers)).json()
    assert (info["sub"], info["student_refs"]) == ("guardian-0002", ["student-0002"])
    assert (await provider.get("/userinfo")).status_code == 401


async def test_the_sign_in_page_lists_everyone_in_the_seed_with_no_script(
    provider: httpx.AsyncClient,
) -> None:
    _, challenge = pkce_pair()
    page = await provider.get("/authorize", params=authorization(challenge))
    assert sorted(SignInPage(page.text).subjects) == sorted(directory(DEMO))
    assert '<html lang="en">' in page.text
    assert "not for production" in page.text
    assert "<script" not in page.text
    assert "style=" not in page.text
    assert "script-src" not in page.headers["content-security-policy"]
    assert (await provider.get("/issuer.css")).headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("mistake", ["wrong verifier", "reused", "expired"])
async def test_a_code_is_exchanged_once_in_time_and_only_with_its_verifier(
    provider: httpx.AsyncClient, clock: Clock, mistake: str
) -> None:
    verifier, challenge = pkce_pair()
    code = (await pick(provider, challenge, "psychologist-elias"))["code"]
    if mistake == "wrong verifier":
        verifier = pkce_pair()[0]
    elif mistake == "reused":
        first = await provider.post("/token", data=exchange(code, verifier))
        assert first.status_code == 200
    else:
        clock.now += 61

    answer = await provider.post("/token", data=exchange(code, verifier))

    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(
    "overrides",
    [
        {"redirect_uri": "https://evil.example/callback"},
        {"redirect_uri": None},
        {"client_id": "someone-else"},
    ],
)
async def test_an_unknown_client_or_callback_is_refused_on_a_page_never_redirected_to(
    provider: httpx.AsyncClient, overrides: dict[str, str | None]
) -> None:
    _, challenge = pkce_pair()
    answer = await provider.get("/authorize", params=authorization(challenge, **overrides))
    assert answer.status_code == 400
    assert "location" not in answer.headers
    assert "Sign-in refused" in answer.text


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"code_challenge": None}, "invalid_request"),
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"scope": "profile"}, "invalid_scope"),
        ({"response_type": "token"}, "unsupported_response_type"),
    ],
)
async def test_other_faults_go_back_to_the_client_with_the_error_and_state(
    provider: httpx.AsyncClient, overrides: dict[str, str | None], error: str
) -> None:
    _, challenge = pkce_pair()
    answer = await provider.get("/authorize", params=authorization(challenge, **overrides))
    assert answer.status_code == 302
    location = urlsplit(answer.headers["location"])
    query = parse_qs(location.query)
    assert location.path == "/auth/callback"
    assert (query["error"], query["state"]) == ([error], ["state-123"])
    assert "code" not in query


async def test_a_person_not_in_the_seed_cannot_be_picked(provider: httpx.AsyncClient) -> None:
    _, challenge = pkce_pair()
    forged = {**authorization(challenge), "subject": "stranger-0001"}
    answer = await provider.post("/authorize", data=forged)
    assert answer.status_code == 400
    assert "location" not in answer.headers


async def test_the_token_endpoint_answers_faults_as_rfc_6749_says(
    provider: httpx.AsyncClient,
) -> None:
    verifier, challenge = pkce_pair()
    code = (await pick(provider, challenge, "nurse-aino"))["code"]
    cases = {
        "unsupported_grant_type": {**exchange(code, verifier), "grant_type": "password"},
        "invalid_request": {k: v for k, v in exchange(code, verifier).items() if k != "code"},
        "invalid_client": {**exchange(code, verifier), "client_id": "someone-else"},
    }
    for error, form in cases.items():
        answer = await provider.post("/token", data=form)
        assert (answer.status_code, answer.json()["error"]) == (400, error)
    # None of those spent the code; a different callback does.
    moved = {**exchange(code, verifier), "redirect_uri": "http://127.0.0.1:8080/other"}
    assert (await provider.post("/token", data=moved)).json()["error"] == "invalid_grant"
    assert (await provider.post("/token", data=exchange(code, verifier))).status_code == 400


async def test_the_serve_command_runs_the_provider_as_the_local_stack_starts_it(
    tmp_path: Path,
) -> None:
    local = LocalSettings(state_dir=tmp_path, issuer_port=free_port(), web_http_port=8088)
    log = tmp_path / "issuer.log"
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            *local.issuer_argv(), cwd=ROOT, stdout=output, stderr=output
        )
    try:
        async with httpx.AsyncClient(base_url=local.issuer_url) as client:
            deadline = time.monotonic() + 20
            while True:
                assert process.returncode is None, log.read_text()
                try:
                    if (await client.get("/health")).status_code == 200:
                        break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, log.read_text()
                    await asyncio.sleep(0.1)
            document = (await client.get("/.well-known/openid-configuration")).json()
            _, challenge = pkce_pair()
            asked = authorization(challenge, redirect_uri=f"{local.web_url}/auth/callback")
            page = await client.get("/authorize", params=asked)
            default_callback = await client.get("/authorize", params=authorization(challenge))
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), timeout=10)
    assert document["issuer"] == local.issuer_url
    assert page.status_code == 200
    assert "form-action 'self' http://127.0.0.1:8088" in page.headers["content-security-policy"]
    assert default_callback.status_code == 400  # only the web app's own callback is trusted
    assert (tmp_path / "issuer" / "jwks.json").exists()  # the key the services read


async def test_authlib_the_web_apps_oidc_library_completes_the_sign_in(
    app: Starlette, provider: httpx.AsyncClient
) -> None:
    """The same library and checks the web app's sign-in uses: PKCE, the token exchange as
    a public client, and the ID token's signature, issuer, audience and nonce."""
    document = (await provider.get("/.well-known/openid-configuration")).json()
    nonce, verifier = secrets.token_urlsafe(16), secrets.token_urlsafe(48)
    async with AsyncOAuth2Client(
        client_id=CLIENT_ID,
        redirect_uri=CALLBACK,
        scope="openid profile",
        code_challenge_method="S256",
        token_endpoint_auth_method="none",
        transport=httpx.ASGITransport(app=app),
    ) as client:
        url, state = client.create_authorization_url(
            document["authorization_endpoint"], code_verifier=verifier, nonce=nonce
        )
        page = await provider.get(url)  # the browser's part
        form = SignInPage(page.text)
        picked = await provider.post(
            "/authorize", data={**form.hidden, "subject": "principal-paula"}
        )
        token = await client.fetch_token(
            document["token_endpoint"],
            authorization_response=picked.headers["location"],
            code_verifier=verifier,
        )

    # As Authlib's parse_id_token checks it when the web app's callback runs.
    keys = KeySet.import_key_set((await provider.get("/jwks.json")).json())
    registry = JWSRegistry(algorithms=document["id_token_signing_alg_values_supported"])
    decoded = jose_jwt.decode(token["id_token"], key=keys, registry=registry)
    params = {"nonce": nonce, "client_id": CLIENT_ID, "access_token": token["access_token"]}
    options = {"iss": {"values": [document["issuer"]]}}
    claims = CodeIDToken(decoded.claims, decoded.header, options, params)
    claims.validate()
    assert (claims["sub"], claims["role"], claims["locale"]) == (
        "principal-paula",
        "principal",
        "en",
    )
    assert parse_qs(urlsplit(picked.headers["location"]).query)["state"] == [state]
