"""Comment suggestions as a reader meets them: three different, fitting, specific and personal replies."""

from __future__ import annotations

import re

import pytest

from nook.engine.comments import assess_comment
from nook.engine.suggest import Suggestion, hook_rewrites, suggest, topic_chips
from nook.engine.suggest.personal import HistoryPost

_CHEER = re.compile(r"恭喜|祝贺|太棒|好棒|哈哈|羡慕|干杯|犒劳|为你骄傲|太厉害")
_COMFORT = re.compile(r"抱抱|陪|我在|都在|心疼|辛苦|懂你|好受|不是你不行|难受|很能扛|缓")
_QUOTE = re.compile(r"[「」]")

POSTS = [
    "我家狗狗昨天走了，陪了我十二年",
    "雅思又没考到7分，好焦虑，不知道怎么办",
    "考研终于上岸了！！三年的努力没有白费",
    "周末去大理玩了三天，洱海边的日落太美了",
    "今天下雨了，在家煮了一碗面",
]


@pytest.fixture(scope="module")
def answers() -> dict[str, list[Suggestion]]:
    return {post: suggest(post) for post in POSTS}


def test_every_post_gets_three_suggestions_with_different_intents(answers: dict[str, list[Suggestion]]) -> None:
    for post, found in answers.items():
        assert len(found) == 3, post
        assert len({s.intent for s in found}) == 3, (post, [s.intent for s in found])
        assert len({s.text for s in found}) == 3
        assert all(s.why for s in found)


def test_grief_gets_comfort_and_never_congratulations(answers: dict[str, list[Suggestion]]) -> None:
    found = answers["我家狗狗昨天走了，陪了我十二年"]
    assert not any(_CHEER.search(s.text) for s in found), [s.text for s in found]
    assert any(_COMFORT.search(s.text) for s in found)
    assert found[0].intent == "empathy"


def test_anxious_exam_post_gets_comfort_that_names_the_exam(answers: dict[str, list[Suggestion]]) -> None:
    found = answers["雅思又没考到7分，好焦虑，不知道怎么办"]
    assert not any(_CHEER.search(s.text) for s in found)
    assert any(_COMFORT.search(s.text) for s in found)
    assert sum("雅思" in s.text for s in found) >= 2


def test_achievement_gets_resonance_and_a_concrete_follow_up(answers: dict[str, list[Suggestion]]) -> None:
    found = answers["考研终于上岸了！！三年的努力没有白费"]
    assert "celebrate" in [s.intent for s in found]
    assert any("考研" in s.text for s in found)
    assert not any(re.search(r"抱抱|心疼|节哀|别难过", s.text) for s in found)


def test_travel_post_suggestions_name_the_place(answers: dict[str, list[Suggestion]]) -> None:
    found = answers["周末去大理玩了三天，洱海边的日落太美了"]
    assert any(re.search("大理|洱海", s.text) for s in found), [s.text for s in found]


def test_every_suggestion_is_a_whole_line_that_is_not_low_value(answers: dict[str, list[Suggestion]]) -> None:
    for post, found in answers.items():
        for s in found:
            verdict = assess_comment(s.text, post, use_encoder=False)
            assert not verdict.low_value.flag and not verdict.offensive.flag, s.text
            assert "{" not in s.text and not _QUOTE.search(s.text), s.text
            assert s.source in {"personal", "scene", "mood", "plain", "retrieved", "fallback"}


def test_connected_history_is_paraphrased_never_quoted() -> None:
    history = ["今天遛狗遇到好多人", "去年国庆去了大理，骑车环洱海"]
    found = suggest("周末去大理玩了三天，洱海边的日落太美了", history)
    personal = [s for s in found if s.source == "personal"]
    assert personal, [s.text for s in found]
    assert "大理" in personal[0].text and "骑车" not in personal[0].text and not _QUOTE.search(personal[0].text)
    assert "你之前发过" in personal[0].why and "大理" in personal[0].why


def test_same_exam_in_history_makes_a_personal_reply() -> None:
    found = suggest("雅思终于考到7分了！", ["备考雅思第30天，口语还是好紧张"])
    personal = [s for s in found if s.source == "personal"]
    assert personal and "雅思" in personal[0].text and "口语" not in personal[0].text
    assert "你之前发过" in personal[0].why


def test_the_readers_success_is_never_set_against_the_authors_failure() -> None:
    found = suggest("月考又没考好，好难过", ["月考考了年级前五十，开心！"])
    assert not any(s.source == "personal" for s in found)
    assert not any(re.search(r"前五十|我.{0,4}(?:考上|考过|拿下)", s.text) for s in found)


def test_a_shared_failure_makes_a_true_personal_line() -> None:
    found = suggest("月考又没考好，好难过", ["月考又考砸了，好难过"])
    personal = [s for s in found if s.source == "personal"]
    assert personal and "月考" in personal[0].text


