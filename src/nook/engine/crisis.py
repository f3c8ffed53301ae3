"""Crisis signals in a post: suicide, self-harm, depression, bereavement, serious illness, abuse, breakup.

`detect_crisis(text)` -> `Crisis(kind, at_risk, cue)` or None. It is a reviewed list of phrasings, not
a model: a miss is worse than a false alarm for the author's safety, but everyday hyperbole (笑死我了,
累死了, 这游戏难死了, 想死你了, 懒癌晚期, 新增确诊病例) must not turn a joke into a crisis, so every
family has its own exclusions and a few words count only in the first person or next to a family member.

`at_risk` is True where the author may be in danger (suicide or self-harm in the first person). The
suggestion engine offers only its reviewed supportive lines for any Crisis; the product may show the
author (and nobody else) a discreet card with help lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["KINDS", "Crisis", "detect_crisis"]

KINDS = ("suicide", "self_harm", "depression", "bereavement", "serious_illness", "abuse", "breakup")

_ME = r"(?:我|自己|俺|本人)"
_KIN = (
    r"(?:我|我家|家里|爷爷|奶奶|外婆|外公|姥姥|姥爷|爸爸|妈妈|我爸|我妈|老爸|老妈|父亲|母亲|老公|老婆|儿子|女儿|"
    r"孩子|宝宝|哥哥|姐姐|弟弟|妹妹|男朋友|女朋友|对象|闺蜜|好朋友|朋友|同学|室友|舅舅|姑姑|阿姨|叔叔|伯伯)"
)
# Hyperbole that looks like death words: 笑死 累死 难死 想死你了 帅死我了 气死我了 …
_HYPERBOLE = re.compile(
    r"(?:笑|累|难|饿|热|冷|气|困|吓|烦|美|帅|萌|可爱|甜|馋|忙|丑|尬|尴尬|痒|撑|急|酸|疼|痛|晒|闷|渴|土|蠢|懒)"
    r"(?:得|的)?(?:要)?死|想死(?:你|您|他|她|它|你们|我了|人了)|死党|死鬼|死宅|死磕|死机|死线|deadline|"
    r"想死的心都有|(?:作|找)死|死活|死心塌地|半死|(?:折磨|逼|憋|整|忙|气)(?:成|出|得)?.{0,3}(?:抑郁|躁郁)症?",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"(?:不|没|别|不要|千万别|不会|才不|绝不)$")
# Third-person or fictional framing: the post is about someone else, a story, the news.
_OTHERS = re.compile(r"新闻|报道|电影|电视剧|小说|剧情|角色|男主|女主|据悉|记者|网友|某|主人公|明星|演员|歌手|历史")


@dataclass(frozen=True, slots=True)
class Crisis:
    """A crisis signal: its kind (see KINDS), whether the author may be in danger, and the phrase read."""

    kind: str
    at_risk: bool
    cue: str


@dataclass(frozen=True, slots=True)
class _Rule:
    kind: str
    pattern: re.Pattern[str]
    first_person: bool = False  # the author may be at risk (when they speak of themselves)
    needs: str = ""  # "me": counts only with a first-person word in the post; "kin": first-person or family


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Order matters: the first rule that matches names the kind (danger before sorrow).
_HIT_NOT = r"(?!脸|败|扰|断|乱|动|折|击|卡|针|电话|疫苗|call|工|车|游戏|球|牌|架|字|印|包|开|扫|算|听|量)"
_RULES: tuple[_Rule, ...] = (
    _Rule(
        "suicide",
        _rx(
            r"不想活(?:了|下去)?|活不下去了|活着(?:真|好|太)?(?:没意思|没意义|好累|太累|太痛苦)|不如死了|死了算了|"
            r"死了就好了|一死了之|好想死|真想死|想去死|我想死|想死了|我(?:还是)?去死|结束(?:自己的?)?生命|了结(?:自己|生命)|"
            r"离开这个世界|不想再醒来|永远睡过去|想消失|世界上没有我|没有我(?:大家|他们)?会更好|写(?:好)?(?:了)?遗书|"
            r"(?:吞|吃|攒)(?:了)?(?:一瓶|一把|好多)?安眠药|想跳楼"
        ),
        first_person=True,
    ),
    _Rule("suicide", _rx(r"自杀|轻生|寻短见|跳楼(?!价)|跳河|上吊"), first_person=True, needs="me"),
    _Rule(
        "self_harm",
        _rx(
            r"自残|割腕|伤害自己(?!最|身边|的)|(?<![规计策比刻])划(?:了)?(?:自己|手腕|手臂|胳膊)|拿刀划|用刀划|烟头烫自己|"
            r"手腕上的(?:疤|伤)"
        ),
        first_person=True,
    ),
    _Rule(
        "depression",
        _rx(
            r"抑郁症|抑郁药|抗抑郁|确诊(?:了)?(?:中度|重度|轻度)?抑郁|(?:中度|重度)抑郁|双相|躁郁|焦虑症|惊恐发作|"
            r"看心理医生|心理咨询师|精神科|撑不下去了|看不到(?:任何)?希望|彻底绝望|什么都不想做|"
            r"每天都不想醒|没有活着的感觉|整夜整夜睡不着|抑郁(?:了)?(?:好久|很久|一年|半年|几个月|好几年)"
        ),
    ),
    _Rule(
        "abuse",
        _rx(
            r"家暴|我被.{0,6}(?:打" + _HIT_NOT + r"|欺负|霸凌|性骚扰|猥亵|性侵|强奸|侵犯)|"
            r"(?:他|她|爸|妈|老公|老婆|男朋友|女朋友|继父|继母)(?:又|总是|经常|天天)?(?:动手)?打我|"
            r"对我(?:动手|家暴|冷暴力)|霸凌我|PUA我|被PUA|校园暴力"
        ),
        first_person=True,
        needs="me",
    ),
    _Rule(
        "bereavement",
        _rx(
            r"彩虹桥|再也见不到(?:他|她|它|爷爷|奶奶|外婆|外公|爸|妈)|天堂里的|没能(?:扛|撑|挺)过去|"
            r"(?:爷爷|奶奶|外婆|外公|姥姥|姥爷|爸爸|妈妈|父亲|母亲|猫|狗|狗狗|猫咪)[^，。！？,.!?]{0,4}(?:走了|离开了我|没了|死了)"
        ),
    ),
    _Rule(
        "bereavement",
        _rx(r"去世|离世|过世|病逝|逝世|永别|葬礼|追悼会|头七|守灵|火化|遗像|遗体告别|安息|一路走好|在天堂|离开了我们"),
        needs="kin",
    ),
    _Rule(
        "serious_illness",
        _rx(
            r"化疗|放疗|病危|重症监护|ICU|抢救室|绝症|白血病|尿毒症|透析|(?:得|患)了?.{0,3}癌|癌症晚期|确诊(?:了)?.{0,4}癌"
        ),
        needs="kin",
    ),
    _Rule(
        "serious_illness",
        _rx(_KIN + r"[^，。！？,.!?]{0,4}(?:住院|确诊|动手术|做手术|脑梗|中风|心梗|肿瘤|癌|病得很重|病重)"),
    ),
    _Rule("breakup", _rx(r"分手了|失恋了|被甩了|分开了|他不要我了|她不要我了|被绿了|离婚了|离婚手续|离婚证")),
    _Rule("breakup", _rx(r"分手(?!快乐|大师|信|费)|失恋|被甩|离婚|(?:他|她|老公|老婆|男朋友|女朋友)出轨"), needs="me"),
)
# Words that look like illness but are jokes or the news: 懒癌晚期, 尴尬癌, 新增确诊.
_NOT_ILL = re.compile(
    r"(?:懒|尴尬|拖延|直男|直女|选择困难|强迫|手机|购物|熬夜)(?:癌|症)(?:晚期)?|晚期(?:拖延|懒)|新增确诊|确诊病例|"
    r"累计确诊|疑似|无症状|住院部|确诊了?\d|例确诊|肺炎|病例|疫情|#"
)
_NOT_BREAKUP = re.compile(r"分手快乐|劝分|(?:别人|他们|朋友|闺蜜|室友|同事)(?:都)?(?:分手|离婚)|分手了?(?:吗|没)")


def _first_person(text: str) -> bool:
    return re.search(_ME, text) is not None


def _has_kin(text: str) -> bool:
    return re.search(_KIN, text) is not None


def _hit(rule: _Rule, text: str) -> re.Match[str] | None:
    for m in rule.pattern.finditer(text):
        if _NEGATED.search(text[max(0, m.start() - 4) : m.start()]):
            continue
        if rule.kind == "serious_illness" and _NOT_ILL.search(text):
            continue
        if rule.kind == "breakup" and _NOT_BREAKUP.search(text):
            continue
        return m
    return None


def _masked(text: str) -> str:
    """`text` with hyperbole (笑死, 累死了, 想死你了) blanked out, so it cannot match a death word."""
    return _HYPERBOLE.sub(lambda m: "＿" * len(m.group(0)), text)


def detect_crisis(text: str) -> Crisis | None:
    """The strongest crisis signal in `text` (normalised or raw), or None when there is none."""
    masked = _masked(text.strip())
    if not masked:
        return None
    for rule in _RULES:
        m = _hit(rule, masked)
        if (
            m is None
            or (rule.needs == "me" and not _first_person(masked))
            or (rule.needs == "kin" and not _has_kin(masked))
        ):
            continue
        return Crisis(rule.kind, rule.first_person and _speaks(masked, m, rule), m.group(0))
    return None


_CLAUSE_END = re.compile(r"[，。！？,.!?；;\n]")


def _clause(text: str, m: re.Match[str]) -> str:
    """The clause of `text` around the match (between punctuation marks)."""
    start = max((p.end() for p in _CLAUSE_END.finditer(text, 0, m.start())), default=0)
    end = next((p.start() for p in _CLAUSE_END.finditer(text, m.end())), len(text))
    return text[start:end]


def _speaks(text: str, m: re.Match[str], rule: _Rule) -> bool:
    """The author speaks of themselves: words like 自杀 or 打我 count as a risk only with a first-person
    word in their own clause, and a story or the news (电影里, 新闻) only when the author is its subject."""
    clause = _clause(text, m)
    if rule.needs or _OTHERS.search(text):
        return _first_person(clause)
    return True
