"""/api/v1: 转发 (reposts), 私信 (messages), 特别关心 and 关注."""

from __future__ import annotations

from fastapi import Query

from nook.api import schemas as S
from nook.api import schemas_conversations as C
from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.serialize import media_url, post_out, user_out
from nook.http.params import MAX_ID, PathId, PathName
from nook.http.unit import CredentialsDep, unit
from nook.social.content import feed, reposts
from nook.social.content.cards import post_cards
from nook.social.messages import conversations, reports
from nook.social.messages.conversations import ConversationView, MessageCard
from nook.social.moderation.barrier import MESSAGE_FOLD_TEXT
from nook.social.people import circles, following
from nook.social.people.directory import visible_user

router = ApiRouter(tags=["conversations"], responses=ERRORS)


# --- 转发 ---------------------------------------------------------------------------------------


@router.post("/posts/{post_id}/repost", response_model=S.PostOut, status_code=201)
def repost(post_id: PathId, body: C.RepostIn, creds: CredentialsDep) -> S.PostOut:
    """转发 a post you can see, with your own words (or none), to your space or a circle. The repost can
    reach no one who may not see the original: a friends-only post stays with its author's friends."""
    with unit(creds, write=True) as ctx:
        circle_id = circles.get_circle(ctx.session, body.circle).id if body.circle else None
        post = reposts.repost(
            ctx.session, ctx.viewer, ctx.me, post_id, body=body.body, visibility=body.visibility, circle_id=circle_id
        )
        ctx.session.flush()
        return post_out(post_cards(ctx.session, ctx.viewer, [post])[0])


# --- 私信 ---------------------------------------------------------------------------------------


@router.get("/messages", response_model=list[C.ConversationItemOut])
def message_list(
    creds: CredentialsDep, box: str = Query("inbox", pattern="^(inbox|requests)$")
) -> list[C.ConversationItemOut]:
    """Your conversations, latest first; `box=requests`: strangers' first messages waiting for you."""
    with unit(creds) as ctx:
        items = conversations.conversation_list(ctx.session, ctx.viewer, ctx.me, box=box)
        return [
            C.ConversationItemOut(
                other=user_out(c.other),
                state=c.state,
                last_body=c.last_body,
                last_mine=c.last_mine,
                last_at=c.last_at,
                unread=c.unread,
            )
            for c in items
        ]


@router.get("/messages/{username}", response_model=C.ConversationOut)
def conversation(
    username: PathName, creds: CredentialsDep, after: int | None = Query(None, ge=0, le=MAX_ID)
) -> C.ConversationOut:
    """Your conversation with a member, oldest first (`after`: only newer messages, for polling). Reading
    marks it read."""
    with unit(creds, write=True) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        view = conversations.conversation_with(ctx.session, ctx.viewer, ctx.me, other, after_id=after)
        return _conversation_out(view)


@router.post("/messages/{username}", response_model=C.MessageOut, status_code=201)
def send(username: PathName, body: C.MessageIn, creds: CredentialsDep) -> C.MessageOut:
    """Send a 私信. Friends (and circle co-members where they allow it) write directly; anyone else's first
    message goes to the recipient's request box, and only one until they answer."""
    with unit(creds, write=True) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        row = conversations.send(ctx.session, ctx.viewer, ctx.me, other, body=body.body, media_id=body.media_id)
        view = conversations.conversation_with(ctx.session, ctx.viewer, ctx.me, other, after_id=row.id - 1)
        return _message_out(view.messages[-1])


@router.delete("/messages/{username}", response_model=S.OkOut)
def decline(username: PathName, creds: CredentialsDep) -> S.OkOut:
    """Remove a stranger's request from your request box."""
    with unit(creds, write=True) as ctx:
        conversations.decline(ctx.session, ctx.viewer, ctx.me, visible_user(ctx.session, ctx.viewer, username))
    return S.OkOut()


@router.post("/messages/{username}/report", response_model=C.ReportOut, status_code=201)
def report(username: PathName, body: C.ReportIn, creds: CredentialsDep) -> C.ReportOut:
    """Report a conversation: the site's admins see its latest messages, and each look is audited. Block
    the member with POST /blocks."""
    with unit(creds, write=True) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        case = reports.report(ctx.session, ctx.viewer, ctx.me, other, reason=body.reason)
        return C.ReportOut(case_id=case.id)


@router.get("/moderation/cases/{case_id}/messages", response_model=list[C.ReportedMessageOut])
def reported_messages(case_id: PathId, creds: CredentialsDep) -> list[C.ReportedMessageOut]:
    """The reported messages of a message_report case (site admins; the reading is written to the audit)."""
    with unit(creds, write=True) as ctx:
        rows = reports.reported_messages(ctx.session, ctx.viewer, case_id)
        return [
            C.ReportedMessageOut(
                id=m.id,
                sender_id=m.sender_id,
                body=m.body,
                image_url=media_url(m.media_id) if m.media_id else None,
                created_at=m.created_at,
            )
            for m in rows
        ]


