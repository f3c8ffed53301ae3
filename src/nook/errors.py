"""Domain errors. Services raise these; the web and API layers turn them into 4xx answers."""

from __future__ import annotations

import math


class NookError(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Invalid(NookError):
    """The input breaks a rule the member can fix (too long, wrong format, ...)."""

    status = 422
    code = "invalid"


class NotFound(NookError):
    """Missing, or not visible to this viewer: the two are indistinguishable on purpose."""

    status = 404
    code = "not_found"

    def __init__(self, message: str = "找不到该内容") -> None:
        super().__init__(message)


class Unauthorized(NookError):
    status = 401
    code = "unauthorized"

    def __init__(self, message: str = "请先登录") -> None:
        super().__init__(message)


class BadCredentials(Unauthorized):
    """Wrong username or password: the failure is recorded even though the request fails."""

    def __init__(self, username: str) -> None:
        super().__init__("用户名或密码不正确")
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
        super().__init__(f"操作太频繁了，请 {self.retry_after} 秒后再试")
