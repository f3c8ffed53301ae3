"""What a suggestion can name and how it should feel: the post's mood, scenes and slots.

Slots are the concrete things a reply can mention — the place, the exam, the pet, the game, the
idol, the dish, a scene cue word ("胶片", "手账") and the post's most telling noun — so that a
suggestion says "青海湖的星空" instead of "好看".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nook.engine._mood import mood as answer_mood
from nook.engine._scene_lexicon import MEDIUM, SCENE_CUES, STRONG
from nook.engine.comments import offensive_score
from nook.engine.emotion import EmotionResult, classify_normalized
from nook.engine.keywords import keyword_weights
from nook.engine.scenes import detect_scenes_normalized
from nook.engine.segment import tag
from nook.engine.text import NormalizedText

__all__ = ["MOODS", "PostFacts", "read_post", "read_post_light", "read_slots"]

# grief: a death or loss; low: sad/tired/lonely/lost/anxious/scared; proud: an achievement;
# happy: a joyful share; angry; everyday: a calm share that wants curiosity.
MOODS = ("grief", "low", "proud", "happy", "angry", "everyday")
_LOW_STATES = frozenset({"sad", "tired", "lonely", "lost", "anxious", "scared"})
# 她带走了 / 被拿走了 is a thing taken, not a death.
_GRIEF = re.compile(
    r"去世|(?<!逃)离世|过世|病逝|(?<!仲)永别|葬礼|彩虹桥|安息|走了好|不在了|"
    r"(爷爷|奶奶|外婆|外公|姥姥|姥爷|爸爸|妈妈|父亲|母亲|猫|狗|它|他|她)[^，。！？,.!?]{0,4}((?<![带拿抢偷卷叼牵接])走了|离开了我)"
)
# Negative cues the six-class model sometimes reads as happy (连跪…心态崩了).
_LOW_CUES = re.compile(r"崩了|心态崩|连跪|难受|想哭|哭了|好累|烦死|郁闷|没考上|没考过|挂科|破防|emo|焦虑|失眠|撑不住")
_EXAM = re.compile(
    r"考研|高考|中考|期末考试?|期中考试?|月考|四六级|六级|四级|雅思|托福|GRE|考公|考编|国考|省考|教资|法考|注会|CPA|"
    r"驾照|科目[一二三四]|答辩|面试|模拟考|考试",
    re.IGNORECASE,
)
_PET = re.compile(
    r"柯基|布偶猫?|橘猫|金毛|哈士奇|柴犬|泰迪|边牧|英短|美短|萨摩耶|仓鼠|兔兔|兔子|鹦鹉|乌龟|猫咪|狗狗|小猫|小狗|"
    r"喵星人|汪星人|猫主子|猫|狗"
)
_PET_NAMES = {"猫": "猫咪", "狗": "狗狗"}
_GAME = re.compile(
    r"王者荣耀|和平精英|吃鸡|原神|英雄联盟|LOL|CSGO|DOTA2?|我的世界|Minecraft|塞尔达|星穹铁道|第五人格|金铲铲|炉石|"
    r"守望先锋|无畏契约|蛋仔派对|王者",
    re.IGNORECASE,
)
_FOOD = re.compile(
    r"小龙虾|螺蛳粉|麻辣烫|火锅|烧烤|奶茶|咖啡|蛋糕|甜品|拉面|饺子|烤肉|烤鱼|寿司|披萨|汉堡|炸鸡|面包|包子|馄饨|"
    r"米线|凉皮|煎饼|烤鸭|酸菜鱼|红烧肉|糖葫芦|冰淇淋|月饼|粽子|汤圆|早餐|夜宵|外卖"
)
# Scene cues too general to be "the thing" a reply names.
_GENERIC_CUES = frozenset(
    {"好吃", "学习", "工作", "生活", "日常", "今天", "最近", "游戏", "吃", "饭", "拍了", "记录", "心情", "身体",
     "健康", "终于", "成功", "目标", "值得", "第一次", "进步", "家里", "我家", "运动", "回家", "在一起", "爱你",
     "喜欢你", "同学", "学校", "上课", "下课", "上班", "下班", "出门", "睡觉", "起床", "晚上", "早上", "一天"}
)  # fmt: skip
_NOUN_POS = ("n", "nz", "ns", "nr", "vn", "eng", "j", "l")
# Words a reply should not echo as "the thing": feelings, and insults the offensive model misses alone.
_NOT_A_THING = re.compile(
    r"开心|难过|伤心|高兴|心情|焦虑|迷茫|孤独|气|死|烦|累|哭|笑|快乐|幸福|痛苦|崩溃|郁闷|委屈|块钱|"
    r"碧池|婊|傻|逼|贱|滚|妈的|尼玛|屌|废物|垃圾|脑残"
)


@dataclass(frozen=True, slots=True)
class PostFacts:
    """A post read once for suggesting: mood, scenes (best first), keywords and slots."""

    text: str
    emotion: EmotionResult
    mood: str
    scenes: tuple[str, ...]
    keywords: tuple[str, ...]
    slots: dict[str, str] = field(default_factory=dict)

    def scene_slot(self, scene: str) -> str | None:
        """The most specific thing this post names for `scene` (the exam for study, the pet for pets…)."""
        key = _SCENE_SLOT.get(scene)
        return (self.slots.get(key) if key else None) or self.slots.get(f"item:{scene}")

    @property
    def named(self) -> tuple[str, ...]:
        """Everything specific the post names, most specific first (for the specificity check)."""
        values = [v for k, v in self.slots.items() if k != "thing"] + list(self.keywords)
        return tuple(dict.fromkeys(v for v in values if len(v) >= 2))


_SCENE_SLOT = {"travel": "place", "study": "exam", "pets": "pet", "games": "game", "food": "food", "fandom": "idol"}


@lru_cache(maxsize=1)
def _scene_cues() -> dict[str, tuple[str, ...]]:
    """Per scene, its strong and medium cues, longest first (the longest match is the most specific)."""
    out = {}
    for scene, tiers in SCENE_CUES.items():
        cues = {c for c in (*tiers.get(STRONG, ()), *tiers.get(MEDIUM, ())) if len(c) >= 2 and c not in _GENERIC_CUES}
        out[scene] = tuple(sorted(cues, key=lambda c: (-len(c), c)))  # ties in a fixed order, not the hash seed's
    return out


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    """The longest match of `pattern` in `text` (so 期末考试 beats 考试)."""
    found = [m.group(0) for m in pattern.finditer(text)]
    return max(found, key=len) if found else None


def _thing(text: str, keywords: list[str]) -> str | None:
    """The post's most telling noun: the first keyword tagged as a noun that is not a feeling word."""
    pos = dict(tag(text))
    for word in keywords:
        if pos.get(word, "n").startswith(_NOUN_POS) and not _NOT_A_THING.search(word):
            return None if offensive_score(word).flag else word  # never repeat an insult back
    return None


