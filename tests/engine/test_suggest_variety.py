"""Lines answer what happened and do not repeat across posts (issue 18, blind rounds 1-3): no happy topic
lines under a question about it, a sure symptom named (never in all three lines), no two posts of one kind
with the same set of lines, no brush-off or probe among the lines a post with no situation may get."""

from __future__ import annotations

import re

from nook.engine.suggest import suggest
from nook.engine.suggest.lines import bank

# Written for these tests (no dataset text): posts of one kind a reader may see on one evening.
SICK_POSTS = [
    "胃疼了一整天，什么都吃不下",
    "感冒第三天了，鼻子堵得喘不过气",
    "发烧到三十八度五，请假在家躺着",
    "肚子疼得直不起腰，今天的课全翘了",
    "嗓子疼得说不出话，开会只能打字",
    "牙疼到半边脸都肿了，啥也吃不了",
    "头疼了一下午，吃了药也没缓过来",
    "换季又过敏了，眼睛肿得像核桃",
]
BREAKUP_POSTS = [
    "在一起五年，今天分手了",
    "我们还是分手了，东西都搬走了",
    "和她分手了，这次是真的结束了",
    "今天分手了，七年的感情就这样结束了",
    "我们分手了，他说不爱了",
    "离婚手续办完了，一个人坐在民政局门口",
]
_PROBE = re.compile(r"怎么回事|为什么|什么时候|哪天|怎么走的|什么病|发生|评评理")
# A brush-off or a light word that must never reach a post whose trouble the engine did not name (it may be a loss).
_BRUSH_OFF = re.compile(r"睡一觉|早点睡|多喝|吐槽|郁闷|丧一会|明天再说|点个好吃")


def _line_sets(posts: list[str]) -> list[frozenset[str]]:
    return [frozenset(s.text for s in suggest(p)) for p in posts]


def test_no_two_sick_posts_get_the_same_lines() -> None:
    sets = _line_sets(SICK_POSTS)
    assert all(len(s) == 3 for s in sets), sets
    assert len(set(sets)) == len(sets), sets


def test_no_two_breakup_posts_get_the_same_supportive_lines() -> None:
    sets = _line_sets(BREAKUP_POSTS)
    assert all(len(s) == 3 for s in sets), sets
    assert len(set(sets)) == len(sets), sets


def test_a_symptom_the_post_names_is_named_but_not_in_every_line() -> None:
    found = [s.text for s in suggest("胃疼了一整天，什么都吃不下")]
    named = [t for t in found if "胃疼" in t]
    assert 1 <= len(named) <= 2, found


def test_a_question_about_a_trip_is_not_answered_as_a_trip() -> None:
    for post in ("下周去厦门会下雨吗？", "这家火锅好吃吗"):
        found = [s.text for s in suggest(post)]
        assert not any(re.search(r"好美|好玩吗|想去清单|馋|太香|满足", t) for t in found), (post, found)


def test_good_night_is_not_read_as_good_morning() -> None:
    found = [s.text for s in suggest("听会儿歌就睡了，晚安")]
    assert not any(re.search(r"早|今天有什么安排", t) for t in found), found


def test_a_pet_found_again_is_not_treated_as_lost() -> None:
    found = [s.text for s in suggest("猫差点丢了，翻遍了整个小区，终于找到了")]
    assert not any(re.search(r"牌子|很快回家|先别慌|群发", t) for t in found), found


def test_a_grief_post_gets_no_question_about_what_happened() -> None:
    for post in ("外婆昨天去世了，我还没来得及回去看她", "我家狗狗昨天走了，陪了我十二年"):
        questions = [s.text for s in suggest(post) if s.intent == "question"]
        assert questions and not any(_PROBE.search(q) for q in questions), (post, questions)


def test_lines_for_a_post_with_no_situation_never_brush_it_off() -> None:
    general = [line.text for line in bank()["general"] if line.variant in ("low", "angry")]
    assert general and not [t for t in general if _BRUSH_OFF.search(t)]


def test_a_fall_after_a_quarrel_with_mum_is_the_authors_own() -> None:
    found = [s.text for s in suggest("昨晚和老妈生气，今天赶车摔倒了膝盖好疼")]
    assert found and not any("阿姨" in t for t in found), found
    assert any("阿姨" in s.text for s in suggest("我妈昨天摔倒了，膝盖肿了"))


def test_a_word_about_a_game_is_no_game_played() -> None:
    assert suggest("这游戏是格斗还是卡牌啊") == []


def test_a_guessing_game_about_a_sight_still_gets_its_lines() -> None:
    found = [s.text for s in suggest("今晚的星空，猜猜我在哪？")]
    assert len(found) == 3, found
