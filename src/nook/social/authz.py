"""Who may see and do what. Every read and write path asks this module, and only this module.

Two forms of the same rules live here side by side: predicates on loaded objects
(`can_see_post`) and SQL filters for lists (`visible_posts_filter`). The visibility property
test checks that every endpoint agrees with them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import BindParameter, ColumnElement, Integer, and_, bindparam, exists, false, not_, or_, select, true
from sqlalchemy.orm import InstrumentedAttribute, Session, object_session

from nook.store.models import (
    Album,
    AlbumAudienceGroup,
    AlbumAudienceMember,
    AlbumPhoto,
    AlbumUnlock,
    Block,
    BoardAudienceGroup,
    BoardAudienceMember,
    BoardMessage,
    Circle,
    CircleMember,
    Comment,
    Conversation,
    FriendGroupMember,
    Friendship,
    ModerationCase,
    PhotoComment,
    Post,
    PostAudienceGroup,
    PostAudienceMember,
    PostFields,
    Restriction,
    ThemeWeek,
    User,
    UserSchool,
)


@dataclass(frozen=True)
class Viewer:
    """The person asking, with the relations every rule needs, loaded once per request."""

    id: int | None = None
    is_admin: bool = False
    friend_ids: frozenset[int] = field(default_factory=frozenset)
    #: Members this viewer blocked or who blocked this viewer: neither sees the other.
    blocked_ids: frozenset[int] = field(default_factory=frozenset)
    circle_ids: frozenset[int] = field(default_factory=frozenset)
    moderated_circle_ids: frozenset[int] = field(default_factory=frozenset)

    @property
    def is_anonymous(self) -> bool:
        return self.id is None

    def is_friend(self, user_id: int) -> bool:
        return user_id in self.friend_ids

    def is_blocked(self, user_id: int) -> bool:
        return user_id in self.blocked_ids


ANONYMOUS = Viewer()


def load_viewer(session: Session, user: User | None) -> Viewer:
    if user is None:
        return ANONYMOUS
    friends = session.scalars(select(Friendship.friend_id).where(Friendship.user_id == user.id))
    blocked = session.scalars(select(Block.blocked_id).where(Block.blocker_id == user.id))
    blockers = session.scalars(select(Block.blocker_id).where(Block.blocked_id == user.id))
    rows = session.execute(
        select(CircleMember.circle_id, CircleMember.role).where(
            CircleMember.user_id == user.id, CircleMember.status == "active"
        )
    ).all()
    return Viewer(
        id=user.id,
        is_admin=user.is_admin,
        friend_ids=frozenset(friends),
        blocked_ids=frozenset(blocked) | frozenset(blockers),
        circle_ids=frozenset(r.circle_id for r in rows),
        moderated_circle_ids=frozenset(r.circle_id for r in rows if r.role in ("owner", "moderator")),
    )


# --- members and their spaces -------------------------------------------------------------


def can_see_user(viewer: Viewer, user: User) -> bool:
    return user.is_active and not viewer.is_blocked(user.id)


def can_see_field(viewer: Viewer, user: User, name: str) -> bool:
    """Profile fields (school, class, city, birthday, interests) follow the owner's privacy."""
    if viewer.id == user.id:
        return True
    level = (user.privacy or {}).get(name, "public")
    return level == "public" or (level == "friends" and viewer.is_friend(user.id))


def can_read_board(viewer: Viewer, owner: User) -> bool:
    """The 留言板: everyone, friends, some friends ("selected") or all friends but some ("except")."""
    if not can_see_user(viewer, owner):
        return False
    if owner.board_policy == "everyone" or viewer.id == owner.id:
        return True
    if not viewer.is_friend(owner.id):
        return False
    if owner.board_policy in ("selected", "except"):
        names = _names_viewer(viewer, BoardAudienceGroup, BoardAudienceMember, BoardAudienceGroup.owner_id, owner.id)
        return _in_audience(owner, owner.board_policy, names)
    return owner.board_policy == "friends"


def can_write_board(viewer: Viewer, owner: User) -> bool:
    """Friends write where they may read; with an "everyone" board, strangers only read."""
    return can_read_board(viewer, owner) and (viewer.id == owner.id or viewer.is_friend(owner.id))