def test_history_the_audience_may_not_see_is_never_drawn_on() -> None:
    hidden = HistoryPost("去年国庆去了大理，骑车环洱海", shareable=False)
    found = suggest("周末去大理玩了三天，洱海边的日落太美了", [hidden])
    assert not any(s.source == "personal" for s in found)
    shown = suggest("周末去大理玩了三天，洱海边的日落太美了", [HistoryPost(hidden.text)])
    assert any(s.source == "personal" for s in shown)


def test_a_wish_is_not_turned_into_a_visit() -> None:
    found = suggest("周末去大理玩了三天，洱海边的日落太美了", ["好想去大理啊，什么时候能去"])
    personal = [s for s in found if s.source == "personal"]
    assert personal and "去过" not in personal[0].text


def test_a_post_read_once_still_answers_each_reader_with_their_own_history() -> None:
    post = "雅思终于考到7分了！"
    before = suggest(post)  # the post's reading is now cached; the next reader brings their own history
    mine = suggest(post, ["备考雅思第30天，口语还是好紧张"])
    after = suggest(post)
    assert any(s.source == "personal" for s in mine)
    assert not any(s.source == "personal" for s in before + after)
    assert before == after


def test_a_post_at_the_length_limit_gets_fitting_suggestions_naming_its_exam() -> None:
    post = ("雅思又没考到7分，好焦虑，不知道怎么办。" + "今天又背了一整天单词，晚上还要练口语，" * 120)[:2000]
    found = suggest(post)
    assert len({s.intent for s in found}) == 3
    assert any("雅思" in s.text for s in found), [s.text for s in found]
    assert not any(_CHEER.search(s.text) for s in found)


def test_pet_line_asks_nothing_about_a_pet_that_died() -> None:
    found = suggest("我家狗狗昨天走了，陪了我十二年")
    assert not any(re.search(r"现在怎么样|最近还好吗|可爱|干什么", s.text) for s in found)


def test_unrelated_history_is_not_forced_in() -> None:
    found = suggest("考研终于上岸了！", ["今天做了红烧肉，好香"])
    assert not any("红烧肉" in s.text or "你之前发过" in s.why for s in found)


def test_circle_topic_packs_give_chips_and_unknown_circles_none() -> None:
    assert "用三个词形容你最喜欢的镜头" in topic_chips("摄影", k=6)
    assert "最近在追的番，求安利!" in topic_chips("我们的追番小组", k=6)
    assert topic_chips("宝妈交流群")  # matched by alias
    assert topic_chips("xyz") == []
    assert topic_chips("摄影", k=2, offset=1) != topic_chips("摄影", k=2, offset=0)


def test_hook_assistant_adds_a_hook_and_keeps_the_writers_words() -> None:
    rewrites = hook_rewrites("今天去海边拍了日落", circle="摄影")
    assert 2 <= len(rewrites) <= 3
    assert all(r.text.startswith("今天去海边拍了日落") and len(r.text) > len("今天去海边拍了日落") for r in rewrites)
    assert hook_rewrites("你们觉得哪张好看？") == []  # it already has a hook


def test_hook_assistant_is_mood_aware_and_silent_on_a_crisis_draft() -> None:
    sad = hook_rewrites("月考又没考好，好难过")
    assert sad and not any(r.type == "poll" for r in sad)
    assert hook_rewrites("我真的不想活了") == []
    assert hook_rewrites("外婆昨天去世了") == []


def test_a_post_with_no_situation_gets_at_most_one_line_and_none_when_the_mood_is_unsure() -> None:
    assert suggest("今天也是普通的一天") == []
    assert suggest("公司现有职工2200多人，各类工程技术人员360余人。") == []
    assert len(suggest("真特么不爽！想骂人！卧槽！！！")) <= 1
    assert suggest("为什么发廊的人都那么聒噪呢?") == []  # a question the engine cannot read: no anger line


def test_one_line_posts_do_not_all_get_the_same_line() -> None:
    what = ("食堂又涨价", "快递又丢了", "邻居又占车位", "同桌又抄我作业", "物业又不管", "房东又涨租", "外卖又送错")
    rants = [f"{x}，真的气死我了，太过分了！！！" for x in what]
    shown = [s.text for post in rants for s in suggest(post)]
    assert shown and max(shown.count(t) for t in shown) <= len(shown) // 2, shown


def test_grief_and_illness_sections_hold_no_brush_off() -> None:
    from nook.engine.suggest.lines import bank

    for name in ("crisis_bereavement", "crisis_pet_death", "crisis_serious_illness", "sick_minor", "injury"):
        assert not [x.text for x in bank()[name] if re.search(r"吐槽|多喝|想开|别想太多", x.text)], name
