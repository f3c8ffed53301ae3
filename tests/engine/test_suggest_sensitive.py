"""Sensitive moments: under any post the crisis detector flags, only the reviewed supportive lines —
no corpus line, no personal line, no LLM line, no cheer, no jokes, no 多喝热水, no "what happened?"."""

from __future__ import annotations

import re

import pytest

from nook.engine import detect_crisis
from nook.engine.suggest import suggest
from nook.engine.suggest.lines import sensitive_texts
from nook.engine.suggest.llm import LLMSuggester, Message
from nook.engine.suggest.safety import unsupportive

CRISIS_POSTS = [
    "我真的不想活了",
    "活着好累，不如死了算了",
    "最近总想消失，没有我大家会更好吧",
    "今天又割腕了，不知道还能撑多久",
    "确诊了中度抑郁，今天开始吃药",
    "抑郁症第三年，什么都不想做",
    "真的撑不下去了，每天都不想醒",
    "外婆昨天去世了，我还没来得及回去看她",
    "我家狗狗昨天走了，陪了我十二年",
    "陪伴我十年的猫咪去了彩虹桥",
    "爸爸住院了，医生说是肺癌晚期",
    "我妈确诊了乳腺癌，明天手术",
    "他又打我了，我不敢回家",
    "在一起五年，今天分手了",
    "离婚手续办完了，一个人坐在民政局门口",
    "今天开始抗抑郁治疗了，希望能好起来",
    "奶奶走了，再也见不到她了",
]
_CHEER = re.compile(r"恭喜|哈哈|笑死|羡慕|太棒|好棒|加油|干杯|666|冲鸭|撒花")
_PROBE = re.compile(r"怎么回事|发生了什么|出什么事|评评理|多喝热水|多喝水|想开点|下一个更好")
_INVENTED = re.compile(r"我也经历过|我也有过|我之前也|我以前|我当年")
# Readers whose own posts would connect to the crisis post: none of it may be drawn on.
HISTORY = [
    "我家狗狗去年也走了，到现在还会梦到它",
    "去年分手的时候我也觉得天塌了",
    "考研终于上岸了！！",
    "爸爸住院那阵子我天天往医院跑",
]


class _CountingLLM:
    """A transport that answers cheerfully and counts how often it is asked."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, messages: list[Message]) -> str:
        self.calls += 1
        return '["哈哈哈别难过啦，多喝热水！", "到底怎么回事？说出来大家帮你评评理"]'


@pytest.mark.parametrize("post", CRISIS_POSTS)
def test_every_crisis_post_is_flagged_and_gets_only_reviewed_supportive_lines(post: str) -> None:
    assert detect_crisis(post) is not None, post
    transport = _CountingLLM()
    found = suggest(post, HISTORY, llm=LLMSuggester(transport))
    assert transport.calls == 0  # the operator's LLM is never asked about a crisis post
    assert len(found) == 3 and len({s.intent for s in found}) == 3
    for s in found:
        assert s.text in sensitive_texts(), s.text
        assert s.source not in ("retrieved", "personal", "llm", "fallback"), s
        assert unsupportive(s.text) is None, s.text
        assert not _CHEER.search(s.text) and not _PROBE.search(s.text) and not _INVENTED.search(s.text), s.text
    assert found[0].intent == "empathy"


def test_every_reviewed_supportive_line_passes_the_supportive_rule() -> None:
    lines = sensitive_texts()
    assert len(lines) >= 50
    assert [t for t in lines if unsupportive(t)] == []


def test_a_suicide_post_gets_lines_that_reach_out() -> None:
    found = suggest("我真的不想活了")
    assert any(re.search(r"找我|陪|我在|打个电话|私信", s.text) for s in found)


def test_a_pet_death_is_mourned_not_asked_about() -> None:
    found = suggest("陪伴我十年的猫咪去了彩虹桥")
    assert not any(re.search(r"现在怎么样|可爱|叫什么|多大", s.text) for s in found)
    assert any("它" in s.text for s in found)


def test_the_same_crisis_post_gets_the_same_lines_for_every_reader() -> None:
    post = "在一起五年，今天分手了"
    assert suggest(post) == suggest(post, HISTORY) == suggest(post, ["去年分手的时候我也觉得天塌了"])


# Grief told in the words people use (no 去世): each must reach the reviewed supportive set, never a cheerful
# or curious line ("这个梦也太有意思了吧", "好久没见了吗？要不要约一下" were offered under such posts).
GRIEF_TOLD_PLAINLY = [
    "刚刚打电话回家才知道，我家小喵不在了。。。好难过",
    "昨晚梦见它了，陪我一起长大的你，在那边要好好的",
    "外婆走得太突然，没来得及见最后一面",
    "今天是爸爸的忌日，回老家扫墓了",
    "明天头七，我还是不敢相信",
    "送走了陪我十二年的狗狗，家里好空",
    "好好的一个人，怎么送进医院就没了",
    "一年了，那个世界好吗，我想你了，奶奶",
]
_CURIOUS = re.compile(r"有意思|好玩|约一下|现在怎么样|可爱|开心|精彩|羡慕")


@pytest.mark.parametrize("post", GRIEF_TOLD_PLAINLY)
def test_grief_told_plainly_gets_only_the_supportive_set(post: str) -> None:
    found = suggest(post, HISTORY)
    assert len(found) == 3
    for s in found:
        assert s.text in sensitive_texts(), s.text
        assert not _CURIOUS.search(s.text) and not _CHEER.search(s.text) and not _PROBE.search(s.text), s.text


def test_a_death_the_author_mourns_from_afar_gets_no_shared_memories() -> None:
    """A hero in the news or a stranger: "your memories together" would be false; the public set speaks instead."""
    for post in ("[蜡烛]伟大的医护人员，一路走好", "好好的一个人，怎么送进医院就没了"):
        found = suggest(post)
        assert len(found) == 3 and all(s.text in sensitive_texts() for s in found)
        assert not any(re.search(r"你们之间|回忆|它", s.text) for s in found), found


def test_a_candle_beside_a_farewell_is_mourning_even_when_the_words_are_few() -> None:
    found = suggest("[蜡烛][蜡烛]您走好，人民英雄")
    assert found and all(s.text in sensitive_texts() for s in found)
    assert not any(s.text in sensitive_texts() for s in suggest("今天点了蜡烛吃晚饭，好浪漫"))
