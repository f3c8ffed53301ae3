"""Emotion carried by Weibo/QQ emoticon codes and Unicode emoji (curated for Nook, not from a lexicon).

Values are SMP2020-EWECT labels. Codes that signal no clear emotion ([鲜花], [星星]) are left out;
self-mocking laugh-cry codes ([允悲], [笑cry]) count as sad because that is how they are used on Weibo.
"""

from __future__ import annotations

_BY_LABEL: dict[str, tuple[str, ...]] = {
    "happy": (
        "哈哈",
        "嘻嘻",
        "赞",
        "good",
        "给力",
        "威武",
        "鼓掌",
        "爱你",
        "心",
        "太开心",
        "开心",
        "偷笑",
        "亲亲",
        "可爱",
        "耶",
        "ok",
        "好爱哦",
        "花心",
        "色",
        "酷",
        "得意",
        "憧憬",
        "羞嗒嗒",
        "害羞",
        "星星眼",
        "doge",
        "喵喵",
        "二哈",
        "笑哈哈",
        "挤眼",
        "馋嘴",
        "太阳",
        "赞啊",
        "握手",
        "作揖",
        "抱抱",
        "送花花",
        "蛋糕",
        "礼物",
        "心形礼物",
        "互相膜拜",
        "兔子",
        "萌",
        "愛你",
        "微笑",
        "脸红",
        "哆啦A梦花心",
        "吃瓜",
        "干杯",
        "庆祝",
        "加油",
        "棒棒糖",
        "好喜欢",
        "大笑",
        "猫咪",
        "狗狗",
        "生日蛋糕",
        "花",
        "彩虹",
    ),
    "sad": (
        "泪",
        "淚",
        "悲伤",
        "眼泪",
        "大哭",
        "伤心",
        "可怜",
        "衰",
        "失望",
        "心碎",
        "伤心",
        "难过",
        "泪流满面",
        "悲催",
        "允悲",
        "笑cry",
        "委屈",
        "生病",
        "感冒",
        "蜡烛",
        "打针",
        "药",
        "黑线",
        "困",
        "睡",
        "睡觉",
        "打哈气",
        "哈欠",
        "崩溃",
        "苦涩",
        "求抱抱",
        "抱抱哭",
        "单身狗",
        "哭",
    ),
    "angry": (
        "怒",
        "怒骂",
        "抓狂",
        "哼",
        "左哼哼",
        "右哼哼",
        "鄙视",
        "白眼",
        "生气",
        "吐",
        "闭嘴",
        "懒得理你",
        "挖鼻",
        "挖鼻屎",
        "斜眼",
        "阴险",
        "弱",
        "不屑",
        "拳头",
        "上火",
        "xkl抓狂",
        "NO",
        "no",
        "骷髅",
        "怒斥",
        "丧气",
    ),
    "fear": ("惊恐", "害怕", "怕怕", "哆啦A梦害怕", "紧张", "汗", "流汗", "哆啦A梦汗", "祈祷"),
    "surprise": ("吃惊", "惊讶", "震惊", "傻眼", "哆啦A梦吃惊", "晕", "囧", "what", "疑问", "费解"),
    "neutral": ("思考", "摊手", "攤手", "并不简单", "拜拜", "转发", "看看", "瞧瞧"),
}

EMOTICON_EMOTION: dict[str, str] = {code: label for label, codes in _BY_LABEL.items() for code in codes}

EMOJI_EMOTION: dict[str, str] = {
    **dict.fromkeys("😀😃😄😁😆😊☺🙂😍🥰😘😗😙😚😋😛😜🤪😝🤗🤩😎🥳👍👏🙌💪🎉🎊❤💕💖💗💓💞💘✨🌹💐🌸👌✌🤝🙏", "happy"),
    **dict.fromkeys("😂🤣😢😭😞😔😟🙁☹😣😖😫😩🥺😿💔🥀😪😴🤒🤧😷🕯", "sad"),
    **dict.fromkeys("😠😡🤬👿💢🖕👎😤🙄😒🤮", "angry"),
    **dict.fromkeys("😨😰😱😥😓😬🫣", "fear"),
    **dict.fromkeys("😮😯😲😳🤯😵❗❓‼⁉", "surprise"),
    **dict.fromkeys("🤔😐😑😶🙃", "neutral"),
}

#: Codes that comfort: the right answer, alone, to a sad post.
COMFORT: frozenset[str] = frozenset({"抱抱", "拥抱", "心", "爱你", "加油", "蜡烛", "🫂", "🤗", "❤", "💕", "💗", "🙏"})
#: Codes that celebrate: the right answer, alone, to good news. Not [赞]/👍: the stock reflex under anything.
CHEER: frozenset[str] = frozenset(
    {"鼓掌", "干杯", "生日蛋糕", "蛋糕", "礼物", "花", "送花花", "庆祝", "👏", "🎉", "🎊", "🎂", "🎁", "💐", "🌹", "🥳"}
)
#: A bare-emoticon answer longer than this is flooding, whatever the codes say ("[抱抱]" × 10).
MAX_BARE_ANSWER = 3
_FITTING = {"sad": (COMFORT, "sad"), "good": (CHEER, "happy")}


def bare_emoticons_answer(emoticons: tuple[str, ...], parent_mood: str) -> bool:
    """Whether a comment made only of these codes says what the post asks for, as a person would.

    A few codes at most, at least one of them comforting a sad post (or celebrating good news), and
    none off-key ([抱抱][哭] under bad news is company; [抱抱][大笑] is not).
    """
    if not emoticons or len(emoticons) > MAX_BARE_ANSWER or parent_mood not in _FITTING:
        return False
    fitting, label = _FITTING[parent_mood]
    in_key = all(e in fitting or (EMOTICON_EMOTION.get(e) or EMOJI_EMOTION.get(e)) == label for e in emoticons)
    return in_key and any(e in fitting for e in emoticons)
