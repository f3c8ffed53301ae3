"""The barrier's policy as pure functions: from an account's recent comment verdicts to a throttle.

Humane by design: rituals (沙发, 顶, a bare emoji, 蹲) are folded but never count; a pattern of
spam-like comments first earns a kind warning, and only a pattern that goes on after the warning
throttles, for a short while, without folding the member's good comments.

The product stores verdicts, audit entries, appeals and the moderator queue; this module only
decides, and says why with the ids of the comments that are the evidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from nook.engine.comments.lowvalue import RITUALS

__all__ = ["BarrierSettings", "RecentComment", "ThrottleDecision", "decide_throttle", "should_fold"]


@dataclass(frozen=True, slots=True)
class BarrierSettings:
    """Thresholds of the barrier (settings with defaults; an operator may tune each)."""

    #: how far back an account's comments are looked at
    window: timedelta = timedelta(days=1)
    #: fewer comments than this in the window never throttle (a new member's two "沙发" are fine)
    min_comments: int = 6
    #: share of low-value comments in the window that throttles
    low_value_share: float = 0.6
    #: copy-paste comments (matching another comment, any account or post) in the window that throttle
    copy_paste_count: int = 3
    #: offensive comments in the window that throttle (counted even below min_comments)
    offensive_count: int = 3
    #: how long a warning is remembered: a pattern with no warning in this time is warned, not throttled
    warn_memory: timedelta = timedelta(days=7)
    #: spam-like, copied or offensive comments after the warning that make the pattern a sustained one
    after_warning: int = 3
    #: how long a throttle lasts (short: a day to cool down, not a punishment)
    duration: timedelta = timedelta(days=1)
    #: comment rate while throttled (per hour); the normal rate is the site's
    throttled_per_hour: int = 6
    #: evidence ids kept per reason (a moderator needs examples, not the whole history)
    max_evidence: int = 10


@dataclass(frozen=True, slots=True)
class RecentComment:
    """What the engine said about one stored comment (from assess_comment and CopyPasteIndex.add)."""

    comment_id: str
    created_at: datetime
    low_value: bool
    offensive: bool
    copies: tuple[str, ...] = ()  # ids of earlier comments this one copies
    low_value_code: str | None = None  # the low-value kind; rituals never count towards a throttle

    @property
    def counts(self) -> bool:
        """Whether this comment counts against its writer (spam-like, copied or offensive)."""
        return (self.low_value and self.low_value_code not in RITUALS) or bool(self.copies) or self.offensive


@dataclass(frozen=True, slots=True)
class ThrottleDecision:
    """Throttle, warn (a first, kind word; nothing slowed) or neither."""

    throttle: bool
    until: datetime | None
    max_comments_per_hour: int | None  # None: the site's normal rate
    fold_by_default: bool
    reasons: tuple[str, ...]  # plain Chinese, for the member, the audit entry and the moderator
    evidence: dict[str, tuple[str, ...]]  # reason code -> comment ids (matching comments included)
    warn: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "throttle": self.throttle,
            "until": self.until.isoformat() if self.until else None,
            "max_comments_per_hour": self.max_comments_per_hour,
            "fold_by_default": self.fold_by_default,
            "reasons": list(self.reasons),
            "evidence": {k: list(v) for k, v in self.evidence.items()},
            "warn": self.warn,
        }


_NO_THROTTLE = ThrottleDecision(False, None, None, False, (), {})


def _copy_evidence(recent: Sequence[RecentComment], limit: int) -> tuple[str, ...]:
    ids: list[str] = []
    for v in recent:
        if v.copies:
            ids += [v.comment_id, *v.copies[:2]]  # the comment and what it copies
    return tuple(dict.fromkeys(ids))[:limit]


def decide_throttle(
    verdicts: Sequence[RecentComment],
    *,
    now: datetime,
    settings: BarrierSettings | None = None,
    warned_at: datetime | None = None,
) -> ThrottleDecision:
    """Warn an account whose recent comments are mostly spam-like, copy-paste or offensive; throttle it
    only when the pattern goes on after a warning (`warned_at`, the last one given)."""
    s = settings or BarrierSettings()
    recent = [v for v in verdicts if now - s.window <= v.created_at <= now]
    reasons, evidence = _pattern(recent, s)
    if not reasons:
        return _NO_THROTTLE
    if warned_at is None or now - warned_at > s.warn_memory:
        return ThrottleDecision(False, None, None, False, tuple(reasons), evidence, warn=True)
    since = [v for v in recent if v.created_at > warned_at and v.counts]
    if len(since) < s.after_warning:
        return _NO_THROTTLE  # warned already; the pattern has not gone on
    return ThrottleDecision(True, now + s.duration, s.throttled_per_hour, False, tuple(reasons), evidence)


def _pattern(recent: Sequence[RecentComment], s: BarrierSettings) -> tuple[list[str], dict[str, tuple[str, ...]]]:
    """The reasons the recent comments are a pattern, with their evidence (none: no pattern)."""
    reasons: list[str] = []
    evidence: dict[str, tuple[str, ...]] = {}
    low = [v.comment_id for v in recent if v.low_value and v.low_value_code not in RITUALS]
    if len(recent) >= s.min_comments and len(low) >= s.low_value_share * len(recent):
        reasons.append(f"最近 {len(recent)} 条评论里有 {len(low)} 条是套话、广告或灌水")
        evidence["low_value"] = tuple(low[: s.max_evidence])
    copied = [v for v in recent if v.copies]
    if len(copied) >= s.copy_paste_count:
        reasons.append(f"最近有 {len(copied)} 条评论与其他评论几乎一字不差（复制粘贴）")
        evidence["copy_paste"] = _copy_evidence(copied, s.max_evidence)
    offensive = [v.comment_id for v in recent if v.offensive]
    if len(offensive) >= s.offensive_count:
        reasons.append(f"最近有 {len(offensive)} 条评论含有攻击性或冒犯的说法")
        evidence["offensive"] = tuple(offensive[: s.max_evidence])
    return reasons, evidence


def should_fold(low_value: bool, author_throttled: bool) -> bool:
    """A comment is folded (never deleted) when it is low-value or its author is throttled."""
    return low_value or author_throttled
