"""The safety check: no suggestion whose feeling clashes with the post's (no congratulations under grief).

Two signals, either one rejects: clash words for the post's mood (a laugh or 恭喜 under a sad post,
心疼 or 节哀 under good news; 多喝热水 or "what happened?" under any sad post), and, when the line's own
emotion reading is given, that reading being confidently the opposite of what the post needs while the
line carries no comforting words. `unsupportive` is the stricter rule for posts that signal a crisis.
"""

from __future__ import annotations

import re

from nook.engine.emotion import EmotionResult

__all__ = ["clashes", "post_tone", "tone_mismatch", "unsupportive"]

_CHEER = r"恭喜|祝贺|太棒|好棒|真棒|哈哈|笑死|hhh|233|羡慕|干杯|好开心|太好了|666|yyds|绝绝子|牛啊|冲鸭|撒花"
_PITY = r"节哀|心疼|别难过|抱抱你|可惜|太惨|没事的|会好起来|挺住|想开点|别哭"
# Under any sad post: the brush-off (多喝热水), the probe (怎么回事, 发生了什么) and the verdict (评评理).
_DISMISS = r"多喝热水|多喝水|怎么回事|发生了什么|发生什么|出什么事|评评理|想开点|别想太多|至于吗|矫情"
_CLASH_WORDS: dict[str, re.Pattern[str]] = {
    "grief": re.compile(_CHEER + "|" + _DISMISS + r"|加油|怎么做到|犒劳|打卡|开黑|求推荐|求安利|好可爱|太可爱"),
    "low": re.compile(_CHEER + "|" + _DISMISS + r"|犒劳|求安利"),
    "angry": re.compile(r"哈哈|笑死|hhh|233|活该|恭喜|羡慕|666|多喝热水|矫情|至于吗"),
    "proud": re.compile(_PITY),
    "happy": re.compile(_PITY),
    "everyday": re.compile(r"节哀|活该"),
}
_COMFORT = re.compile(r"抱抱|陪|我在|都在|会好|辛苦|心疼|休息|慢慢|不容易|懂你|找我")
# Post mood -> suggestion labels that clash when the emotion model is confident (p >= _SURE).
_CLASH_LABELS: dict[str, frozenset[str]] = {
    "grief": frozenset({"happy", "surprise", "angry"}),
    "low": frozenset({"happy", "angry"}),
    "proud": frozenset({"sad", "angry", "fear"}),
    "happy": frozenset({"sad", "angry", "fear"}),
}
_SURE = 0.6
# Under a crisis post nothing jokes, cheers, probes, lectures or claims a shared past.
_UNSUPPORTIVE = re.compile(
    _CHEER + "|" + _DISMISS + r"|加油|振作|坚强点|别矫情|我也经历过|我也有过|我之前也|我当年|我以前|"
    r"[?？]\s*说出来大家|吐槽|翻篇|下一个更好|天涯何处|笑一个|开心点"
)


# The post's own words, read apart from the emotion model (which misreads plain news and rants): a complaint
# or a loss gets no cheer; a calm or happy post with no word of trouble gets no comfort.
_POST_DOWN = re.compile(
    r"烦|讨厌|气死|生气|无语|吐槽|受不了|崩溃|郁闷|难受|心累|累死|坑|倒霉|失望|伤心|难过|哭|委屈|糟心|恶心|痛|疼|病|"
    r"失眠|醉了|服了|什么鬼|妈蛋|尼玛|卧槽|靠|唉|哎|怕|慌|焦虑|压力|没考好|挂了|丢了|被骗|辞退|裁员|分手|想你|想念|"
    r"又(?:被|在|是|断|坏|来|要|错|没|双叒)|吵|坏了|错了|凉了|断了|卡纸|堵车|迟到|延误|没号|甩锅|甩给我|涨价|涨房租|"
    r"不让|不给|凭什么|为什么又|一个小时|两个小时|半天"
)
_POST_UP = re.compile(r"开心|高兴|哈哈|幸福|好棒|太好了|满足|美滋滋|感恩|喜欢|爱了|期待|好吃|好美|可爱|笑|赞|棒|爽|嘻")
_LINE_CHEER = re.compile(
    r"开心|好心情|快乐|真好|好喜欢|感染力|笑了|传染|画面感|小日子|恭喜|厉害|好棒|骄傲|替你高兴|享受|庆祝|羡慕|可爱|"
    r"好看|眼光|好香|太香|剁手|好美|真美|惬意|治愈"
)
_LINE_COMFORT = re.compile(
    r"抱抱|抱一下|心疼|难受|郁闷|丧|消消气|来气|辛苦|缓一缓|难熬|憋屈|糟心|气坏|别硬撑|委屈|心慌"
)


def post_tone(post: str) -> str:
    """ "down" when the post's words tell of trouble and none of joy, "up" for the reverse, else ""."""
    down, up = _POST_DOWN.search(post), _POST_UP.search(post)
    return "down" if down and not up else "up" if up and not down else ""


def tone_mismatch(text: str, post: str, post_mood: str) -> str | None:
    """Why `text` meets the post with the wrong feeling, read from the post's own words: cheer under a
    complaint or a loss, comfort under a calm or happy post that names no trouble; None when it fits."""
    down, up = _POST_DOWN.search(post), _POST_UP.search(post)
    if down and not up and _LINE_CHEER.search(text):
        return f"说说里有「{down.group(0)}」，这时候不该道喜或起哄"
    if not down and (up or post_mood in ("everyday", "happy", "proud")) and _LINE_COMFORT.search(text):
        return "说说里没有难处，不需要安慰"
    return None


def clashes(text: str, emotion: EmotionResult | None, post_mood: str) -> str | None:
    """Why `text` clashes with a post of mood `post_mood` (plain Chinese), or None when it fits.
    `emotion` is the line's own reading (None for reviewed bank lines: the clash words alone decide)."""
    words = _CLASH_WORDS.get(post_mood)
    hit = words.search(text) if words else None
    if hit:
        return f"对方的心情是「{post_mood}」，「{hit.group(0)}」不合时宜"
    if emotion is None:
        return None
    label, p = emotion.label, emotion.scores.get(emotion.label, 0.0)
    if label in _CLASH_LABELS.get(post_mood, ()) and p >= _SURE and not _COMFORT.search(text):
        return f"这句话读起来是「{label}」，和对方此刻的心情相冲"
    return None


def unsupportive(text: str) -> str | None:
    """Why `text` must not be shown under a post that signals a crisis, or None when it may."""
    hit = _UNSUPPORTIVE.search(text)
    return f"「{hit.group(0)}」不适合在对方很难的时候说" if hit else None
