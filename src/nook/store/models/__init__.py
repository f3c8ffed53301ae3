"""Every table of Nook; import from here."""

from nook.store.models.accounts import DEFAULT_PRIVACY, PRIVATE_FIELDS, AuthToken, User
from nook.store.models.albums import (
    ALBUM_VISIBILITIES,
    Album,
    AlbumAudienceGroup,
    AlbumAudienceMember,
    AlbumPhoto,
    AlbumUnlock,
    PhotoComment,
    PhotoLike,
)
from nook.store.models.analysis import MemberProfile, PostAnalysis
from nook.store.models.analytics import AnalyticsRollup
from nook.store.models.circles import ROLES, Circle, CircleMember
from nook.store.models.conversations import (
    DM_POLICIES,
    ContactSettings,
    Conversation,
    Follow,
    Message,
    Repost,
    SpecialCare,
)
from nook.store.models.fandom import IdolProfile
from nook.store.models.groups import (
    BoardAudienceGroup,
    BoardAudienceMember,
    FriendGroup,
    FriendGroupMember,
    PostAudienceGroup,
    PostAudienceMember,
)
from nook.store.models.idempotency import IdempotencyKey
from nook.store.models.moderation import (
    CASE_KINDS,
    CASE_STATUSES,
    Appeal,
    AuditEntry,
    CommentVerdict,
    CopyCluster,
    FlaggedLike,
    JobRun,
    ModerationCase,
    Restriction,
)
from nook.store.models.notifications import Event, Notification, NotificationMute
from nook.store.models.pins import PinnedPost
from nook.store.models.polls import Poll, PollBallot, PollChoice, PollOption
from nook.store.models.posts import (
    POST_ROW,
    Comment,
    Hashtag,
    Like,
    Media,
    Post,
    PostFields,
    PostHashtag,
    PostImage,
    PostRow,
    post_row,
)
from nook.store.models.ranking import BOARDS, LeaderboardEntry, PostScore
from nook.store.models.relations import Block, FriendRequest, Friendship
from nook.store.models.scenes import PROMPT_KINDS, CircleLocality, ScenePrompt, SceneSettings, UserSchool
from nook.store.models.search import Mention, PostSearch
from nook.store.models.space import BoardMessage, SpaceTrack, Visit
from nook.store.models.suggestions import SuggestionShown
from nook.store.models.themes import THEME_SOURCES, HashtagFollow, ThemeWeek

__all__ = [
    "ALBUM_VISIBILITIES",
    "BOARDS",
    "CASE_KINDS",
    "CASE_STATUSES",
    "DEFAULT_PRIVACY",
    "DM_POLICIES",
    "POST_ROW",
    "PRIVATE_FIELDS",
    "PROMPT_KINDS",
    "ROLES",
    "THEME_SOURCES",
    "Album",
    "AlbumAudienceGroup",
    "AlbumAudienceMember",
    "AlbumPhoto",
    "AlbumUnlock",
    "AnalyticsRollup",
    "Appeal",
    "AuditEntry",
    "AuthToken",
    "Block",
    "BoardAudienceGroup",
    "BoardAudienceMember",
    "BoardMessage",
    "Circle",
    "CircleLocality",
    "CircleMember",
    "Comment",
    "CommentVerdict",
    "ContactSettings",
    "Conversation",
    "CopyCluster",
    "Event",
    "FlaggedLike",
    "Follow",
    "FriendGroup",
    "FriendGroupMember",
    "FriendRequest",
    "Friendship",
    "Hashtag",
    "HashtagFollow",
    "IdempotencyKey",
    "IdolProfile",
    "JobRun",
    "LeaderboardEntry",
    "Like",
    "Media",
    "MemberProfile",
    "Mention",
    "Message",
    "ModerationCase",
    "Notification",
    "NotificationMute",
    "PhotoComment",
    "PhotoLike",
    "PinnedPost",
    "Poll",
    "PollBallot",
    "PollChoice",
    "PollOption",
    "Post",
    "PostAnalysis",
    "PostAudienceGroup",
    "PostAudienceMember",
    "PostFields",
    "PostHashtag",
    "PostImage",
    "PostRow",
    "PostScore",
    "PostSearch",
    "Repost",
    "Restriction",
    "ScenePrompt",
    "SceneSettings",
    "SpaceTrack",
    "SpecialCare",
    "SuggestionShown",
    "ThemeWeek",
    "User",
    "UserSchool",
    "Visit",
    "post_row",
]
