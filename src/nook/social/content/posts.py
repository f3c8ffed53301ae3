"""说说 and 日志: writing, editing and deleting posts, with their photos and hashtags."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from nook.errors import Forbidden, Invalid, NotFound
from nook.phrases import N_
from nook.security import rate_limits
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content import mentions, polls
from nook.social.content.render import journal_images
from nook.social.limits import ALT_MAX, IMAGES_MAX, JOURNAL_MAX, JOURNAL_TITLE_MAX, POST_MAX
from nook.social.people import groups
from nook.social.search.index import index_post
from nook.social.text import clean_text, hashtags
from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing
from nook.store.models import Circle, Hashtag, Media, Post, PostHashtag, PostImage, User
from nook.store.outbox import Kind, emit
from nook.vocabulary import VISIBILITIES


@dataclass(frozen=True)
class AudienceIn:
    """Whom a "selected" (部分好友可见) or "except" (不给谁看) post names: the author's groups and friends."""

    group_ids: tuple[int, ...] = ()
    usernames: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImageRef:
    media_id: int
    alt: str = ""


def create_post(
    session: Session,
    viewer: Viewer,
    author: User,
    *,
    body: str,
    visibility: str = "public",
    circle_id: int | None = None,
    images: list[ImageRef] | None = None,
    title: str | None = None,
    words_optional: bool = False,
    audience: AudienceIn | None = None,
    poll: polls.PollIn | None = None,
) -> Post:
    """A 说说; with a title, a 日志 whose Markdown body may show the author's own uploads inline.

    `words_optional`: a bare 转发 carries no words of its own (`nook.social.content.reposts`)."""
    rate_limits.enforce(rate_limits.POST, author.id)
    if title is not None:
        title = clean_text(title, field=N_("日志标题"), max_len=JOURNAL_TITLE_MAX, allow_empty=False)
        text = clean_text(body, field=N_("日志内容"), max_len=JOURNAL_MAX, allow_empty=False)
        images = [ImageRef(media_id) for media_id in dict.fromkeys(journal_images(text))]
    else:
        images = images or []
        text = clean_text(body, field=N_("说说内容"), max_len=POST_MAX, allow_empty=bool(images) or words_optional)
    _check_visibility(session, viewer, visibility, circle_id)
    post = Post(author_id=author.id, body=text, title=title or "", visibility=visibility, circle_id=circle_id)
    session.add(post)
    session.flush()
    _attach_images(session, author, post, images)
    _link_hashtags(session, post)
    audience = audience or AudienceIn()
    groups.set_audience(session, author, post, audience.group_ids, audience.usernames)
    if poll is not None:
        polls.add_poll(session, post, poll)
    index_post(session, post)
    mentions.mention_in_post(session, author, post)
    emit(session, Kind.POST_CREATED, post_id=post.id, author_id=author.id)
    return post


def _check_visibility(session: Session, viewer: Viewer, visibility: str, circle_id: int | None) -> None:
    if visibility not in VISIBILITIES:
        raise Invalid(N_("可见范围需为 public、friends、private、circle、selected 或 except"))
    if visibility == "circle" and circle_id is None:
        raise Invalid(N_("发到圈子时需要选择圈子"))
    if circle_id is None:
        return
    circle = session.get(Circle, circle_id)
    if circle is None:
        raise NotFound(N_("找不到这个圈子"))
    if not authz.can_post_in_circle(viewer, circle):
        raise Forbidden(N_("加入圈子后才能在圈子里发说说"))
    if visibility not in ("circle", "public"):
        raise Invalid(N_("圈子里的说说可见范围需为 circle 或 public"))


def _attach_images(session: Session, author: User, post: Post, images: list[ImageRef]) -> None:
    if len(images) > IMAGES_MAX:
        raise Invalid(N_("每条说说最多 %(n)s 张图片"), n=IMAGES_MAX)
    if len({ref.media_id for ref in images}) != len(images):
        raise Invalid(N_("同一张图片不能添加两次"))
    for position, ref in enumerate(images):
        media = session.get(Media, ref.media_id)
        if media is None or media.owner_id != author.id:
            raise NotFound(N_("找不到这张图片"))
        alt = clean_text(ref.alt, field=N_("图片描述"), max_len=ALT_MAX, allow_empty=True)
        session.add(PostImage(post_id=post.id, position=position, media_id=media.id, alt=alt))


def _link_hashtags(session: Session, post: Post) -> None:
    session.execute(delete(PostHashtag).where(PostHashtag.post_id == post.id))
    names = hashtags(post.body)
    # New tags are created in name order: two posts with the same new tags never wait on each other.
    rows = {name: hashtag_row(session, name) for name in sorted(names)}
    for name in names:
        session.add(PostHashtag(post_id=post.id, hashtag_id=rows[name].id))


def hashtag_row(session: Session, name: str) -> Hashtag:
    """The row of a (normalised) hashtag, created on first use (also by two posts at the same moment)."""
    find = select(Hashtag).where(Hashtag.name == name)
    tag = session.scalar(find)
    if tag is None:
        tag, _ = insert_or_existing(session, Hashtag(name=name), lambda: session.scalar(find))
    return tag


def get_visible_post(session: Session, viewer: Viewer, post_id: int) -> Post:
    post = session.get(Post, post_id)
    if post is None or not authz.can_see_post(viewer, post):
        raise NotFound(N_("找不到这条说说"))
    return post


def edit_post(
    session: Session,
    viewer: Viewer,
    post_id: int,
    *,
    body: str | None = None,
    visibility: str | None = None,
    audience: AudienceIn | None = None,
) -> Post:
    """Edit a post. A new visibility of "selected" or "except" comes with its `audience`, which then
    replaces the old one; an audience alone re-chooses whom the post names."""
    post = get_visible_post(session, viewer, post_id)
    if not authz.can_edit_post(viewer, post):
        raise Forbidden(N_("只能编辑自己的说说"))
    if visibility is not None and visibility != post.visibility:
        _check_visibility(session, viewer, visibility, post.circle_id)
        post.visibility = visibility
        audience = audience or AudienceIn()
    if audience is not None:
        author = session.get(User, post.author_id)
        assert author is not None  # the viewer is the author
        groups.set_audience(session, author, post, audience.group_ids, audience.usernames)
    post.edited_at = utcnow()
    # Writing the post first takes its row lock: a second save of the same edit waits, then re-links.
    session.flush()
    if body is not None and post.title:
        post.body = clean_text(body, field=N_("日志内容"), max_len=JOURNAL_MAX, allow_empty=False)
        session.execute(delete(PostImage).where(PostImage.post_id == post.id))
        images = [ImageRef(media_id) for media_id in dict.fromkeys(journal_images(post.body))]
        _attach_images(session, session.get_one(User, post.author_id), post, images)
    elif body is not None:
        has_images = session.scalar(select(PostImage.post_id).where(PostImage.post_id == post.id).limit(1))
        post.body = clean_text(body, field=N_("说说内容"), max_len=POST_MAX, allow_empty=has_images is not None)
    if body is not None:
        _link_hashtags(session, post)
        index_post(session, post)
        mentions.mention_in_post(session, session.get_one(User, post.author_id), post)
    emit(session, Kind.POST_EDITED, post_id=post.id, author_id=post.author_id)
    return post


def delete_post(session: Session, viewer: Viewer, post_id: int) -> None:
    post = get_visible_post(session, viewer, post_id)
    if not authz.can_delete_post(viewer, post):
        raise Forbidden(N_("没有权限删除这条说说"))
    session.delete(post)
