"""Random bearer secrets; the database keeps only their SHA-256."""

from __future__ import annotations

import hashlib
import secrets

SESSION_PREFIX = "nks_"
API_PREFIX = "nka_"


def new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    # A fast hash is right here: the secret has 256 bits of entropy, unlike a password.
    return hashlib.sha256(secret.encode()).hexdigest()
