"""The situation reader: what happened in a post, with the right polarity, and `general` when unsure."""

from __future__ import annotations

import pytest

from nook.engine.suggest import suggest
from nook.engine.suggest.pipeline import _read
from nook.engine.suggest.situations import GENERAL, SITUATIONS

CASES = [
    ("月考又没考好，数学才七十分", "exam_fail", "low"),
    ("雅思终于考到7分了！", "exam_pass", "proud"),
    ("考研终于上岸了！！三年的努力没有白费", "exam_pass", "proud"),
    ("被裁了，明天开始不用上班了", "layoff", "low"),
    ("升职了，但是好慌，怕带不好团队", "promotion_scary", "low"),
    ("拿到offer了！下个月入职", "job_new", "proud"),
    ("加班到凌晨两点，终于做完了", "overtime", "low"),
    ("新领养了一只橘猫，到家第一天就躲床底", "pet_new", "happy"),
    ("我家狗狗走丢了，在小区附近，大家帮忙留意", "pet_lost", "low"),
    ("我家猫咪今天拆家了", "pet_mischief", "happy"),
    ("宝宝今天会走路了！", "baby_milestone", "happy"),
    ("终于脱单了！", "love_new", "happy"),
    ("感冒发烧三天了，好难受", "sick_minor", "low"),
    ("出院了！终于可以回家", "recovery", "happy"),
    ("周末去大理玩了三天，洱海边的日落太美了", "trip", "happy"),
    ("第一次自己做了红烧肉，居然没糊！", "cooking", "happy"),
    ("今天好冷啊，降温了", "cold", "low"),
    ("航班延误了四个小时，还在机场", "travel_mishap", "low"),
    ("新买的相机到了，周末去哪里拍？", "question_advice", "everyday"),
    ("今天是我的生日，又长了一岁", "birthday_own", "happy"),
    ("连跪五把，王者不想玩了", "game_lose", "low"),
]


@pytest.mark.parametrize(("post", "name", "mood"), CASES, ids=[c[1] for c in CASES])
def test_situations_are_read_with_the_right_feeling(post: str, name: str, mood: str) -> None:
    situation = _read(post, None).situation
    assert (situation.name, situation.mood) == (name, mood), post
    assert situation.name in SITUATIONS and situation.confidence >= 0.7


@pytest.mark.parametrize(
    "post",
    ["可能还是因为性格，敏感的神经感触到太多不能说的气氛", "我七年一直网购，还是看个人", "今天也是普通的一天"],
)
def test_unclear_posts_fall_back_to_general(post: str) -> None:
    assert _read(post, None).situation.name == GENERAL


def test_a_topic_word_alone_is_no_situation() -> None:
    assert _read("雅思和托福哪个更适合申请英国？", None).situation.name != "exam_pass"
    assert _read("我读数学，第一反应是大家都觉得我要当老师", None).situation.name != "exam_pass"


def test_an_exam_pass_is_not_met_with_sympathy() -> None:
    found = suggest("雅思终于考到7分了！")
    assert not any(w in s.text for s in found for w in ("抱抱", "心疼", "难过", "没考好"))


def test_a_layoff_is_not_met_with_cheer() -> None:
    found = suggest("被裁了，明天开始不用上班了")
    assert not any(w in s.text for s in found for w in ("恭喜", "哈哈", "小确幸", "生活气息", "羡慕"))


def test_a_calm_sunset_post_gets_no_comfort() -> None:
    found = suggest("傍晚的江边，晚霞好美")
    assert not any(w in s.text for s in found for w in ("抱抱", "心疼", "难过"))


def test_slots_are_filled_only_with_what_the_post_surely_names() -> None:
    assert _read("周末去大理玩了三天", None).slots.get("place") == "大理"
    assert "place" not in _read("明天好有生活气息", None).slots
    assert _read("雅思又没考好", None).slots.get("exam") == "雅思"
    assert "exam" not in _read("考试又没考好", None).slots  # 考试 is no name: the line says less
