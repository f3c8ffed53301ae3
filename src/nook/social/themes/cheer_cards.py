"""应援卡: a card image drawn on the server (the circle's colours, a CJK font) with a fan's message.

Offered after a member comments on a post about a fan club's idol (`fandom.idol_circle_for`). The
preview is drawn on request and stored nowhere; only the member's own "同步到粉丝群" shares it, as
their post in the circle, with the image stored through the media pipeline. Nothing here posts by itself.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont
from sqlalchemy.orm import Session

from nook.errors import NookError, NotFound
from nook.phrases import N_, Phrase
from nook.security import rate_limits
from nook.security.ratelimit import Rule
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.content import media, posts
from nook.social.content.posts import ImageRef
from nook.social.localtime import local_today
from nook.social.text import clean_text
from nook.social.themes import fandom
from nook.store.models import Circle, Comment, IdolProfile, Post, User

MESSAGE_MAX = 60
SIDE = 1080
CHEER = Rule("cheer_card", 20, 3600)
PREVIEW = Rule("cheer_preview", 120, 3600)
#: Searched in order; NOOK_CJK_FONT names a font file first. Debian/Ubuntu fonts-noto-cjk, then others.
FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)


class FontMissing(NookError):
    """The server has no CJK font: the card cannot be drawn (an operator fixes this, not the member)."""

    status = 503
    code = "font_missing"


@dataclass(frozen=True)
class Offer:
    """What the card for one comment would carry."""

    comment: Comment
    post: Post
    circle: Circle
    profile: IdolProfile
    color: str
    facts: list[Phrase]  # shown translated on pages; the image and the API carry their Chinese str()
    message: str


def find_font() -> Path:
    candidates = [os.environ.get("NOOK_CJK_FONT", ""), *FONT_PATHS]
    for name in candidates:
        if name and Path(name).is_file():
            return Path(name)
    raise FontMissing(N_("服务器缺少中文字体，无法生成应援卡（请安装 fonts-noto-cjk 或设置 NOOK_CJK_FONT）"))


@lru_cache(maxsize=16)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def offer(session: Session, viewer: Viewer, me: User, comment_id: int, message: str | None = None) -> Offer:
    """The card a member may make from their own comment, or NotFound when there is none to offer."""
    comment = session.get(Comment, comment_id)
    if comment is None or comment.author_id != me.id:
        raise NotFound(N_("找不到这条评论"))
    post = posts.get_visible_post(session, viewer, comment.post_id)
    found = fandom.idol_circle_for(session, viewer, post)
    if found is None:
        raise NotFound(N_("这条评论没有可做的应援卡"))
    circle, profile = found
    text = clean_text(comment.body if message is None else message, field=N_("应援语"), max_len=500)
    text = text[:MESSAGE_MAX] if message is None else clean_text(text, field=N_("应援语"), max_len=MESSAGE_MAX)
    today = local_today()
    return Offer(
        comment, post, circle, profile, fandom.circle_color(circle, profile), fandom.facts(profile, today), text
    )


def _rgb(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    r, g, bl = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return r, g, bl


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Line breaks by measured width, character by character (Chinese has no spaces to break at)."""
    lines: list[str] = []
    for para in text.splitlines() or [""]:
        line = ""
        for ch in para:
            if draw.textlength(line + ch, font=font) > width and line:
                lines.append(line)
                line = ch
            else:
                line += ch
        lines.append(line)
    return lines


def render(card: Offer, fan_name: str, today: date | None = None) -> bytes:
    """The card as PNG: a gradient in the circle's colour, the idol's name, the message, the facts."""
    font = str(find_font())
    today = today or local_today()
    base = _rgb(card.color)
    white = (255, 255, 255)
    image = Image.new("RGB", (SIDE, SIDE), base)
    draw = ImageDraw.Draw(image)
    for y in range(SIDE):  # diagonal-ish wash: the colour at the top, lighter at the bottom
        draw.line([(0, y), (SIDE, y)], fill=_mix(base, white, 0.55 * y / SIDE))
    pad = 72
    draw.rounded_rectangle([pad, 220, SIDE - pad, SIDE - 170], radius=48, fill=(255, 255, 255))
    draw.text((pad, 70), f"{card.profile.name} 应援", font=_font(font, 72), fill=white)
    draw.text((pad, 160), card.circle.name, font=_font(font, 34), fill=_mix(white, base, 0.1))
    body_font = _font(font, 56)
    y = 290
    for line in _wrap(draw, card.message, body_font, SIDE - 2 * pad - 96)[:6]:
        draw.text((pad + 48, y), line, font=body_font, fill=_mix(base, (30, 30, 30), 0.6))
        y += 76
    fact_font = _font(font, 36)
    y = max(y + 30, SIDE - 170 - 60 * max(1, len(card.facts)) - 40)
    for fact in card.facts:
        draw.rounded_rectangle([pad + 40, y - 6, pad + 64, y + 18], radius=12, fill=base)
        draw.text((pad + 84, y - 12), str(fact), font=fact_font, fill=(80, 80, 80))
        y += 60
    footer = f"— {fan_name} · {today.isoformat()}"
    draw.text((pad, SIDE - 130), footer, font=_font(font, 38), fill=white)
    draw.text((SIDE - pad - 260, SIDE - 130), "Nook 应援卡", font=_font(font, 38), fill=white)
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=6)  # optimize=True costs ~3x the time for a few KiB
    return out.getvalue()


def preview(session: Session, viewer: Viewer, me: User, comment_id: int, message: str | None) -> bytes:
    rate_limits.enforce(PREVIEW, me.id)
    return render(offer(session, viewer, me, comment_id, message), me.nickname or me.username)


def share(session: Session, viewer: Viewer, me: User, comment_id: int, message: str) -> Post:
    """同步到粉丝群: the member's own post in the fan club, carrying the card image (only on their action)."""
    card = offer(session, viewer, me, comment_id, message)
    if not authz.can_post_in_circle(viewer, card.circle):
        raise NotFound(N_("加入粉丝群后才能同步应援卡"))
    rate_limits.enforce(CHEER, me.id)
    png = render(card, me.nickname or me.username)
    stored = media.store_image(session, me, png)
    body = f"{card.message} #{card.profile.name}应援#"
    alt = f"{card.profile.name} 应援卡：{card.message}"[:200]
    return posts.create_post(
        session,
        viewer,
        me,
        body=body,
        visibility="circle",
        circle_id=card.circle.id,
        images=[ImageRef(stored.id, alt)],
    )
