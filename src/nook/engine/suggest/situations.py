"""What happened in a post: its situation (failed an exam, lost a pet, a layoff, a trip…), polarity and
confidence, read from reviewed cue phrases (see _situation_table.py) on top of the post's mood.

The reader is conservative: a crisis signal (nook.engine.crisis) wins over everything; otherwise the
first situation whose cue matches and whose feeling does not contradict a confident emotion reading;
otherwise `general`, keyed only on the post's mood. A reply for the wrong situation does more harm than
a plain warm one, so a cue that the post's feeling contradicts is dropped rather than trusted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nook.engine.crisis import Crisis
from nook.engine.emotion import EmotionResult
from nook.engine.suggest._encode import embed
from nook.engine.suggest._situation_model import ENCODED_CHARS, cue_features, decide
from nook.engine.suggest._situation_model import model as situation_model
from nook.engine.suggest._situation_table import ROWS
from nook.engine.suggest.safety import post_tone

__all__ = [
    "EVENTS",
    "GENERAL",
    "SITUATIONS",
    "SURE",
    "Situation",
    "SituationDef",
    "affected",
    "model_may_drop",
    "read_situation",
]

GENERAL = "general"
_PET_WORDS = re.compile(r"猫|狗|它|宠物|毛孩子|彩虹桥|仓鼠|兔|鹦鹉|乌龟|喵|汪")
_SURE = 0.6  # the emotion model's probability above which its reading may veto a cue
_UP_MOODS = frozenset({"happy", "proud"})
_DOWN_MOODS = frozenset({"grief", "low", "angry"})
# Situations whose cue is an event in itself (上岸了, 被裁, 宝宝出生): kept even when the model's feeling
# disagrees (it misreads plain news); the others name a topic and are dropped when the feeling clashes.
EVENTS = frozenset({
    "exam_fail", "exam_pass", "layoff", "promotion", "promotion_scary", "job_new", "love_new", "wedding",
    "baby_born", "pregnancy", "recovery", "injury", "pet_lost", "pet_sick", "good_luck", "payday",
    "achievement", "game_win", "game_lose", "lost_item", "scammed", "travel_mishap", "birthday_own",
    "pet_mischief", "cooking_fail", "remembrance", "kid_sick", "well_wishes",
})  # fmt: skip
# Rows that name a kind of post more than an event (a quote, a news share, a question): read, but with
# too little confidence for three lines; the pipeline says less there.
_SOFT = frozenset({"opinion", "news_share", "question_advice", "question_choice", "question_know"})
SURE = 0.7  # a situation read at least this surely gets its full three lines
# A post that asks (去厦门有影响吗, 黑森林那个好吃吗) has not lived the happy topic it names: its lines
# ("厦门好美") would answer an event that did not happen, so such rows are skipped for questions.
_ASKS = re.compile(r"[?？]|吗|咋办|怎么办|有没有|是不是|什么时候|哪家|哪里|求问")
_GUESS = re.compile(r"猜猜|猜一猜|你们猜|猜我")  # 今晚的星空，猜猜我在哪？ has seen the sky: a game, not a question
# Where it matters who is affected (get-well lines to the author when their baby is ill are wrong):
# the person a cue is about, as a friend of the author would name them in a reply.
_WHO_MATTERS = frozenset({"sick_minor", "injury", "recovery", "checkup_worry", "crisis_serious_illness"})
# The author's own state: a row read only when the cue is not about someone the post names (我爸熬夜).
_OWN_STATE = frozenset({"tired", "insomnia"})
_WITH = frozenset("和跟给对陪找")  # a kin word after these is the author's company, not who is affected
_KIN_NAMES = (
    ("妈妈|我妈|老妈|母亲|俺妈|咱妈", "阿姨"), ("爸爸|我爸|老爸|父亲|俺爸|咱爸", "叔叔"),
    ("奶奶", "奶奶"), ("爷爷", "爷爷"), ("外婆|姥姥", "外婆"), ("外公|姥爷", "外公"),
    ("宝宝|宝贝|娃|小家伙|崽", "宝宝"), ("儿子|女儿|闺女|孩子|小朋友", "孩子"),
    ("老公|男朋友|男票|老婆|女朋友|女票|对象|媳妇", "另一半"), ("爸妈|父母|家人|家里人|老人", "家里人"),
    ("朋友|闺蜜|室友|同事|同学|兄弟", "朋友"), ("弟弟|妹妹|哥哥|姐姐", "家里人"), ("婆婆|公公", "老人家"),
)  # fmt: skip
_KIN = re.compile("|".join(f"(?P<k{i}>{words})" for i, (words, _) in enumerate(_KIN_NAMES)))
# A bereavement post that speaks of the author's own bond (我想你, 陪我长大): mourned as a loved one.
_CLOSE = re.compile(r"我|俺|你")
_CLAUSE_START = re.compile(r"[，。！？,.!?；;\n]")


@dataclass(frozen=True, slots=True)
class SituationDef:
    name: str
    group: str
    polarity: str  # neg | pos | mixed | neutral
    mood: str  # the mood a reply meets; "" = the post's own
    zh: str
    cue: re.Pattern[str]
    blocker: re.Pattern[str] | None


@dataclass(frozen=True, slots=True)
class Situation:
    """A post's situation as read: name, group, polarity, the mood replies should meet, and confidence."""

    name: str
    group: str
    polarity: str
    mood: str
    zh: str
    confidence: float
    crisis: Crisis | None = None
    who: str = ""  # "" = the author; else who is affected, as a reply names them (阿姨, 宝宝, 朋友)

    @property
    def sensitive(self) -> bool:
        return self.crisis is not None

    @property
    def tone(self) -> str:
        """The bank variant for mixed situations: "low" for grief/low/angry moods, "up" otherwise."""
        return "low" if self.mood in _DOWN_MOODS else "up"


