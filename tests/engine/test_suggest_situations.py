"""How a post's situation is read: the cue table's blockers for misreads raters named, the crisis
reader's false alarms found on labelled posts, and the trained model that checks the cues."""

from __future__ import annotations

import pytest

from nook.engine import detect_crisis
from nook.engine.suggest import suggest
from nook.engine.suggest._situation_model import decide, model
from nook.engine.suggest.pipeline import _read
from nook.engine.suggest.situations import GENERAL, SITUATIONS


def situation(post: str) -> str:
    return _read(post, None).situation.name


@pytest.mark.parametrize(
    ("post", "not_read_as"),
    [
        ("给女儿买了个彩虹色的小马玩具，她抱着不撒手", "scenery"),  # a rainbow-coloured toy is no rainbow
        ("今年季后赛改成七局四胜了，排位赛也不一样", "gaming"),  # a playoff format is sport
        ("又被秀恩爱，吃了一嘴狗粮，饿了", "food_craving"),  # 狗粮 is someone's romance, not hunger
        ("最震惊的是我明年就本命年了，真不愿意承认", "idol_love"),  # 本命年 is no idol
        ("等疫情结束，我们一起去看樱花盛开！", "scenery"),  # a wish, not a sight
    ],
)
def test_misreads_raters_named_are_not_read_as_that_situation(post: str, not_read_as: str) -> None:
    assert situation(post) != not_read_as


@pytest.mark.parametrize(
    ("post", "read_as"),
    [
        ("祝自己生日快乐，祝福自己新的开始，可以勇敢做自己", "birthday_own"),  # the author's own birthday
        ("祝妈妈生日快乐，永远年轻", "birthday_wish"),
        ("这学期拿了一等奖学金，开心", "exam_pass"),
        ("读研要学费就算了，刚来奖学金就缩水", GENERAL),  # a word about a scholarship is no win
        ("学习好你怎么没得奖学金呢，装什么", GENERAL),
    ],
)
def test_birthdays_and_scholarships_are_read_as_what_happened(post: str, read_as: str) -> None:
    assert situation(post) == read_as


def test_a_real_rainbow_is_still_a_sight() -> None:
    assert situation("下班路上看到了一道彩虹，好美") == "scenery"


@pytest.mark.parametrize(
    "post",
    [
        "当这种离别近在咫尺的时候，就像是被下了病危通知书，只能一味地难过",  # a simile
        "晚上看朋友准备分手，气得我要炸掉",  # a friend's breakup, not the author's
        "电影院里的两个小时，让我能离烦恼远远的。——《我很清醒，只是偶尔逃离世界》",  # 逃离世界 is no 离世
        "我就怕伤仲永，别人说你上了这么好的本科还不是赚一样的钱",  # 伤仲永 is no 永别
        "上数学课睡觉做梦梦到我俩分手了，我真烦数学课",  # a dream, not a breakup
    ],
)
def test_crisis_reader_skips_similes_and_other_peoples_breakups(post: str) -> None:
    assert detect_crisis(post) is None
    assert not _read(post, None).situation.sensitive


def test_a_thing_taken_away_is_no_death() -> None:
    reading = _read("水光针也被她带走了……谢谢你的信任", None)
    assert not reading.situation.sensitive
    assert reading.facts.mood != "grief"


def test_the_shipped_model_loads_with_its_thresholds_and_known_labels() -> None:
    found = model()
    assert found is not None
    assert "none" in found.labels
    named = [label for label in found.labels if label not in ("none", "crisis") and not label.startswith("g:")]
    assert named and set(named) <= set(SITUATIONS)
    assert 0.0 <= found.veto < 1.0 and found.read > 0.0


GROUPS = {"eating_out": "food", "sick_minor": "health", "bad_luck": "daily"}


def test_a_topic_cue_the_model_reads_as_a_mere_mention_is_dropped() -> None:
    probs = {"none": 0.7, "bad_luck": 0.25, "eating_out": 0.05}
    assert decide(probs, "eating_out", "food", GROUPS, veto=0.5, read=0.6) == ("veto", 0.7)
    # not sure enough that the post is about nothing the table names
    assert decide(probs, "eating_out", "food", GROUPS, veto=0.8, read=0.6) == ("keep", 0.0)
    # the model prefers another situation, not `none`: a neighbour reading is no mention, the cue stays
    assert decide({"sick_minor": 0.3, "bad_luck": 0.6}, "sick_minor", "health", GROUPS, 0.5, 0.6) == ("keep", 0.0)
    # veto 0 never drops; a group outside `known` (not a topic group) is never dropped
    assert decide(probs, "eating_out", "food", GROUPS, veto=0.0, read=0.6) == ("keep", 0.0)
    assert decide(probs, "eating_out", "food", GROUPS, 0.5, 0.6, frozenset({"daily"})) == ("keep", 0.0)


def test_the_shipped_model_drops_food_and_travel_lines_under_mere_mentions() -> None:
    """Blind round 5: food lines under a post about emptiness, travel lines under regrets at a reunion."""
    for post in ("心里空空的，吃了一大碗火锅也没用", "要是当年没出国就好了，同学聚会大家都在聊旅游"):
        assert _read(post, None).situation.group not in ("food", "travel"), post
    for post in (
        "周末去大理玩了三天，洱海边的日落太美了",
        "第一次自己做了红烧肉，居然没糊！",
        "今天和朋友去吃了火锅，好开心哈哈",
    ):
        assert _read(post, None).situation.group in ("food", "travel"), post


def test_a_situation_the_cues_missed_is_read_only_when_the_model_is_sure() -> None:
    assert decide({"none": 0.2, "bad_luck": 0.8}, GENERAL, GENERAL, GROUPS, veto=0.1, read=0.6) == ("bad_luck", 0.8)
    assert decide({"none": 0.5, "bad_luck": 0.5}, GENERAL, GENERAL, GROUPS, veto=0.1, read=0.6)[0] == "keep"
    # a group's remainder or `none` is never read as a situation
    assert decide({"g:food": 0.9, "none": 0.1}, GENERAL, GENERAL, GROUPS, veto=0.1, read=0.6)[0] == "keep"


def test_the_model_never_overrules_a_crisis() -> None:
    post = "外婆昨天去世了，再也见不到她了"
    assert _read(post, None).situation.name.startswith("crisis_")


def test_a_fan_post_gets_one_line_not_three_that_fit_any_fan_post() -> None:
    """Blind round 5: lines that fit any post of a kind; a line naming the symptom keeps an illness post's three."""
    assert len(suggest("哥哥的新歌太好听了，循环一整天")) == 1
    assert len(suggest("嗓子疼得说不出话")) == 3


def test_someone_elses_late_nights_are_not_the_authors_tiredness() -> None:
    """Blind round 5: 好好休息 under "my dad stays up watching TV"."""
    assert _read("我爸每天熬夜看电视，说了也不听", None).situation.name != "tired"
    assert _read("最近天天熬夜赶方案，好累", None).situation.name in ("tired", "overtime", "work_stress")
