"""Understanding a post: normalisation, emotion, fine states, scenes, hooks, keywords, profiles."""

from __future__ import annotations

import json
import math

import pytest

from nook.engine import (
    InterestProfile,
    analyze_record,
    analyze_stream,
    classify_emotion,
    classify_emotions,
    detect_hook,
    detect_scenes,
    extract_keywords,
    normalize,
    strip_for_dedup,
    suggest_hooks,
)
from nook.engine.emotion import LABELS
from nook.engine.hooks import HOOK_TYPES
from nook.engine.text import emoticon_emotions

# --- normalisation -------------------------------------------------------------------------------


def test_traditional_text_becomes_simplified() -> None:
    assert normalize("這個東西真的很好用").text == "这个东西真的很好用"


def test_emoticon_codes_are_removed_from_text_and_kept_as_signals() -> None:
    norm = normalize("今天好累[泪][允悲]但是[赞]")
    assert norm.text == "今天好累 但是"
    assert norm.emoticons == ("泪", "允悲", "赞")
    assert emoticon_emotions(norm.emoticons) == {"sad": 2, "happy": 1}


def test_unicode_emoji_are_extracted_with_skin_tones_and_joiners_dropped() -> None:
    norm = normalize("太棒了👍🏻😂")
    assert norm.text == "太棒了"
    assert norm.emoticons == ("👍", "😂")


def test_urls_and_mentions_are_pulled_out() -> None:
    norm = normalize("转发一下 http://t.cn/A6PqoMKY //@小明:哈哈说得对")
    assert norm.urls == ("http://t.cn/A6PqoMKY",)
    assert norm.mentions == ("小明",)
    assert "t.cn" not in norm.text and "@" not in norm.text
    assert "说得对" in norm.text


def test_repeats_become_intensity_cues_and_are_shortened_in_text() -> None:
    norm = normalize("好开心！！！！！哈哈哈哈哈哈")
    assert "!!!!!" in norm.intensity_cues  # NFKC turns full-width ！ into !
    assert norm.text == "好开心!!!哈哈哈"
    assert norm.cue_strength > normalize("好开心").cue_strength


def test_strip_for_dedup_ignores_emoji_punctuation_space_and_script() -> None:
    assert strip_for_dedup("好 看！！[赞]👍") == strip_for_dedup("好看。") == "好看"
    assert strip_for_dedup("這個好") == strip_for_dedup("这个好")


# --- emotion -------------------------------------------------------------------------------------

CLEAR = {
    "气死我了，快递又丢了，客服还不理人！": "angry",
    "外婆走了，再也吃不到她做的饭了，好难过": "sad",
    "好害怕明天的手术，怎么办": "fear",
    "天哪！居然在这里遇到了小学同学？？": "surprise",
    "今天下午三点在二楼会议室开会。": "neutral",
    "收到了心心念念的礼物，太开心了！": "happy",
}


@pytest.mark.parametrize(("text", "label"), CLEAR.items())
def test_emotion_gets_clear_cases_right(text: str, label: str) -> None:
    assert classify_emotion(text).label == label


def test_emotion_scores_are_a_probability_distribution_over_six_labels() -> None:
    for result in classify_emotions(list(CLEAR)):
        assert set(result.scores) == set(LABELS)
        assert all(0.0 <= p <= 1.0 for p in result.scores.values())
        assert math.isclose(sum(result.scores.values()), 1.0, abs_tol=1e-4)
        assert 0.0 <= result.intensity <= 1.0
        assert result.label == max(result.scores, key=result.scores.__getitem__)


def test_emotion_batch_matches_single_calls_and_empty_batch_is_empty() -> None:
    texts = list(CLEAR)
    assert [r.label for r in classify_emotions(texts)] == [classify_emotion(t).label for t in texts]
    assert classify_emotions([]) == []


def test_shouting_raises_intensity() -> None:
    calm = classify_emotion("气死我了")
    loud = classify_emotion("气死我了！！！！[怒][怒]")
    assert loud.intensity > calm.intensity


