"""Domain errors. Services raise these; the web and API layers turn them into 4xx answers.

A message is a zh-Hans template marked with `N_` plus named values, e.g.
`Invalid(N_("一次最多查看 %(days)s 天"), days=MAX_DAYS)`. `message` (and `str()`) is the Chinese
sentence the JSON API serves; web pages show `phrase` translated into the page's language.
"""

from __future__ import annotations

import math

from nook.phrases import N_, Phrase, Value


class NookError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, **params: Value) -> None:
        self.phrase = Phrase(message, params)
        self.message = str(self.phrase)
        super().__init__(self.message)


class Invalid(NookError):
    """The input breaks a rule the member can fix (too long, wrong format, ...)."""

    status = 422
    code = "invalid"


class NotFound(NookError):
    """Missing, or not visible to this viewer: the two are indistinguishable on purpose."""

    status = 404
    code = "not_found"

    def __init__(self, message: str = N_("找不到该内容"), **params: Value) -> None:
        super().__init__(message, **params)


class Unauthorized(NookError):
    status = 401
    code = "unauthorized"

    def __init__(self, message: str = N_("请先登录"), **params: Value) -> None:
        super().__init__(message, **params)


class BadCredentials(Unauthorized):
    """Wrong username or password: the failure is recorded even though the request fails."""

    def __init__(self, username: str) -> None:
        super().__init__(N_("用户名或密码不正确"))
        self.username = username


class Forbidden(NookError):
    """The viewer can see the object but may not do this to it."""

    status = 403
    code = "forbidden"


class Conflict(NookError):
    status = 409
    code = "conflict"


class RateLimited(NookError):
    status = 429
    code = "rate_limited"

    def __init__(self, rule: str, retry_after: float) -> None:
        self.rule = rule
        self.retry_after = max(1, math.ceil(retry_after))
        super().__init__(N_("操作太频繁了，请 %(seconds)s 秒后再试"), seconds=self.retry_after)


class TooLarge(NookError):
    """A request body past its route's limit, counted as it streams."""

    status = 413
    code = "too_large"

    def __init__(self) -> None:
        super().__init__(N_("请求内容太大"))


class Busy(NookError):
    """The database stayed locked past its timeout: nothing was written, and trying again will work."""

    status = 503
    code = "busy"

    def __init__(self, retry_after: int = 2) -> None:
        self.retry_after = retry_after
        super().__init__(N_("网站正忙，请稍后再试"))
