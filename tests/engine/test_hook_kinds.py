"""Hooks members write without the usual cue words, and questions that invite nobody."""

from __future__ import annotations

import pytest

from nook.engine.hooks import detect_hook


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("周末爬山 or 看展？", "poll"),
        ("麻辣烫/酸辣粉/米线选一个", "poll"),
        ("接龙：一个字形容今天", "challenge"),
        ("有没有人周末一起去看展，找个搭子", "challenge"),
        ("给我起个外号", "challenge"),
        ("有件事憋了一周，明天再说", "suspense"),
        ("评论过20条就讲结局", "suspense"),
        ("那天晚上我推开宿舍门，发现……", "suspense"),
        ("甜豆花还是咸豆花？", "poll"),
        ("周末宅家还是出门？", "poll"),
    ],
)
def test_hooks_without_cue_words_are_found(text: str, kind: str) -> None:
    hook = detect_hook(text, suggest=False)
    assert hook.present and hook.type == kind
    assert hook.span is not None and text[hook.span[0] : hook.span[1]] == hook.span_text


@pytest.mark.parametrize(
    "text",
    ["为什么周一总是来这么快？", "今天要不要去吃火锅？哎，随便吧", "好累……", "怎么又下雨了？"],
)
def test_rhetorical_retracted_and_sighing_texts_are_not_hooks(text: str) -> None:
    assert not detect_hook(text, suggest=False).present


# --- the trained model (hooks-v4) judges what the precise rules leave open ----------------------------


@pytest.mark.parametrize("text", ["笑死，这也能上热搜？", "这么热的天还要开会？"])
def test_a_vent_with_a_question_mark_is_not_a_hook(text: str) -> None:
    assert not detect_hook(text, suggest=False).present


def test_thinking_aloud_without_readers_in_view_is_not_a_hook() -> None:
    # The label guide's ruling: deliberation that asks nobody ("要不要续成42天的月子") invites no reply.
    assert not detect_hook("想了很久，要不要把猫接回老家养？", suggest=False).present


@pytest.mark.parametrize(
    "text",
    ["你到家了吗？", "下周去成都玩三天，有什么必吃的？", "周末有空一起去爬山吗？", "你们最喜欢哪一首？"],
)
def test_questions_readers_can_answer_stay_hooks(text: str) -> None:
    hook = detect_hook(text, suggest=False)
    assert hook.present and hook.type == "question"


@pytest.mark.parametrize("text", ["到家了吗？", "毕业了？", "搬家了？"])
def test_a_bare_check_in_question_asks_the_reader(text: str) -> None:
    # A conversation opener without a subject asks the one who reads it (the label guide's short questions).
    hook = detect_hook(text, suggest=False)
    assert hook.present and hook.type == "question"


def test_a_short_question_about_the_writer_is_not_a_hook() -> None:
    assert not detect_hook("我又胖了？", suggest=False).present


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("今晚的月亮特别圆。记得给我留言，我挑三个人寄明信片", "记得给我留言，我挑三个人寄明信片"),
    ],
)
def test_a_hook_no_rule_names_points_at_the_sentence_that_asks(text: str, span: str) -> None:
    hook = detect_hook(text, suggest=False)
    assert hook.present and hook.span is not None
    assert text[hook.span[0] : hook.span[1]] == hook.span_text == span


# --- words that only suggest a kind: on real posts they are mostly rants, so the model judges them ----------


@pytest.mark.parametrize(
    "text",
    [
        "天天加班到半夜，工资拖了两个月，有本事你先把工资发了试试！",  # "有本事" dares nobody to reply
        "这到底是在开会还是在吵架？",  # "是A还是B" as a complaint, not options to pick
        "人生处处是挑战，熬过去就好了。",
        "这家店装修得很神秘，菜却一般。",
    ],
)
def test_a_rant_with_a_challenge_or_poll_word_is_not_a_hook(text: str) -> None:
    assert not detect_hook(text, suggest=False).present


def test_a_long_sigh_trailing_off_is_not_a_cliffhanger() -> None:
    # Only a story cut off at its turn ("推开门，发现……") is; "突然" early in a sigh is not enough.
    assert not detect_hook("有时候突然觉得，自己被丢在了人群里，谁也看不见……", suggest=False).present