def can_delete_board_message(viewer: Viewer, message: BoardMessage) -> bool:
    return viewer.id in (message.owner_id, message.author_id) or viewer.is_admin


def visible_board_filter(viewer: Viewer) -> ColumnElement[bool]:
    """Board messages whose author is not blocked either way."""
    return _not_blocked(viewer, BoardMessage.author_id)


# --- posts and comments ---------------------------------------------------------------------


def can_see_post(viewer: Viewer, post: Post) -> bool:
    if viewer.id == post.author_id:
        return True
    if viewer.is_blocked(post.author_id):
        return False
    if post.visibility == "public":
        return True
    if post.visibility == "friends":
        return viewer.is_friend(post.author_id)
    if post.visibility == "circle":
        return post.circle_id is not None and post.circle_id in viewer.circle_ids
    if post.visibility in ("selected", "except"):
        if not viewer.is_friend(post.author_id):
            return False
        return _in_audience(post, post.visibility, _names_viewer_clause(viewer, post.id))
    return False  # private: the author only


def _in_audience(loaded: object, choice: str, names_viewer: ColumnElement[bool]) -> bool:
    """For a friend of the owner: named by a "selected" audience, or not named by an "except" one (a post's,
    an album's, a board's; `loaded` is the object, read through its session). Names count as they are now
    (a group the viewer just left no longer names them)."""
    session = object_session(loaded)
    if session is None:  # the audience cannot be read: hide rather than guess
        return False
    return bool(session.scalar(select(names_viewer))) == (choice == "selected")


def _names_viewer_clause(viewer: Viewer, post_id: InstrumentedAttribute[int] | int) -> ColumnElement[bool]:
    return _names_viewer(viewer, PostAudienceGroup, PostAudienceMember, PostAudienceGroup.post_id, post_id)


#: A signed-in viewer's id as the SQL filters use it: the number, or a bound parameter filled in when run.
_Who = int | BindParameter[int]


def _who(viewer: Viewer | _Who) -> _Who | None:
    return viewer.id if isinstance(viewer, Viewer) else viewer


_AudienceGroup = type[PostAudienceGroup] | type[AlbumAudienceGroup] | type[BoardAudienceGroup]
_AudienceMember = type[PostAudienceMember] | type[AlbumAudienceMember] | type[BoardAudienceMember]


def _names_viewer(
    viewer: Viewer | _Who,
    groups: _AudienceGroup,
    members: _AudienceMember,
    key: InstrumentedAttribute[int],
    subject: InstrumentedAttribute[int] | int,
) -> ColumnElement[bool]:
    """Whether an audience (a post's, an album's, a board's: the rows whose `key` is `subject`) names the
    viewer, one by one or through a group they are in now."""
    who = _who(viewer)
    member_key = getattr(members, key.key)
    by_name = exists().where(member_key == subject, members.user_id == who)
    groups_of_viewer = select(FriendGroupMember.group_id).where(FriendGroupMember.user_id == who)
    by_group = exists().where(key == subject, groups.group_id.in_(groups_of_viewer))
    return or_(by_name, by_group)


def visible_posts_filter(viewer: Viewer) -> ColumnElement[bool]:
    """SQL twin of `can_see_post`, for every list of posts."""
    if viewer.id is None:
        return Post.visibility == "public"
    return _visible_posts(viewer.id)


@cache
def visible_posts_param() -> ColumnElement[bool]:
    """`visible_posts_filter` for a signed-in viewer whose id is the bound parameter `viewer_id`: built
    once, for statements built once and run with the id (building the clause costs more than its query)."""
    return _visible_posts(bindparam("viewer_id", type_=Integer))


def _visible_posts(who: _Who) -> ColumnElement[bool]:
    public = Post.visibility == "public"
    friends_of_viewer = select(Friendship.friend_id).where(Friendship.user_id == who)
    circles_of_viewer = select(CircleMember.circle_id).where(
        CircleMember.user_id == who, CircleMember.status == "active"
    )
    named = _names_viewer(who, PostAudienceGroup, PostAudienceMember, PostAudienceGroup.post_id, Post.id)
    others = and_(
        _not_blocked(who, Post.author_id),
        or_(
            public,
            and_(Post.visibility == "friends", Post.author_id.in_(friends_of_viewer)),
            and_(Post.visibility == "circle", Post.circle_id.in_(circles_of_viewer)),
            and_(Post.visibility == "selected", Post.author_id.in_(friends_of_viewer), named),
            and_(Post.visibility == "except", Post.author_id.in_(friends_of_viewer), not_(named)),
        ),
    )
    return or_(Post.author_id == who, others)


