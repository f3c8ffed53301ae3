"""Comment quality, low-value folding, offence and the throttle policy, as writers and moderators see them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from nook.engine.comments import (
    BarrierSettings,
    RecentComment,
    assess_comment,
    assess_comments,
    decide_throttle,
    detect_low_value,
    offensive_score,
    read_parent,
)
from nook.engine.comments.lowvalue import LowValueResult, rule_verdict
from nook.engine.comments.offensive import offensive_scores
from nook.engine.comments.quality import LOW_VALUE_CAP, Signals, score_quality
from nook.engine.emotion import classify_normalized
from nook.engine.text import normalize

GRIEF = "我家猫今天走了，陪了我十二年，心里空落落的"
GOOD_NEWS = "终于拿到录取通知书了！！三年没白熬"
PHOTO = "周末去海边拍的晚霞，颜色太梦幻了"


@pytest.mark.parametrize(
    ("comment", "code"),
    [
        ("沙发！", "placeholder"),
        ("+1", "placeholder"),
        ("路过，顶一下", "placeholder"),
        ("mark", "placeholder"),
        ("666666", "repeated"),
        ("哈哈哈哈哈哈", "repeated"),
        ("嗯嗯", "repeated"),
        ("是的", "ack"),
        ("说的好！", "stock_praise"),
        ("[赞][赞]", "emoticon_only"),
        ("👍👍👍", "emoji_only"),
        ("写得真好", "stock_praise"),
        ("加微信领优惠券，日赚三百", "ad"),
        ("yyds", "reaction"),
        ("蹲", "reaction"),
        ("同求", "reaction"),
        ("太强了", "reaction"),
        ("祝你身体健康，心想事成，前程似锦，万事如意！", "stock_phrase"),
        ("代练上分，王者包上星耀，私我", "ad"),
        ("看我主页有福利哦", "ad"),
        ("原价399现在只要39元，手慢无", "ad"),
        ("看到的人接下来一周都会有好运，记得传给三个好友", "chain_letter"),
        ("求大家帮我家哥哥投一票！", "chain_letter"),
        ("关注我看更多美图", "self_promo"),
    ],
)
def test_low_value_comments_are_flagged_with_a_reason(comment: str, code: str) -> None:
    result = assess_comment(comment, PHOTO, use_encoder=False)
    assert result.low_value.code == code
    assert result.low_value.reason
    assert result.fold
    assert result.quality.score <= 15
    assert result.quality.reasons == (result.low_value.reason,)  # one reason: the one that decided
    assert result.low_value.moderate == (code in ("ad", "chain_letter"))
    assert result.low_value.by == "rule"  # a rule that speaks decides


#: Filler no rule knows, in words of our own: the trained model gives the kind (docs/model-cards/lowvalue.md).
MODEL_CAUGHT = [
    ("羡慕", "reaction"),
    ("支持支持", "reaction"),
    ("哈哈哈笑死我了", "reaction"),
    ("新年快乐，万事顺遂，阖家幸福", "stock_phrase"),
    ("周末愉快呀各位", "stock_phrase"),
    ("澳门首家线上赌场上线啦", "ad"),
]


@pytest.mark.parametrize(("comment", "code"), MODEL_CAUGHT)
def test_the_model_gives_one_kind_and_its_reason_where_no_rule_speaks(comment: str, code: str) -> None:
    result = assess_comment(comment, PHOTO, use_encoder=False)
    assert (result.low_value.code, result.low_value.by) == (code, "model")
    assert result.fold and result.quality.reasons == (result.low_value.reason,)  # one reason, the model's
    assert result.low_value.reason
    # ads (and chain letters) go to the moderators whoever decided; a reaction is a ritual, never counted
    assert result.low_value.moderate == (code == "ad")
    assert RecentComment("1", datetime.now(UTC), True, False, low_value_code=code).counts == (code != "reaction")


@pytest.mark.parametrize(
    ("comment", "parent"),
    [
        ("抱抱你", GRIEF),  # a rule finds it fits the post: the model is not asked
        ("太棒了！", GOOD_NEWS),
        ("颜色真好看，是在哪片海？", PHOTO),
        ("这晚霞像橘子汽水一样，下次带我去", PHOTO),
        ("我上周也在海边，可惜那天阴天什么都没拍到", PHOTO),
    ],
)
def test_a_comment_that_says_something_is_left_alone_by_the_model(comment: str, parent: str) -> None:
    assert not assess_comment(comment, parent, use_encoder=False).low_value.flag


@pytest.mark.parametrize(
    "comment",
    ["我大学时在书店兼职过，那时候每天都能看到新书", "我也是领了优惠券才买的，结果吃了两次就不想吃了"],
)
def test_ordinary_talk_with_a_weak_ad_word_is_no_ad(comment: str) -> None:
    """兼职 or 优惠券 alone make the rules guess "ad"; the model, sure the comment is talk, overrules the guess."""
    parent = read_parent("")
    assert detect_low_value(comment, normalize(comment), "", parent.mood, use_model=False).code == "ad"
    result = assess_comment(comment, "", use_encoder=False)
    assert not result.low_value.flag and not result.low_value.moderate


def test_rules_decide_before_the_model() -> None:
    """The precedence: a rule's kind (or its "fits the post") stands; the model speaks only where no rule does."""
    norm, parent = normalize("羡慕"), read_parent(PHOTO)
    assert rule_verdict("羡慕", norm, parent.text, parent.mood) is None
    assert not detect_low_value("羡慕", norm, parent.text, parent.mood, use_model=False).flag
    assert detect_low_value("羡慕", norm, parent.text, parent.mood).by == "model"
    sofa = detect_low_value("沙发", normalize("沙发"), parent.text, parent.mood)
    assert (sofa.code, sofa.by) == ("placeholder", "rule")


