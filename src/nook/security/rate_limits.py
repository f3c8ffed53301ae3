"""The site's rate-limit rules, and the limiter this process uses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from nook.config import get_settings
from nook.errors import RateLimited
from nook.security.ratelimit import MemoryRateLimiter, RateLimiter, RedisRateLimiter, Rule

LOGIN_IP = Rule("login_ip", 30, 300)
REGISTER_IP = Rule("register_ip", 10, 3600)
POST = Rule("post", 30, 3600)
COMMENT = Rule("comment", 60, 3600)
#: Discourse's default, scaled by trust level (see `like_rule`).
LIKE = Rule("like", 50, 86400)
BOARD = Rule("board", 30, 3600)
MENTION = Rule("mention", 60, 3600)  # members told of an @, per author
FRIEND_REQUEST = Rule("friend_request", 50, 86400)
UPLOAD = Rule("upload", 90, 3600)
ENGINE = Rule("engine", 120, 60)
#: Appeals against moderation cases (one open appeal per case besides).
APPEAL = Rule("appeal", 5, 3600)
#: Editing schools, same-city settings and circle localities.
SCENE_EDIT = Rule("scene_edit", 60, 3600)
#: 转发 (each is a post too, so the post rule applies as well).
REPOST = Rule("repost", 30, 3600)
#: 私信 sent, and requests to strangers (the request box) among them.
MESSAGE = Rule("message", 120, 3600)
MESSAGE_REQUEST = Rule("message_request", 10, 86400)
#: Reports of a conversation, 特别关心 and 关注 changes.
MESSAGE_REPORT = Rule("message_report", 10, 86400)
FOLLOW = Rule("follow", 100, 86400)
#: Creating, editing and deleting friend groups.
GROUP_EDIT = Rule("group_edit", 60, 3600)
#: Ballots in polls.
VOTE = Rule("vote", 120, 3600)

#: Login attempts at one account from one address (a success starts afresh): a guesser elsewhere
#: slows only themselves, never the member (nook.social.people.login).
LOGIN_ACCOUNT_IP = Rule("login_account_ip", 5, 900)
#: Creating and editing albums (相册); uploads count under UPLOAD.
ALBUM = Rule("album", 60, 3600)
#: Answers to one album's question from one member: a guesser gets a handful per quarter hour.
ALBUM_ANSWER = Rule("album_answer", 5, 900)

_TRUST_FACTORS = (1.0, 1.5, 2.0, 3.0)
_suspended: ContextVar[bool] = ContextVar("nook_limits_suspended", default=False)


@contextmanager
def suspended() -> Iterator[None]:
    """Let an operator's bulk import (e.g. `nook demo`) through; never used on a request path."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def like_rule(trust_level: int) -> Rule:
    return LIKE.scaled(_TRUST_FACTORS[max(0, min(trust_level, len(_TRUST_FACTORS) - 1))])


@lru_cache(maxsize=1)
def limiter() -> RateLimiter:
    settings = get_settings()
    if settings.redis_url:
        import redis

        return RedisRateLimiter(redis.Redis.from_url(settings.redis_url))
    return MemoryRateLimiter()


def enforce(rule: Rule, key: str | int) -> None:
    """Count one request against `rule` for `key`, or raise RateLimited (HTTP 429)."""
    if _suspended.get() or not get_settings().rate_limits_enabled:
        return
    decision = limiter().hit(rule, str(key))
    if not decision.allowed:
        raise RateLimited(rule.name, decision.retry_after)
