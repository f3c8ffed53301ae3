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
    # loss told plainly, without 去世 (the words people use; pets are family)
    ("刚打电话回家才知道，我家小喵不在了", "bereavement", False),
    ("外婆走得太突然，没来得及见最后一面", "bereavement", False),
    ("今天送走了陪我十年的狗狗", "bereavement", False),
    ("明天是爷爷的头七", "bereavement", False),
    ("一年了，那个世界好吗，我想你了，奶奶", "bereavement", False),
    ("梦见你了，在那边要好好的", "bereavement", False),
    ("好好的一个人，怎么送进医院就没了", "bereavement", False),
    ("她已经走了一年多了，我还是会想她", "bereavement", False),
    ("再也见不到外公了", "bereavement", False),
    ("致敬白衣天使，一路走好", "bereavement", False),
    ("爷爷离开了这个世界，走得很安详", "bereavement", False),
    ("我家仓鼠今天早上死了", "bereavement", False),
    # despair told without 想死
    ("感觉很惶恐，想从窗口跳下去，一了百了", "suicide", True),
    ("我怕我坚持不下去了", "depression", False),
    ("人生没意思，每天都很厌世", "depression", False),
    ("这个世界上没有人可以依靠", "depression", False),
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
    # loss words used for things, places and jokes
    "钥匙不在了，找了一早上",
    "手机里的东西全部都不在了",
    "大家都走了，我一个人在宿舍",
    "校园太大，走了三年还会迷路",
    "他是骨灰级玩家",
    "我死后想把遗体捐了，反正也要火化",
    "困得撑不住了，先睡",
    "这里简直是吃货的天堂的感觉",
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