@pytest.mark.parametrize(
    ("comment", "parent"),
    [
        ("抱抱你", GRIEF),
        ("[抱抱]", GRIEF),
        ("太棒了！", GOOD_NEWS),
        ("好的，明天见", "明天下午三点老地方见？"),
        ("是的", "东北是不是会少更多"),
    ],
)
def test_short_comments_that_fit_are_not_low_value(comment: str, parent: str) -> None:
    assert not assess_comment(comment, parent, use_encoder=False).low_value.flag


def test_quality_orders_warm_over_normal_over_low_value() -> None:
    warm = "抱抱你，十二年的陪伴它一定很幸福。我去年也送走了我的狗，想聊的时候随时找我"
    normal = "猫的寿命一般有多长？"
    low = "沙发"
    scores = [assess_comment(c, GRIEF, use_encoder=False).quality.score for c in (warm, normal, low)]
    assert scores[0] > scores[1] > scores[2]


def test_cheering_under_grief_is_a_mismatch_with_a_reason() -> None:
    cheer = assess_comment("哈哈哈太好了恭喜恭喜", GRIEF, use_encoder=False)
    comfort = assess_comment("别太难过，它知道你爱它", GRIEF, use_encoder=False)
    assert cheer.quality.components["emotional_fit"] < 0.3 < comfort.quality.components["emotional_fit"]
    assert any("不合时宜" in r for r in cheer.quality.reasons)
    assert comfort.quality.score > cheer.quality.score


def test_celebration_fits_good_news() -> None:
    result = assess_comment("恭喜恭喜！三年的努力终于有回报了", GOOD_NEWS, use_encoder=False)
    assert result.quality.components["emotional_fit"] == 1.0
    assert "为对方的好消息高兴" in result.quality.reasons


def test_insults_are_flagged_and_cost_points() -> None:
    rude = assess_comment("拍得什么玩意，傻逼", PHOTO, use_encoder=False)
    kind = assess_comment("拍得什么地方呀，颜色好看", PHOTO, use_encoder=False)
    assert rude.offensive.flag and not kind.offensive.flag
    assert rude.quality.score < kind.quality.score
    assert offensive_score("黑人都是小偷，滚出去").flag
    assert not offensive_score("今天的晚霞真好看").flag


def test_a_reply_is_scored_against_what_it_answers() -> None:
    reply_to = "我家附近新开了一家面馆，牛肉面特别好吃"
    comment = "牛肉面多少钱一碗？"
    answered = assess_comment(comment, reply_to, post_text=PHOTO, use_encoder=False)
    unrelated = assess_comment(comment, PHOTO, use_encoder=False)
    assert answered.quality.components["topic_continuity"] > unrelated.quality.components["topic_continuity"]


