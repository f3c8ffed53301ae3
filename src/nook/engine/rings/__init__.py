"""Like-farming (刷赞) ring detection: dense-subgraph and lockstep peels scored against a null model.

likes = load_likes("likes.csv")            # or LikeTable.from_arrays(user, post, ts)
report = detect_rings(likes, config=RingConfig())
discount = flagged_like_mask(likes, report)  # likes that stop counting
"""

from nook.engine.rings.detect import RingConfig, detect_rings, detect_rings_window
from nook.engine.rings.load import load_likes
from nook.engine.rings.policy import like_limit_for_trust
from nook.engine.rings.report import Evidence, RingGroup, RingReport, flagged_like_mask, flagged_users
from nook.engine.rings.table import LikeTable

__all__ = [
    "Evidence",
    "LikeTable",
    "RingConfig",
    "RingGroup",
    "RingReport",
    "detect_rings",
    "detect_rings_window",
    "flagged_like_mask",
    "flagged_users",
    "like_limit_for_trust",
    "load_likes",
]
