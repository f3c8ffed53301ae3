# ruff: noqa: E501  -- a data table: one cue list per line reads better than wrapped fragments
"""Hook lines Nook can add to the end of a post, per scene and per feeling (written for Nook).

Each line is short and casual so it sounds like the writer, not like a brand account.
"""

from __future__ import annotations

# scene -> (question, poll, (type, line) of a third kind: recommendation, suspense or challenge)
_BY_SCENE: dict[str, tuple[str, str, tuple[str, str]]] = {
    "travel": ("你们去过最想再去一次的地方是哪儿？", "下次去山里还是海边？", ("recommendation", "有没有私藏的小众地方求推荐？")),
    "study": ("你们备考时最管用的一个方法是什么？", "早起学习还是熬夜学习，你们是哪派？", ("recommendation", "有好用的资料或App求推荐！")),
    "campus": ("你们学校有什么只有本校人才懂的梗？", "食堂还是外卖，你们选哪个？", ("suspense", "猜猜我们宿舍今天又发生了什么？")),
    "work": ("你们下班后第一件事是做什么？", "准点下班还是把活干完再走，你们选哪个？", ("recommendation", "有什么提高效率的小工具求推荐？")),
    "pets": ("你们家毛孩子最近干过什么离谱的事？", "猫派还是狗派？", ("suspense", "猜猜它下一秒干了什么？")),
    "food": ("你们最近吃到最好吃的一样东西是什么？", "甜豆花还是咸豆花？", ("recommendation", "附近有什么好吃的求推荐！")),
    "parenting": ("你们家小朋友最近说过什么好笑的话？", "早教班报还是不报，你们怎么选？", ("recommendation", "有好用的育儿好物求安利～")),
    "fandom": ("你们是怎么入坑的？", "舞台还是综艺，你们更爱看哪个？", ("challenge", "晒出你手里最珍贵的一件周边！")),
    "games": ("你们最近在玩什么？", "单排还是开黑？", ("challenge", "有没有人敢来跟我PK一局？")),
    "photography": ("你们觉得哪一张最好看？", "第一张还是第二张？", ("suspense", "猜猜这张是在哪儿拍的？")),
    "journaling": ("你们今天有什么想记下来的小事？", "手写日记还是手机备忘录？", ("challenge", "一起来连续打卡七天吧！")),
    "sports": ("你们坚持最久的一项运动是什么？", "晨跑还是夜跑？", ("challenge", "有没有人敢一起挑战这周跑满20公里？")),
    "love": ("你们印象最深的一次约会是什么样的？", "主动表白还是等对方开口？", ("suspense", "猜猜他最后说了什么？")),
    "health": ("你们有什么让自己好受一点的小办法？", "早睡早起还是睡到自然醒？", ("recommendation", "有靠谱的调养方法求推荐～")),
    "family": ("你们家有什么只有自家人懂的习惯？", "过年回老家还是出去玩？", ("suspense", "猜猜我妈看到后说了什么？")),
    "achievement": ("你们最近有什么值得骄傲的小事？", "庆祝一下：火锅还是烧烤？", ("challenge", "下一个目标已经定了，有人一起吗？")),
    "daily_life": ("你们今天过得怎么样？", "周末宅家还是出门？", ("suspense", "猜猜我接下来要干嘛？")),
}  # fmt: skip

# Feelings change what a kind reply looks like: a sad post gets an invitation to share, not a poll.
_BY_STATE: dict[str, tuple[str, str]] = {
    "sad": ("question", "你们难过的时候会做点什么让自己好起来？"),
    "lonely": ("question", "有没有人也一个人在这个点醒着？"),
    "lost": ("question", "你们迷茫的时候是怎么找到方向的？"),
    "anxious": ("question", "你们紧张的时候都是怎么缓过来的？"),
    "tired": ("question", "你们累的时候最想做的一件事是什么？"),
    "proud": ("question", "你们最近有什么值得骄傲的小事？"),
    "angry": ("question", "换作是你们，会怎么做？"),
    "annoyed": ("question", "换作是你们，会怎么做？"),
}


_SHARED = ("question", "有没有人也遇到过这种事？")
_HEAVY = frozenset({"sad", "lonely", "lost", "anxious", "tired", "angry", "annoyed"})


def suggestion_lines(scenes: list[str], state: str | None) -> list[tuple[str, str]]:
    """Three (hook type, line) pairs for the post's top scene and feeling, most fitting first."""
    question, poll, other = _BY_SCENE.get(scenes[0] if scenes else "", _BY_SCENE["daily_life"])
    if state in _HEAVY:  # a heavy feeling gets an invitation to share, never a poll or a game
        return [_BY_STATE[state], ("question", question), other if other[0] == "recommendation" else _SHARED]
    if state in _BY_STATE:
        return [_BY_STATE[state], ("poll", poll), other]
    return [("question", question), ("poll", poll), other]
