"""Candidate replies for a post: the bank's lines for its situation, the reader's personal line, the
general lines for its mood, and (for general everyday posts only) retrieved real replies.

Slots are filled only with what the reader is sure of (`sure_slots`): a named exam, a pet, a dish, a
game, a place only when the post says the author went there (去了大理, 在青海湖), and a symptom or a
sight from a closed list (胃疼, 晚霞).
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from nook.engine.segment import tag
from nook.engine.suggest.facts import PostFacts
from nook.engine.suggest.lines import BankLine, bank
from nook.engine.suggest.personal import Connection
from nook.engine.suggest.retrieval import Retrieved
from nook.engine.suggest.situations import GENERAL, Situation
from nook.engine.suggest.weight import heavy_line

__all__ = ["SCENE_ZH", "Candidate", "bank_candidates", "personal_candidate", "retrieved_candidates", "sure_slots"]

SCENE_ZH = {
    "travel": "旅行", "study": "学习考试", "campus": "校园", "work": "工作", "pets": "宠物", "food": "美食",
    "parenting": "育儿", "fandom": "追星追番", "games": "游戏电竞", "photography": "摄影", "journaling": "记录生活",
    "sports": "运动", "love": "感情", "health": "身体健康", "family": "家人", "achievement": "成就",
    "daily_life": "日常",
}  # fmt: skip
_SLOT = re.compile(r"\{([a-z]+)\}")
_GENERIC_EXAMS = frozenset({"考试", "面试", "笔试", "答辩", "模拟考", "科目一", "科目二", "科目三", "科目四"})
_NOT_A_DISH = frozenset({"外卖", "早餐", "夜宵"})
_WENT = r"(?:去了|去过|去|到了|到|在|来到|来|游|逛|玩|飞)"
# A retrieved line that claims the reader's own past, or is too flat to help, never becomes a candidate.
_CLAIMS = re.compile(r"我也|我之前|我以前|我上次|我当时|我们|我家|我去|我在|我刚|我今天|我昨天")
# Places the tagger reads as common nouns (大理 n): the travel scene's own place cues, and these.
_SCENIC = frozenset(
    {"大理", "丽江", "三亚", "厦门", "青岛", "西藏", "拉萨", "新疆", "敦煌", "桂林", "阳朔", "张家界", "九寨沟", "黄山",
     "泰山", "华山", "峨眉山", "西湖", "洱海", "鼓浪屿", "婺源", "凤凰", "稻城", "香格里拉", "喀纳斯", "漠河", "长白山"}
)  # fmt: skip
# A question the post already answers: (what the line asks, what in the post answers it).
_ANSWERED = (
    (re.compile(r"在哪|哪儿拍|是哪|去哪"), re.compile(r"(?:去了?|到了?|在|来到)[^，。！？,.!?\s]{2,8}")),
    (re.compile(r"叫什么"), re.compile(r"叫[^，。！？,.!?\s我你他她它]{1,4}|名字")),
    (re.compile(r"多大"), re.compile(r"\d+\s*(?:岁|个月|周)|[一二三四五六七八九十两]+(?:岁|个月)")),
    (re.compile(r"中了什么"), re.compile(r"中了[一二两三\d]")),
    (re.compile(r"什么口味"), re.compile(r"味")),
)
# Closed lists, so a slot is only ever a word the post itself says: a symptom (胃疼), a sight (晚霞).
_AILMENT = re.compile(
    r"感冒|发烧|咳嗽|嗓子疼|喉咙痛|头疼|头痛|胃疼|胃痛|拉肚子|肠胃炎|牙疼|过敏|鼻塞|中暑|肚子疼|肚子痛|落枕|腰疼|偏头痛"
)
_SIGHT = re.compile(r"晚霞|朝霞|日落|夕阳|日出|星空|银河|彩虹|樱花|海棠|银杏|枫叶|雪景|落日|月亮")
_SIMILAR_ENOUGH = 0.7  # a retrieved reply is offered only when its post reads this close to ours


@dataclass(slots=True)
class Candidate:
    text: str
    intent: str
    why: str
    source: str  # personal | scene | plain | retrieved | llm (mood and fallback: older logs only)
    specific: bool  # names something from the post
    rank: int = 0  # lower first: personal 0, situation 1, general 2, retrieved 3


def _pick(options: Sequence[BankLine], seed: str) -> list[BankLine]:
    """`options` with each intent's lines rotated by a stable hash of the post and the intent (different
    posts, different first choices for every intent; salted per intent, so two posts that share one
    line do not share the whole set)."""
    out: list[BankLine] = []
    for intent in dict.fromkeys(line.intent for line in options):
        group = [line for line in options if line.intent == intent]
        at = zlib.crc32(f"{intent}:{seed}".encode()) % len(group)
        out += [*group[at:], *group[:at]]
    return out


def sure_slots(facts: PostFacts) -> dict[str, str]:
    """Slot -> a noun phrase the post surely names for it; only these ever fill a line."""
    found = facts.slots
    out: dict[str, str] = {}
    if (exam := found.get("exam")) and exam not in _GENERIC_EXAMS:
        out["exam"] = exam
    if pet := found.get("pet"):
        out["pet"] = pet
    if (food := found.get("food")) and food not in _NOT_A_DISH:
        out["food"] = food
    if game := found.get("game"):
        out["game"] = game
    if place := _went_to(facts.text):
        out["place"] = place
    for name, words in (("ail", _AILMENT), ("sight", _SIGHT)):
        if m := words.search(facts.text):
            out[name] = m.group()
    return out


def _went_to(text: str) -> str | None:
    """The first place name the post says the author went to or is at (去了大理, 在青海湖), if any."""
    for word, pos in tag(text):
        if (
            pos in ("ns", "n", "nz")
            and 2 <= len(word) <= 8
            and (pos == "ns" or word in _SCENIC)
            and re.search(_WENT + r"了?" + re.escape(word), text)
        ):
            return word
    return None


def _answered(line: str, post: str) -> bool:
    """The line asks something the post already says (在哪 under 去了大理, 叫什么 under 叫豆豆)."""
    return any(asks.search(line) and says.search(post) for asks, says in _ANSWERED)


def _fill(line: BankLine, slots: dict[str, str], post: str) -> str | None:
    if not all(s in slots for s in line.slots) or _answered(line.text, post):
        return None  # a line that needs a missing slot, or asks what the post already says
    return _SLOT.sub(lambda m: slots[m.group(1)], line.text)


def _fits(line: BankLine, situation: Situation, mood: str, for_other: bool) -> bool:
    if mood in line.never:
        return False
    if line.situation == GENERAL:
        return line.variant == mood
    if for_other:  # someone else is ill: only the lines written for that (never get-well to the author)
        return line.variant == "other"
    return line.variant in ("", situation.tone)


def _section_candidates(
    name: str,
    situation: Situation,
    mood: str,
    slots: dict[str, str],
    seed: str,
    why: str,
    source: str,
    rank: int,
    heavy: bool = True,
) -> list[Candidate]:
    out = []
    section = bank().get(name, ())
    for_other = bool(situation.who) and any(line.variant == "other" for line in section)
    lines = [line for line in section if _fits(line, situation, mood, for_other)]
    if not heavy:  # dropped before rotating, or the line after a block of heavy ones goes to most posts
        lines = [line for line in lines if not heavy_line(line.text)]
    # filled before rotating: rotating first would hand the line after an unfillable block to most posts
    filled = [(line, text) for line in lines if (text := _fill(line, slots, seed)) is not None]
    texts = dict(filled)
    for line in _pick([line for line, _ in filled], seed):
        out.append(Candidate(texts[line], line.intent, why, source, bool(line.slots), rank))
    return out


def bank_candidates(
    situation: Situation, mood: str, slots: dict[str, str], seed: str, *, light: bool = False, heavy: bool = True
) -> list[Candidate]:
    """The situation's lines (slot lines first where their slot is sure), then the general lines for the mood
    (for a minor gripe, `light`, the light ones: "啊这，也太磨人了", not "我一直在"); without `heavy`, no
    crisis-style comfort (weight.heavy_line)."""
    if situation.sensitive:
        why = "这条说说在讲很难的事，只给出经过审阅的陪伴和支持的话，不开玩笑、不追问细节"
        lines = _section_candidates(situation.name, situation, mood, {}, seed, why, "scene", 1)
        return lines + _section_candidates("crisis_general", situation, mood, {}, seed, why, "plain", 2)
    general_mood = "low" if mood == "grief" else mood
    if light and general_mood in ("low", "angry"):
        general_mood = "light"
    out = []
    if situation.name != GENERAL:
        why = f"这条说说在讲「{situation.zh}」，按这个情境接话"
        if situation.who:
            slots = {**slots, "kin": situation.who}
        out = _section_candidates(situation.name, situation, mood, slots, seed, why, "scene", 1, heavy)
        out.sort(key=lambda c: not c.specific)  # stable: a sure specific line first, in rotated order
    why = "按这条说说的心情接一句暖心的话"
    return out + _section_candidates(GENERAL, situation, general_mood, {}, seed, why, "plain", 2, heavy)


def personal_candidate(link: Connection, situation: Situation, mood: str) -> Candidate | None:
    """The reader's true shared line for `link`, paraphrased from the bank (never a quote)."""
    slots = {k: link.value for k in ("exam", "place", "pet", "food", "game")} if link.value else {}
    found = _section_candidates(link.kind, situation, mood, slots, link.history, "", "personal", 0)
    if not found:
        return None
    about = f"也说到「{link.value}」" if link.value else f"也在讲「{link.zh}」"
    found[0].why = f"你之前发过一条{about}的说说，所以用你自己的经历接话（只换个说法，不引用原文）"
    return found[0]


def retrieved_candidates(situation: Situation, mood: str, found: Sequence[Retrieved]) -> list[Candidate]:
    """Real replies from the LCCC index, only for general everyday or happy posts, only questions that
    claim nothing about the reader, and only when their post reads close to this one."""
    if situation.sensitive or situation.name != GENERAL or mood not in ("everyday", "happy"):
        return []
    out = []
    for r in found:
        if r.post_similarity < _SIMILAR_ENOUGH or _CLAIMS.search(r.reply) or not re.search(r"[?？]|吗|呢", r.reply):
            continue
        why = f"真实微博回复里的说法（LCCC 语料），它回复的帖子「{r.post[:14]}」和这条很像"
        out.append(Candidate(r.reply, "question", why, "retrieved", False, 3))
    return out