def _message_out(m: MessageCard) -> C.MessageOut:
    return C.MessageOut(
        id=m.id,
        sender=user_out(m.sender),
        body=m.body,
        image_url=media_url(m.media_id) if m.media_id else None,
        mine=m.mine,
        folded=m.folded,
        fold_reason=MESSAGE_FOLD_TEXT.get(m.fold_reason) if m.fold_reason else None,
        created_at=m.created_at,
        read=m.read,
    )


def _conversation_out(view: ConversationView) -> C.ConversationOut:
    return C.ConversationOut(
        other=user_out(view.other),
        state=view.state,
        request_to_me=view.request_to_me,
        awaiting_reply=view.awaiting_reply,
        messages=[_message_out(m) for m in view.messages],
    )


# --- contact settings, 特别关心 and 关注 --------------------------------------------------------


@router.get("/me/contact", response_model=C.ContactSettingsOut)
def contact(creds: CredentialsDep) -> C.ContactSettingsOut:
    with unit(creds) as ctx:
        s = following.contact_settings(ctx.session, ctx.me.id)
        return C.ContactSettingsOut(dm_policy=s.dm_policy, read_receipts=s.read_receipts, followable=s.followable)


@router.patch("/me/contact", response_model=C.ContactSettingsOut)
def update_contact(body: C.ContactSettingsIn, creds: CredentialsDep) -> C.ContactSettingsOut:
    """Who may write to you directly, whether you send read receipts, whether others may 关注 you."""
    with unit(creds, write=True) as ctx:
        s = following.update_contact_settings(
            ctx.session, ctx.me, dm_policy=body.dm_policy, read_receipts=body.read_receipts, followable=body.followable
        )
        return C.ContactSettingsOut(dm_policy=s.dm_policy, read_receipts=s.read_receipts, followable=s.followable)


@router.get("/me/special", response_model=list[S.UserOut])
def special_list(creds: CredentialsDep) -> list[S.UserOut]:
    """Friends you marked 特别关心."""
    with unit(creds) as ctx:
        return [user_out(u) for u in following.special_care_of(ctx.session, ctx.viewer, ctx.me)]


@router.put("/me/special/{username}", response_model=C.FollowOut)
def mark_special(username: PathName, creds: CredentialsDep) -> C.FollowOut:
    """Mark a friend 特别关心 (up to 10): their new posts notify you and come first in your feeds."""
    with unit(creds, write=True) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        following.mark_special(ctx.session, ctx.viewer, ctx.me, other)
        ctx.session.flush()
        return _follow_out(following.follow_state(ctx.session, ctx.viewer, other))


@router.delete("/me/special/{username}", response_model=C.FollowOut)
def unmark_special(username: PathName, creds: CredentialsDep) -> C.FollowOut:
    with unit(creds, write=True) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        following.unmark_special(ctx.session, ctx.me, other)
        ctx.session.flush()
        return _follow_out(following.follow_state(ctx.session, ctx.viewer, other))


@router.get("/feed/special", response_model=S.PostPage)
def special_feed(creds: CredentialsDep) -> S.PostPage:
    """特别关心: your marked friends' posts of the last days, shown above the home feed."""
    with unit(creds) as ctx:
        rows = feed.special_care_posts(ctx.session, ctx.viewer)
        return S.PostPage(items=[post_out(c) for c in post_cards(ctx.session, ctx.viewer, rows)], next_cursor=None)


@router.get("/users/{username}/follow", response_model=C.FollowOut)
def follow_state(username: PathName, creds: CredentialsDep) -> C.FollowOut:
    """关注 of a member's space: whether you follow, how many do (apart from friends)."""
    with unit(creds, login=False) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        return _follow_out(following.follow_state(ctx.session, ctx.viewer, other))


@router.put("/users/{username}/follow", response_model=C.FollowOut)
def follow(username: PathName, creds: CredentialsDep) -> C.FollowOut:
    """关注 a member's public space (refused where they turned being followed off)."""
    with unit(creds, write=True) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        following.follow(ctx.session, ctx.viewer, ctx.me, other)
        ctx.session.flush()
        return _follow_out(following.follow_state(ctx.session, ctx.viewer, other))


@router.delete("/users/{username}/follow", response_model=C.FollowOut)
def unfollow(username: PathName, creds: CredentialsDep) -> C.FollowOut:
    with unit(creds, write=True) as ctx:
        other = visible_user(ctx.session, ctx.viewer, username)
        following.unfollow(ctx.session, ctx.me, other)
        ctx.session.flush()
        return _follow_out(following.follow_state(ctx.session, ctx.viewer, other))


def _follow_out(s: following.FollowState) -> C.FollowOut:
    return C.FollowOut(following=s.following, followers=s.followers, followable=s.followable, special=s.special)
