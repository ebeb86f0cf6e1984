"""The web app's settings: where it is, whom it signs people in with, whom it calls."""

from __future__ import annotations

from pydantic import Field, SecretStr

from shared.settings import PlatformSettings

__all__ = ["WebSettings"]


class WebSettings(PlatformSettings):
    """Each environment variable is the field name in capitals, e.g. ``OIDC_CLIENT_ID``."""

    http_port: int = Field(default=8080, ge=1, le=65535)
    mongodb_database: str = "web"  # sessions only: the web app keeps no case data
    # The address people open: links, the sign-in redirect and the cookie's Secure flag
    # follow it (Secure everywhere but plain-http localhost).
    public_base_url: str = "http://127.0.0.1:8080"

    # Sign-in: OpenID Connect, authorization code flow with PKCE, against OIDC_ISSUER (its
    # discovery document). No secret: a public client, as PKCE allows; a provider that
    # insists on a confidential client gets OIDC_CLIENT_SECRET.
    oidc_client_id: str = "opiskeluhuolto-web"
    oidc_client_secret: SecretStr | None = None
    oidc_scope: str = "openid profile"

    intake_url: str = "http://127.0.0.1:8001"
    welfare_group_url: str = "http://127.0.0.1:8002"
    notifications_url: str = "http://127.0.0.1:8003"
    communal_url: str = "http://127.0.0.1:8004"
    api_timeout_s: float = Field(default=10.0, gt=0)

    # A session ends after this long without a request; the page warns before it does.
    session_idle_timeout_s: int = Field(default=1800, ge=60)
    session_warning_s: int = Field(default=300, ge=10)
    # However active, a session ends after this long (and never outlives its token).
    session_max_age_s: int = Field(default=10 * 3600, ge=300)

    @property
    def redirect_uri(self) -> str:
        return f"{self.public_base_url.rstrip('/')}/auth/callback"

    @property
    def secure_cookies(self) -> bool:
        return not self.public_base_url.startswith(("http://127.0.0.1", "http://localhost"))
