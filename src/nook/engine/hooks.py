"""Does a post invite replies? Hook type and span, and hook rewrites for posts without one.

Types, checked in this order (the first that matches names the hook):
recommendation (求推荐/求安利), poll (A还是B？), suspense (猜猜…/未完待续), challenge (敢不敢/接力),
question (a question put to readers). Detection runs per sentence on the simplified text; the span is
that sentence's character offsets in the text as given. The rules decide alone where a precise kind rests on
words that decide (`_KINDS`, checked on independent training labels) or a closing question names its readers;
everything else (suggestive words only, other questions, posts no rule explains) is a hook only when the
trained model agrees (`_hook_model`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from nook.engine._hook_model import says_hook
from nook.engine._hook_templates import suggestion_lines
from nook.engine.text import to_simplified

__all__ = ["HOOK_TYPES", "Hook", "HookSuggestion", "detect_hook", "suggest_hooks"]

_Q = r"[?？]"
# Each kind: the words that decide alone, then words that only suggest it (checked on the independent
# training labels, where they were mostly rants: "是X还是Y？", "有本事你…", "神秘", "敢不敢…"); a post whose
# hook rests on a suggestive word is typed by the rules but judged by the model.
_KINDS: tuple[tuple[str, str, str], ...] = (
    (
        "recommendation",
        r"求(推荐|安利|种草|好物|指路|分享)|求.{0,8}(推荐|安利|书单|歌单|片单|攻略)|私藏|"
        r"^求(一个|一款|一本|个|好用|好看|好吃|靠谱|适合)|(有没有|有什么|有啥|有无)"
        r".{0,16}(推荐|安利|好[看用吃玩听喝去]的)|推荐一下|安利一下|(大家|你们|各位).{0,6}(都|平时|一般)"
        r".{0,4}(用|看|吃|买|去|听)(什么|啥|哪)|哪家.{0,6}好|(推荐|安利)(给我|我)",
        "",
    ),
    (
        "poll",
        r"(选|投)(哪个|哪一个|哪边|谁)|哪(个|一个|款|种|家)(更|比较)?(好|合适|适合|推荐)"
        r"|二选一|三选一|(来|快来|帮我|大家)投票|投票吧|站哪边|站队|[AB12一二]还是[AB12一二]|你们(选|pick)|(留|选|要)哪(个|一个)"
        r"|还是.{1,12}(好难选|纠结|你们来定|怎么选)|只能(留|选)一个"
        r"|.{1,12}\s+(or|OR|Or)\s+.{1,12}"
        + _Q
        + r"|[^/，。]{1,10}(/[^/，。]{1,10}){1,5}.{0,4}(选一个|选哪个|选哪|pick|投)"
        r"|(选一个|选哪个|帮我选|帮忙选|来投票|投个票|投票决定|扣[1-9一二三ABab]|评论区扣)"
        # a sentence that is only two short options ("甜豆花还是咸豆花？"), not "是A还是B" or "还是" as "still"
        r"|^\s*(?!.*(到底|究竟|难道|为什么|怎么))[^，。！!？?,、 是]{1,8}(?<![就都也却又])还是"
        r"(?!(说|要|得|会|不|没|有|在|挺|很|太|那么|这么|一样))[^，。！!？?,、 是吗]{1,8}" + _Q + r"+\s*$",
        r"(?<![我你他她但可却也都])还是.{1,20}" + _Q,
    ),
    (
        "suspense",
        r"猜猜|猜一猜|你猜|你们猜|猜是|猜到|猜得到|猜出|未完待续|下集|卖个关子|先不告诉|揭晓|后来(呢|怎么了)"
        r"|想不到.{0,10}" + _Q + r"|你们绝对|等我.{0,6}再说|明天告诉|惊喜.{0,10}等到"
        r"|(明天|下次|改天|回头|晚点|晚上|周末)(再讲|再更|揭晓|告诉你们|讲给你们)|憋了.{0,6}(天|周|个月)"
        r"|(评论|点赞|赞|转发)过\d+.{0,6}(就|再)?(讲|说|更|公布|揭晓)|(下回|下次)分解|想听吗|想知道吗|要不要听",
        r"结果(呢|你猜)|神秘|悬念|(明天|下次|改天|回头|晚点|晚上|周末)再说",
    ),
    (
        "challenge",
        r"有没有人敢|有本事你们|(你们|大家).{0,6}敢不敢|敢不敢(晒|来|试)|(一起|接受|发起)挑战|(?<!带)来挑战|挑战[：:]"
        r"|挑战.{0,12}(谁|一起|等你)|一起来[：:]|接力|来战|比比看|比一比|谁能(做到|坚持|比|说出|答出)|(评论区|来|快)报个?名"
        r"|比赛谁|看谁|等你来|来试试|不服来|PK|pk|晒出你"
        r"|^(赞|回复|评论|转发)我|(赞|回复|评论)我.{0,6}(就|有|的人|送|带)|下一句是|来报个?到|约起来|约吗|约不约"
        r"|接龙|一个(字|词|表情)形容|(用|说)一句话.{0,6}(形容|描述|总结)|成语接龙|你画我猜|你说我猜"
        r"|(给|帮)我(起|取|想)(个|一个)?(外号|名字|昵称|网名)|考考(你们|大家)|楼下(接|说|继续)"
        r"|(找|求|蹲|缺)(个|一个|一位)?.{0,6}搭子|(有没有|有无|有谁|谁要|谁想)(人|宝子|姐妹)?.{0,4}(一起|组队|约)|求组队|缺一(个|人)",
        r"挑战|敢不敢|谁敢|有本事|一起(打卡|来|试试)|你(也)?能.{0,8}吗" + _Q,
    ),
    (
        "question",
        r"(你们|大家|各位|有没有人|有人|有谁|谁知道|朋友们|宝子们|姐妹们|兄弟们|小伙伴|友友们|家人们|请问|求助)"
        r".{0,30}("
        + _Q
        + r"|吗|呢|么)|(你|你们)(觉得|怎么看|会|有|是|喜欢|呢).{0,20}"
        + _Q
        + r"|(怎么办|咋办|怎么看|如何|啥感觉|什么感觉|什么体验|是什么|为啥|有啥)"
        + _Q
        + r"|(什么|多少|哪|怎么|几|谁|是不是)[^。！!]{0,12}"
        + _Q
        + r"|怎么办|请教|(不|否)"
        + _Q
        + r"\s*$|[^不没]+(吗|呢|么)"
        + _Q
        + r"\s*$",
        "",
    ),
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(f"{strong}|{weak}" if weak else strong)) for name, strong, weak in _KINDS
)
_DECISIVE = {name: re.compile(strong) for name, strong, _ in _KINDS}
HOOK_TYPES: tuple[str, ...] = tuple(name for name, _ in _PATTERNS)
# Kinds whose deciding words may stand alone; the model judges questions and posts without a rule.
PRECISE_KINDS = frozenset({"recommendation", "poll", "suspense", "challenge"})

# Self-directed or rhetorical questions are not invitations (为什么我这么倒霉？/ 凭什么？).
_RHETORICAL = re.compile(
    r"不是.{0,14}(吗|么)[?？]|你知道吗|请.{0,12}好吗|至于|不需要.{0,8}吗|这算|什么叫|为何|说好的|是不是傻|好么|我[^你们大家]{0,8}(吗|么)[?？]|"
    r"能不能(不|有点)|好意思|还让不让|有脸|会死|几个意思|什么鬼|搞什么|有什么值得|究竟|到底|图什么|有意思吗|算什么|"
    r"谁知道呢|难道|凭什么|为什么我|我怎么这么|怎么可能|何必|有什么用|谁让|为什么.{0,10}(总是|每次|老是|又|这么|那么)"
    r"|怎么(又|总是|老是|这么|那么)|咋(又|这么|那么)|谁能想到|这是什么(神仙|人间)"
)
# A question taken back straight after ("…？哎，随便吧") invites nothing.
_RETRACTED = re.compile(
    r"^[\s，。、…~～！!]*(哎|唉|嗯)?[，。、\s]*(算了|随便吧?|罢了|当我没(问|说)|不问了|不说了|没事了)"
)
# A text trailing off ("然后我推开门……") leaves readers waiting; a sigh ("好累……") does not.
_TRAILING = re.compile(r"[^。！？!?\n]{4,}(……|\.{3,}|…)\s*$")
_SIGH = re.compile(r"唉|哎|累|难过|算了|困|烦|无语|好想|想你|晚安|emo|竟然|居然")
_STORY_CUE = re.compile(r"发现|推开|打开|突然|就在这时|只见|回头一看|门外|身后|接下来")
# Only a story cut off right at its turn ("推开门，发现……") is sure; a long sentence that trails off is mostly a sigh.
_CUT_OFF = re.compile(r"(" + _STORY_CUE.pattern + r"|结果)[^，。！？!?,]{0,4}(……|…|\.{3,})\s*$")
# A question someone else asked ("他问我：…？", "父：怎么搞的？") is reported, not put to readers.
_REPORTED = re.compile(r"^[^：:，,。]{1,8}[：:](?!.*(求助|请问|提问))|(说|问|问我|问道|曰)[：:，,]")
# A run of question marks is a vent ("怎么了？怎么了？怎么了？"), unless it calls on readers.
_READERS = re.compile(r"大家|你们|各位|有没有人|有人|求|推荐|请问|怎么办|帮")
# Asking for help outright is a question even in a vent ("什么鬼？…能帮帮我").
_PLEA = re.compile(r"帮帮我|求问|求指教|求助|谁能告诉我|互动话题|请教")
# A short question on its own ("回家了？", "失眠的理由？") is put to whoever reads it.
_SHORT_QUESTION = re.compile(r"^[^?？。！!]{2,12}[?？]+\s*$")
# A closing question put to readers by name ("你们最喜欢哪一首？") is precise enough for the rules alone,
# unless it is the rhetorical "你们不…吗？/你们以为…吗？".
_ASKS_READERS = re.compile(
    r"(你们|大家|各位|有没有人|朋友们|宝子们|姐妹们|兄弟们|小伙伴|友友们|家人们)(?![^。！!？?]*(不|没|以为)[^。！!？?]*吗)"
    r"[^。！!？?]{0,24}(什么|哪|怎么|谁|几|多少|有没有|是不是|吗|呢)[^。！!？?]{0,8}[?？]+\s*$"
)
_SENTENCE = re.compile(r"[^。！？!?\n…~～]+[。！？!?\n…~～\]\s]*|[。！？!?\n…~～]+")


@dataclass(frozen=True, slots=True)
class HookSuggestion:
    type: str
    text: str

    def to_json(self) -> dict[str, str]:
        return {"type": self.type, "text": self.text}


@dataclass(frozen=True, slots=True)
class Hook:
    present: bool
    type: str | None = None
    span: tuple[int, int] | None = None
    span_text: str = ""
    suggestions: tuple[HookSuggestion, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        span = {"start": self.span[0], "end": self.span[1], "text": self.span_text} if self.span else None
        return {
            "present": self.present,
            "type": self.type,
            "span": span,
            "suggestions": [s.to_json() for s in self.suggestions],
        }


@lru_cache(maxsize=4096)  # rules and model signals both read each sentence: classify it once
def _hook_type(simple: str) -> str | None:
    """Hook type of one sentence already in simplified NFKC form."""
    if _PLEA.search(simple):
        return "question"
    for name, pattern in _PATTERNS:
        if not pattern.search(simple):
            continue
        if name != "question" or not (_RHETORICAL.search(simple) or _REPORTED.search(simple)):
            return name
    return None


def rule_hook(text: str) -> Hook | None:
    """The rules' hook: the strongest by type priority, then the last such sentence."""
    best: tuple[int, int, int] | None = None  # (priority, start, end)
    simple = to_simplified(text)
    # NFKC + t2s nearly always keep the length, so offsets in `simple` are offsets in `text`;
    # otherwise fall back to converting sentence by sentence.
    same_length = len(simple) == len(text)
    for m in _SENTENCE.finditer(simple if same_length else text):
        kind = _hook_type(m.group(0) if same_length else to_simplified(m.group(0)))
        if kind is None:
            continue
        priority = HOOK_TYPES.index(kind)
        if best is None or priority <= best[0]:
            best = (priority, m.start(), m.end())
    if best is None and _SHORT_QUESTION.match(simple) and not _RHETORICAL.search(simple):
        return Hook(True, "question", (0, len(text.rstrip())), text.rstrip())
    if best is None:
        return _trailing_off(text)
    if len(re.findall(r"[?？]", simple)) >= 3 and not _READERS.search(simple):
        return None
    if best[0] in (HOOK_TYPES.index("question"), HOOK_TYPES.index("poll")) and _RETRACTED.search(simple[best[2] :]):
        return None
    start, end = best[1], len(text[: best[2]].rstrip())
    return Hook(True, HOOK_TYPES[best[0]], (start, end), text[start:end])


