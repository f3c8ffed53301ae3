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
    unless: re.Pattern[str] | None = None  # the rule does not count in a post this matches


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Loss told plainly, without 去世: 不在了, 最后一面, 送走了, 在那边要好好的, 人就没了. Pets are kin here.
_LOVED = (
    r"(?:爷爷|奶奶|外婆|外公|姥姥|姥爷|爸爸|妈妈|我爸|我妈|父亲|母亲|老爸|老妈|爸|妈|老公|老婆|儿子|女儿|孩子|宝宝|"
    r"哥哥|姐姐|弟弟|妹妹|舅舅|姑姑|叔叔|伯伯|阿姨|师父|恩师|老师|猫|狗|狗狗|猫咪|小猫|小狗|喵|汪|仓鼠|兔子|兔兔|"
    r"鹦鹉|金鱼|乌龟|宠物|毛孩子|他|她|它)"
)
_NUM = r"[一二三四五六七八九十两半几\d]+"
# 不在了 of things (钥匙不在了) or places (人不在家), and love lost rather than a life (再也见不到你 of an ex).
_NOT_LOSS = re.compile(
    r"(?:钥匙|钱包|手机|东西|卡|身份证|位置|座位|车|店|办公室|宿舍|学校|这里|那里|原地|群里|线上)"
    r"(?:已经|都|也|全部|全部都|全都)?不在了|"
    r"不在了?(?:家|这|那|线|身边|公司|学校|宿舍)"
)
# The author musing on their own funeral (我死后要火化) is no loss.
_OWN_DEATH = re.compile(r"我死(?:后|了以后|了之后)|等我死|我的(?:遗体|骨灰|葬礼)|捐(?:献)?(?:遗体|器官)")
_LOVE_LOST = re.compile(r"分手|前任|前男友|前女友|恋爱|爱情|男朋友|女朋友|男票|女票|喜欢你|爱你|不爱")

