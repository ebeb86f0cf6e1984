"""The local development identity provider: a minimal OpenID Connect provider for the
seeded people, and a token minter for the curl walk-through.

    python -m deploy.issuer token psychologist-elias          # a staff member from the seed
    python -m deploy.issuer token guardian-0001               # a guardian, with their children
    python -m deploy.issuer token student-0001 --role student
    python -m deploy.issuer token admin-1 --role administrator
    python -m deploy.issuer serve --port 8400                 # the provider over HTTP

``serve`` runs the authorization code flow with PKCE for one public client, so the web app
signs people in as it would at MPASSid or Entra ID; its sign-in page lists everyone in the
seed. The RSA key lives in ``STATE_DIR/issuer`` (created on first use, never committed).
It is for local use only: production points OIDC_ISSUER at the education provider's real
identity provider.
"""

from __future__ import annotations

from deploy.issuer.people import claims_from_seed
from deploy.issuer.signing import AUDIENCE, DEFAULT_ISSUER, DevIssuer

__all__ = ["AUDIENCE", "DEFAULT_ISSUER", "DevIssuer", "claims_from_seed"]
