"""Low-value comments (folded, never deleted), as a taxonomy: each kind has its own reason.

Kinds: placeholder (沙发/顶/+1/打卡), repeated characters, emoji or emoticon only, a bare "嗯/是的",
one-word reaction (厉害/yyds/蹲/同求), stock praise, stock phrase (strings of 祝福语 that fit any
post), slogan (武汉加油, 致敬 the medics, 愿平安: said to nobody, they fit any post of a public moment),
ad/引流, chain letter, off-topic self-promotion, mismatched feeling (comfort under good news, cheer under
grief or a complaint), and copy-paste (decided by the barrier's index, not by the text).

Precision comes first: a rule fires only when the whole comment is the pattern, and a short comment
that fits the post ("抱抱你" or "[抱抱]" under a sad post, "太棒了" under good news) is never flagged.
Ads and chain letters go to the moderators (`MODERATED`); rituals (`RITUALS`) are folded, never punished.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from nook.engine._emoticons import bare_emoticons_answer
from nook.engine.comments._lowvalue_model import OVERRULABLE, lowvalue_features, read
from nook.engine.text import NormalizedText, strip_for_dedup

__all__ = [
    "KINDS",
    "MODERATED",
    "RITUALS",
    "LowValueResult",
    "detect_low_value",
    "overrulable",
    "own_words",
    "rule_verdict",
    "without_boilerplate",
]

_FILLER = re.compile(
    r"(?:沙发|板凳|地板|前排|顶+|赞+|点赞|路过|mark|打卡|签到|留名|围观|插眼|火钳刘明|火前留名|已阅|来了|"
    r"dd|cy|6+|1+|一下|一个|了|啊|呀|哦|第一|抢)+"
)
# Internet reactions that fit under anything (厉害, yyds, 蹲, 同求); short, whole-comment only.
_REACTION = re.compile(
    r"(?:(?:太|好|真|超级|超|很|最|巨|贼|非常)?(?:强|漂亮|美|萌|可爱|期待|鼓掌|加油|没错|震惊|帅气|帅|厉害|牛|牛逼|牛批|nb|tql|yyds|绝|绝了|绝绝子|绝杀|离谱|6|秀|顶|酷|帅|飒|炸|妙|爱了|"
    r"awsl|好家伙|家人们|笑死|破防|哇塞|哇|卧槽|我去|天哪|天呐|冲|冲鸭|respect|蹲|蹲蹲|蹲一个|蹲后续|蹲个后续|同求|求|"
    r"同问|同|求链接|求同款|插眼|马住|码住|先马|前排围观|吃瓜|看戏|哈哈|嘿嘿|哎呀|同喜|看好你|最喜欢|爱了|爱他|爱她)"
    r"(?:了|啊+|呀+|哦|吧|啦|哇|的|一个|一下|哒+|翻了|死了|爆了|到我了)*)+",
    re.IGNORECASE,
)
# "好" alone is an answer ("好的"), so it counts as praise only after a verb or a degree word.
_STOCK_PRAISE = re.compile(
    r"(?:楼主)?(?:(?:写|说|拍|画|做|讲|总结)[得的]?(?:真|太|好|很|超|非常)?|(?:真|太|很|超|非常))"
    r"(?:好|棒|赞|不错|厉害|牛|优秀|精彩|好看|美|帅|可爱|到位|精辟)(?:了|啊|呀|哦)*|"
    r"(?:好文|好帖|好贴|支持楼主|支持一下|支持|学习了|收藏了?|转发了?|感谢分享|谢谢分享|涨知识了?|"
    r"不明觉厉|楼主好人|说得对|有道理|同意|同感|真不错|不错不错|可以可以|厉害了?|好看|好美|棒)(?:了|啊|呀|哦)*"
)
_PRAISES_THE_WRITING = re.compile(r"(?:写|说|拍|画|总结)[得的]")
# 祝福语 that fit any post: two or more of them and nothing else is boilerplate.
_BLESSING = re.compile(
    r"身体健康|心想事成|万事如意|前程似锦|步步高升|阖家欢乐|合家欢乐|财源广进|财源滚滚|工作顺利|学业进步|学业有成|"
    r"天天开心|开开心心|幸福美满|平安喜乐|平平安安|健健康康|大吉大利|福如东海|寿比南山|一帆风顺|年年有余|鹏程万里|"
    r"事业有成|事业顺利|吉祥如意|好运连连|好运常在|笑口常开|美梦成真|一切顺利|万事顺意|幸福安康|龙马精神|金榜题名|"
    r"家庭幸福|诸事顺遂|顺顺利利|越来越好|越来越美|越来越帅|永远幸福|永远开心|早日康复|发大财|万事胜意|一切安好|"
    r"温暖如初|更加幸福|幸福|平安|顺利|加油|祝福|感恩|愉快"
)
# Slogans of a public moment (a city or a country 加油, 致敬 the medics, 愿平安, 打赢这场仗, 我们一直都在): kind, and
# they fit under any post of that moment, so a comment of nothing else says nothing of its own.
_SLOGAN = re.compile(
    r"(?:武汉|湖北|中国|中华|全国|祖国|大家|我们|咱们|一起|人民|同胞|都要?|也要?|更要)*(?:加油|挺住|必胜|坚持住|冲鸭|一起扛)|"
    r"向\w{0,16}?(?:致敬|致以\w{0,8}敬意)|致敬\w{0,10}?(?:英雄|天使|人员|工作者|逆行者|战士)们?|致敬|"
    r"(?:希望|祈愿|祝愿|愿)(?:大家|所有人|一切|你们|患者们?|都|能够?|可以|早日)*"
    r"(?:平安(?:度过|归来)?|安好|健康|没事|好起来|挺住|康复|被救治)|(?:一定要)?平安(?:归来|回来)|凯旋|辛苦了|"
    r"(?:好好)?保护好?(?:自己|家人|身边的人)(?:和(?:家人|身边的人|他人))?|注意(?:防护|防范)|"
    r"(?:打赢|战胜)(?:这场)?(?:防疫|疫情|抗疫|阻击|病毒)?(?:战|仗|站)?|共渡难关|众志成城|天佑中华|同舟共济|"
    r"(?:疫情|病毒)(?:早日|快点)?(?:过去|结束|消失)|相信(?:国家|政府|科学)|"
    r"我们(?:一直都?在|与你们?同在|与武汉(?:人民)?同在)|"
    r"感谢(?:国家|政府)|感谢(?:每一位|每一个|所有)?\w{0,8}?(?:医护|医务|英雄|天使|工作者|人员)(?:们)?(?:做出的贡献|的付出)?"
)
#: what glues slogans together ("大家一定要…", "武汉人民我们一起…"): it says nothing of its own either
_SLOGAN_GLUE = re.compile(r"咱们|我们|一起|大家|武汉|湖北|中国|全国|人民|医护人员|都|要|一定|好好|更|吧|哈|嗯")
# A wish said to someone (你, an @, a nickname such as 卓卓): a greeting between people, not a slogan.
_ADDRESSED = re.compile(
    r"你(?!们)|您|@|(?![哈嘻嗯呵好啊哦嘿])([\u4e00-\u9fff])\1(?:也|一定|要|加油|你|[，,！!])|哥哥|姐姐|宝贝|大大|老师"
)
# A repost's counter or mark with nothing said ("15", "sd", "转", "刷刷刷", "附议"): a placeholder.
_REPOST_MARK = re.compile(r"[0-9]{1,4}|(?!ok|no|hi)[a-z]{1,3}|转发?|刷+|附议", re.IGNORECASE)
_HASHTAG = re.compile(r"#[^#]{1,60}#")
_BLESSING_GLUE = re.compile(
    r"祝福?|愿|希望|你们?|您|楼主|博主|大家|全家|一家人?|家人|也|都|和|新的一年|今年|明年|永远|每天|天天|的|哦|呀|啊"
)
# A bare greeting echo (晚安, 新年快乐): a ritual, kind, and says nothing of its own.
_GREETING = re.compile(
    r"(?:早安|早上好|早呀|早喔|早哦|早|午安|晚安|晚晚|晩安|好梦|安|下午好|晚上好|周末愉快|周末好|愉快|"
    r"(?:新年|元旦|春节|中秋|端午|国庆|节日|生日|节|周末|圣诞|元宵|七夕|情人节)?快乐|生快|么么|哒)+"
)
_TIME_OF = {"早": "morning", "午": "noon", "下": "noon", "晚": "night", "晩": "night", "好": "night", "安": "night"}
_GREETING_GLUE = re.compile(r"你们?|大家|呀|哇|哟|啦|哦|喔|嗯呢|嗯|呢|啊|也|都|哈+|嘻+|小可爱|宝贝|亲爱的|祝")
# An echo of the post with "+1" ("心疼+1", "告状+1"): a placeholder.
_PLUS_ONE = re.compile(r"^(.{0,20}?)\s*[+＋]\s*1+\s*(?:[哈嘻]+)?\s*$")
# A bare "yes/OK" is a fine answer to a question, and says nothing under a statement.
_ACK = re.compile(r"(?:是的|是啊|是哈|就是|对的?|嗯+呢?|恩+|哦+|噢|好的|好吧|这样|哇哦?|呵呵)(?:啊|呀|哦|吧|了)*")
_QUESTION = re.compile(r"[?？]|吗|呢|是不是|什么|怎么|为什么|为啥|多少|几[点个号天]|哪")
_CELEBRATORY = re.compile(r"棒|厉害|牛|优秀|恭喜|赞|真好|太好|强|绝|yyds", re.IGNORECASE)
# Ads and 引流: strong markers flag whatever the post; weak ones only when the comment is off the post.
_AD_STRONG = re.compile(
    r"猛击|(?:点击|戳|点开).{0,6}链接|出号|收号|卖号|账号出售|求购|回收|进群|加群|qq群|"
    r"加微信|加威信|加薇|加v|\+v|➕v|加vx|vx|wx|威信|微信号|扣扣|加q|刷单|日结|日赚|月入|躺赚|代练|代打|陪玩|包上|"
    r"看我主页|主页有|点我头像|戳我头像|私我|滴滴我|有福利|领福利|免费领|原价|仅需|低至|交友软件|同城交友|"
    r"点击.{0,4}链接|主页链接",
    re.IGNORECASE,
)
_AD_WEAK = re.compile(
    r"私聊|私信我|低价|包邮|特价|折扣|下单|店铺|淘宝|拼多多|兼职|代购|上分|扫码|进群|优惠券|领券|秒杀|限时|抢购|"
    r"[0-9]+(?:元|块|r)(?:一|每|包|起)?"
)
_CHAIN = re.compile(
    r"传给|转给.{0,6}(?:人|群|好友|朋友|首页|身边)|转发.{0,10}(?:个|人|群|位|好友)|不转|快去.{0,14}投票|去.{0,10}投票|"
    r"我参与了|你也快来|打call|一起为.{0,14}(?:助力|打call)|投票.{0,10}(?:拉开|拉大|差距)|刷新再喊|看到的人|看到(?:这条|这句).{0,20}(?:转|传|发给|接下来|好运|必须)|接下来.{0,10}(?:会|就|好运|暴富|发财)|"
    r"否则.{0,10}(?:倒霉|厄运|不顺|分手)|不然.{0,8}(?:倒霉|厄运|不顺)|(?:帮|给).{0,8}(?:投票|投一票|打榜|助力|打call)|"
    r"投票给|为.{0,8}(?:打榜|助力|投票)|砍一刀|求助力|求投票|拿下.{0,24}第一|打榜戳|势力榜|投票链接|冲榜|每天投票"
)
_SELF_PROMO = re.compile(
    r"参与我们|我们发起的|关注我们|我们的新(?:片|剧|节目|电影|专辑)|"
    r"关注我|求关注|求粉|互粉|互关|互赞|回关|回赞|来我(?:的)?(?:主页|空间)|看我(?:的)?(?:空间|最新|动态|视频|作品|文章)|"
    r"我(?:的)?新(?:视频|作品|文章|歌)|我的(?:店|频道|直播间)|来我直播间|订阅我"
)
# Feelings that fit one kind of post and jar under another (the post's mood names which).
_COMFORT = re.compile(
    r"照顾好自己|永远怀念|一路走好|保重|心疼|抱抱|会好起来|别难过|不哭|别哭|节哀|想开点|振作|好可怜|可怜|太惨了|摸摸头?|没事的|你还好吗|都会过去"
)
_CHEER = re.compile(r"恭喜|祝贺|太棒了?|好棒|真棒|哈哈+|笑死|开心|太好了|好耶|干杯|撒花|羡慕|好幸福")
_LAUGHTER = re.compile(r"(?:哈+|笑死)+")
_COMFORT_EMOTICONS = {"抱抱", "拥抱", "心", "爱你", "加油", "蜡烛", "🫂", "🤗", "❤", "💕", "💗", "🙏"}
_GLUE = re.compile(r"[你我他她们的了啊呀哦吧呢啦嘛也都就真太好很超]")
_CLAUSE_END = re.compile(r"[\W_]")

#: Kinds that go to the moderators as a case, not only folded.
MODERATED = frozenset({"ad", "chain_letter"})
#: Kinds that are folded and never count towards a throttle (沙发 is a ritual, not abuse).
RITUALS = frozenset(
    {"placeholder", "emoji_only", "emoticon_only", "ack", "reaction", "greeting", "slogan", "mismatched"}
)


@dataclass(frozen=True, slots=True)
class LowValueResult:
    flag: bool
    code: str | None  # one of KINDS
    reason: str | None  # plain Chinese, shown to the writer
    by: str | None = None  # what decided a flag: "rule" or "model" (the trained model, where no rule spoke)
    #: how unsure a flag is, 0..1: 0 where the rules decide alone, else 1 less how far the model's kind
    #: leads "none" (a flag the model only just gives, or a rule's guess the model doubts, is near 1)
    doubt: float = 0.0

    @property
    def moderate(self) -> bool:
        """Whether the comment goes to the moderators (ads, chain letters)."""
        return self.code in MODERATED

    def to_json(self) -> dict[str, Any]:
        return {"flag": self.flag, "reason": self.reason}


_NOT_LOW = LowValueResult(False, None, None)
_REASONS = {
    "placeholder": "只有「沙发、顶、+1、打卡」这类占位词，没有说任何内容",
    "emoji_only": "只有表情符号，没有文字",
    "emoticon_only": "只有表情代码（如[赞]），没有文字",
    "repeated": "只是重复的字，没有内容",
    "ack": "只回了一句「嗯、是的」，没有接上对方的话",
    "reaction": "只有一句「厉害、yyds、蹲」这类网络口头禅，没有说到原帖的内容",
    "stock_praise": "是一句万能夸奖，和原帖内容没有关系",
    "stock_phrase": "是一串放在哪条说说下都行的祝福套话，没有说到原帖的内容",
    "slogan": "只是一句放在哪条下都行的口号（武汉加油、致敬、愿平安），没有对谁说，也没有说到原帖的内容",
    "ad": "像广告或引流（加V、兼职、福利、低价），已交给管理员查看",
    "chain_letter": "像接龙转发或拉票，已交给管理员查看",
    "self_promo": "在推广自己的主页或作品，和原帖无关",
    "mismatched": "和原帖的心情对不上，不合时宜：对方此刻需要的不是这句话",
    "greeting": "只是一句问候（晚安、节日快乐），没有多说什么",
    "copy_paste": "和别处的评论几乎一字不差（复制粘贴）",
}
KINDS: tuple[str, ...] = tuple(_REASONS)


def _flag(code: str, by: str = "rule", doubt: float = 0.0) -> LowValueResult:
    return LowValueResult(True, code, _REASONS[code], by, doubt)


def _emoticon_only(text: str, norm: NormalizedText, parent_mood: str) -> LowValueResult | None:
    if not norm.emoticons:
        return None
    if bare_emoticons_answer(norm.emoticons, parent_mood):
        return _NOT_LOW  # a hug under a sad post (or applause for good news) says what is needed
    return _flag("emoticon_only" if "[" in text else "emoji_only")


def _shares_content(bare: str, parent_bare: str) -> bool:
    """Whether the comment repeats any two-character stretch of what it answers."""
    return any(bare[i : i + 2] in parent_bare for i in range(len(bare) - 1))


def _nothing_but(pattern: re.Pattern[str], bare: str, glue: re.Pattern[str], *, spare: int) -> bool:
    """Whether the comment is that pattern and glue words, with at most `spare` other characters."""
    if not pattern.search(bare):
        return False
    return len(glue.sub("", pattern.sub("", bare))) <= spare


def _mismatched(bare: str, parent_mood: str) -> bool:
    """Comfort or pity under good news; cheering under grief or a complaint; and nothing else said."""
    if parent_mood == "good":  # "你也照顾好自己" returns a wish, it does not pity
        return _nothing_but(_COMFORT, bare, _GLUE, spare=2) and not _CHEER.search(bare) and "也" not in bare
    if parent_mood in ("sad", "angry"):
        # laughter with a word of its own ("哈哈我懂") is banter the mood reader took for a complaint
        spare = 0 if _LAUGHTER.fullmatch("".join(_CHEER.findall(bare))) else 2
        return _nothing_but(_CHEER, bare, _GLUE, spare=spare) and not _COMFORT.search(bare)
    return False


def _promotion(bare: str, parent_bare: str) -> LowValueResult | None:
    if _CHAIN.search(bare):
        return _flag("chain_letter")
    if _AD_STRONG.search(bare):
        return _flag("ad")
    off_post = not _shares_content(_AD_WEAK.sub("", _SELF_PROMO.sub("", bare)), parent_bare)
    if _SELF_PROMO.search(bare) and off_post:
        return _flag("self_promo")
    if _AD_WEAK.search(bare) and off_post:
        return _flag("ad")
    return None


def _stock(bare: str, parent_mood: str, addressed: bool) -> LowValueResult | None:
    celebrating = parent_mood == "good" and _CELEBRATORY.search(bare) and not _PRAISES_THE_WRITING.match(bare)
    if _STOCK_PRAISE.fullmatch(bare) or _STOCK_PRAISE.fullmatch(_FILLER.sub("", bare) or bare):
        return _NOT_LOW if celebrating else _flag("stock_praise")  # "太棒了" under good news celebrates
    if _REACTION.fullmatch(bare):
        return _NOT_LOW if celebrating else _flag("reaction")
    rest = _GREETING.sub("", _BLESSING.sub("", bare))
    if _BLESSING.search(bare) and not _GREETING_GLUE.sub("", _BLESSING_GLUE.sub("", rest)):
        return _flag("stock_phrase")
    if not _SLOGAN.search(bare):
        return None
    if addressed:
        return _NOT_LOW  # "卓卓，加油" or "你也要保护好自己" is said to someone; "武汉加油" to nobody
    rest = _GREETING.sub("", _BLESSING.sub("", _SLOGAN.sub("", bare)))
    return None if _SLOGAN_GLUE.sub("", _GREETING_GLUE.sub("", _BLESSING_GLUE.sub("", rest))) else _flag("slogan")


def detect_low_value(
    text: str,
    norm: NormalizedText,
    parent_text: str,
    parent_mood: str = "neutral",
    *,
    use_model: bool = True,
    stripped: tuple[str, str] | None = None,
) -> LowValueResult:
    """Whether a comment adds nothing, and why; parent_mood comes from `_mood.mood` of what it answers.

    One verdict, one reason, from whichever decided (docs/engine.md, "Low-value comments"):
    1. a rule that finds the comment fits the post decides it is not low-value;
    2. a rule's flag decides with its kind, unless it is a guess (`overrulable`) and the trained model
       (`_lowvalue_model`) is sure the comment is fine: then it is not low-value;
    3. where no rule speaks, the model decides, with its own kind.

    stripped: `strip_for_dedup` of text and of parent_text, where a caller has them (read once per batch).
    """
    stripped = stripped or (strip_for_dedup(text), strip_for_dedup(parent_text))
    ruled = rule_verdict(text, norm, parent_text, parent_mood, stripped=stripped)
    if not use_model or (ruled is not None and not _overrulable(ruled, stripped[0])):
        return ruled or _NOT_LOW
    signals = model_signals(text, norm, parent_text, parent_mood, stripped=stripped)
    reading = read(lowvalue_features(norm.text, signals))
    doubt = min(1.0, max(0.0, 1.0 + reading.lead))
    if ruled is not None:
        return _NOT_LOW if reading.overrules else replace(ruled, doubt=doubt)
    return _flag(reading.code, by="model", doubt=doubt) if reading.code else _NOT_LOW


def overrulable(ruled: LowValueResult, text: str) -> bool:
    """Whether a rule's flag is a guess the model may overrule: an open-vocabulary kind, or an ad found by a
    weak marker only (兼职, 包邮, a price: words ordinary talk uses too)."""
    return _overrulable(ruled, strip_for_dedup(text))


def _overrulable(ruled: LowValueResult, bare: str) -> bool:
    if ruled.code == "ad":
        return not _AD_STRONG.search(bare)
    return ruled.flag and ruled.code in OVERRULABLE


_SIGNAL_PATTERNS = {
    "filler": _FILLER, "reaction": _REACTION, "praise": _STOCK_PRAISE, "blessing": _BLESSING,
    "greeting": _GREETING, "ack": _ACK, "ad": _AD_STRONG, "ad_weak": _AD_WEAK, "chain": _CHAIN,
    "promo": _SELF_PROMO, "comfort": _COMFORT, "cheer": _CHEER,
}  # fmt: skip


def _size(n: int) -> str:
    return str(n) if n <= 4 else "5-8" if n <= 8 else "9-16" if n <= 16 else "17+"


def model_signals(
    text: str, norm: NormalizedText, parent_text: str, parent_mood: str, *, stripped: tuple[str, str] | None = None
) -> list[str]:
    """What the model reads besides the comment's characters: the rules' patterns found anywhere in it
    (not only as the whole comment), how much it says beyond them and beyond the post, and the post.
    stripped: as `detect_low_value`'s."""
    bare, parent_bare = stripped or (strip_for_dedup(text), strip_for_dedup(parent_text))
    found = [name for name, pattern in _SIGNAL_PATTERNS.items() if pattern.search(bare)]
    own = _without_post(bare, parent_bare)
    rest = _GLUE.sub("", without_boilerplate(_REACTION.sub("", _GREETING.sub("", own))))
    out = [f"has:{name}" for name in found] + [f"{parent_mood}&{name}" for name in found]
    out += [f"len:{_size(len(bare))}", f"own:{_size(len(own))}", f"rest:{_size(len(rest))}", f"mood:{parent_mood}"]
    out += ["post:none"] if not parent_bare else ["post:shared"] if _shares_content(bare, parent_bare) else []
    out += ["post:asks"] if _QUESTION.search(parent_text) else []
    out += (
        ["emoticons"] * bool(norm.emoticons)
        + ["url"] * bool(norm.urls)
        + ["repeats"] * (bool(bare) and _repeated(bare))
    )
    return out


