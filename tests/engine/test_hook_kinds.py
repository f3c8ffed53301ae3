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
