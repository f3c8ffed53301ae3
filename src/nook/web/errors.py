"""Friendly HTML error pages on web paths (the API keeps its JSON errors)."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response

from nook.http.params import MAX_ID
from nook.phrases import N_, Phrase
from nook.web.pages import is_htmx, redirect, render

TITLES = {
    400: "请求有误",
    401: "请先登录",
    403: "没有权限",
    404: "找不到这个页面",
    405: "不支持的操作",
    409: "操作冲突",
    413: "内容太大",
    422: "填写有误",
    429: "操作太频繁",
    503: "稍后再试",
}


def _bad_path_id(request: Request) -> bool:
    """An id in the address that no row can have (0, negative, beyond 32 bits): a page that does not exist."""
    ids = [str(v) for k, v in request.path_params.items() if k.endswith("_id")]
    return any(not v.isdigit() or not 1 <= int(v) <= MAX_ID for v in ids)


def html_error(request: Request, status: int, message: Phrase, headers: dict[str, str] | None) -> Response:
    """The error page (or HTMX toast); `message` is shown in the page's language."""
    if status == 422 and _bad_path_id(request):
        status, message = 404, Phrase(N_("找不到这个页面"))
    if status == 401 and request.method == "GET" and not is_htmx(request):
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return redirect(f"/login?next={quote(target)}")
    title = TITLES.get(status, "出错了")
    if is_htmx(request):
        # HTMX swaps nothing on 4xx by default; the small toast partial is read by app.js.
        return render(request, None, "partials/error_toast.html", status, headers, title=title, message=message)
    return render(request, None, "pages/error.html", status, headers, title=title, message=message, status_code=status)
