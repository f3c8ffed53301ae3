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
