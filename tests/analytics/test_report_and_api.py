"""`nook report` and the API's filters on generated activity: the same figures in HTML, JSON and CSV."""

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from typer.testing import CliRunner

from nook.cli.main import app
from nook.jobs.schedule import run_job
from nook.store.db import transaction
from nook.store.models import CircleMember, User
from tests.analytics.gen import GComment, GPost, GUser, add_circle, add_comment, add_post, add_user, fix_sequences

NOW = datetime(2026, 3, 10, 4, tzinfo=UTC)  # 12:00 in Shanghai


def _activity() -> None:
    """Two days: a site-wide post with a warm comment and a reply, and a circle post nobody answered."""
    with transaction() as s:
        for i in (1, 2):
            add_user(s, GUser(i, NOW - timedelta(days=30)))
        s.flush()
        add_circle(s, 1, 1, NOW - timedelta(days=30))
        s.flush()
        add_post(s, GPost(1, 1, None, NOW - timedelta(days=1), "question"))
        add_post(s, GPost(2, 2, 1, NOW, "none"))
        s.flush()
        add_comment(s, GComment(1, 1, 2, None, NOW - timedelta(days=1, hours=-1), (88, False, False)))
        s.flush()
        add_comment(s, GComment(2, 1, 1, 1, NOW - timedelta(days=1, hours=-2), (50, False, False)))
        s.flush()
        fix_sequences(s)
    run_job("analytics", NOW)