@lru_cache(maxsize=1)
def _defs() -> tuple[SituationDef, ...]:
    return tuple(
        SituationDef(name, group, pol, mood, zh, re.compile(cue, re.IGNORECASE), re.compile(block) if block else None)
        for name, group, pol, mood, zh, cue, block in ROWS
    )


SITUATIONS: tuple[str, ...] = tuple(row[0] for row in ROWS)
_GROUPS = {row[0]: row[1] for row in ROWS}


def affected(text: str, start: int, end: int | None = None) -> str:
    """Who the cue at `start` (ending at `end`) is about: the kin word nearest before its end, in its
    clause or the one before, as a friend would name them (我妈住院 -> 阿姨, 宝宝发烧 -> 宝宝); "" when
    it is the author."""
    begin = max((m.end() for m in _CLAUSE_START.finditer(text, 0, start)), default=0)
    before = max((m.end() for m in _CLAUSE_START.finditer(text, 0, max(0, begin - 1))), default=0)
    found = None
    for m in _KIN.finditer(text, before, start if end is None else end):
        if m.start() == 0 or text[m.start() - 1] not in _WITH:  # 和老妈生气…摔倒: mum is not who fell
            found = m
    if found is None or re.search(r"我(?:也|自己|又|今天|昨天|最近)", text[found.end() : start]):
        return ""
    return _KIN_NAMES[int(next(k for k, v in found.groupdict().items() if v)[1:])][1]


def _crisis_situation(crisis: Crisis, text: str) -> Situation:
    name = crisis.kind
    if name == "bereavement" and _PET_WORDS.search(text):
        name = "pet_death"
    mood = "grief" if name in ("bereavement", "pet_death") else "low"
    full = f"crisis_{name}"
    at = text.find(crisis.cue)
    who = affected(text, at, at + len(crisis.cue)) if full in _WHO_MATTERS and at >= 0 else ""
    if name == "bereavement" and not (_KIN.search(text) or _CLOSE.search(text)):
        who = "逝者"  # a death the author was not close to (a hero in the news): no "your memories together"
    return Situation(full, "crisis", "neg", mood, "需要被小心接住的时刻", 1.0, crisis, who)


def _contradicts(d: SituationDef, mood: str, emotion: EmotionResult, tone: str) -> bool:
    """A topic cue whose feeling the post's confident emotion reading, or its own words (`tone`, see
    safety.post_tone), contradict: a sad sunset post, a parcel lost again read as shopping joy."""
    if d.name in EVENTS:
        return False
    if (d.polarity == "pos" and tone == "down") or (d.polarity == "neg" and d.mood == "low" and tone == "up"):
        return True
    if emotion.scores.get(emotion.label, 0.0) < _SURE:
        return False
    if d.polarity == "neg" and d.mood == "low" and mood == "angry":
        return True  # a rant about someone else's cold is no call to comfort the author's
    return (d.polarity == "pos" and mood in _DOWN_MOODS) or (d.polarity == "neg" and mood in _UP_MOODS)


