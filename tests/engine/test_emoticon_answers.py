"""The low-value check reads 表情 codes for what they say: a few warm ones answer, a flood does not."""

from __future__ import annotations

import pytest

from nook.engine.comments import assess_comment

GRIEF = "我家猫今天走了，陪了我十二年，心里空落落的"
GOOD_NEWS = "终于拿到录取通知书了！！三年没白熬"
SUNSET = "周末去海边拍的晚霞，颜色太梦幻了"


@pytest.mark.parametrize(
    ("comment", "parent"),
    [
        ("[抱抱]", GRIEF),
        ("[抱抱][心]", GRIEF),
        ("[抱抱][哭]", GRIEF),  # company in the sadness
        ("🤗", GRIEF),
        ("[鼓掌][干杯]", GOOD_NEWS),
        ("[生日蛋糕][礼物]", GOOD_NEWS),
    ],
)
def test_a_few_codes_that_fit_the_post_are_an_answer(comment: str, parent: str) -> None:
    result = assess_comment(comment, parent, use_encoder=False)
    assert not result.low_value.flag, result.low_value
    assert not result.fold


@pytest.mark.parametrize(
    ("comment", "parent", "code"),
    [
        ("[赞]" * 10, GOOD_NEWS, "emoticon_only"),
        ("[抱抱]" * 10, GRIEF, "emoticon_only"),  # a flood of hugs is still a flood
        ("[赞]", GOOD_NEWS, "emoticon_only"),  # the reflex under anything
        ("[抱抱][大笑]", GRIEF, "emoticon_only"),  # off-key under bad news
        ("[鼓掌]", GRIEF, "emoticon_only"),
        ("[猫咪][狗狗]", SUNSET, "emoticon_only"),
        ("👍👍👍👍", GOOD_NEWS, "emoji_only"),
    ],
)
def test_codes_that_say_nothing_to_the_post_are_folded(comment: str, parent: str, code: str) -> None:
    result = assess_comment(comment, parent, use_encoder=False)
    assert result.low_value.code == code
    assert result.fold