def test_sentence_encoder_relates_a_comment_with_no_shared_words() -> None:
    on_topic = assess_comment("落日的天空粉粉紫紫的，好想去看看", PHOTO)
    off_topic = assess_comment("我的电脑又蓝屏了，重装了三次系统", PHOTO)
    assert on_topic.quality.components["topic_continuity"] > off_topic.quality.components["topic_continuity"]


def test_a_post_read_once_serves_every_comment_under_it() -> None:
    grief = read_parent(GRIEF)
    assert grief.mood == "sad"
    hug, cheer = (assess_comment(c, grief, use_encoder=False) for c in ("抱抱你", "哈哈哈太好了恭喜恭喜"))
    assert not hug.low_value.flag  # a hug is what a sad post needs
    assert any("不合时宜" in r for r in cheer.quality.reasons)
    assert cheer == assess_comment("哈哈哈太好了恭喜恭喜", GRIEF, use_encoder=False)
    assert assess_comment("它知道你爱它", grief) == assess_comment("它知道你爱它", GRIEF)


def test_scoring_a_batch_gives_each_comment_its_own_verdict() -> None:
    # bulk analysis scores many comments under a few posts at once; each must read as if scored alone
    items = [
        ("落日的天空粉粉紫紫的，好想去看看", PHOTO),
        ("我的电脑又蓝屏了，重装了三次系统", PHOTO),
        ("抱抱你，它一定知道你很爱它", GRIEF),
        ("哈哈哈太好了恭喜恭喜", GRIEF),
        ("沙发！", GOOD_NEWS),
        ("恭喜恭喜！三年的努力终于有回报了，准备去哪里庆祝？", GOOD_NEWS),
    ]
    batch = assess_comments(items)
    alone = [assess_comment(text, parent) for text, parent in items]
    assert [b.quality.score for b in batch] == [a.quality.score for a in alone]
    assert [b.quality.reasons for b in batch] == [a.quality.reasons for a in alone]
    assert [b.fold for b in batch] == [a.fold for a in alone]
    assert batch[4].fold and not batch[5].fold  # "沙发！" is folded, a real answer is not
    for b, a in zip(batch, alone, strict=True):
        assert b.quality.components == pytest.approx(a.quality.components, abs=0.0011)
    assert assess_comments([]) == []


def test_replies_scored_in_a_batch_relate_to_their_post_as_when_scored_alone() -> None:
    # the outbox scores a batch of a site's comments at once: some answer another comment under a post
    reply_to = "我家附近新开了一家面馆，牛肉面特别好吃"
    items = [
        ("牛肉面多少钱一碗？", reply_to, PHOTO),
        ("晚霞真的好美，好想去海边", reply_to, PHOTO),
        ("抱抱你", GRIEF, None),
    ]
    batch = assess_comments([(text, parent) for text, parent, _ in items], post_texts=[p for *_, p in items])
    alone = [assess_comment(text, parent, post_text=post) for text, parent, post in items]
    assert [b.quality.score for b in batch] == [a.quality.score for a in alone]
    for b, a in zip(batch, alone, strict=True):
        assert b.quality.components == pytest.approx(a.quality.components, abs=0.0011)
    on_topic_of_post = assess_comments([items[1][:2]])[0]  # the same words, scored as if no post were above
    assert batch[1].quality.components["topic_continuity"] > on_topic_of_post.quality.components["topic_continuity"]


def test_json_matches_the_analyze_contract() -> None:
    out = assess_comment("在哪个海边拍的？我也想去", PHOTO, use_encoder=False).to_json()
    assert set(out) == {"quality", "low_value", "offensive"}
    assert set(out["quality"]) == {"score", "components", "reasons"}
    assert 0 <= out["quality"]["score"] <= 100
    assert set(out["low_value"]) == {"flag", "reason"} and set(out["offensive"]) == {"flag", "score"}


NOW = datetime(2025, 5, 1, 12, tzinfo=UTC)


def _verdicts(
    n: int,
    *,
    low: int = 0,
    copies: int = 0,
    offensive: int = 0,
    age: timedelta = timedelta(0),
    code: str = "stock_praise",
) -> list[RecentComment]:
    return [
        RecentComment(
            comment_id=f"c{i}",
            created_at=NOW - age - timedelta(minutes=i),
            low_value=i < low,
            offensive=i < offensive,
            copies=(f"other{i}",) if i < copies else (),
            low_value_code=code if i < low else None,
        )
        for i in range(n)
    ]


