"""Comment quality: score, low-value and offensive detection, copy-paste, and the throttle policy.

Score one comment after commit with `assess_comment(text, parent_text, post_text=...)` (a batch with
`assess_comments`); check it for copy-paste with a long-lived `CopyPasteIndex.add(...)`; feed both
verdicts to `decide_throttle`.
"""

from __future__ import annotations

from nook.engine.comments.assess import CommentAssessment, Parent, assess_comment, assess_comments, read_parent
from nook.engine.comments.barrier import (
    BarrierSettings,
    RecentComment,
    ThrottleDecision,
    decide_throttle,
    should_fold,
)
from nook.engine.comments.copypaste import CopyMatch, CopyPasteIndex, DedupSettings, find_copy_clusters
from nook.engine.comments.lowvalue import LowValueResult, detect_low_value
from nook.engine.comments.offensive import OffensiveResult, offensive_score
from nook.engine.comments.quality import QualityScore, is_warm

__all__ = [
    "BarrierSettings",
    "CommentAssessment",
    "CopyMatch",
    "CopyPasteIndex",
    "DedupSettings",
    "LowValueResult",
    "OffensiveResult",
    "Parent",
    "QualityScore",
    "RecentComment",
    "ThrottleDecision",
    "assess_comment",
    "assess_comments",
    "decide_throttle",
    "detect_low_value",
    "find_copy_clusters",
    "is_warm",
    "offensive_score",
    "read_parent",
    "should_fold",
]
