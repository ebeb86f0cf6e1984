"""The development OpenID Connect provider: the authorization code flow with PKCE, for
one public client, signing in whoever is picked from the seed file.

It is for local use only: anyone who reaches it may sign in as anyone in the seed, and
its codes live in memory (a restart forgets them). Production points OIDC_ISSUER at
the education provider's real identity provider (MPASSid, Entra ID).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from deploy.issuer.codes import CodeStore, Grant
from deploy.issuer.people import Person, grouped
from deploy.issuer.requests import (
    AuthorizationError,
    Client,
    NotRedirectable,
    parse_request,
    with_query,
)
from deploy.issuer.signing import DevIssuer
from deploy.issuer.tokens import TokenEndpoint

__all__ = ["create_app"]

_HERE = Path(__file__).parent
_PAGES = Environment(
    loader=FileSystemLoader(_HERE / "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)


def create_app(
    issuer: DevIssuer,
    people: dict[str, Person],
    client: Client,
    *,
    codes: CodeStore | None = None,
    clock: Callable[[], float] = time.time,
) -> Starlette:
    codes = codes or CodeStore()
    tokens = TokenEndpoint(issuer, people, client, codes, clock)
    # The pick's form posts here and is redirected to the client: both must be allowed.
    origins = sorted({_origin(uri) for uri in client.redirect_uris})
    headers = {
        "Content-Security-Policy": "default-src 'none'; style-src 'self'; base-uri 'none'; "
        f"frame-ancestors 'none'; form-action 'self' {' '.join(origins)}",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }

    def page(template: str, status: int = 200, **context: object) -> HTMLResponse:
        html = _PAGES.get_template(template).render(**context)
        return HTMLResponse(html, status_code=status, headers=headers)

    async def discovery(request: Request) -> Response:
        base = issuer.issuer
        return JSONResponse(
            {
                "issuer": base,
                "authorization_endpoint": f"{base}/authorize",
                "token_endpoint": f"{base}/token",
                "userinfo_endpoint": f"{base}/userinfo",
                "jwks_uri": f"{base}/jwks.json",
                "response_types_supported": ["code"],
                "grant_types_supported": ["authorization_code"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": ["none"],
                "scopes_supported": ["openid", "profile"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "subject_types_supported": ["public"],
                "claims_supported": [
                    *("sub", "iss", "aud", "exp", "iat", "auth_time", "nonce"),
                    *("role", "school_ids", "student_refs", "locale", "name"),
                ],
            }
        )

    async def jwks(request: Request) -> Response:
        return JSONResponse(issuer.jwks)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def stylesheet(request: Request) -> Response:
        css = (_HERE / "static" / "issuer.css").read_text(encoding="utf-8")
        return Response(css, media_type="text/css", headers=headers)

    async def authorize(request: Request) -> Response:
        if request.method == "GET":
            params = {k: request.query_params.getlist(k) for k in request.query_params}
        else:
            form = await request.form()
            params = {k: [v for v in form.getlist(k) if isinstance(v, str)] for k in form}
        try:
            asked = parse_request(params, client)
        except NotRedirectable as refused:
            return page("error.html", 400, reason=str(refused))
        except AuthorizationError as refused:
            return RedirectResponse(refused.location(), status_code=302)
        if request.method == "GET":
            return page("sign_in.html", groups=grouped(people), fields=asked.hidden_fields())
        picked = params.get("subject", [])
        if len(picked) != 1 or picked[0] not in people:
            return page("error.html", 400, reason="the person picked is not in the seed file")
        grant = Grant(
            picked[0],
            client.client_id,
            asked.redirect_uri,
            asked.code_challenge,
            asked.nonce,
            int(clock()),
        )
        answer = {"code": codes.issue(grant)}
        if asked.state is not None:
            answer["state"] = asked.state
        return RedirectResponse(with_query(asked.redirect_uri, answer), status_code=302)

    return Starlette(
        routes=[
            Route("/.well-known/openid-configuration", discovery),
            Route("/jwks.json", jwks),
            Route("/health", health),
            Route("/issuer.css", stylesheet),
            Route("/authorize", authorize, methods=["GET", "POST"]),
            Route("/token", tokens.token, methods=["POST"]),
            Route("/userinfo", tokens.userinfo, methods=["GET", "POST"]),
        ]
    )


def _origin(uri: str) -> str:
    parts = urlsplit(uri)
    return f"{parts.scheme}://{parts.netloc}"
