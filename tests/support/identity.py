"""Tokens for tests, from the same development issuer the README's walk-through uses."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Any

from deploy.issuer import DevIssuer, claims_from_seed
from shared.sealing import DataKeys, KeyRing
from shared.security import Role
from shared.settings import ServiceSettings
from shared.storage import Store

__all__ = ["ISSUER", "SECURITY_ENV", "bearer", "data_keys"]

_KEY_DIR = Path(tempfile.mkdtemp(prefix="test-issuer-"))
atexit.register(shutil.rmtree, _KEY_DIR, ignore_errors=True)
SEED = Path(__file__).resolve().parents[2] / "deploy" / "seed" / "demo.yaml"

ISSUER = DevIssuer(_KEY_DIR)
SECURITY_ENV = {
    "OIDC_ISSUER": ISSUER.issuer,
    "OIDC_JWKS_URL": ISSUER.jwks_url,
    "DATA_KEKS": f"test-1:{KeyRing.new_kek()}",
}


def bearer(subject: str, role: Role | None = None, **claims: Any) -> dict[str, str]:
    """Authorization headers for a seeded person, or for anyone with ``role`` given."""
    if role is None:
        role, seeded = claims_from_seed(SEED, subject)
        claims = {**seeded, **claims}
    return {"Authorization": f"Bearer {ISSUER.mint(subject, role, **claims)}"}


def data_keys(settings: ServiceSettings, store: Store) -> DataKeys:
    """The data keys a service built from ``settings`` holds, for a test's own repository."""
    return DataKeys(store, KeyRing.parse(settings.data_keks_spec()))