def rule_verdict(
    text: str, norm: NormalizedText, parent_text: str, parent_mood: str, *, stripped: tuple[str, str] | None = None
) -> LowValueResult | None:
    """The rules alone: a flag with its kind, not-low where a rule finds the comment fits, None where none speaks.
    stripped: as `detect_low_value`'s."""
    bare, parent_bare = stripped or (strip_for_dedup(text), strip_for_dedup(parent_text))
    if not bare:
        return _emoticon_only(text, norm, parent_mood) or _flag("placeholder")
    promoted = _promotion(bare, parent_bare)
    if promoted is not None:
        return promoted
    if norm.urls and not _shares_content(bare, parent_bare):
        return _flag("self_promo")  # a bare link to something else
    tagged = _bare_hashtags(text, parent_bare)
    if tagged is not None:
        return tagged
    if _echo_plus_one(text, parent_bare):
        return _flag("placeholder")
    if _repeated(bare) and not (_QUESTION.search(parent_text) and _shares_content(bare + bare, parent_bare)):
        return _flag("repeated")  # "嗯嗯" or "甜的甜的" answering a question is an answer
    if _FILLER.fullmatch(bare) and re.search(r"[^啊呀哦了]", bare):
        return _flag("placeholder")
    if _ACK.fullmatch(bare) and not _QUESTION.search(parent_text):
        return _flag("ack")
    if _REPOST_MARK.fullmatch(bare) and not _QUESTION.search(parent_text) and not re.search(r"\d", parent_bare):
        return _flag("placeholder")
    if _mismatched(bare, parent_mood):
        return _flag("mismatched")
    if _greeting_echo(bare, parent_bare):
        return _flag("greeting")
    addressed = bool(_ADDRESSED.search(text))
    return _stock(bare, parent_mood, addressed) or _stock(_without_post(bare, parent_bare), parent_mood, addressed)


