"""Sign-in with OpenID Connect through Authlib: authorization code flow with PKCE (S256).

Any provider with a discovery document works (MPASSid, Entra ID, the local development
provider); only the settings change. Authlib keeps the flow's state, nonce and PKCE
verifier in the server-side session and checks the ID token's signature, issuer,
audience and nonce.
"""

from __future__ import annotations

from typing import Any

from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App
from starlette.requests import Request
from starlette.responses import RedirectResponse

from services.web.settings import WebSettings

__all__ = ["SignIn"]


class SignIn:
    def __init__(self, settings: WebSettings) -> None:
        secret = settings.oidc_client_secret
        client_kwargs: dict[str, Any] = {
            "scope": settings.oidc_scope,
            "code_challenge_method": "S256",
        }
        if secret is None:
            client_kwargs["token_endpoint_auth_method"] = "none"  # noqa: S105 (a public client)
        oauth = OAuth()
        oauth.register(
            "provider",
            client_id=settings.oidc_client_id,
            client_secret=secret.get_secret_value() if secret else None,
            server_metadata_url=f"{settings.oidc_issuer.rstrip('/')}/.well-known/openid-configuration",
            client_kwargs=client_kwargs,
        )
        client = oauth.create_client("provider")
        assert isinstance(client, StarletteOAuth2App)
        self._client = client
        self._redirect_uri = settings.redirect_uri

    async def start(self, request: Request) -> RedirectResponse:
        response: RedirectResponse = await self._client.authorize_redirect(
            request, self._redirect_uri
        )
        return response

    async def finish(self, request: Request) -> dict[str, Any]:
        """The token response, with the verified ID token's claims under ``userinfo``."""
        token: dict[str, Any] = await self._client.authorize_access_token(request)
        return token