def test_emotion_to_json_has_the_contract_fields() -> None:
    data = classify_emotion("太开心了").to_json()
    assert set(data) == {"label", "scores", "intensity", "state"}
    json.dumps(data)


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("考研终于上岸了！太开心了", "proud"),
        ("连续加班一周，累到不想说话，好难受", "tired"),
        ("一个人在出租屋里，没人说话，好孤独", "lonely"),
        ("毕业了不知道该干什么，好迷茫，好难过", "lost"),
        ("明天就要考试了好紧张，好害怕考砸，怎么办", "anxious"),
        ("今天下午三点在二楼会议室开会。", "calm"),
    ],
)
def test_fine_states_on_clear_examples(text: str, state: str) -> None:
    assert classify_emotion(text).state == state


# --- scenes --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "scene"),
    [
        ("考研倒计时30天，今天刷了两套真题", "study"),
        ("这次旅行去了大理，住在洱海边的民宿", "travel"),
        ("加班到十点，老板还要周报", "work"),
        ("我家猫咪今天学会了开门", "pets"),
        ("周末去吃了一家超好吃的火锅", "food"),
        ("宝宝今天第一次自己吃辅食", "parenting"),
        ("抢到了爱豆演唱会的门票！", "fandom"),
        ("王者荣耀上分失败，连跪五把", "games"),
        ("新买的相机镜头，扫街拍了一组照片", "photography"),
        ("手帐打卡第100天，记录一下", "journaling"),
        ("今天跑步10公里，配速五分半", "sports"),
        ("和男朋友在一起三周年纪念日", "love"),
        ("发烧两天了，去医院打了针", "health"),
        ("过年回老家，爸妈做了一桌菜", "family"),
        ("拿到了奖学金，努力没有白费", "achievement"),
        ("周末宅家，打扫房间，晚上追剧", "daily_life"),
    ],
)
def test_scenes_on_clear_examples(text: str, scene: str) -> None:
    assert scene in [s.name for s in detect_scenes(text)][:2]


def test_scenes_are_multi_label_scored_and_sorted() -> None:
    scenes = detect_scenes("周末带着猫咪去海边旅行，拍了好多照片")
    names = [s.name for s in scenes]
    assert {"travel", "pets", "photography"} <= set(names)
    assert [s.score for s in scenes] == sorted((s.score for s in scenes), reverse=True)
    assert all(0 < s.score < 1 for s in scenes)


def test_text_without_a_topic_has_no_scene() -> None:
    assert detect_scenes("嗯嗯") == []


# --- hooks ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("今天收到一个神秘包裹。猜猜里面夹着什么？", "suspense"),
        ("周末去爬山还是去看展？", "poll"),
        ("最近书荒了，求推荐好看的小说！", "recommendation"),
        ("连续早起21天挑战，有没有人一起？", "challenge"),
        ("刚搬到杭州，你们觉得这边的冬天冷吗？", "question"),
    ],
)
def test_hook_type_is_detected(text: str, kind: str) -> None:
    hook = detect_hook(text)
    assert hook.present and hook.type == kind


def test_hook_span_points_at_the_hook_sentence_in_the_original_text() -> None:
    text = "今天收到一个神秘包裹。猜猜里面夹着什么？"
    hook = detect_hook(text)
    assert hook.span is not None
    start, end = hook.span
    assert text[start:end] == "猜猜里面夹着什么？" == hook.span_text


def test_statements_and_rhetorical_questions_have_no_hook() -> None:
    assert not detect_hook("今天加班到十点，回家路上月亮很圆。").present
    assert not detect_hook("为什么我总是这么倒霉？").present


def test_suggested_rewrites_keep_the_post_and_each_contain_a_hook() -> None:
    text = "周末去了趟西湖，风景真的好"
    suggestions = suggest_hooks(text, ["travel"], "happy")
    assert 2 <= len(suggestions) <= 3
    for s in suggestions:
        assert s.text.startswith(text)
        assert s.type in HOOK_TYPES
        assert detect_hook(s.text).present


def test_post_without_hook_gets_suggestions_post_with_hook_does_not() -> None:
    assert detect_hook("今天好累，不想说话", ["work"], "tired").suggestions
    assert detect_hook("周末去爬山还是去看展？").suggestions == ()
    assert detect_hook("   ").suggestions == ()  # nothing to rewrite


# --- keywords ------------------------------------------------------------------------------------


