"""Turning service results into API bodies."""

from __future__ import annotations

from sqlalchemy.orm import Session

from nook.api import schemas as S
from nook.social.authz import Viewer
from nook.social.content.cards import ImageCard, PostCard, ProfileCard, RepostCard, post_cards
from nook.social.content.comment_cards import CommentCard
from nook.social.content.polls import PollCard
from nook.social.content.render import markdown_to_html, text_to_html
from nook.social.content.user_cards import UserCard
from nook.social.pagination import Page
from nook.store.models import PostRow, User


def media_url(media_id: int, variant: str = "full") -> str:
    return f"/media/{media_id}/{variant}"


def user_out(user: User | UserCard) -> S.UserOut:
    avatar = user.avatar_media_id
    return S.UserOut(
        id=user.id,
        username=user.username,
        nickname=user.nickname,
        avatar_url=media_url(avatar, "thumb") if avatar else None,
    )


def post_out(card: PostCard) -> S.PostOut:
    return S.PostOut(
        id=card.id,
        author=user_out(card.author),
        body=card.body,
        title=card.title,
        body_html=markdown_to_html(card.body) if card.title else text_to_html(card.body),
        visibility=card.visibility,
        circle=card.circle_slug,
        circle_name=card.circle_name,
        created_at=card.created_at,
        edited_at=card.edited_at,
        images=[
            S.ImageOut(
                media_id=i.media_id,
                alt=i.alt,
                url=media_url(i.media_id),
                thumb_url=media_url(i.media_id, "thumb"),
            )
            for i in card.images
        ],
        hashtags=card.hashtags,
        like_count=card.like_count,
        comment_count=card.comment_count,
        liked_by_me=card.liked_by_me,
        repost=repost_out(card.repost) if card.repost else None,
        repost_count=card.repost_count,
        poll=poll_out(card.poll) if card.poll else None,
    )


def poll_out(card: PollCard) -> S.PollOut:
    return S.PollOut(
        multiple=card.multiple,
        closes_at=card.closes_at,
        closed=card.closed,
        voted=card.voted,
        can_vote=card.can_vote,
        ballots=card.ballots,
        options=[S.PollOptionOut(id=o.id, text=o.text, votes=o.votes, chosen=o.chosen) for o in card.options],
    )


def _image_out(i: ImageCard) -> S.ImageOut:
    return S.ImageOut(
        media_id=i.media_id, alt=i.alt, url=media_url(i.media_id), thumb_url=media_url(i.media_id, "thumb")
    )


def repost_out(card: RepostCard) -> S.RepostOut:
    o = card.original
    original = (
        S.QuotedOut(
            id=o.id,
            author=user_out(o.author),
            body=o.body,
            images=[_image_out(i) for i in o.images],
            created_at=o.created_at,
        )
        if o
        else None
    )
    hops = [S.HopOut(post_id=h.post_id, author=user_out(h.author), body=h.body) for h in card.hops]
    return S.RepostOut(hops=hops, original=original, depth=card.depth)


def post_page(session: Session, viewer: Viewer, page: Page[PostRow]) -> S.PostPage:
    return S.PostPage(
        items=[post_out(c) for c in post_cards(session, viewer, page.items)], next_cursor=page.next_cursor
    )


def profile_out(card: ProfileCard) -> S.ProfileOut:
    return S.ProfileOut(
        user=user_out(card.user),
        bio=card.bio,
        school=card.school,
        school_kind=card.school_kind,
        enroll_year=card.enroll_year,
        class_name=card.class_name,
        city=card.city,
        birthday=card.birthday,
        interests=card.interests,
        created_at=card.created_at,
        is_friend=card.is_friend,
        is_me=card.is_me,
        board_policy=card.board_policy,
        space=S.SpaceStyleOut(
            skin=card.style.skin,
            accent=card.style.accent,
            cover_url=media_url(card.style.cover_media_id) if card.style.cover_media_id else None,
        ),
    )


def comment_out(card: CommentCard) -> S.CommentOut:
    row, reply_to, fold = card.comment, card.reply_to, card.fold
    quality = None
    if fold is not None and fold.score is not None:  # the writer and moderators only
        quality = S.QualityOut(score=fold.score, reasons=fold.reasons or [])
    return S.CommentOut(
        id=row.id,
        post_id=row.post_id,
        author=user_out(card.author),
        body=row.body,
        parent_id=row.parent_id,
        reply_to=user_out(reply_to) if reply_to else None,
        created_at=row.created_at,
        quality=quality,
        folded=fold.folded if fold else False,
        fold_reason=fold.fold_reason if fold else None,
        warning=fold.warning if fold else None,
    )