def _reply_mood(d: SituationDef, post_mood: str) -> str:
    if not d.mood or d.polarity in ("mixed", "neutral"):
        return d.mood if d.mood and post_mood == "everyday" else post_mood
    return d.mood


def _allowed(d: SituationDef, mood: str, emotion: EmotionResult, tone: str, asks: bool) -> bool:
    """A row whose feeling the post does not contradict, and no happy topic under a question."""
    if _contradicts(d, mood, emotion, tone):
        return False
    return not (asks and d.polarity != "neg" and d.group != "ask" and d.name not in EVENTS)


def _cue_reading(text: str, mood: str, emotion: EmotionResult) -> Situation:
    tone = post_tone(text)
    asks = bool(_ASKS.search(text)) and not _GUESS.search(text)
    for d in _defs():
        m = d.cue.search(text)
        if (
            m is None
            or (d.blocker is not None and d.blocker.search(text))
            or not _allowed(d, mood, emotion, tone, asks)
        ):
            continue
        if d.name in _OWN_STATE and affected(text, m.start()):
            continue  # 我爸每天熬夜看电视: someone else's late nights, no "早点睡" for the author
        confidence = 0.9 if d.name in EVENTS else 0.5 if d.name in _SOFT else 0.75
        who = affected(text, m.start()) if d.name in _WHO_MATTERS else ""
        return Situation(d.name, d.group, d.polarity, _reply_mood(d, mood), d.zh, confidence, who=who)
    return Situation(GENERAL, GENERAL, "neutral", mood, "日常", 0.4)


# Rows whose cue names what the author did (自己做了红烧肉), not a topic: no mere mention, never dropped.
_DONE = frozenset({"cooking"})


def model_may_drop(name: str, group: str, went_to: str) -> bool:
    """Whether the trained model may drop this cue reading: never an event row (终于脱单了, 出院了: its own
    evidence), a row naming the author's act, or a travel cue the post backs with a place the author went
    to (去了大理)."""
    return name not in EVENTS and name not in _DONE and not (group == "travel" and went_to)


def _model_reading(text: str, mood: str, emotion: EmotionResult, cue: Situation, went_to: str) -> Situation:
    """The cue reading checked by the trained model: a topic cue (food, travel, festival, hobbies, daily)
    dropped (say less) when the model reads the post as only mentioning the topic (火锅 in a post about
    emptiness), or, when no cue matched, the situation the model is sure of (its probability is the
    confidence: three lines only at SURE or above), if the post's feeling allows it. An event row (终于脱单了,
    出院了) is its own evidence, as it is against the emotion model: the model never vetoes it."""
    found = situation_model()
    if found is None or not model_may_drop(cue.name, cue.group, went_to):
        return cue
    probs = found.probabilities([cue_features(text, cue.name, cue.group)], embed([text[:ENCODED_CHARS]]))[0]
    action, p = decide(
        dict(zip(found.labels, map(float, probs), strict=True)),
        cue.name,
        cue.group,
        _GROUPS,
        found.veto,
        found.read,
        found.known,
    )
    if action == "keep":
        return cue
    if action == "veto":
        return Situation(GENERAL, GENERAL, "neutral", mood, "日常", 0.4)
    d = next(d for d in _defs() if d.name == action)
    asks = bool(_ASKS.search(text)) and not _GUESS.search(text)
    if not _allowed(d, mood, emotion, post_tone(text), asks) or d.name in _WHO_MATTERS:
        return cue  # who is affected is read from the cue's words; without one, say nothing about health
    return Situation(d.name, d.group, d.polarity, _reply_mood(d, mood), d.zh, round(p, 3))


def read_situation(
    text: str,
    mood: str,
    emotion: EmotionResult,
    crisis: Crisis | None,
    *,
    use_model: bool = True,
    went_to: str = "",
) -> Situation:
    """The situation of a (normalised) post whose mood and emotion were already read; `crisis` from
    nook.engine.crisis.detect_crisis decides first, then the cue table, checked by the trained model
    unless `use_model` is False (a reader's history posts: cheap, and only matched against a situation).
    `went_to` is a place the post surely says the author went to: it makes a travel cue an event."""
    if crisis is not None:
        return _crisis_situation(crisis, text)
    cue = _cue_reading(text, mood, emotion)
    return _model_reading(text, mood, emotion, cue, went_to) if use_model and text else cue