def read_slots(text: str, keywords: list[str], scenes: tuple[str, ...] = ()) -> dict[str, str]:
    """Slot name -> value for everything concrete in `text` (already normalised)."""
    tagged = tag(text)
    slots: dict[str, str] = {}
    places = [w for w, p in tagged if p == "ns" and len(w) >= 2]
    if places:
        slots["place"] = places[0]
    for name, pattern in (("exam", _EXAM), ("pet", _PET), ("game", _GAME), ("food", _FOOD)):
        value = _first(pattern, text)
        if value:
            slots[name] = _PET_NAMES.get(value, value)
    people = [w for w, p in tagged if p == "nr" and len(w) >= 2 and not _PET.search(w)]
    if people and "fandom" in scenes:
        slots["idol"] = people[0]
    for scene in scenes:
        cue = next((c for c in _scene_cues().get(scene, ()) if c in text), None)
        if cue:
            slots[f"item:{scene}"] = cue
    thing = _thing(text, keywords)
    if thing:
        slots["thing"] = thing
    return slots


def _mood(emotion: EmotionResult, text: str) -> str:
    if _GRIEF.search(text):
        return "grief"
    state, news = emotion.state, answer_mood(emotion.label, text)
    if (
        state in _LOW_STATES
        or (news == "sad" and emotion.label in ("neutral", "sad", "fear"))
        or _LOW_CUES.search(text)
    ):
        return "low"
    if state == "proud" or (news == "good" and emotion.label == "neutral"):
        return "proud"
    if state in ("happy", "excited"):
        return "happy"
    if state in ("angry", "annoyed"):
        return "angry"
    return "everyday"


def _facts(norm: NormalizedText, emotion: EmotionResult, extra_scenes: tuple[str, ...]) -> PostFacts:
    scenes = tuple(dict.fromkeys([s.name for s in detect_scenes_normalized(norm)] + list(extra_scenes)))
    keywords = [w for w, _ in keyword_weights(norm, 6)]
    mood = _mood(emotion, norm.text)
    if mood == "everyday" and "achievement" in scenes[:1]:
        mood = "proud"
    return PostFacts(norm.text, emotion, mood, scenes, tuple(keywords), read_slots(norm.text, keywords, scenes))


def read_post(norm: NormalizedText, extra_scenes: tuple[str, ...] = ()) -> PostFacts:
    """Read a (normalised) post once; `extra_scenes` (e.g. the circle's scene) are appended after the post's own."""
    return _facts(norm, classify_normalized([norm])[0], extra_scenes)


def read_post_light(norm: NormalizedText) -> PostFacts:
    """A reader's own post, read only as far as personal lines need: emotion, mood and the named exam,
    pet, game and dish (no scenes, keywords or tagger: a 20-post history must stay cheap)."""
    emotion = classify_normalized([norm])[0]
    slots = {}
    for name, pattern in (("exam", _EXAM), ("pet", _PET), ("game", _GAME), ("food", _FOOD)):
        if value := _first(pattern, norm.text):
            slots[name] = _PET_NAMES.get(value, value)
    return PostFacts(norm.text, emotion, _mood(emotion, norm.text), (), (), slots)
