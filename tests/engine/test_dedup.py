"""Copy-paste detection: what a moderator relies on when comments are pasted across accounts."""

from __future__ import annotations

import itertools
import json

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from nook.cli.main import app
from nook.engine.comments import CopyPasteIndex, find_copy_clusters
from nook.engine.comments._bare import strip_many
from nook.engine.comments._minhash import permutations, signatures
from nook.engine.text import strip_for_dedup

SPAM = "这家店的东西真的太好用了，我已经回购三次了，大家可以去看看"
SPAM_EDITS = [
    "这家店的东西真的太好用了，我已经回购三次了，大家可以去看看！",
    "这家店的东西真的太好用啦，我已经回购三次了，大家可以去看看",
    "这家店的东西真的很好用了，我已经回购四次了，大家可以去看看[赞]",
    "這家店的東西真的太好用了，我已經回購三次了，大家可以去看看",
]
ORGANIC = [
    "我家猫今天第一次自己开门，吓我一跳",
    "周末去爬山吗？听说山顶的杜鹃开了",
    "加班到十点，地铁上差点睡着",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\n")), max_size=5))
def test_batch_normalisation_agrees_with_single(texts: list[str]) -> None:
    assert strip_many(texts) == [strip_for_dedup(t) for t in texts]


def test_line_breaks_inside_a_comment_do_not_split_it() -> None:
    texts = ["第一行\n第二行", "没有换行", "\n\n"]
    assert strip_many(texts) == [strip_for_dedup(t) for t in texts] == ["第一行第二行", "没有换行", ""]


def _signature(text: str, mult: np.ndarray, add: np.ndarray) -> list[int]:
    """One text's MinHash, written out plainly: the minimum of each permutation over its bigrams."""
    codes = [(ord(a) << 21) | ord(b) for a, b in itertools.pairwise(text)]
    if not codes:
        return [0xFFFFFFFF] * mult.size
    hashed = (np.array(codes, dtype=np.uint64)[:, None] * mult + add) >> np.uint64(32)
    return [int(v) for v in hashed.min(axis=0)]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="哈我也是的好吃太棒了a1", max_size=30), max_size=40))
def test_batch_signatures_are_each_texts_own_minhash(texts: list[str]) -> None:
    # the batch path groups texts by length and hashes shared bigrams once; no text may see another's
    mult, add = permutations(12)
    assert signatures(texts, mult, add).tolist() == [_signature(t, mult, add) for t in texts]


def test_edited_copies_across_accounts_form_one_cluster_and_organic_comments_stay_out() -> None:
    texts = [*ORGANIC[:2], SPAM, *SPAM_EDITS, *ORGANIC[2:]]
    clusters = find_copy_clusters(texts)
    assert [sorted(c) for c in clusters] == [[2, 3, 4, 5, 6]]


def test_short_common_phrases_are_not_copy_paste() -> None:
    assert find_copy_clusters(["哈哈哈哈哈哈哈", "哈哈哈哈哈哈", "祝你生日快乐", "祝你生日快乐！"]) == []


def test_index_reports_what_a_new_comment_copies_with_author_and_similarity() -> None:
    index = CopyPasteIndex()
    assert index.add("c1", SPAM, author="alice") == []
    index.add("c2", ORGANIC[0], author="bob")
    exact = index.add("c3", SPAM + "！！", author="carol")
    assert [(m.comment_id, m.author, m.exact) for m in exact] == [("c1", "alice", True)]
    near = index.check(SPAM_EDITS[2])
    assert {m.comment_id for m in near} == {"c1", "c3"}
    assert all(0.45 <= m.similarity < 1.0 for m in near)
    assert index.check(ORGANIC[1]) == []


def test_rebuilt_index_finds_the_same_matches() -> None:
    live = CopyPasteIndex()
    for i, text in enumerate([*ORGANIC, SPAM]):
        live.add(str(i), text)
    rebuilt = CopyPasteIndex()
    rebuilt.add_many((str(i), text, None) for i, text in enumerate([*ORGANIC, SPAM]))
    probe = SPAM_EDITS[1]
    assert [m.comment_id for m in rebuilt.check(probe)] == [m.comment_id for m in live.check(probe)] == ["3"]


def test_cli_prints_clusters_of_ids_and_stats() -> None:
    lines = [{"id": f"s{i}", "text": t, "author": f"u{i}"} for i, t in enumerate([SPAM, *SPAM_EDITS[:2]])]
    lines.append({"id": "o", "text": ORGANIC[0]})
    stdin = "\n".join(json.dumps(x, ensure_ascii=False) for x in lines)
    result = CliRunner().invoke(app, ["engine", "dedup"], input=stdin)
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["clusters"] == [["s0", "s1", "s2"]]
    assert out["stats"]["comments"] == 4
    assert out["stats"]["clusters_across_authors"] == 1


def test_cli_rejects_a_line_without_text() -> None:
    result = CliRunner().invoke(app, ["engine", "dedup"], input='{"id": 1}\n')
    assert result.exit_code != 0