def rule_decides(text: str, ruled: Hook | None) -> bool:
    """Whether the rules' hook is certain enough to stand without the model."""
    if ruled is None:
        return False
    simple = to_simplified(text)
    if ruled.type == "suspense" and _CUT_OFF.search(simple):
        return True
    for m in _SENTENCE.finditer(simple):  # a sentence of a precise kind, in words that decide alone
        kind = _hook_type(m.group(0))
        if kind in PRECISE_KINDS and _DECISIVE[kind].search(m.group(0)):
            return True
    return bool(_ASKS_READERS.search(simple.rstrip()))


# Posts that ask, offer a choice or speak to readers: the only ones where the model may find a hook no rule
# names. Question words without a "?" ("双眼皮哪里做的") and choices ("去还是不去……") count too.
_MAY_ASK = re.compile(r"[?？吗呢么哪谁几选]|什么|怎么|为啥|还是|有没有|是不是|要不要|留言|评论|" + _READERS.pattern)


def _find(text: str) -> Hook | None:
    """Rules name the precise kinds; the trained model judges other questions and posts no rule explains."""
    if not text.strip():
        return None
    ruled = rule_hook(text)
    if rule_decides(text, ruled):
        return ruled
    if not model_may_judge(text, ruled):  # the model's cost only where it may help
        return None
    if not says_hook(text, rule_signals(text, ruled)):
        return None
    return ruled or _question_span(text)