def shown_to_audience_filter(post: Post) -> ColumnElement[bool]:
    """Posts that everyone who may read `post` (and so a comment under it) may see as well: public
    ones, and a circle's posts under a post in the same circle. For what a comment under `post` may
    draw on (suggestions quote nothing the post's readers could not already read)."""
    if post.visibility == "private":  # its only reader is its author
        return Post.author_id == post.author_id
    public = Post.visibility == "public"
    if post.visibility == "circle" and post.circle_id is not None:
        return or_(public, and_(Post.visibility == "circle", Post.circle_id == post.circle_id))
    return public


def can_see_poll_results(viewer: Viewer, *, voted: bool, closed: bool) -> bool:
    """A poll's counts (the poll's post already visible): for those who voted, and for every reader once
    it has closed, so nobody's choice is swayed by the tally before they make it."""
    return voted or closed


def can_interact(viewer: Viewer, post: Post) -> bool:
    """Like or comment: a signed-in member who can see the post."""
    return viewer.id is not None and can_see_post(viewer, post)


def can_see_comment(viewer: Viewer, comment: Comment) -> bool:
    return viewer.id == comment.author_id or not viewer.is_blocked(comment.author_id)


def visible_comments_filter(viewer: Viewer) -> ColumnElement[bool]:
    return _not_blocked(viewer, Comment.author_id)


def can_delete_comment(viewer: Viewer, comment: Comment, post: PostFields) -> bool:
    if viewer.id is None:
        return False
    in_moderated_circle = post.circle_id is not None and post.circle_id in viewer.moderated_circle_ids
    return viewer.id in (comment.author_id, post.author_id) or viewer.is_admin or in_moderated_circle


def can_edit_post(viewer: Viewer, post: Post) -> bool:
    return viewer.id == post.author_id


def can_delete_post(viewer: Viewer, post: PostFields) -> bool:
    in_moderated_circle = post.circle_id is not None and post.circle_id in viewer.moderated_circle_ids
    return viewer.id == post.author_id or viewer.is_admin or in_moderated_circle


# --- circles ----------------------------------------------------------------------------------


def can_post_in_circle(viewer: Viewer, circle: Circle) -> bool:
    return circle.id in viewer.circle_ids


def can_see_circle_activity(viewer: Viewer, circle: Circle) -> bool:
    """Who did what inside a circle (its weekly boards, badges won there): anyone for an open circle,
    only its active members for a circle one joins by approval."""
    return circle.join_policy == "open" or circle.id in viewer.circle_ids


def can_moderate_circle(viewer: Viewer, circle: Circle) -> bool:
    return circle.id in viewer.moderated_circle_ids or viewer.is_admin


# --- theme weeks and fan clubs ------------------------------------------------------------------


def can_create_theme_week(viewer: Viewer, circle: Circle | None) -> bool:
    """Site-wide weeks: operators (admins). A circle's weeks: its owner and moderators."""
    if viewer.id is None:
        return False
    return viewer.is_admin if circle is None else can_moderate_circle(viewer, circle)


def can_edit_theme_week(viewer: Viewer, week: ThemeWeek) -> bool:
    if viewer.id is None:
        return False
    if week.circle_id is None:
        return viewer.is_admin
    return week.circle_id in viewer.moderated_circle_ids or viewer.is_admin


def can_see_theme_week(viewer: Viewer, week: ThemeWeek) -> bool:
    """A circle's week is for those who may see the circle's posts: its active members."""
    return week.circle_id is None or week.circle_id in viewer.circle_ids


def visible_theme_weeks_filter(viewer: Viewer) -> ColumnElement[bool]:
    """SQL twin of `can_see_theme_week`."""
    return or_(ThemeWeek.circle_id.is_(None), ThemeWeek.circle_id.in_(sorted(viewer.circle_ids)))


