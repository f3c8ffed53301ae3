"""粉丝团: a fan-club circle's idol profile, the timely facts it yields, and birthday / anniversary weeks.

The profile is edited by the circle's owner and moderators (`authz.can_edit_idol_profile`); the
`fandom_weeks` job turns upcoming birthdays, debut and work anniversaries into the circle's theme
weeks ahead of time, once each (`ThemeWeek.auto_key`).
"""

from __future__ import annotations

import colorsys
import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from nook.errors import Forbidden, Invalid
from nook.phrases import N_, Phrase, Value
from nook.security import rate_limits
from nook.security.ratelimit import Rule
from nook.social import authz
from nook.social.authz import Viewer
from nook.social.localtime import day_start, local_today
from nook.social.text import clean_text
from nook.store.base import utcnow
from nook.store.first_writes import insert_or_existing
from nook.store.models import Circle, IdolProfile, Post, PostScore, ThemeWeek, User

NAME_MAX = 32
WORK_TITLE_MAX = 40
WORKS_MAX = 30
KEYWORD_MAX, KEYWORDS_MAX = 16, 12
IDOL_EDIT = Rule("idol_profile", 30, 3600)
#: Birthday and anniversary weeks are created this many days ahead, spanning 3 days before to 3 after.
AUTO_AHEAD_DAYS = 14
_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_NUMERALS = "零一二三四五六七八九十"


@dataclass(frozen=True)
class Work:
    title: str
    released: date


@dataclass(frozen=True)
class Milestone:
    """A date worth a theme week: a birthday, or the n-th anniversary of the debut or of a work."""

    kind: str  # birthday / debut / work
    day: date
    years: int
    title: str = ""


# --- the profile ------------------------------------------------------------------------------


def get_profile(session: Session, circle: Circle) -> IdolProfile | None:
    return session.get(IdolProfile, circle.id) if circle.kind == "fanclub" else None


def save_profile(
    session: Session,
    viewer: Viewer,
    me: User,
    circle: Circle,
    *,
    name: str,
    birthday: date | None = None,
    debut_date: date | None = None,
    works: list[Work] | None = None,
    keywords: list[str] | None = None,
    color: str = "",
) -> IdolProfile:
    if circle.kind != "fanclub":
        raise Invalid(N_("只有粉丝团圈子才有偶像资料"))
    if not authz.can_edit_idol_profile(viewer, circle):
        raise Forbidden(N_("只有圈主和版主能编辑偶像资料"))
    rate_limits.enforce(IDOL_EDIT, me.id)
    works = works or []
    if len(works) > WORKS_MAX:
        raise Invalid(N_("作品最多 %(n)s 个"), n=WORKS_MAX)
    kws = [clean_text(k, field=N_("关键词"), max_len=KEYWORD_MAX) for k in (keywords or []) if k.strip()]
    if len(kws) > KEYWORDS_MAX:
        raise Invalid(N_("关键词最多 %(n)s 个"), n=KEYWORDS_MAX)
    color = color.strip()
    if color and not _COLOR.match(color):
        raise Invalid(N_("应援色需为 #rrggbb 形式"))
    today = local_today()
    for day in (birthday, debut_date):
        if day is not None and day > today:
            raise Invalid(N_("生日和出道日不能晚于今天"))
    idol_name = clean_text(name, field=N_("偶像名字"), max_len=NAME_MAX)
    profile = session.get(IdolProfile, circle.id)
    if profile is None:  # the first save, maybe by two moderators or tabs at once
        new = IdolProfile(circle_id=circle.id, name=idol_name, updated_by_id=me.id)
        profile, _ = insert_or_existing(session, new, lambda: session.get(IdolProfile, circle.id))
    profile.name = idol_name
    profile.birthday, profile.debut_date = birthday, debut_date
    profile.works = [{"title": _work_title(w.title), "date": w.released.isoformat()} for w in works]
    profile.keywords = list(dict.fromkeys(kws))
    profile.color = color.lower()
    profile.updated_by_id, profile.updated_at = me.id, utcnow()
    session.flush()
    return profile