# Where no rule found a hook, a last question the rules call rhetorical ("怎么又下雨了？") or a 要不要 with no one
# in view ("要不要把猫接回老家养？") talks to itself: 23 hooks in 324 such posts of the blind-labelled rows.
_SOMEONE = re.compile(r"你|大家|各位|有没有人|求|帮")


def model_may_judge(text: str, ruled: Hook | None) -> bool:
    """Whether the model reads the post: a rule found something, or the post asks or speaks to readers and does
    not only talk to itself."""
    if ruled is not None:
        return True
    simple = to_simplified(text)
    return bool(_MAY_ASK.search(simple)) and not _talks_to_itself(simple)


def _talks_to_itself(simple: str) -> bool:
    asking = [m.group(0) for m in _SENTENCE.finditer(simple) if re.search(r"[?？]", m.group(0))]
    if asking and _RHETORICAL.search(asking[-1]):
        return True
    return "要不要" in simple and not _SOMEONE.search(simple)


def _question_span(text: str) -> Hook:
    """A hook only the model saw: its span is the last sentence that asks something, else the last one."""
    simple = to_simplified(text)
    source = simple if len(simple) == len(text) else text
    spans = [(m.start(), len(text[: m.end()].rstrip())) for m in _SENTENCE.finditer(source) if m.group(0).strip()]
    asking = [sp for sp in spans if re.search(r"[?？吗呢么]", source[sp[0] : sp[1]])]
    start, end = (asking or spans or [(0, len(text.rstrip()))])[-1]
    return Hook(True, "question", (start, end), text[start:end])