# Order matters: the first rule that matches names the kind (danger before sorrow).
_HIT_NOT = r"(?!脸|败|扰|断|乱|动|折|击|卡|针|电话|疫苗|call|工|车|游戏|球|牌|架|字|印|包|开|扫|算|听|量)"
_RULES: tuple[_Rule, ...] = (
    _Rule("bereavement", _rx(_LOVED + r"[^，。！？,.!?]{0,6}离开(?:了)?(?:这个|这|人)世(?:界)?")),
    _Rule(
        "suicide",
        _rx(
            r"不想活(?:了|下去)?|活不下去了|活着(?:真|好|太)?(?:没意思|没意义|好累|太累|太痛苦)|不如死了|死了算了|"
            r"死了就好了|一死了之|好想死|真想死|想去死|我想死|想死了|我(?:还是)?去死|结束(?:自己的?)?生命|了结(?:自己|生命)|"
            r"离开这个世界|不想再醒来|永远睡过去|想消失|世界上没有我|没有我(?:大家|他们)?会更好|写(?:好)?(?:了)?遗书|"
            r"(?:吞|吃|攒)(?:了)?(?:一瓶|一把|好多)?安眠药|想跳楼|一了百了|想(?:从[^，。！？,.!?]{0,8})?跳下去"
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
            r"每天都不想醒|没有活着的感觉|整夜整夜睡不着|抑郁(?:了)?(?:好久|很久|一年|半年|几个月|好几年)|"
            r"厌世|人生(?:真|好|太)?没(?:有)?意思|我(?:快|真的|实在|怕我)?(?:要)?(?:撑|坚持|熬)不(?:下去|住)了|"
            r"走投无路|感到绝望|彻底绝望|(?:我|心里)(?:好|很|真的)?绝望|心如死灰|撕心裂肺|痛彻心扉|心(?:被)?掏空|"
            r"情绪(?:就)?(?:完全|彻底)?(?:崩溃|奔溃)|没(?:有)?人可以依靠|整个人(?:就)?(?:要)?完蛋了"
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
            r"(?:爷爷|奶奶|外婆|外公|姥姥|姥爷|爸爸|妈妈|父亲|母亲|猫|狗|狗狗|猫咪|喵|汪|仓鼠|兔子|兔兔|鹦鹉|金鱼|乌龟|"
            r"宠物|毛孩子)[^，。！？,.!?]{0,4}(?:走了|离开了我|没了|死了)|去了?(?:喵星|汪星)|回(?:喵星|汪星)"
        ),
    ),
    _Rule(
        "bereavement",
        _rx(
            r"去世|(?<!逃)离世|过世|病逝|逝世|(?<!仲)永别|葬礼|追悼会|头七|守灵|火化|遗像|遗体告别|安息|在天堂|离开了我们|骨灰(?!级|粉)|灵堂|"
            r"出殡|下葬|墓碑|(?:坟|墓)前|忌日|祭日|扫墓|上坟|送(?:了)?.{0,2}最后一程"
        ),
        needs="kin",
        unless=_OWN_DEATH,
    ),
    _Rule(
        "bereavement",
        _rx(
            r"一路走好|走好(?!不送)[^，。！？,.!?]{0,2}$|安息吧|愿.{0,6}安息|天堂(?:里|那边|一切都好|要好好)|"
            r"天堂的(?:你|" + _LOVED + r")|"
            r"(?:在)?那边(?:要|也要|一定要)?(?:好好的|过得好|别再)|那个世界(?:好|还好|过得)|天上的(?:你|他|她|它)|"
            r"不在了|最后一面|送走(?:了)?[^，。！？,.!?]{0,8}"
            + _LOVED
            + r"|"
            + _LOVED
            + r"[^，。！？,.!?]{0,4}(?:离开了我|永远离开|永远地离开)|"
            r"(?:离开(?:我们)?|去世|(?:已经|就这样|他|她|它)走了)(?:快|已经|有|整整)?" + _NUM + r"(?:年|个月|周年)|"
            r"人[^。！？!?]{0,10}就(?:这么|这样)?没了|生命[^，。！？,.!?]{0,4}(?:消失|逝去|陨落)|"
            r"再也(?:见|看)不到(?:你|他|她|它|" + _LOVED + r")"
        ),
        unless=_LOVE_LOST,
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
    _Rule(
        "breakup",
        _rx(
            r"分手了|失恋了|被甩了|分开了|他不要我了|她不要我了|被绿了|离婚了|离婚手续|离婚证|(?:曾经|也曾)爱过|"
            r"再也不(?:想)?相信爱情|不能再爱你|你离开(?:了|是|以后|之后)|先离开的(?:也)?是你|要是不分手|不分手(?:的话)?我们"
        ),
    ),
    _Rule("breakup", _rx(r"分手(?!快乐|大师|信|费)|失恋|被甩|离婚|(?:他|她|老公|老婆|男朋友|女朋友)出轨"), needs="me"),
)
# Words that look like illness but are jokes or the news: 懒癌晚期, 尴尬癌, 新增确诊.
_NOT_ILL = re.compile(
    r"(?:懒|尴尬|拖延|直男|直女|选择困难|强迫|手机|购物|熬夜)(?:癌|症)(?:晚期)?|晚期(?:拖延|懒)|新增确诊|确诊病例|"
    r"累计确诊|疑似|无症状|住院部|确诊了?\d|例确诊|肺炎|病例|疫情|#|"
    r"(?:像|如同|仿佛|好比)[^，。！？,.!?]{0,6}(?:病危|绝症)"  # a simile: 就像是被下了病危通知书
)
_NOT_BREAKUP = re.compile(
    r"分手快乐|劝分|梦(?:到|见)[^，。！？,.!?]{0,6}分手|(?:别人|他们|朋友|闺蜜|室友|同事)(?:都|也|又|刚|要|想|准备)?(?:分手|离婚|失恋)|分手了?(?:吗|没)|失恋(?:了)?吗"
)


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
        if rule.unless is not None and rule.unless.search(text):
            continue
        if rule.kind == "bereavement" and m.group(0).endswith("不在了") and _NOT_LOSS.search(text):
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
