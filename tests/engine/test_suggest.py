"""Comment suggestions as a reader meets them: three different, fitting, specific and personal replies."""

from __future__ import annotations

import re

import pytest

from nook.engine.comments import assess_comment
from nook.engine.suggest import Suggestion, hook_rewrites, suggest, topic_chips
from nook.engine.suggest.pipeline import MIN_QUALITY

_CHEER = re.compile(r"恭喜|祝贺|太棒|好棒|哈哈|羡慕|干杯|犒劳|为你骄傲|太厉害")
_COMFORT = re.compile(r"抱抱|陪|我在|都在|心疼|辛苦|懂你|好受")
_HOOK = re.compile(r"[?？]|吗|我也|我之前|我当年|我上周")

POSTS = [
    "我家狗狗昨天走了，陪了我十二年",
    "雅思又没考到7分，好焦虑，不知道怎么办",
    "考研终于上岸了！！三年的努力没有白费",
    "周末去大理玩了三天，洱海边的日落太美了",
    "今天下雨了，在家煮了一碗面",
]


@pytest.fixture(scope="module")
def answers() -> dict[str, list[Suggestion]]:
    return {post: suggest(post) for post in POSTS}


def test_every_post_gets_three_suggestions_with_different_intents(answers: dict[str, list[Suggestion]]) -> None:
    for post, found in answers.items():
        assert len(found) == 3, post
        assert len({s.intent for s in found}) == 3, (post, [s.intent for s in found])
        assert len({s.text for s in found}) == 3
        assert all(s.why for s in found)


def test_grief_gets_comfort_and_never_congratulations(answers: dict[str, list[Suggestion]]) -> None:
    found = answers["我家狗狗昨天走了，陪了我十二年"]
    assert not any(_CHEER.search(s.text) for s in found), [s.text for s in found]
    assert any(_COMFORT.search(s.text) for s in found)
    assert found[0].intent == "empathy"


def test_anxious_exam_post_gets_comfort_that_names_the_exam(answers: dict[str, list[Suggestion]]) -> None:
    found = answers["雅思又没考到7分，好焦虑，不知道怎么办"]
    assert not any(_CHEER.search(s.text) for s in found)
    assert any(_COMFORT.search(s.text) for s in found)
    assert sum("雅思" in s.text for s in found) >= 2


def test_achievement_gets_resonance_and_a_concrete_follow_up(answers: dict[str, list[Suggestion]]) -> None:
    found = answers["考研终于上岸了！！三年的努力没有白费"]
    assert "celebrate" in [s.intent for s in found]
    assert any("考研" in s.text for s in found)
    assert not any(re.search(r"抱抱|心疼|节哀|别难过", s.text) for s in found)


def test_travel_post_suggestions_name_the_place(answers: dict[str, list[Suggestion]]) -> None:
    found = answers["周末去大理玩了三天，洱海边的日落太美了"]
    assert any(re.search("大理|洱海", s.text) for s in found), [s.text for s in found]


def test_every_suggestion_has_a_hook_passes_low_value_and_scores_well(answers: dict[str, list[Suggestion]]) -> None:
    for post, found in answers.items():
        for s in found:
            assert _HOOK.search(s.text), s.text
            verdict = assess_comment(s.text, post, use_encoder=False)
            assert not verdict.low_value.flag, s.text
            assert verdict.quality.score >= MIN_QUALITY or s.source == "fallback", (s.text, verdict.quality)


def test_connected_history_is_used_and_why_says_so() -> None:
    history = ["今天遛狗遇到好多人", "去年在青海看到的星空，当时还写了首小诗"]
    found = suggest("今晚在青海湖边拍到了银河", history)
    personal = [s for s in found if "青海" in s.text and "星空" in s.text]  # 星空: the reader's own words
    assert personal, [s.text for s in found]
    assert "你之前发过" in personal[0].why and "青海" in personal[0].why


def test_same_exam_in_history_makes_a_personal_reply() -> None:
    found = suggest("雅思终于考到7分了！", ["备考雅思第30天，口语还是好紧张"])
    assert any("雅思" in s.text and "口语" in s.text for s in found)
    assert any("你之前发过" in s.why for s in found)


def test_a_post_read_once_still_answers_each_reader_with_their_own_history() -> None:
    post = "雅思终于考到7分了！"
    before = suggest(post)  # the post's reading is now cached; the next reader brings their own history
    mine = suggest(post, ["备考雅思第30天，口语还是好紧张"])
    after = suggest(post)
    assert any(s.source == "personal" for s in mine)
    assert not any(s.source == "personal" for s in before + after)
    assert before == after


def test_a_post_at_the_length_limit_gets_fitting_suggestions_naming_its_exam() -> None:
    post = ("雅思又没考到7分，好焦虑，不知道怎么办。" + "今天又背了一整天单词，晚上还要练口语，" * 120)[:2000]
    found = suggest(post)
    assert len({s.intent for s in found}) == 3
    assert any("雅思" in s.text for s in found), [s.text for s in found]
    assert not any(_CHEER.search(s.text) for s in found)


def test_unrelated_history_is_not_forced_in() -> None:
    found = suggest("考研终于上岸了！", ["今天做了红烧肉，好香"])
    assert not any("红烧肉" in s.text or "你之前发过" in s.why for s in found)


def test_circle_topic_packs_give_chips_and_unknown_circles_none() -> None:
    assert "用三个词形容你最喜欢的镜头" in topic_chips("摄影", k=6)
    assert "最近在追的番，求安利!" in topic_chips("我们的追番小组", k=6)
    assert topic_chips("宝妈交流群")  # matched by alias
    assert topic_chips("xyz") == []
    assert topic_chips("摄影", k=2, offset=1) != topic_chips("摄影", k=2, offset=0)


def test_hook_assistant_adds_a_hook_and_keeps_the_writers_words() -> None:
    rewrites = hook_rewrites("今天去海边拍了日落", circle="摄影")
    assert 2 <= len(rewrites) <= 3
    assert all(r.text.startswith("今天去海边拍了日落") and len(r.text) > len("今天去海边拍了日落") for r in rewrites)
    assert hook_rewrites("你们觉得哪张好看？") == []  # it already has a hook