def _bare_hashtags(text: str, parent_bare: str) -> LowValueResult | None:
    """Hashtags and nothing said (a counter at most): an echo of the topic is a placeholder, a tag the post
    does not share (a fan's 超话 or another star's topic) is a plug."""
    tags = _HASHTAG.findall(text)
    if not tags:
        return None
    rest = strip_for_dedup(_HASHTAG.sub(" ", text))
    if rest and not _REPOST_MARK.fullmatch(rest):
        return None
    plug = any(not _shares_content(strip_for_dedup(tag), parent_bare) for tag in tags)
    return _flag("self_promo" if plug else "placeholder")


def _repeated(bare: str) -> bool:
    """One or two characters over and over ("666666", "哈哈哈哈"), not two doubled words ("哈哈谢谢")."""
    distinct, top = len(set(bare)), max(bare.count(c) for c in set(bare))
    return (distinct == 1 and len(bare) >= 2) or (len(bare) >= 3 and distinct <= 2 and top >= 0.75 * len(bare))


def _greeting_times(bare: str) -> set[str]:
    return {_TIME_OF.get(g[0], "festive") for g in _GREETING.findall(bare) if g[0] not in "么哒"}


def _greeting_echo(bare: str, parent_bare: str) -> bool:
    """Only a greeting, the one the post gave ("晚安" under "晚安啦"); "午安" under "早上好" answers it."""
    if not _GREETING.search(bare) or _GREETING_GLUE.sub("", _GREETING.sub("", bare)):
        return False
    mine, theirs = _greeting_times(bare), _greeting_times(parent_bare)
    return bool(mine) and mine <= theirs


