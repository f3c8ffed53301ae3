"""The demo community for `nook demo`: a deterministic plan (pure data) and the pictures it shows."""

from nook.demo.images import render_avatar, render_demo_image
from nook.demo.model import (
    DemoBoardMessage,
    DemoCircle,
    DemoComment,
    DemoFriendship,
    DemoIdol,
    DemoImage,
    DemoLike,
    DemoLikeRing,
    DemoPlan,
    DemoPost,
    DemoUser,
    DemoVisit,
    DemoWork,
)
from nook.demo.plan import REFERENCE_NOW, build_plan
from nook.demo.world import DEMO_PASSWORD

__all__ = [
    "DEMO_PASSWORD",
    "REFERENCE_NOW",
    "DemoBoardMessage",
    "DemoCircle",
    "DemoComment",
    "DemoFriendship",
    "DemoIdol",
    "DemoImage",
    "DemoLike",
    "DemoLikeRing",
    "DemoPlan",
    "DemoPost",
    "DemoUser",
    "DemoVisit",
    "DemoWork",
    "build_plan",
    "render_avatar",
    "render_demo_image",
]