def rule_signals(text: str, ruled: Hook | None) -> list[str]:
    """What the hand-written rules see in a post (`ruled`: their hook, `rule_hook(text)`), and the post's
    shape (`_shape_signals`), for the model."""
    simple = to_simplified(text).strip()
    sentences = [m.group(0) for m in _SENTENCE.finditer(simple)] or [""]
    kinds = {kind for s in sentences if (kind := _hook_type(s)) is not None}
    marks = len(re.findall(r"[?？]", simple))
    checks = {
        "rhetorical": _RHETORICAL, "retracted": _RETRACTED, "reported": _REPORTED, "readers": _READERS,
        "plea": _PLEA, "short_question": _SHORT_QUESTION, "trailing": _TRAILING, "sigh": _SIGH,
    }  # fmt: skip
    signals = [f"R:kind:{k}" for k in sorted(kinds)]
    signals += [f"R:found:{ruled.type if ruled else 'none'}", f"R:marks:{min(marks, 3)}"]
    signals += [f"R:{name}" for name, pattern in checks.items() if pattern.search(simple)]
    signals += [f"R:last_kind:{_hook_type(sentences[-1]) or 'none'}", f"R:ends_question:{simple[-1:] in '?？'}"]
    return signals + _shape_signals(simple)


_ASKING = re.compile(r"[?？]|[吗呢么][\W_]*$")
_CLOSING = "。！？!?~～…．.，,、 \n\t)）】」』\"'"
_PARTICLES = "吗呢吧么啊呀哈嘛啦哦咧"
_WEIBO = {"topic": re.compile("#"), "mention": re.compile("@"), "headline": re.compile("[【】]"),
          "link": re.compile(r"http|网页链接|\.com|\.cn"), "quote": re.compile("[《》—]")}  # fmt: skip