def _echo_plus_one(text: str, parent_bare: str) -> bool:
    """ "+1" after a few words of the post's or of one's own ("心疼+1"): presence, not content."""
    m = _PLUS_ONE.match(text.strip())
    if m is None:
        return False
    before = strip_for_dedup(m.group(1))
    return len(before) <= 4 or len(_without_post(before, parent_bare)) <= 2


def _without_post(bare: str, parent_bare: str) -> str:
    """The comment less every stretch of two or more characters it repeats from the post (a fan
    slogan that repeats the idol's name is the reaction that remains)."""
    if not parent_bare:
        return bare
    out, i = [], 0
    while i < len(bare):
        j = i + 2
        while j <= len(bare) and bare[i:j] in parent_bare:
            j += 1
        if j - 1 - i >= 2:
            i = j - 1
        else:
            out.append(bare[i])
            i += 1
    return "".join(out)


def without_boilerplate(bare: str) -> str:
    """The comment with its 祝福语 and stock praise taken out: what it says of its own."""
    return _STOCK_PRAISE.sub("", _BLESSING.sub("", bare))


def own_words(text: str) -> str:
    """What a comment says of its own: each clause less its 祝福语 and stock praise, and no clause that is
    only wishes, greetings, reactions or cheers and the words that glue them ("祝你和家人…", "太…了")."""
    own = without_boilerplate(_SLOGAN.sub("", _HASHTAG.sub("，", text)))
    rest = _GLUE.sub(
        "", _BLESSING_GLUE.sub("", _GREETING_GLUE.sub("", _CHEER.sub("", _REACTION.sub("", _GREETING.sub("", own)))))
    )
    # the patterns match word characters only, so both texts keep every separator: their clauses line up
    return "".join(clause for clause, left in zip(_CLAUSE_END.split(own), _CLAUSE_END.split(rest), strict=True) if left)
