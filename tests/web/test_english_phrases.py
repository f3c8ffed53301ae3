"""Sentences composed from parts (reasons, lists) use the page's punctuation: English gets ", " and
curly quotes, Chinese keeps "、" and 「」. Stored engine reasons read back in English, unchanged in Chinese."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from nook.engine.comments import RecentComment, assess_comment, decide_throttle
from nook.engine.comments.lowvalue import _REASONS as LOW_VALUE_REASONS
from nook.social.moderation.reasons import reason_phrase
from nook.social.reach import ranking
from nook.web import i18n
from tests.web.test_english_pages import han_left


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language(i18n.DEFAULT)


def test_interest_reason_lists_topics_with_english_punctuation(english: None) -> None:
    fit = ranking._Fit(friend=False, in_circle=False, classmate=False, topics=["hiking", "lakes"], interest=1, boost=0)
    [why] = ranking._reasons({}, "Bob", fit, None, age_h=100)
    assert str(why) == "和你感兴趣的「hiking」、「lakes」有关"  # the API's text
    assert why.render(i18n.gettext) == "About “hiking”, “lakes”, which you are interested in"


#: Posts the Chinese examples answer; words quoted from them are the members' own and stay as written.
POSTS = ("今天好难过，考试没考好", "周末去爬了香山，红叶还没全红")


def _engine_reasons() -> list[str]:
    """Reasons the comment engine really writes: low-value kinds, quality notes, throttle decisions."""
    now = datetime.now(UTC)
    bad = [RecentComment(str(i), now - timedelta(minutes=i), True, True, ("x",)) for i in range(8)]
    throttle = decide_throttle(bad, now=now)
    quality = [
        *assess_comment(
            "Which trail did you take? I went up the north one last spring", "Sunny day at the lake"
        ).quality.reasons,
        *assess_comment("抱抱你，我也经历过，会好起来的", POSTS[0]).quality.reasons,
        *assess_comment("香山的红叶一般十月底最好看，你们是从东门上的吗？", POSTS[1]).quality.reasons,
    ]
    return [*LOW_VALUE_REASONS.values(), *throttle.reasons, *quality]


def test_stored_engine_reasons_read_back_in_english(english: None) -> None:
    reasons = _engine_reasons()
    assert len(reasons) > 12
    for text in reasons:
        phrase = reason_phrase(text)
        assert str(phrase) == text  # Chinese pages and the API show what is stored
        quoted = "".join(POSTS)
        assert [w for w in han_left(phrase.render(i18n.gettext)) if w not in quoted] == [], text