def can_edit_idol_profile(viewer: Viewer, circle: Circle) -> bool:
    return circle.kind == "fanclub" and can_moderate_circle(viewer, circle)


# --- scenes: schools (校园) and same-city (同城) ---------------------------------------------

#: Parts of a declared school, each with its own privacy level; a later part needs the earlier ones.
SCHOOL_PARTS = ("school", "year", "class")


def can_see_school(viewer: Viewer, owner: User, school: UserSchool, part: str = "school") -> bool:
    """Whether the viewer may learn that `owner` went to this school (and, with `part`, the year or class)."""
    if viewer.id == owner.id:
        return True
    if not can_see_user(viewer, owner) or viewer.id is None:
        return False
    levels = {"school": school.school_privacy, "year": school.year_privacy, "class": school.class_privacy}
    wanted = SCHOOL_PARTS[: SCHOOL_PARTS.index(part) + 1]
    return all(_level_allows(viewer, owner.id, levels[p]) for p in wanted)


def visible_schools_filter(viewer: Viewer, part: str = "school") -> ColumnElement[bool]:
    """SQL twin of `can_see_school` over `UserSchool` joined with its `User` (a signed-in viewer only)."""
    if viewer.id is None:
        return false()
    columns = {"school": UserSchool.school_privacy, "year": UserSchool.year_privacy, "class": UserSchool.class_privacy}
    friends_of_viewer = select(Friendship.friend_id).where(Friendship.user_id == viewer.id)
    conds = [
        or_(columns[p] == "public", and_(columns[p] == "friends", UserSchool.user_id.in_(friends_of_viewer)))
        for p in SCHOOL_PARTS[: SCHOOL_PARTS.index(part) + 1]
    ]
    others = and_(User.is_active.is_(True), _not_blocked(viewer, UserSchool.user_id), *conds)
    return or_(UserSchool.user_id == viewer.id, others)


def can_see_local_circle(home_city: str, circle_city: str, open_to_other_cities: bool) -> bool:
    """A circle local to a city is recommended in that city; elsewhere only when the circle made itself public."""
    return open_to_other_cities or (bool(home_city) and home_city == circle_city)


def _level_allows(viewer: Viewer, owner_id: int, level: str) -> bool:
    return level == "public" or (level == "friends" and viewer.is_friend(owner_id))


# --- moderation (the barrier and like rings) -------------------------------------------------


def can_see_comment_quality(viewer: Viewer, comment: Comment, post: PostFields) -> bool:
    """The score, its reasons and why a comment is folded: for its writer and its moderators only."""
    return can_see_quality_of(viewer, comment.author_id, post.circle_id)


def can_see_quality_of(viewer: Viewer, writer_id: int, circle_id: int | None) -> bool:
    """Quality scores and their components about a writer's work (a comment, a board placing): for the
    writer, site admins and, for work inside a circle, its moderators."""
    in_moderated_circle = circle_id is not None and circle_id in viewer.moderated_circle_ids
    return viewer.id is not None and (viewer.id == writer_id or viewer.is_admin or in_moderated_circle)


def can_see_analytics(viewer: Viewer, circle_id: int | None) -> bool:
    """Operators' analytics count every post, private ones included: the whole site's for site admins,
    one circle's also for its owners and moderators (who already decide its moderation cases)."""
    return viewer.is_admin or (circle_id is not None and circle_id in viewer.moderated_circle_ids)


def is_moderator(viewer: Viewer) -> bool:
    """Site admins, and owners or moderators of a circle (for cases about their circle's content)."""
    return viewer.is_admin or bool(viewer.moderated_circle_ids)


#: What a circle's own moderators may decide on their circle's cases: keep the restriction or hand the
#: case up. Lifting ends a site-wide restriction or a ring flag, so only site admins lift.
CIRCLE_CASE_ACTIONS = frozenset({"confirm", "escalate"})


def can_moderate_case(viewer: Viewer, case: ModerationCase, subject_ids: Collection[int]) -> bool:
    """Admins see every case; a circle's moderators see its cases until one is escalated, except a case
    about themselves (a member sees their own restriction on their restrictions page)."""
    if viewer.is_admin:
        return True
    in_circle = case.circle_id is not None and case.circle_id in viewer.moderated_circle_ids
    return in_circle and case.status != "escalated" and viewer.id not in subject_ids


