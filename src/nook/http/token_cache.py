"""Who a bearer token or session cookie belongs to, kept in the process per version of the site, so a
read asks the database nothing to know who is asking.

A copy is kept under the site's change stamp (`nook.store.site_stamp`) and the minute, both read *before*
the token's row: a sign-out, a revoked token or session, a block, a role change or a deactivation is a
committed write, which replaces the stamp in every process (Redis, or the data directory's file), so the
next request reads the token's row again (after a write outside any session, as only migrations make,
within the minute). The one change that needs no write, a token reaching its `expires_at`, is checked on
every use of a kept copy. Only reads use it (a read session never commits the token's `last_used_at`
anyway); writes read the row. Secrets are kept only as their digest.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from sqlalchemy.orm import Session

from nook.security.tokens import digest
from nook.social.people import accounts
from nook.social.people.accounts import SignedIn
from nook.store.base import utcnow

SIZE = 10_000  # tokens per process
_kept: OrderedDict[str, tuple[tuple[str, int], SignedIn]] = OrderedDict()
_lock = threading.Lock()


def signed_in(session: Session, secret: str, version: tuple[str, int]) -> SignedIn | None:
    """`accounts.signed_in`, from the process's copy while the site's version (stamp, minute) is still
    `version`."""
    key = digest(secret)
    with _lock:
        kept = _kept.get(key)
    if kept is not None and kept[0] == version and kept[1].live(utcnow()):
        return kept[1]
    signed = accounts.signed_in(session, secret)
    if signed is None:
        return None
    with _lock:
        _kept[key] = (version, signed)
        _kept.move_to_end(key)
        while len(_kept) > SIZE:
            _kept.popitem(last=False)
    return signed