def _work_title(title: str) -> str:
    return clean_text(title.strip().strip("《》"), field=N_("作品名"), max_len=WORK_TITLE_MAX)


def works_of(profile: IdolProfile) -> list[Work]:
    return [Work(str(w["title"]), date.fromisoformat(str(w["date"]))) for w in profile.works]


def parse_works(text: str) -> list[Work]:
    """The web form's works box: one "YYYY-MM-DD 作品名" per line."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        day, _, title = line.partition(" ")
        try:
            released = date.fromisoformat(day)
        except ValueError as exc:
            raise Invalid(N_("作品第 %(line)s 行需写成 “2024-05-20 作品名”"), line=n) from exc
        if not title.strip():
            raise Invalid(N_("作品第 %(line)s 行缺少作品名"), line=n)
        out.append(Work(title.strip(), released))
    return out


def circle_color(circle: Circle, profile: IdolProfile | None) -> str:
    """The circle's 应援色, or a stable colour derived from its address."""
    if profile is not None and profile.color:
        return profile.color
    hue = int(hashlib.sha256(circle.slug.encode()).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hls_to_rgb(hue, 0.45, 0.55)
    return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"


# --- dates and facts --------------------------------------------------------------------------


def _on_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February outside a leap year
        return day.replace(year=year, day=28)


def _next(day: date, today: date) -> date:
    this = _on_year(day, today.year)
    return this if this >= today else _on_year(day, today.year + 1)


def milestones(profile: IdolProfile, today: date, within_days: int) -> list[Milestone]:
    """Birthdays and anniversaries (1 year and more) from today to `within_days` ahead."""
    out = []
    if profile.birthday is not None:
        d = _next(profile.birthday, today)
        out.append(Milestone("birthday", d, d.year - profile.birthday.year))
    if profile.debut_date is not None:
        d = _next(profile.debut_date, today)
        out.append(Milestone("debut", d, d.year - profile.debut_date.year))
    for work in works_of(profile):
        d = _next(work.released, today)
        out.append(Milestone("work", d, d.year - work.released.year, work.title))
    return sorted(
        (m for m in out if (m.day - today).days <= within_days and (m.kind == "birthday" or m.years >= 1)),
        key=lambda m: m.day,
    )


def years_zh(n: int) -> str:
    if n <= 10:
        return _NUMERALS[n]
    if n < 20:
        return "十" + (_NUMERALS[n - 10] if n > 10 else "")
    if n < 100:
        return _NUMERALS[n // 10] + "十" + (_NUMERALS[n % 10] if n % 10 else "")
    return str(n)


def facts(profile: IdolProfile, today: date) -> list[Phrase]:
    """Timely lines for an 应援卡: a coming birthday, recent and coming anniversaries, a new work.

    Pages show them translated (`phrase` filter); `str()` is the Chinese the card image and the API carry.
    """
    name = profile.name
    out: list[Phrase] = []
    if profile.birthday is not None:
        days = (_next(profile.birthday, today) - today).days
        if days == 0:
            out.append(Phrase(N_("今天是 %(name)s 的生日！"), {"name": name}))
        elif days <= 30:
            out.append(Phrase(N_("距离 %(name)s 生日还有 %(days)s 天"), {"name": name, "days": days}))
    for m in milestones(profile, today - timedelta(days=7), 14):
        if m.kind == "birthday":
            continue
        # "%(years).0s" prints nothing; it is there because a translation may only use the source's
        # placeholders (pybabel checks), and English writes the number where Chinese spells it out
        years: dict[str, Value] = {"years": m.years, "years_zh": years_zh(m.years)}
        if m.kind == "debut":
            out.append(Phrase(N_("%(name)s 出道%(years_zh)s周年%(years).0s"), {"name": name, **years}))
        else:
            out.append(Phrase(N_("《%(title)s》发行%(years_zh)s周年%(years).0s"), {"title": m.title, **years}))
    for work in works_of(profile):
        age = (today - work.released).days
        if 0 <= age <= 30:
            out.append(Phrase(N_("新作《%(title)s》发行第 %(day)s 天"), {"title": work.title, "day": age + 1}))
    return out[:3]


# --- which fan club a post is about -----------------------------------------------------------


def idol_circle_for(session: Session, viewer: Viewer, post: Post) -> tuple[Circle, IdolProfile] | None:
    """The fan club an 应援卡 for this post would go to: the post's own fan club, or one of the
    viewer's fan clubs whose idol the post names (its text, or the engine's topics for it)."""
    if viewer.id is None:
        return None
    if post.circle_id is not None:
        circle = session.get(Circle, post.circle_id)
        if circle is not None and circle.kind == "fanclub" and circle.id in viewer.circle_ids:
            profile = session.get(IdolProfile, circle.id)
            return (circle, profile) if profile is not None else None
    if not viewer.circle_ids:
        return None
    rows = session.execute(
        select(Circle, IdolProfile)
        .join(IdolProfile, IdolProfile.circle_id == Circle.id)
        .where(Circle.id.in_(sorted(viewer.circle_ids)), Circle.kind == "fanclub")
        .order_by(Circle.id)
    ).all()
    if not rows:
        return None
    topics = session.scalar(select(PostScore.topics).where(PostScore.post_id == post.id)) or []
    text = post.body.casefold() + " " + " ".join(str(t).casefold() for t in topics)
    for circle, profile in rows:
        names = [profile.name, *profile.keywords]
        if any(n and n.casefold() in text for n in names):
            return circle, profile
    return None


# --- birthday and anniversary theme weeks -----------------------------------------------------


def _auto_week(circle: Circle, profile: IdolProfile, m: Milestone) -> tuple[str, dict[str, Any]]:
    name = profile.name
    if m.kind == "birthday":
        key = f"birthday:{circle.id}:{m.day.year}"
        tag, title = f"{name}生日快乐", f"{name} 生日应援周"
        desc = f"{m.day.month} 月 {m.day.day} 日是 {name} 的生日，一起写下祝福吧。"
        prompt = f"想对 {name} 说的生日祝福\n这一年最难忘的一个瞬间"
        source = "birthday"
    elif m.kind == "debut":
        key = f"debut:{circle.id}:{m.day.year}"
        tag, title = f"{name}出道{m.years}周年", f"{name} 出道{years_zh(m.years)}周年"
        desc = f"{m.day.isoformat()} 是 {name} 出道{years_zh(m.years)}周年纪念日。"
        prompt = "你是从哪一个作品入坑的？\n这些年陪伴你的一句歌词"
        source = "anniversary"
    else:
        digest = hashlib.sha256(m.title.encode()).hexdigest()[:12]
        key = f"work:{circle.id}:{digest}:{m.day.year}"
        tag, title = f"{m.title}{m.years}周年", f"《{m.title}》发行{years_zh(m.years)}周年"
        desc = f"《{m.title}》发行于 {m.day.year - m.years} 年 {m.day.month} 月 {m.day.day} 日。"
        prompt = f"第一次听《{m.title}》是在什么时候？"
        source = "anniversary"
    fields = {
        "hashtag": tag.replace("#", "")[:32].casefold(),
        "title": title[:60],
        "description": desc,
        "prompt": prompt,
        "source": source,
        "starts_at": day_start(m.day - timedelta(days=3)),
        "ends_at": day_start(m.day + timedelta(days=4)),
    }
    return key, fields


def create_auto_weeks(session: Session, now: datetime) -> int:
    """Theme weeks for every fan club's birthdays and anniversaries in the next two weeks; each once."""
    today = local_today(now)
    made = 0
    for circle, profile in session.execute(
        select(Circle, IdolProfile).join(IdolProfile, IdolProfile.circle_id == Circle.id)
    ).all():
        for m in milestones(profile, today, AUTO_AHEAD_DAYS):
            key, fields = _auto_week(circle, profile, m)
            if session.scalar(select(ThemeWeek.id).where(ThemeWeek.auto_key == key)) is not None:
                continue
            new = ThemeWeek(circle_id=circle.id, auto_key=key, highlights=[], **fields)
            week = select(ThemeWeek).where(ThemeWeek.auto_key == key)
            made += insert_or_existing(session, new, partial(session.scalar, week))[1]  # another worker may race us
    return made
