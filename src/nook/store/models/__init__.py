"""Every table of Nook; import from here."""

from nook.store.models.analysis import MemberProfile, PostAnalysis
from nook.store.models.accounts import DEFAULT_PRIVACY, PRIVATE_FIELDS, AuthToken, User
from nook.store.models.circles import ROLES, Circle, CircleMember
from nook.store.models.notifications import Event, Notification
from nook.store.models.posts import VISIBILITIES, Comment, Hashtag, Like, Media, Post, PostHashtag, PostImage
from nook.store.models.relations import Block, FriendRequest, Friendship
from nook.store.models.space import BoardMessage, Visit

__all__ = [
    "DEFAULT_PRIVACY",
    "PRIVATE_FIELDS",
    "ROLES",
    "VISIBILITIES",
    "AuthToken",
    "Block",
    "BoardMessage",
    "Circle",
    "CircleMember",
    "Comment",
    "Event",
    "FriendRequest",
    "Friendship",
    "Hashtag",
    "Like",
    "Media",
    "MemberProfile",
    "Notification",
    "Post",
    "PostAnalysis",
    "PostHashtag",
    "PostImage",
    "User",
    "Visit",
]