def test_keywords_are_content_words_not_filler() -> None:
    words = extract_keywords("今天终于考研上岸了，真的好开心，晚上和室友去吃火锅")
    assert {"考研", "上岸"} & set(words)
    assert "今天" not in words and "真的" not in words


# --- analyze -------------------------------------------------------------------------------------


def test_analyze_record_follows_the_contract() -> None:
    out = analyze_record({"id": "p1", "text": "考研终于上岸了！你们备考时最有用的方法是什么？", "kind": "post"})
    assert set(out) == {"id", "emotion", "scenes", "keywords", "hook"}
    assert out["id"] == "p1"
    assert set(out["emotion"]) == {"label", "scores", "intensity", "state"}
    assert all(set(s) == {"name", "score"} for s in out["scenes"])
    assert set(out["hook"]) == {"present", "type", "span", "suggestions"}
    assert out["hook"]["type"] == "question"


def test_analyze_stream_keeps_order_and_reports_malformed_lines() -> None:
    lines = [
        json.dumps({"id": 1, "text": "好开心"}),
        "{not json",
        json.dumps({"id": 3, "text": 42}),
        json.dumps({"id": 4, "text": "下班了", "kind": "comment", "post": "今天加班吗？"}),
        json.dumps({"id": 5, "text": "x", "kind": "story"}),
    ]
    out = list(analyze_stream(lines, batch_size=2))
    assert [o.get("id") for o in out] == [1, None, None, 4, None]
    assert [o.get("line") for o in out] == [None, 2, 3, None, 5]
    assert all("error" in out[i] for i in (1, 2, 4))
    assert out[3]["hook"]["suggestions"] == []  # comments are replies already


# --- profiles ------------------------------------------------------------------------------------

DAY = 86400.0


def test_profile_learns_interests_with_decay_and_round_trips_through_json() -> None:
    profile = InterestProfile(half_life_days=10)
    profile.observe("post", analyze_record({"text": "我家猫咪今天学会了开门"}), at=0.0)
    profile.observe("like", analyze_record({"text": "考研倒计时30天，今天刷了两套真题"}), at=5 * DAY)
    pets_before = profile.scenes["pets"]
    profile.observe("comment", analyze_record({"text": "周末去吃了一家超好吃的火锅"}), at=15 * DAY)
    assert math.isclose(profile.scenes["pets"], pets_before * 0.5, rel_tol=1e-6)  # one half-life later
    assert profile.top_scenes(1)[0][0] == "food"
    restored = InterestProfile.from_json(json.loads(json.dumps(profile.to_json())))
    assert restored == profile


def test_late_events_count_less_than_fresh_ones() -> None:
    profile = InterestProfile(half_life_days=10)
    profile.observe("post", analyze_record({"text": "王者荣耀上分失败，连跪五把"}), at=20 * DAY)
    profile.observe("post", analyze_record({"text": "今天跑步10公里，配速五分半"}), at=10 * DAY)
    assert profile.scenes["games"] > profile.scenes["sports"]


def test_current_state_follows_recent_own_posts_and_fades() -> None:
    profile = InterestProfile()
    assert profile.current_state() is None
    profile.observe("post", analyze_record({"text": "连续加班一周，累到不想说话，好难受"}), at=0.0)
    profile.observe("like", analyze_record({"text": "收到了心心念念的礼物，太开心了！"}), at=DAY / 2)
    state = profile.current_state()
    assert state is not None and state["state"] == "tired"  # likes do not change the member's mood
    assert profile.current_state(at=30 * DAY) is None


def test_a_comment_sets_mood_from_its_own_words_not_from_the_post() -> None:
    profile = InterestProfile()
    post = analyze_record({"text": "外婆走了，再也吃不到她做的饭了，好难过"})
    comment = analyze_record({"text": "抱抱你，太开心能认识你了！", "kind": "comment", "post": "外婆走了"})
    profile.observe("comment", post, at=0.0, own_words=comment)
    state = profile.current_state()
    assert state is not None and state["label"] == "happy"
    assert "family" in dict(profile.top_scenes())  # interests come from the post commented on


def test_unknown_event_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown event kind"):
        InterestProfile().observe("share", {}, at=0.0)
