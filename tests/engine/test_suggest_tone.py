"""The feeling of a suggestion meets the post's own words: no cheer under a complaint or a loss, no comfort
under a calm or happy post, no topic read against the post's mood (a parcel lost again is no shopping
joy), and no generic question under a post whose situation was not read. Unrelated posts do not all get
the same line."""

from __future__ import annotations

import re

import pytest

from nook.engine.suggest import suggest
from nook.engine.suggest.safety import post_tone, tone_mismatch

_CHEER = re.compile(r"开心|快乐|真好|好喜欢|恭喜|厉害|好棒|羡慕|可爱|好看|眼光|好香|太香|剁手|好美|惬意|治愈")
_COMFORT = re.compile(r"抱抱|抱一下|心疼|难受|郁闷|丧|消消气|来气|辛苦|缓一缓|难熬|憋屈|糟心|别硬撑|委屈")

COMPLAINTS = [
    "快递又被放错了地方，找了一个小时",
    "楼上又在装修，从早上八点吵到现在",
    "银行只有一台取款机，还是坏的，气死我了",
    "排了两个小时队，轮到我说没号了",
    "外卖送了一个半小时，全凉了",
    "网又断了，游戏掉线三次",
]
GLAD_OR_CALM = [
    "今天和朋友去吃了火锅，好开心哈哈",
    "傍晚的天空好美",
    "终于搬进新家啦",
    "考研上岸了！！",
    "周末去公园散步，阳光刚刚好",
    "我家猫今天又把花瓶打碎了哈哈哈",
]


@pytest.mark.parametrize("post", COMPLAINTS)
def test_a_complaint_gets_no_cheer(post: str) -> None:
    assert post_tone(post) == "down"
    for s in suggest(post):
        assert not _CHEER.search(s.text), (post, s.text)


@pytest.mark.parametrize("post", GLAD_OR_CALM)
def test_a_calm_or_happy_post_gets_no_comfort(post: str) -> None:
    for s in suggest(post):
        assert not _COMFORT.search(s.text), (post, s.text)


def test_the_tone_rule_reads_both_sides() -> None:
    assert tone_mismatch("好好看！眼光太好了", "快递又被放错了地方", "everyday") is not None
    assert tone_mismatch("抱抱，这种时候真的会闷一整天", "傍晚的天空好美", "happy") is not None
    # a post with both trouble and joy (考过了，哭了) is left to the mood: neither side is vetoed by words
    assert tone_mismatch("恭喜恭喜！", "终于考过了，开心到哭", "proud") is None
    assert tone_mismatch("抱抱，先缓一缓", "今天好累，又加班了", "low") is None


def test_a_post_whose_situation_is_unread_gets_no_generic_question() -> None:
    """A general "快说说？" or "现在心情平复点了吗？" asks about nothing the post says."""
    posts = ["这个热火真心不错", "发现我好喜欢聪哥这样的名人哈哈", "气死我了，真的服了这个人", "唉，心里好闷"]
    for post in posts:
        for s in suggest(post):
            assert s.intent != "question" or s.source == "retrieved", (post, s)


def test_unrelated_rants_do_not_all_get_the_same_line() -> None:
    rants = [
        "气死我了，真的服了这个人",
        "太过分了，凭什么每次都是我背锅",
        "真的无语，说好的事情又变卦",
        "烦死了，这破系统一天崩三次",
        "气到发抖，有些人真的没素质",
        "受不了了，隔壁天天半夜唱歌",
        "服了，买的东西到手就是坏的",
        "讨厌这种说话不算数的人",
    ]
    lines = [s.text for post in rants for s in suggest(post)]
    assert lines, "a rant read surely as angry gets a line"
    assert len(set(lines)) >= 0.6 * len(lines), lines