def can_decide_case(viewer: Viewer, case: ModerationCase, subject_ids: Collection[int], action: str) -> bool:
    """Nobody decides a case about themselves; a circle's moderators never lift (see CIRCLE_CASE_ACTIONS)."""
    if viewer.id is None or viewer.id in subject_ids or not can_moderate_case(viewer, case, subject_ids):
        return False
    return viewer.is_admin or action in CIRCLE_CASE_ACTIONS


def visible_cases_filter(viewer: Viewer) -> ColumnElement[bool]:
    """SQL twin of `can_moderate_case`."""
    if viewer.is_admin:
        return true()
    about_viewer = select(Restriction.case_id).where(Restriction.user_id == viewer.id)
    return and_(
        ModerationCase.circle_id.in_(sorted(viewer.moderated_circle_ids)),
        ModerationCase.status != "escalated",
        ModerationCase.id.not_in(about_viewer),
    )


# --- 转发 (reposts) and 私信 (messages) --------------------------------------------------------


def can_repost(viewer: Viewer, post: Post) -> bool:
    """A signed-in member who can see the post; a private post only by its author (to themselves)."""
    if viewer.id is None or not can_see_post(viewer, post):
        return False
    return post.visibility != "private" or viewer.id == post.author_id


def repost_within_audience(viewer: Viewer, source: Post, visibility: str, circle_id: int | None) -> bool:
    """A repost never reaches anyone who may not see what it reposts: a public post goes anywhere, a
    circle's post stays in that circle, a friends-only post stays with its author's friends (so only its
    author may repost it to friends), and a repost only the reposter sees is always allowed."""
    if visibility == "private" or source.visibility == "public":
        return True
    if source.visibility == "circle":
        return visibility == "circle" and circle_id is not None and circle_id == source.circle_id
    if source.visibility == "friends":
        return visibility == "friends" and viewer.id == source.author_id
    return False  # a private post: to its author alone


def can_see_conversation(viewer: Viewer, conversation: Conversation) -> bool:
    """Messages are private: the two members only (a moderator reads reported ones through the case)."""
    return viewer.id is not None and viewer.id in (conversation.low_user_id, conversation.high_user_id)


def visible_conversations_filter(viewer: Viewer) -> ColumnElement[bool]:
    """SQL twin of `can_see_conversation`, leaving out members blocked either way."""
    if viewer.id is None:
        return false()
    mine = or_(Conversation.low_user_id == viewer.id, Conversation.high_user_id == viewer.id)
    return and_(mine, _not_blocked(viewer, Conversation.low_user_id), _not_blocked(viewer, Conversation.high_user_id))


def message_route(viewer: Viewer, recipient: User, *, shares_circle: bool, circles_allowed: bool) -> str | None:
    """Where a first message from the viewer goes: "open" (friends, and circle co-members where the
    recipient allows it), "request" (the request box: anyone else) or None (blocked, or oneself)."""
    if viewer.id is None or viewer.id == recipient.id or not can_see_user(viewer, recipient):
        return None
    if viewer.is_friend(recipient.id) or (shares_circle and circles_allowed):
        return "open"
    return "request"


def can_read_reported_messages(viewer: Viewer, case: ModerationCase) -> bool:
    """A reported conversation's messages: site admins handling the report (each reading is audited)."""
    return case.kind == "message_report" and viewer.is_admin


def _not_blocked(viewer: Viewer | _Who, column: InstrumentedAttribute[int]) -> ColumnElement[bool]:
    who = _who(viewer)
    if who is None:
        return true()
    blocked = select(Block.blocked_id).where(Block.blocker_id == who)
    blockers = select(Block.blocker_id).where(Block.blocked_id == who)
    return and_(column.not_in(blocked), column.not_in(blockers))