def _shape_signals(simple: str) -> list[str]:
    """Where the question sits, how sentences end, who is addressed, Weibo markup: a hook asks last and
    addresses readers; a vent asks first and talks about itself; news and quotes carry headlines and links."""
    spans = [(m.start(), m.end()) for m in _SENTENCE.finditer(simple) if m.group(0).strip()] or [(0, 0)]
    asking = [i for i, (a, b) in enumerate(spans) if _ASKING.search(simple[a:b].rstrip())]
    signals = [f"S:sentences:{min(len(spans), 5)}", f"S:length:{min(len(simple).bit_length(), 8)}"]
    if asking:
        after = len(simple) - spans[asking[-1]][1]
        signals += [f"S:asks_from_end:{min(len(spans) - 1 - asking[-1], 3)}", f"S:asks_first:{asking[0] == 0}"]
        signals.append(f"S:after_ask:{min(after // 10, 4)}")
    else:
        signals.append("S:asks_nowhere")
    core = simple.rstrip(_CLOSING)
    signals.append(f"S:final:{core[-1] if core and core[-1] in _PARTICLES else 'other'}")
    signals.append(f"S:end:{simple[-1] if simple and simple[-1] in '?？!！。.…~～' else 'other'}")
    for a, b in spans:
        sentence = simple[a:b].rstrip(_CLOSING)
        if sentence and sentence[-1] in "吗呢吧么嘛":
            signals.append(f"S:particle:{sentence[-1]}")
    readers = len(re.findall(r"你们|大家|各位|您|亲们|朋友们|小伙伴|姐妹|宝子", simple))
    signals += [f"S:readers:{min(readers, 2)}", f"S:you:{min(len(re.findall('你(?!们)', simple)), 2)}"]
    signals.append(f"S:me:{min(simple.count('我'), 3)}")
    last = simple[spans[-1][0] : spans[-1][1]]
    signals.append(f"S:last_addresses:{bool(re.search('你|大家|各位|您', last))}")
    if asking:
        signals.append(_short_ask(simple[spans[asking[-1]][0] : spans[asking[-1]][1]]))
    return signals + [f"S:{name}" for name, pattern in _WEIBO.items() if pattern.search(simple)]


def _short_ask(sentence: str) -> str:
    """Who a short last question is about: a bare "结婚了？" asks the one reading, "我怎么这么倒霉？" the writer."""
    core = sentence.rstrip(_CLOSING)
    if len(core) > 12:
        return "S:short_ask:long"
    return f"S:short_ask:{'you' if '你' in core else 'me' if '我' in core else 'bare'}"


def _trailing_off(text: str) -> Hook | None:
    """A story that stops mid-sentence ("……") is a cliffhanger, unless it is a sigh."""
    m = _TRAILING.search(text)
    tail = to_simplified(m.group(0)) if m else ""
    if m is None or _SIGH.search(tail) or not _STORY_CUE.search(tail):
        return None
    start = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
    return Hook(True, "suspense", (start, len(text.rstrip())), text[start:].rstrip())


def suggest_hooks(text: str, scenes: list[str] | None = None, state: str | None = None) -> list[HookSuggestion]:
    """2-3 rewrites of `text` that end with a hook; the writer's words are kept and one line is added."""
    body = text.rstrip()
    if not body:
        return []
    joiner = "" if not body or body[-1] in "。！？!?~～…" else " " if not body[-1].isalnum() else "。"
    return [HookSuggestion(kind, f"{body}{joiner}{line}") for kind, line in suggestion_lines(scenes or [], state)]


def detect_hook(text: str, scenes: list[str] | None = None, state: str | None = None, *, suggest: bool = True) -> Hook:
    """The post's hook (type + span), or `present=False` with suggested rewrites when it has none."""
    found = _find(text)
    if found is not None:
        return found
    suggestions = tuple(suggest_hooks(text, scenes, state)) if suggest else ()
    return Hook(False, suggestions=suggestions)
