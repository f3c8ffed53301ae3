"""The crisis detector: realistic phrasings of suicide, self-harm, depression, bereavement, serious
illness, abuse and breakup are caught; everyday hyperbole (笑死, 累死了, 难死了) and the news are not."""

from __future__ import annotations

import pytest

from nook.engine import detect_crisis
from nook.engine.crisis import KINDS, Crisis

CRISES = [
    ("我真的不想活了", "suicide", True),
    ("活着好累，不如死了算了", "suicide", True),
    ("最近总想消失，没有我大家会更好吧", "suicide", True),
    ("好想死啊，谁来救救我", "suicide", True),
    ("我已经写好遗书了", "suicide", True),
    ("压力非常大，一度想结束自己生命", "suicide", True),
    ("今天又割腕了，不知道还能撑多久", "self_harm", True),
    ("控制不住想伤害自己", "self_harm", True),
    ("确诊了中度抑郁，今天开始吃药", "depression", False),
    ("抑郁症第三年，什么都不想做", "depression", False),
    ("真的撑不下去了，每天都不想醒", "depression", False),
    ("外婆昨天去世了，我还没来得及回去看她", "bereavement", False),
    ("我家狗狗昨天走了，陪了我十二年", "bereavement", False),
    ("陪伴我十年的猫咪去了彩虹桥", "bereavement", False),
    ("爸爸住院了，医生说是肺癌晚期", "serious_illness", False),
    ("我妈确诊了乳腺癌，明天手术", "serious_illness", False),
    ("开始化疗的第一周，我好怕", "serious_illness", False),
    ("他又打我了，我不敢回家", "abuse", True),
    ("我被男朋友打了，脸都肿了", "abuse", True),
    ("在一起五年，今天分手了", "breakup", False),
    ("离婚手续办完了，一个人坐在民政局门口", "breakup", False),
    ("我失恋了，他说不爱我了", "breakup", False),
]

NOT_CRISES = [
    "笑死我了",
    "累死了",
    "这游戏难死了",
    "想死你了！什么时候回来",
    "帅死我了啊啊啊",
    "热死了，空调坏了",
    "尴尬得想死",
    "考砸了，想死的心都有了",
    "懒癌晚期，又躺了一天",
    "新增确诊病例3例，大家出门戴口罩",
    "今天又被打脸了",
    "分手快乐真好听，单曲循环",
    "饿死了，求外卖推荐",
    "死党来我家玩了一天",
    "今天打了疫苗，胳膊有点疼",
    "这题难得要死",
    "deadline要死了",
    "好好规划自己的时间",
    "月考又没考好",
    "今天下雨了，在家煮了一碗面",
    "周末去大理玩了三天",
]


@pytest.mark.parametrize(("text", "kind", "at_risk"), CRISES, ids=[c[0][:10] for c in CRISES])
def test_crisis_phrasings_are_caught(text: str, kind: str, at_risk: bool) -> None:
    found = detect_crisis(text)
    assert found is not None, text
    assert found.kind == kind and found.kind in KINDS
    assert found.at_risk is at_risk
    assert found.cue and found.cue in text


@pytest.mark.parametrize("text", NOT_CRISES)
def test_hyperbole_and_everyday_posts_are_not_crises(text: str) -> None:
    assert detect_crisis(text) is None


def test_someone_elses_story_is_sensitive_but_the_author_is_not_at_risk() -> None:
    found = detect_crisis("电影里的女主最后自杀了，我哭了好久")
    assert found == Crisis("suicide", False, "自杀") or (found is not None and not found.at_risk)


def test_negated_words_do_not_count() -> None:
    assert detect_crisis("千万别自杀") is None
    assert detect_crisis("") is None
