"""Like-rate policy: how many likes an account may give per period, by trust level."""

from __future__ import annotations

DAY_S = 86400
#: Discourse's defaults: trust levels 0-1 get the base, TL2 x1.5, TL3 x2, TL4 x3.
TRUST_MULTIPLIERS: dict[int, float] = {0: 1.0, 1: 1.0, 2: 1.5, 3: 2.0, 4: 3.0}
#: Accounts in a flagged ring keep a fifth of the base rate (still able to like, too slow to farm).
FLAGGED_FRACTION = 0.2


def like_limit_for_trust(trust_level: int, base_per_day: int = 50, *, flagged: bool = False) -> tuple[int, int]:
    """(likes allowed, period in seconds) for the GCRA limiter; flagged accounts get the reduced rate."""
    if trust_level < 0:
        raise ValueError("trust level must be >= 0")
    if flagged:
        return max(1, int(base_per_day * FLAGGED_FRACTION)), DAY_S
    multiplier = TRUST_MULTIPLIERS.get(trust_level, TRUST_MULTIPLIERS[max(TRUST_MULTIPLIERS)])
    return int(base_per_day * multiplier), DAY_S