WARNED = NOW - timedelta(minutes=5)  # c0..c4 came after the warning


def test_a_pattern_is_warned_first_and_nothing_is_slowed() -> None:
    decision = decide_throttle(_verdicts(10, low=8), now=NOW)
    assert decision.warn and not decision.throttle and decision.until is None
    assert "套话" in decision.reasons[0]


def test_a_pattern_that_goes_on_after_the_warning_is_throttled_briefly_with_evidence() -> None:
    decision = decide_throttle(_verdicts(10, low=8), now=NOW, warned_at=WARNED)
    assert decision.throttle and not decision.warn and not decision.fold_by_default  # good comments stay shown
    assert decision.until == NOW + BarrierSettings().duration <= NOW + timedelta(days=1)
    assert decision.max_comments_per_hour == BarrierSettings().throttled_per_hour
    assert decision.evidence["low_value"] == tuple(f"c{i}" for i in range(8))
    # warned, but only two more after it: not a sustained pattern yet
    assert not decide_throttle(_verdicts(10, low=8), now=NOW, warned_at=NOW - timedelta(minutes=2)).throttle
    # a warning long ago is forgotten: warn again
    assert decide_throttle(_verdicts(10, low=8), now=NOW, warned_at=NOW - timedelta(days=30)).warn


@pytest.mark.parametrize("code", ["placeholder", "emoji_only", "emoticon_only", "reaction", "ack"])
def test_rituals_are_folded_but_never_warned_or_throttled(code: str) -> None:
    decision = decide_throttle(_verdicts(10, low=10, code=code), now=NOW, warned_at=WARNED)
    assert not decision.throttle and not decision.warn


def test_copy_paste_evidence_names_the_matching_comments() -> None:
    decision = decide_throttle(_verdicts(4, copies=3), now=NOW, warned_at=NOW - timedelta(minutes=3))
    assert decision.throttle
    assert {"c0", "other0", "c2", "other2"} <= set(decision.evidence["copy_paste"])


def test_few_or_old_comments_do_not_throttle() -> None:
    def warned(verdicts: list[RecentComment], **kw: object) -> bool:
        d = decide_throttle(verdicts, now=NOW, **kw)  # type: ignore[arg-type]
        return d.warn or d.throttle

    assert not warned(_verdicts(3, low=3))  # below min_comments
    assert not warned(_verdicts(10, low=10, age=timedelta(days=2)))
    assert not warned(_verdicts(10, low=5))
    assert warned(_verdicts(10, low=5), settings=BarrierSettings(low_value_share=0.5))


def test_comfort_under_good_news_and_cheer_under_a_complaint_are_mismatched() -> None:
    pity = assess_comment("心疼你，会好起来的", GOOD_NEWS, use_encoder=False)
    assert pity.low_value.code == "mismatched" and "不合时宜" in pity.quality.reasons[0]
    complaint = "气死了，快递又被弄丢了，客服还一直踢皮球"
    cheer = assess_comment("哈哈哈笑死我了", complaint, use_encoder=False)
    assert cheer.low_value.code == "mismatched"
    # a longer comment that pities good news is kept, but scores below one that celebrates it
    long_pity = assess_comment("心疼你这三年，熬夜复习一定很辛苦吧，别难过了", GOOD_NEWS, use_encoder=False)
    glad = assess_comment("恭喜！这三年熬夜复习没白费，去哪所学校呀？", GOOD_NEWS, use_encoder=False)
    assert not long_pity.fold and long_pity.quality.components["emotional_fit"] == 0.0
    assert long_pity.quality.score + 20 < glad.quality.score


def test_long_boilerplate_is_not_specific() -> None:
    blessings = "祝你身体健康、万事如意、前程似锦、心想事成、步步高升、财源广进"
    blessing = assess_comment(blessings, PHOTO, use_encoder=False)
    own = assess_comment("晚霞这种粉紫色一般只在雨后出现，你是在哪片海边拍的？", PHOTO, use_encoder=False)
    assert blessing.fold and blessing.quality.components["specificity"] == 0.0
    assert own.quality.components["specificity"] >= 0.6
    praise = assess_comment("写得真好，真棒，真不错，支持楼主", PHOTO, use_encoder=False)
    assert "说了具体的内容" not in praise.quality.reasons