def test_report_writes_html_and_json(tmp_path: Path) -> None:
    _activity()
    runner = CliRunner()
    out = tmp_path / "report.html"
    args = ["report", "--from", "2026-03-09", "--to", "2026-03-10", "--out", str(out), "--no-refresh"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html and "<svg" in html and "钩子效果" in html and "2026-03-09" in html

    result = runner.invoke(app, ["report", "--from", "2026-03-09", "--to", "2026-03-10", "--json", "--no-refresh"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["totals"]["posts"] == 2 and data["totals"]["comments"] == 2 and data["totals"]["replies"] == 1
    assert data["totals"]["nocomment_share"] == 0.5  # the circle post got no comment
    assert data["health"]["labels"] == ["2026-03-09", "2026-03-10"] and data["health"]["posts"] == [1, 1]
    assert data["totals"]["warm_share"] == 0.5 and data["totals"]["median_score"] == 50.0

    circle = runner.invoke(app, ["report", "--from", "2026-03-09", "--to", "2026-03-10", "--json", "--circle", "c1"])
    assert circle.exit_code == 0, circle.output
    assert json.loads(circle.stdout)["totals"]["posts"] == 1

    bad = runner.invoke(app, ["report", "--from", "March", "--to", "2026-03-10"])
    assert bad.exit_code == 2
    assert runner.invoke(app, ["report", "--from", "2026-03-10", "--to", "2026-03-01"]).exit_code == 1
    assert runner.invoke(app, ["analytics", "backfill", "--from", "2026-03-01", "--to", "2026-03-10"]).exit_code == 0


def test_api_filters_and_csv(member: Any, live_server: str) -> None:
    _activity()
    boss = member("boss")
    with transaction() as s:
        user = s.get(User, boss.id)
        assert user is not None
        user.is_admin = True
    week = boss.http.get("/admin/analytics", params={"from": "2026-03-02", "to": "2026-03-15", "grain": "week"})
    assert week.status_code == 200
    assert week.json()["health"]["labels"] == ["2026-03-02", "2026-03-09"]
    assert week.json()["health"]["comments"] == [0, 2]
    one = boss.http.get("/admin/analytics", params={"from": "2026-03-09", "to": "2026-03-10", "circle": 1}).json()
    assert one["circle"]["slug"] == "c1" and one["totals"]["posts"] == 1 and one["totals"]["comments"] == 0
    site = boss.http.get("/admin/analytics", params={"from": "2026-03-09", "to": "2026-03-10"}).json()
    assert [r["slug"] for r in site["circles"]["rows"]] == ["c1"]

    for params, status in [
        ({"from": "2026-02-30"}, 422),
        ({"from": "2026-03-10", "to": "2026-03-01"}, 422),
        ({"from": "2020-01-01", "to": "2026-03-01"}, 422),
        ({"grain": "year"}, 422),
        ({"circle": 999}, 404),
        ({"circle": -1}, 422),
        ({"from": "x" * 500}, 422),
    ]:
        assert boss.http.get("/admin/analytics", params=params).status_code == status, params

    csv = boss.http.get("/admin/analytics/health.csv", params={"from": "2026-03-09", "to": "2026-03-10"})
    assert csv.status_code == 200 and "attachment" in csv.headers["content-disposition"]
    lines = csv.text.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("period,posts,comments") and lines[1].startswith("2026-03-09,1,2,1")
    assert boss.http.get("/admin/analytics/nothing.csv").status_code == 404
    assert member("someone").http.get("/admin/analytics").status_code == 403
    # the insights slot shows the last week's headline figures and links to the full page
    slot = httpx.get(f"{live_server}/admin/insights", headers={"Authorization": f"Bearer {boss.token}"})
    assert slot.status_code == 200 and "走心评论" in slot.text and 'href="/admin/analytics"' in slot.text


def test_theme_weeks_and_scene_prompts(member: Any) -> None:
    """Participation in a theme week created after its first posts, and prompts shown → conversations."""
    from nook.store.models import Hashtag, PostHashtag, ScenePrompt, ThemeWeek

    _activity()  # the first run happens before the theme week exists
    with transaction() as s:
        tag = Hashtag(name="探店")
        s.add(tag)
        s.flush()
        s.add_all([PostHashtag(post_id=1, hashtag_id=tag.id), PostHashtag(post_id=2, hashtag_id=tag.id)])
        s.add(
            ThemeWeek(
                hashtag="探店",
                title="本周主题：探店",
                starts_at=NOW - timedelta(days=3),
                ends_at=NOW + timedelta(days=4),
                created_at=NOW + timedelta(hours=1),
            )
        )
        # a prompt is logged once per viewer and post: three campus prompts, three (viewer, post) pairs
        for i, (viewer, post, acted) in enumerate([(2, 1, True), (1, 2, False), (2, 2, False), (2, 1, True)]):
            s.add(
                ScenePrompt(
                    kind="campus" if i < 3 else "city_circle",
                    viewer_id=viewer,
                    post_id=post,
                    shown_at=NOW - timedelta(hours=i),
                    acted_at=NOW if acted else None,
                )
            )
    run_job("analytics", NOW + timedelta(hours=2))
    boss = member("boss")
    with transaction() as s:
        user = s.get(User, boss.id)
        assert user is not None
        user.is_admin = True
    data = boss.http.get("/admin/analytics", params={"from": "2026-03-01", "to": "2026-03-10"}).json()
    [week] = data["themes"]["rows"]
    assert week["title"] == "本周主题：探店" and week["posts"] == 2 and week["author_days"] == 2
    scenes = {r["kind"]: r for r in data["scenes"]["rows"]}
    assert (scenes["campus"]["shown"], scenes["campus"]["acted"]) == (3, 1)
    assert (scenes["city_circle"]["shown"], scenes["city_circle"]["acted"]) == (1, 1)
    csv = boss.http.get("/admin/analytics/scenes.csv", params={"from": "2026-03-01", "to": "2026-03-10"}).text
    assert "校园回忆" in csv


def test_circle_moderators_see_their_circles_figures_and_nothing_else(member: Any, live_server: str) -> None:
    """A circle's owner or moderator reads its analytics (the same figures an admin gets for it);
    not the whole site's, not another circle's, and not after losing the role."""
    _activity()
    keeper, other = member("keeper"), member("other")
    with transaction() as s:
        add_circle(s, 2, 2, NOW - timedelta(days=30))
        s.add(CircleMember(circle_id=1, user_id=keeper.id, role="moderator", status="active"))
        s.add(CircleMember(circle_id=2, user_id=keeper.id, role="member", status="active"))
    window = {"from": "2026-03-09", "to": "2026-03-10"}
    mine = keeper.http.get("/admin/analytics", params={**window, "circle": 1})
    assert mine.status_code == 200
    assert mine.json()["circle"]["slug"] == "c1" and mine.json()["totals"]["posts"] == 1
    csv = keeper.http.get("/admin/analytics/health.csv", params={**window, "circle": 1})
    assert csv.status_code == 200 and csv.text.lstrip("\ufeff").startswith("period,posts")

    site = keeper.http.get("/admin/analytics", params=window)
    assert site.status_code == 403 and "你管理的圈子" in site.text
    assert keeper.http.get("/admin/analytics", params={**window, "circle": 2}).status_code == 403
    assert keeper.http.get("/admin/analytics/health.csv", params=window).status_code == 403
    assert other.http.get("/admin/analytics", params={**window, "circle": 1}).status_code == 403

    # the page opens on the circle they moderate and offers no other scope; the digest is the admins'
    auth = {"Authorization": f"Bearer {keeper.token}"}
    page = httpx.get(f"{live_server}/admin/analytics", params=window, headers=auth)
    assert page.status_code == 200 and "圈子1" in page.text and "圈子2" not in page.text
    assert 'data-src="/api/v1/admin/analytics?' in page.text and "circle=1" in page.text
    assert ">全站<" not in page.text
    assert httpx.get(f"{live_server}/admin/analytics/digest", headers=auth).status_code == 403
    # in English the page hands the charts their words translated (a Chinese page hands over none)
    english = httpx.get(f"{live_server}/admin/analytics", params=window, headers=auth, cookies={"nook_lang": "en"})
    assert _chart_words(english.text)["走心留言率"] == "Warm-comment rate"
    assert _chart_words(page.text) == {}

    with transaction() as s:
        row = s.get(CircleMember, (1, keeper.id))
        assert row is not None
        row.role = "member"
    assert keeper.http.get("/admin/analytics", params={**window, "circle": 1}).status_code == 403


def _chart_words(page: str) -> dict[str, str]:
    found = re.search(r"data-labels='([^']*)'", page)
    assert found is not None
    words: dict[str, str] = json.loads(html.unescape(found.group(1)))
    return words