__all__ = [
    "ANONYMOUS",
    "CIRCLE_CASE_ACTIONS",
    "SCHOOL_PARTS",
    "Viewer",
    "can_create_theme_week",
    "can_decide_case",
    "can_delete_board_message",
    "can_delete_comment",
    "can_delete_photo_comment",
    "can_delete_post",
    "can_edit_idol_profile",
    "can_edit_post",
    "can_edit_theme_week",
    "can_interact",
    "can_interact_with_photo",
    "can_list_album",
    "can_moderate_case",
    "can_moderate_circle",
    "can_post_in_circle",
    "can_read_board",
    "can_read_reported_messages",
    "can_repost",
    "can_see_album",
    "can_see_circle_activity",
    "can_see_comment",
    "can_see_comment_quality",
    "can_see_conversation",
    "can_see_field",
    "can_see_local_circle",
    "can_see_poll_results",
    "can_see_post",
    "can_see_quality_of",
    "can_see_school",
    "can_see_theme_week",
    "can_see_user",
    "can_write_board",
    "is_moderator",
    "load_viewer",
    "message_route",
    "repost_within_audience",
    "shown_to_audience_filter",
    "visible_albums_filter",
    "visible_board_filter",
    "visible_cases_filter",
    "visible_comments_filter",
    "visible_conversations_filter",
    "visible_photo_comments_filter",
    "visible_posts_filter",
    "visible_posts_param",
    "visible_schools_filter",
    "visible_theme_weeks_filter",
]


# --- albums (相册) ----------------------------------------------------------------------------


def can_list_album(viewer: Viewer, album: Album) -> bool:
    """Whether the album shows in its owner's 相册 at all; a question album shows its question to anyone.
    A "selected" or "except" album follows the post rule: friends, named (or not named) now."""
    if viewer.id == album.owner_id:
        return True
    if viewer.is_blocked(album.owner_id):
        return False
    if album.visibility in ("public", "question"):
        return True
    if not viewer.is_friend(album.owner_id):
        return False
    if album.visibility in ("selected", "except"):
        names = _names_viewer(viewer, AlbumAudienceGroup, AlbumAudienceMember, AlbumAudienceGroup.album_id, album.id)
        return _in_audience(album, album.visibility, names)
    return album.visibility == "friends"


def can_see_album(session: Session, viewer: Viewer, album: Album) -> bool:
    """Whether the album's photos (and their files) show: a question album only once answered."""
    if not can_list_album(viewer, album):
        return False
    if album.visibility != "question" or viewer.id == album.owner_id:
        return True
    if viewer.id is None:
        return False
    unlocked = select(AlbumUnlock.id).where(AlbumUnlock.album_id == album.id, AlbumUnlock.user_id == viewer.id)
    return session.scalar(unlocked) is not None


def visible_albums_filter(viewer: Viewer) -> ColumnElement[bool]:
    """SQL twin of `can_list_album`."""
    listed = Album.visibility.in_(("public", "question"))
    if viewer.id is None:
        return listed
    friends_of_viewer = select(Friendship.friend_id).where(Friendship.user_id == viewer.id)
    named = _names_viewer(viewer, AlbumAudienceGroup, AlbumAudienceMember, AlbumAudienceGroup.album_id, Album.id)
    others = and_(
        _not_blocked(viewer, Album.owner_id),
        or_(
            listed,
            and_(Album.owner_id.in_(friends_of_viewer), Album.visibility == "friends"),
            and_(Album.owner_id.in_(friends_of_viewer), Album.visibility == "selected", named),
            and_(Album.owner_id.in_(friends_of_viewer), Album.visibility == "except", not_(named)),
        ),
    )
    return or_(Album.owner_id == viewer.id, others)


def can_interact_with_photo(session: Session, viewer: Viewer, photo: AlbumPhoto) -> bool:
    """Like or comment on a photo: a signed-in member who may see its album's photos."""
    album = session.get(Album, photo.album_id)
    return viewer.id is not None and album is not None and can_see_album(session, viewer, album)


def visible_photo_comments_filter(viewer: Viewer) -> ColumnElement[bool]:
    """A photo's comments whose writer is not blocked either way (the photo itself already visible)."""
    return _not_blocked(viewer, PhotoComment.author_id)


def can_delete_photo_comment(viewer: Viewer, author_id: int, album: Album) -> bool:
    """A photo's comment: its writer, the album's owner, or a site admin."""
    return viewer.id is not None and (viewer.id in (author_id, album.owner_id) or viewer.is_admin)