def test_wishes_greetings_and_their_glue_are_not_specific_however_long() -> None:
    wishes = assess_comment("祝你和你的家人新年快乐万事如意身体健康", PHOTO, use_encoder=False)
    assert wishes.quality.components["specificity"] == 0.0
    anniversary = assess_comment("十周年快乐！十年还这么甜，真让人羡慕", "今天是我们结婚十周年", use_encoder=False)
    assert anniversary.quality.components["specificity"] >= 0.5  # a wish that names the occasion says something


@pytest.mark.parametrize(
    ("stock", "specific", "parent"),
    [
        ("恭喜恭喜呀", "考上哪里啦", GOOD_NEWS),  # a bare congratulation fits any good news
        ("太棒了太棒了", "三年熬出来了", GOOD_NEWS),
        ("干什么！做得真棒！", "这也能发现！！！", "有头屑"),
        ("早安，愉快", "带给我好运吧", "早安"),
    ],
)
def test_a_stock_phrase_scores_below_a_specific_reply_as_long(stock: str, specific: str, parent: str) -> None:
    assert abs(len(stock) - len(specific)) <= 0.3 * max(len(stock), len(specific))
    scores = [assess_comment(c, parent, use_encoder=False).quality.score for c in (stock, specific)]
    assert scores[0] < scores[1]


@pytest.mark.parametrize(
    ("comment", "parent"),
    [
        ("一路走好，永远怀念", "今天是我生日，大家都来了，好开心"),  # mourning under a celebration
        ("保重身体，照顾好自己", GOOD_NEWS),
        ("太棒了，恭喜恭喜！", GRIEF),  # congratulations under grief
    ],
)
def test_a_feeling_that_jars_is_punished_not_rewarded(comment: str, parent: str) -> None:
    jarring = assess_comment(comment, parent, use_encoder=False)
    plain = assess_comment("你现在在哪里呀", parent, use_encoder=False)
    assert jarring.quality.components["emotional_fit"] == 0.0
    assert jarring.quality.score < plain.quality.score
    assert "不合时宜" in jarring.quality.reasons[0] and len(jarring.quality.reasons) == 1


def test_laughter_with_words_of_its_own_is_banter_not_a_mismatch() -> None:
    complaint = "气死了，快递又被弄丢了，客服还一直踢皮球"
    assert read_parent(complaint).mood == "angry"
    assert assess_comment("哈哈哈笑死我了", complaint, use_encoder=False).low_value.code == "mismatched"
    for banter in ("哈哈我懂", "哈哈哈你也丢过？"):
        assert assess_comment(banter, complaint, use_encoder=False).low_value.code != "mismatched", banter


def _signals(comment: str, parent: str, low_value: LowValueResult) -> Signals:
    norm, above = normalize(comment), read_parent(parent)
    return Signals(
        text=norm.text,
        parent=above.norm.text,
        post=None,
        emotion=classify_normalized([norm])[0],
        parent_mood=above.mood,
        similarity=None,
        post_similarity=None,
        low_value=low_value,
        offensive=offensive_scores([norm])[0],
    )


def test_a_fold_the_model_doubts_ranks_above_a_sure_one() -> None:
    """Two folded comments never tie by default: the one that may yet be a real reply ranks first."""
    sure = LowValueResult(True, "reaction", "r", "rule", doubt=0.0)
    unsure = LowValueResult(True, "reaction", "r", "model", doubt=0.9)
    scores = [score_quality(_signals("就去", "加油", lv)).score for lv in (sure, unsure)]
    assert scores[0] < scores[1] <= LOW_VALUE_CAP
    reply = score_quality(_signals("记得早睡，明早别迟到", "晚安", LowValueResult(False, None, None))).score
    assert scores[1] < reply


@pytest.mark.parametrize(
    ("comment", "parent"),
    [
        ("五年真的很长，难过是正常的，慢慢来，我们都在", "跟男朋友分手了，五年"),
        ("要不要把简历发我看看？我们一起找找问题", "面试又挂了，第五次了"),
    ],
)
def test_hopeful_comfort_under_bad_news_is_not_called_jarring(comment: str, parent: str) -> None:
    """The emotion reader calls hope "happy"; only laughter or congratulation make a reply jar."""
    result = assess_comment(comment, parent, use_encoder=False)
    assert result.quality.components["emotional_fit"] > 0.0
    assert not any("不合时宜" in r for r in result.quality.reasons)
    assert result.quality.score >= 40
