"""A minor gripe (a late parcel, a rainy day, a slow queue) gets a light line or none, never crisis-style
comfort; that comfort stays for posts whose words tell of real distress, and crisis posts keep their
reviewed supportive set."""

from __future__ import annotations

import pytest

from nook.engine.suggest import suggest
from nook.engine.suggest.lines import bank, sensitive_texts
from nook.engine.suggest.weight import DISTRESS, MINOR, heavy_line, weight

MINOR_GRIPES = [
    "快递又晚了三天，烦死了",
    "又下雨了，鞋子全湿了，郁闷",
    "今天公交等了四十分钟，无语",
    "外卖送错了，气死我了",
    "网速太慢了，视频一直卡，受不了",
    "排了两个小时队，轮到我说没号了",
    "楼上又在装修，从早上八点吵到现在",
    "电梯坏了，爬了十二楼，腿都软了",
]


@pytest.mark.parametrize("post", MINOR_GRIPES)
def test_a_minor_gripe_gets_no_heavy_comfort(post: str) -> None:
    assert weight(post) == MINOR
    for s in suggest(post):
        assert not heavy_line(s.text), (post, s.text)


def test_a_minor_gripe_may_get_a_light_line() -> None:
    light = {line.text for line in bank()["general"] if line.variant == "light"}
    shown = {s.text for post in MINOR_GRIPES for s in suggest(post)}
    assert shown & light, shown


@pytest.mark.parametrize(
    "post", ["今天真的好难过，一个人哭了很久", "这几天一直很焦虑，不知道该怎么办", "下雨天一个人在家，好孤单好想哭"]
)
def test_real_distress_still_gets_comfort(post: str) -> None:
    assert weight(post) == DISTRESS
    found = suggest(post)
    assert found
    assert any(heavy_line(s.text) for s in found) or all("抱" in s.text or "心疼" in s.text for s in found)


def test_a_crisis_post_with_a_nuisance_word_keeps_the_supportive_set() -> None:
    found = suggest("地铁上突然觉得活着没意思，不想活了")
    assert found and all(s.text in sensitive_texts() for s in found)


def test_the_heavy_lines_are_the_crisis_style_ones() -> None:
    assert heavy_line("你不是一个人在扛，想说话随时找我")
    assert heavy_line("难受的时候不用硬撑，我听着")
    assert not heavy_line("啊这，也太磨人了")
    assert not heavy_line("带伞了吗？到家了没")
